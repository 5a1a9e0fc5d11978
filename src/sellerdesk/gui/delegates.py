"""Cell painters for the catalog table (display only; typed editors arrive with editing)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from sellerdesk.gui.catalog_model import STATUS_ROLE
from sellerdesk.gui.theme import Theme


class StatusPillDelegate(QStyledItemDelegate):
    """Paints a product status as a small colored pill: Active, Draft, Archived."""

    def __init__(self, theme: Theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not text:
            return
        background, foreground = self._theme.status_colors(str(index.data(STATUS_ROLE) or ""))
        font = QFont(opt.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetricsF(font)
        height = min(metrics.height() + 4, opt.rect.height() - 4)
        width = metrics.horizontalAdvance(text) + 18
        pill = QRectF(opt.rect.left() + 8, opt.rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(foreground)
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
