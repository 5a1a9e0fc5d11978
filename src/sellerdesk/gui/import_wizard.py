"""The import wizard: a dropped file → checked columns and preview → one undoable import.

A thin layer over ``ImportService``: every inspection and preview runs in the READ lane, the
commit and its undo in the WRITE lane, all through ``Op``; the GUI thread only ever handles
the bounded top of the file (at most a few hundred rows) and a grouped report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
from sellerdesk.core.errors import SellerDeskError
from sellerdesk.gui.import_file_page import FilePage
from sellerdesk.gui.import_options_page import OptionsPage
from sellerdesk.gui.import_pages import wizard_stylesheet
from sellerdesk.gui.import_preview_grid import PreviewPage, counts_sentence
from sellerdesk.gui.import_progress_page import ImportPage
from sellerdesk.gui.import_report_view import ReportPage
from sellerdesk.gui.import_run import FINISHED, IMPORTING, SETUP, STOPPED, ImportRunMixin
from sellerdesk.gui.import_steps import COLUMNS, FILE, IMPORT, OPTIONS, PREVIEW, REPORT, StepSidebar
from sellerdesk.gui.mapping_table import CHOSEN, PROFILE, ColumnsPage
from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.gui.theme import Theme
from sellerdesk.importers.pipeline import ImportOptions, Inspection
from sellerdesk.importers.targets import TARGETS
from sellerdesk.services.import_profiles import Profile
from sellerdesk.services.importing import ImportCancelledError, ImportPreview, ImportReport
from sellerdesk.tasks.runner import Lane, TaskContext, TaskHandle

IMPORTABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"})
#: Changes made within this many milliseconds are previewed together.
REFRESH_DELAY_MS = 120
PROFILE_REASON = "saved in the import profile"


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


class ImportWizard(ImportRunMixin):
    """Open with ``ImportWizard(ctx, bridge, theme, path, parent)`` then ``open()``.

    Its ``import_finished`` and ``import_undone`` signals come from ``ImportRunMixin``.
    """

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
