"""The import wizard's Import step: the running import's progress, Cancel and outcome."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.import_pages import Notice, PageHeader, page_layout, scaled_font


class ImportPage(QWidget):
    """The running import: a progress bar, what is happening, and Cancel."""

    cancel_requested = Signal()

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._file_name = file_name
        layout = page_layout(self)
        self.header = PageHeader(
            f"Importing “{file_name}”",
            "Everything is written as one change: if you cancel, your catalog stays as it was.",
            self,
        )
        card = QFrame(self)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(22, 22, 22, 22)
        box.setSpacing(12)
        self.status = QLabel("Starting…", card)
        self.status.setObjectName("FieldValue")
        self.status.setFont(scaled_font(self.font(), 1.05, QFont.Weight.DemiBold))
        self.bar = QProgressBar(card)
        self.bar.setObjectName("ImportProgress")
        self.bar.setAccessibleName("Import progress")
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 0)
        self.detail = QLabel("", card)
        self.detail.setObjectName("Muted")
        self.detail.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel Import", card)
        self.cancel_button.setObjectName("SecondaryButton")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.clicked.connect(self.cancel_requested)
        buttons.addWidget(self.cancel_button)
        box.addWidget(self.status)
        box.addWidget(self.bar)
        box.addWidget(self.detail)
        box.addLayout(buttons)
        self.notice = Notice(self)
        layout.addWidget(self.header)
        layout.addWidget(card)
        layout.addWidget(self.notice)
        layout.addStretch(1)

    def start(self) -> None:
        self.header.set_text(f"Importing “{self._file_name}”")
        self.notice.clear()
        self.status.setText("Starting…")
        self.detail.setText("")
        self.bar.setRange(0, 0)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()

    def set_progress(self, done: int, total: int | None, message: str) -> None:
        if self.cancel_requested_already:
            return
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.status.setText(f"{round(100 * done / total)}% done")
        if message:
            self.detail.setText(message)

    @property
    def cancel_requested_already(self) -> bool:
        return not self.cancel_button.isEnabled() and self.cancel_button.isVisible()

    def show_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling…")
        self.detail.setText("SellerDesk stops after the rows it is reading now and undoes them.")

    def show_cancelled(self) -> None:
        self.cancel_button.hide()
        self.bar.hide()
        self.header.set_text("Import cancelled")
        self.status.setText("Nothing was changed in your catalog.")
        self.detail.setText("Go back to change the settings and import again, or close.")
        self.notice.clear()

    def show_failed(self, error: BaseException) -> None:
        self.cancel_button.hide()
        self.bar.hide()
        self.header.set_text("The import did not finish")
        self.status.setText("Nothing was changed in your catalog.")
        self.detail.setText("")
        self.notice.show_error(error)
