"""The catalog table widget: a spreadsheet-like product list that edits in place.

Compact rows, movable sortable headers (some columns start hidden), typed
cell editors, copy/paste of cell ranges with spreadsheets, fill down, clear, bulk edit, a
problems badge per row, and photo files dropped onto a row. Actions (``copy_action``,
``paste_action``, ``fill_down_action``, ``clear_action``, ``bulk_edit_action``) carry the
shortcuts and can go into the window's Edit menu as they are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QMessageBox,
    QTableView,
    QWidget,
)

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import Kind
from sellerdesk.core.taxonomy import SharedTaxonomy
from sellerdesk.gui.bulk_edit_dialog import BulkEditDialog
from sellerdesk.gui.catalog_model import CatalogTableModel
from sellerdesk.gui.clipboard import clear_selection, copy_selection, fill_down, paste_clipboard
from sellerdesk.gui.columns import COLUMN_INDEX, COLUMNS, PROBLEMS_COLUMN
from sellerdesk.gui.delegates import CatalogDelegate, ProblemBadgeDelegate, StatusPillDelegate
from sellerdesk.gui.empty_state import dropped_files
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.long_text_dialog import LongTextDialog
from sellerdesk.gui.table_roles import PRODUCT_ID_ROLE
from sellerdesk.gui.theme import LIGHT, Theme
from sellerdesk.resources import default_taxonomy_path
from sellerdesk.services.media import is_image_file

#: The title column takes the room the others leave, within these bounds (pixels).
TITLE_MIN, TITLE_MAX = 240, 620
#: Room for the cells' side padding (style sheet) and for the header's padding and sort arrow.
CELL_PADDING, HEADER_PADDING = 24, 36

Index = QModelIndex | QPersistentModelIndex
Trigger = QAbstractItemView.EditTrigger
_LONG_TEXT_TRIGGERS = (
    Trigger.DoubleClicked,
    Trigger.EditKeyPressed,
    Trigger.AnyKeyPressed,
    Trigger.AllEditTriggers,
)


class CatalogView(QTableView):
    """A QTableView set up for a big product list that the seller edits like a spreadsheet."""

    #: emitted after every paint of the viewport (benchmarks and screenshots wait on it)
    painted = Signal()
    #: ChangeSummary of an edit, paste, fill, clear or bulk edit made here, once saved
    changes_applied = Signal(object)
    #: the product of the current cell (int id, or None)
    current_product_changed = Signal(object)
    #: photo files dropped onto a product's row: (product id, list of Paths)
    images_dropped = Signal(int, list)
    #: a short message for the window's status bar ("Pasted 9 cells")
    status_message = Signal(str)

    def __init__(
        self,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
        taxonomy: SharedTaxonomy | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CatalogTable")
        self.setAccessibleName("Products")
        self.setAccessibleDescription(
            "Your products. Double-click a cell or start typing to edit it; "
            "click a column header to sort."
        )
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(Trigger.DoubleClicked | Trigger.EditKeyPressed | Trigger.AnyKeyPressed)
        self.setTabKeyNavigation(True)
        self.setFrameShape(QTableView.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self._theme = theme
        self._empty_message = ""
        self._drop_row = -1
        self._current_id: int | None = None
        self._model: CatalogTableModel | None = None
        self.last_dialog: QWidget | None = None

        self.taxonomy = taxonomy or SharedTaxonomy(default_taxonomy_path())
        self._delegate = CatalogDelegate(theme, self.taxonomy, self)
        self._status_delegate = StatusPillDelegate(theme, self.taxonomy, self)
        self._problem_delegate = ProblemBadgeDelegate(theme, self.taxonomy, self)
        self.setItemDelegate(self._delegate)
        self.setItemDelegateForColumn(COLUMN_INDEX["status"], self._status_delegate)
        self.setItemDelegateForColumn(PROBLEMS_COLUMN, self._problem_delegate)

        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(18)
        self.set_density("comfortable")

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
        self._sort_state = (-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)

        standard = QKeySequence.StandardKey
        self.copy_action = self._action(
            "&Copy", QKeySequence.keyBindings(standard.Copy), self.copy_cells,
            "Copy the selected cells (paste them into a spreadsheet or back here)",
        )  # fmt: skip
        self.paste_action = self._action(
            "&Paste", QKeySequence.keyBindings(standard.Paste), self.paste_cells,
            "Paste cells copied from a spreadsheet, starting at the selected cell",
        )  # fmt: skip
        self.fill_down_action = self._action(
            "Fill &Down", [QKeySequence("Ctrl+D")], self.fill_down,
            "Copy the top selected cell of each column into the selected cells below it",
        )  # fmt: skip
        self.clear_action = self._action(
            "C&lear Cells", [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)],
            self.clear_cells, "Empty the selected cells",
        )  # fmt: skip
        self.bulk_edit_action = self._action(
            "&Bulk Edit…", [QKeySequence("Ctrl+Shift+E")], self.open_bulk_edit,
            "Change one field of the selected products at once (set, replace, adjust prices)",
        )  # fmt: skip

    # ================================================================= setup
    def set_density(self, density: str) -> None:
        """Row height for the "comfortable" (default) or "compact" table density."""
        padding = 10 if density == "compact" else 16
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + padding)

    def _action(
        self, text: str, keys: list[QKeySequence], slot: Callable[[], object], tip: str
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for delegate in (self._delegate, self._status_delegate, self._problem_delegate):
            delegate.set_theme(theme)
        self.viewport().update()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        header = self.horizontalHeader()
        old = self._model
        if old is not None:
            for signal, slot in self._model_connections(old):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        self.setSortingEnabled(False)
        super().setModel(model)
        self._model = model if isinstance(model, CatalogTableModel) else None
        for index, column in enumerate(COLUMNS):
            self.setColumnHidden(index, column.hidden)
        if self._model is not None:
            self._model.set_taxonomy(self.taxonomy)
            for signal, slot in self._model_connections(self._model):
                signal.connect(slot)
            query = self._model.query
            section = next((i for i, c in enumerate(COLUMNS) if c.sort == query.sort), -1)
            order = (
                Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
            )
            self._sort_state = (section, order)
            header.setSortIndicator(section, order)
        if self.selectionModel() is not None:
            self.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.setSortingEnabled(True)
        self._current_id = None
        self._check_current()

    def _model_connections(self, model: CatalogTableModel) -> list[tuple[Any, Any]]:
        return [
            (model.changes_applied, self.changes_applied),
            (model.ids_complete, self._follow_current),
            (model.modelReset, self._check_current),
            (model.rowsRemoved, self._check_current),
        ]

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
            self.setColumnHidden(index, column.hidden)
        self.fit_title_column()

    def fit_title_column(self) -> None:
        header = self.horizontalHeader()
        title = COLUMN_INDEX["title"]
        others = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != title and not header.isSectionHidden(i)
        )
        room = self.viewport().width() - others
        header.resizeSection(title, max(TITLE_MIN, min(TITLE_MAX, room)))

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

    # ============================================================ selection
    def selected_product_ids(self) -> list[int]:
        """Products with at least one selected cell, in table order."""
        model = self._model
        selection = self.selectionModel()
        if model is None or selection is None:
            return []
        chosen = selection.selection()
        spans = sorted((part.top(), part.bottom()) for part in chosen.toList())
        merged: list[list[int]] = []
        for top, bottom in spans:
            if merged and top <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], bottom)
            else:
                merged.append([top, bottom])
        ids: list[int] = []
        for top, bottom in merged:
            ids.extend(model.ids_between(top, bottom))
        return ids

    def current_product_id(self) -> int | None:
        model = self._model
        current = self.currentIndex()
        if model is None or not current.isValid():
            return None
        return model.product_id(current.row())

    def select_product(self, product_id: int, column: int | None = None) -> bool:
        """Make ``product_id``'s row current (scrolling to it); False when it is not shown."""
        model = self._model
        row = None if model is None else model.row_of(product_id)
        if model is None or row is None:
            return False
        if column is None:
            current = self.currentIndex()
            column = current.column() if current.isValid() else COLUMN_INDEX["title"]
        index = model.index(row, column)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)
        return True

    def _current_row_changed(self, *_args: object) -> None:
        self._check_current()

    def _check_current(self, *_args: object) -> None:
        product = self.current_product_id()
        if product != self._current_id:
            self._current_id = product
            self.current_product_changed.emit(product)

    def _follow_current(self) -> None:
        """After the ids reload (an edit moved rows), keep the same product current."""
        wanted, model = self._current_id, self._model
        current = self.currentIndex()
        if wanted is None or model is None or not current.isValid():
            self._check_current()
            return
        if model.product_id(current.row()) != wanted:
            row = model.row_of(wanted)
            if row is not None:
                index = model.index(row, current.column())
                self.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.scrollTo(index)
        self._check_current()

    # ============================================================== editing
    def edit(  # type: ignore[override]
        self,
        index: Index,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool:
        if trigger is None:
            super().edit(index)
            return self.state() == QAbstractItemView.State.EditingState
        if (
            index.isValid()
            and index.column() < len(COLUMNS)
            and COLUMNS[index.column()].editor == Kind.LONG_TEXT
            and trigger in _LONG_TEXT_TRIGGERS
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.open_long_text(index)
            return False
        return super().edit(index, trigger, event)  # type: ignore[arg-type]

    def open_long_text(self, index: Index) -> LongTextDialog | None:
        """Edit a long text cell (the description) in its own dialog."""
        model = self._model
        column = COLUMNS[index.column()]
        spec = column.spec
        product = index.data(PRODUCT_ID_ROLE)
        if model is None or spec is None or product is None:
            return None
        shown = model.display_row(index.row())
        sku = shown.sku if shown is not None else ""
        text = index.data(int(Qt.ItemDataRole.EditRole)) or ""
        dialog = LongTextDialog(
            f"{column.label} of {sku}",
            str(text),
            max_length=spec.max_length,
            theme=self._theme,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        position = index.column()
        dialog.accepted.connect(
            lambda: self._save_cell(int(product), position, dialog.text(), column.label)
        )
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _save_cell(self, product_id: int, column: int, value: Any, label: str) -> None:
        model = self._model
        if model is None:
            return
        try:
            model.edit_product(product_id, column, value)
        except InvalidValueError as error:
            show_error(self, error, title=f"The {label.lower()} cannot be stored")

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            # Enter saves and moves down, as in a spreadsheet
            current = self.currentIndex()
            below = current.sibling(current.row() + 1, current.column())
            if below.isValid():
                self.setCurrentIndex(below)

    # ======================================================== cell commands
    def copy_cells(self) -> None:
        self._command(copy_selection, "Could not copy")

    def paste_cells(self) -> None:
        self._command(paste_clipboard, "Could not paste")

    def fill_down(self) -> None:
        self._command(fill_down, "Could not fill down")

    def clear_cells(self) -> None:
        self._command(clear_selection, "Could not clear the cells")

    def _command(self, command: Callable[[QTableView], str], title: str) -> None:
        if self.state() == QAbstractItemView.State.EditingState or self._model is None:
            return
        try:
            message = command(self)
        except InvalidValueError as error:
            self.last_dialog = show_error(self, error, title=title)
            return
        self.tell(message)

    def tell(self, message: str) -> None:
        """A short message for the window's status bar (``status_message``)."""
        self.status_message.emit(message)

    # ============================================================ bulk edit
    def open_bulk_edit(self) -> None:
        """Bulk-edit the selected products; with none selected, offer every product shown."""
        model = self._model
        if model is None or self.state() == QAbstractItemView.State.EditingState:
            return
        ids = self.selected_product_ids()
        if ids:
            self.bulk_edit(ids)
            return
        if not model.rowCount():
            self.tell("There are no products to edit")
            return
        count = model.rowCount()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Bulk Edit")
        box.setText("No products are selected.")
        scope = "that match your search" if model.filtered else "in the catalog"
        box.setInformativeText(f"Edit all {count:,} products {scope}?")
        edit_all = box.addButton(f"Edit {count:,} Products", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(edit_all)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is not edit_all:
                return
            if not model.complete:
                self.tell("The product list is still loading; try again in a moment")
                return
            self.bulk_edit(model.all_ids())

        box.finished.connect(lambda _result: answered())
        self.last_dialog = box
        box.open()

    def bulk_edit(self, product_ids: list[int]) -> BulkEditDialog | None:
        """Open the bulk-edit dialog for ``product_ids``; OK runs it as one undoable batch."""
        model = self._model
        if model is None or not product_ids:
            return None
        dialog = BulkEditDialog(
            product_ids, model.catalog, self.taxonomy, theme=self._theme, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        current = self.currentIndex()
        if current.isValid():
            dialog.choose_column(current.column())

        def run() -> None:
            column, operation = dialog.column, dialog.operation()
            if column is None or operation is None:
                return
            try:
                model.bulk_update(product_ids, column, operation)
            except InvalidValueError as error:
                show_error(self, error, title="Bulk edit failed")

        dialog.accepted.connect(run)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    # ========================================================== drag & drop
    def _dropped_images(self, event: QDragEnterEvent | QDropEvent) -> list[Path]:
        return [path for path in dropped_files(event) if is_image_file(path)]

    def _set_drop_row(self, row: int) -> None:
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._model is not None and self._dropped_images(event):
            event.acceptProposedAction()
            self._set_drop_row(self.rowAt(event.position().toPoint().y()))
        else:
            event.ignore()  # other files are for the window (import)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        row = self.rowAt(event.position().toPoint().y())
        if self._model is not None and row >= 0 and self._dropped_images(event):
            event.acceptProposedAction()
            self._set_drop_row(row)
        else:
            event.ignore()
            self._set_drop_row(-1)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_row(-1)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_row(-1)
        images = self._dropped_images(event)
        row = self.rowAt(event.position().toPoint().y())
        product = None if self._model is None else self._model.product_id(row)
        if not images or product is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.images_dropped.emit(product, images)

    # ============================================================== sorting
    def _sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        if 0 <= section < len(COLUMNS) and COLUMNS[section].sort is None:
            previous, previous_order = self._sort_state
            self.horizontalHeader().setSortIndicator(previous, previous_order)
            return
        self._sort_state = (section, order)

    # ============================================================== painting
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self._drop_row >= 0:
            self._paint_drop_target()
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

    def _paint_drop_target(self) -> None:
        top = self.rowViewportPosition(self._drop_row)
        if top < 0:
            return
        area = QRectF(1, top + 1, self.viewport().width() - 2, self.rowHeight(self._drop_row) - 2)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(self._theme.accent)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.setPen(QPen(QColor(self._theme.accent), 2))
        painter.drawRoundedRect(area, 4, 4)
        painter.end()
