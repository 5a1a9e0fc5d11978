"""Editing the catalog table like a spreadsheet: typed cell editors, copy/paste with
spreadsheets, fill down, clearing, the problems badge, selection signals and photo drops.

Every test drives the real widgets on a real temp catalog and checks the database.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import cell, realistic_products, wait_settled
from PIL import Image
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragLeaveEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from sellerdesk.app import build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.gui.catalog_view import CatalogView
from sellerdesk.gui.category_picker import CategoryPicker
from sellerdesk.gui.columns import COLUMN_INDEX, COLUMNS
from sellerdesk.gui.editors import ChoiceCombo, GtinEdit, MoneyEdit, StockSpin, TextEdit
from sellerdesk.gui.long_text_dialog import LongTextDialog
from sellerdesk.gui.main_window import MainWindow
from sellerdesk.gui.table_roles import COPY_ROLE, PROBLEMS_ROLE
from sellerdesk.resources import default_taxonomy_path

OpenWindow = Callable[[Path], MainWindow]
EXPECTED = realistic_products(300)


def _wired(window: MainWindow) -> MainWindow:
    """Connect the table the way the integrator does: saved edits update Undo/Redo."""
    window.table.changes_applied.connect(window.apply_changes)
    return window


def _start_editing(qtbot: QtBot, view: CatalogView, row: int, column: str) -> Any:
    index = view.model().index(row, COLUMN_INDEX[column])
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.edit(index)
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState)
    editor = view.indexWidget(index)
    assert editor is not None
    return editor


def _stored(window: MainWindow, sku: str, field: str) -> Any:
    return window.ctx.catalog.get(sku).values[field]


def _wait_stored(qtbot: QtBot, window: MainWindow, sku: str, field: str, value: Any) -> None:
    qtbot.waitUntil(lambda: _stored(window, sku, field) == value, timeout=5000)
    qtbot.waitUntil(lambda: not window.model.saving, timeout=5000)


def _select(view: CatalogView, top: int, bottom: int, *columns: str) -> None:
    model = view.model()
    selection = QItemSelection()
    for name in columns:
        column = COLUMN_INDEX[name]
        selection.select(model.index(top, column), model.index(bottom, column))
    view.setCurrentIndex(model.index(top, COLUMN_INDEX[columns[0]]))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def _message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


# ------------------------------------------------------------------ typed editors


def test_editing_a_title_saves_it_as_a_manual_change(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = _wired(open_window(catalog_file))
    view, model = window.table, window.model
    sku = EXPECTED[4]["sku"]
    editor = _start_editing(qtbot, view, 4, "title")
    assert isinstance(editor, TextEdit)
    assert editor.text() == EXPECTED[4]["title"]
    editor.selectAll()
    qtbot.keyClicks(editor, "Speckled Mug, 12 oz")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # shown at once, saved in the background
    qtbot.waitUntil(lambda: cell(model, 4, "title") == "Speckled Mug, 12 oz", timeout=1000)
    _wait_stored(qtbot, window, sku, "title", "Speckled Mug, 12 oz")
    detail = window.ctx.catalog.get(sku)
    assert detail.source_of("title") == "manual"
    qtbot.waitUntil(lambda: "Edit Title of" in window.commands.undo.text())
    assert window.commands.undo.text() == f"&Undo “Edit Title of {sku}”"
    # Enter moved the current cell down, as in a spreadsheet
    assert view.currentIndex().row() == 5
    assert cell(model, 4, "title") == "Speckled Mug, 12 oz"


def test_money_editor_reads_commas_and_symbols_and_shows_the_currency(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view, model = window.table, window.model
    sku = EXPECTED[2]["sku"]
    editor = _start_editing(qtbot, view, 2, "price")
    assert isinstance(editor, MoneyEdit)
    assert editor.affixes == ("$", "")
    assert editor.text() == f"{EXPECTED[2]['price']:.2f}"
    editor.selectAll()
    qtbot.keyClicks(editor, "12,99")
    assert editor.problem() is None
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait_stored(qtbot, window, sku, "price", Decimal("12.99"))
    assert cell(model, 2, "price") == "$12.99"

    editor = _start_editing(qtbot, view, 3, "sale_price")
    editor.selectAll()
    qtbot.keyClicks(editor, "$8.50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait_stored(qtbot, window, EXPECTED[3]["sku"], "sale_price", Decimal("8.50"))

    editor = _start_editing(qtbot, view, 5, "price")
    editor.setText("€4")  # QTest types ASCII only
    assert editor.problem() == "Prices of this product are in USD"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.state() == QAbstractItemView.State.EditingState  # kept open
    assert editor.message_text == "Prices of this product are in USD"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert _stored(window, EXPECTED[5]["sku"], "price") == EXPECTED[5]["price"]


def test_stock_uses_a_spin_box(qtbot: QtBot, open_window: OpenWindow, catalog_file: Path) -> None:
    window = open_window(catalog_file)
    editor = _start_editing(qtbot, window.table, 6, "stock")
    assert isinstance(editor, StockSpin)
    assert editor.maximum() == 10**9 and editor.minimum() == 0
    assert editor.value() == EXPECTED[6]["stock"]
    editor.selectAll()
    qtbot.keyClicks(editor, "1234")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait_stored(qtbot, window, EXPECTED[6]["sku"], "stock", 1234)
    assert cell(window.model, 6, "stock") == "1,234"


def test_an_invalid_gtin_keeps_the_editor_open_until_it_is_fixed(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    sku, before = EXPECTED[1]["sku"], EXPECTED[1]["gtin"]
    editor = _start_editing(qtbot, view, 1, "gtin")
    assert isinstance(editor, GtinEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "4006381333932")  # check digit should be 1
    assert editor.problem() == "Wrong check digit: the last digit should be 1"
    assert editor.property("invalid") is True
    assert editor.message_text == "Wrong check digit: the last digit should be 1"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert view.state() == QAbstractItemView.State.EditingState
    assert view.indexWidget(view.model().index(1, COLUMN_INDEX["gtin"])) is editor
    assert _stored(window, sku, "gtin") == before

    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, "1")
    assert editor.problem() is None
    assert editor.message_text == ""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait_stored(qtbot, window, sku, "gtin", "4006381333931")


def test_category_picker_searches_the_taxonomy_and_sets_id_and_path(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    taxonomy = Taxonomy.from_file(default_taxonomy_path())
    mugs = taxonomy.search("mugs", 1)[0]
    assert mugs.path.endswith("Drinkware > Mugs")
    editor = _start_editing(qtbot, view, 0, "category")
    assert isinstance(editor, CategoryPicker)
    assert editor.text() == EXPECTED[0]["category_path"]
    editor.selectAll()
    qtbot.keyClicks(editor, "drinkware mugs")
    assert editor.suggestions()[0] == mugs.path
    suggestions = editor.suggestions()
    # paths with every word first, then paths with some of the words
    full = [p for p in suggestions if "drinkware" in p.lower() and "mugs" in p.lower()]
    assert suggestions[: len(full)] == full
    assert all("drinkware" in p.lower() or "mugs" in p.lower() for p in suggestions)
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.text() == mugs.path
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    sku = EXPECTED[0]["sku"]
    _wait_stored(qtbot, window, sku, "category_id", mugs.id)
    assert _stored(window, sku, "category_path") == mugs.path
    assert cell(window.model, 0, "category") == "Mugs"
    # the taxonomy was read once and is shared by the editors and paste
    assert view.taxonomy.loaded and window.model.taxonomy is view.taxonomy


def test_status_is_picked_from_a_list(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    row = next(i for i, p in enumerate(EXPECTED) if p["status"] == "active")
    editor = _start_editing(qtbot, window.table, row, "status")
    assert isinstance(editor, ChoiceCombo)
    assert [editor.itemText(i) for i in range(editor.count())] == ["Active", "Draft", "Archived"]
    assert editor.currentData() == "active"
    editor.setCurrentIndex(2)
    editor.activated.emit(2)
    _wait_stored(qtbot, window, EXPECTED[row]["sku"], "status", "archived")
    assert window.table.state() != QAbstractItemView.State.EditingState


def test_description_opens_a_dialog_and_ctrl_enter_saves(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    column = COLUMN_INDEX["description"]
    view.setColumnHidden(column, False)
    index = window.model.index(3, column)
    view.setCurrentIndex(index)
    view.edit(index)
    dialog = view.last_dialog
    assert isinstance(dialog, LongTextDialog)
    assert dialog.isVisible()
    assert dialog.text() == EXPECTED[3]["description"]
    assert dialog.windowTitle() == f"Description of {EXPECTED[3]['sku']}"
    dialog.editor.setPlainText("Line one.\nLine two, with detail.")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    _wait_stored(
        qtbot, window, EXPECTED[3]["sku"], "description", "Line one.\nLine two, with detail."
    )
    assert cell(window.model, 3, "description") == "Line one. Line two, with detail."


def test_read_only_columns_do_not_edit(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    model = window.model
    for key in ("updated", "parent_sku", "problems"):
        index = model.index(0, COLUMN_INDEX[key])
        assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert not model.setData(index, "x", Qt.ItemDataRole.EditRole)
        window.table.edit(index)
        assert window.table.state() != QAbstractItemView.State.EditingState
    editable = [
        c.key
        for c in COLUMNS
        if model.flags(model.index(0, COLUMNS.index(c))) & Qt.ItemFlag.ItemIsEditable
    ]
    assert "title" in editable and "price" in editable and "updated" not in editable


def test_an_edit_that_lost_a_race_is_undone_on_screen_and_explained(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    model = window.model
    sku = EXPECTED[8]["sku"]
    assert cell(model, 8, "brand") == EXPECTED[8]["brand"]  # cached with its version
    window.ctx.catalog.update_field(sku, "title", "Changed in another window")
    assert model.setData(model.index(8, COLUMN_INDEX["brand"]), "Mine", Qt.ItemDataRole.EditRole)
    assert cell(model, 8, "brand") == "Mine"  # optimistic
    qtbot.waitUntil(lambda: bool(_message_boxes()), timeout=5000)
    box = _message_boxes()[-1]
    assert "was changed elsewhere meanwhile" in box.text()
    box.close()
    assert cell(model, 8, "brand") == EXPECTED[8]["brand"]  # restored
    assert cell(model, 8, "title") == "Changed in another window"
    assert _stored(window, sku, "brand") == EXPECTED[8]["brand"]


def test_an_edit_repaints_only_its_row_without_reloading_ids(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(catalog_file)
    model = window.model
    reloads: list[object] = []
    monkeypatch.setattr(model.catalog, "ids", lambda *a, **k: reloads.append(a) or [])
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles=None: changed.append((top.row(), bottom.row()))
    )
    model.setData(model.index(10, COLUMN_INDEX["title"]), "Quick", Qt.ItemDataRole.EditRole)
    assert changed == [(10, 10)]  # painted at once, before the write
    qtbot.waitUntil(lambda: not model.saving, timeout=5000)
    assert not reloads  # sorted by id: a title edit moves nothing


# ---------------------------------------------------------------- cell ranges


def test_paste_a_3x3_block_from_a_spreadsheet_and_undo_it_at_once(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = _wired(open_window(catalog_file))
    view = window.table
    QApplication.clipboard().setText('$19.99\t15,50\t7\r\n20\t\t1,200\r\n"21.5"\t3.25\t0\r\n')
    _select(view, 20, 20, "price")
    view.paste_action.trigger()
    skus = [EXPECTED[row]["sku"] for row in (20, 21, 22)]
    expected = [
        (Decimal("19.99"), Decimal("15.50"), 7),
        (Decimal("20"), None, 1200),
        (Decimal("21.5"), Decimal("3.25"), 0),
    ]

    def stored() -> list[tuple[Any, Any, Any]]:
        return [
            (
                _stored(window, s, "price"),
                _stored(window, s, "sale_price"),
                _stored(window, s, "stock"),
            )
            for s in skus
        ]

    qtbot.waitUntil(lambda: stored() == expected, timeout=5000)
    qtbot.waitUntil(lambda: window.commands.undo.text() == "&Undo “Paste 9 cells”")
    assert window.statusBar().currentMessage() == "Pasted 9 cells"
    # the pasted block is selected
    assert len(view.selectionModel().selectedIndexes()) == 9

    window.undo()
    before = [
        (EXPECTED[row]["price"], EXPECTED[row]["sale_price"], EXPECTED[row]["stock"])
        for row in (20, 21, 22)
    ]
    qtbot.waitUntil(lambda: stored() == before, timeout=5000)


def test_one_copied_cell_fills_every_selected_cell(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    QApplication.clipboard().setText("Oak & Ember\r\n")
    _select(view, 30, 33, "brand")
    view.paste_action.trigger()
    qtbot.waitUntil(
        lambda: all(
            _stored(window, EXPECTED[r]["sku"], "brand") == "Oak & Ember" for r in range(30, 34)
        ),
        timeout=5000,
    )
    assert _stored(window, EXPECTED[34]["sku"], "brand") == EXPECTED[34]["brand"]


def test_a_bad_cell_stops_the_whole_paste_and_is_named(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    QApplication.clipboard().setText("10\t3\nabc\t4\n")
    _select(view, 40, 40, "price")
    view.paste_action.trigger()
    box = view.last_dialog
    assert isinstance(box, QMessageBox)
    assert "1 cell cannot be stored" in box.text()
    assert f"Price of {EXPECTED[41]['sku']}: “abc” is not a price" in box.informativeText()
    qtbot.wait(100)
    assert _stored(window, EXPECTED[40]["sku"], "price") == EXPECTED[40]["price"]
    assert window.ctx.catalog.undo_label() == "Import shop.csv"


def test_copy_gives_excel_compatible_tsv(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view, model = window.table, window.model
    window.ctx.catalog.update_field(EXPECTED[1]["sku"], "title", 'Mug "Big"\tblue')
    window.refresh()
    wait_settled(qtbot, window)
    _select(view, 0, 1, "sku", "title", "price", "stock")
    view.copy_action.trigger()
    text = QApplication.clipboard().text()
    first, second = EXPECTED[0], EXPECTED[1]
    assert text == (
        f"{first['sku']}\t{first['title']}\t{first['price']:.2f}\t{first['stock']}\n"
        f'{second["sku"]}\t"Mug ""Big""\tblue"\t{second["price"]:.2f}\t{second["stock"]}\n'
    )
    assert window.statusBar().currentMessage() == "Copied 8 cells"
    # a single cell has no line end, so it pastes cleanly into a text field
    _select(view, 0, 0, "price")
    view.copy_action.trigger()
    assert QApplication.clipboard().text() == f"{first['price']:.2f}"
    assert model.index(0, COLUMN_INDEX["category"]).data(COPY_ROLE) == first["category_path"]


def test_copy_then_paste_round_trips_inside_the_table(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    _select(view, 0, 1, "price", "sale_price", "stock", "category")
    view.copy_action.trigger()
    _select(view, 50, 50, "price")
    view.paste_action.trigger()
    for source, target in ((0, 50), (1, 51)):
        for field in ("price", "sale_price", "stock", "category_id", "category_path"):
            qtbot.waitUntil(
                lambda s=source, t=target, f=field: (
                    _stored(window, EXPECTED[t]["sku"], f) == EXPECTED[s][f]
                ),
                timeout=5000,
            )


def test_fill_down_copies_the_top_cell_as_one_batch(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = _wired(open_window(catalog_file))
    view = window.table
    _select(view, 60, 64, "price", "status")
    assert view.fill_down_action.shortcut() == QKeySequence("Ctrl+D")
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    top = EXPECTED[60]
    qtbot.waitUntil(
        lambda: all(
            _stored(window, EXPECTED[r]["sku"], "price") == top["price"]
            and _stored(window, EXPECTED[r]["sku"], "status") == top["status"]
            for r in range(61, 65)
        ),
        timeout=5000,
    )
    qtbot.waitUntil(lambda: window.commands.undo.text() == "&Undo “Fill down 8 cells”")
    assert _stored(window, EXPECTED[65]["sku"], "price") == EXPECTED[65]["price"]


def test_delete_clears_cells_but_keeps_skus(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = _wired(open_window(catalog_file))
    view = window.table
    _select(view, 70, 72, "sku", "brand", "stock")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: all(
            _stored(window, EXPECTED[r]["sku"], "brand") is None
            and _stored(window, EXPECTED[r]["sku"], "stock") is None
            for r in range(70, 73)
        ),
        timeout=5000,
    )
    assert window.statusBar().currentMessage() == (
        "Cleared 6 cells; SKUs were kept (every product needs one)"
    )
    qtbot.waitUntil(lambda: window.commands.undo.text() == "&Undo “Clear 6 cells”")
    assert cell(window.model, 70, "brand") == ""

    _select(view, 73, 73, "sku")
    view.clear_action.trigger()
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.text() == "A SKU cannot be cleared"
    assert window.ctx.catalog.get(EXPECTED[73]["sku"]).values["sku"] == EXPECTED[73]["sku"]


def test_actions_carry_standard_shortcuts_for_the_edit_menu(
    open_window: OpenWindow, catalog_file: Path
) -> None:
    view = open_window(catalog_file).table
    assert view.copy_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    assert view.paste_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Paste)
    assert QKeySequence(Qt.Key.Key_Delete) in view.clear_action.shortcuts()
    assert QKeySequence(Qt.Key.Key_Backspace) in view.clear_action.shortcuts()
    for action in (
        view.copy_action,
        view.paste_action,
        view.fill_down_action,
        view.clear_action,
        view.bulk_edit_action,
    ):
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        assert action in view.actions()


# ------------------------------------------------------------------- problems


def test_problems_badge_lists_what_is_missing(
    qtbot: QtBot, tmp_path: Path, paths: AppPaths, open_window: OpenWindow
) -> None:
    path = tmp_path / "problems.sqlite3"
    ctx = build_context(str(path), paths, auto_backup=False)
    products = realistic_products(5)
    products[2] = {**products[2], "price": None, "brand": None}
    ctx.catalog.create_many(products)
    ctx.close()
    window = open_window(path)
    model = window.model
    problems = model.index(2, COLUMN_INDEX["problems"])
    tooltip = problems.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines() == ["No price", "No photos", "No brand"]
    assert problems.data(Qt.ItemDataRole.DisplayRole) == "3"
    assert problems.data(PROBLEMS_ROLE)[0] == ("No price", "error")
    accessible = problems.data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == "3 problems: No price, No photos, No brand"
    ready = model.index(0, COLUMN_INDEX["problems"])
    assert ready.data(Qt.ItemDataRole.ToolTipRole) == "No photos"  # a warning only
    assert [s for _, s in ready.data(PROBLEMS_ROLE)] == ["warning"]

    # fixing the price updates the badge once saved
    model.setData(model.index(2, COLUMN_INDEX["price"]), "9.99", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: not model.saving, timeout=5000)
    qtbot.waitUntil(
        lambda: (
            model.index(2, COLUMN_INDEX["problems"]).data(Qt.ItemDataRole.ToolTipRole)
            == "No photos\nNo brand"
        )
    )


def test_problems_column_is_not_sortable(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    header = window.table.horizontalHeader()
    window.table.sortByColumn(COLUMN_INDEX["price"], Qt.SortOrder.AscendingOrder)
    wait_settled(qtbot, window)
    header.setSortIndicator(COLUMN_INDEX["problems"], Qt.SortOrder.AscendingOrder)
    wait_settled(qtbot, window)
    assert header.sortIndicatorSection() == COLUMN_INDEX["price"]
    assert window.model.query.sort == "price"


# ------------------------------------------------------- selection and drops


def test_selection_helpers_and_current_product_signal(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view, model = window.table, window.model
    seen: list[object] = []
    view.current_product_changed.connect(seen.append)
    view.setCurrentIndex(model.index(12, COLUMN_INDEX["title"]))
    assert view.current_product_id() == model.product_id(12)
    assert seen == [model.product_id(12)]
    view.setCurrentIndex(model.index(12, COLUMN_INDEX["price"]))
    assert seen == [model.product_id(12)]  # same product: no new signal
    _select(view, 3, 5, "title", "brand")
    assert view.selected_product_ids() == [model.product_id(r) for r in range(3, 6)]
    assert seen[-1] == model.product_id(3)


def test_sorted_edit_keeps_the_edited_product_current(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view, model = window.table, window.model
    view.sortByColumn(COLUMN_INDEX["price"], Qt.SortOrder.AscendingOrder)
    wait_settled(qtbot, window)
    product = model.product_id(0)
    view.setCurrentIndex(model.index(0, COLUMN_INDEX["price"]))
    model.setData(model.index(0, COLUMN_INDEX["price"]), "999.99", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: model.product_id(0) != product, timeout=5000)
    wait_settled(qtbot, window)
    assert view.current_product_id() == product
    assert model.row_of(product) == 299


def test_dropping_photos_on_a_row_emits_images_dropped(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    view = window.table
    photo = tmp_path / "mug.png"
    Image.new("RGB", (40, 30), (200, 80, 40)).save(photo)
    notes = tmp_path / "supplier.csv"
    notes.write_text("sku,title\n")
    row = 3
    point = QPoint(40, view.rowViewportPosition(row) + view.rowHeight(row) // 2)

    def drop(files: list[Path]) -> QDropEvent:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
        event = QDropEvent(
            point.toPointF(),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        view.dropEvent(event)
        return event

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    with warnings.catch_warnings():  # PySide marks the only constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        move = QDragMoveEvent(
            point,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    view.dragMoveEvent(move)
    assert move.isAccepted()
    view.grab()  # paints the drop target
    view.dragLeaveEvent(QDragLeaveEvent())

    with qtbot.waitSignal(view.images_dropped) as blocker:
        event = drop([photo, notes])
    assert event.isAccepted()
    assert blocker.args == [window.model.product_id(row), [photo]]

    dropped: list[object] = []
    view.images_dropped.connect(lambda *args: dropped.append(args))
    event = drop([notes])
    assert not event.isAccepted()  # left for the window (import)
    assert not dropped


def test_rarely_edited_columns_start_hidden(open_window: OpenWindow, catalog_file: Path) -> None:
    view = open_window(catalog_file).table
    hidden = {c.key for i, c in enumerate(COLUMNS) if view.isColumnHidden(i)}
    assert hidden == {"mpn", "cost", "condition", "description", "parent_sku"}
    view.setColumnHidden(COLUMN_INDEX["description"], False)
    assert view.columnWidth(COLUMN_INDEX["description"]) > 100  # sized while hidden
    view.apply_default_widths()  # Reset Columns
    assert view.isColumnHidden(COLUMN_INDEX["description"])


def test_the_gtin_cell_accepts_what_the_catalog_accepts() -> None:
    from sellerdesk.core.gtin import normalize_gtin
    from sellerdesk.gui.editors import gtin_problem

    for typed in ("4006381333931", "4006-3813 33931", "4006\u20103813\u201333931", "9638.5074"):
        assert gtin_problem(typed) is None
        assert normalize_gtin(typed).isdigit()
    assert gtin_problem("4006381333932") == "Wrong check digit: the last digit should be 1"
