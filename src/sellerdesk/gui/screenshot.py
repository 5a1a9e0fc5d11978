"""Rendering the main window to a PNG once its first screen of products is painted."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize

from sellerdesk.gui.main_window import MainWindow

SCREENSHOT_SIZE = QSize(1400, 860)


def window_settled(window: MainWindow) -> bool:
    """Products (or the empty state) are on screen and no demo catalog is being filled."""
    if window.filling_demo or not window.model.loaded or window.model.loading:
        return False
    if window.showing_empty_state:
        return True
    return window.table.visible_rows_loaded()


def wait_until_settled(window: MainWindow, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if window_settled(window):
            return True
        time.sleep(0.01)
    return False


def capture(window: MainWindow, target: Path, size: QSize = SCREENSHOT_SIZE) -> bool:
    """Show ``window`` at ``size``, wait for its rows, save a PNG; False on timeout or error."""
    window.resize(size)
    window.show()
    settled = wait_until_settled(window)
    window.table.fit_title_column()
    window.statusBar().clearMessage()  # show the counts, not a passing message
    for _ in range(5):  # let layouts, the repaint and the status bar catch up
        QCoreApplication.processEvents()
        time.sleep(0.02)
    target.parent.mkdir(parents=True, exist_ok=True)
    saved = window.grab().save(str(target), "PNG")
    return settled and bool(saved)
