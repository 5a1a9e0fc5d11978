"""The Settings dialog: pages built from the declared settings, plus saved credentials.

OK saves and closes, Apply saves and stays, Cancel forgets unsaved edits. Saving writes the
settings file, updates the ``Settings`` object the dialog was given (so the window's context
sees the new values) and emits ``settings_changed`` with it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.app import AppContext
from sellerdesk.config.secrets import SecretStore
from sellerdesk.config.settings import Settings
from sellerdesk.config.settings_schema import (
    PAGES,
    SETTINGS,
    SettingSpec,
    applied,
    problems,
    specs_for_page,
    values_from,
)
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.ops import TaskBridge
from sellerdesk.gui.settings_pages import CredentialsPage, PathEditor, SettingsPage
from sellerdesk.gui.theme import Theme

log = logging.getLogger(__name__)

CREDENTIALS = "Credentials"


class SettingsDialog(QDialog):
    """Preferences, one page per declared group, and the Credentials page.

    Signals: ``settings_changed(Settings)`` after a successful save;
    ``action_requested(key, action)`` for buttons the window handles, e.g.
    ``("catalog_location", "move")`` and ``("catalog_location", "open")``.
    """

    settings_changed = Signal(object)
    action_requested = Signal(str, str)

    def __init__(
        self,
        settings: Settings,
        settings_file: Path,
        theme: Theme,
        *,
        secrets: SecretStore | None = None,
        bridge: TaskBridge | None = None,
        extras: Mapping[str, Any] | None = None,
        specs: tuple[SettingSpec, ...] = SETTINGS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.setSizeGripEnabled(True)
        self._settings = settings
        self._file = settings_file
        self._specs = specs
        self._extras = dict(extras or {})
        self._saved = values_from(settings, self._extras, specs)

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("SettingsSidebar")
        self.sidebar.setAccessibleName("Settings pages")
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setFixedWidth(170)
        self.pages = QStackedWidget(self)
        self.setting_pages: dict[str, SettingsPage] = {}
        for title in PAGES:
            page_specs = specs_for_page(title, specs)
            if not page_specs:
                continue
            page = SettingsPage(title, page_specs, self.pages)
            page.changed.connect(self._edited)
            page.action_requested.connect(self.action_requested)
            self.setting_pages[title] = page
            self._add_page(title, page)
        self.credentials = CredentialsPage(secrets, bridge, self.pages)
        self._add_page(CREDENTIALS, self.credentials)
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.clicked.connect(self._clicked)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        rule = QFrame(self)
        rule.setObjectName("SettingsRule")
        rule.setFixedWidth(1)
        body.addWidget(rule)
        body.addWidget(self.pages, 1)
        footer = QFrame(self)
        footer.setObjectName("SettingsFooter")
        footer_layout = QHBoxLayout(footer)
        footer_layout.setContentsMargins(16, 10, 16, 12)
        footer_layout.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(body, 1)
        layout.addWidget(footer)

        for key, sequence in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda step=sequence: self._step_page(step))

        self._load(self._saved)
        self.set_theme(theme)
        self.sidebar.setCurrentRow(0)
        self.resize(QSize(760, 520))
        self._update_buttons()

    @classmethod
    def for_context(
        cls,
        ctx: AppContext,
        theme: Theme,
        *,
        secrets: SecretStore | None = None,
        bridge: TaskBridge | None = None,
        parent: QWidget | None = None,
    ) -> SettingsDialog:
        """The dialog for the open catalog (its location shown on the Catalog page)."""
        location = str(ctx.db.path) if ctx.db.path is not None else ctx.db.display_name
        return cls(
            ctx.settings,
            ctx.paths.settings_file,
            theme,
            secrets=secrets,
            bridge=bridge,
            extras={"catalog_location": location},
            parent=parent,
        )

    # ---------------------------------------------------------------- API
    @property
    def settings(self) -> Settings:
        return self._settings

    def values(self) -> dict[str, Any]:
        """The values currently in the editors, by key."""
        found: dict[str, Any] = {}
        for page in self.setting_pages.values():
            for key, editor in page.editors.items():
                found[key] = editor.value()
        return found

    def problems(self) -> dict[str, str]:
        return problems(self.values(), self._specs)

    def has_changes(self) -> bool:
        current = self.values()
        return any(
            current[spec.key] != self._saved.get(spec.key)
            for spec in self._specs
            if spec.stored and not spec.read_only and spec.key in current
        )

    def show_page(self, title: str) -> None:
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            if item is not None and item.text() == title:
                self.sidebar.setCurrentRow(row)
                return
        raise KeyError(title)

    def set_extra(self, key: str, value: Any) -> None:
        """Show a new value for an unstored setting (e.g. after the catalog moved)."""
        self._extras[key] = value
        self._saved[key] = value
        for page in self.setting_pages.values():
            editor = page.editors.get(key)
            if editor is not None:
                editor.set_value(value)

    def apply(self) -> bool:
        """Save the edited values; False (with reasons shown inline) when any is refused."""
        refused = self.problems()
        self._show_problems(refused)
        if refused:
            self._reveal(next(iter(refused)))
            return False
        new = applied(self._settings, self.values(), self._specs)
        try:
            new.save(self._file)
        except OSError as error:
            log.warning("could not save settings to %s: %s", self._file, error)
            show_error(self, error, title="Settings could not be saved")
            return False
        for f in dataclasses.fields(Settings):
            setattr(self._settings, f.name, getattr(new, f.name))
        self._saved = values_from(self._settings, self._extras, self._specs)
        self._load(self._saved)
        self._update_buttons()
        self.settings_changed.emit(self._settings)
        return True

    def set_theme(self, theme: Theme) -> None:
        t = theme
        self.setStyleSheet(
            f"""
