"""Running the import wizard's import (WRITE lane, with progress and Cancel) and its undo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog

from sellerdesk.app import AppContext
from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import NothingToDoError
from sellerdesk.gui.import_progress_page import ImportPage
from sellerdesk.gui.import_report_view import ProblemGroup, ReportPage, group_problems
from sellerdesk.gui.import_steps import IMPORT, REPORT
from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.importers.pipeline import ImportOptions, Inspection
from sellerdesk.services.import_job import run_import
from sellerdesk.services.importing import ImportCancelledError, ImportPreview, ImportReport
from sellerdesk.tasks.runner import TaskCancelled, TaskContext, TaskEvent, TaskHandle, TaskState

SETUP, IMPORTING, FINISHED, STOPPED = "setup", "importing", "finished", "stopped"


@dataclass
class Finished:
    report: ImportReport
    groups: list[ProblemGroup]


class ImportRunMixin(QDialog):
    """The import wizard's WRITE-lane half: the import with progress and Cancel, then its undo.

    ``ImportWizard`` provides what is declared below. A ``QDialog``, so ``super().reject()``
    here is the dialog's own ``reject``, not the wizard's (which would cancel again).
    """

    #: the ImportReport of a finished (committed) import
    import_finished = Signal(object)
    #: the ChangeSummary of undoing that import from the report
    import_undone = Signal(object)

    # provided by ImportWizard
    ctx: AppContext
    bridge: TaskBridge
    path: Path
    preview: ImportPreview | None
    report: ImportReport | None
    import_page: ImportPage
    report_page: ReportPage
    _phase: str
    _close_when_stopped: bool
    _import_handle: TaskHandle[Any] | None

    if TYPE_CHECKING:

        def _current_options(self) -> ImportOptions: ...

        def _inspected_with(self, options: ImportOptions) -> Inspection | None: ...

        def _go(self, step: int) -> None: ...

        def _update_buttons(self) -> None: ...

    # =================================================================== import
    def start_import(self) -> None:
        """Commit the whole file in the WRITE lane, with progress and Cancel."""
        if self._phase != SETUP or self.preview is None:
            return
        options = self._current_options()
        importer = self.ctx.importer
        source = self._inspected_with(options) or self.path

        def work(task: TaskContext) -> Finished:
            try:
                report = run_import(task, importer, source, options)
            except ImportCancelledError as error:
                raise TaskCancelled(error.message) from error
            return Finished(report, group_problems(report))

        self._phase = IMPORTING
        self._close_when_stopped = False
        self.import_page.start()
        self._go(IMPORT)
        self._import_handle = (
            Op(self, work, bridge=self.bridge)
            .titled(f"Importing {self.path.name}")
            .on_success(self._import_done)
            .on_failure(self._import_failed)
            .on_cancel(self._import_cancelled)
            .run()
        )

    def _on_task_event(self, event: TaskEvent) -> None:
        handle = self._import_handle
        if handle is None or event.task_id != handle.id or event.state is not TaskState.RUNNING:
            return
        if self._phase == IMPORTING:
            self.import_page.set_progress(event.done, event.total, event.message)

    def cancel_import(self) -> None:
        """Ask the running import to stop; it rolls back and the catalog stays unchanged."""
        if self._phase != IMPORTING or self._import_handle is None:
            return
        self._import_handle.cancel()
        self.import_page.show_cancelling()

    def _import_done(self, finished: Finished) -> None:
        self._import_handle = None
        self.report = finished.report
        self._phase = FINISHED
        self.report_page.show_report(finished.report, finished.groups)
        self._go(REPORT)
        self.import_finished.emit(finished.report)
        if self._close_when_stopped:
            self.accept()

    def _import_failed(self, error: BaseException) -> None:
        if isinstance(error, ImportCancelledError):
            self._import_cancelled()
            return
        self._import_handle = None
        self._phase = STOPPED
        self.import_page.show_failed(error)
        self._update_buttons()
        if self._close_when_stopped:
            super().reject()

    def _import_cancelled(self) -> None:
        self._import_handle = None
        self._phase = STOPPED
        self.import_page.show_cancelled()
        self._update_buttons()
        if self._close_when_stopped:
            super().reject()

    # ===================================================================== undo
    def undo_import(self) -> None:
        """Undo the import from the report, only if it is still the latest change."""
        report = self.report
        if report is None or report.batch_name is None:
            return
        catalog = self.ctx.catalog
        batch_name = report.batch_name

        def work(_task: TaskContext) -> ChangeSummary:
            if catalog.undo_label() != batch_name:
                raise NothingToDoError(
                    "This import can't be undone from here any more.",
                    "Other changes were made after it. Use Edit ▸ Undo in the main window to "
                    "step back through them.",
                )
            return catalog.undo()

        def done(summary: ChangeSummary) -> None:
            self.report_page.show_undone(summary)
            self.import_undone.emit(summary)

        def failed(error: BaseException) -> None:
            if isinstance(error, NothingToDoError):
                self.report_page.show_undo_unavailable(error.message, error.hint)
            else:
                self.report_page.show_undo_failed(error)

        self.report_page.show_undoing()
        Op(self, work, bridge=self.bridge).titled("Undo import").on_success(done).on_failure(
            failed
        ).run()
