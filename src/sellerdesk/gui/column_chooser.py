"""Choosing which table columns show: a checkable menu on the header and in the View menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QWidget

#: Columns that always stay visible (a row must be recognisable).
ALWAYS_SHOWN = frozenset({"SKU"})


def fill_column_menu(
    menu: QMenu, header: QHeaderView, reset: Callable[[], None] | None = None
) -> None:
    """(Re)fill ``menu`` with one checkable entry per column of ``header``'s model."""
    menu.clear()
    model = header.model()
    if model is None:
        return
    for section in range(header.count()):
        label = str(model.headerData(section, Qt.Orientation.Horizontal) or f"Column {section}")
        action = menu.addAction(label or "Problems")
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(section))
        if label in ALWAYS_SHOWN:
            action.setEnabled(False)
        action.toggled.connect(lambda shown, s=section: header.setSectionHidden(s, not shown))
    if reset is not None:
        menu.addSeparator()
        menu.addAction("Show All Columns", lambda: _show_all(header))
        menu.addAction("Reset Columns", reset)


def _show_all(header: QHeaderView) -> None:
    for section in range(header.count()):
        header.setSectionHidden(section, False)


def install_header_menu(
    header: QHeaderView, parent: QWidget, reset: Callable[[], None] | None = None
) -> None:
    """Right-click on the header offers the column chooser."""
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position: QPoint) -> None:
        menu = QMenu(parent)
        fill_column_menu(menu, header, reset)
        menu.exec(header.mapToGlobal(position))

    header.customContextMenuRequested.connect(show)