QDialog#SettingsDialog {{ background: {t.window}; }}
QStackedWidget, QWidget#SettingsPage {{ background: {t.base}; }}
QFrame#SettingsRule {{ background: {t.border}; }}
QFrame#SettingsFooter {{ background: {t.window}; border-top: 1px solid {t.border}; }}
QListWidget#SettingsSidebar {{
    background: {t.window}; outline: 0; padding: 10px 8px; font-size: 10.5pt;
}}
QListWidget#SettingsSidebar::item {{
    padding: 7px 10px; border-radius: 6px; margin: 1px 0; color: {t.text};
}}
QListWidget#SettingsSidebar::item:selected {{
    background: {t.selection}; color: {t.selection_text};
}}
QListWidget#SettingsSidebar::item:hover:!selected {{ background: {t.accent_soft}; }}
QLabel#SettingsPageTitle {{ color: {t.text}; padding-bottom: 4px; }}
QLabel#SettingLabel {{ color: {t.text}; }}
QLabel#SettingHelp {{ color: {t.muted}; }}
QLabel#SettingError {{ color: {t.out_of_stock_fg}; font-weight: 600; }}
QLabel#SettingWarning {{
    background: {t.warning_bg}; color: {t.warning_fg}; border: 1px solid {t.warning_border};
    border-radius: 6px; padding: 8px 10px;
}}
QComboBox[invalid="true"], QLineEdit[invalid="true"], QSpinBox[invalid="true"] {{
    border: 1px solid {t.out_of_stock_fg}; border-radius: 3px;
}}
QLineEdit#PathField[readOnly="true"] {{ background: {t.alt_base}; color: {t.text}; }}
QListWidget#CredentialList {{ border: 1px solid {t.border}; border-radius: 4px; }}
QListWidget#CredentialList::item {{ padding: 6px 8px; }}
"""
        )

    # ---------------------------------------------------------------- internals
    def _add_page(self, title: str, page: QWidget) -> None:
        self.pages.addWidget(page)
        self.sidebar.addItem(title)

    def _load(self, values: Mapping[str, Any]) -> None:
        for page in self.setting_pages.values():
            for key, editor in page.editors.items():
                editor.blockSignals(True)
                try:
                    editor.set_value(values.get(key, editor.spec.default))
                finally:
                    editor.blockSignals(False)
                page.show_problem(key, None)

    def _edited(self, key: str) -> None:
        for page in self.setting_pages.values():
            if key in page.editors:
                spec = page.editors[key].spec
                page.show_problem(key, spec.check(page.editors[key].value()))
        self._update_buttons()

    def _show_problems(self, refused: Mapping[str, str]) -> None:
        for page in self.setting_pages.values():
            for key in page.editors:
                page.show_problem(key, refused.get(key))

    def _reveal(self, key: str) -> None:
        for title, page in self.setting_pages.items():
            if key in page.editors:
                self.show_page(title)
                page.editors[key].focus_widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _update_buttons(self) -> None:
        refused = bool(self.problems())
        self.apply_button.setEnabled(self.has_changes() and not refused)

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.apply_button:
            self.apply()
        elif button is self.ok_button:
            if not self.has_changes() or self.apply():
                self.accept()
        else:
            self.reject()

    def _step_page(self, step: int) -> None:
        count = self.sidebar.count()
        self.sidebar.setCurrentRow((self.sidebar.currentRow() + step) % count)

    def path_editor(self, key: str) -> PathEditor | None:
        """The editor of a path setting (tests, and the window after a move)."""
        for page in self.setting_pages.values():
            editor = page.editors.get(key)
            if isinstance(editor, PathEditor):
                return editor
        return None
