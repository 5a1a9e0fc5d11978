"""The jobs panel's detail pane: count tiles, per-item errors and the log of one job."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.job_list import Index, state_colors
from sellerdesk.gui.theme import Theme
from sellerdesk.tasks.jobs import (
    ItemError,
    JobInfo,
    format_duration,
    plural,
    progress_text,
)
from sellerdesk.tasks.runner import TaskState

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


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
