"""pytest-qt fixtures for the GUI tests: offscreen Qt, private user folders, temp catalogs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

# Before anything creates the QApplication or reads the OS user folders.
_PRIVATE = Path(tempfile.mkdtemp(prefix="sellerdesk-gui-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["SELLERDESK_HOME"] = str(_PRIVATE / "home")
os.environ["XDG_CONFIG_HOME"] = str(_PRIVATE / "xdg-config")
os.environ.pop("SELLERDESK_DB", None)

import pytest  # noqa: E402
from gui_helpers import realistic_products, wait_settled  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from sellerdesk.app import AppContext, build_context  # noqa: E402
from sellerdesk.config.paths import AppPaths  # noqa: E402
from sellerdesk.gui.main_window import MainWindow  # noqa: E402
from sellerdesk.gui.theme import LIGHT  # noqa: E402

for _format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
    QSettings.setPath(_format, QSettings.Scope.UserScope, str(_PRIVATE / "qsettings"))

PRODUCTS = 300


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def catalog_file(tmp_path: Path, paths: AppPaths) -> Path:
    """A catalog file with ``PRODUCTS`` realistic products (closed again)."""
    path = tmp_path / "shop.sqlite3"
    ctx = build_context(str(path), paths, auto_backup=False)
    try:
        ctx.catalog.create_many(realistic_products(PRODUCTS), name="Import shop.csv")
    finally:
        ctx.close()
    return path


@pytest.fixture
def empty_catalog_file(tmp_path: Path) -> Path:
    return tmp_path / "empty.sqlite3"


@pytest.fixture
def open_window(
    qtbot: QtBot, paths: AppPaths, settings: QSettings
) -> Iterator[Callable[[Path], MainWindow]]:
    """Opens the main window on a catalog file, shown offscreen, first screen loaded."""
    windows: list[MainWindow] = []

    def factory(target: str | None) -> AppContext:
        return build_context(target, paths, auto_backup=False)

    def open_(path: Path) -> MainWindow:
        window = MainWindow(
            factory(str(path)), theme=LIGHT, settings=settings, factory=factory, persist=False
        )
        windows.append(window)
        qtbot.addWidget(window)
        window.resize(1200, 700)
        window.show()
        wait_settled(qtbot, window)
        return window

    yield open_
    for window in windows:
        window.close()
