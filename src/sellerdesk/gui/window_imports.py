"""The main window's imports: the file dialog, dropped files and the wizard."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from sellerdesk.gui.import_wizard import ImportWizard, importable_file
from sellerdesk.services.media import is_image_file

if TYPE_CHECKING:
    from sellerdesk.gui.main_window import MainWindow


def import_dialog(window: MainWindow) -> None:
    start = str(Path.home())
    chosen, _ = QFileDialog.getOpenFileName(
        window,
        "Import Products",
        start,
        "Product files (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods);;All files (*)",
    )
    if chosen:
        window.start_import(Path(chosen))


def start_import(window: MainWindow, path: Path) -> ImportWizard:
    """Open the import wizard on ``path``."""
    wizard = ImportWizard(window.ctx, window.bridge, window._theme, path, window)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.import_finished.connect(window._import_finished)
    wizard.import_undone.connect(window.apply_changes)
    wizard.destroyed.connect(lambda _obj=None: window._forget_wizard(wizard))
    window.wizards.append(wizard)
    wizard.open()
    return wizard


def forget_wizard(window: MainWindow, wizard: ImportWizard) -> None:
    if wizard in window.wizards:
        window.wizards.remove(wizard)


def import_finished(window: MainWindow, _report: object) -> None:
    window.refresh()
    window.filter_bar.refresh_choices()
    window.editor.reload()


def files_dropped(window: MainWindow, files: list[Path]) -> None:
    """Product files open the import wizard; photos dropped here (not on a row) explain
    where they go; anything else gets a short message."""
    importable = [f for f in files if importable_file(f)]
    if importable:
        window.start_import(importable[0])
        if len(importable) > 1:
            window.statusBar().showMessage(
                f"Importing {importable[0].name}; drop the other files one at a time", 8000
            )
        return
    if any(is_image_file(f) for f in files):
        text = "To add photos, drop them on a product's row or on the Product Editor."
    else:
        names = ", ".join(f"“{f.name}”" for f in files[:3])
        text = (
            f"{names} can't be imported. SellerDesk imports CSV, TSV, TXT, XLSX, XLS and ODS files."
        )
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Nothing to import")
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    window.last_message = box
