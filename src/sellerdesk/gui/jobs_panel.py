"""The Jobs panel: every background job with its state, progress, counts, problems and log.

A dock widget over a ``JobJournal``. The journal is filled on worker threads; the panel polls
its revision about five times a second (and right after each task event the ``TaskBridge``
delivers), so the GUI thread only ever copies small snapshots.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.ops import TaskBridge
from sellerdesk.gui.theme import Theme
from sellerdesk.tasks.jobs import (
    ItemError,
    JobInfo,
    JobJournal,
    counts_summary,
    format_duration,
    plural,
    progress_text,
    status_badge_text,
)
from sellerdesk.tasks.runner import TaskEvent, TaskState

POLL_MS = 200
JOB_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


def mixed(theme: Theme, color: str, over: str, amount: float) -> QColor:
    """``amount`` of theme color ``color`` over theme color ``over`` (tints for pills, boxes)."""
    top, base = theme.color(color), theme.color(over)
    return QColor(
        round(top.red() * amount + base.red() * (1 - amount)),
        round(top.green() * amount + base.green() * (1 - amount)),
        round(top.blue() * amount + base.blue() * (1 - amount)),
    )


def state_colors(theme: Theme, job: JobInfo) -> tuple[QColor, QColor]:
    """Pill background and text for a job's state."""
    if job.cancel_requested and job.active:
        return theme.color("draft_bg"), theme.color("draft_fg")
    if job.state is TaskState.RUNNING:
        return theme.color("info_bg"), theme.color("info_fg")
    if job.state is TaskState.DONE:
        return theme.color("active_bg"), theme.color("active_fg")
    if job.state is TaskState.FAILED:
        return mixed(theme, "out_of_stock_fg", "base", 0.16), theme.color("out_of_stock_fg")
    if job.state is TaskState.CANCELLED:
        return theme.color("draft_bg"), theme.color("draft_fg")
    return theme.color("archived_bg"), theme.color("archived_fg")


def when(moment: datetime | None) -> str:
    """``14:05`` today, ``Mar 3, 14:05`` on other days."""
    if moment is None:
        return ""
    if moment.date() == datetime.now().astimezone().date():
        return moment.strftime("%H:%M")
    return f"{moment.strftime('%b')} {moment.day}, {moment.strftime('%H:%M')}"


def time_line(job: JobInfo) -> str:
    """``14:05 · 4.2 s`` (start time and how long it took or has taken so far)."""
    parts = [when(job.started_at or job.queued_at)]
    took = format_duration(job.duration())
    if took:
        parts.append(took)
    return " · ".join(p for p in parts if p)


def describe_job(job: JobInfo) -> str:
    """What a screen reader says for a row."""
    parts = [job.title, job.state_label]
    if job.summary:
        parts.append(job.summary)
    took = format_duration(job.duration())
    if took:
        parts.append(f"took {took}" if job.finished else f"running for {took}")
    return ", ".join(parts)


