"""Editing through the catalog table: cells, pastes and bulk edits shown at once, saved in the
task runner's WRITE lane as undoable batches, put back and explained when a save fails."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QTimer

from sellerdesk.core.bulk_ops import BulkOperation, SetValue
from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import InvalidValueError, SellerDeskError
from sellerdesk.core.taxonomy import Category, SharedTaxonomy
from sellerdesk.gui.category_picker import resolve_category
from sellerdesk.gui.columns import (
    CATEGORY_EDITOR,
    COLUMNS,
    Column,
    DisplayRow,
)
from sellerdesk.gui.columns import display_row as make_display_row
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.ops import Op, TaskBridge, owning_widget
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.queries import CatalogQuery
from sellerdesk.services.table_clipboard import parse_cell
from sellerdesk.tasks.runner import TaskContext, TaskHandle

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from sellerdesk.gui.columns import DisplayRow

log = logging.getLogger(__name__)

Changes = dict[int, dict[str, Any]]
#: Writes with more products than this show a progress dialog (after half a second).
PROGRESS_AT = 500


@dataclass(frozen=True)
class CellError:
    """A cell whose text cannot be stored, named the way the seller sees it."""

    row: int
    column: int
    sku: str
    message: str

    def describe(self) -> str:
        label = COLUMNS[self.column].label
        where = f"{label} of {self.sku}" if self.sku else f"{label} in row {self.row + 1}"
        message = self.message
        if message.startswith(label + " "):
            message = message[len(label) + 1 :]  # "Price of MUG-1: “abc” is not a price"
        return f"{where}: {message}"


class CellsError(InvalidValueError):
    """Some cells of a paste or fill cannot be stored; nothing was changed."""

    def __init__(self, errors: Sequence[CellError], verb: str) -> None:
        shown = [f"• {error.describe()}" for error in errors[:5]]
        more = len(errors) - len(shown)
        if more:
            shown.append(f"• …and {more:,} more")
        count = len(errors)
        super().__init__(
            f"{verb} did not change anything: {count:,} cell{'s' if count != 1 else ''} "
            "cannot be stored.",
            "\n".join(shown),
        )
        self.errors = list(errors)


if TYPE_CHECKING:
    _ModelBase = QAbstractTableModel
else:
    _ModelBase = object


class CatalogEdits(_ModelBase):
    """The editing half of CatalogTableModel (a mixin: the model holds the state)."""

    if TYPE_CHECKING:
        _catalog: CatalogService
        _bridge: TaskBridge
        _rows: dict[int, DisplayRow]
        _overlay: dict[int, dict[str, tuple[int, Any]]]
        _writing: dict[int, int]
        _writes: Iterator[int]
        _saving: int
        _announcing: ChangeSummary | None
        _query: CatalogQuery
        _loaded: bool
        saving_changed: SignalInstance
        changes_applied: SignalInstance

        @property
        def taxonomy(self) -> SharedTaxonomy: ...
        def row_of(self, product_id: int) -> int | None: ...
        def display_row(self, row: int) -> DisplayRow | None: ...
        def _rows_for(
            self, rows: Sequence[int], *, problems: bool = False
        ) -> dict[int, DisplayRow]: ...
        def _overlaid(
            self, product_id: int, raw: Mapping[str, Any] | None
        ) -> Mapping[str, Any] | None: ...
        def _emit_rows_changed(
            self, changes: Mapping[int, object], rows: Mapping[int, int]
        ) -> None: ...
        def _emit_all_changed(self) -> None: ...
        def _reorders(self, summary: ChangeSummary) -> bool: ...
        def _load(self, query: CatalogQuery, *, reset: bool) -> None: ...

    def edit_cell(self, row: int, column: int, value: Any) -> bool:
        """Store ``value`` (typed, or text as typed or pasted) in one cell; InvalidValueError
        when it cannot be stored. Returns False when the row has no product (any more)."""
        spec_column = COLUMNS[column]
        shown = self.display_row(row)
        if shown is None or shown.raw is None or spec_column.field is None:
            return False
        product_id = shown.product_id
        fields = self.field_values(spec_column, value, shown)
        raw = shown.raw
        if all(raw.get(name) == new for name, new in fields.items()):
            return True
        sku = shown.sku
        label = spec_column.label
        catalog = self._catalog
        # a pending write of ours bumps the version; only check for changes made elsewhere
        expected = None if product_id in self._writing else shown.version
        if len(fields) == 1:
            ((name, new),) = fields.items()

            def call() -> ChangeSummary:
                return catalog.update_field(product_id, name, new, expected_version=expected)
        else:
            versions = None if expected is None else {product_id: expected}

            def call() -> ChangeSummary:
                return catalog.update_fields(
                    {product_id: fields}, name=f"Edit {label} of {sku}", expected_versions=versions
                )

        self._write(
            {product_id: fields},
            call,
            title=f"Saving {label.lower()} of {sku}",
            failure=f"Could not change the {label.lower()} of {sku}",
            rows={product_id: row},
        )
        return True

    def edit_product(self, product_id: int, column: int, value: Any) -> bool:
        """``edit_cell`` for a product wherever its row is now (dialogs outlive row order)."""
        row = self.row_of(product_id)
        return row is not None and self.edit_cell(row, column, value)

    def field_values(self, column: Column, value: Any, row: DisplayRow) -> dict[str, Any]:
        """The stored field values an edit of ``column`` to ``value`` means (InvalidValueError).

        Text is read as a spreadsheet cell ("$1,299.00", "12,99"); the category column takes a
        Category, an ``(id, path)`` pair, or text naming one, and sets both id and path.
        """
        if column.editor == CATEGORY_EDITOR:
            category = self._category(value)
            if category is None:
                return {"category_id": None, "category_path": None}
            return {"category_id": category.id, "category_path": category.path}
        spec = column.spec
        if spec is None:
            raise InvalidValueError(f"{column.label} cannot be changed here")
        if isinstance(value, str):
            return {spec.name: parse_cell(spec, value, row.currency)}
        return {spec.name: spec.parse(value)}

    def _category(self, value: Any) -> Category | None:
        if value is None or isinstance(value, Category):
            return value
        if isinstance(value, tuple) and len(value) == 2:
            category_id, path = value
            if category_id is not None and path:
                return Category(int(category_id), str(path))
            value = path or ("" if category_id is None else str(category_id))
        return resolve_category(self.taxonomy.get(), str(value))

    def write_cells(
        self, cells: Sequence[tuple[int, int, Any]], name: str, verb: str = "The change"
    ) -> int:
        """Store many cells as ONE undoable batch named ``name``: (row, column, value) with
        text or typed values, or None to clear. Every cell is checked first: if any cannot be
        stored, CellsError names them and nothing changes. Returns the cells written."""
        rows = sorted({row for row, _, _ in cells})
        shown = self._rows_for(rows)
        changes: Changes = {}
        errors: list[CellError] = []
        written = 0
        row_hints: dict[int, int] = {}
        for row, column, value in cells:
            display = shown.get(row)
            spec_column = COLUMNS[column]
            if display is None or display.raw is None or not spec_column.editable:
                continue
            try:
                fields = self.field_values(spec_column, value, display)
            except InvalidValueError as error:
                errors.append(CellError(row, column, display.sku, error.message))
                continue
            changes.setdefault(display.product_id, {}).update(fields)
            row_hints[display.product_id] = row
            written += 1
        if errors:
            raise CellsError(errors, verb)
        if not changes:
            return 0
        catalog = self._catalog

        def call() -> ChangeSummary:
            return catalog.update_fields(changes, name=name)

        self._write(changes, call, title=name, failure=f"{name} failed", rows=row_hints)
        return written

    def bulk_update(
        self, product_ids: Sequence[int], column: Column, operation: BulkOperation
    ) -> TaskHandle[ChangeSummary]:
        """Run a bulk-edit operation on ``product_ids`` as one undoable batch (WRITE lane)."""
        catalog = self._catalog
        ids = list(product_ids)
        count = len(ids)
        products = f"{count:,} product{'s' if count != 1 else ''}"
        if column.editor == CATEGORY_EDITOR:
            if not isinstance(operation, SetValue):
                raise InvalidValueError("categories can only be set, not calculated")
            category = self._category(operation.value)
            values = {
                "category_id": None if category is None else category.id,
                "category_path": None if category is None else category.path,
            }
            name = f"Set Category on {products}"

            def call(_task: TaskContext) -> ChangeSummary:
                return catalog.update_fields(dict.fromkeys(ids, values), name=name)
        else:
            if column.field is None:
                raise InvalidValueError(f"{column.label} cannot be changed")
            field = column.field

            def call(_task: TaskContext) -> ChangeSummary:
                return catalog.bulk_update(ids, field, operation)

        failure = f"Could not update {products}"

        def finished(summary: ChangeSummary | None, error: BaseException | None) -> None:
            if summary is not None:
                self._saved(summary, ids)
            elif error is not None:
                self._failed(error, failure, ids)

        return self._run_write(
            call, title=f"Updating {products}", progress=count >= PROGRESS_AT, then=finished
        )

    def _write(
        self,
        changes: Changes,
        call: Callable[[], ChangeSummary],
        *,
        title: str,
        failure: str,
        rows: Mapping[int, int],
    ) -> None:
        """Paint ``changes`` at once, then save them with ``call`` in the WRITE lane."""
        write = next(self._writes)
        now = datetime.now(UTC)
        for product_id, fields in changes.items():
            pending = self._overlay.setdefault(product_id, {})
            for name, value in fields.items():
                pending[name] = (write, value)
            self._writing[product_id] = self._writing.get(product_id, 0) + 1
            cached = self._rows.get(product_id)
            if cached is not None and cached.raw is not None:
                raw = self._overlaid(product_id, cached.raw)
                self._rows[product_id] = make_display_row(product_id, raw, now, cached.problems)
        self._emit_rows_changed(changes, rows)
        ids = list(changes)

        def finished(summary: ChangeSummary | None, error: BaseException | None) -> None:
            self._settle(write, ids)
            if summary is not None:
                self._saved(summary, ids)
                return
            self._emit_rows_changed(changes, rows)
            if error is not None:
                self._failed(error, failure, ids)

        def submit() -> None:
            self._run_write(
                lambda _task: call(),
                title=title,
                progress=len(changes) >= PROGRESS_AT,
                then=finished,
            )
            self._set_saving(-1)  # _run_write counts this write from now on

        # Start writing once the new value is painted: the writer thread would hold the GIL
        # while the GUI thread paints the edit.
        self._set_saving(+1)
        QTimer.singleShot(0, self, submit)

    def _run_write(
        self,
        fn: Callable[[TaskContext], ChangeSummary],
        *,
        title: str,
        progress: bool,
        then: Callable[[ChangeSummary | None, BaseException | None], None],
    ) -> TaskHandle[ChangeSummary]:
        """Run ``fn`` in the WRITE lane; ``then(summary, error)`` follows success, failure or
        cancellation (both None)."""
        self._set_saving(+1)

        def succeeded(summary: ChangeSummary) -> None:
            self._set_saving(-1)
            then(summary, None)

        def went_wrong(error: BaseException) -> None:
            self._set_saving(-1)
            then(None, error)

        def cancelled() -> None:
            self._set_saving(-1)
            then(None, None)

        op = Op(self, fn, bridge=self._bridge).titled(title)
        if progress:
            op = op.with_progress(f"{title}…")
        return op.on_success(succeeded).on_failure(went_wrong).on_cancel(cancelled).run()

    def _set_saving(self, step: int) -> None:
        before = self._saving > 0
        self._saving = max(0, self._saving + step)
        if (self._saving > 0) != before:
            self.saving_changed.emit(self._saving > 0)

    def _settle(self, write: int, ids: Iterable[int]) -> None:
        """Forget the overlay of write ``write``; its rows are read again when painted."""
        for product_id in ids:
            pending = self._overlay.get(product_id)
            if pending is not None:
                for name in [n for n, (w, _) in pending.items() if w == write]:
                    del pending[name]
                if not pending:
                    del self._overlay[product_id]
            left = self._writing.get(product_id, 1) - 1
            if left > 0:
                self._writing[product_id] = left
            else:
                self._writing.pop(product_id, None)
            self._rows.pop(product_id, None)

    def _saved(self, summary: ChangeSummary, ids: Iterable[int]) -> None:
        """A write of ours succeeded: show what the catalog now holds, then announce it."""
        for product_id in (*ids, *summary.product_ids):
            self._rows.pop(product_id, None)
        if self._reorders(summary):
            self._load(self._query, reset=not self._loaded)
        else:
            self._emit_all_changed()
        self._announcing = summary
        try:
            self.changes_applied.emit(summary)
        finally:
            self._announcing = None

    def _failed(self, error: BaseException, title: str, ids: Iterable[int]) -> None:
        for product_id in ids:
            self._rows.pop(product_id, None)
        log.warning("%s: %s", title, error)
        if not isinstance(error, SellerDeskError):
            log.error("unexpected error while saving", exc_info=error)
        show_error(owning_widget(self), error, title=title)
