"""Input widgets for one product field each, with one contract: load a stored value, tell when
the seller has finished an edit (``committed``), hand back the raw input, and never overwrite
what the seller is still typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextCursor,
    QTextListFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.core.fields import FieldSpec, Kind

BULLET_INDENT = 16
Formatter = Callable[[Any], str]
Reader = Callable[[str], Any]


class FieldInput(QObject):
    """Base contract; ``widget`` is what the form lays out, ``focus_widget`` takes the focus."""

    #: the seller finished an edit (Enter, leaving the field, picking a choice)
    committed = Signal()
    #: Escape put the stored value back
    reverted = Signal()
    #: the seller left the field without changing it
    unchanged = Signal()

    def __init__(self, spec: FieldSpec, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._loaded: Any = None
        self._sent: Any = None

    @property
    def widget(self) -> QWidget:
        raise NotImplementedError

    @property
    def focus_widget(self) -> QWidget:
        return self.widget

    def current(self) -> Any:
        """What the input shows now, comparable with ``shown(value)``."""
        raise NotImplementedError

    def shown(self, value: Any) -> Any:
        """How a stored value looks in this input."""
        raise NotImplementedError

    def _put(self, shown: Any) -> None:
        raise NotImplementedError

    def raw(self) -> Any:
        """The seller's input, ready for ``FieldSpec.parse``."""
        raise NotImplementedError

    def set_editable(self, editable: bool) -> None:
        self.widget.setEnabled(editable)

    def is_dirty(self) -> bool:
        return bool(self.current() != self._loaded)

    def load(self, value: Any, *, force: bool = False) -> None:
        """Show a stored value, unless the seller has unsaved input (kept unless ``force``)."""
        shown = self.shown(value)
        keep = not force and self.is_dirty()
        self._loaded = shown
        if not keep:
            self._sent = None
            if self.current() != shown:
                self._put(shown)

    def already_sent(self) -> bool:
        """The current input is the one being saved (a second Enter or focus change)."""
        return self._sent is not None and self.current() == self._sent

    def clear_sent(self) -> None:
        """The save failed: the next Enter or focus change tries again."""
        self._sent = None

    def mark_sent(self) -> None:
        """The current input is being saved (the owner forces the reload that follows)."""
        self._sent = self.current()

    def revert(self) -> None:
        self._put(self._loaded)
        self.reverted.emit()

    def commit(self) -> None:
        """Finish the edit now (as Enter does)."""
        self._finish()

    def _finish(self) -> None:
        if self.is_dirty():
            self.committed.emit()
        else:
            self.unchanged.emit()


class LineInput(FieldInput):
    """A one-line text box; commits on Enter or when the focus leaves; Escape reverts."""

    def __init__(
        self,
        spec: FieldSpec,
        parent: QWidget | None = None,
        *,
        formatter: Formatter | None = None,
        reader: Reader | None = None,
    ) -> None:
        super().__init__(spec, parent)
        self._format = formatter or spec.display
        self._read = reader or (lambda text: text)
        self.edit = QLineEdit(parent)
        self.edit.setAccessibleName(spec.label)
        if spec.max_length is not None:
            self.edit.setMaxLength(spec.max_length)
        if spec.kind in (Kind.MONEY, Kind.DECIMAL, Kind.INT):
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.editingFinished.connect(self._finish)
        self.edit.installEventFilter(self)
        self.unit: QLabel | None = None
        self._loaded = ""

    def set_unit(self, unit: str) -> None:
        """Show a unit ("cm", "g") inside the box, after the number."""
        self.unit = QLabel(unit, self.edit)
        self.unit.setObjectName("UnitSuffix")
        self.unit.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.unit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setTextMargins(0, 0, self.unit.fontMetrics().horizontalAdvance(unit) + 6, 0)
        self._place_unit()

    def _place_unit(self) -> None:
        if self.unit is not None:
            width = self.unit.fontMetrics().horizontalAdvance(self.unit.text()) + 4
            self.unit.setGeometry(self.edit.width() - width - 6, 0, width, self.edit.height())

    @property
    def widget(self) -> QWidget:
        return self.edit

    def current(self) -> Any:
        return self.edit.text()

    def shown(self, value: Any) -> Any:
        return "" if value is None else self._format(value)

    def _put(self, shown: Any) -> None:
        self.edit.setText(str(shown))
        self.edit.setCursorPosition(0)

    def raw(self) -> Any:
        return self._read(self.edit.text())

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place_unit()
        elif (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.is_dirty()
        ):
            self.revert()
            return True
        return False


