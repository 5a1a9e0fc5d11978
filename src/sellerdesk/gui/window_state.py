"""Remembering window geometry and table header layout between sessions (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow

from sellerdesk.gui.columns import COLUMNS

ORGANIZATION = APPLICATION = "SellerDesk"
#: Changes whenever the column set changes, so an old header layout is not forced on new columns.
HEADER_KEY = "table/header/" + "-".join(c.key for c in COLUMNS)


def default_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def save_window(settings: QSettings, window: QMainWindow, header: QHeaderView) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue(HEADER_KEY, header.saveState())
    settings.sync()


def restore_window(settings: QSettings, window: QMainWindow) -> bool:
    geometry = _bytes(settings.value("window/geometry"))
    state = _bytes(settings.value("window/state"))
    if state is not None:
        window.restoreState(state)
    # Geometry after state: a dock the seller closed must not widen the remembered size.
    return geometry is not None and window.restoreGeometry(geometry)


def load_header_state(settings: QSettings) -> QByteArray | None:
    """The saved column layout (order, widths, sort column), if any."""
    return _bytes(settings.value(HEADER_KEY))
