"""The product editor's header (SKU, status pill, title, links to the parent and the variants)
and the editor dock's style sheet."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.theme import Theme
from sellerdesk.services.catalog import ProductDetail

MAX_VARIANT_LINKS = 8


class ProductHeader(QWidget):
    """SKU, status pill, title, and links to the parent product and the variants."""

    product_requested = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProductHeader")
        self._theme = theme
        self._status = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(8)
        self.sku = QLabel(self)
        self.sku.setObjectName("HeaderSku")
        self.sku.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sku.setAccessibleName("SKU")
        self.status = QLabel(self)
        self.status.setObjectName("StatusPill")
        self.status.setAccessibleName("Status")
        top.addWidget(self.sku)
        top.addWidget(self.status)
        top.addStretch(1)
        self.title = QLabel(self)
        self.title.setObjectName("HeaderTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setAccessibleName("Title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.relations = QLabel(self)
        self.relations.setObjectName("HeaderRelations")
        self.relations.setWordWrap(True)
        self.relations.setTextFormat(Qt.TextFormat.RichText)
        self.relations.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.relations.setAccessibleName("Parent product and variants")
        self.relations.linkActivated.connect(self._link)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.relations)

    def show_detail(self, detail: ProductDetail) -> None:
        values = detail.values
        self.sku.setText(str(values.get("sku") or ""))
        self._status = str(values.get("status") or "")
        self.status.setText(self._status.capitalize())
        self.status.setVisible(bool(self._status))
        self._paint_status()
        title = str(values.get("title") or "").strip()
        self.title.setText(html.escape(title) if title else "<i>Untitled product</i>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setToolTip(title)
        self.relations.setText(self._relations_html(values.get("parent_sku"), detail.variants))
        self.relations.setVisible(bool(self.relations.text()))

    def _relations_html(self, parent: Any, variants: list[str]) -> str:
        link = self._theme.accent

        def anchor(sku: str) -> str:
            safe = html.escape(sku)
            return f'<a href="{safe}" style="color: {link}; text-decoration: none">{safe}</a>'

        parts = []
        if parent:
            parts.append(f"Variant of {anchor(str(parent))}")
        if variants:
            shown = ", ".join(anchor(sku) for sku in variants[:MAX_VARIANT_LINKS])
            more = len(variants) - MAX_VARIANT_LINKS
            extra = f" and {more} more" if more > 0 else ""
            noun = "variant" if len(variants) == 1 else "variants"
            parts.append(f"{len(variants)} {noun}: {shown}{extra}")
        return "<br>".join(parts)

    def _link(self, sku: str) -> None:
        self.product_requested.emit(html.unescape(sku))

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._paint_status()

    def _paint_status(self) -> None:
        background, foreground = self._theme.status_colors(self._status)
        self.status.setStyleSheet(
            f"QLabel#StatusPill {{ background: {background.name()}; color: {foreground.name()};"
            " border-radius: 8px; padding: 1px 9px; font-weight: 600; }"
        )


def editor_stylesheet(theme: Theme) -> str:
    """The dock's style sheet, scoped to its own object names."""
    t = theme
    return f"""
QWidget#EditorPage, QWidget#EditorContent, QWidget#PlaceholderPage {{ background: {t.base}; }}
QScrollArea#EditorScroll {{ background: {t.base}; border: none; }}
QWidget#ProductHeader {{ background: {t.window}; border-bottom: 1px solid {t.border}; }}
QLabel#HeaderSku {{ color: {t.muted}; font-weight: 600; }}
QLabel#HeaderTitle {{ color: {t.text}; }}
QLabel#HeaderRelations {{ color: {t.muted}; }}
QLabel#EditorPlaceholder {{ color: {t.muted}; }}
QLabel#SectionTitle {{
    color: {t.muted}; font-weight: 600; padding: 6px 0 3px 0;
    border-bottom: 1px solid {t.border};
}}
QLabel#FieldLabel {{ color: {t.text}; }}
QLabel#UnitSuffix {{ color: {t.muted}; background: transparent; }}
QWidget#Alternatives {{ background: {t.alt_base}; border-radius: 6px; }}
QWidget#Alternatives QWidget {{ color: {t.muted}; }}
QPushButton#UseValueButton {{
    border: none; background: transparent; color: {t.accent}; font-weight: 600;
    padding: 2px 4px;
}}
QPushButton#UseValueButton:hover {{ color: {t.accent_hover}; text-decoration: underline; }}
QPushButton#UseValueButton:focus {{ border: 1px solid {t.accent}; border-radius: 4px; }}
QLabel#EmptyPhotos {{
    color: {t.muted}; border: 1px dashed {t.border}; border-radius: 8px; padding: 8px;
}}
QWidget#ImageStrip[dropping="true"] QLabel#EmptyPhotos,
QWidget#ImageStrip[dropping="true"] QListWidget#ImageList {{
    border: 2px dashed {t.accent}; background: {t.accent_soft};
}}
QListWidget#ImageList {{ background: {t.base}; border: none; }}
QListWidget#ImageList::item:selected {{
    background: {t.selection}; border-radius: 6px;
}}
QTreeWidget#ProductHistory {{ background: {t.base}; }}
QTreeWidget#ProductHistory::item {{ padding: 3px 0; }}
QLabel#PhotoCount {{ color: {t.muted}; padding-right: 4px; }}
"""
