"""The main window on real temp catalogs: rows, sorting, search, empty state, undo, catalogs."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from gui_helpers import cell, column_values, realistic_products, wait_settled
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sellerdesk.app import AppContext, build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.core.errors import CatalogOpenError
from sellerdesk.gui import main_window as main_window_module
from sellerdesk.gui.columns import COLUMN_INDEX, format_money
from sellerdesk.gui.main_window import DEFAULT_SIZE, MainWindow
from sellerdesk.gui.session import demo_catalog_path
from sellerdesk.gui.theme import LIGHT
from sellerdesk.services.queries import CatalogQuery

OpenWindow = Callable[[Path], MainWindow]
PRICE = COLUMN_INDEX["price"]


def test_window_lists_the_catalogs_products(open_window: OpenWindow, catalog_file: Path) -> None:
    window = open_window(catalog_file)
    model = window.model
    expected = realistic_products(300)
    assert model.rowCount() == 300
    assert model.total_count == 300
    # the catalog's own order (creation order) until the seller sorts
    assert column_values(model, "sku") == [p["sku"] for p in expected]
    assert cell(model, 0, "title") == expected[0]["title"]
    assert cell(model, 7, "brand") == expected[7]["brand"]
    assert cell(model, 7, "price") == format_money(expected[7]["price"], "USD")
    assert cell(model, 7, "price") == f"${expected[7]['price']}"
    leaf = expected[0]["category_path"].rsplit(" > ", 1)[-1]
    assert cell(model, 0, "category") == leaf
    category = model.index(0, COLUMN_INDEX["category"])
    assert category.data(Qt.ItemDataRole.ToolTipRole) == expected[0]["category_path"]
    assert window.status.count_label.text() == "300 products"
    assert window.status.path_label.full_text() == str(catalog_file)
    assert window.windowTitle() == f"{catalog_file.name} — SellerDesk"
    assert not window.showing_empty_state
    assert window.stack.currentWidget() is window.table


def test_numbers_are_right_aligned_and_stock_levels_stand_out(
    open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    model = window.model
    stock = COLUMN_INDEX["stock"]
    align = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(0, PRICE).data(align) & Qt.AlignmentFlag.AlignRight
    assert not model.index(0, COLUMN_INDEX["title"]).data(align) & Qt.AlignmentFlag.AlignRight
    expected = realistic_products(300)
    zero = next(i for i, p in enumerate(expected) if p["stock"] == 0)
    low = next(i for i, p in enumerate(expected) if 0 < p["stock"] <= 5)
    plenty = next(i for i, p in enumerate(expected) if p["stock"] > 5)
    foreground, background = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole
    assert model.index(zero, stock).data(foreground).name() == LIGHT.out_of_stock_fg
    assert model.index(low, stock).data(background).name() == LIGHT.low_stock_bg
    assert model.index(plenty, stock).data(background) is None
    assert model.index(plenty, stock).data(foreground) is None


def test_rows_are_fetched_lazily_for_what_is_painted(
    qtbot: QtBot, tmp_path: Path, paths: AppPaths, open_window: OpenWindow
) -> None:
    path = tmp_path / "big.sqlite3"
    ctx = build_context(str(path), paths, auto_backup=False)
    products = realistic_products(3000)
    ctx.catalog.create_many(products)
    ctx.close()
    window = open_window(path)
    model = window.model
    qtbot.waitUntil(window.table.visible_rows_loaded)
    assert model.rowCount() == 3000
    assert model.cached_rows() <= model.BLOCK  # only the first block was read
    window.table.scrollTo(model.index(2500, 0))
    qtbot.waitUntil(window.table.visible_rows_loaded)
    first = window.table.rowAt(0)
    assert first > 2000
    assert cell(model, first, "sku") == products[first]["sku"]
    assert model.cached_rows() <= 3 * model.BLOCK


def test_sorting_by_price_runs_in_sql(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(catalog_file)
    catalog = window.ctx.catalog
    asked: list[CatalogQuery] = []
    original = catalog.ids

    def spy(query: CatalogQuery = CatalogQuery(), limit: int | None = None) -> list[int]:
        asked.append(query)
        return original(query, limit)

    monkeypatch.setattr(catalog, "ids", spy)
    _click_header(qtbot, window, PRICE)
    wait_settled(qtbot, window)
    assert asked and asked[-1].sort == "price" and not asked[-1].descending
    prices = [p["price"] for p in realistic_products(300)]
    shown = [Decimal(text.lstrip("$")) for text in column_values(window.model, "price")]
    assert shown == sorted(prices)
    assert window.table.horizontalHeader().sortIndicatorSection() == PRICE

    _click_header(qtbot, window, PRICE)
    wait_settled(qtbot, window)
    assert asked[-1].sort == "price" and asked[-1].descending
    shown = [Decimal(text.lstrip("$")) for text in column_values(window.model, "price")]
    assert shown == sorted(prices, reverse=True)
    # ties keep a stable order (by id), so the same price never shuffles between reloads
    assert window.model.rowCount() == 300


def _click_header(qtbot: QtBot, window: MainWindow, section: int) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 8))


def test_search_filters_rows_through_full_text_search(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    qtbot.keyClicks(window.search, "LAMP-1018")
    qtbot.waitUntil(lambda: window.model.query.text == "LAMP-1018", timeout=2000)
    wait_settled(qtbot, window)
    assert column_values(window.model, "sku") == ["LAMP-1018"]
    assert window.status.filter_label.full_text() == "1 matching “LAMP-1018”"
    assert window.status.count_label.text() == "300 products"

    window.search.clear()
    qtbot.keyClicks(window.search, "mug")
    qtbot.waitUntil(lambda: window.model.query.text == "mug", timeout=2000)
    wait_settled(qtbot, window)
    expected = [p for p in realistic_products(300) if "mug" in _searchable(p)]
    assert 0 < window.model.rowCount() < 300
    assert sorted(column_values(window.model, "sku")) == sorted(p["sku"] for p in expected)

    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    wait_settled(qtbot, window)
    assert window.model.rowCount() == 300
    assert window.status.filter_label.full_text() == ""


def _searchable(product: dict[str, object]) -> str:
    """Words of the FTS columns, for the prefix search 'mug' (matches 'mug', 'mugs')."""
    import re

    text = " ".join(str(product.get(c) or "") for c in ("sku", "gtin", "title", "brand"))
    text += " " + str(product.get("description") or "")
    return " ".join(w for w in re.findall(r"\w+", text.lower()) if w.startswith("mug"))


def test_no_matches_message(qtbot: QtBot, open_window: OpenWindow, catalog_file: Path) -> None:
    window = open_window(catalog_file)
    window.search.setText("zzzzunknown")
    window.search.flush()
    wait_settled(qtbot, window)
    assert window.model.rowCount() == 0
    assert not window.showing_empty_state  # the catalog is not empty, the search is
    assert "No products match “zzzzunknown”" in window.table._empty_message


def test_empty_state_until_products_exist(
    qtbot: QtBot, open_window: OpenWindow, empty_catalog_file: Path
) -> None:
    window = open_window(empty_catalog_file)
    assert window.showing_empty_state
    assert window.stack.currentWidget() is window.empty_state
    assert window.empty_state.isVisible()
    assert window.empty_state.demo_button.isVisible()
    assert window.empty_state.demo_button.accessibleName() == "Open the demo catalog"
    assert window.status.count_label.text() == "0 products"

    summary = window.ctx.catalog.create_many(realistic_products(5))
    window.apply_changes(summary)
    qtbot.waitUntil(lambda: not window.showing_empty_state)
    wait_settled(qtbot, window)
    assert window.table.isVisible()
    assert column_values(window.model, "sku") == [p["sku"] for p in realistic_products(5)]
    assert window.status.count_label.text() == "5 products"


def test_dropping_a_product_file_on_the_empty_state_opens_the_import_wizard(
    open_window: OpenWindow, empty_catalog_file: Path, tmp_path: Path
) -> None:
    window = open_window(empty_catalog_file)
    dropped = tmp_path / "products.csv"
    dropped.write_text("sku,title\nA-1,Thing\n", encoding="utf-8")
    window.empty_state.files_dropped.emit([dropped])
    assert len(window.wizards) == 1 and window.wizards[0].isVisible()
    assert dropped.read_text(encoding="utf-8") == "sku,title\nA-1,Thing\n"
    window.wizards[0].reject()
    other = tmp_path / "manual.pdf"
    other.write_bytes(b"%PDF-1.4")
    window.empty_state.files_dropped.emit([other])
    box = window.last_message
    assert box is not None and box.isVisible()
    assert "“manual.pdf” can't be imported" in box.text()
    box.close()


def test_undo_and_redo_from_the_edit_menu(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    original = realistic_products(300)[4]
    summary = window.ctx.catalog.update_field(original["sku"], "title", "Hand-thrown mug, blue")
    window.apply_changes(summary)
    qtbot.waitUntil(lambda: cell(window.model, 4, "title") == "Hand-thrown mug, blue")

    edit_menu = window.menu_named("Edit")
    edit_menu.aboutToShow.emit()
    undo = window.commands.undo
    assert undo.isEnabled()
    assert undo.text() == f"&Undo “Edit Title of {original['sku']}”"
    assert undo in edit_menu.actions()
    assert undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    undo.trigger()
    qtbot.waitUntil(lambda: cell(window.model, 4, "title") == original["title"], timeout=5000)
    assert window.ctx.catalog.get(original["sku"]).values["title"] == original["title"]

    edit_menu.aboutToShow.emit()
    assert window.commands.redo.text() == f"&Redo “Edit Title of {original['sku']}”"
    assert QKeySequence("Ctrl+Shift+Z") in window.commands.redo.shortcuts()
    window.commands.redo.trigger()
    qtbot.waitUntil(lambda: cell(window.model, 4, "title") == "Hand-thrown mug, blue", timeout=5000)


def test_a_summary_refreshes_only_the_products_it_touched(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(catalog_file)
    qtbot.waitUntil(window.table.visible_rows_loaded)
    catalog = window.ctx.catalog
    fetched: list[list[int]] = []
    reloads: list[CatalogQuery] = []
    original_rows, original_ids = catalog.rows_and_problems, catalog.ids

    def rows_spy(ids: list[int], columns: object) -> object:
        fetched.append(list(ids))
        return original_rows(ids, columns)  # type: ignore[arg-type]

    def ids_spy(query: CatalogQuery = CatalogQuery(), limit: int | None = None) -> list[int]:
        reloads.append(query)
        return original_ids(query, limit)

    product = window.model.product_id(2)
    assert product is not None
    summary = catalog.update_field(product, "stock", 987)
    monkeypatch.setattr(catalog, "rows_and_problems", rows_spy)
    monkeypatch.setattr(catalog, "ids", ids_spy)
    window.apply_changes(summary)
    qtbot.waitUntil(lambda: cell(window.model, 2, "stock") == "987")
    assert fetched == [[product]]  # one row re-read, not the screen, not the catalog
    assert reloads == []  # stock is not the sort field: no id reload


def test_warnings_show_as_a_banner(
    qtbot: QtBot, paths: AppPaths, catalog_file: Path, settings: QSettings
) -> None:
    ctx = build_context(str(catalog_file), paths, auto_backup=False)
    ctx.warnings.append("The catalog is inside a cloud-synced folder (dropbox).")
    window = MainWindow(ctx, settings=settings, persist=False)
    qtbot.addWidget(window)
    window.show()
    banners = window.banners.banners()
    assert [b.text for b in banners] == ["The catalog is inside a cloud-synced folder (dropbox)."]
    assert banners[0].isVisible()
    wait_settled(qtbot, window)
    assert window.model.rowCount() == 300  # the banner does not block the catalog
    banners[0].close_button.click()
    qtbot.waitUntil(lambda: window.banners.banners() == [])
    window.close()


def test_switching_catalogs_closes_the_old_one(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path, empty_catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    old_ctx = window.ctx
    with qtbot.waitSignal(window.catalog_switched):
        assert window.switch_catalog(str(empty_catalog_file))
    wait_settled(qtbot, window)
    assert window.ctx is not old_ctx
    assert window.showing_empty_state
    assert window.windowTitle().startswith(empty_catalog_file.name)
    with pytest.raises(RuntimeError):
        old_ctx.runner.submit(lambda _ctx: None, title="after close")
    assert window.ctx.settings.recent_catalogs[0] == str(empty_catalog_file)


def test_a_damaged_catalog_is_explained_and_the_current_one_stays(
    qtbot: QtBot,
    open_window: OpenWindow,
    catalog_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(catalog_file)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    explained: list[CatalogOpenError] = []

    def fake_ask(parent: object, error: CatalogOpenError) -> bool:
        explained.append(error)
        return False

    monkeypatch.setattr(main_window_module, "ask_after_open_error", fake_ask)
    assert not window.switch_catalog(str(damaged))
    assert len(explained) == 1
    assert "damaged" in explained[0].message
    assert explained[0].hint  # says what to do
    assert window.ctx.db.path == catalog_file
    assert window.model.rowCount() == 300


def test_open_demo_catalog_creates_and_fills_it(
    qtbot: QtBot, open_window: OpenWindow, empty_catalog_file: Path, paths: AppPaths
) -> None:
    window = open_window(empty_catalog_file)
    window.demo_count = 12
    assert window.showing_empty_state
    with qtbot.waitSignal(window.demo_ready, timeout=30_000):
        window.empty_state.demo_button.click()
    wait_settled(qtbot, window)
    assert window.ctx.db.path == demo_catalog_path(paths)
    assert window.model.rowCount() == window.ctx.catalog.count() >= 12
    assert not window.showing_empty_state
    first = window.ctx.catalog.get(cell(window.model, 0, "sku"))
    assert first.images and Path(first.images[0]["uri"]).is_file()
    window.menus.edit.aboutToShow.emit()
    assert window.commands.undo.text() == "&Undo “Add demo catalog”"


def test_shortcuts_and_accessible_names(open_window: OpenWindow, catalog_file: Path) -> None:
    window = open_window(catalog_file)
    assert window.commands.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.commands.open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert QKeySequence("Ctrl+Q") in window.commands.quit.shortcuts()
    window.table.setFocus()
    window.commands.find.trigger()
    assert QApplication.focusWidget() is window.search
    assert window.table.accessibleName() == "Products"
    assert window.search.accessibleName() == "Search products"
    toolbar_names = {
        window.toolbar.widgetForAction(a).accessibleName()
        for a in window.toolbar.actions()
        if a.iconText() and window.toolbar.widgetForAction(a) is not None
    }
    assert {"Open", "New", "Undo", "Redo", "Refresh", "Back up"} <= toolbar_names


def test_back_up_now_writes_a_manual_backup(
    qtbot: QtBot, open_window: OpenWindow, catalog_file: Path, paths: AppPaths
) -> None:
    window = open_window(catalog_file)
    window.commands.backup.trigger()
    qtbot.waitUntil(lambda: any(paths.backup_dir.glob("*-manual.sqlite3")), timeout=10_000)
    qtbot.waitUntil(lambda: len(window.banners.banners()) == 1)
    backup = next(paths.backup_dir.glob("*-manual.sqlite3"))
    assert window.banners.banners()[0].text == f"Backup saved: {backup.name}"
    copy = build_context(str(backup), AppPaths.under(paths.data_dir / "x"), auto_backup=False)
    try:
        assert copy.catalog.count() == 300
    finally:
        copy.close()


def test_a_long_catalog_path_is_shortened_not_widening_the_window(
    open_window: OpenWindow, tmp_path: Path, catalog_file: Path
) -> None:
    deep = tmp_path.joinpath(*[f"a-rather-long-folder-name-{i}" for i in range(8)])
    deep.mkdir(parents=True)
    target = deep / catalog_file.name
    target.write_bytes(catalog_file.read_bytes())
    window = open_window(target)
    label = window.status.path_label
    assert label.full_text() == str(target) and str(target) in label.toolTip()

    def narrowest() -> int:  # as narrow as the window goes with this text in the status bar
        window.resize(300, 500)
        for _ in range(5):  # the layout settles over a few events
            QApplication.processEvents()
        return window.width()

    with_long_path = narrowest()
    assert label.fontMetrics().horizontalAdvance(str(target)) > with_long_path
    assert "…" in label.text() and label.text() != str(target)
    window.status.show_counts(300, 2, "x" * 400)
    assert narrowest() == with_long_path
    label.set_full_text("shop.sqlite3")
    window.status.show_counts(300, 300, "")
    assert narrowest() == with_long_path  # the texts never made the window wider
    assert label.text() == "shop.sqlite3"


def test_window_layout_is_remembered(
    qtbot: QtBot, paths: AppPaths, catalog_file: Path, settings: QSettings
) -> None:
    def make(ctx: AppContext) -> MainWindow:
        window = MainWindow(ctx, settings=settings, persist=True)
        qtbot.addWidget(window)
        window.show()
        wait_settled(qtbot, window)
        return window

    first = make(build_context(str(catalog_file), paths, auto_backup=False))
    first.editor.hide()  # a closed dock is remembered too, and the window may then be small

    def resized() -> bool:  # once the layout lets go of the dock's width (slower under load)
        first.resize(777, 555)  # the offscreen screen is 800 x 600
        return first.width() == 777

    qtbot.waitUntil(resized, timeout=5_000)
    header = first.table.horizontalHeader()
    header.resizeSection(COLUMN_INDEX["brand"], 233)
    header.moveSection(header.visualIndex(PRICE), 0)
    first.table.sortByColumn(PRICE, Qt.SortOrder.DescendingOrder)
    wait_settled(qtbot, first)
    closed_at = first.size()
    first.close()

    second = make(build_context(str(catalog_file), paths, auto_backup=False))
    assert not second.editor.isVisible()
    header = second.table.horizontalHeader()
    # the size it had when closed, not the default (the offscreen platform may add
    # its 2-pixel frame allowance on restore)
    assert closed_at.width() < DEFAULT_SIZE.width()
    assert second.size().width() == closed_at.width()
    assert abs(second.size().height() - closed_at.height()) <= 2
    assert header.sectionSize(COLUMN_INDEX["brand"]) == 233
    assert header.visualIndex(PRICE) == 0
    assert second.model.query.sort == "price" and second.model.query.descending
    prices = [Decimal(t.lstrip("$")) for t in column_values(second.model, "price")]
    assert prices == sorted(prices, reverse=True)
    second.close()
