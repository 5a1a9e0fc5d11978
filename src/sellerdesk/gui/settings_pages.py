"""Settings pages built from declarations: one editor per setting kind, laid out in a form.

``SettingsPage`` turns a list of ``SettingSpec``s into rows (label, editor, help text and an
inline reason when a value is refused); nothing here knows about any particular setting.
``CredentialsPage`` lists the names (never the values) of saved passwords.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.config.secrets import SecretStore
from sellerdesk.config.settings_schema import Kind, SettingSpec
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.tasks.runner import Lane, TaskContext

FIELD_WIDTH = 300


# ================================================================ editors
class SettingEditor(QObject):
    """The widget(s) for one setting; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, spec: SettingSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.widget: QWidget = self._build(parent)
        self.widget.setAccessibleName(spec.label)
        self.widget.setAccessibleDescription(spec.help)
        self.widget.setToolTip(spec.help)

    def _build(self, parent: QWidget) -> QWidget:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    @property
    def focus_widget(self) -> QWidget:
        return self.widget

    @property
    def shows_own_label(self) -> bool:
        """True when the editor shows ``spec.label`` itself (a check box)."""
        return False

    @property
    def expands(self) -> bool:
        """True when the editor takes the whole width of its column."""
        return False

    def place_help(self, label: QLabel) -> bool:
        """Put the help text inside the editor (True), or leave it to go below it (False)."""
        return False


class BoolEditor(SettingEditor):
    def _build(self, parent: QWidget) -> QWidget:
        self.box = QCheckBox(self.spec.label, parent)
        self.box.toggled.connect(lambda _on: self.changed.emit())
        return self.box

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    @property
    def shows_own_label(self) -> bool:
        return True


class IntEditor(SettingEditor):
    def _build(self, parent: QWidget) -> QWidget:
        self.spin = QSpinBox(parent)
        spec = self.spec
        self.spin.setRange(
            spec.minimum if spec.minimum is not None else -1_000_000,
            spec.maximum if spec.maximum is not None else 1_000_000,
        )
        self.spin.setSuffix(spec.suffix)
        self.spin.setFixedWidth(160)
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())
        return self.spin

    def value(self) -> Any:
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        self.spin.setValue(int(value))


class ChoiceEditor(SettingEditor):
    """A drop-down of labelled choices; typing is allowed when the spec is ``editable``."""

    def _build(self, parent: QWidget) -> QWidget:
        self.combo = QComboBox(parent)
        self.combo.setMinimumWidth(FIELD_WIDTH)
        for choice in self.spec.choices:
            self.combo.addItem(choice.label, choice.value)
        if self.spec.editable:
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = self.combo.completer()
            if completer is not None:
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.combo.editTextChanged.connect(lambda _t: self.changed.emit())
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return self.combo

    def value(self) -> Any:
        if self.spec.editable:
            text = self.combo.currentText()
            index = self.combo.findText(text)
            if index >= 0:
                return self.combo.itemData(index)
            return self.spec.from_text(text)
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0:  # a stored value outside the list (a rare currency): show it as it is
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
        if self.spec.editable:
            self.combo.setEditText(self.combo.itemText(index))


