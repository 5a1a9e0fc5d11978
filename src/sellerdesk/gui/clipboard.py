"""Cell-range commands of the catalog table: copy as TSV, paste, fill down and clear.

Columns follow what the seller sees (moved columns in their visual order, hidden ones skipped).
Paste, fill down and clear each become ONE undoable batch ("Paste 9 cells"); every cell is
checked before anything is written, and a cell that cannot be stored stops the whole change
with a message naming it. Each command returns a short status text, or raises
InvalidValueError with words for the seller.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.gui.catalog_model import CatalogTableModel
from sellerdesk.gui.columns import COLUMNS
from sellerdesk.gui.table_roles import COPY_ROLE
from sellerdesk.services.table_clipboard import block_size, format_tsv, parse_tsv
from sellerdesk.tasks.jobs import plural

#: Copying more cells than this is refused (File › Export is made for whole catalogs).
MAX_COPY_CELLS = 200_000
#: Paste, fill down and clear change at most this many cells at once (Bulk Edit does more).
MAX_WRITE_CELLS = 100_000
NEWLINE = "\r\n" if sys.platform == "win32" else "\n"
_EDIT_ROLE = int(Qt.ItemDataRole.EditRole)


@dataclass(frozen=True)
class CellRange:
    """A selected rectangle: rows ``top``..``bottom`` and logical columns in visual order."""

    top: int
    bottom: int
    columns: tuple[int, ...]

    @property
    def cells(self) -> int:
        return (self.bottom - self.top + 1) * len(self.columns)

    def rows(self) -> range:
        return range(self.top, self.bottom + 1)


def visible_columns(view: QTableView) -> list[int]:
    """Logical column indices in the order the seller sees them, hidden ones left out."""
    header = view.horizontalHeader()
    order = [header.logicalIndex(v) for v in range(header.count())]
    return [c for c in order if c >= 0 and not view.isColumnHidden(c)]


def _model(view: QTableView) -> CatalogTableModel:
    model = view.model()
    if not isinstance(model, CatalogTableModel):
        raise InvalidValueError("there is no catalog open")
    return model


def selected_ranges(view: QTableView) -> list[CellRange]:
    """The selection as rectangles; the current cell alone when nothing is selected."""
    header = view.horizontalHeader()
    selection = view.selectionModel().selection() if view.selectionModel() else QItemSelection()
    ranges: list[CellRange] = []
    for part in selection.toList():
        columns = [c for c in range(part.left(), part.right() + 1) if not view.isColumnHidden(c)]
        if columns:
            columns.sort(key=header.visualIndex)
            ranges.append(CellRange(part.top(), part.bottom(), tuple(columns)))
    if not ranges:
        current = view.currentIndex()
        if current.isValid() and not view.isColumnHidden(current.column()):
            ranges.append(CellRange(current.row(), current.row(), (current.column(),)))
    return ranges


def _check_size(cells: int, limit: int, verb: str) -> None:
    if cells > limit:
        raise InvalidValueError(
            f"{verb} works on up to {limit:,} cells at a time; {cells:,} are selected",
            "Select fewer rows, or use Bulk Edit to change one field of many products.",
        )


# --------------------------------------------------------------------------- copy


def copy_selection(view: QTableView) -> str:
    """Put the selected cells on the clipboard as TSV; returns a status text."""
    model = _model(view)
    ranges = selected_ranges(view)
    if not ranges:
        raise InvalidValueError("Select the cells to copy first")
    header = view.horizontalHeader()
    rows = sorted({row for part in ranges for row in part.rows()})
    columns = sorted({c for part in ranges for c in part.columns}, key=header.visualIndex)
    if len(rows) * len(columns) > MAX_COPY_CELLS:
        raise InvalidValueError(
            f"Copy works on up to {MAX_COPY_CELLS:,} cells at a time",
            "Select fewer rows, or use File › Export for the whole catalog.",
        )
    grid = model.copy_grid(rows, columns)
    if len(ranges) > 1:  # several rectangles: cells between them stay empty
        selection = view.selectionModel()
        for r, row in enumerate(rows):
            for c, column in enumerate(columns):
                if not selection.isSelected(model.index(row, column)):
                    grid[r][c] = ""
    QGuiApplication.clipboard().setText(format_tsv(grid, NEWLINE))
    return f"Copied {plural(len(rows) * len(columns), 'cell')}"


# -------------------------------------------------------------------------- paste


def paste_clipboard(view: QTableView) -> str:
    """Paste the clipboard's text (TSV from a spreadsheet or this table) at the selection."""
    return paste_text(view, QGuiApplication.clipboard().text())


