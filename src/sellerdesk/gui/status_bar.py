"""The window's status bar: product count, search matches, task badge, catalog location."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from sellerdesk.gui.elided_label import ElidedLabel
from sellerdesk.gui.ops import TaskBridge
from sellerdesk.gui.task_badge import TaskBadge
from sellerdesk.gui.theme import Theme


class CatalogStatusBar(QStatusBar):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainStatusBar")
        self.setSizeGripEnabled(False)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("ProductCount")
        self.count_label.setAccessibleName("Product count")
        self.filter_label = ElidedLabel(Qt.TextElideMode.ElideRight, self)
        self.filter_label.setAccessibleName("Search result count")
        self.path_label = ElidedLabel(Qt.TextElideMode.ElideMiddle, self)
        self.path_label.setAccessibleName("Catalog file")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = TaskBadge(theme.color("accent"), self)
        self.addWidget(self.count_label)
        self.addWidget(self.filter_label)
        self.addPermanentWidget(self.badge)
        self.addPermanentWidget(self.path_label)

    def set_theme(self, theme: Theme) -> None:
        self.badge.set_color(theme.color("accent"))

    def show_catalog(self, location: str, bridge: TaskBridge) -> None:
        self.path_label.set_full_text(location)
        self.path_label.setToolTip(f"Catalog: {location}")
        self.badge.bind(bridge)
        self.count_label.setText("Loading…")
        self.filter_label.set_full_text("")

    def show_counts(self, total: int, shown: int, search: str, filtered: bool = False) -> None:
        """``12,345 products`` and, while searching or filtering, ``312 matching “mug”`` or
        ``312 shown by the filters``."""
        noun = "product" if total == 1 else "products"
        self.count_label.setText(f"{total:,} {noun}")
        if search:
            extra = " and the filters" if filtered else ""
            self.filter_label.set_full_text(f"{shown:,} matching “{search}”{extra}")
        elif filtered:
            self.filter_label.set_full_text(f"{shown:,} shown by the filters")
        else:
            self.filter_label.set_full_text("")
