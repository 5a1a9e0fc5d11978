"""The jobs panel's list: one row per job with its state pill, progress bar and counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from sellerdesk.gui.theme import Theme
from sellerdesk.tasks.jobs import (
    JobInfo,
    counts_summary,
    format_duration,
    plural,
)
from sellerdesk.tasks.runner import TaskState

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
