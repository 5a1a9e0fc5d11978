"""Bulk edit from the catalog table: live preview, one undoable batch, undo restores all."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from gui_helpers import realistic_products
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from sellerdesk.app import build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.core.money import adjust_percent, round_to_99
from sellerdesk.gui.bulk_edit_dialog import BulkEditDialog
from sellerdesk.gui.category_picker import CategoryPicker
from sellerdesk.gui.columns import COLUMN_INDEX
from sellerdesk.gui.editors import GtinEdit
from sellerdesk.gui.main_window import MainWindow

OpenWindow = Callable[[Path], MainWindow]


@pytest.fixture
def thousand(tmp_path: Path, paths: AppPaths) -> Path:
    path = tmp_path / "thousand.sqlite3"
    ctx = build_context(str(path), paths, auto_backup=False)
    try:
        ctx.catalog.create_many(realistic_products(1000), name="Import supplier.csv")
    finally:
        ctx.close()
    return path


def _prices(window: MainWindow) -> dict[str, Decimal]:
    rows = window.ctx.catalog.search(columns=["sku", "price"])
    return {row["sku"]: row["price"] for row in rows}


def _open_dialog(window: MainWindow) -> BulkEditDialog:
    window.table.bulk_edit_action.trigger()
    dialog = window.table.last_dialog
    assert isinstance(dialog, BulkEditDialog)
    assert dialog.isVisible()
    return dialog


def test_bulk_edit_1000_prices_then_undo(
    qtbot: QtBot, open_window: OpenWindow, thousand: Path
) -> None:
    window = open_window(thousand)
    window.table.changes_applied.connect(window.apply_changes)
    before = _prices(window)
    assert len(before) == 1000
    window.table.selectAll()
    assert len(window.table.selected_product_ids()) == 1000

    dialog = _open_dialog(window)
    assert dialog.windowTitle() == "Bulk Edit 1,000 Products"
    dialog.choose("price", "percent")
    dialog.percent_spin.setValue(10)
    dialog.round_box.setChecked(True)
    products = realistic_products(1000)
    first = products[0]
    after = round_to_99(adjust_percent(first["price"], Decimal(10)))
    assert dialog.preview_lines()[0] == f"{first['sku']}: ${first['price']} → ${after}"
    assert len(dialog.preview_lines()) == 6
    assert dialog.summary.text().endswith("the other 800 are checked when you apply.")
    assert dialog.apply_button.text() == "Apply to 1,000 Products"
    dialog.apply_button.click()

    expected = {
        sku: round_to_99(adjust_percent(price, Decimal(10))) for sku, price in before.items()
    }
    qtbot.waitUntil(lambda: _prices(window) == expected, timeout=20_000)
    qtbot.waitUntil(lambda: not window.model.saving)
    label = "Price +10% (rounded to .99) on 1000 products"
    qtbot.waitUntil(lambda: window.commands.undo.text() == f"&Undo “{label}”")
    # the table shows the new prices
    assert window.model.index(0, COLUMN_INDEX["price"]).data() == f"${after}"

    window.undo()
    qtbot.waitUntil(lambda: _prices(window) == before, timeout=20_000)
    assert window.ctx.catalog.undo_label() == "Import supplier.csv"


def test_with_nothing_selected_it_asks_then_replaces_text_everywhere(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    view.clearSelection()
    view.bulk_edit_action.trigger()
    box = view.last_dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == "No products are selected."
    assert box.informativeText() == "Edit all 300 products in the catalog?"
    edit_all = next(b for b in box.buttons() if b.text() == "Edit 300 Products")
    edit_all.click()
    dialog = view.last_dialog
    assert isinstance(dialog, BulkEditDialog)
    dialog.choose("title", "replace")
    dialog.find_edit.setText("mug")
    dialog.replace_edit.setText("Cup")
    titles = [p["title"] for p in realistic_products(300)]
    changed = [t for t in titles if "mug" in t.lower()]
    assert changed
    assert "Cup" in dialog.preview_lines()[0]
    in_sample = sum("mug" in t.lower() for t in titles[:200])
    assert dialog.summary.text() == (
        f"{in_sample} of the first 200 products change; the other 100 are checked when you apply."
    )
    dialog.apply_button.click()

    label = "Replace 'mug' in Title on 300 products"
    qtbot.waitUntil(lambda: window.ctx.catalog.undo_label() == label, timeout=10_000)
    stored = {
        row["sku"]: row["title"] for row in window.ctx.catalog.search(columns=["sku", "title"])
    }
    expected = {
        p["sku"]: re.sub("mug", "Cup", p["title"], flags=re.IGNORECASE)
        for p in realistic_products(300)
    }
    assert stored == expected


def test_bulk_set_category_writes_id_and_path(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    model = window.model
    view.selectRow(5)
    view.selectionModel().select(model.index(6, 0), view.selectionModel().SelectionFlag.Select)
    dialog = _open_dialog(window)
    dialog.choose("category", "set")
    picker = dialog.value_editor
    assert isinstance(picker, CategoryPicker)
    picker.setText("yoga mats")
    taxonomy = view.taxonomy.get()
    mats = taxonomy.search("yoga mats", 1)[0]
    assert dialog.preview_lines()[0].endswith(f"→ {mats.path}")
    dialog.apply_button.click()
    ids = [model.product_id(5), model.product_id(6)]
    qtbot.waitUntil(
        lambda: all(window.ctx.catalog.get(pid).values["category_id"] == mats.id for pid in ids),
        timeout=5000,
    )
    assert window.ctx.catalog.get(ids[0]).values["category_path"] == mats.path
    assert window.ctx.catalog.undo_label() == "Set Category on 2 products"


def test_an_invalid_value_disables_apply(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    window.table.selectRow(0)
    dialog = _open_dialog(window)
    dialog.choose("gtin", "set")
    editor = dialog.value_editor
    assert isinstance(editor, GtinEdit)
    editor.setText("12345")
    assert not dialog.apply_button.isEnabled()
    assert dialog.summary.text() == "5 digits; a GTIN has 8, 12, 13 or 14"
    editor.setText("4006381333931")
    assert dialog.apply_button.isEnabled()
    assert dialog.preview_lines() and dialog.preview_lines()[0].endswith("→ 4006381333931")
