"""The status-bar badge that shows while background tasks run."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from sellerdesk.gui.ops import TaskBridge

#: Work shorter than this never flashes the badge.
SHOW_DELAY_MS = 300


class _Spinner(QWidget):
    def __init__(self, color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color = color
        self._angle = 0
        self._timer = QTimer(self)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self._step)
        self.setFixedSize(QSize(14, 14))

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _step(self) -> None:
        self._angle = (self._angle + 30) % 360
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.color, 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(QRectF(2, 2, 10, 10), -self._angle * 16, 270 * 16)
        painter.end()


class TaskBadge(QWidget):
    """ "⟳ Loading products" (or "3 tasks running") while the runner is busy."""

    def __init__(self, color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TaskBadgeBox")
        self.setAccessibleName("Background tasks")
        self.spinner = _Spinner(color, self)
        self.label = QLabel(self)
        self.label.setObjectName("TaskBadge")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.spinner)
        layout.addWidget(self.label)
        self._count = 0
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self._reveal)
        self._bridge: TaskBridge | None = None
        self.hide()

    def set_color(self, color: QColor) -> None:
        self.spinner.color = color

    def bind(self, bridge: TaskBridge) -> None:
        if self._bridge is not None:
            self._bridge.activity_changed.disconnect(self.on_activity)
        self._bridge = bridge
        bridge.activity_changed.connect(self.on_activity)
        self.on_activity(bridge.running_count(), "")

    def on_activity(self, count: int, title: str) -> None:
        self._count = count
        if count <= 0:
            self._delay.stop()
            self.spinner.stop()
            self.hide()
            return
        text = f"{title}…" if count == 1 and title else f"{count} tasks running"
        self.label.setText(text)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        if self.isHidden() and not self._delay.isActive():
            self._delay.start(SHOW_DELAY_MS)

    def _reveal(self) -> None:
        if self._count > 0:
            self.spinner.start()
            self.show()
