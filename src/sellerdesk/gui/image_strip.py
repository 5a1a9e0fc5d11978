"""A product's photos as a strip of thumbnails: move, remove, add.

Local files are read and scaled in the READ lane (never on the GUI thread); web addresses get a
placeholder tile with their host name, since the editor never fetches anything from the network.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.gui.theme import Theme
from sellerdesk.services.media import IMAGE_SUFFIXES
from sellerdesk.tasks.runner import Lane, TaskContext, TaskHandle

TILE = 92
CELL = TILE + 8
SPACING = 4
MAX_ROWS = 3
CACHE_SIZE = 240
URI_ROLE = Qt.ItemDataRole.UserRole
IMAGE_FILTER = f"Images ({' '.join(f'*{suffix}' for suffix in sorted(IMAGE_SUFFIXES))})"


def local_path(uri: str) -> Path | None:
    """The file a ``file://`` address (or a plain path) points at; None for web addresses."""
    url = QUrl(uri)
    if url.isLocalFile():
        return Path(url.toLocalFile())
    if url.scheme() == "" or len(url.scheme()) == 1:  # a plain path, or C:\ on Windows
        return Path(uri)
    return None


def read_thumbnails(
    task: TaskContext, files: list[tuple[str, Path]], edge: int
) -> dict[str, QImage | None]:
    """Scaled images (None: unreadable) keyed by address; runs on a worker thread."""
    result: dict[str, QImage | None] = {}
    for uri, path in files:
        if task.cancelled():
            break
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and (size.width() > edge or size.height() > edge):
            reader.setScaledSize(size.scaled(edge, edge, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        result[uri] = None if image.isNull() else image
    return result


class ImageStrip(QWidget):
    """Thumbnails in order (the first is the main photo) and the buttons that change them."""

    #: the photo records in their new order (after a move or a removal)
    images_changed = Signal(list)
    #: the seller asked to add photos (the owner shows the file dialog)
    add_requested = Signal()

    def __init__(self, theme: Theme, bridge: TaskBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImageStrip")
        self._theme = theme
        self._bridge = bridge
        self._images: list[dict[str, Any]] = []
        self._cache: OrderedDict[str, QImage | None] = OrderedDict()
        self._task: TaskHandle[dict[str, QImage | None]] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.list = QListWidget(self)
        self.list.setObjectName("ImageList")
        self.list.setAccessibleName("Product photos")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(QSize(TILE, TILE))
        self.list.setSpacing(SPACING)
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemSelectionChanged.connect(self._update_buttons)

        self.empty = QLabel("No photos yet. Add some, or drop image files on this panel.", self)
        self.empty.setObjectName("EmptyPhotos")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(56)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.left_button = self._tool_button(
            Qt.ArrowType.LeftArrow, "Move the photo left (Ctrl+Left)", "Move photo left"
        )
        self.right_button = self._tool_button(
            Qt.ArrowType.RightArrow, "Move the photo right (Ctrl+Right)", "Move photo right"
        )
        self.left_button.clicked.connect(lambda: self.move_selected(-1))
        self.right_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName("Remove the selected photo")
        self.remove_button.setToolTip("Remove the selected photo from this product (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_button = QPushButton("Add Photos…", self)
        self.add_button.setAccessibleName("Add photos")
        self.add_button.setToolTip("Add photo files to this product (you can also drop them here)")
        self.add_button.clicked.connect(self.add_requested)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("PhotoCount")
        buttons.addWidget(self.left_button)
        buttons.addWidget(self.right_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.add_button)

        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

        for keys, slot in (
            ("Ctrl+Left", lambda: self.move_selected(-1)),
            ("Ctrl+Right", lambda: self.move_selected(1)),
            (QKeySequence.StandardKey.Delete, self.remove_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.set_images([])

    def _tool_button(self, arrow: Qt.ArrowType, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setArrowType(arrow)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setAutoRaise(False)
        probe = QPushButton("Remove")
        height = probe.sizeHint().height()
        probe.deleteLater()
        button.setFixedSize(height, height)
        return button

    # ------------------------------------------------------------------ state
    @property
    def images(self) -> list[dict[str, Any]]:
        return list(self._images)

    def set_images(self, images: list[dict[str, Any]]) -> None:
        """Show these photo records (in order); keeps the selection on the same photo."""
        selected = self.selected_uri()
        self._images = [dict(image) for image in images]
        self.list.clear()
        for position, image in enumerate(self._images):
            uri = str(image.get("uri") or "")
            item = QListWidgetItem(self.list)
            item.setData(URI_ROLE, uri)
            item.setSizeHint(QSize(CELL, CELL))
            item.setToolTip(self._tooltip(image, position))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._tooltip(image, position))
            item.setIcon(self._icon_for(uri, main=position == 0))
            if uri == selected:
                self.list.setCurrentItem(item)
        has_images = bool(self._images)
        self.list.setVisible(has_images)
        self.empty.setVisible(not has_images)
        count = len(self._images)
        self.count_label.setText(f"{count} photo{'s' if count != 1 else ''}" if count else "")
        self._update_buttons()
        self._fit_height()
        self._load_missing()

    def _fit_height(self) -> None:
        """As many rows as the photos need (up to ``MAX_ROWS``; beyond that it scrolls)."""
        width = max(CELL, self.width() - 2 * self.list.frameWidth())
        per_row = max(1, (width - SPACING) // (CELL + 2 * SPACING))
        rows = min(MAX_ROWS, max(1, -(-len(self._images) // per_row)))
        self.list.setFixedHeight(rows * (CELL + 2 * SPACING) + 2 * self.list.frameWidth() + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def selected_uri(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(URI_ROLE)) if item is not None and item.isSelected() else None

    def thumbnail_loaded(self, uri: str) -> bool:
        """True once the file behind ``uri`` was read (tests, automation)."""
        return self._cache.get(uri) is not None

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.set_images(self._images)

    def set_bridge(self, bridge: TaskBridge) -> None:
        self._bridge = bridge
        self._task = None

    # ---------------------------------------------------------------- editing
    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self._images):
            return
        images = list(self._images)
        images[row], images[target] = images[target], images[row]
        self.set_images(images)
        self.list.setCurrentRow(target)
        self.images_changed.emit(images)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0 or row >= len(self._images):
            return
        images = [image for index, image in enumerate(self._images) if index != row]
        self.set_images(images)
        if images:
            self.list.setCurrentRow(min(row, len(images) - 1))
        self.images_changed.emit(images)

    def _update_buttons(self) -> None:
        row = self.list.currentRow() if self.list.selectedItems() else -1
        self.left_button.setEnabled(row > 0)
        self.right_button.setEnabled(0 <= row < len(self._images) - 1)
        self.remove_button.setEnabled(row >= 0)

    # ------------------------------------------------------------- thumbnails
    def _load_missing(self) -> None:
        files = []
        for image in self._images:
            uri = str(image.get("uri") or "")
            path = local_path(uri)
            if path is not None and uri not in self._cache:
                files.append((uri, path))
        if self._task is not None and not self._task.future.done():
            self._task.cancel()
        if not files or not self._bridge.attached:
            return
        edge = round(TILE * max(1.0, self.devicePixelRatioF()))

        def work(task: TaskContext) -> dict[str, QImage | None]:
            return read_thumbnails(task, files, edge)

        self._task = (
            Op(self, work, bridge=self._bridge)
            .titled("Loading photos")
            .in_lane(Lane.READ)
            .on_success(self._thumbnails_read)
            .on_failure(lambda _error: None)
            .run()
        )

    def _thumbnails_read(self, images: dict[str, QImage | None]) -> None:
        for uri, image in images.items():
            self._cache[uri] = image
            self._cache.move_to_end(uri)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        for row in range(self.list.count()):
            item = self.list.item(row)
            uri = str(item.data(URI_ROLE))
            if uri in images:
                item.setIcon(self._icon_for(uri, main=row == 0))
        self._load_missing()  # photos added while this batch was read

    def _icon_for(self, uri: str, *, main: bool) -> QIcon:
        path = local_path(uri)
        if path is None:
            host = QUrl(uri).host() or "web address"
            return QIcon(self._tile(None, f"On the web\n{host}", main))
        if uri not in self._cache:
            return QIcon(self._tile(None, "Loading…", main))
        image = self._cache[uri]
        if image is None:
            return QIcon(self._tile(None, "Missing or\nunreadable file", main))
        return QIcon(self._tile(image, None, main))

    def _tile(self, image: QImage | None, text: str | None, main: bool) -> QPixmap:
        ratio = max(1.0, self.devicePixelRatioF())
        pixmap = QPixmap(round(TILE * ratio), round(TILE * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        theme = self._theme
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frame = QRectF(0.5, 0.5, TILE - 1, TILE - 1)
        path = QPainterPath()
        path.addRoundedRect(frame, 6, 6)
        painter.fillPath(path, QColor(theme.base if image is not None else theme.alt_base))
        if image is not None:
            painter.save()
            painter.setClipPath(path)
            scaled = image.size().scaled(TILE - 6, TILE - 6, Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(
                (TILE - scaled.width()) / 2,
                (TILE - scaled.height()) / 2,
                scaled.width(),
                scaled.height(),
            )
            painter.drawImage(target, image)
            painter.restore()
        elif text:
            font = QFont(self.font())
            font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
            painter.setFont(font)
            painter.setPen(QColor(theme.muted))
            painter.drawText(
                frame.adjusted(6, 6, -6, -6),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                text,
            )
        painter.setPen(QPen(QColor(theme.border), 1))
        painter.drawPath(path)
        if main:
            self._paint_main_badge(painter)
        painter.end()
        return pixmap

    def _paint_main_badge(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.75))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        width = painter.fontMetrics().horizontalAdvance("Main") + 10
        height = painter.fontMetrics().height() + 2
        badge = QRectF(5, 5, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self._theme.accent))
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(QColor(self._theme.on_accent))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), "Main")

    @staticmethod
    def _tooltip(image: dict[str, Any], position: int) -> str:
        uri = str(image.get("uri") or "")
        path = local_path(uri)
        name = path.name if path is not None else uri
        size = ""
        if image.get("width") and image.get("height"):
            size = f", {image['width']} × {image['height']} px"
        role = "main photo" if position == 0 else f"photo {position + 1}"
        return f"{name} ({role}{size})"