class TextEditor(SettingEditor):
    def _build(self, parent: QWidget) -> QWidget:
        self.edit = QLineEdit(parent)
        self.edit.setMinimumWidth(FIELD_WIDTH)
        self.edit.setReadOnly(self.spec.read_only)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        return self.edit

    def value(self) -> Any:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class PathEditor(SettingEditor):
    """A path, its action buttons (handled by the window) and warnings about the location."""

    action = Signal(str)

    def _build(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        self.edit = QLineEdit(box)
        self.edit.setObjectName("PathField")
        self.edit.setReadOnly(self.spec.read_only)
        self.edit.setMinimumWidth(FIELD_WIDTH)
        self.edit.setAccessibleName(self.spec.label)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for action in self.spec.actions:
            button = QPushButton(action.label, box)
            button.setToolTip(action.help)
            button.setAccessibleName(action.help or action.label)
            button.clicked.connect(lambda _c=False, name=action.name: self.action.emit(name))
            self.buttons[action.name] = button
            row.addWidget(button)
        row.addStretch(1)
        self.warnings = QVBoxLayout()
        self.warnings.setContentsMargins(0, 0, 0, 0)
        self.warnings.setSpacing(6)
        self._layout = QVBoxLayout(box)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.edit)
        self._layout.addLayout(row)
        self._layout.addLayout(self.warnings)
        self.warning_labels: list[QLabel] = []
        return box

    @property
    def expands(self) -> bool:
        return True

    def place_help(self, label: QLabel) -> bool:
        label.setParent(self.widget)
        self._layout.insertWidget(1, label)
        self._layout.insertSpacing(1, -4)
        return True

    @property
    def focus_widget(self) -> QWidget:
        return self.edit

    def value(self) -> Any:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        self.edit.setText(text)
        self.edit.setCursorPosition(0)
        self.edit.setToolTip(text)
        for label in self.warning_labels:
            label.deleteLater()
        self.warning_labels = []
        for warning in self.spec.warnings(text):
            label = QLabel(warning, self.widget)
            label.setObjectName("SettingWarning")
            label.setWordWrap(True)
            label.setAccessibleName("Warning")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.warnings.addWidget(label)
            self.warning_labels.append(label)


EDITORS: dict[Kind, type[SettingEditor]] = {
    Kind.BOOL: BoolEditor,
    Kind.INT: IntEditor,
    Kind.CHOICE: ChoiceEditor,
    Kind.TEXT: TextEditor,
    Kind.PATH: PathEditor,
}


def editor_for(spec: SettingSpec, parent: QWidget) -> SettingEditor:
    return EDITORS[spec.kind](spec, parent)


# ================================================================ pages
class PageHeader(QLabel):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("SettingsPageTitle")
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(font.Weight.DemiBold)
        self.setFont(font)


