"""Editing a long text (a product description) in its own dialog: Ctrl+Enter saves."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.theme import LIGHT, Theme


class LongTextDialog(QDialog):
    """A roomy plain-text editor with a character count; OK saves, Cancel or Escape doesn't."""

    def __init__(
        self,
        title: str,
        text: str,
        *,
        max_length: int | None = None,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LongTextDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setSizeGripEnabled(True)
        self.resize(640, 440)
        self._max_length = max_length
        self._theme = theme

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("LongTextEditor")
        self.editor.setAccessibleName(title)
        self.editor.setPlainText(text)
        self.editor.setTabChangesFocus(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.editor.font())
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.editor.setFont(font)
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("LongTextCount")
        hint = QLabel("Ctrl+Enter saves, Escape cancels", self)
        hint.setObjectName("LongTextHint")
        muted = f"color: {theme.muted};"
        hint.setStyleSheet(muted)
        self.count_label.setStyleSheet(muted)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        footer = QHBoxLayout()
        footer.setSpacing(12)
        footer.addWidget(hint)
        footer.addStretch(1)
        footer.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.editor, 1)
        layout.addLayout(footer)
        layout.addWidget(self.buttons)

        self.editor.installEventFilter(self)
        self.editor.textChanged.connect(self._update_count)
        self._update_count()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event)
            control = key.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._save_if_allowed()
                return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.editor.toPlainText()

    def _too_long(self) -> bool:
        return self._max_length is not None and len(self.text()) > self._max_length

    def _update_count(self) -> None:
        count = len(self.text())
        limit = f" of {self._max_length:,}" if self._max_length is not None else ""
        self.count_label.setText(f"{count:,}{limit} characters")
        too_long = self._too_long()
        color = self._theme.out_of_stock_fg if too_long else self._theme.muted
        self.count_label.setStyleSheet(f"color: {color};")
        self.save_button.setEnabled(not too_long)

    def _save_if_allowed(self) -> None:
        if not self._too_long():
            self.accept()
