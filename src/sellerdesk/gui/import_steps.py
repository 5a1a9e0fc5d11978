"""The import wizard's steps, by name and index, and the sidebar that lists them."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from sellerdesk.gui.import_pages import scaled_font
from sellerdesk.gui.theme import Theme

STEPS = ("File", "Columns", "Preview", "Options", "Import", "Report")
FILE, COLUMNS, PREVIEW, OPTIONS, IMPORT, REPORT = range(len(STEPS))


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
