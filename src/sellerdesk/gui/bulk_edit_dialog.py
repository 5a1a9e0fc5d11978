"""Bulk edit: change one field of many products at once, with a live preview.

The seller picks a field and what to do with it (set a value, find and replace, change prices
by a percentage, round prices to .99). The preview applies the same ``core.bulk_ops`` operation
to the first products locally ("MUG-1001: $12.00 → $13.19"); OK hands the field and operation
back to the table, which runs it as one undoable batch in the background.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.core.bulk_ops import AdjustPercent, BulkOperation, FindReplace, RoundTo99, SetValue
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FIELD_BY_NAME, Kind
from sellerdesk.core.taxonomy import Category, SharedTaxonomy
from sellerdesk.gui.columns import CATEGORY_EDITOR, COLUMNS, Column, format_money, text_preview
from sellerdesk.gui.delegates import editor_for
from sellerdesk.gui.editors import CellEditor, ValidatedLineEdit
from sellerdesk.gui.theme import LIGHT, Theme
from sellerdesk.services.catalog import CatalogService

#: Products whose values the preview reads (the first of the selection).
PREVIEW_SAMPLE = 200
#: Changes the preview lists.
PREVIEW_LINES = 6

SET, REPLACE, PERCENT, ROUND = "set", "replace", "percent", "round"
_OPERATION_LABELS = {
    SET: "Set to",
    REPLACE: "Find and replace",
    PERCENT: "Change by a percentage",
    ROUND: "Round to .99",
}
_TEXT_KINDS = (Kind.TEXT, Kind.LONG_TEXT, Kind.LIST)
_EXTRA_FIELDS = ("bullets", "keywords", "currency", "weight_g", "length_cm", "width_cm",
                 "height_cm")  # fmt: skip


def bulk_columns() -> list[Column]:
    """The fields bulk edit offers: the table's editable columns but the SKU, then the rest."""
    columns = [c for c in COLUMNS if c.editable and c.key != "sku"]
    for name in _EXTRA_FIELDS:
        spec = FIELD_BY_NAME[name]
        columns.append(Column(name, spec.label, None, "", field=name))
    return columns


def operations_for(column: Column) -> list[str]:
    spec = column.spec
    if spec is None:
        return []
    if column.editor == CATEGORY_EDITOR:
        return [SET]
    if spec.kind is Kind.MONEY:
        return [SET, PERCENT, ROUND]
    if spec.kind in _TEXT_KINDS:
        return [SET, REPLACE]
    return [SET]


def _shown(column: Column, value: Any, currency: str | None) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    spec = column.spec
    if isinstance(value, Category):
        return value.path
    if spec is not None and spec.kind is Kind.MONEY:
        return format_money(value, currency)
    if spec is not None and spec.kind is Kind.CHOICE:
        return str(value).capitalize()
    text = spec.display(value) if spec is not None else str(value)
    return text_preview(text) if len(text) > 60 else text


