"""A one-line label that shortens its text with an ellipsis when space runs out, instead of
asking its window to grow (a long catalog path or search must never widen the window)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: the narrowest the label lets a layout make it
MINIMUM_WIDTH = 60


class ElidedLabel(QLabel):
    def __init__(
        self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._mode = mode
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        """What the whole text needs (QLabel's hint for what it shows, plus what is elided)."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        hidden = metrics.horizontalAdvance(self._full) - metrics.horizontalAdvance(self.text())
        return QSize(hint.width() + max(hidden, 0), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(
            min(MINIMUM_WIDTH, self.sizeHint().width()), super().minimumSizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(self.contentsRect().width() - max(self.indent(), 0), 0)
        shown = self.fontMetrics().elidedText(self._full, self._mode, room)
        if shown != self.text():
            super().setText(shown)
