"""The catalog table model: product ids in SQL order plus a lazily filled, bounded row cache.

Opening never loads every row. A READ task fetches the count and the first ``HEAD`` ids
(a LIMIT query), which is enough to paint the first screens; a second READ task then loads the
whole ordered id list (about 0.5 s for a million products) while the seller already works.
Cells are formatted when their block of ``BLOCK`` rows is first painted (one ``rows()`` query
by primary key). Sorting and search run in SQL via CatalogQuery; a ChangeSummary refreshes
only the products it touched.
"""

from __future__ import annotations

import logging
from array import array
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from sellerdesk.core.changes import ChangeSummary
from sellerdesk.db.dialect import FTS_COLUMNS
from sellerdesk.gui.columns import COLUMN_INDEX, COLUMNS, FETCH_COLUMNS, LOW_STOCK, DisplayRow
from sellerdesk.gui.columns import display_row as make_display_row
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.ops import Op, TaskBridge, owning_widget
from sellerdesk.gui.theme import LIGHT, Theme
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.queries import CatalogQuery
from sellerdesk.tasks.runner import Lane, TaskContext, TaskHandle

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

#: Roles beyond Qt's own.
PRODUCT_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
STATUS_ROLE = int(Qt.ItemDataRole.UserRole) + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_INITIAL_SORT = int(Qt.ItemDataRole.InitialSortOrderRole)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_STOCK = COLUMN_INDEX["stock"]
_SALE = COLUMN_INDEX["sale_price"]
_SECONDARY = frozenset(i for i, c in enumerate(COLUMNS) if c.secondary)
_NUMERIC = frozenset(i for i, c in enumerate(COLUMNS) if c.numeric)
_SORT_FIELDS = tuple(c.sort for c in COLUMNS)


@dataclass(frozen=True)
class _Head:
    count: int
    total: int
    ids: array[int]


@dataclass(frozen=True)
class _AllIds:
    total: int
    ids: array[int]


def _is_filtered(query: CatalogQuery) -> bool:
    return bool(
        query.text.strip()
        or query.brand
        or query.category
        or query.max_stock is not None
        or query.missing
    )


def _fields_ordering(query: CatalogQuery) -> set[str]:
    """Fields whose change can move a product in, out of or within this query's result."""
    names = {query.sort}
    if query.text.strip():
        names |= set(FTS_COLUMNS)
    if query.brand:
        names.add("brand")
    if query.category:
        names |= {"category_id", "category_path"}
    if query.max_stock is not None:
        names.add("stock")
    if query.missing:
        names.add(query.missing)
    return names


