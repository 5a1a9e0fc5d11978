"""Whole-window workflows: a file dropped on the window becomes an import, seen in the table,
the jobs panel and the Edit menu; settings take effect at once; secrets stay off the disk."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import wait_settled
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sellerdesk.app import build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.config.secrets import MemorySecretStore
from sellerdesk.config.settings import Settings
from sellerdesk.gui import ops, window_products
from sellerdesk.gui.main_window import MainWindow
from sellerdesk.gui.product_actions import NewProductDialog
from sellerdesk.gui.theme import DARK
from sellerdesk.tasks.jobs import JobJournal

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
Opener = Callable[[Path], MainWindow]


def _drop(window: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    spot = QPointF(window.width() / 2, window.height() / 2)
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(spot, actions, mime, buttons, modifiers)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(spot, actions, mime, buttons, modifiers))


def _job(journal: JobJournal, title: str) -> object:
    return next((job for job in journal.jobs() if job.title == title), None)


def test_a_dropped_file_goes_through_the_wizard_into_the_catalog(
    qtbot: QtBot, open_window: Opener, catalog_file: Path, tmp_path: Path
) -> None:
    window = open_window(catalog_file)
    before = window.ctx.catalog.count()
    source = shutil.copy(SAMPLES / "supplier_pricelist.xlsx", tmp_path / "prices.xlsx")
    _drop(window, Path(source))
    assert len(window.wizards) == 1
    wizard = window.wizards[0]
    qtbot.waitUntil(lambda: wizard.preview is not None and not wizard.refreshing, timeout=10_000)
    assert wizard.inspection is not None and wizard.inspection.header_row == 4
    wizard.start_import()
    qtbot.waitUntil(lambda: wizard.report is not None, timeout=20_000)
    wait_settled(qtbot, window)
    assert window.ctx.catalog.count() == before + 7
    assert window.ctx.catalog.get("AC-1001").values["gtin"] == "012345678905"
    assert window.model.rowCount() == before + 7
    assert window.commands.undo.text() == "&Undo “Import of prices.xlsx”"
    job = _job(window.journal, "Importing prices.xlsx")
    assert job is not None
    qtbot.waitUntil(lambda: _job(window.journal, "Importing prices.xlsx").counts.get("new") == 7)
    done = window.journal.get(job.id)
    assert done.state == "done" and done.error_count >= 2
    assert any("Header on row 4" in line for line in window.journal.log_lines(job.id))
    wizard.close()
    window.undo()
    qtbot.waitUntil(lambda: window.ctx.catalog.count() == before, timeout=10_000)


def test_saved_settings_take_effect_at_once(
    qtbot: QtBot, open_window: Opener, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    changed = Settings(default_currency="EUR", theme="dark", table_density="compact")
    window.settings_changed(changed)
    assert window.ctx.catalog.default_currency == "EUR"
    assert window.ctx.importer.default_currency == "EUR"
    assert window._theme == DARK
    assert window.table.verticalHeader().defaultSectionSize() == 24
    window.show_settings()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_credentials_round_trip_and_never_touch_the_disk(tmp_path: Path) -> None:
    store = MemorySecretStore()
    paths = AppPaths.under(tmp_path / "home")
    ctx = build_context(
        str(tmp_path / "catalog.sqlite3"), paths, auto_backup=False, secrets=lambda: store
    )
    try:
        ctx.secrets.set("shopify:my-shop", "shpat_very_secret_token")
        assert ctx.secrets.get("shopify:my-shop") == "shpat_very_secret_token"
        assert ctx.secrets.names() == ["shopify:my-shop"]
        ctx.settings.save(paths.settings_file)
    finally:
        ctx.close()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"shpat_very_secret_token" not in path.read_bytes(), path
    store.delete("shopify:my-shop")
    assert store.get("shopify:my-shop") is None and store.names() == []


def test_new_product_and_delete_products_from_the_edit_menu(
    qtbot: QtBot, open_window: Opener, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(catalog_file)
    before = window.ctx.catalog.count()
    window.new_product()
    dialog = window.last_dialog
    assert isinstance(dialog, NewProductDialog)
    existing = window.ctx.catalog.search(limit=1)[0]["sku"]
    dialog.sku_edit.setText(existing)
    assert dialog.reason() is None  # checked against the catalog when OK is pressed
    dialog.sku_edit.setText("")
    assert dialog.reason() == "Type a SKU."
    dialog.sku_edit.setText("NEW-MUG-1")
    dialog.title_edit.setText("Stoneware mug, sage")
    dialog.accept()
    qtbot.waitUntil(lambda: window.ctx.catalog.count() == before + 1, timeout=10_000)
    created = window.ctx.catalog.get("NEW-MUG-1")
    assert created.values["title"] == "Stoneware mug, sage"
    assert created.source_of("title") == "manual"
    qtbot.waitUntil(lambda: window.editor.product_id == created.id, timeout=10_000)

    wait_settled(qtbot, window)
    assert window.table.select_product(created.id)
    asked: list[list[str]] = []

    def answer(_parent: object, skus: list[str]) -> bool:
        asked.append(skus)
        return True

    monkeypatch.setattr(window_products, "confirm_delete", answer)
    window.delete_products()
    qtbot.waitUntil(lambda: window.ctx.catalog.count() == before, timeout=10_000)
    assert asked == [["NEW-MUG-1"]]
    qtbot.waitUntil(lambda: window.commands.undo.text() == "&Undo “Delete NEW-MUG-1”")
    window.undo()
    qtbot.waitUntil(lambda: window.ctx.catalog.count() == before + 1, timeout=10_000)


def test_the_saved_table_density_applies_at_start(
    qtbot: QtBot, open_window: Opener, catalog_file: Path, paths: AppPaths
) -> None:
    assert open_window(catalog_file).table.verticalHeader().defaultSectionSize() == 30
    Settings(table_density="compact").save(paths.settings_file)
    assert open_window(catalog_file).table.verticalHeader().defaultSectionSize() == 24


def test_a_new_product_with_a_taken_sku_is_refused_with_the_reason(
    qtbot: QtBot, open_window: Opener, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(catalog_file)
    before = window.ctx.catalog.count()
    shown: list[str] = []
    monkeypatch.setattr(
        ops, "show_error", lambda _parent, error, **_kw: shown.append(str(error)) or None
    )
    window.new_product()
    dialog = window.last_dialog
    assert isinstance(dialog, NewProductDialog)
    dialog.sku_edit.setText(window.ctx.catalog.search(limit=1)[0]["sku"])
    dialog.title_edit.setText("A second mug")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "already" in shown[0]
    assert window.ctx.catalog.count() == before