# ================================================================ the list
class JobListModel(QAbstractListModel):
    """Job snapshots, newest first; ``sync`` applies a new list without losing the selection."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[JobInfo] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._jobs):
            return None
        job = self._jobs[index.row()]
        if role == _DISPLAY:
            return job.title
        if role == JOB_ROLE:
            return job
        if role == _TOOLTIP:
            return job.summary or job.state_label
        if role == _ACCESSIBLE:
            return describe_job(job)
        return None

    def job(self, row: int) -> JobInfo | None:
        return self._jobs[row] if 0 <= row < len(self._jobs) else None

    def row_of(self, job_id: int) -> int:
        return next((row for row, job in enumerate(self._jobs) if job.id == job_id), -1)

    def jobs(self) -> list[JobInfo]:
        return list(self._jobs)

    def sync(self, jobs: Sequence[JobInfo]) -> None:
        """Remove gone jobs, insert new ones, update changed ones (both lists newest first)."""
        wanted = {job.id for job in jobs}
        for row in reversed(range(len(self._jobs))):
            if self._jobs[row].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._jobs[row]
                self.endRemoveRows()
        for row, job in enumerate(jobs):
            if row < len(self._jobs) and self._jobs[row].id == job.id:
                if self._jobs[row].revision != job.revision:
                    self._jobs[row] = job
                    index = self.index(row)
                    self.dataChanged.emit(index, index)
            else:
                self.beginInsertRows(QModelIndex(), row, row)
                self._jobs.insert(row, job)
                self.endInsertRows()

    def touch_active(self) -> None:
        """Repaint rows whose duration keeps growing."""
        for row, job in enumerate(self._jobs):
            if job.state is TaskState.RUNNING:
                index = self.index(row)
                self.dataChanged.emit(index, index)


class JobDelegate(QStyledItemDelegate):
    """Two lines per job: title and state pill; summary and time; a progress bar while running."""

    PAD_X, PAD_Y, GAP, BAR = 12, 9, 4, 5

    def __init__(self, theme: Theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.92))
        pill = QFont(small)
        pill.setWeight(QFont.Weight.DemiBold)
        return title, small, pill

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title, small, _pill = self._fonts(option)
        job = index.data(JOB_ROLE)
        height = self.PAD_Y * 2 + QFontMetricsF(title).height() + self.GAP
        height += QFontMetricsF(small).height()
        if isinstance(job, JobInfo) and job.state is TaskState.RUNNING:
            height += 8 + self.BAR
        return QSize(260, int(height + 1))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        job = index.data(JOB_ROLE)
        if not isinstance(job, JobInfo):
            super().paint(painter, option, index)
            return
        t = self._theme
        rect = QRectF(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(rect, t.color("selection") if selected else t.color("base"))
        painter.setPen(t.color("border"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if option.state & QStyle.StateFlag.State_HasFocus and selected:
            painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), t.color("accent"))

        title_font, small_font, pill_font = self._fonts(option)
        title_metrics, small_metrics = QFontMetricsF(title_font), QFontMetricsF(small_font)
        pill_metrics = QFontMetricsF(pill_font)
        inner = rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        text_color = t.color("selection_text") if selected else t.color("text")
        muted = t.color("selection_text") if selected else t.color("muted")

        # line 1: title ... pill
        label = job.state_label
        pill_w = pill_metrics.horizontalAdvance(label) + 16
        pill_h = pill_metrics.height() + 3
        line1 = QRectF(inner.left(), inner.top(), inner.width(), title_metrics.height())
        pill = QRectF(line1.right() - pill_w, line1.center().y() - pill_h / 2, pill_w, pill_h)
        background, foreground = state_colors(t, job)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(pill, pill_h / 2, pill_h / 2)
        painter.setFont(pill_font)
        painter.setPen(foreground)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        painter.setFont(title_font)
        painter.setPen(text_color)
        title_rect = line1.adjusted(0, 0, -(pill_w + 10), 0)
        title = title_metrics.elidedText(job.title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )

        top = line1.bottom() + self.GAP
        if job.state is TaskState.RUNNING:
            bar = QRectF(inner.left(), top + 3, inner.width(), self.BAR)
            self._paint_bar(painter, bar, job)
            top = bar.bottom() + 5

        # line 2: summary ............ time · duration
        line2 = QRectF(inner.left(), top, inner.width(), small_metrics.height())
        painter.setFont(small_font)
        right = time_line(job)
        right_w = small_metrics.horizontalAdvance(right) + 2
        painter.setPen(muted)
        painter.drawText(line2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)
        room = line2.adjusted(0, 0, -(right_w + 12), 0)
        self._paint_summary(painter, room, small_metrics, job, selected)
        painter.restore()

    def _paint_summary(
        self,
        painter: QPainter,
        room: QRectF,
        metrics: QFontMetricsF,
        job: JobInfo,
        selected: bool,
    ) -> None:
        t = self._theme
        muted = t.color("selection_text") if selected else t.color("muted")
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if job.state is TaskState.FAILED:
            painter.setPen(t.color("selection_text") if selected else t.color("out_of_stock_fg"))
            text = metrics.elidedText(job.error_text, Qt.TextElideMode.ElideRight, room.width())
            painter.drawText(room, align, text)
            return
        if job.state is TaskState.DONE or (job.state is TaskState.CANCELLED and job.counts):
            counted = counts_summary(job.counts)
            problems = plural(job.error_count, "problem") if job.error_count else ""
            if not counted and not problems:
                counted = "Finished" if job.state is TaskState.DONE else job.summary
            painter.setPen(muted)
            text = metrics.elidedText(counted, Qt.TextElideMode.ElideRight, room.width())
            painter.drawText(room, align, text)
            if problems:
                used = metrics.horizontalAdvance(text) if counted else 0
                joiner = " · " if counted else ""
                painter.drawText(room.adjusted(used, 0, 0, 0), align, joiner)
                used += metrics.horizontalAdvance(joiner)
                painter.setPen(muted if selected else t.color("warning_fg"))
                rest = room.adjusted(used, 0, 0, 0)
                problems = metrics.elidedText(problems, Qt.TextElideMode.ElideRight, rest.width())
                painter.drawText(rest, align, problems)
            return
        painter.setPen(muted)
        text = metrics.elidedText(job.summary, Qt.TextElideMode.ElideRight, room.width())
        painter.drawText(room, align, text)

    def _paint_bar(self, painter: QPainter, bar: QRectF, job: JobInfo) -> None:
        t = self._theme
        radius = bar.height() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(t.color("border"))
        painter.drawRoundedRect(bar, radius, radius)
        painter.setBrush(t.color("accent"))
        fraction = job.fraction
        if fraction is None:  # unknown total: a segment sliding along the track
            duration = job.duration() or 0.0
            phase = (duration % 1.6) / 1.6
            width = bar.width() * 0.3
            left = bar.left() - width + (bar.width() + width) * phase
            segment = QRectF(max(bar.left(), left), bar.top(), width, bar.height())
            segment.setRight(min(bar.right(), left + width))
            if segment.width() > 0:
                painter.drawRoundedRect(segment, radius, radius)
        elif fraction > 0:
            filled = QRectF(
                bar.left(), bar.top(), max(bar.height(), bar.width() * fraction), bar.height()
            )
            painter.drawRoundedRect(filled, radius, radius)


class JobListView(QListView):
    """The job list, with a message while it's empty."""

    EMPTY = (
        "No background jobs yet.\n"
        "Imports, exports, backups and syncs show up here with their results."
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JobList")
        self.setAccessibleName("Jobs")
        self.setAccessibleDescription("Background jobs, newest first")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(24, 24, -24, -24)
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                self.EMPTY,
            )
            painter.end()


