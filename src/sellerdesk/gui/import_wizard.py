"""The import wizard: a dropped file → checked columns and preview → one undoable import.

A thin layer over ``ImportService``: every inspection and preview runs in the READ lane, the
commit and its undo in the WRITE lane, all through ``Op``; the GUI thread only ever handles
the bounded top of the file (at most a few hundred rows) and a grouped report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.app import AppContext
from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import NothingToDoError, SellerDeskError
from sellerdesk.gui.import_pages import (
    FilePage,
    ImportPage,
    OptionsPage,
    scaled_font,
    wizard_stylesheet,
)
from sellerdesk.gui.import_preview_grid import PreviewPage, counts_sentence
from sellerdesk.gui.import_report_view import ProblemGroup, ReportPage, group_problems
from sellerdesk.gui.mapping_table import CHOSEN, PROFILE, ColumnsPage
from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.gui.theme import Theme
from sellerdesk.importers.pipeline import ImportOptions, Inspection
from sellerdesk.importers.targets import TARGETS
from sellerdesk.services.import_job import run_import
from sellerdesk.services.import_profiles import Profile
from sellerdesk.services.importing import ImportCancelledError, ImportPreview, ImportReport
from sellerdesk.tasks.runner import (
    Lane,
    TaskCancelled,
    TaskContext,
    TaskEvent,
    TaskHandle,
    TaskState,
)

IMPORTABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"})
STEPS = ("File", "Columns", "Preview", "Options", "Import", "Report")
FILE, COLUMNS, PREVIEW, OPTIONS, IMPORT, REPORT = range(len(STEPS))
#: Changes made within this many milliseconds are previewed together.
REFRESH_DELAY_MS = 120
PROFILE_REASON = "saved in the import profile"

SETUP, IMPORTING, FINISHED, STOPPED = "setup", "importing", "finished", "stopped"


def importable_file(path: Path | str) -> bool:
    """True for the files the wizard can read (by suffix): CSV/TSV/TXT, XLSX/XLSM, XLS, ODS."""
    return Path(path).suffix.lower() in IMPORTABLE_SUFFIXES


def _focus_first(page: QWidget | None) -> None:
    """Give the keyboard focus to the first control of ``page`` that takes Tab focus."""
    if page is None:
        return
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        tabbable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if (
            tabbable
            and widget.isEnabled()
            and page.isAncestorOf(widget)
            and widget.isVisibleTo(page)
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()


@dataclass
class Snapshot:
    """One inspection of the file and the preview it gives, or why there is none.

    Errors the seller can act on come back as values: they are expected, not task failures.
    """

    inspection: Inspection | None
    preview: ImportPreview | None = None
    preview_error: SellerDeskError | None = None
    inspect_error: SellerDeskError | None = None


@dataclass
class Finished:
    report: ImportReport
    groups: list[ProblemGroup]


class StepSidebar(QWidget):
    """The list of steps on the left: done, current and upcoming, each clickable once reached."""

    step_clicked = Signal(int)
    ROW_HEIGHT = 44
    TOP = 92

    def __init__(self, theme: Theme, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StepSidebar")
        self.setAccessibleName("Import steps")
        self.setFixedWidth(220)
        self._theme = theme
        self._file_name = file_name
        self._current = FILE
        self._reachable = FILE
        self._locked = False
        self.setMouseTracking(True)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_state(self, current: int, reachable: int, locked: bool) -> None:
        self._current, self._reachable, self._locked = current, reachable, locked
        self.setAccessibleDescription(f"Step {current + 1} of {len(STEPS)}: {STEPS[current]}")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, self.TOP + self.ROW_HEIGHT * len(STEPS) + 80)

    def _row_rect(self, step: int) -> QRectF:
        return QRectF(12, self.TOP + step * self.ROW_HEIGHT, self.width() - 24, self.ROW_HEIGHT - 6)

    def _clickable(self, step: int) -> bool:
        return not self._locked and step != self._current and step <= min(self._reachable, OPTIONS)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for step in range(len(STEPS)):
            if self._row_rect(step).contains(event.position()) and self._clickable(step):
                self.step_clicked.emit(step)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hand = any(
            self._row_rect(s).contains(event.position()) and self._clickable(s)
            for s in range(len(STEPS))
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor if hand else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self._theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), t.color("window"))
        painter.setPen(QPen(t.color("border"), 1))
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())

        title_font = scaled_font(self.font(), 1.25, QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(t.color("text"))
        painter.drawText(QRectF(22, 22, self.width() - 40, 28), "Import products")
        painter.setFont(self.font())
        painter.setPen(t.color("muted"))
        name = painter.fontMetrics().elidedText(
            self._file_name, Qt.TextElideMode.ElideMiddle, self.width() - 44
        )
        painter.drawText(QRectF(22, 50, self.width() - 40, 22), name)

        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for step, label in enumerate(STEPS):
            rect = self._row_rect(step)
            done = step < self._current or (step == REPORT and self._current == REPORT)
            current = step == self._current
            if current:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(t.color("accent_soft"))
                painter.drawRoundedRect(rect, 8, 8)
            circle = QRectF(rect.left() + 10, rect.center().y() - 12, 24, 24)
            if current or done:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(t.color("accent"))
            else:
                painter.setPen(QPen(t.color("border"), 1.5))
                painter.setBrush(t.color("base"))
            painter.drawEllipse(circle)
            if done and not current:
                self._draw_check(painter, circle, t.color("on_accent"))
            else:
                painter.setPen(t.color("on_accent") if current else t.color("muted"))
                painter.setFont(bold)
                painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, str(step + 1))
            painter.setFont(bold if current else self.font())
            reachable = step <= self._reachable
            painter.setPen(t.color("text") if current or reachable else t.color("muted"))
            text_rect = QRectF(circle.right() + 12, rect.top(), rect.width() - 60, rect.height())
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, label)
        painter.setFont(self.font())
        painter.setPen(t.color("muted"))
        note = (
            "Nothing is written to your catalog until you click Import."
            if self._current < IMPORT
            else "The whole import is one change: Undo takes it all back."
        )
        bottom = QRectF(22, self.height() - 86, self.width() - 44, 70)
        painter.drawText(bottom, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignBottom), note)
        painter.end()

    @staticmethod
    def _draw_check(painter: QPainter, circle: QRectF, color: QColor) -> None:
        pen = QPen(color, 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        c = circle.center()
        painter.drawPolyline(
            [
                QPointF(c.x() - 5, c.y()),
                QPointF(c.x() - 1.5, c.y() + 3.5),
                QPointF(c.x() + 5, c.y() - 4),
            ]
        )


class ImportWizard(QDialog):
    """Open with ``ImportWizard(ctx, bridge, theme, path, parent)`` then ``open()``."""

    #: the ImportReport of a finished (committed) import
    import_finished = Signal(object)
    #: the ChangeSummary of undoing that import from the report
    import_undone = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        bridge: TaskBridge,
        theme: Theme,
        path: Path | str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ImportWizard")
        self.ctx = ctx
        self.bridge = bridge
        self.path = Path(path)
        self._theme = theme
        self.setWindowTitle(f"Import “{self.path.name}”")
        self.setAccessibleName("Import wizard")
        self.setModal(True)
        self.resize(1120, 740)
        self.setMinimumSize(900, 600)

        self._options = ImportOptions(default_currency=ctx.settings.default_currency)
        self._chosen: dict[int, str | None] = {}
        self._profile_name: str | None = None
        self._profile_mapping: dict[int, str | None] = {}
        self._user_header_row = False
        self._generation = 0
        self._pending = 0
        self._reachable = FILE
        self._phase = SETUP
        self._close_when_stopped = False
        self._import_handle: TaskHandle[Any] | None = None
        self.inspection: Inspection | None = None
        self.preview: ImportPreview | None = None
        self.preview_error: BaseException | None = None
        self.inspect_error: BaseException | None = None
        self.report: ImportReport | None = None
        self.profile_dialog: QInputDialog | None = None
        self.saved_profile: Profile | None = None

        self._build()
        self.setStyleSheet(wizard_stylesheet(theme))
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        bridge.task_event.connect(self._on_task_event)
        self._go(FILE)
        self.refresh()

    # ================================================================= building
    def _build(self) -> None:
        name = self.path.name
        self.sidebar = StepSidebar(self._theme, name, self)
        self.sidebar.step_clicked.connect(self._go)
        self.file_page = FilePage(name, self)
        self.columns_page = ColumnsPage(self._theme, self)
        self.preview_page = PreviewPage(self._theme, self)
        self.options_page = OptionsPage(self.ctx.settings.default_currency, self)
        self.import_page = ImportPage(name, self)
        self.report_page = ReportPage(self._theme, self)
        self.pages = QStackedWidget(self)
        for page in (
            self.file_page,
            self.columns_page,
            self.preview_page,
            self.options_page,
            self.import_page,
            self.report_page,
        ):
            self.pages.addWidget(page)

        self.file_page.reading_changed.connect(self._reading_changed)
        self.columns_page.table.target_chosen.connect(self._target_chosen)
        self.columns_page.save_profile_requested.connect(self.ask_profile_name)
        self.options_page.options_changed.connect(self._schedule_refresh)
        self.import_page.cancel_requested.connect(self.cancel_import)
        self.report_page.undo_requested.connect(self.undo_import)

        footer = QFrame(self)
        footer.setObjectName("WizardFooter")
        buttons = QHBoxLayout(footer)
        buttons.setContentsMargins(20, 12, 20, 12)
        buttons.setSpacing(10)
        self.cancel_button = QPushButton("Cancel", footer)
        self.cancel_button.setObjectName("SecondaryButton")
        self.cancel_button.setAccessibleName("Cancel and close the import wizard")
        self.busy_label = QLabel("", footer)
        self.busy_label.setObjectName("Muted")
        self.back_button = QPushButton("< &Back", footer)
        self.back_button.setObjectName("SecondaryButton")
        self.back_button.setAccessibleName("Back to the previous step")
        self.next_button = QPushButton("&Next >", footer)
        self.next_button.setObjectName("PrimaryButton")
        self.next_button.setAccessibleName("Next step")
        for button in (self.cancel_button, self.back_button, self.next_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(34)
        self.next_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addSpacing(8)
        buttons.addWidget(self.busy_label, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)

        body = QWidget(self)
        body.setObjectName("WizardBody")
        body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        body_box = QVBoxLayout(body)
        body_box.setContentsMargins(0, 0, 0, 0)
        body_box.setSpacing(0)
        body_box.addWidget(self.pages, 1)
        body_box.addWidget(footer)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(body, 1)

        QShortcut(QKeySequence("Ctrl+PgDown"), self, self._shortcut_next)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self._shortcut_back)

    def set_theme(self, theme: Theme) -> None:
        """Follow an OS light/dark switch."""
        self._theme = theme
        self.setStyleSheet(wizard_stylesheet(theme))
        self.sidebar.set_theme(theme)
        self.columns_page.table.set_theme(theme)
        self.preview_page.set_theme(theme)
        self.report_page.set_theme(theme)
        if self.inspection is not None:
            self._show_snapshot()

    # =============================================================== navigation
    @property
    def current_step(self) -> int:
        return self.pages.currentIndex()

    @property
    def refreshing(self) -> bool:
        """An inspection/preview is queued or running."""
        return self._pending > 0 or self._refresh_timer.isActive()

    def _go(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        if step <= OPTIONS:
            self._reachable = max(self._reachable, step)
        else:
            self._reachable = step
        self._update_buttons()
        if step == REPORT:
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            _focus_first(self.pages.currentWidget())

    def go_to(self, step: int) -> None:
        """Show a setup step (tests, automation); ignored once the import has started."""
        if self._phase == SETUP and step <= OPTIONS:
            self._go(step)

    def next(self) -> None:
        step = self.current_step
        if not self._can_leave(step):
            return
        if step == OPTIONS:
            self.start_import()
        elif step < OPTIONS:
            self._go(step + 1)
        elif step == REPORT or self._phase == STOPPED:
            self.accept()

    def back(self) -> None:
        step = self.current_step
        if step == IMPORT and self._phase == STOPPED:
            self._phase = SETUP
            self._go(OPTIONS)
        elif self._phase == SETUP and step > FILE:
            self._go(step - 1)

    def _shortcut_next(self) -> None:
        if self.next_button.isEnabled() and self.next_button.isVisible():
            self.next()

    def _shortcut_back(self) -> None:
        if self.back_button.isEnabled() and self.back_button.isVisible():
            self.back()

    def _can_leave(self, step: int) -> bool:
        if step in (FILE, COLUMNS):
            return self.inspection is not None
        if step in (PREVIEW, OPTIONS):
            return self.inspection is not None and self.preview is not None
        return True

    def _update_buttons(self) -> None:
        step = self.current_step
        setup = self._phase == SETUP
        self.sidebar.set_state(step, self._reachable, locked=not setup)
        self.back_button.setVisible(step != REPORT and (setup or self._phase == STOPPED))
        self.back_button.setEnabled((setup and step > FILE) or self._phase == STOPPED)
        self.cancel_button.setVisible(setup)
        unreadable = self.inspection is None and self.inspect_error is not None
        self.cancel_button.setText("Close" if setup and unreadable else "Cancel")
        if step == OPTIONS:
            self.next_button.setText("&Import")
            self.next_button.setAccessibleName("Import the file now")
        elif self._phase in (FINISHED, STOPPED):
            self.next_button.setText("&Close")
            self.next_button.setAccessibleName("Close the import wizard")
        else:
            self.next_button.setText("&Next >")
            self.next_button.setAccessibleName("Next step")
        self.next_button.setVisible(self._phase != IMPORTING)
        self.next_button.setEnabled(self._phase != SETUP or self._can_leave(step))
        self.next_button.setDefault(True)
        if self._phase == SETUP and self._pending:
            first = self.inspection is None
            self.busy_label.setText("Reading the file…" if first else "Updating the preview…")
        elif self._phase == SETUP and step >= PREVIEW and self.preview_error is not None:
            self.busy_label.setText("Fix the columns before importing.")
        else:
            self.busy_label.setText("")

    # ======================================================== inspect + preview
    def _current_options(self) -> ImportOptions:
        mapping: dict[int, str | None] | None = None
        if self._chosen:
            mapping = {**self._profile_mapping, **self._chosen}
        return self.options_page.apply(replace(self._options, mapping=mapping))

    def _schedule_refresh(self) -> None:
        self._refresh_timer.start()
        self._update_buttons()

    def refresh(self) -> None:
        """Inspect and preview the file again with the current choices (READ lane)."""
        self._refresh_timer.stop()
        self._generation += 1
        generation = self._generation
        options = self._current_options()
        importer = self.ctx.importer
        path = self.path
        known = self._inspected_with(options)

        def work(_task: TaskContext) -> Snapshot:
            try:
                inspection = known or importer.inspect(path, options)
            except SellerDeskError as error:
                return Snapshot(None, inspect_error=error)
            try:
                return Snapshot(inspection, importer.preview(inspection))
            except SellerDeskError as error:
                return Snapshot(inspection, preview_error=error)

        def done(snapshot: Snapshot) -> None:
            self._pending -= 1
            if generation == self._generation:
                if snapshot.inspect_error is not None:
                    self._inspection_failed(snapshot.inspect_error)
                else:
                    self._apply_snapshot(snapshot)
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self._pending -= 1
            if generation == self._generation:
                self._inspection_failed(error)
            self._update_buttons()

        self._pending += 1
        (
            Op(self, work, bridge=self.bridge)
            .titled(f"Reading {path.name}")
            .in_lane(Lane.READ)
            .on_success(done)
            .on_failure(failed)
            .on_cancel(lambda: failed(ImportCancelledError("Reading the file was cancelled.")))
            .run()
        )
        self._update_buttons()

    def _inspected_with(self, options: ImportOptions) -> Inspection | None:
        """The last inspection with ``options`` in it, when they read the file the same way."""
        last = self.inspection
        if last is None or not last.options.reads_like(options):
            return None
        return replace(last, options=options)

    def _apply_snapshot(self, snapshot: Snapshot) -> None:
        inspection = snapshot.inspection
        assert inspection is not None
        if inspection.profile and not self._chosen:
            self._profile_name = inspection.profile
            self._profile_mapping = {
                g.column: g.target
                for g in inspection.mapping
                if g.reason == PROFILE_REASON and (g.target is None or g.target in TARGETS)
            }
        self.inspection = inspection
        self.preview = snapshot.preview
        self.preview_error = snapshot.preview_error
        self.inspect_error = None
        self._show_snapshot()

    def _show_snapshot(self) -> None:
        inspection = self.inspection
        assert inspection is not None
        shown = replace(inspection, profile=self._profile_name)
        self.file_page.show_inspection(shown, self._user_header_row)
        self.columns_page.show_inspection(shown, self._origins(), self.preview_error)
        mapped = [g.target for g in inspection.mapping if g.target is not None]
        if self.preview is not None:
            self.preview_page.show_preview(self.preview, mapped)
            self.options_page.set_summary(f"Preview: {counts_sentence(self.preview)}.")
        elif self.preview_error is not None:
            self.preview_page.show_error(self.preview_error)
            self.options_page.set_summary("")

    def _origins(self) -> dict[int, str]:
        origins: dict[int, str] = {}
        for column in self._profile_mapping:
            origins[column] = PROFILE
        for column in self._chosen:
            origins[column] = CHOSEN
        return origins

    def _inspection_failed(self, error: BaseException) -> None:
        self.inspection = None
        self.preview = None
        self.inspect_error = error
        self.file_page.show_error(error)
        if self._phase == SETUP and self.current_step != FILE:
            self._go(FILE)

    def _reading_changed(self, changes: dict[str, Any]) -> None:
        """Encoding, separator, sheet or header row changed: the columns may be different."""
        if "sheet" in changes:
            changes = {**changes, "header_row": None}
        if "header_row" in changes:
            self._user_header_row = changes["header_row"] is not None
        elif "sheet" in changes:
            self._user_header_row = False
        self._options = replace(self._options, **changes)
        if set(changes) - {"encoding"}:
            self._chosen = {}
            self._profile_name = None
            self._profile_mapping = {}
        self.file_page.show_loading()
        self.refresh()

    def _target_chosen(self, column: int, target: str | None) -> None:
        if self.inspection is None:
            return
        current = (
            self.inspection.mapping[column].target
            if column < len(self.inspection.mapping)
            else None
        )
        if target == current and column not in self._chosen:
            return
        self._chosen[column] = target
        self._schedule_refresh()

    # ================================================================= profiles
    def ask_profile_name(self) -> None:
        """Ask for a profile name (non-blocking); saving happens when the seller confirms."""
        if self.inspection is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Save Mapping as Profile")
        dialog.setLabelText(
            "Name this mapping. Files with the same column names will use it automatically:"
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(self._profile_name or self.path.stem.replace("_", " ").strip())
        dialog.setOkButtonText("Save")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self.save_profile)
        self.profile_dialog = dialog
        dialog.open()

    def save_profile(self, name: str) -> None:
        """Save the current mapping under ``name`` (WRITE lane)."""
        inspection = self.inspection
        name = " ".join(name.split())
        if inspection is None or not name:
            return
        profiles = self.ctx.importer.profiles

        def work(_task: TaskContext) -> Profile:
            return profiles.save(name, inspection)

        def done(profile: Profile) -> None:
            self.saved_profile = profile
            self.columns_page.set_profile_saved(profile.name)

        (
            Op(self, work, bridge=self.bridge)
            .titled("Saving the import profile")
            .on_success(done)
            .on_failure(self.columns_page.notice.show_error)
            .run()
        )

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

    # ================================================================ closing
    def reject(self) -> None:
        if self._phase == IMPORTING:
            self._close_when_stopped = True
            self.cancel_import()
            return
        self._refresh_timer.stop()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._phase == IMPORTING:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
