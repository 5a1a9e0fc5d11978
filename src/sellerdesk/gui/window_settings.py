"""The main window's settings dialog and what saved settings change at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
)

from sellerdesk.config.location import catalog_location_warnings
from sellerdesk.config.settings import Settings
from sellerdesk.core.errors import CatalogOpenError
from sellerdesk.db.backups import make_backup
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.session import (
    CATALOG_FILTER,
    with_catalog_suffix,
)
from sellerdesk.gui.settings_dialog import SettingsDialog
from sellerdesk.gui.theme import apply_theme, choose_theme

if TYPE_CHECKING:
    from sellerdesk.gui.main_window import MainWindow


def show_settings(window: MainWindow) -> None:
    dialog = SettingsDialog.for_context(
        window.ctx, window._theme, secrets=window.ctx.secrets, bridge=window.bridge, parent=window
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.settings_changed.connect(window.settings_changed)
    dialog.action_requested.connect(
        lambda key, action: window._settings_action(dialog, key, action)
    )
    window.settings_dialog = dialog
    dialog.open()


def settings_changed(window: MainWindow, settings: Settings) -> None:
    """Apply saved settings at once: theme, table density, default currency."""
    window.ctx.catalog.default_currency = settings.default_currency
    window.ctx.importer.default_currency = settings.default_currency
    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme = choose_theme(settings.theme, app)
        if theme != window._theme:
            apply_theme(app, theme)
            window.set_theme(theme)
    window.table.set_density(settings.table_density)


def settings_action(window: MainWindow, dialog: SettingsDialog, key: str, action: str) -> None:
    if key != "catalog_location":
        return
    if action == "open":
        dialog.close()
        window.open_catalog_dialog()
    elif action == "move":
        moved = window.move_catalog()
        if moved is not None:
            dialog.set_extra("catalog_location", str(moved))


def move_catalog(window: MainWindow) -> Path | None:
    """Copy the catalog (consistently, with SQLite's backup API) to a new place, open the
    copy, then remove the old file."""
    current = window.ctx.db.path
    if current is None:
        return None
    chosen, _ = QFileDialog.getSaveFileName(window, "Move Catalog To", str(current), CATALOG_FILTER)
    if not chosen:
        return None
    target = with_catalog_suffix(Path(chosen))
    if target.resolve() == current.resolve():
        return None
    if target.exists():
        show_error(
            window,
            CatalogOpenError(
                f"“{target.name}” already exists there", "Choose another name or folder."
            ),
            title="Move catalog",
        )
        return None
    warnings = catalog_location_warnings(target)
    if (
        warnings
        and QMessageBox.question(
            window, "Move catalog", "\n\n".join(warnings) + "\n\nMove it there anyway?"
        )
        != QMessageBox.StandardButton.Yes
    ):
        return None
    try:
        make_backup(current, window.ctx.paths.backup_dir, reason="move", target=target)
    except Exception as error:
        show_error(window, error, title="Moving the catalog failed")
        return None
    if not window.switch_catalog(str(target)):
        return None
    for leftover in (current, *(current.with_name(current.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    window.statusBar().showMessage(f"Catalog moved to {target}", 8000)
    return target
