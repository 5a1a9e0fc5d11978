"""An import as a background job: progress, cancel, and what the jobs panel shows afterwards
(counts, the rows that had errors, a short log)."""

from __future__ import annotations

from pathlib import Path

from sellerdesk.importers.model import Severity
from sellerdesk.importers.pipeline import ImportOptions, Inspection
from sellerdesk.services.importing import ImportReport, ImportService, describe_format
from sellerdesk.tasks.runner import TaskContext

#: Steps of the progress bar (the commit reports a fraction).
PROGRESS_STEPS = 1000
#: Rows with errors listed in the job record (all of them are counted).
LISTED_ERRORS = 500


def run_import(
    task: TaskContext,
    importer: ImportService,
    source: Path | Inspection,
    options: ImportOptions | None = None,
) -> ImportReport:
    """Inspect (if given a path) and commit, reporting to the task as it goes."""
    inspection = source if isinstance(source, Inspection) else importer.inspect(source, options)
    task.log(f"Reading {inspection.path.name}: {describe_format(inspection)}")
    header = inspection.header_row
    task.log(f"Header on row {header}" if header else "The file has no header row")
    if inspection.profile:
        task.log(f"Using the saved mapping “{inspection.profile}”")

    def progress(fraction: float, message: str) -> None:
        task.progress(round(fraction * PROGRESS_STEPS), PROGRESS_STEPS, message)

    report = importer.commit(inspection, progress=progress, cancelled=task.cancelled)
    counts = report.counts
    task.report(
        counts={
            key: counts[key]
            for key in ("new", "updated", "unchanged", "skipped", "duplicate")
            if key in counts
        },
        errors=[
            (f"Row {p.row}" + (f" · SKU {p.sku}" if p.sku else ""), p.message)
            for p in report.problems
            if p.severity is Severity.ERROR
        ][:LISTED_ERRORS],
    )
    task.log(
        f"{counts['rows']:,} rows: {counts['new']:,} new, {counts['updated']:,} updated, "
        f"{counts['unchanged']:,} unchanged, {counts['skipped']:,} skipped"
    )
    if report.batch_name:
        task.log(f"Saved as one change: “{report.batch_name}” (Edit ▸ Undo takes it back)")
    return report
