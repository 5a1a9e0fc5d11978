"""Importing files into the catalog: preview (fast, from the top of the file) and commit.

A commit is one transaction, one change batch and one import-run record holding the report;
undoing the batch removes the whole import. Cancelling or any failure part-way rolls back, so
the catalog is untouched, and the attempt is still recorded as a cancelled or failed run.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select

from sellerdesk.core.changes import Source
from sellerdesk.core.errors import SellerDeskError
from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.db.database import Database
from sellerdesk.db.models import ImportRun
from sellerdesk.db.types import utcnow
from sellerdesk.importers.drafts import ProductDraft
from sellerdesk.importers.layouts import SALES
from sellerdesk.importers.model import ImportFileError, Problem
from sellerdesk.importers.pipeline import (
    ImportOptions,
    Inspection,
    StreamState,
    inspect,
    stream,
)
from sellerdesk.services import tables as t
from sellerdesk.services.change_writer import ChangeWriter
from sellerdesk.services.gc_pause import no_full_gc
from sellerdesk.services.import_apply import NEW, SKIP, UNCHANGED, UPDATE, ProductApplier, decide
from sellerdesk.services.import_apply import match_existing as match_products
from sellerdesk.services.import_profiles import ProfileStore
from sellerdesk.services.sales import SalesApplier, current_records

runs: Table = ImportRun.__table__  # type: ignore[assignment]

#: Rows cleaned and shown by a preview.
PREVIEW_ROWS = 100
#: File rows per commit chunk: bounds memory whatever the file size.
COMMIT_CHUNK = 10_000

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


class ImportCancelledError(SellerDeskError):
    """The seller cancelled the import; nothing was changed."""


@dataclass
class PreviewRow:
    row: int
    action: str
    values: dict[str, str]
    problems: list[Problem]

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "values": self.values,
            "problems": [p.to_json() for p in self.problems],
        }


def describe_format(inspection: Inspection) -> str:
    info = inspection.info
    if info.kind == "csv":
        delimiter = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(
            info.delimiter or ",", repr(info.delimiter)
        )
        base = f"CSV ({info.encoding}, {delimiter}-separated)"
    else:
        base = f"{info.kind.upper()} sheet {info.sheet!r}" if info.sheet else info.kind.upper()
    return f"{inspection.layout.label}, {base}"


def _inspection_json(inspection: Inspection) -> dict[str, Any]:
    info = inspection.info
    return {
        "file": inspection.path.name,
        "format": describe_format(inspection),
        "kind": info.kind,
        "layout": inspection.layout.key,
        "layout_label": inspection.layout.label,
        "content": inspection.kind,
        "encoding": info.encoding,
        "delimiter": info.delimiter,
        "sheets": list(info.sheets),
        "sheet": info.sheet,
        "header_row": inspection.header_row,
        "header_confidence": round(inspection.header_confidence, 2),
        "profile": inspection.profile,
        "mapping": [guess.to_json() for guess in inspection.mapping],
    }


@dataclass
class ImportPreview:
    """What the wizard shows before anything is written."""

    inspection: Inspection
    rows: list[PreviewRow]
    problems: list[Problem]
    counts: dict[str, int]
    complete: bool
    estimated_rows: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            **_inspection_json(self.inspection),
            "counts": self.counts,
            "counts_cover_whole_file": self.complete,
            "estimated_rows": self.estimated_rows,
            "rows": [row.to_json() for row in self.rows],
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    inspection: Inspection
    counts: dict[str, int]
    problems: list[Problem]
    problem_summary: dict[str, Any]
    dry_run: bool
    seconds: float
    run_id: int | None = None
    batch_id: int | None = None
    batch_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            **_inspection_json(self.inspection),
            "dry_run": self.dry_run,
            "run_id": self.run_id,
            "batch_id": self.batch_id,
            "batch": self.batch_name,
            "seconds": round(self.seconds, 3),
            "counts": self.counts,
            "problem_summary": self.problem_summary,
            "problems": [p.to_json() for p in self.problems],
        }


class _DryRunDone(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


def _display(draft: ProductDraft) -> dict[str, str]:
    shown = {
        name: FIELD_BY_NAME[name].display(value)
        for name, value in draft.values.items()
        if value is not None
    }
    if draft.parent_sku:
        shown["parent_sku"] = draft.parent_sku
    if draft.images:
        shown["images"] = " | ".join(str(image["uri"]) for image in draft.images)
    return shown


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise ImportFileError(
            f"{path.name} could not be read ({error.strerror or error})",
            "Make sure the file is fully copied and not open elsewhere, then try again.",
        ) from error
    return digest.hexdigest()


class ImportService:
    """Qt-free use cases of importing files; the GUI wizard is a thin layer over these."""

    def __init__(self, db: Database, default_currency: str = "USD") -> None:
        self.db = db
        self.default_currency = default_currency
        self.profiles = ProfileStore(db)

    def _options(self, options: ImportOptions | None) -> ImportOptions:
        if options is None:
            return ImportOptions(default_currency=self.default_currency)
        return options

    def inspect(self, path: Path | str, options: ImportOptions | None = None) -> Inspection:
        return inspect(Path(path), self._options(options), self.profiles.lookup)

    # ------------------------------------------------------------------------ preview
    def preview(
        self, path: Path | str | Inspection, options: ImportOptions | None = None
    ) -> ImportPreview:
        """Detect everything and clean the first rows; reads only the top of the file."""
        inspection = path if isinstance(path, Inspection) else self.inspect(Path(path), options)
        state = StreamState()
        chunks = list(stream(inspection, state, chunk_rows=PREVIEW_ROWS, limit_rows=PREVIEW_ROWS))
        drafts = [d for chunk in chunks for d in chunk.products]
        counts: Counter[str] = Counter()
        actions: dict[int, str] = {}
        with self.db.read() as conn:
            if inspection.kind == SALES:
                sales = [s for chunk in chunks for s in chunk.sales]
                existing = current_records(conn, inspection.layout.key, [s.order_id for s in sales])
                for sale in sales:
                    action = NEW if sale.order_id not in existing else UPDATE
                    actions[sale.row] = action
                    counts[action] += 1
            else:
                matches = match_products(conn, drafts)
                decisions = decide(
                    conn,
                    drafts,
                    matches,
                    inspection.options.on_conflict,
                    inspection.options.override_manual,
                )
                for draft, decision in zip(drafts, decisions, strict=True):
                    actions[draft.row] = decision.action
                    counts[decision.action] += 1
        summary = {
            "rows": state.rows_read,
            "new": counts[NEW],
            "updated": counts[UPDATE],
            "unchanged": counts[UNCHANGED],
            "skipped": counts[SKIP] + state.skipped_rows,
            "duplicate": state.duplicate_rows,
        }
        log = state.log
        by_row: dict[int, list[Problem]] = {}
        for item in log.problems:
            by_row.setdefault(item.row, []).append(item)
        rows = [
            PreviewRow(d.row, actions.get(d.row, NEW), _display(d), by_row.get(d.row, []))
            for d in drafts
        ]
        if inspection.kind == SALES:
            sales = [s for chunk in chunks for s in chunk.sales]
            rows = [
                PreviewRow(
                    s.row,
                    actions.get(s.row, NEW),
                    {
                        "order_id": s.order_id,
                        "status": s.status,
                        "title": s.title or "",
                        "item_price": "" if s.item_price is None else f"{s.item_price:.2f}",
                        "net_proceeds": "" if s.net_proceeds is None else f"{s.net_proceeds:.2f}",
                    },
                    by_row.get(s.row, []),
                )
                for s in sales
            ]
        complete = not state.truncated
        estimated: int | None = state.rows_read
        if not complete:
            estimated = _estimate_rows(inspection, state.progress, state.rows_read)
        return ImportPreview(inspection, rows, list(log.problems), summary, complete, estimated)

    # ------------------------------------------------------------------------- commit
    def commit(
        self,
        path: Path | str | Inspection,
        options: ImportOptions | None = None,
        *,
        dry_run: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Import the whole file as one undoable batch (or, with ``dry_run``, only report)."""
        inspection = path if isinstance(path, Inspection) else self.inspect(Path(path), options)
        started = time.perf_counter()
        sha = file_sha256(inspection.path)
        try:
            # A full collection pass over millions of live objects holds the GIL for half a
            # second at a time, which freezes the window; young collections still run.
            with no_full_gc(), self.db.write() as conn:
                report = self._commit(conn, inspection, sha, dry_run, progress, cancelled, started)
                if dry_run:
                    raise _DryRunDone(report)
                return report
        except _DryRunDone as done:
            return done.report
        except ImportCancelledError:
            self._record_failure(inspection, sha, "cancelled", "Cancelled by you")
            raise
        except SellerDeskError as error:
            self._record_failure(inspection, sha, "failed", str(error))
            raise
        except Exception as error:
            self._record_failure(inspection, sha, "failed", f"{type(error).__name__}: {error}")
            raise

    def _commit(
        self,
        conn: Any,
        inspection: Inspection,
        sha: str,
        dry_run: bool,
        progress: Progress | None,
        cancelled: Cancelled | None,
        started: float,
    ) -> ImportReport:
        options = inspection.options
        name = f"Import of {inspection.path.name}"
        writer = ChangeWriter(conn, self.db.helper, name, Source.IMPORT)
        state = StreamState()
        products = ProductApplier(
            conn, writer, state.log, options.on_conflict, options.override_manual
        )
        sales = SalesApplier(conn, self.db.helper, writer.batch_id, inspection.layout.key)
        for chunk in stream(inspection, state, chunk_rows=COMMIT_CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelledError("The import was cancelled; nothing was changed.")
            products.apply(chunk.products, chunk.repeats)
            if chunk.sales:
                writer.record_external(sales.apply(chunk.sales))
            if progress is not None:
                progress(state.progress, f"{state.rows_read:,} rows imported")
        if cancelled is not None and cancelled():
            raise ImportCancelledError("The import was cancelled; nothing was changed.")
        products.finish()
        summary = writer.finish()
        source_counts = sales.counts if inspection.kind == SALES else products.counts
        counts = {
            "rows": state.rows_read,
            "new": source_counts[NEW],
            "updated": source_counts[UPDATE],
            "unchanged": source_counts[UNCHANGED],
            "skipped": source_counts[SKIP] + state.skipped_rows,
            "duplicate": state.duplicate_rows,
            "blank": state.blank_rows,
            "footer": state.footer_rows,
            "problems": state.log.total,
        }
        if inspection.kind == SALES:
            counts["linked_to_products"] = sales.counts["linked"]
        report = ImportReport(
            inspection=inspection,
            counts=counts,
            problems=list(state.log.problems),
            problem_summary=state.log.summary(),
            dry_run=dry_run,
            seconds=time.perf_counter() - started,
            batch_id=None if dry_run else summary.batch_id,
            batch_name=None if dry_run else name,
        )
        if not dry_run:
            report.run_id = self._record_run(conn, inspection, sha, report)
            if inspection.kind == SALES:
                sales.attach_run(report.run_id)
        return report

    def _record_run(self, conn: Any, inspection: Inspection, sha: str, report: ImportReport) -> int:
        payload = report.to_json()
        run_id = conn.execute(
            insert(runs).values(
                batch_id=report.batch_id,
                file_name=str(inspection.path),
                file_sha256=sha,
                detected_format=inspection.layout.key,
                state="done",
                started_at=utcnow(),
                finished_at=utcnow(),
                counts=report.counts,
                report=payload,
            )
        ).inserted_primary_key[0]
        return int(run_id)

    def _record_failure(self, inspection: Inspection, sha: str, state: str, message: str) -> None:
        try:
            with self.db.write() as conn:
                conn.execute(
                    insert(runs).values(
                        batch_id=None,
                        file_name=str(inspection.path),
                        file_sha256=sha,
                        detected_format=inspection.layout.key,
                        state=state,
                        started_at=utcnow(),
                        finished_at=utcnow(),
                        counts=None,
                        report={"error": message, **_inspection_json(inspection)},
                    )
                )
        except Exception:  # recording the failure must never hide the real error
            pass

    # ---------------------------------------------------------------------------- runs
    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        query = (
            select(runs, t.batches.c.state.label("batch_state"))
            .outerjoin(t.batches, t.batches.c.id == runs.c.batch_id)
            .order_by(runs.c.id.desc())
            .limit(limit)
        )
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            {
                "id": row["id"],
                "file": row["file_name"],
                "format": row["detected_format"],
                "state": "undone"
                if row["batch_state"] in ("undone", "discarded")
                else row["state"],
                "finished_at": row["finished_at"].isoformat() if row["finished_at"] else None,
                "counts": row["counts"],
                "batch_id": row["batch_id"],
            }
            for row in rows
        ]


def _estimate_rows(inspection: Inspection, progress: float, rows_read: int) -> int | None:
    """Rows in the whole file: from the sample's bytes per row for text files (the reader's
    position runs ahead by its buffer), from the reader's progress for workbooks."""
    info = inspection.info
    if info.kind == "csv" and inspection.samples:
        width = 2 if (info.encoding or "").startswith("utf-16") else 1
        sample_bytes = sum(len(",".join(row)) + 2 for row in inspection.samples) * width
        per_row = sample_bytes / len(inspection.samples)
        return int(info.size_bytes / per_row) if per_row else None
    return int(rows_read / progress) if progress > 0 else None