# ================================================================ details
class ItemErrorModel(QAbstractTableModel):
    """The per-item errors of one job: Item, Problem."""

    HEADERS = ("Item", "Problem")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._errors: list[ItemError] = []

    def set_errors(self, errors: list[ItemError]) -> None:
        if errors == self._errors:
            return
        self.beginResetModel()
        self._errors = errors
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._errors)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._errors):
            return None
        error = self._errors[index.row()]
        if role in (_DISPLAY, _TOOLTIP, _ACCESSIBLE):
            return error.item if index.column() == 0 else error.message
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and section < 2:
            return self.HEADERS[section]
        return None


class CountTile(QFrame):
    """A number over its name: "7 / new"."""

    def __init__(self, value: int, name: str, warn: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CountTile")
        self.setProperty("warn", "true" if warn else "false")
        self.setAccessibleName(f"{value:,} {name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 14, 7)
        layout.setSpacing(0)
        self.number = QLabel(f"{value:,}", self)
        self.number.setObjectName("CountNumber")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        self.number.setFont(font)
        self.name = QLabel(name, self)
        self.name.setObjectName("CountName")
        layout.addWidget(self.number)
        layout.addWidget(self.name)


class PillLabel(QLabel):
    """A short label on a rounded, tinted background (a job's state)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._background = QColor()
        self._foreground = QColor()
        font = self.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_colors(self, background: QColor, foreground: QColor) -> None:
        self._background, self._foreground = background, foreground
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 22, metrics.height() + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._background)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(self._foreground)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()


class JobDetails(QWidget):
    """The selected job: state, times, error, counts, per-item problems and log."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JobDetails")
        self._theme = theme
        self._job: JobInfo | None = None
        self._shown_revision = -1

        self.title = QLabel(self)
        self.title.setObjectName("JobTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.state = PillLabel(self)
        self.state.setObjectName("JobState")
        self.state.setAccessibleName("Job state")
        self.times = QLabel(self)
        self.times.setObjectName("JobTimes")
        self.times.setAccessibleName("Job times")
        self.times.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("JobProgress")
        self.progress.setAccessibleName("Job progress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.error = QLabel(self)
        self.error.setObjectName("JobError")
        self.error.setAccessibleName("What went wrong")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_box = QWidget(self)
        self.counts_box.setAccessibleName("Counts")
        self._counts_layout = QHBoxLayout(self.counts_box)
        self._counts_layout.setContentsMargins(0, 0, 0, 0)
        self._counts_layout.setSpacing(8)
        self._counts_key: tuple[Any, ...] = ()

        self.errors_model = ItemErrorModel(self)
        self.errors_table = QTableView(self)
        self.errors_table.setObjectName("JobProblems")
        self.errors_table.setAccessibleName("Problems with single items")
        self.errors_table.setModel(self.errors_model)
        self.errors_table.setAlternatingRowColors(True)
        self.errors_table.setShowGrid(False)
        self.errors_table.setWordWrap(False)
        self.errors_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.errors_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errors_table.verticalHeader().setVisible(False)
        self.errors_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.errors_table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 130)
        header.setHighlightSections(False)
        self.no_errors = QLabel("No problems with single items.", self)
        self.no_errors.setObjectName("JobNoProblems")
        self.no_errors.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.errors_stack = QStackedWidget(self)
        self.errors_stack.addWidget(self.errors_table)
        self.errors_stack.addWidget(self.no_errors)

        self.log = QPlainTextEdit(self)
        self.log.setObjectName("JobLog")
        self.log.setAccessibleName("Job log")
        self.log.setReadOnly(True)
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.log.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("JobTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.errors_stack, "Problems")
        self.tabs.addTab(self.log, "Log")

        state_row = QHBoxLayout()
        state_row.setSpacing(8)
        state_row.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        state_row.addWidget(self.times, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addLayout(state_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.counts_box)
        layout.addWidget(self.tabs, 1)
        self.set_theme(theme)

    @property
    def job(self) -> JobInfo | None:
        return self._job

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._job is not None:
            self._style_state(self._job)

    def show_job(self, job: JobInfo, errors: list[ItemError], log: list[str]) -> None:
        """Fill in ``job`` (errors and log only change with the job's revision)."""
        same = self._job is not None and self._job.id == job.id
        self._job = job
        self.title.setText(job.title)
        self.state.setText(job.state_label)
        self._style_state(job)
        self.update_times()
        self.error.setVisible(job.state is TaskState.FAILED)
        self.error.setText(job.error_text)
        self._show_counts(job)
        if same and job.revision == self._shown_revision:
            return
        self._shown_revision = job.revision
        self.errors_model.set_errors(errors)
        self.errors_stack.setCurrentIndex(0 if errors else 1)
        if errors:
            self._fit_item_column()
        problems = f"Problems ({job.error_count:,})" if job.error_count else "Problems"
        self.tabs.setTabText(0, problems)
        self._show_log(job, log, keep_position=same)

    def _fit_item_column(self) -> None:
        self.errors_table.resizeColumnToContents(0)
        header = self.errors_table.horizontalHeader()
        limit = max(120, int(self.errors_table.viewport().width() * 0.45))
        header.resizeSection(0, min(header.sectionSize(0) + 12, limit))

    def update_times(self) -> None:
        job = self._job
        if job is None:
            return
        parts: list[str] = []
        if job.started_at is None:
            parts.append(f"Queued {job.queued_at.strftime('%H:%M:%S')}")
        else:
            parts.append(f"Started {job.started_at.strftime('%H:%M:%S')}")
        took = format_duration(job.duration())
        if job.finished and job.finished_at is not None:
            parts.append(f"finished {job.finished_at.strftime('%H:%M:%S')}")
            if took:
                parts.append(f"took {took}")
        elif took:
            parts.append(f"running for {took}")
        running = job.state is TaskState.RUNNING
        if running:
            progress = progress_text(job.done, job.total, job.message)
            if progress:
                parts.append(progress)
        self.times.setText(" · ".join(parts))
        self.progress.setVisible(running)
        if running:
            if job.total:
                self.progress.setRange(0, job.total)
                self.progress.setValue(min(job.done, job.total))
            else:
                self.progress.setRange(0, 0)

    def _style_state(self, job: JobInfo) -> None:
        self.state.set_colors(*state_colors(self._theme, job))
        self.state.updateGeometry()

    def _show_counts(self, job: JobInfo) -> None:
        key = (tuple(job.counts.items()), job.error_count)
        if key == self._counts_key:
            return
        self._counts_key = key
        while self._counts_layout.count():
            item = self._counts_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for name, value in job.counts.items():
            tile = CountTile(value, name.replace("_", " "), False, self.counts_box)
            self._counts_layout.addWidget(tile)
        if job.error_count:
            noun = "problem" if job.error_count == 1 else "problems"
            self._counts_layout.addWidget(CountTile(job.error_count, noun, True, self.counts_box))
        self._counts_layout.addStretch(1)
        self.counts_box.setVisible(bool(job.counts) or job.error_count > 0)

    def _show_log(self, job: JobInfo, lines: list[str], keep_position: bool) -> None:
        bar = self.log.verticalScrollBar()
        at_end = not keep_position or bar.value() >= bar.maximum() - 2
        position = bar.value()
        dropped = job.log_count - len(lines)
        text = "\n".join(lines)
        if dropped > 0:
            text = f"… {plural(dropped, 'earlier line')} not kept\n{text}"
        self.log.setPlainText(text)
        bar.setValue(bar.maximum() if at_end else position)


# ================================================================ the dock
class JobsPanel(QDockWidget):
    """A dock listing background jobs, newest first, with the selected job's details.

    Signals: ``badge_text_changed(str)`` ("2 jobs running", "" when idle).
    """

    badge_text_changed = Signal(str)

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
        if text != self._badge_text:
            self._badge_text = text
            self.badge_text_changed.emit(text)

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
