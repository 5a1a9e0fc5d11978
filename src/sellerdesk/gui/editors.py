"""Typed cell editors: text, money with its currency, stock, GTIN with a live check digit test,
decimals, choices and long text. The table's delegate and the bulk-edit dialog both use them.

Every editor has the same three methods (``CellEditor``): ``set_cell_value`` shows a stored
value, ``cell_value`` returns the typed value to store (InvalidValueError when it cannot), and
``problem`` says in a few words what is wrong with the current input (None when it is fine).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QMoveEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FieldSpec, Kind
from sellerdesk.core.gtin import GTIN_LENGTHS, SEPARATORS, check_digit, normalize_gtin
from sellerdesk.core.money import normalize_currency
from sellerdesk.gui.columns import currency_affixes
from sellerdesk.gui.theme import LIGHT, Theme
from sellerdesk.services.table_clipboard import parse_money, parse_number, plain_money

#: Stock the spin box allows.
MAX_STOCK = 10**9


@runtime_checkable
class CellEditor(Protocol):
    def set_cell_value(self, value: Any) -> None: ...
    def cell_value(self) -> Any: ...
    def problem(self) -> str | None: ...


def gtin_problem(text: str) -> str | None:
    """A short reason ``text`` is not a valid GTIN yet (None when valid or blank)."""
    digits = SEPARATORS.sub("", text)
    if not digits:
        return None
    if not digits.isdigit():
        return "Digits only"
    if len(digits) not in GTIN_LENGTHS:
        return f"{len(digits)} digits; a GTIN has 8, 12, 13 or 14"
    expected = check_digit(digits[:-1])
    if int(digits[-1]) != expected:
        return f"Wrong check digit: the last digit should be {expected}"
    return None


class ValidatedLineEdit(QLineEdit):
    """A line edit that shows what is wrong with its text while the seller types: a red frame
    and, in a table cell, a short message just below the cell."""

    #: the current problem in words ("" when the input is fine)
    problem_changed = Signal(str)

    def __init__(
        self, theme: Theme = LIGHT, parent: QWidget | None = None, *, floating: bool = True
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._floating = floating
        self._message: QLabel | None = None
        self._last_problem: str | None = None
        self.textChanged.connect(self.refresh_problem)

    # ------------------------------------------------------------- CellEditor
    def set_cell_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))
        self.selectAll()
        self.refresh_problem()

    def cell_value(self) -> Any:
        return self.text()

    def problem(self) -> str | None:
        return None

    # ------------------------------------------------------------- feedback
    @property
    def message_text(self) -> str:
        """The message shown under the editor ("" when none is shown)."""
        if self._message is None or self._message.isHidden():
            return ""
        return self._message.text()

    def refresh_problem(self) -> None:
        problem = self.problem()
        if problem == self._last_problem:
            return
        self._last_problem = problem
        self.setProperty("invalid", problem is not None)
        if problem is None:
            self.setStyleSheet("")
        else:
            t = self._theme
            self.setStyleSheet(
                f"QLineEdit {{ border: 2px solid {t.out_of_stock_fg}; border-radius: 3px;"
                f" background: {t.base}; color: {t.text}; padding: 0 3px; }}"
            )
        self.problem_changed.emit(problem or "")
        self._show_message(problem)

    def show_problem(self) -> None:
        """Point at the problem again (Enter on an invalid value)."""
        self._last_problem = None
        self.refresh_problem()
        if self._message is not None and not self._message.isHidden():
            self._message.raise_()

    def _show_message(self, problem: str | None) -> None:
        if not self._floating:
            return
        host = self.parentWidget()
        if problem is None or host is None:
            if self._message is not None:
                self._message.hide()
            return
        if self._message is None:
            label = QLabel(host)
            label.setObjectName("EditorMessage")
            label.setAccessibleName("Problem with this value")
            t = self._theme
            label.setStyleSheet(
                f"QLabel#EditorMessage {{ background: {t.warning_bg}; color: {t.warning_fg};"
                f" border: 1px solid {t.warning_border}; border-radius: 4px; padding: 3px 7px; }}"
            )
            self.destroyed.connect(label.deleteLater)
            self._message = label
        self._message.setText(problem)
        self._message.adjustSize()
        self._place_message()
        self._message.show()
        self._message.raise_()

    def _place_message(self) -> None:
        if self._message is None:
            return
        geometry = self.geometry()
        self._message.move(geometry.bottomLeft() + QPoint(0, 2))

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._place_message()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_message()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        if self._message is not None:
            self._message.hide()


class TextEdit(ValidatedLineEdit):
    """Plain text such as a title or a brand (also lists, as ``a | b | c``)."""

    def __init__(
        self,
        spec: FieldSpec,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
        *,
        floating: bool = True,
    ) -> None:
        super().__init__(theme, parent, floating=floating)
        self._spec = spec
        if spec.max_length is not None:
            self.setMaxLength(spec.max_length)
        if spec.kind is Kind.LIST:
            self.setPlaceholderText("Separate items with |")
        elif spec.kind is Kind.CURRENCY:
            self.setMaxLength(3)
            self.setPlaceholderText("USD")

    def set_cell_value(self, value: Any) -> None:
        self.setText(self._spec.display(value))
        self.selectAll()
        self.refresh_problem()

    def cell_value(self) -> Any:
        return self._spec.parse(self.text())

    def problem(self) -> str | None:
        if self._spec.kind is Kind.CURRENCY and self.text().strip():
            try:
                normalize_currency(self.text())
            except InvalidValueError:
                return "A three-letter code such as USD"
        if self._spec.required and not self.text().strip():
            return f"{self._spec.label} cannot be empty"
        return None


class MoneyEdit(ValidatedLineEdit):
    """An amount in the product's currency: accepts "12.99", "12,99" and "$12.99"; the currency
    symbol stays visible before (or the code after) the number."""

    def __init__(
        self,
        currency: str | None,
        label: str = "Price",
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
        *,
        floating: bool = True,
    ) -> None:
        super().__init__(theme, parent, floating=floating)
        self._currency = (currency or "").upper() or None
        self._label = label
        self._prefix, self._suffix = currency_affixes(self._currency)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self._apply_margins()

    @property
    def affixes(self) -> tuple[str, str]:
        return self._prefix, self._suffix

    def _apply_margins(self) -> None:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance(self._prefix) + 4 if self._prefix else 0
        right = metrics.horizontalAdvance(self._suffix) + 4 if self._suffix else 0
        self.setTextMargins(left, 0, right, 0)

    def set_cell_value(self, value: Any) -> None:
        self.setText(plain_money(value, self._currency) if value is not None else "")
        self.selectAll()
        self.refresh_problem()

    def cell_value(self) -> Decimal | None:
        return parse_money(self.text(), self._currency, self._label)

    def problem(self) -> str | None:
        try:
            parse_money(self.text(), self._currency, self._label)
        except InvalidValueError as error:
            if "is in" in error.message:
                return f"Prices of this product are in {self._currency}"
            if "negative" in error.message:
                return "Cannot be negative"
            return "Type an amount such as 12.99"
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not (self._prefix or self._suffix):
            return
        painter = QPainter(self)
        color = QColor(self._theme.muted)
        painter.setPen(color)
        area = self.contentsRect().adjusted(6, 0, -6, 0)
        middle = Qt.AlignmentFlag.AlignVCenter
        if self._prefix:
            painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | middle), self._prefix)
        if self._suffix:
            painter.drawText(
                QRect(area), int(Qt.AlignmentFlag.AlignRight | middle), self._suffix.strip()
            )
        painter.end()


class DecimalEdit(ValidatedLineEdit):
    """A non-negative number such as a weight or a size."""

    def __init__(
        self,
        spec: FieldSpec,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
        *,
        floating: bool = True,
    ) -> None:
        super().__init__(theme, parent, floating=floating)
        self._spec = spec
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_cell_value(self, value: Any) -> None:
        self.setText(self._spec.display(value))
        self.selectAll()
        self.refresh_problem()

    def cell_value(self) -> Decimal | None:
        return parse_number(self.text(), self._spec.label)

    def problem(self) -> str | None:
        try:
            parse_number(self.text(), self._spec.label)
        except InvalidValueError:
            return "Type a number such as 1.5"
        return None


class GtinEdit(ValidatedLineEdit):
    """A GTIN / UPC / EAN: turns red with a short reason while the check digit is wrong."""

    def __init__(
        self, theme: Theme = LIGHT, parent: QWidget | None = None, *, floating: bool = True
    ) -> None:
        super().__init__(theme, parent, floating=floating)
        self.setMaxLength(24)
        self.setPlaceholderText("8, 12, 13 or 14 digits")

    def cell_value(self) -> str | None:
        text = self.text().strip()
        return normalize_gtin(text) if text else None

    def problem(self) -> str | None:
        return gtin_problem(self.text())


class StockSpin(QSpinBox):
    """Units in stock, 0 to a billion. An unknown stock stays unknown unless it is changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, MAX_STOCK)
        self.setGroupSeparatorShown(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName("Stock")
        self._unknown = False
        self.valueChanged.connect(self._changed)

    def _changed(self, _value: int) -> None:
        self._unknown = False

    def set_cell_value(self, value: Any) -> None:
        self.setValue(int(value) if value is not None else 0)
        self._unknown = value is None
        self.selectAll()

    def cell_value(self) -> int | None:
        return None if self._unknown else self.value()

    def problem(self) -> str | None:
        return None


class ChoiceCombo(QComboBox):
    """One of a field's choices (status, condition), shown capitalized."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(spec.label)
        for choice in spec.choices:
            self.addItem(choice.capitalize(), choice)

    def set_cell_value(self, value: Any) -> None:
        self.setCurrentIndex(self.findData(value) if value is not None else -1)

    def cell_value(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def problem(self) -> str | None:
        return None


class LongTextEdit(QPlainTextEdit):
    """Several lines of text (a description) in a form, such as the bulk-edit dialog."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self.setAccessibleName(spec.label)
        self.setTabChangesFocus(True)

    def set_cell_value(self, value: Any) -> None:
        self.setPlainText("" if value is None else str(value))

    def cell_value(self) -> Any:
        return self._spec.parse(self.toPlainText())

    def problem(self) -> str | None:
        limit = self._spec.max_length
        if limit is not None and len(self.toPlainText()) > limit:
            return f"Longer than {limit:,} characters"
        return None
