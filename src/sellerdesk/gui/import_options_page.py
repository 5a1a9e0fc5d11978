"""The import wizard's Options step: conflicts, hand-made edits, duplicates, currency."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.config.settings_schema import CURRENCIES
from sellerdesk.gui.import_pages import PageHeader, page_layout, select_data
from sellerdesk.importers.pipeline import ImportOptions

CONFLICT_CHOICES: tuple[tuple[str, str, str], ...] = (
    (
        "update",
        "&Update them with the file's values",
        "Products you already have get the file's prices, stock and texts. "
        "Empty cells in the file never erase anything.",
    ),
    (
        "skip",
        "&Skip them",
        "Only new products are added; products already in your catalog stay exactly as they are.",
    ),
    (
        "fill-empty",
        "Only &fill empty fields",
        "Existing products keep every value they have; the file only fills in what is missing.",
    ),
)


class OptionsPage(QWidget):
    """How the file meets the catalog: conflicts, hand-made edits, duplicates, currency."""

    options_changed = Signal()

    def __init__(self, default_currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.setSpacing(16)
        layout.addWidget(
            PageHeader(
                "Import options",
                "Decide what happens when the file meets products you already have.",
                self,
            )
        )

        conflict_card, conflict_box = self._card("When a product is already in your catalog")
        self.conflict = QButtonGroup(self)
        self.conflict_buttons: dict[str, QRadioButton] = {}
        for key, label, explanation in CONFLICT_CHOICES:
            button = QRadioButton(label, conflict_card)
            button.setAccessibleName(label.replace("&", ""))
            button.setAccessibleDescription(explanation)
            self.conflict.addButton(button)
            self.conflict_buttons[key] = button
            conflict_box.addWidget(button)
            conflict_box.addWidget(self._explanation(explanation, conflict_card))
        self.conflict_buttons["update"].setChecked(True)
        self.override_manual = QCheckBox(
            "Let the file &replace values I edited by hand", conflict_card
        )
        self.override_manual.setAccessibleName("Let the file replace values I edited by hand")
        conflict_box.addSpacing(6)
        conflict_box.addWidget(self.override_manual)
        conflict_box.addWidget(
            self._explanation(
                "Off: your own edits always win, and the file's value is kept beside them. "
                "On: the file wins (you can still undo the whole import).",
                conflict_card,
            )
        )

        lower = QHBoxLayout()
        lower.setSpacing(16)
        duplicate_card, duplicate_box = self._card("When a SKU appears twice in the file")
        self.duplicates = QButtonGroup(self)
        self.first_wins = QRadioButton("The f&irst row wins", duplicate_card)
        self.last_wins = QRadioButton("The &last row wins", duplicate_card)
        for button in (self.first_wins, self.last_wins):
            button.setAccessibleName(button.text().replace("&", ""))
            self.duplicates.addButton(button)
            duplicate_box.addWidget(button)
        self.first_wins.setChecked(True)
        duplicate_box.addWidget(
            self._explanation(
                "Either way, every repeated row is listed in the report.", duplicate_card
            )
        )
        duplicate_box.addStretch(1)

        currency_card, currency_box = self._card("Prices without a currency symbol")
        self.currency = QComboBox(currency_card)
        self.currency.setAccessibleName("Currency for prices without a symbol")
        for code, _name in CURRENCIES:
            self.currency.addItem(code, code)
        select_data(self.currency, default_currency, default_currency)
        currency_label = QLabel("&Currency:", currency_card)
        currency_label.setBuddy(self.currency)
        row = QHBoxLayout()
        row.addWidget(currency_label)
        row.addWidget(self.currency)
        row.addStretch(1)
        currency_box.addLayout(row)
        currency_box.addWidget(
            self._explanation(
                "“12.99” becomes 12.99 in this currency; “€12,99” or “£6.50” keep their own.",
                currency_card,
                indent=0,
            )
        )
        currency_box.addStretch(1)
        lower.addWidget(duplicate_card, 1)
        lower.addWidget(currency_card, 1)

        self.summary = QLabel(self)
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)

        layout.addWidget(conflict_card)
        layout.addLayout(lower)
        layout.addWidget(self.summary)
        layout.addStretch(1)

        self.conflict.buttonToggled.connect(self._changed)
        self.duplicates.buttonToggled.connect(self._changed)
        # signal to signal: a Python slot must not hand emit()'s True back to Qt (see compat)
        self.override_manual.toggled.connect(self.options_changed)
        self.currency.currentIndexChanged.connect(self.options_changed)

    def _card(self, title: str) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(self)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(18, 14, 18, 16)
        box.setSpacing(6)
        heading = QLabel(title, card)
        heading.setObjectName("SectionTitle")
        box.addWidget(heading)
        box.addSpacing(2)
        return card, box

    @staticmethod
    def _explanation(text: str, parent: QWidget, indent: int = 24) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName("FieldNote")
        label.setWordWrap(True)
        label.setContentsMargins(indent, 0, 0, 4)
        return label

    def _changed(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.options_changed.emit()

    def on_conflict(self) -> str:
        for key, button in self.conflict_buttons.items():
            if button.isChecked():
                return key
        return "update"

    def apply(self, options: ImportOptions) -> ImportOptions:
        """``options`` with the choices of this step."""
        return replace(
            options,
            on_conflict=self.on_conflict(),
            override_manual=self.override_manual.isChecked(),
            duplicates="last" if self.last_wins.isChecked() else "first",
            default_currency=str(self.currency.currentData()),
        )

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)
