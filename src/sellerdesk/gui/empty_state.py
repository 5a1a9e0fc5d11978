"""The empty-catalog page: a friendly drop zone and a one-click demo catalog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.icons import illustration, load_icon
from sellerdesk.gui.theme import LIGHT, Theme

ART_SIZE = QSize(240, 180)


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """Local files carried by a drag (empty when it carries anything else)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _art_colors(theme: Theme) -> dict[str, str]:
    if theme.dark:
        box = {"box_light": "#a8794a", "box_mid": "#8d6238", "box_dark": "#5b3f24"}
        return {**box, "box_line": "#3b2916", "paper": "#2c3036", "line": "#5d6572"} | {
            "accent": theme.accent,
            "accent_soft": theme.accent_soft,
        }
    box = {"box_light": "#f1cf9f", "box_mid": "#e3b57a", "box_dark": "#c99255"}
    return {**box, "box_line": "#a8733b", "paper": "#ffffff", "line": "#c5ccd6"} | {
        "accent": theme.accent,
        "accent_soft": theme.accent_soft,
    }


class EmptyStatePanel(QWidget):
    """Shown instead of the table while the catalog has no products."""

    demo_requested = Signal()
    open_requested = Signal()
    files_dropped = Signal(list)

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAcceptDrops(True)
        self.setAccessibleName("Empty catalog")

        self.zone = QFrame(self)
        self.zone.setObjectName("DropZone")
        self.zone.setProperty("dragging", False)
        self.zone.setMaximumWidth(640)
        self.zone.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.art = QLabel(self.zone)
        self.art.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.art.setAccessibleName("Illustration: an open box of products")

        self.title = QLabel("Your catalog is empty", self.zone)
        self.title.setObjectName("EmptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.55)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)

        self.text = QLabel(
            "Drop a product spreadsheet (CSV or Excel) here to bring in your products, "
            "or look around first with a demo catalog of 300 sample products.",
            self.zone,
        )
        self.text.setObjectName("EmptyText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        body_font = QFont(self.font())
        body_font.setPointSizeF(body_font.pointSizeF() * 1.08)
        self.text.setFont(body_font)

        self.demo_button = QPushButton(" Open the demo catalog", self.zone)
        self.demo_button.setObjectName("PrimaryButton")
        self.demo_button.setAccessibleName("Open the demo catalog")
        self.demo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.demo_requested)

        self.open_button = QPushButton(" Open a catalog file…", self.zone)
        self.open_button.setObjectName("SecondaryButton")
        self.open_button.setAccessibleName("Open a catalog file")
        self.open_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.clicked.connect(self.open_requested)

        self.note = QLabel(
            "Works offline  ·  Every change can be undone  ·  Automatic daily backups", self.zone
        )
        self.note.setObjectName("EmptyText")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note_font = QFont(self.font())
        note_font.setPointSizeF(note_font.pointSizeF() * 0.92)
        self.note.setFont(note_font)

        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        inner = QVBoxLayout(self.zone)
        inner.setContentsMargins(48, 36, 48, 32)
        inner.setSpacing(10)
        inner.addWidget(self.art)
        inner.addSpacing(6)
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        inner.addSpacing(14)
        inner.addLayout(buttons)
        inner.addSpacing(18)
        inner.addWidget(self.note)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.zone, 10)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)

        self.setTabOrder(self.demo_button, self.open_button)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        ratio = self.devicePixelRatioF() if self.isVisible() else 2.0
        pixmap = illustration("empty_catalog", _art_colors(theme), ART_SIZE, max(ratio, 2.0))
        self.art.setPixmap(pixmap)
        self.demo_button.setIcon(load_icon("demo", theme.on_accent))
        self.open_button.setIcon(load_icon("open", theme.text))

    def _set_dragging(self, dragging: bool) -> None:
        self.zone.setProperty("dragging", dragging)
        self.zone.style().unpolish(self.zone)
        self.zone.style().polish(self.zone)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
            self._set_dragging(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_dragging(False)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_dragging(False)
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
