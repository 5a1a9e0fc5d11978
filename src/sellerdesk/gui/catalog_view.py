"""The catalog table widget: compact rows, movable sortable headers, a no-results message."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QRect, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from sellerdesk.gui.catalog_model import CatalogTableModel
from sellerdesk.gui.columns import COLUMN_INDEX, COLUMNS
from sellerdesk.gui.delegates import StatusPillDelegate
from sellerdesk.gui.theme import LIGHT, Theme

#: The title column takes the room the others leave, within these bounds (pixels).
TITLE_MIN, TITLE_MAX = 240, 620
#: Room for the cells' side padding (style sheet) and for the header's padding and sort arrow.
CELL_PADDING, HEADER_PADDING = 24, 36


class CatalogView(QTableView):
    """A QTableView set up for a big, read-mostly product list."""

    #: emitted after every paint of the viewport (benchmarks and screenshots wait on it)
    painted = Signal()

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CatalogTable")
        self.setAccessibleName("Products")
        self.setAccessibleDescription("Your products. Click a column header to sort.")
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QTableView.Shape.NoFrame)
        self._empty_message = ""
        self._status_delegate = StatusPillDelegate(theme, self)
        self.setItemDelegateForColumn(COLUMN_INDEX["status"], self._status_delegate)

        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(18)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)

        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(48)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setAccessibleName("Columns")

    def set_theme(self, theme: Theme) -> None:
        self._status_delegate.set_theme(theme)
        self.viewport().update()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        header = self.horizontalHeader()
        self.setSortingEnabled(False)
        super().setModel(model)
        if isinstance(model, CatalogTableModel):
            query = model.query
            section = next((i for i, c in enumerate(COLUMNS) if c.sort == query.sort), -1)
            order = (
                Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
            )
            header.setSortIndicator(section, order)
        self.setSortingEnabled(True)

    def set_empty_message(self, text: str) -> None:
        """Text painted in the middle of the table when it has no rows (e.g. no matches)."""
        if text != self._empty_message:
            self._empty_message = text
            self.viewport().update()

    def apply_default_widths(self) -> None:
        """Column widths that fit typical values and labels; the title fills what is left."""
        cells = self.fontMetrics()
        header = self.horizontalHeader()
        labels = header.fontMetrics()
        for index, column in enumerate(COLUMNS):
            cell = cells.horizontalAdvance(column.sample) + CELL_PADDING
            label = labels.horizontalAdvance(column.label) + HEADER_PADDING
            header.resizeSection(index, max(cell, label))
        self.fit_title_column()

    def fit_title_column(self) -> None:
        header = self.horizontalHeader()
        title = COLUMN_INDEX["title"]
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != title)
        room = self.viewport().width() - others
        header.resizeSection(title, max(TITLE_MIN, min(TITLE_MAX, room)))

    def first_visible_row(self) -> int:
        return self.rowAt(0)

    def visible_rows_loaded(self) -> bool:
        """True when the rows on screen have their data (not just placeholders)."""
        model = self.model()
        if not isinstance(model, CatalogTableModel) or not model.loaded:
            return False
        if model.rowCount() == 0:
            return True
        first = max(self.rowAt(0), 0)
        last = self.rowAt(self.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        return model.is_row_loaded(first) and model.is_row_loaded(last)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self._empty_message and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 1.15)
            painter.setFont(font)
            painter.setPen(self.palette().placeholderText().color())
            area = QRect(self.viewport().rect()).adjusted(24, 0, -24, 0)
            area.setHeight(min(area.height(), 160))
            painter.drawText(
                area,
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self._empty_message,
            )
            painter.end()
        self.painted.emit()
