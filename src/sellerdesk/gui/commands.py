"""The main window's commands as QActions, and the menus and toolbar that show them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Protocol

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QWidget

from sellerdesk.gui.icons import load_icon
from sellerdesk.gui.theme import Theme

Key = QKeySequence.StandardKey


class CommandHost(Protocol):
    """What the commands call: the main window's slots."""

    def new_catalog(self) -> None: ...
    def open_catalog_dialog(self) -> None: ...
    def open_demo_catalog(self) -> None: ...
    def back_up_now(self) -> None: ...
    def close(self) -> bool: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def focus_search(self) -> None: ...
    def refresh(self) -> None: ...
    def show_about(self) -> None: ...
    def open_log_folder(self) -> None: ...
    def import_dialog(self) -> None: ...
    def show_settings(self) -> None: ...
    def save_view(self) -> None: ...
    def clear_filters(self) -> None: ...
    def new_product(self) -> None: ...
    def delete_products(self) -> None: ...
    def show_channels(self) -> None: ...
    def export_feed(self) -> None: ...


@dataclass
class Commands:
    new: QAction
    open: QAction
    demo: QAction
    backup: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    refresh: QAction
    about: QAction
    logs: QAction
    import_file: QAction
    settings: QAction
    save_view: QAction
    clear_filters: QAction
    new_product: QAction
    delete_products: QAction
    channels: QAction
    export_feed: QAction

    def actions(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


#: icon file (icons/<name>.svg) of each command
ICONS = {
    "new": "new",
    "open": "open",
    "demo": "demo",
    "backup": "backup",
    "quit": "quit",
    "undo": "undo",
    "redo": "redo",
    "find": "search",
    "refresh": "refresh",
    "about": "info",
    "logs": "logs",
    "import_file": "import",
}


def _action(
    parent: QWidget,
    text: str,
    slot: Callable[[], object],
    keys: list[QKeySequence] | None = None,
    tip: str | None = None,
    short: str | None = None,
) -> QAction:
    action = QAction(text, parent)
    if keys:
        action.setShortcuts(keys)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    if short:
        action.setIconText(short)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _keys(standard: QKeySequence.StandardKey, fallback: str | None = None) -> list[QKeySequence]:
    found = QKeySequence.keyBindings(standard)
    return found or ([QKeySequence(fallback)] if fallback else [])


def create_commands(parent: QWidget, host: CommandHost) -> Commands:
    commands = Commands(
        new=_action(
            parent,
            "&New Catalog…",
            host.new_catalog,
            _keys(Key.New, "Ctrl+N"),
            "Create a new, empty catalog file",
            "New",
        ),
        open=_action(
            parent,
            "&Open Catalog…",
            host.open_catalog_dialog,
            _keys(Key.Open, "Ctrl+O"),
            "Open a catalog file",
            "Open",
        ),
        demo=_action(
            parent,
            "Open &Demo Catalog",
            host.open_demo_catalog,
            None,
            "Open a sample catalog with 300 products to try things out",
        ),
        backup=_action(
            parent,
            "&Back Up Now",
            host.back_up_now,
            [QKeySequence("Ctrl+Shift+B")],
            "Save a copy of this catalog in the backups folder",
            "Back up",
        ),
        # Windows has no standard Quit key; sellers expect Ctrl+Q everywhere.
        quit=_action(parent, "&Quit", host.close, _keys(Key.Quit, "Ctrl+Q")),
        undo=_action(parent, "&Undo", host.undo, _keys(Key.Undo, "Ctrl+Z"), None, "Undo"),
        redo=_action(
            parent,
            "&Redo",
            host.redo,
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
            None,
            "Redo",
        ),
        find=_action(parent, "&Find…", host.focus_search, _keys(Key.Find, "Ctrl+F")),
        refresh=_action(
            parent,
            "&Refresh",
            host.refresh,
            _keys(Key.Refresh, "F5"),
            "Reload the products from the catalog file",
            "Refresh",
        ),
        about=_action(parent, "&About SellerDesk", host.show_about),
        logs=_action(
            parent, "Open &Log Folder", host.open_log_folder, None, "Show SellerDesk's log files"
        ),
        import_file=_action(
            parent,
            "&Import Products…",
            host.import_dialog,
            [QKeySequence("Ctrl+I")],
            "Import a product file (CSV, Excel, ODS) or a sales report — or drop it on the window",
            "Import",
        ),
        settings=_action(
            parent,
            "&Settings…",
            host.show_settings,
            _keys(Key.Preferences, "Ctrl+,"),
            "Currency, backups, catalog location, appearance and saved passwords",
        ),
        save_view=_action(
            parent,
            "&Save View…",
            host.save_view,
            [QKeySequence("Ctrl+Shift+S")],
            "Remember the columns, search, filters and sort under a name",
        ),
        clear_filters=_action(
            parent,
            "C&lear Filters",
            host.clear_filters,
            [QKeySequence("Ctrl+Shift+L")],
            "Show all products again",
        ),
        new_product=_action(
            parent,
            "New &Product…",
            host.new_product,
            [QKeySequence("Ctrl+Shift+N")],
            "Add a product by hand",
            "New product",
        ),
        delete_products=_action(
            parent,
            "&Delete Products…",
            host.delete_products,
            [QKeySequence("Ctrl+Delete")],
            "Delete the selected products and their variants (undoable)",
        ),
        channels=_action(
            parent,
            "Sales &Channels…",
            host.show_channels,
            [QKeySequence("Ctrl+Shift+K")],
            "Choose the channels you sell on and their settings",
        ),
        export_feed=_action(
            parent,
            "&Export Feed…",
            host.export_feed,
            [QKeySequence("Ctrl+Alt+E")],
            "Write a channel's feed file (Google, Shopify, Amazon…)",
        ),
    )
    commands.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
    commands.quit.setMenuRole(QAction.MenuRole.QuitRole)
    commands.about.setMenuRole(QAction.MenuRole.AboutRole)
    commands.undo.setEnabled(False)
    commands.redo.setEnabled(False)
    return commands


@dataclass
class Menus:
    file: QMenu
    recent: QMenu
    edit: QMenu
    view: QMenu
    help: QMenu
    views: QMenu
    columns: QMenu


def build_menus(window: QMainWindow, commands: Commands) -> Menus:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(commands.new)
    file_menu.addAction(commands.open)
    recent = file_menu.addMenu("Open &Recent")
    file_menu.addAction(commands.demo)
    file_menu.addSeparator()
    file_menu.addAction(commands.import_file)
    file_menu.addAction(commands.export_feed)
    file_menu.addAction(commands.channels)
    file_menu.addSeparator()
    file_menu.addAction(commands.backup)
    file_menu.addAction(commands.settings)
    file_menu.addSeparator()
    file_menu.addAction(commands.quit)

    edit = bar.addMenu("&Edit")
    edit.addAction(commands.undo)
    edit.addAction(commands.redo)
    edit.addSeparator()
    edit.addAction(commands.new_product)
    edit.addAction(commands.delete_products)
    edit.addSeparator()
    edit.addAction(commands.find)

    view = bar.addMenu("&View")
    views = view.addMenu("Saved &Views")
    view.addAction(commands.save_view)
    columns = view.addMenu("&Columns")
    view.addAction(commands.clear_filters)
    view.addSeparator()
    view.addAction(commands.refresh)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(commands.logs)
    help_menu.addSeparator()
    help_menu.addAction(commands.about)
    return Menus(file_menu, recent, edit, view, help_menu, views, columns)


def build_toolbar(window: QMainWindow, commands: Commands, search: QWidget) -> QToolBar:
    """Icon-and-label buttons on the left, the search box on the right."""
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("MainToolBar")
    toolbar.setMovable(False)
    toolbar.setFloatable(False)
    toolbar.setIconSize(QSize(18, 18))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
    toolbar.addAction(commands.new)
    toolbar.addAction(commands.open)
    toolbar.addAction(commands.import_file)
    toolbar.addSeparator()
    toolbar.addAction(commands.undo)
    toolbar.addAction(commands.redo)
    toolbar.addSeparator()
    toolbar.addAction(commands.refresh)
    toolbar.addAction(commands.backup)
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    search.setParent(toolbar)
    toolbar.addWidget(search)
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if button is not None and action.iconText() and button is not search:
            button.setAccessibleName(action.iconText())
    window.addToolBar(toolbar)
    return toolbar


def apply_icons(commands: Commands, theme: Theme) -> None:
    for name, icon in ICONS.items():
        getattr(commands, name).setIcon(load_icon(icon, theme.text))


def set_undo_labels(commands: Commands, undo: str | None, redo: str | None) -> None:
    """``Undo “Edit Title of MUG-1”`` in menus; short labels on the toolbar."""
    commands.undo.setText(f"&Undo “{undo}”" if undo else "&Undo")
    commands.redo.setText(f"&Redo “{redo}”" if redo else "&Redo")
    commands.undo.setIconText("Undo")
    commands.redo.setIconText("Redo")
    commands.undo.setToolTip(f"Undo “{undo}” (Ctrl+Z)" if undo else "Nothing to undo")
    commands.redo.setToolTip(f"Redo “{redo}” (Ctrl+Shift+Z)" if redo else "Nothing to redo")
    commands.undo.setEnabled(undo is not None)
    commands.redo.setEnabled(redo is not None)
