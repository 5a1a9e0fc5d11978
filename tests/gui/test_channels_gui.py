"""Sales channels in the window: readiness columns, the editor's Channels tab, the dialogs."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from gui_helpers import wait_settled
from pytestqt.qtbot import QtBot

from sellerdesk.gui.channels_dialog import ChannelsDialog
from sellerdesk.gui.columns import COLUMNS
from sellerdesk.gui.feed_export_dialog import FeedExportDialog
from sellerdesk.gui.main_window import MainWindow

Opener = Callable[[Path], MainWindow]
SHOP = "https://kilnandco.example/products/{sku}"


def _enable_google(window: MainWindow, qtbot: QtBot) -> None:
    window.ctx.feeds.configure("google", enabled=True, settings={"product_url": SHOP})
    window.load_channel_columns()
    qtbot.waitUntil(lambda: window.model.channel_keys == ["google"], timeout=10_000)
    wait_settled(qtbot, window)


def test_a_readiness_column_per_enabled_channel(
    qtbot: QtBot, open_window: Opener, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    model = window.model
    assert model.columnCount() == len(COLUMNS)
    _enable_google(window, qtbot)
    column = len(COLUMNS)
    assert model.columnCount() == len(COLUMNS) + 1
    assert model.headerData(column, window.table.horizontalHeader().orientation()) == (
        "Google Merchant Center"
    )
    texts = [str(model.index(row, column).data() or "") for row in range(20)]
    assert all(text for text in texts)
    assert any(text.startswith(("✓", "!", "✗")) for text in texts)
    product = model.product_id(0)
    assert product is not None
    found = model.readiness(product)
    assert found is not None and "google" in found.states
    tip = str(model.index(0, column).data(3) or "")  # ToolTipRole
    assert tip.startswith(("Ready for", "Google Merchant Center:"))


def test_the_editor_lists_channel_problems_and_fix_jumps_to_the_field(
    qtbot: QtBot, open_window: Opener, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    catalog = window.ctx.catalog
    sku = catalog.search(limit=1)[0]["sku"]
    window.apply_changes(catalog.update_field(sku, "brand", ""))
    window.ctx.feeds.configure("google", enabled=True, settings={"product_url": SHOP})
    product = catalog.get(sku).id
    window.editor.show()
    window.editor.show_product(product)
    qtbot.waitUntil(lambda: window.editor.product_id == product and not window.editor.busy)
    window.editor.reload(force=True)
    qtbot.waitUntil(lambda: window.editor.channels_view.problem_count() > 0, timeout=10_000)
    assert window.editor.tabs.tabText(2).startswith("Channels (")
    window.editor.channels_view.fix_requested.emit("brand")
    assert window.editor.tabs.currentIndex() == 0


def test_channels_dialog_saves_enabled_channels_and_settings(
    qtbot: QtBot, open_window: Opener, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    window.show_channels()
    dialog = window.last_dialog
    assert isinstance(dialog, ChannelsDialog)
    google = next(
        row
        for row in range(dialog.list.count())
        if dialog.list.item(row).text().startswith("Google")
    )
    from PySide6.QtCore import Qt

    dialog.list.item(google).setCheckState(Qt.CheckState.Checked)
    url = dialog._inputs["google"]["product_url"]
    url.setText(SHOP)  # type: ignore[union-attr]
    assert set(dialog.changed()) == {"google"}
    dialog._save()
    qtbot.waitUntil(lambda: window.model.channel_keys == ["google"], timeout=10_000)
    state = window.ctx.feeds.state("google")
    assert state.enabled and state.settings.get("product_url") == SHOP


def test_export_feed_dialog_writes_the_file_and_reports(
    qtbot: QtBot, open_window: Opener, catalog_file: Path, tmp_path: Path
) -> None:
    window = open_window(catalog_file)
    window.ctx.feeds.configure("google", enabled=True, settings={"product_url": SHOP})
    window.export_feed()
    dialog = window.last_dialog
    assert isinstance(dialog, FeedExportDialog)
    assert dialog.key == "google" and dialog.fmt == "tsv"
    target = tmp_path / "google.tsv"
    dialog.path_edit.setText(str(target))
    dialog.accept()
    qtbot.waitUntil(lambda: target.exists(), timeout=20_000)
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=20_000)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    message = window.last_message
    assert message is not None and f"Wrote {len(rows):,} items" in message.text()
    assert all(row["link"].startswith("https://kilnandco.example/products/") for row in rows)
