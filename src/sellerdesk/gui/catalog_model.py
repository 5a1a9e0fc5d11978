"""The catalog table model: product ids in SQL order plus a lazily filled, bounded row cache.

Opening never loads every row. A READ task fetches the count and the first ``HEAD`` ids
(a LIMIT query), which is enough to paint the first screens; a second READ task then loads the
whole ordered id list (about 0.5 s for a million products) while the seller already works.
Cells are formatted when their block of ``BLOCK`` rows is first painted (one ``rows()`` query
by primary key, plus one ``problems()`` call for the problems column). Sorting and search run
in SQL via CatalogQuery; a ChangeSummary refreshes only the products it touched.

Edits are optimistic: the new value is painted at once (an overlay on the cached row) while the
write runs in the WRITE lane; success re-reads the row, failure drops the overlay and says why.
"""

from __future__ import annotations

import itertools
import logging
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import replace
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
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.taxonomy import SharedTaxonomy
from sellerdesk.gui.catalog_edits import CatalogEdits
from sellerdesk.gui.catalog_query import LoadedHead, LoadedIds, fields_ordering, is_filtered
from sellerdesk.gui.channel_columns import ChannelColumns
from sellerdesk.gui.columns import (
    COLUMN_INDEX,
    COLUMNS,
    FETCH_COLUMNS,
    LOW_STOCK,
    PROBLEMS_COLUMN,
    DisplayRow,
    copy_text,
    edit_value,
    problems_in_words,
)
from sellerdesk.gui.columns import display_row as make_display_row
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.ops import Op, TaskBridge, owning_widget
from sellerdesk.gui.table_roles import (
    COPY_ROLE,
    CURRENCY_ROLE,
    PROBLEMS_ROLE,
    PRODUCT_ID_ROLE,
    STATUS_ROLE,
)
from sellerdesk.gui.theme import LIGHT, Theme
from sellerdesk.resources import default_taxonomy_path
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.feeds import ChannelState, FeedService, ProductReadiness
from sellerdesk.services.queries import CatalogQuery
from sellerdesk.tasks.runner import Lane, TaskContext, TaskHandle

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_INITIAL_SORT = int(Qt.ItemDataRole.InitialSortOrderRole)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_STOCK = COLUMN_INDEX["stock"]
_SALE = COLUMN_INDEX["sale_price"]
_SECONDARY = frozenset(i for i, c in enumerate(COLUMNS) if c.secondary)
_NUMERIC = frozenset(i for i, c in enumerate(COLUMNS) if c.numeric)
_SORT_FIELDS = tuple(c.sort or "id" for c in COLUMNS)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = Qt.ItemFlag.ItemIsEditable
_FLAGS = tuple(_READ_ONLY | _EDITABLE if c.editable else _READ_ONLY for c in COLUMNS)


