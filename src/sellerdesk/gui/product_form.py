"""The product editor's form: every catalog field in sensible groups, each with its input,
where its value comes from, the other sources' values and a message line for problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FIELD_BY_NAME, FieldSpec, Kind
from sellerdesk.core.gtin import normalize_gtin
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.gui.field_inputs import (
    AttributesInput,
    ChoiceInput,
    FieldInput,
    LineInput,
    TextAreaInput,
)
from sellerdesk.gui.provenance_view import AlternativesView, SourceBadge, alternatives
from sellerdesk.gui.theme import Theme
from sellerdesk.services.catalog import ProductDetail

#: (section title, rows of field names shown side by side; "" keeps a column empty)
GROUPS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("Basics", (("title",), ("brand",), ("status", "condition"))),
    ("Identifiers", (("sku", "mpn"), ("gtin",))),
    ("Pricing", (("price", "sale_price"), ("cost", "currency"))),
    ("Stock & shipping", (("stock", "weight_g"), ("length_cm", "width_cm", "height_cm"))),
    ("Category", (("category_path",), ("category_id", ""))),
    ("Content", (("description",), ("bullets",), ("keywords",), ("attributes",))),
)
#: Shorter labels where the unit shows inside the box (the full label stays the accessible name).
SHORT_LABELS = {
    "weight_g": "Weight",
    "length_cm": "Length",
    "width_cm": "Width",
    "height_cm": "Height",
}
UNITS = {"weight_g": "g", "length_cm": "cm", "width_cm": "cm", "height_cm": "cm"}
PLACEHOLDERS = {
    "title": "What shoppers see first",
    "brand": "Brand or maker",
    "gtin": "8, 12, 13 or 14 digits",
    "mpn": "Manufacturer part number",
    "price": "0.00",
    "sale_price": "No sale",
    "cost": "0.00",
    "currency": "USD",
    "stock": "0",
    "category_path": "Type words to find a category, e.g. yoga mat",
    "category_id": "Google category number",
    "description": "Tell shoppers what it is, what it is made of and why they will like it",
    "bullets": "One selling point per line",
    "keywords": "Comma-separated search words",
}
CATEGORY_SUGGESTIONS = 15


def grouped_fields() -> list[str]:
    """Every field the form shows, in form order."""
    return [name for _title, rows in GROUPS for row in rows for name in row if name]


def _keywords_text(value: Any) -> str:
    return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)


def _keywords_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")]


def _lines_text(value: Any) -> str:
    return "\n".join(str(item) for item in value) if isinstance(value, list) else str(value)


def _lines_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def make_input(spec: FieldSpec, parent: QWidget) -> FieldInput:
    """The input that suits a field."""
    if spec.name == "keywords":
        made: FieldInput = LineInput(spec, parent, formatter=_keywords_text, reader=_keywords_list)
    elif spec.name == "bullets":
        made = TextAreaInput(
            spec, parent, formatter=_lines_text, reader=_lines_list, lines=7, bulleted=True
        )
    elif spec.kind is Kind.LONG_TEXT:
        made = TextAreaInput(spec, parent, lines=6)
    elif spec.kind is Kind.CHOICE:
        made = ChoiceInput(spec, parent)
    elif spec.kind is Kind.DICT:
        made = AttributesInput(spec, parent)
    else:
        made = LineInput(spec, parent)
    if spec.kind is Kind.CURRENCY and isinstance(made, LineInput):
        made.edit.setMaxLength(3)
    if spec.name in UNITS and isinstance(made, LineInput):
        made.set_unit(UNITS[spec.name])
    placeholder = PLACEHOLDERS.get(spec.name)
    if placeholder and isinstance(made, LineInput | TextAreaInput):
        made.edit.setPlaceholderText(placeholder)
    return made


class FieldBox(QWidget):
    """Label and source badge, the input, a message line, and the other sources' values."""

    commit_requested = Signal(str)
    use_requested = Signal(str, str)

    def __init__(self, spec: FieldSpec, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._theme = theme
        self.setObjectName(f"Field_{spec.name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(6)
        self.label = QLabel(SHORT_LABELS.get(spec.name, spec.label), self)
        self.label.setObjectName("FieldLabel")
        if spec.name in SHORT_LABELS:
            self.label.setToolTip(spec.label)
        self.badge = SourceBadge(self)
        top.addWidget(self.label)
        top.addStretch(1)
        top.addWidget(self.badge)
        self.input = make_input(spec, self)
        self.label.setBuddy(self.input.focus_widget)
        self.message = QLabel(self)
        self.message.setObjectName("FieldMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(f"{spec.label} message")
        self.message.hide()
        self.message_kind = ""
        self.alternatives = AlternativesView(self)
        layout.addLayout(top)
        layout.addWidget(self.input.widget)
        layout.addWidget(self.message)
        layout.addWidget(self.alternatives)
        self.input.committed.connect(lambda: self.commit_requested.emit(spec.name))
        self.input.reverted.connect(self.clear_message)
        self.input.unchanged.connect(self._unchanged)
        self.alternatives.use_requested.connect(
            lambda source: self.use_requested.emit(spec.name, source)
        )

    def show_detail(self, detail: ProductDetail, *, force: bool) -> None:
        self.input.load(detail.values.get(self.spec.name), force=force)
        self.badge.show_source(detail.source_of(self.spec.name), self._theme, self.spec.label)
        self.alternatives.show_alternatives(self.spec, alternatives(detail, self.spec))
        previous = self.input.focus_widget
        for _alternative, _label, button in self.alternatives.rows:
            QWidget.setTabOrder(previous, button)
            previous = button

    def comfortable_width(self) -> int:
        """The narrowest width at which this field reads well (its other values included)."""
        shown = self.alternatives.comfortable_width() if not self.alternatives.isHidden() else 0
        return max(self.minimumSizeHint().width(), shown)

    def show_message(self, text: str, kind: str = "error") -> None:
        """``kind``: error (red), ok (green) or note (muted)."""
        colors = {"error": "out_of_stock_fg", "ok": "sale_fg", "note": "muted"}
        color = getattr(self._theme, colors.get(kind, "muted"))
        self.message.setStyleSheet(f"QLabel#FieldMessage {{ color: {color}; }}")
        self.message.setText(text)
        self.message_kind = kind
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message_kind = ""
        self.message.hide()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self.badge.source is not None:
            self.badge.show_source(self.badge.source, theme, self.spec.label)
        if self.message_kind:
            self.show_message(self.message.text(), self.message_kind)

    def _unchanged(self) -> None:
        if self.message_kind in ("error", "ok"):
            self.clear_message()


class ProductForm(QWidget):
    """All of a product's fields, grouped under section titles."""

    #: (field name) the seller finished editing a field
    commit_requested = Signal(str)
    #: (field name, source) "use this value" on another source's value
    use_requested = Signal(str, str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProductForm")
        self._theme = theme
        self._taxonomy: Taxonomy | None = None
        self.boxes: dict[str, FieldBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for title, rows in GROUPS:
            layout.addWidget(section_title(title, self))
            for row in rows:
                line = FieldRow(self)
                cells: list[QWidget] = []
                for name in row:
                    if not name:
                        cells.append(QWidget(line))
                        continue
                    box = FieldBox(FIELD_BY_NAME[name], theme, line)
                    box.commit_requested.connect(self.commit_requested)
                    box.use_requested.connect(self.use_requested)
                    self.boxes[name] = box
                    cells.append(box)
                line.set_boxes(cells)
                layout.addWidget(line)
            layout.addSpacing(6)
        self._setup_sku()
        self._setup_gtin()
        self._setup_category()

    # ------------------------------------------------------------------ values
    def show_detail(self, detail: ProductDetail, *, force: bool) -> None:
        for box in self.boxes.values():
            box.show_detail(detail, force=force)
        for row in self.findChildren(FieldRow):
            row.refit()

    def input(self, name: str) -> FieldInput:
        return self.boxes[name].input

    def show_message(self, name: str, text: str, kind: str = "error") -> None:
        self.boxes[name].show_message(text, kind)

    def clear_message(self, name: str) -> None:
        self.boxes[name].clear_message()

    def clear_messages(self) -> None:
        for box in self.boxes.values():
            box.clear_message()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for box in self.boxes.values():
            box.set_theme(theme)

    # ---------------------------------------------------------------- category
    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy

    @property
    def taxonomy(self) -> Taxonomy | None:
        return self._taxonomy

    def _setup_category(self) -> None:
        category = self.boxes["category_path"].input
        assert isinstance(category, LineInput)
        self.category_model = QStringListModel(self)
        completer = QCompleter(self.category_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(10)
        completer.activated.connect(lambda _text: category.commit())
        category.edit.setCompleter(completer)
        category.edit.textEdited.connect(self._suggest_categories)
        category.edit.setToolTip(
            "A category from the Google product taxonomy, e.g. “Home & Garden > Kitchen & "
            "Dining > Tableware > Drinkware > Mugs”. Type any words of it to search."
        )
        self.category_completer = completer

    def _suggest_categories(self, text: str) -> None:
        if self._taxonomy is None or len(text.strip()) < 2:
            self.category_model.setStringList([])
            return
        paths = [hit.path for hit in self._taxonomy.search(text, CATEGORY_SUGGESTIONS)]
        self.category_model.setStringList(paths)
        if paths:
            self.category_completer.complete()

    # -------------------------------------------------------------------- misc
    def _setup_sku(self) -> None:
        sku = self.boxes["sku"].input
        sku.set_editable(False)
        sku.widget.setToolTip("The SKU identifies the product; rename it in the catalog table.")

    def _setup_gtin(self) -> None:
        gtin = self.boxes["gtin"].input
        assert isinstance(gtin, LineInput)
        gtin.edit.textEdited.connect(self._check_gtin)

    def _check_gtin(self, text: str) -> None:
        box = self.boxes["gtin"]
        digits = "".join(ch for ch in text if ch.isdigit())
        if not text.strip():
            box.clear_message()
            return
        if len(digits) < 8 and digits == "".join(text.split()).replace("-", ""):
            box.show_message(f"{len(digits)} digits so far (a GTIN has 8, 12, 13 or 14)", "note")
            return
        try:
            code = normalize_gtin(text)
        except InvalidValueError as error:
            box.show_message(error.message, "error")
            return
        box.show_message(f"Valid GTIN-{len(code)}: the check digit is right", "ok")


class FieldRow(QWidget):
    """Fields side by side while they fit, one under the other when the panel is narrow."""

    SPACING = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(self.SPACING)
        self._grid.setVerticalSpacing(8)
        self._boxes: list[QWidget] = []
        self._stacked: bool | None = None

    def set_boxes(self, boxes: list[QWidget]) -> None:
        self._boxes = boxes
        self._arrange(stacked=False)

    def _needed_width(self) -> int:
        widths = [
            box.comfortable_width() if isinstance(box, FieldBox) else box.minimumSizeHint().width()
            for box in self._boxes
        ]
        return sum(widths) + self.SPACING * (len(widths) - 1)

    def refit(self) -> None:
        """Arrange again for the current width (after the fields' contents changed)."""
        if len(self._boxes) > 1 and self.width() > 0:
            self._arrange(stacked=self.width() < self._needed_width())

    def _arrange(self, *, stacked: bool) -> None:
        if stacked == self._stacked:
            return
        self._stacked = stacked
        for box in self._boxes:
            self._grid.removeWidget(box)
        for column in range(len(self._boxes)):
            self._grid.setColumnStretch(column, 0)
        for index, box in enumerate(self._boxes):
            row, column = (index, 0) if stacked else (0, index)
            self._grid.addWidget(box, row, column, Qt.AlignmentFlag.AlignTop)
            if not stacked:
                self._grid.setColumnStretch(column, 1)
        if stacked:
            self._grid.setColumnStretch(0, 1)

    def minimumSizeHint(self) -> QSize:
        widths = [box.minimumSizeHint().width() for box in self._boxes] or [0]
        return QSize(max(widths), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        if len(self._boxes) > 1:
            self._arrange(stacked=event.size().width() < self._needed_width())
        super().resizeEvent(event)


def section_title(text: str, parent: QWidget | None = None) -> QLabel:
    """A group heading with a hairline under it."""
    label = QLabel(text, parent)
    label.setObjectName("SectionTitle")
    label.setAccessibleName(f"{text} section")
    return label
