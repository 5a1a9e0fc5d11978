"""Where a product field's value comes from: a colored source badge, and the values the other
sources hold, each with a one-click "Use this value"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from sellerdesk.core.changes import PRIORITY
from sellerdesk.core.fields import FieldSpec, Kind
from sellerdesk.gui.theme import Theme
from sellerdesk.services.catalog import ProductDetail

SOURCE_LABELS = {"manual": "Manual", "ai": "AI", "channel": "Channel", "import": "Imported"}
SOURCE_MEANINGS = {
    "manual": "edited by hand",
    "ai": "an accepted AI suggestion",
    "channel": "pulled from a sales channel",
    "import": "imported from a file",
}
#: Theme color names (background, text) of each source's badge.
_SOURCE_COLORS = {
    "manual": ("accent_soft", "accent"),
    "ai": ("draft_bg", "draft_fg"),
    "channel": ("active_bg", "active_fg"),
    "import": ("archived_bg", "archived_fg"),
}
EMPTY_TEXT = "(empty)"
USE_TEXT, SHORT_USE_TEXT = "Use this value", "Use"


def source_label(source: str | None) -> str:
    return SOURCE_LABELS.get(source or "", (source or "").capitalize())


def source_colors(theme: Theme, source: str) -> tuple[str, str]:
    """Badge background and text colors (theme hex values) for a source."""
    background, foreground = _SOURCE_COLORS.get(source, _SOURCE_COLORS["import"])
    return getattr(theme, background), getattr(theme, foreground)


def short_value(spec: FieldSpec | None, value: Any) -> str:
    """One line of plain text for a stored (or JSON-encoded) field value."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY_TEXT
    if spec is None:
        return " ".join(str(value).split())
    if spec.kind is Kind.LIST and isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if spec.kind is Kind.DICT and isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items())
    try:
        text = spec.display(spec.from_json(value))
    except (ArithmeticError, ValueError, TypeError):
        text = str(value)
    return " ".join(text.split())


@dataclass(frozen=True)
class Alternative:
    """A value another (weaker) source holds for a field, different from the effective one."""

    source: str
    value: Any


def alternatives(detail: ProductDetail, spec: FieldSpec) -> list[Alternative]:
    """The other sources' values of ``spec`` that differ from the effective value."""
    effective_source = detail.source_of(spec.name)
    current = detail.values.get(spec.name)
    found: list[Alternative] = []
    for source in PRIORITY:
        held = detail.provenance.get(source.value, {})
        if source.value == effective_source or spec.name not in held:
            continue
        try:
            value = spec.from_json(held[spec.name])
        except (ArithmeticError, ValueError, TypeError):
            value = held[spec.name]
        if value != current:
            found.append(Alternative(source.value, value))
    return found


class SourceBadge(QLabel):
    """A small colored pill: where the field's effective value comes from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SourceBadge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.82))
        font.setBold(True)
        self.setFont(font)
        self.source: str | None = None
        self.hide()

    def show_source(self, source: str | None, theme: Theme, field_label: str) -> None:
        self.source = source
        if source is None:
            self.hide()
            return
        background, foreground = source_colors(theme, source)
        self.setStyleSheet(
            f"QLabel#SourceBadge {{ background: {background}; color: {foreground};"
            " border-radius: 7px; padding: 0px 7px; }"
        )
        self.setText(source_label(source))
        meaning = SOURCE_MEANINGS.get(source, source)
        self.setToolTip(f"{field_label}: the value in use is {meaning}.")
        self.setAccessibleName(f"{field_label} comes from: {source_label(source)}")
        self.show()


class ElidedLabel(QWidget):
    """One line of text cut with "…" to the room it gets; the full text is its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.set_text(text)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self.setToolTip(text if len(text) > 30 else "")
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._text) + 2, metrics.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        metrics = self.fontMetrics()
        shown = metrics.elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(
            self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
        painter.end()


class AlternativesView(QWidget):
    """One compact line per other source: "Imported: Steel Bottle 750ml   Use this value"."""

    use_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Alternatives")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 2, 2, 2)
        self._layout.setSpacing(0)
        self.rows: list[tuple[Alternative, ElidedLabel, QPushButton]] = []
        self._row_widgets: list[QWidget] = []
        self.hide()

    def show_alternatives(self, spec: FieldSpec, found: list[Alternative]) -> None:
        for row in self._row_widgets:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._row_widgets = []
        self.rows = []
        for alternative in found:
            self._add_row(spec, alternative)
        self.setVisible(bool(found))
        self._fit_buttons(self.width())

    def _add_row(self, spec: FieldSpec, alternative: Alternative) -> None:
        container = QWidget(self)
        row = QHBoxLayout(container)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        name = source_label(alternative.source)
        text = f"{name}: {short_value(spec, alternative.value)}"
        label = ElidedLabel(text, container)
        label.setObjectName("AlternativeText")
        label.setToolTip(text)
        button = QPushButton(USE_TEXT, container)
        button.setObjectName("UseValueButton")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setAccessibleName(f"Use the {name.lower()} value for {spec.label}")
        button.setToolTip(
            f"Make the {name.lower()} value the one in use for {spec.label} (you can undo this)."
        )
        button.clicked.connect(lambda _checked=False, s=alternative.source: self._use(s))
        row.addWidget(label, 1)
        row.addWidget(button, 0)
        self._layout.addWidget(container)
        self._row_widgets.append(container)
        self.rows.append((alternative, label, button))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_buttons(event.size().width())

    def _fit_buttons(self, width: int) -> None:
        """ "Use this value" where it fits next to the value, a plain "Use" where it doesn't."""
        margins = self._layout.contentsMargins()
        room = width - margins.left() - margins.right()
        for _alternative, label, button in self.rows:
            full = button.fontMetrics().horizontalAdvance(USE_TEXT) + 16
            left = room - 6 - full
            text = USE_TEXT if left >= min(label.sizeHint().width(), 150) else SHORT_USE_TEXT
            if button.text() != text:
                button.setText(text)

    def comfortable_width(self) -> int:
        """The width that shows each value readably next to a full "Use this value"."""
        if not self.rows:
            return 0
        margins = self._layout.contentsMargins()
        widest = 0
        for _alternative, label, button in self.rows:
            full = button.fontMetrics().horizontalAdvance(USE_TEXT) + 16
            widest = max(widest, min(label.sizeHint().width(), 150) + 6 + full)
        return widest + margins.left() + margins.right()

    def _use(self, source: str) -> None:
        self.use_requested.emit(source)

    def button_for(self, source: str) -> QPushButton | None:
        """The "Use this value" button of ``source`` (tests, automation)."""
        for alternative, _label, button in self.rows:
            if alternative.source == source:
                return button
        return None

    def texts(self) -> list[str]:
        return [label.text() for _alternative, label, _button in self.rows]
