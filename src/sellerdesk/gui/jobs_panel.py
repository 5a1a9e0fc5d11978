"""The Jobs panel: every background job with its state, progress, counts, problems and log.

A dock widget over a ``JobJournal``. The journal is filled on worker threads; the panel polls
its revision about five times a second (and right after each task event the ``TaskBridge``
delivers), so the GUI thread only ever copies small snapshots.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.job_details import JobDetails
from sellerdesk.gui.job_list import POLL_MS, JobDelegate, JobListModel, JobListView, mixed
from sellerdesk.gui.ops import TaskBridge
from sellerdesk.gui.theme import Theme
from sellerdesk.tasks.jobs import (
    JobInfo,
    JobJournal,
    plural,
    status_badge_text,
)
from sellerdesk.tasks.runner import TaskEvent, TaskState


class JobsPanel(QDockWidget):
    """A dock listing background jobs, newest first, with the selected job's details."""

    def __init__(
        self,
        journal: JobJournal,
        bridge: TaskBridge | None,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Jobs", parent)
        self.setObjectName("JobsPanel")
        self.setAccessibleName("Jobs")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.BottomDockWidgetArea
            | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.toggleViewAction().setText("&Jobs")
        self.toggleViewAction().setToolTip("Show or hide background jobs and their results")
        self._journal = journal
        self._bridge: TaskBridge | None = None
        self._theme = theme
        self._seen_revision = -1
        self._badge_text = ""
        self._refresh_pending = False

        body = QWidget(self)
        body.setObjectName("JobsBody")
        self.model = JobListModel(self)
        self.list = JobListView(body)
        self.list.setModel(self.model)
        self.delegate = JobDelegate(theme, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        self.cancel_button = QPushButton("Cancel Job", body)
        self.cancel_button.setAccessibleName("Cancel the selected job")
        self.cancel_button.setToolTip("Stop the selected job after the item it is working on")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.clear_button = QPushButton("Clear Finished", body)
        self.clear_button.setAccessibleName("Clear finished jobs")
        self.clear_button.setToolTip("Remove finished jobs from this list")
        self.clear_button.clicked.connect(self.clear_finished)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(10, 8, 10, 8)
        buttons.setSpacing(8)
        self.heading = QLabel(body)
        self.heading.setObjectName("JobsHeading")
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.clear_button)

        self.details = JobDetails(theme, body)
        self.placeholder = QLabel("Select a job to see its counts, problems and log.", body)
        self.placeholder.setObjectName("JobsPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.detail_stack = QStackedWidget(body)
        self.detail_stack.addWidget(self.placeholder)
        self.detail_stack.addWidget(self.details)

        self.splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(buttons)
        rule = QFrame(body)
        rule.setObjectName("JobsRule")
        rule.setFixedHeight(1)
        layout.addWidget(rule)
        layout.addWidget(self.splitter, 1)
        self.setWidget(body)
        self.setMinimumWidth(340)

        QWidget.setTabOrder(self.list, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.details.tabs)

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.set_bridge(bridge)
        self.set_theme(theme)
        self.refresh()

    # ---------------------------------------------------------------- API
    @property
    def journal(self) -> JobJournal:
        return self._journal

    def set_bridge(self, bridge: TaskBridge | None) -> None:
        """Follow another catalog's bridge (after the window switched catalogs)."""
        if self._bridge is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the old bridge may be gone
                self._bridge.task_event.disconnect(self._on_task_event)
        self._bridge = bridge
        if bridge is not None:
            bridge.task_event.connect(self._on_task_event)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.delegate.set_theme(theme)
        self.details.set_theme(theme)
        t = theme
        tile_warn = mixed(theme, "warning_fg", "base", 0.1).name()
        error_bg = mixed(theme, "out_of_stock_fg", "base", 0.1).name()
        error_border = mixed(theme, "out_of_stock_fg", "base", 0.35).name()
        self.widget().setStyleSheet(
            f"""
QWidget#JobsBody {{ background: {t.base}; }}
QLabel#JobsHeading {{ color: {t.muted}; }}
QFrame#JobsRule {{ background: {t.border}; }}
QListView#JobList {{ background: {t.base}; outline: 0; }}
QLabel#JobsPlaceholder, QLabel#JobNoProblems {{ color: {t.muted}; padding: 16px; }}
QWidget#JobDetails {{ background: {t.window}; }}
QLabel#JobTimes {{ color: {t.muted}; }}
QLabel#JobError {{
    background: {error_bg}; color: {t.out_of_stock_fg}; border: 1px solid {error_border};
    border-radius: 6px; padding: 8px 10px;
}}
QFrame#CountTile {{
    background: {t.base}; border: 1px solid {t.border}; border-radius: 8px;
}}
QFrame#CountTile[warn="true"] {{ background: {tile_warn}; border-color: {t.warning_border}; }}
QFrame#CountTile QLabel#CountNumber {{ color: {t.text}; }}
QFrame#CountTile[warn="true"] QLabel#CountNumber {{ color: {t.warning_fg}; }}
QFrame#CountTile QLabel#CountName {{ color: {t.muted}; }}
QProgressBar#JobProgress {{ border: none; background: {t.border}; border-radius: 3px; }}
QProgressBar#JobProgress::chunk {{ background: {t.accent}; border-radius: 3px; }}
QTableView#JobProblems, QPlainTextEdit#JobLog {{
    background: {t.base}; border: 1px solid {t.border}; border-radius: 4px;
}}
"""
        )
        self.list.viewport().update()

    def show_panel(self) -> None:
        """Show, raise and focus the panel (the badge click and the menu action call this)."""
        self.show()
        self.raise_()
        self.refresh()
        if self.model.rowCount() and not self.list.currentIndex().isValid():
            self.select_job(self.model.job(0).id)  # type: ignore[union-attr]
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_job(self, job_id: int) -> bool:
        """Select the job ``job_id`` (e.g. from a "Show details" link); False if it's gone."""
        self.refresh()
        row = self.model.row_of(job_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)
        return True

    def selected_job(self) -> JobInfo | None:
        index = self.list.currentIndex()
        return self.model.job(index.row()) if index.isValid() else None

    def cancel_selected(self) -> None:
        job = self.selected_job()
        if job is not None and job.can_cancel:
            self._journal.cancel(job.id)
            self.refresh()

    def clear_finished(self) -> None:
        self._journal.clear_finished()
        self.refresh()

    @property
    def badge_text(self) -> str:
        return self._badge_text

    def refresh(self) -> None:
        """Copy the journal's current state into the list and the details (GUI thread)."""
        self._refresh_pending = False
        revision = self._journal.revision
        if revision != self._seen_revision:
            self._seen_revision = revision
            jobs = self._journal.jobs()
            self.model.sync(jobs)
            self._update_badge(status_badge_text(self._journal))
            self._update_heading(jobs)
        self._show_selected()

    # ---------------------------------------------------------------- internals
    def _tick(self) -> None:
        if self._journal.revision != self._seen_revision:
            self.refresh()
        elif any(job.state is TaskState.RUNNING for job in self.model.jobs()):
            self.model.touch_active()
            self.details.update_times()

    def _on_task_event(self, _event: TaskEvent) -> None:
        if not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self._refresh_if_pending)

    def _refresh_if_pending(self) -> None:
        if self._refresh_pending:
            self.refresh()

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        job = self.selected_job()
        if job is None:
            self.detail_stack.setCurrentWidget(self.placeholder)
            self.cancel_button.setEnabled(False)
        else:
            shown = self.details.job
            if shown is None or shown.id != job.id or shown.revision != job.revision:
                self.details.show_job(
                    job, self._journal.errors(job.id), self._journal.log_lines(job.id)
                )
            self.detail_stack.setCurrentWidget(self.details)
            self.cancel_button.setEnabled(job.can_cancel)
        self.clear_button.setEnabled(any(job.finished for job in self.model.jobs()))

    def _update_heading(self, jobs: list[JobInfo]) -> None:
        active = sum(1 for job in jobs if job.active)
        if not jobs:
            text = "No jobs"
        elif active:
            text = f"{plural(active, 'job')} in progress"
        else:
            text = f"{plural(len(jobs), 'finished job')}"
        self.heading.setText(text)

    def _update_badge(self, text: str) -> None:
        self._badge_text = text

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


class _BadgeOpener(QObject):
    """Opens the jobs panel when its badge is clicked (an event filter on the badge)."""

    def __init__(self, badge: QWidget, panel: JobsPanel) -> None:
        super().__init__(badge)
        self._panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self._panel.show_panel()
            return True
        return False


def open_panel_on_click(badge: QWidget, panel: JobsPanel) -> QObject:
    """Make the status-bar task badge open ``panel`` when clicked; returns the event filter."""
    opener = _BadgeOpener(badge, panel)
    badge.installEventFilter(opener)
    for child in badge.findChildren(QWidget):
        child.installEventFilter(opener)
    badge.setCursor(Qt.CursorShape.PointingHandCursor)
    badge.setToolTip("Show background jobs")
    return opener