class SettingsPage(QWidget):
    """A form built from ``specs``: one editor per setting, with help and inline reasons."""

    changed = Signal(str)  # the key that changed
    action_requested = Signal(str, str)  # (key, action name)

    def __init__(self, title: str, specs: list[SettingSpec], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SettingsPage")
        self.title = title
        self.editors: dict[str, SettingEditor] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        layout.addWidget(PageHeader(title, self))
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(18)
        grid.setColumnStretch(1, 1)
        for row, spec in enumerate(specs):
            editor = editor_for(spec, self)
            self.editors[spec.key] = editor
            field = QWidget(self)
            column = QVBoxLayout(field)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(4)
            if editor.expands:
                column.addWidget(editor.widget)
            else:
                column.addWidget(editor.widget, 0, Qt.AlignmentFlag.AlignLeft)
            help_label = QLabel(spec.help, field)
            help_label.setObjectName("SettingHelp")
            help_label.setWordWrap(True)
            if editor.shows_own_label:
                help_label.setIndent(_checkbox_indent(editor.widget))
            if not editor.place_help(help_label):
                column.addWidget(help_label)
            error = QLabel(field)
            error.setObjectName("SettingError")
            error.setWordWrap(True)
            error.setAccessibleName(f"Problem with {spec.label}")
            error.hide()
            column.addWidget(error)
            self.errors[spec.key] = error
            grid.addWidget(field, row, 1)
            if not editor.shows_own_label:
                label = QLabel(spec.label, self)
                label.setObjectName("SettingLabel")
                label.setBuddy(editor.focus_widget)
                label.setMinimumHeight(editor.focus_widget.sizeHint().height())
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            editor.changed.connect(lambda key=spec.key: self.changed.emit(key))
            if isinstance(editor, PathEditor):
                editor.action.connect(
                    lambda name, key=spec.key: self.action_requested.emit(key, name)
                )
        layout.addLayout(grid)
        layout.addStretch(1)

    def show_problem(self, key: str, reason: str | None) -> None:
        label = self.errors[key]
        label.setText(reason or "")
        label.setVisible(bool(reason))
        widget = self.editors[key].focus_widget
        widget.setProperty("invalid", "true" if reason else "false")
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def _checkbox_indent(box: QWidget) -> int:
    """Where a check box's text starts, so its help lines up under the text."""
    style = box.style()
    indicator = style.pixelMetric(style.PixelMetric.PM_IndicatorWidth, None, box)
    spacing = style.pixelMetric(style.PixelMetric.PM_CheckBoxLabelSpacing, None, box)
    return indicator + spacing


# ================================================================ credentials
class CredentialsPage(QWidget):
    """Saved passwords and API keys by name, with Remove (values are never shown)."""

    names_loaded = Signal(list)
    removed = Signal(str)

    def __init__(
        self,
        store: SecretStore | None,
        bridge: TaskBridge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsPage")
        self._store = store
        self._bridge = bridge
        self.confirm_box: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(PageHeader("Credentials", self))
        if store is not None and store.persistent:
            where = f"are kept in {store.backend_name}"
        else:
            where = "are kept in memory until SellerDesk closes"
        self.intro = QLabel(
            f"Passwords and API keys for your sales channels {where}, never in SellerDesk's "
            "files. Only their names are shown here.",
            self,
        )
        self.intro.setObjectName("SettingHelp")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.warning = QLabel(store.warning if store is not None else "", self)
        self.warning.setObjectName("SettingWarning")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Warning")
        self.warning.setVisible(bool(self.warning.text()))
        layout.addWidget(self.warning)

        self.list = QListWidget(self)
        self.list.setObjectName("CredentialList")
        self.list.setAccessibleName("Saved passwords and keys")
        self.list.setAlternatingRowColors(True)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(
            "No saved passwords yet. They appear here when you connect a sales channel.", self
        )
        self.empty.setObjectName("SettingHelp")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        self.remove_button = QPushButton("Remove…", self)
        self.remove_button.setAccessibleName("Remove the selected saved password")
        self.remove_button.setToolTip("Forget the selected password or key")
        self.remove_button.clicked.connect(self.ask_remove)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self._update_buttons()
        self.reload()

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def reload(self) -> None:
        """Read the names (off the GUI thread when a bridge is given: keychains can be slow)."""
        store = self._store
        if store is None:
            self._show_names([])
            return
        self._run(store.names, "Reading saved passwords", self._show_names)

    def ask_remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        name = item.text()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Remove Saved Password")
        box.setText(f"Remove the saved password for “{name}”?")
        box.setInformativeText("SellerDesk will ask for it again the next time it's needed.")
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.remove(name) if button is remove else None)
        self.confirm_box = box
        box.open()

    def remove(self, name: str) -> None:
        store = self._store
        if store is None:
            return

        def work() -> str:
            store.delete(name)
            return name

        def done(gone: str) -> None:
            self.removed.emit(gone)
            self.reload()

        self._run(work, "Removing a saved password", done)

    # ---------------------------------------------------------------- internals
    def _run(self, work: Callable[[], Any], title: str, done: Callable[[Any], None]) -> None:
        """``work`` in the runner's read pool when there is a bridge, else right here."""
        if self._bridge is not None and self._bridge.attached:

            def task(_ctx: TaskContext) -> Any:
                return work()

            op = Op(self, task, bridge=self._bridge).titled(title).in_lane(Lane.READ)
            op.on_success(done).on_failure(self._failed).run()
            return
        try:
            result = work()
        except Exception as error:
            self._failed(error)
        else:
            done(result)

    def _failed(self, error: BaseException) -> None:
        show_error(self, error, title="Saved passwords")

    def _show_names(self, names: list[str]) -> None:
        self.list.clear()
        for name in names:
            item = QListWidgetItem(name, self.list)
            item.setToolTip(name)
        self.stack.setCurrentWidget(self.list if names else self.empty)
        if names:
            self.list.setCurrentRow(0)
        self._update_buttons()
        self.names_loaded.emit(list(names))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.list.currentItem() is not None)