class TextAreaInput(FieldInput):
    """Several lines of text; commits when the focus leaves or on Ctrl+Enter; Tab moves on.

    With ``bulleted`` each line shows as a bullet point (the markers are not part of the text).
    """

    def __init__(
        self,
        spec: FieldSpec,
        parent: QWidget | None = None,
        *,
        formatter: Formatter | None = None,
        reader: Reader | None = None,
        lines: int = 5,
        bulleted: bool = False,
    ) -> None:
        super().__init__(spec, parent)
        self._format = formatter or spec.display
        self._read = reader or (lambda text: text)
        self._bulleted = bulleted
        self.edit = QTextEdit(parent)
        self.edit.setAcceptRichText(False)
        self.edit.setAccessibleName(spec.label)
        self.edit.setTabChangesFocus(True)
        self.edit.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.edit.document().setIndentWidth(BULLET_INDENT)
        metrics = self.edit.fontMetrics()
        margin = 2 * (self.edit.frameWidth() + round(self.edit.document().documentMargin()))
        self.edit.setFixedHeight(metrics.lineSpacing() * lines + margin + 4)
        self.edit.installEventFilter(self)
        save = QShortcut(QKeySequence("Ctrl+Return"), self.edit)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self._finish)
        self._loaded = ""

    @property
    def widget(self) -> QWidget:
        return self.edit

    def current(self) -> Any:
        return self.edit.toPlainText()

    def shown(self, value: Any) -> Any:
        return "" if value is None else self._format(value)

    def _put(self, shown: Any) -> None:
        self.edit.setPlainText(str(shown))
        if self._bulleted and shown:
            cursor = QTextCursor(self.edit.document())
            cursor.select(QTextCursor.SelectionType.Document)
            bullets = QTextListFormat()
            bullets.setStyle(QTextListFormat.Style.ListDisc)
            bullets.setIndent(1)
            cursor.createList(bullets)

    def raw(self) -> Any:
        return self._read(self.edit.toPlainText())

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self._finish()
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.is_dirty()
        ):
            self.revert()
            return True
        return False


class _QuietComboBox(QComboBox):
    """A combo box that lets the wheel scroll the form unless it has the focus."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ChoiceInput(FieldInput):
    """A drop-down of the field's choices; picking one commits."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = _QuietComboBox(parent)
        self.combo.setAccessibleName(spec.label)
        self.combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for choice in spec.choices:
            self.combo.addItem(choice.capitalize(), choice)
        self.combo.setCurrentIndex(-1)
        self.combo.setPlaceholderText("Not set")
        self.combo.activated.connect(lambda _index: self._finish())

    @property
    def widget(self) -> QWidget:
        return self.combo

    def current(self) -> Any:
        return self.combo.currentData()

    def shown(self, value: Any) -> Any:
        return value if value in self.spec.choices else None

    def _put(self, shown: Any) -> None:
        self.combo.setCurrentIndex(self.combo.findData(shown) if shown is not None else -1)

    def raw(self) -> Any:
        return self.combo.currentData()


class AttributesInput(FieldInput):
    """Name / value pairs in a small table; every finished cell edit or removal commits."""

    MAX_VISIBLE_ROWS = 8

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QWidget(parent)
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.table = QTableWidget(0, 2, self.box)
        self.table.setObjectName("AttributesTable")
        self.table.setAccessibleName(spec.label)
        self.table.setHorizontalHeaderLabels(["Name", "Value"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 120)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.itemChanged.connect(self._cell_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.add_button = QPushButton("Add attribute", self.box)
        self.add_button.setAccessibleName("Add an attribute")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton("Remove", self.box)
        self.remove_button.setAccessibleName("Remove the selected attribute")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._filling = False
        self._loaded = ()
        self._fit_height()
        self._update_buttons()

    @property
    def widget(self) -> QWidget:
        return self.box

    @property
    def focus_widget(self) -> QWidget:
        return self.table

    def current(self) -> Any:
        pairs = []
        for row in range(self.table.rowCount()):
            name, value = self.table.item(row, 0), self.table.item(row, 1)
            key = name.text().strip() if name is not None else ""
            if key:
                pairs.append((key, value.text().strip() if value is not None else ""))
        return tuple(pairs)

    def shown(self, value: Any) -> Any:
        if not isinstance(value, dict):
            return ()
        return tuple((str(k), str(v)) for k, v in value.items())

    def _put(self, shown: Any) -> None:
        self._filling = True
        try:
            self.table.setRowCount(0)
            for key, value in shown:
                self._append(key, value)
        finally:
            self._filling = False
        self._fit_height()
        self._update_buttons()

    def raw(self) -> Any:
        return dict(self.current())

    def set_editable(self, editable: bool) -> None:
        self.table.setEnabled(editable)
        self.add_button.setEnabled(editable)
        self._update_buttons()

    def _append(self, key: str, value: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        return row

    def add_row(self) -> None:
        self._filling = True
        try:
            row = self._append("", "")
        finally:
            self._filling = False
        self._fit_height()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows:
            return
        for row in rows:
            self.table.removeRow(row)
        self._fit_height()
        self._update_buttons()
        self._finish()

    def _cell_changed(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self._finish()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.isEnabled() and bool(self.table.selectedIndexes()))

    def _fit_height(self) -> None:
        rows = min(max(self.table.rowCount(), 2), self.MAX_VISIBLE_ROWS)
        row_height = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + rows * row_height + 2 * self.table.frameWidth())
