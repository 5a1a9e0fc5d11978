"""Non-blocking message strips above the table (catalog location warnings, backup notices)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.icons import load_icon
from sellerdesk.gui.theme import LIGHT, Theme


class Banner(QFrame):
    """One message with an icon, an optional action and a dismiss button."""

    def __init__(
        self,
        text: str,
        kind: str,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setProperty("kind", kind)
        self.kind = kind
        self.setAccessibleName("Warning" if kind == "warning" else "Notice")
        self.setAccessibleDescription(text)
        color = theme.warning_fg if kind == "warning" else theme.info_fg

        icon = QLabel(self)
        icon.setPixmap(load_icon("warning" if kind == "warning" else "info", color).pixmap(18, 18))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setIcon(load_icon("close", color))
        self.close_button.setIconSize(QSize(14, 14))
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss message")
        self.close_button.clicked.connect(self.dismiss)

        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(14, 8, 10, 8)
        self._layout.setSpacing(10)
        self._layout.addWidget(icon)
        self._layout.addWidget(self.label, 1)
        self._layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    @property
    def text(self) -> str:
        return self.label.text()

    def add_action(self, text: str, callback: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.clicked.connect(callback)
        self._layout.insertWidget(self._layout.count() - 1, button)
        return button

    def dismiss(self) -> None:
        self.hide()
        self.deleteLater()


class BannerArea(QWidget):
    """A vertical stack of banners; empty (and zero-height) most of the time."""

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def add(self, text: str, kind: str = "warning") -> Banner:
        banner = Banner(text, kind, self._theme, self)
        self._layout.addWidget(banner)
        return banner

    def banners(self) -> list[Banner]:
        return [b for b in self.findChildren(Banner) if not b.isHidden()]

    def clear(self, kind: str | None = None) -> None:
        for banner in self.banners():
            if kind is None or banner.kind == kind:
                banner.dismiss()
