"""Choosing the sales channels to check products against, and each channel's settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.channels.model import SettingSpec
from sellerdesk.gui.theme import Theme
from sellerdesk.services.feeds import ChannelState


class ChannelsDialog(QDialog):
    """A checkable list of channels; the selected one's settings beside it."""

    #: {channel key: (enabled, {setting: value})} for the channels that changed
    channels_saved = Signal(object)

    def __init__(
        self, states: list[ChannelState], theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sales Channels")
        self.resize(820, 540)
        self._states = states
        self._inputs: dict[str, dict[str, QLineEdit | QComboBox]] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Switch on the channels you sell on. SellerDesk then checks every product against "
            "their rules (a column per channel in the table, and the Channels tab of the "
            "Product Editor) and can write their feed files (File ▸ Export Feed…)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName("Channels")
        self.list.setMaximumWidth(280)
        self.pages = QStackedWidget(self)
        for state in states:
            item = QListWidgetItem(state.channel.label, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if state.enabled else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, state.channel.key)
            self.pages.addWidget(self._page(state, theme))
        self.list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.list.setCurrentRow(0)
        body.addWidget(self.list)
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _page(self, state: ChannelState, theme: Theme) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        channel = state.channel
        title = QLabel(f"<b>{channel.label}</b>", page)
        form.addRow(title)
        formats = QLabel(f"Feed files: {', '.join(channel.formats)} · {len(channel.rules)} rules")
        formats.setStyleSheet(f"color: {theme.muted};")
        form.addRow(formats)
        inputs: dict[str, QLineEdit | QComboBox] = {}
        for spec in channel.settings:
            widget = self._input(spec, state.settings.get(spec.key, spec.default), page)
            label = spec.label + (" *" if spec.required else "")
            form.addRow(label, widget)
            if spec.help:
                tip = QLabel(spec.help, page)
                tip.setWordWrap(True)
                tip.setStyleSheet(f"color: {theme.muted};")
                form.addRow("", tip)
            inputs[spec.key] = widget
        if not channel.settings:
            form.addRow(QLabel("This channel needs no settings.", page))
        self._inputs[channel.key] = inputs
        return page

    def _input(self, spec: SettingSpec, value: str, parent: QWidget) -> QLineEdit | QComboBox:
        if spec.choices:
            box = QComboBox(parent)
            box.addItems(list(spec.choices))
            if value in spec.choices:
                box.setCurrentText(value)
            box.setAccessibleName(spec.label)
            return box
        edit = QLineEdit(value, parent)
        edit.setAccessibleName(spec.label)
        edit.setToolTip(spec.help)
        return edit

    def values(self) -> dict[str, tuple[bool, dict[str, str]]]:
        result: dict[str, tuple[bool, dict[str, str]]] = {}
        for row in range(self.list.count()):
            item = self.list.item(row)
            key = str(item.data(Qt.ItemDataRole.UserRole))
            enabled = item.checkState() == Qt.CheckState.Checked
            settings = {
                name: widget.currentText() if isinstance(widget, QComboBox) else widget.text()
                for name, widget in self._inputs[key].items()
            }
            result[key] = (enabled, settings)
        return result

    def changed(self) -> dict[str, tuple[bool, dict[str, str]]]:
        before = {
            s.channel.key: (
                s.enabled,
                {spec.key: s.settings.get(spec.key, spec.default) for spec in s.channel.settings},
            )
            for s in self._states
        }
        return {key: value for key, value in self.values().items() if before.get(key) != value}

    def _save(self) -> None:
        self.channels_saved.emit(self.changed())
        self.accept()