class CatalogTableModel(QAbstractTableModel):
    """Products of one CatalogService for one CatalogQuery, in SQL order."""

    #: True while ids are being (re)loaded
    loading_changed = Signal(bool)
    #: (products matching the query, products in the catalog)
    counts_changed = Signal(int, int)
    #: the whole ordered id list of the current query is in memory
    ids_complete = Signal()

    HEAD = 1000
    BLOCK = 200
    CACHE_LIMIT = 20_000

    def __init__(
        self,
        catalog: CatalogService,
        bridge: TaskBridge,
        theme: Theme = LIGHT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._bridge = bridge
        self._query = CatalogQuery()
        self._ids: array[int] = array("q")
        self._count = 0
        self._total = 0
        self._rows: dict[int, DisplayRow] = {}
        self._generation = 0
        self._complete = False
        self._loaded = False
        self._loading = False
        self._pending: list[TaskHandle[Any]] = []
        self._fetch_failed = False
        self.set_theme(theme)

    # ------------------------------------------------------------ public API
    @property
    def catalog(self) -> CatalogService:
        return self._catalog

    @property
    def query(self) -> CatalogQuery:
        return self._query

    @property
    def total_count(self) -> int:
        """Products in the catalog, whatever the search."""
        return self._total

    @property
    def loaded(self) -> bool:
        """The first result for the current catalog has arrived."""
        return self._loaded

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        """Every id of the current result is in memory (not just the first screens)."""
        return self._complete

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._muted = QColor(theme.muted)
        self._sale = QColor(theme.sale_fg)
        self._out = QColor(theme.out_of_stock_fg)
        self._low_fg = QColor(theme.low_stock_fg)
        self._low_bg = QColor(theme.low_stock_bg)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def start(self) -> None:
        """Load the first screens of the current query unless a load is already under way."""
        if not self._loaded and not self._loading:
            self._load(self._query, reset=True)

    def set_query(self, query: CatalogQuery) -> None:
        """Show the products matching ``query`` (search text, filters and SQL sort order)."""
        query.validate()
        if query == self._query and (self._loaded or self._loading):
            return
        self._query = query
        self._load(query, reset=True)

    def set_search_text(self, text: str) -> None:
        self.set_query(replace(self._query, text=text.strip()))

    def refresh(self, summary: ChangeSummary | None = None) -> None:
        """Show changes: only the products in ``summary``, or everything when it is None."""
        if summary is None:
            self._rows.clear()
            self._fetch_failed = False
            self._load(self._query, reset=not self._loaded)
            return
        if summary.empty:
            return
        for product_id in summary.product_ids:
            self._rows.pop(product_id, None)
        moved = bool(summary.fields & _fields_ordering(self._query))
        if summary.created or summary.deleted or moved or self._query.sort == "updated_at":
            self._load(self._query, reset=not self._loaded)
        elif self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def product_id(self, row: int) -> int | None:
        if 0 <= row < len(self._ids) and row < self._count:
            return int(self._ids[row])
        return None

    def row_of(self, product_id: int) -> int | None:
        """The row showing ``product_id`` (a linear scan of the id array; fine for one id)."""
        try:
            row = self._ids.index(product_id)
        except ValueError:
            return None
        return row if row < self._count else None

    def is_row_loaded(self, row: int) -> bool:
        product = self.product_id(row)
        return product is not None and product in self._rows

    def cached_rows(self) -> int:
        return len(self._rows)

    # ------------------------------------------------------------- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == _DISPLAY:
            return column.label
        if role == _ALIGN:
            return _RIGHT if column.numeric else _LEFT
        if role == _TOOLTIP:
            return f"Sort by {column.label.lower()}"
        if role == _INITIAL_SORT:
            return column.first_order
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._display_row(index.row())
        if row is None:
            return None
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            return row.texts[column]
        if role == _ALIGN:
            return _RIGHT if column in _NUMERIC else _LEFT
        if role == _FOREGROUND:
            return self._foreground(row, column)
        if role == _BACKGROUND:
            if column == _STOCK and row.stock is not None and 0 < row.stock <= LOW_STOCK:
                return self._low_bg
            return None
        if role == _TOOLTIP:
            return row.tooltips[column]
        if role == PRODUCT_ID_ROLE:
            return row.product_id
        if role == STATUS_ROLE:
            return row.status
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL (CatalogQuery.sort); column -1 means the catalog's own order."""
        field = _SORT_FIELDS[column] if 0 <= column < len(COLUMNS) else "id"
        descending = order == Qt.SortOrder.DescendingOrder and field != "id"
        self.set_query(self._query.with_sort(field, descending))

    # -------------------------------------------------------------- internals
    def _foreground(self, row: DisplayRow, column: int) -> QColor | None:
        if column == _STOCK and row.stock is not None:
            if row.stock <= 0:
                return self._out
            if row.stock <= LOW_STOCK:
                return self._low_fg
            return None
        if column == _SALE and row.on_sale:
            return self._sale
        if column in _SECONDARY:
            return self._muted
        return None

    def _display_row(self, row: int) -> DisplayRow | None:
        if row >= len(self._ids) or row >= self._count:
            return None  # the full id list is still loading
        product_id = self._ids[row]
        found = self._rows.get(product_id)
        if found is None:
            self._fetch_block(row)
            found = self._rows.get(product_id)
        return found

    def _fetch_block(self, row: int) -> None:
        start = row - row % self.BLOCK
        end = min(start + self.BLOCK, len(self._ids), self._count)
        wanted = [pid for pid in self._ids[start:end] if pid not in self._rows]
        if len(self._rows) + len(wanted) > self.CACHE_LIMIT:
            self._rows.clear()
        try:
            fetched = self._catalog.rows(wanted, FETCH_COLUMNS)
        except Exception:
            if not self._fetch_failed:
                log.exception("could not read %d product rows", len(wanted))
            self._fetch_failed = True
            fetched = {}
        now = datetime.now(UTC)
        for product_id in wanted:
            # a product deleted meanwhile gets a blank row until the id list reloads
            self._rows[product_id] = make_display_row(product_id, fetched.get(product_id), now)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _load(self, query: CatalogQuery, *, reset: bool) -> None:
        """Reload ids: ``reset`` shows the first screens fast; otherwise keep rows until done."""
        self._generation += 1
        generation = self._generation
        for handle in self._pending:
            handle.cancel()  # a queued load for an older query never starts
        self._pending.clear()
        self._set_loading(True)
        if reset:
            catalog, limit = self._catalog, self.HEAD

            def head(ctx: TaskContext) -> _Head:
                total = catalog.count()
                count = catalog.count(query) if _is_filtered(query) else total
                return _Head(count, total, array("q", catalog.ids(query, limit)))

            self._submit(head, lambda result: self._apply_head(generation, query, result))
        else:
            self._load_all(generation, query)

    def _load_all(self, generation: int, query: CatalogQuery) -> None:
        catalog = self._catalog

        def everything(ctx: TaskContext) -> _AllIds:
            ids = array("q", catalog.ids(query))
            total = catalog.count() if _is_filtered(query) else len(ids)
            return _AllIds(total, ids)

        self._submit(everything, lambda result: self._apply_all(generation, result))

    def _submit(self, fn: Any, on_success: Any) -> None:
        handle = (
            Op(self, fn, bridge=self._bridge)
            .titled("Loading products")
            .in_lane(Lane.READ)
            .on_success(on_success)
            .on_failure(self._load_failed)
            .run()
        )
        self._pending.append(handle)

    def _apply_head(self, generation: int, query: CatalogQuery, head: _Head) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids = head.ids
        self._count = head.count
        self._total = head.total
        self._complete = len(head.ids) >= head.count
        self._loaded = True
        self.endResetModel()
        self.counts_changed.emit(self._count, self._total)
        if self._complete:
            self._finish_loading()
        else:
            self._load_all(generation, query)

    def _apply_all(self, generation: int, result: _AllIds) -> None:
        if generation != self._generation:
            return
        old, new = self._count, len(result.ids)
        if new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self._ids, self._count = result.ids, new
            self.endRemoveRows()
        elif new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self._ids, self._count = result.ids, new
            self.endInsertRows()
        else:
            self._ids = result.ids
        self._total = result.total
        self._complete = True
        self._loaded = True
        if new:
            self.dataChanged.emit(self.index(0, 0), self.index(new - 1, len(COLUMNS) - 1))
        self.counts_changed.emit(self._count, self._total)
        self._finish_loading()

    def _finish_loading(self) -> None:
        self._pending.clear()
        self._set_loading(False)
        self.ids_complete.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._pending.clear()
        self._set_loading(False)
        log.error("loading products failed: %s", error)
        show_error(owning_widget(self), error, title="Could not load the products")
