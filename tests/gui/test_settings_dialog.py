"""The Settings dialog: pages built from declarations, Apply/OK/Cancel, reasons, credentials."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from sellerdesk.app import build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.config.secrets import KeyringSecretStore, MemoryKeyring, MemorySecretStore
from sellerdesk.config.settings import Settings
from sellerdesk.config.settings_schema import SETTINGS, Kind
from sellerdesk.gui.ops import TaskBridge
from sellerdesk.gui.settings_dialog import SettingsDialog
from sellerdesk.gui.theme import DARK, LIGHT
from sellerdesk.tasks.runner import TaskRunner

DROPBOX = "/home/ana/Dropbox/Shop/maple-and-moss.sqlite3"


@pytest.fixture
def store() -> KeyringSecretStore:
    store = KeyringSecretStore(MemoryKeyring(persistent=True), backend_name="macOS Keychain")
    store.set("Shopify – Maple & Moss", "shpat_secret_value")
    store.set("Etsy – MapleAndMossStudio", "etsy_secret_value")
    return store


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


@pytest.fixture
def dialog(
    qtbot: QtBot, settings_file: Path, store: KeyringSecretStore
) -> Iterator[SettingsDialog]:
    settings = Settings(recent_catalogs=["/shop/a.sqlite3"])
    dialog = SettingsDialog(
        settings,
        settings_file,
        LIGHT,
        secrets=store,
        extras={"catalog_location": DROPBOX},
    )
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog


def editor_widget(dialog: SettingsDialog, key: str) -> object:
    for page in dialog.setting_pages.values():
        if key in page.editors:
            return page.editors[key].focus_widget
    raise KeyError(key)


def test_pages_and_editors_come_from_the_declarations(dialog: SettingsDialog) -> None:
    sidebar = [dialog.sidebar.item(i).text() for i in range(dialog.sidebar.count())]
    assert sidebar == ["General", "Catalog", "Appearance", "Credentials"]
    expected = {
        Kind.BOOL: QCheckBox,
        Kind.INT: QSpinBox,
        Kind.CHOICE: QComboBox,
        Kind.PATH: QLineEdit,
    }
    for spec in SETTINGS:
        widget = editor_widget(dialog, spec.key)
        assert isinstance(widget, expected[spec.kind]), spec.key
        assert widget.accessibleName() == spec.label  # type: ignore[attr-defined]
    theme = editor_widget(dialog, "theme")
    assert isinstance(theme, QComboBox)
    assert [theme.itemText(i) for i in range(theme.count())] == [
        "Match the system",
        "Light",
        "Dark",
    ]
    values = dialog.values()
    assert values["default_currency"] == "USD" and values["backups_to_keep"] == 12
    assert values["auto_backup"] is True and values["table_density"] == "comfortable"
    assert not dialog.apply_button.isEnabled()
    dialog.show_page("Appearance")
    assert dialog.pages.currentWidget() is dialog.setting_pages["Appearance"]


def test_apply_saves_the_file_and_announces_the_new_settings(
    qtbot: QtBot, dialog: SettingsDialog, settings_file: Path
) -> None:
    original = dialog.settings
    theme = editor_widget(dialog, "theme")
    assert isinstance(theme, QComboBox)
    theme.setCurrentIndex(theme.findData("dark"))
    keep = editor_widget(dialog, "backups_to_keep")
    assert isinstance(keep, QSpinBox)
    keep.setValue(30)
    confirm = editor_widget(dialog, "confirm_delete")
    assert isinstance(confirm, QCheckBox)
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.settings_changed) as signal:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["theme"] == "dark" and saved["backups_to_keep"] == 30
    assert saved["confirm_delete"] is False
    assert saved["recent_catalogs"] == ["/shop/a.sqlite3"]  # untouched keys survive
    assert "catalog_location" not in saved  # shown, not stored
    assert signal.args is not None and signal.args[0] is original
    assert original.theme == "dark"  # the caller's object now holds the new values
    assert Settings.load(settings_file) == original
    assert not dialog.apply_button.isEnabled()
    assert dialog.isVisible()


def test_invalid_values_show_the_reason_and_block_saving(
    qtbot: QtBot, dialog: SettingsDialog, settings_file: Path
) -> None:
    currency = editor_widget(dialog, "default_currency")
    assert isinstance(currency, QComboBox) and currency.isEditable()
    currency.setEditText("Euro")
    error = dialog.setting_pages["General"].errors["default_currency"]
    assert error.isVisibleTo(dialog)
    assert error.text() == "Enter a three-letter currency code such as USD, EUR or GBP."
    assert currency.property("invalid") == "true"
    assert not dialog.apply_button.isEnabled()
    dialog.show_page("Appearance")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.pages.currentWidget() is dialog.setting_pages["General"]  # shown the problem
    assert not settings_file.exists()

    currency.setEditText("eur")
    assert not error.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.settings_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Settings.load(settings_file).default_currency == "EUR"


def test_choosing_a_listed_currency_stores_its_code(
    qtbot: QtBot, dialog: SettingsDialog, settings_file: Path
) -> None:
    currency = editor_widget(dialog, "default_currency")
    assert isinstance(currency, QComboBox)
    currency.setCurrentIndex(currency.findData("GBP"))
    assert currency.currentText() == "GBP — British pound"
    assert dialog.values()["default_currency"] == "GBP"
    assert dialog.apply()
    assert Settings.load(settings_file).default_currency == "GBP"


def test_cancel_forgets_edits(qtbot: QtBot, dialog: SettingsDialog, settings_file: Path) -> None:
    density = editor_widget(dialog, "table_density")
    assert isinstance(density, QComboBox)
    density.setCurrentIndex(density.findData("compact"))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not settings_file.exists()
    assert dialog.settings.table_density == "comfortable"


def test_catalog_page_warns_and_offers_move_and_open(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.show_page("Catalog")
    editor = dialog.path_editor("catalog_location")
    assert editor is not None
    assert editor.edit.text() == DROPBOX and editor.edit.isReadOnly()
    assert len(editor.warning_labels) == 1
    assert "cloud-synced folder" in editor.warning_labels[0].text()
    assert editor.warning_labels[0].isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.action_requested) as signal:
        qtbot.mouseClick(editor.buttons["move"], Qt.MouseButton.LeftButton)
    assert signal.args == ["catalog_location", "move"]
    with qtbot.waitSignal(dialog.action_requested) as signal:
        qtbot.mouseClick(editor.buttons["open"], Qt.MouseButton.LeftButton)
    assert signal.args == ["catalog_location", "open"]
    assert editor.buttons["open"].text() == "Open Another…"
    dialog.set_extra("catalog_location", "/home/ana/Shop/maple-and-moss.sqlite3")
    assert editor.edit.text() == "/home/ana/Shop/maple-and-moss.sqlite3"
    assert editor.warning_labels == []
    assert not dialog.apply_button.isEnabled()


def test_credentials_show_names_only_and_remove_after_confirming(
    qtbot: QtBot, dialog: SettingsDialog, store: KeyringSecretStore
) -> None:
    dialog.show_page("Credentials")
    page = dialog.credentials
    assert page.names() == ["Etsy – MapleAndMossStudio", "Shopify – Maple & Moss"]
    assert "macOS Keychain" in page.intro.text()
    assert not page.warning.isVisibleTo(dialog)
    shown = " ".join(label.text() for label in page.findChildren(type(page.intro)))
    assert "secret_value" not in shown
    page.list.setCurrentRow(1)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    box = page.confirm_box
    assert isinstance(box, QMessageBox) and "Shopify – Maple & Moss" in box.text()
    remove = next(b for b in box.findChildren(QPushButton) if b.text() == "Remove")
    with qtbot.waitSignal(page.removed) as signal:
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert signal.args == ["Shopify – Maple & Moss"]
    assert store.get("Shopify – Maple & Moss") is None
    assert store.names() == ["Etsy – MapleAndMossStudio"]
    assert page.names() == ["Etsy – MapleAndMossStudio"]


def test_credentials_go_through_the_runner_and_warn_without_a_keychain(
    qtbot: QtBot, settings_file: Path
) -> None:
    runner = TaskRunner()
    dialog = None
    try:
        bridge = TaskBridge(runner)
        store = MemorySecretStore(warning="No system keychain was found, so passwords …")
        store.set("eBay – maple_moss", "v^1.1#secret")
        dialog = SettingsDialog(Settings(), settings_file, DARK, secrets=store, bridge=bridge)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.show_page("Credentials")
        page = dialog.credentials
        qtbot.waitUntil(lambda: page.names() == ["eBay – maple_moss"])
        assert page.warning.isVisibleTo(dialog)
        assert page.warning.text().startswith("No system keychain was found")
        assert "in memory until SellerDesk closes" in page.intro.text()
        with qtbot.waitSignal(page.names_loaded) as signal:
            page.remove("eBay – maple_moss")
        assert signal.args == [[]]
        assert page.stack.currentWidget() is page.empty
        assert not page.remove_button.isEnabled()
        bridge.detach()
    finally:
        runner.shutdown()


def test_a_settings_file_that_cannot_be_written_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the config folder should be", encoding="utf-8")
    dialog = SettingsDialog(Settings(), blocked / "settings.json", LIGHT)
    qtbot.addWidget(dialog)
    dialog.show()
    keep = editor_widget(dialog, "backups_to_keep")
    assert isinstance(keep, QSpinBox)
    keep.setValue(3)
    assert not dialog.apply()
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.objectName() == "ErrorDialog"]
    assert boxes and boxes[0].windowTitle() == "Settings could not be saved"
    assert dialog.settings.backups_to_keep == 12
    assert dialog.apply_button.isEnabled()


def test_for_context_shows_the_open_catalog(
    qtbot: QtBot, empty_catalog_file: Path, paths: AppPaths
) -> None:
    ctx = build_context(str(empty_catalog_file), paths, auto_backup=False)
    try:
        dialog = SettingsDialog.for_context(ctx, LIGHT)
        qtbot.addWidget(dialog)
        editor = dialog.path_editor("catalog_location")
        assert editor is not None and editor.edit.text() == str(empty_catalog_file)
        theme = editor_widget(dialog, "theme")
        assert isinstance(theme, QComboBox)
        theme.setCurrentIndex(theme.findData("light"))
        assert dialog.apply()
        assert ctx.settings.theme == "light"
        assert Settings.load(ctx.paths.settings_file).theme == "light"
    finally:
        ctx.close()
