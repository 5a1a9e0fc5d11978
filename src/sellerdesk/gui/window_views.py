"""The main window's saved views, filters and column layout."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QInputDialog

from sellerdesk.gui.filter_bar import Filters
from sellerdesk.gui.saved_views import SavedView

if TYPE_CHECKING:
    from sellerdesk.gui.main_window import MainWindow


def save_view(window: MainWindow) -> None:
    name, ok = QInputDialog.getText(
        window,
        "Save View",
        "Name this view (columns, search, filters and sort are remembered):",
        text=window._current_view or "",
    )
    name = " ".join(name.split())
    if not ok or not name:
        return
    query = window.model.query
    view = SavedView(
        name=name,
        search=query.text,
        filters=Filters.of(query),
        sort=query.sort,
        descending=query.descending,
        header_state=bytes(window.table.horizontalHeader().saveState().data()),
    )
    window.views.save(view)
    window._current_view = name
    window.statusBar().showMessage(f"View “{name}” saved", 4000)


def apply_view(window: MainWindow, name: str) -> bool:
    view = window.views.load(name)
    if view is None:
        window.statusBar().showMessage(f"The view “{name}” could not be read", 4000)
        return False
    header = window.table.horizontalHeader()
    if view.header_state:
        header.restoreState(QByteArray(view.header_state))
    window.search.set_text_silently(view.search)
    window.filter_bar.set_filters(view.filters, notify=False)
    query = view.filters.apply(window.model.query)
    window.model.set_query(
        replace(query, text=view.search, sort=view.sort, descending=view.descending)
    )
    window._current_view = name
    window.statusBar().showMessage(f"Showing view “{name}”", 4000)
    return True


def fill_views_menu(window: MainWindow) -> None:
    menu = window.menus.views
    menu.clear()
    names = window.views.names()
    for name in names:
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(name == window._current_view)
        action.triggered.connect(lambda _checked=False, n=name: window.apply_view(n))
    if not names:
        menu.addAction("No saved views yet").setEnabled(False)
    menu.addSeparator()
    menu.addAction(window.commands.save_view)
    if names:
        delete = menu.addMenu("Delete View")
        for name in names:
            item = delete.addAction(name)
            item.triggered.connect(lambda _checked=False, n=name: window._delete_view(n))


def delete_view(window: MainWindow, name: str) -> None:
    window.views.delete(name)
    if window._current_view == name:
        window._current_view = None


def reset_columns(window: MainWindow) -> None:
    header = window.table.horizontalHeader()
    for section in range(header.count()):
        header.setSectionHidden(section, False)
        header.moveSection(header.visualIndex(section), section)
    window.table.apply_default_widths()
    window.table.fit_title_column()