class CatalogTableModel(CatalogEdits, QAbstractTableModel):
    """Products of one CatalogService for one CatalogQuery, in SQL order."""

    #: True while ids are being (re)loaded
    loading_changed = Signal(bool)
    #: (products matching the query, products in the catalog)
    counts_changed = Signal(int, int)
    #: the whole ordered id list of the current query is in memory
    ids_complete = Signal()
    #: ChangeSummary of an edit made in this table, once saved (this table already shows it)
    changes_applied = Signal(object)
    #: True while edits made here are being saved
    saving_changed = Signal(bool)

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
        self._taxonomy: SharedTaxonomy | None = None
        #: values of unsaved edits, painted over the stored row: {id: {field: (write, value)}}
        self._overlay: dict[int, dict[str, tuple[int, Any]]] = {}
        #: unsaved writes per product
        self._writing: dict[int, int] = {}
        self._writes = itertools.count(1)
        self._saving = 0
        self._announcing: ChangeSummary | None = None
        #: feed channels shown as readiness columns after the product columns
        self._channels = ChannelColumns()
        self.set_theme(theme)

    # ------------------------------------------------------------ public API
    @property
    def catalog(self) -> CatalogService:
        return self._catalog

    @property
    def bridge(self) -> TaskBridge:
        return self._bridge

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

    @property
    def filtered(self) -> bool:
        """The query leaves products out (search text or filters)."""
        return is_filtered(self._query)

    @property
    def saving(self) -> bool:
        """Edits made in this table are still being written."""
        return self._saving > 0

    @property
    def taxonomy(self) -> SharedTaxonomy:
        if self._taxonomy is None:
            self._taxonomy = SharedTaxonomy(default_taxonomy_path())
        return self._taxonomy

    def set_taxonomy(self, taxonomy: SharedTaxonomy) -> None:
        """Share the view's taxonomy (category paste) instead of loading another copy."""
        self._taxonomy = taxonomy

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._muted = QColor(theme.muted)
        self._sale = QColor(theme.sale_fg)
        self._out = QColor(theme.out_of_stock_fg)
        self._low_fg = QColor(theme.low_stock_fg)
        self._channels.colors = (QColor(theme.active_fg), self._out, self._low_fg)
        self._low_bg = QColor(theme.low_stock_bg)
        self._emit_all_changed()

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
        if summary is self._announcing or summary.empty:
            return  # an edit made here, already shown
        for product_id in summary.product_ids:
            self._rows.pop(product_id, None)
        if self._reorders(summary):
            self._load(self._query, reset=not self._loaded)
        else:
            self._emit_all_changed()

    def product_id(self, row: int) -> int | None:
        if 0 <= row < len(self._ids) and row < self._count:
            return int(self._ids[row])
        return None

    def ids_between(self, top: int, bottom: int) -> list[int]:
        """Ids of rows ``top`` to ``bottom`` (inclusive), as far as they are loaded."""
        end = min(bottom + 1, len(self._ids), self._count)
        return self._ids[max(top, 0) : end].tolist() if end > top else []

    def all_ids(self) -> list[int]:
        """Every id of the current result, in order (complete once ``complete`` is True)."""
        return self._ids[: self._count].tolist()

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
        return 0 if parent.isValid() else len(COLUMNS) + len(self._channels)

    # ---------------------------------------------------------- channel columns
    def set_channels(self, feeds: FeedService | None, channels: Sequence[ChannelState]) -> None:
        """Show one readiness column per channel (the enabled ones), after the product columns."""
        old, new = len(self._channels), len(channels)
        first = len(COLUMNS)
        if old:
            self.beginRemoveColumns(QModelIndex(), first, first + old - 1)
            self._channels.show(feeds, [])
            self.endRemoveColumns()
        if new:
            self.beginInsertColumns(QModelIndex(), first, first + new - 1)
            self._channels.show(feeds, channels)
            self.endInsertColumns()
            self._rows.clear()  # rows read before had no readiness: read them again
            self._emit_all_changed()

    @property
    def channel_keys(self) -> list[str]:
        return self._channels.keys

    def readiness(self, product_id: int) -> ProductReadiness | None:
        return self._channels.readiness(product_id)

    def _channel_data(self, row: DisplayRow, column: int, role: int) -> Any:
        if role == PRODUCT_ID_ROLE:
            return row.product_id
        return self._channels.data(row.product_id, column - len(COLUMNS), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and section >= len(COLUMNS):
            return self._channels.header(section - len(COLUMNS), role)
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == _DISPLAY:
            return column.label
        if role == _ALIGN:
            return _RIGHT if column.numeric else _LEFT
        if role == _TOOLTIP:
            if column.tip:
                return column.tip
            return f"Sort by {column.label.lower()}"
        if role == _INITIAL_SORT:
            return column.first_order
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() >= len(COLUMNS):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return _FLAGS[index.column()]

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self.display_row(index.row())
        if row is None:
            return None
        column = index.column()
        if column >= len(COLUMNS):
            return self._channel_data(row, column, role)
        if role in (_DISPLAY, _ACCESSIBLE):
            if role == _ACCESSIBLE and column == PROBLEMS_COLUMN:
                return problems_in_words(row.problems)
            return row.texts[column]
        if role == _ALIGN:
            if column == PROBLEMS_COLUMN:
                return _CENTER
            return _RIGHT if column in _NUMERIC else _LEFT
        if role == _FOREGROUND:
            return self._foreground(row, column)
        if role == _BACKGROUND:
            if column == _STOCK and row.stock is not None and 0 < row.stock <= LOW_STOCK:
                return self._low_bg
            return None
        if role == _TOOLTIP:
            return row.tooltips[column]
        if role == _EDIT:
            return edit_value(COLUMNS[column], row.raw)
        if role == PRODUCT_ID_ROLE:
            return row.product_id
        if role == STATUS_ROLE:
            return row.status
        if role == PROBLEMS_ROLE:
            return row.problems
        if role == COPY_ROLE:
            return copy_text(COLUMNS[column], row, column)
        if role == CURRENCY_ROLE:
            return row.currency
        return None

    def setData(self, index: Index, value: Any, role: int = _EDIT) -> bool:
        """Save one edited cell in the background; the new value shows at once."""
        if role != _EDIT or not index.isValid() or index.column() >= len(COLUMNS):
            return False
        if not _FLAGS[index.column()] & _EDITABLE:
            return False
        try:
            return self.edit_cell(index.row(), index.column(), value)
        except InvalidValueError as error:
            show_error(owning_widget(self), error, title="This value cannot be stored")
            return False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL (CatalogQuery.sort); column -1 means the catalog's own order."""
        if column >= len(COLUMNS) or (0 <= column < len(COLUMNS) and COLUMNS[column].sort is None):
            return  # not sortable (problems, channel readiness): keep the current order
        field = _SORT_FIELDS[column] if 0 <= column < len(COLUMNS) else "id"
        descending = order == Qt.SortOrder.DescendingOrder and field != "id"
        self.set_query(self._query.with_sort(field, descending))

    # -------------------------------------------------------------- copying
    def copy_grid(self, rows: Sequence[int], columns: Sequence[int]) -> list[list[str]]:
        """Clipboard texts of the cells (rows x columns), read from the cache or the catalog."""
        shown = self._rows_for(rows, problems=PROBLEMS_COLUMN in columns)
        grid: list[list[str]] = []
        for row in rows:
            display = shown.get(row)
            if display is None:
                grid.append([""] * len(columns))
            else:
                grid.append(
                    [
                        copy_text(COLUMNS[c], display, c)
                        if c < len(COLUMNS)
                        else str(self._channel_data(display, c, _DISPLAY) or "")
                        for c in columns
                    ]
                )
        return grid

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

    def display_row(self, row: int) -> DisplayRow | None:
        """The formatted row (fetching its block when needed)."""
        if row >= len(self._ids) or row >= self._count or row < 0:
            return None  # the full id list is still loading
        product_id = self._ids[row]
        found = self._rows.get(product_id)
        if found is None:
            self._fetch_block(row)
            found = self._rows.get(product_id)
        return found

    def _rows_for(self, rows: Sequence[int], *, problems: bool = False) -> dict[int, DisplayRow]:
        """Display rows for many rows: cached ones as they are, the others in one read
        (without filling the cache, so a big paste does not push the screen out of it)."""
        found: dict[int, DisplayRow] = {}
        missing: dict[int, int] = {}
        for row in rows:
            product_id = self.product_id(row)
            if product_id is None:
                continue
            cached = self._rows.get(product_id)
            if cached is None:
                missing[product_id] = row
            else:
                found[row] = cached
        if missing:
            made = self._read_rows(list(missing), problems=problems)
            found.update((row, made[product_id]) for product_id, row in missing.items())
        return found

    def _read_rows(self, ids: Sequence[int], *, problems: bool) -> dict[int, DisplayRow]:
        """Display rows of ``ids`` from one read, unsaved edits painted over; a product deleted
        meanwhile gets a blank row until the id list reloads."""
        if problems:
            fetched, checks = self._catalog.rows_and_problems(ids, FETCH_COLUMNS)
        else:
            fetched, checks = self._catalog.rows(ids, FETCH_COLUMNS), {}
        now = datetime.now(UTC)
        return {
            pid: make_display_row(pid, self._overlaid(pid, fetched.get(pid)), now, checks.get(pid))
            for pid in ids
        }

    def _fetch_block(self, row: int) -> None:
        start = row - row % self.BLOCK
        end = min(start + self.BLOCK, len(self._ids), self._count)
        wanted = [pid for pid in self._ids[start:end] if pid not in self._rows]
        if len(self._rows) + len(wanted) > self.CACHE_LIMIT:
            self._rows.clear()
        try:
            self._rows.update(self._read_rows(wanted, problems=True))
        except Exception:
            if not self._fetch_failed:
                log.exception("could not read %d product rows", len(wanted))
            self._fetch_failed = True
            now = datetime.now(UTC)
            self._rows.update((pid, make_display_row(pid, None, now, None)) for pid in wanted)
        self._channels.fetch(wanted)

    def _overlaid(self, product_id: int, raw: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
        """``raw`` with the values of unsaved edits of this product painted over it."""
        pending = self._overlay.get(product_id)
        if raw is None or not pending:
            return raw
        return {**raw, **{name: value for name, (_, value) in pending.items()}}

    def _reorders(self, summary: ChangeSummary) -> bool:
        moved = bool(summary.fields & fields_ordering(self._query))
        return bool(summary.created or summary.deleted or moved or self._query.sort == "updated_at")

    def _emit_rows_changed(self, changes: Mapping[int, object], rows: Mapping[int, int]) -> None:
        last = self.columnCount() - 1
        if len(changes) == 1:
            ((product_id, _),) = changes.items()
            row = rows.get(product_id)
            if row is None or self.product_id(row) != product_id:
                row = self.row_of(product_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            return
        self._emit_all_changed()

    def _emit_all_changed(self) -> None:
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, self.columnCount() - 1)
            )

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

            def head(ctx: TaskContext) -> LoadedHead:
                total = catalog.count()
                count = catalog.count(query) if is_filtered(query) else total
                return LoadedHead(count, total, array("q", catalog.ids(query, limit)))

            self._submit(head, lambda result: self._apply_head(generation, query, result))
        else:
            self._load_all(generation, query)

    def _load_all(self, generation: int, query: CatalogQuery) -> None:
        catalog = self._catalog

        def everything(ctx: TaskContext) -> LoadedIds:
            ids = array("q", catalog.ids(query))
            total = catalog.count() if is_filtered(query) else len(ids)
            return LoadedIds(total, ids)

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

    def _apply_head(self, generation: int, query: CatalogQuery, head: LoadedHead) -> None:
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

    def _apply_all(self, generation: int, result: LoadedIds) -> None:
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
        self._emit_all_changed()
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