def paste_text(view: QTableView, text: str) -> str:
    """Paste ``text`` as a block starting at the top-left selected cell (down and right as far
    as rows and columns go); one clipboard cell fills every selected cell."""
    model = _model(view)
    grid = parse_tsv(text)
    height, width = block_size(grid)
    if not width:
        raise InvalidValueError("There is nothing to paste", "Copy some cells first.")
    ranges = selected_ranges(view)
    if not ranges:
        raise InvalidValueError("Click the cell to paste into first")
    selected = sum(part.cells for part in ranges)
    cells: list[tuple[int, int, str]] = []
    left_alone = 0
    if height == width == 1 and selected > 1:
        _check_size(selected, MAX_WRITE_CELLS, "Paste")
        value = grid[0][0]
        for part in ranges:
            for column in part.columns:
                if column < len(COLUMNS) and COLUMNS[column].editable:
                    cells.extend((row, column, value) for row in part.rows())
                else:
                    left_alone += part.bottom - part.top + 1
        area = ranges
    else:
        _check_size(height * width, MAX_WRITE_CELLS, "Paste")
        header = view.horizontalHeader()
        top = min(part.top for part in ranges)
        first = min((c for part in ranges for c in part.columns), key=header.visualIndex)
        order = visible_columns(view)
        targets = order[order.index(first) : order.index(first) + width]
        last_row = min(top + height, model.rowCount()) - 1
        for offset, line in enumerate(grid[: last_row - top + 1]):
            row = top + offset
            for column, value in zip(targets, line, strict=False):
                if column < len(COLUMNS) and COLUMNS[column].editable:
                    cells.append((row, column, value))
                elif model.index(row, column).data(COPY_ROLE) != value:
                    left_alone += 1
        area = [CellRange(top, max(last_row, top), tuple(targets))]
    if not cells:
        raise InvalidValueError(
            "These cells cannot be changed",
            "The problems, parent SKU and updated columns are filled in by SellerDesk.",
        )
    count = len(cells)
    model.write_cells(cells, name=f"Paste {plural(count, 'cell')}", verb="Pasting")
    _select(view, area)
    message = f"Pasted {plural(count, 'cell')}"
    if left_alone:
        message += f"; {plural(left_alone, 'cell')} in read-only columns stayed as they were"
    return message


def _select(view: QTableView, ranges: list[CellRange]) -> None:
    model = view.model()
    selection = QItemSelection()
    for part in ranges:
        for column in part.columns:
            selection.select(model.index(part.top, column), model.index(part.bottom, column))
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    view.selectionModel().select(selection, flags)


# ----------------------------------------------------------------- fill down, clear


def fill_down(view: QTableView) -> str:
    """Copy the top cell of each selected column to the selected cells below it (a single
    selected row is filled from the row above, as spreadsheets do)."""
    model = _model(view)
    ranges = selected_ranges(view)
    _check_size(sum(part.cells for part in ranges), MAX_WRITE_CELLS, "Fill down")
    cells: list[tuple[int, int, object]] = []
    skipped_sku = False
    for part in ranges:
        source, targets = part.top, range(part.top + 1, part.bottom + 1)
        if part.top == part.bottom:
            if part.top == 0:
                continue
            source, targets = part.top - 1, range(part.top, part.top + 1)
        for column in part.columns:
            if column >= len(COLUMNS):  # channel readiness columns are read-only
                continue
            spec_column = COLUMNS[column]
            if not spec_column.editable:
                continue
            if spec_column.key == "sku":
                skipped_sku = True
                continue
            value = model.index(source, column).data(_EDIT_ROLE)
            cells.extend((row, column, value) for row in targets)
    if not cells:
        if skipped_sku:
            raise InvalidValueError(
                "SKUs cannot be filled down", "Every product needs its own SKU."
            )
        raise InvalidValueError(
            "Nothing to fill down",
            "Select a cell and the cells below it in an editable column, then press Ctrl+D.",
        )
    count = len(cells)
    model.write_cells(cells, name=f"Fill down {plural(count, 'cell')}", verb="Filling down")
    message = f"Filled down {plural(count, 'cell')}"
    if skipped_sku:
        message += "; SKUs stayed as they were (every product needs its own)"
    return message


def clear_selection(view: QTableView) -> str:
    """Empty the selected cells; SKUs are kept, as every product needs one."""
    model = _model(view)
    ranges = selected_ranges(view)
    _check_size(sum(part.cells for part in ranges), MAX_WRITE_CELLS, "Clearing")
    cells: list[tuple[int, int, object]] = []
    skipped_sku = False
    for part in ranges:
        for column in part.columns:
            if column >= len(COLUMNS):  # channel readiness columns are read-only
                continue
            spec_column = COLUMNS[column]
            if spec_column.key == "sku":
                skipped_sku = True
            elif spec_column.editable:
                cells.extend((row, column, None) for row in part.rows())
    if not cells:
        if skipped_sku:
            raise InvalidValueError(
                "A SKU cannot be cleared",
                "Every product needs a SKU. Double-click it to type a different one.",
            )
        raise InvalidValueError("These cells cannot be cleared; SellerDesk fills them in")
    count = len(cells)
    model.write_cells(cells, name=f"Clear {plural(count, 'cell')}", verb="Clearing")
    message = f"Cleared {plural(count, 'cell')}"
    if skipped_sku:
        message += "; SKUs were kept (every product needs one)"
    return message
