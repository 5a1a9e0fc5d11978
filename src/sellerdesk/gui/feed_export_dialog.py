"""Export Feed: pick a channel, a format and a file; products that would be rejected can be left
out, and the result lists what was left out and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.services.feeds import ChannelState


class FeedExportDialog(QDialog):
    def __init__(
        self, states: list[ChannelState], folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Feed")
        self.setMinimumWidth(560)
        self._states = states
        self._folder = folder
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Write the file a channel imports. Products the channel would reject can be left "
            "out; you get the list of what was left out and why."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.channel_box = QComboBox(self)
        self.channel_box.setAccessibleName("Channel")
        for state in states:
            mark = "" if state.enabled else " (not switched on)"
            self.channel_box.addItem(state.channel.label + mark, state.channel.key)
        first_enabled = next((i for i, s in enumerate(states) if s.enabled), 0)
        self.format_box = QComboBox(self)
        self.format_box.setAccessibleName("Format")
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName("File")
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.only_ready = QCheckBox("Leave out products this channel would reject", self)
        self.only_ready.setChecked(True)
        form.addRow("&Channel:", self.channel_box)
        form.addRow("&Format:", self.format_box)
        form.addRow("F&ile:", row)
        form.addRow("", self.only_ready)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.channel_box.currentIndexChanged.connect(self._channel_changed)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.path_edit.textChanged.connect(self._check)
        self.channel_box.setCurrentIndex(first_enabled)
        self._channel_changed()

    @property
    def key(self) -> str:
        return str(self.channel_box.currentData())

    @property
    def fmt(self) -> str:
        return self.format_box.currentText()

    @property
    def target(self) -> Path:
        return Path(self.path_edit.text().strip())

    def _state(self) -> ChannelState:
        return self._states[max(0, self.channel_box.currentIndex())]

    def _channel_changed(self) -> None:
        self.format_box.blockSignals(True)
        self.format_box.clear()
        self.format_box.addItems(list(self._state().channel.formats))
        self.format_box.blockSignals(False)
        self._format_changed()

    def _format_changed(self) -> None:
        name = f"{self._state().channel.key}-feed.{self.fmt}"
        current = self.path_edit.text().strip()
        folder = Path(current).parent if current else self._folder
        self.path_edit.setText(str(folder / name))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Export Feed", self.path_edit.text())
        if chosen:
            self.path_edit.setText(chosen)

    def _check(self) -> None:
        self.export_button.setEnabled(bool(self.path_edit.text().strip()))
