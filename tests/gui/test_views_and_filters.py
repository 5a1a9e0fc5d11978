"""Filter chips, the column chooser and saved views on a real catalog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import column_values, wait_settled
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from sellerdesk.gui.column_chooser import fill_column_menu
from sellerdesk.gui.columns import COLUMN_INDEX
from sellerdesk.gui.filter_bar import Filters
from sellerdesk.gui.main_window import MainWindow

Opener = Callable[[Path], MainWindow]


def _a_brand(window: MainWindow) -> str:
    return window.ctx.catalog.facet("brand")[0][0]


def test_brand_chip_filters_the_table_and_removing_it_shows_all(
    qtbot: QtBot, open_window: Opener, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    total = window.model.rowCount()
    brand = _a_brand(window)
    window.filter_bar.set_filters(Filters(brand=brand))
    wait_settled(qtbot, window)
    expected = window.ctx.catalog.facet("brand")[0][1]
    assert window.model.rowCount() == expected < total
    assert set(column_values(window.model, "brand")) == {brand}
    chips = window.filter_bar.chip_buttons()
    assert [c.text() for c in chips] == [f"Brand: {brand}  ✕"]
    assert window.filter_bar.isVisibleTo(window)
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    wait_settled(qtbot, window)
    assert window.model.rowCount() == total
    assert not window.filter_bar.isVisibleTo(window)


def test_problem_and_stock_filters_match_the_service(
    qtbot: QtBot, open_window: Opener, catalog_file: Path
) -> None:
    window = open_window(catalog_file)
    window.filter_bar.set_filters(Filters(problem="images.missing", max_stock=5))
    wait_settled(qtbot, window)
    expected = window.ctx.catalog.count(window.model.query)
    assert window.model.query.problem == "images.missing"
    assert window.model.rowCount() == expected
    assert all(int(s or 0) <= 5 for s in column_values(window.model, "stock"))
    window.filter_bar.menu.aboutToShow.emit()
    titles = [a.text() for a in window.filter_bar.menu.actions()]
    assert titles == ["Brand", "Category", "Stock", "Problems", "Missing"]


def test_column_chooser_hides_and_shows_columns(open_window: Opener, catalog_file: Path) -> None:
    window = open_window(catalog_file)
    header = window.table.horizontalHeader()
    menu = QMenu(window)
    fill_column_menu(menu, header, window.reset_columns)
    brand = next(a for a in menu.actions() if a.text() == "Brand")
    brand.trigger()
    assert header.isSectionHidden(COLUMN_INDEX["brand"])
    sku = next(a for a in menu.actions() if a.text() == "SKU")
    assert not sku.isEnabled()
    window.reset_columns()
    assert not header.isSectionHidden(COLUMN_INDEX["brand"])


def test_saved_view_restores_columns_search_filters_and_sort(
    qtbot: QtBot, open_window: Opener, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(catalog_file)
    header = window.table.horizontalHeader()
    brand = _a_brand(window)
    window.filter_bar.set_filters(Filters(brand=brand))
    window.search.setText("a")
    window.search.flush()
    window.table.sortByColumn(COLUMN_INDEX["price"], Qt.SortOrder.DescendingOrder)
    header.setSectionHidden(COLUMN_INDEX["gtin"], True)
    wait_settled(qtbot, window)
    expected = column_values(window.model, "sku")
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Acme, priciest", True))
    window.save_view()
    assert window.views.names() == ["Acme, priciest"]

    window.filter_bar.clear()
    window.search.setText("")
    window.search.flush()
    window.table.sortByColumn(COLUMN_INDEX["sku"], Qt.SortOrder.AscendingOrder)
    window.reset_columns()
    wait_settled(qtbot, window)
    assert column_values(window.model, "sku") != expected

    assert window.apply_view("Acme, priciest")
    wait_settled(qtbot, window)
    assert window.model.query.brand == brand and window.model.query.text == "a"
    assert window.model.query.sort == "price" and window.model.query.descending
    assert header.isSectionHidden(COLUMN_INDEX["gtin"])
    assert window.search.text() == "a"
    assert window.filter_bar.filters == Filters(brand=brand)
    assert column_values(window.model, "sku") == expected
