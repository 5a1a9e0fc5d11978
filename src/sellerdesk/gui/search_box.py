"""The product search field: debounced, Escape clears, a magnifier inside."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from sellerdesk.gui.icons import load_icon

DEBOUNCE_MS = 200


class SearchBox(QLineEdit):
    """Emits ``search_changed`` once typing pauses for ``DEBOUNCE_MS``."""

    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("SearchBox")
        self.setPlaceholderText("Search SKU, title, brand or GTIN   (Ctrl+F)")
        self.setAccessibleName("Search products")
        self.setAccessibleDescription(
            "Filters the product list by SKU, title, brand, GTIN or description"
        )
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(300)
        self.setMaximumWidth(440)
        self._icon_action = QAction(self)
        self.addAction(self._icon_action, QLineEdit.ActionPosition.LeadingPosition)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._emit)
        self._last = ""
        self.textChanged.connect(lambda _text: self._timer.start())

    def set_icon_color(self, color: QColor | str) -> None:
        self._icon_action.setIcon(load_icon("search", color))

    def flush(self) -> None:
        """Apply pending text now (Enter, tests)."""
        self._timer.stop()
        self._emit()

    def reset(self) -> None:
        """Clear without emitting (when another catalog opens)."""
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self._timer.stop()
        self._last = ""

    def set_text_silently(self, text: str) -> None:
        """Show ``text`` without emitting (a saved view restores its own query)."""
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        self._timer.stop()
        self._last = text.strip()

    def _emit(self) -> None:
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            return
        super().keyPressEvent(event)