class BulkEditDialog(QDialog):
    """Choose a field and an operation for ``product_ids``; the preview updates as you type."""

    def __init__(
        self,
        product_ids: Sequence[int],
        catalog: CatalogService,
        taxonomy: SharedTaxonomy,
        *,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("BulkEditDialog")
        count = len(product_ids)
        self._count = count
        self._theme = theme
        self._taxonomy = taxonomy
        self._columns = bulk_columns()
        self._value_editor: QWidget | None = None
        sample = list(product_ids[:PREVIEW_SAMPLE])
        rows = catalog.rows(sample)
        self._sample: list[Mapping[str, Any]] = [rows[pid] for pid in sample if pid in rows]
        title = f"Bulk Edit {count:,} Product{'s' if count != 1 else ''}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(560)

        heading = QLabel(
            f"Change one field of the {count:,} selected product{'s' if count != 1 else ''}. "
            "You can undo the whole change with Edit › Undo.",
            self,
        )
        heading.setWordWrap(True)

        self.field_box = QComboBox(self)
        self.field_box.setAccessibleName("Field")
        for column in self._columns:
            self.field_box.addItem(column.label, column.key)
        self.operation_box = QComboBox(self)
        self.operation_box.setAccessibleName("Change")
        for box in (self.field_box, self.operation_box):
            box.setMinimumWidth(240)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.pages = QStackedWidget(self)
        self._page_index: dict[str, int] = {}
        self._build_set_page()
        self._build_replace_page()
        self._build_percent_page()
        self._build_round_page()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow("&Field:", self.field_box)
        form.addRow("&Change:", self.operation_box)

        preview_group = QGroupBox("Preview", self)
        self.preview = QTreeWidget(preview_group)
        self.preview.setAccessibleName("Preview of the changes")
        self.preview.setRootIsDecorated(False)
        self.preview.setUniformRowHeights(True)
        self.preview.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setHeaderLabels(["SKU", "Now", "After"])
        self.preview.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        self.preview.setColumnWidth(0, 150)
        self.preview.setColumnWidth(1, 170)
        row_height = self.fontMetrics().height() + 10
        self.preview.setMinimumHeight(row_height * (PREVIEW_LINES + 1) + 6)
        self.summary = QLabel(preview_group)
        self.summary.setObjectName("BulkEditSummary")
        self.summary.setWordWrap(True)
        preview_layout = QVBoxLayout(preview_group)
        preview_layout.setContentsMargins(10, 8, 10, 10)
        preview_layout.addWidget(self.preview)
        preview_layout.addWidget(self.summary)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(f"Apply to {count:,} Product{'s' if count != 1 else ''}")
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.pages)
        layout.addWidget(preview_group, 1)
        layout.addWidget(self.buttons)

        self.field_box.currentIndexChanged.connect(self._field_changed)
        self.operation_box.currentIndexChanged.connect(self._operation_changed)
        self._field_changed()

    # ------------------------------------------------------------ pages
    def _add_page(self, key: str, page: QWidget) -> None:
        self._page_index[key] = self.pages.addWidget(page)

    def _build_set_page(self) -> None:
        page = QWidget(self)
        self._set_layout = QFormLayout(page)
        self._set_layout.setContentsMargins(0, 0, 0, 0)
        self._set_layout.setHorizontalSpacing(12)
        self._set_hint = QLabel("Leave it empty to clear the field.", page)
        self._set_hint.setStyleSheet(f"color: {self._theme.muted};")
        self._set_layout.addRow("", self._set_hint)
        self._add_page(SET, page)

    def _build_replace_page(self) -> None:
        page = QWidget(self)
        layout = QFormLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(12)
        self.find_edit = QLineEdit(page)
        self.find_edit.setAccessibleName("Find")
        self.find_edit.setPlaceholderText("Text to look for")
        self.replace_edit = QLineEdit(page)
        self.replace_edit.setAccessibleName("Replace with")
        self.replace_edit.setPlaceholderText("Leave empty to remove the text")
        self.case_box = QCheckBox("Match &case", page)
        layout.addRow("F&ind:", self.find_edit)
        layout.addRow("&Replace with:", self.replace_edit)
        layout.addRow("", self.case_box)
        for edit in (self.find_edit, self.replace_edit):
            edit.textChanged.connect(self.update_preview)
        self.case_box.toggled.connect(self.update_preview)
        self._add_page(REPLACE, page)

    def _build_percent_page(self) -> None:
        page = QWidget(self)
        layout = QFormLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(12)
        self.percent_spin = QDoubleSpinBox(page)
        self.percent_spin.setAccessibleName("Percentage")
        self.percent_spin.setRange(-95.0, 1000.0)
        self.percent_spin.setDecimals(1)
        self.percent_spin.setSingleStep(5.0)
        self.percent_spin.setValue(10.0)
        self.percent_spin.setSuffix(" %")
        self.percent_spin.setMinimumWidth(120)
        self.round_box = QCheckBox("Then round to .99", page)
        hint = QLabel("Use a negative number to lower prices (−15 % for a sale).", page)
        hint.setStyleSheet(f"color: {self._theme.muted};")
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.percent_spin)
        row.addWidget(self.round_box)
        row.addStretch(1)
        label = QLabel("&Percentage:", page)
        label.setBuddy(self.percent_spin)
        layout.addRow(label, row)
        layout.addRow("", hint)
        self.percent_spin.valueChanged.connect(self.update_preview)
        self.round_box.toggled.connect(self.update_preview)
        self._add_page(PERCENT, page)

    def _build_round_page(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QLabel(
            "Each price becomes the nearest amount ending in .99 "
            "(12.20 becomes 11.99, 12.70 becomes 12.99).",
            page,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self._add_page(ROUND, page)

    # ------------------------------------------------------------ state
    @property
    def column(self) -> Column | None:
        index = self.field_box.currentIndex()
        return self._columns[index] if 0 <= index < len(self._columns) else None

    @property
    def value_editor(self) -> QWidget | None:
        return self._value_editor

    def choose_column(self, table_column: int) -> None:
        """Start on the field of this table column (the current cell's), when it is offered."""
        if 0 <= table_column < len(COLUMNS):
            found = self.field_box.findData(COLUMNS[table_column].key)
            if found >= 0:
                self.field_box.setCurrentIndex(found)

    def choose(self, field_key: str, operation: str) -> None:
        """Select a field (column key) and an operation (``set``, ``replace``, ``percent``,
        ``round``)."""
        self.field_box.setCurrentIndex(self.field_box.findData(field_key))
        self.operation_box.setCurrentIndex(self.operation_box.findData(operation))

    def operation(self) -> BulkOperation | None:
        """The operation the inputs describe; InvalidValueError when an input is not valid."""
        kind = self.operation_box.currentData()
        if kind == SET:
            editor = self._value_editor
            if not isinstance(editor, CellEditor):
                return None
            problem = editor.problem()
            if problem is not None:
                raise InvalidValueError(problem)
            return SetValue(editor.cell_value())
        if kind == REPLACE:
            if not self.find_edit.text():
                raise InvalidValueError("Type the text to find")
            return FindReplace(
                self.find_edit.text(), self.replace_edit.text(), self.case_box.isChecked()
            )
        if kind == PERCENT:
            value = round(self.percent_spin.value(), 1)
            percent = Decimal(int(value)) if value == int(value) else Decimal(str(value))
            return AdjustPercent(percent, self.round_box.isChecked())
        if kind == ROUND:
            return RoundTo99()
        return None

    # ------------------------------------------------------------ updates
    def _field_changed(self) -> None:
        column = self.column
        if column is None:
            return
        self.operation_box.blockSignals(True)
        self.operation_box.clear()
        for key in operations_for(column):
            self.operation_box.addItem(_OPERATION_LABELS[key], key)
        self.operation_box.blockSignals(False)
        self.operation_box.setEnabled(self.operation_box.count() > 1)
        self._rebuild_value_editor(column)
        self._operation_changed()

    def _rebuild_value_editor(self, column: Column) -> None:
        if self._value_editor is not None:
            self._set_layout.removeRow(0)
            self._value_editor = None
        spec, kind = column.spec, column.editor
        if spec is None or kind is None:
            return
        currencies = {row.get("currency") for row in self._sample}
        currency = next(iter(currencies)) if len(currencies) == 1 else None
        editor = editor_for(
            kind,
            spec,
            self,
            theme=self._theme,
            taxonomy=self._taxonomy,
            currency=currency,
            floating=False,
        )
        editor.setMinimumWidth(280)
        if isinstance(editor, QPlainTextEdit):
            editor.setFixedHeight(editor.fontMetrics().height() * 5 + 12)
        self._set_layout.insertRow(0, "&Value:", editor)
        self._value_editor = editor
        QWidget.setTabOrder(self.operation_box, editor)
        self._set_hint.setVisible(not spec.required and kind not in (Kind.CHOICE, Kind.INT))
        if isinstance(editor, QLineEdit):
            editor.textChanged.connect(self.update_preview)
        elif isinstance(editor, QSpinBox):
            editor.valueChanged.connect(self.update_preview)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(self.update_preview)
            editor.setCurrentIndex(0)
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(self.update_preview)
        if isinstance(editor, ValidatedLineEdit):
            editor.problem_changed.connect(self.update_preview)

    def _operation_changed(self) -> None:
        key = self.operation_box.currentData()
        if key in self._page_index:
            self.pages.setCurrentIndex(self._page_index[key])
        self.update_preview()

    def update_preview(self, *_args: object) -> None:
        """Apply the operation to the first products and list the changes."""
        self.preview.clear()
        column = self.column
        try:
            operation = self.operation()
            changes = self._preview_changes(column, operation) if column and operation else []
        except InvalidValueError as error:
            self._show_summary(error.message, error=True)
            self.apply_button.setEnabled(False)
            return
        for sku, old, new in changes[:PREVIEW_LINES]:
            QTreeWidgetItem(self.preview, [sku, old, new])
        checked = len(self._sample)
        if not changes and checked >= self._count:
            self._show_summary("Nothing would change.", error=False)
            self.apply_button.setEnabled(False)
            return
        self.apply_button.setEnabled(operation is not None)
        if checked >= self._count:
            text = f"{len(changes):,} of {self._count:,} products will change."
        elif changes:
            text = (
                f"{len(changes):,} of the first {checked:,} products change; "
                f"the other {self._count - checked:,} are checked when you apply."
            )
        else:
            text = (
                f"None of the first {checked:,} products change; "
                f"the other {self._count - checked:,} are checked when you apply."
            )
        self._show_summary(text, error=False)

    def _preview_changes(
        self, column: Column, operation: BulkOperation
    ) -> list[tuple[str, str, str]]:
        spec = column.spec
        if spec is None:
            return []
        changes: list[tuple[str, str, str]] = []
        for row in self._sample:
            currency = row.get("currency")
            if column.editor == CATEGORY_EDITOR:
                old: Any = row.get("category_path")
                value = operation.value if isinstance(operation, SetValue) else None
                new: Any = value.path if isinstance(value, Category) else None
            else:
                old = row.get(spec.name)
                new = operation.apply(spec, old, currency)
            if new != old:
                changes.append(
                    (
                        str(row.get("sku")),
                        _shown(column, old, currency),
                        _shown(column, new, currency),
                    )
                )
        return changes

    def _show_summary(self, text: str, *, error: bool) -> None:
        color = self._theme.out_of_stock_fg if error else self._theme.muted
        self.summary.setStyleSheet(f"color: {color};")
        self.summary.setText(text)

    def preview_lines(self) -> list[str]:
        """The preview as text lines ("SKU: old → new"), for tests and accessibility."""
        lines = []
        for index in range(self.preview.topLevelItemCount()):
            item = self.preview.topLevelItem(index)
            if item is not None:
                lines.append(f"{item.text(0)}: {item.text(1)} → {item.text(2)}")
        return lines

    def _apply(self) -> None:
        try:
            operation = self.operation()
        except InvalidValueError as error:
            self._show_summary(error.message, error=True)
            return
        if operation is not None and self.column is not None:
            self.accept()
