"""Cell editors and painters for the catalog table.

``CatalogDelegate`` gives each editable column its typed editor (money, stock, GTIN, category
picker, choices, text); ``StatusPillDelegate`` and ``ProblemBadgeDelegate`` add painting for the
status pill and the problems badge on top of it.
"""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FieldSpec, Kind
from sellerdesk.core.taxonomy import SharedTaxonomy
from sellerdesk.gui.category_picker import CategoryPicker
from sellerdesk.gui.columns import CATEGORY_EDITOR, COLUMNS
from sellerdesk.gui.editors import (
    CellEditor,
    ChoiceCombo,
    DecimalEdit,
    GtinEdit,
    LongTextEdit,
    MoneyEdit,
    StockSpin,
    TextEdit,
    ValidatedLineEdit,
)
from sellerdesk.gui.table_roles import CURRENCY_ROLE, PROBLEMS_ROLE, STATUS_ROLE
from sellerdesk.gui.theme import Theme
from sellerdesk.services.product_problems import ERROR

Index = QModelIndex | QPersistentModelIndex
#: Keys that commit an edit; on an invalid value they keep the editor open instead.
_COMMIT_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab})
#: A category picker is at least this wide, whatever the column's width.
PICKER_MIN_WIDTH = 320


def editor_for(
    editor: str,
    spec: FieldSpec,
    parent: QWidget,
    *,
    theme: Theme,
    taxonomy: SharedTaxonomy,
    currency: str | None = None,
    floating: bool = True,
) -> QWidget:
    """The typed editor for a field (``editor``: a Kind value or ``"category"``)."""
    widget: QWidget
    if editor == CATEGORY_EDITOR:
        widget = CategoryPicker(taxonomy, theme, parent, floating=floating)
    elif editor == Kind.MONEY:
        widget = MoneyEdit(currency, spec.label, theme, parent, floating=floating)
    elif editor == Kind.INT:
        widget = StockSpin(parent)
    elif editor == Kind.DECIMAL:
        widget = DecimalEdit(spec, theme, parent, floating=floating)
    elif editor == Kind.GTIN:
        widget = GtinEdit(theme, parent, floating=floating)
    elif editor == Kind.CHOICE:
        widget = ChoiceCombo(spec, parent)
    elif editor == Kind.LONG_TEXT and not floating:
        widget = LongTextEdit(spec, parent)
    else:
        widget = TextEdit(spec, theme, parent, floating=floating)
    widget.setAccessibleName(spec.label)
    return widget


class CatalogDelegate(QStyledItemDelegate):
    """Typed editors for the catalog table's editable columns."""

    def __init__(
        self, theme: Theme, taxonomy: SharedTaxonomy, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._taxonomy = taxonomy

    @property
    def taxonomy(self) -> SharedTaxonomy:
        return self._taxonomy

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = COLUMNS[index.column()]
        spec, kind = column.spec, column.editor
        if spec is None or kind is None:
            return super().createEditor(parent, option, index)
        editor = editor_for(
            kind,
            spec,
            parent,
            theme=self._theme,
            taxonomy=self._taxonomy,
            currency=index.data(CURRENCY_ROLE),
        )
        editor.setAccessibleName(f"Edit {column.label.lower()}")
        if isinstance(editor, ChoiceCombo):
            editor.activated.connect(lambda _row, e=editor: self._commit_and_close(e))
            QTimer.singleShot(0, editor, editor.showPopup)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, CellEditor):
            editor.set_cell_value(index.data(int(Qt.ItemDataRole.EditRole)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, CellEditor):
            super().setModelData(editor, model, index)
            return
        if editor.problem() is not None:
            return  # an invalid value leaves the cell as it was
        try:
            value = editor.cell_value()
        except InvalidValueError:
            return
        model.setData(index, value, int(Qt.ItemDataRole.EditRole))

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, CategoryPicker):
            rect.setWidth(max(rect.width(), PICKER_MIN_WIDTH))
            host = editor.parentWidget()
            if host is not None and rect.right() >= host.width():
                rect.moveRight(max(rect.width(), host.width()) - 1)
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, ValidatedLineEdit)
            and cast(QKeyEvent, event).key() in _COMMIT_KEYS
            and watched.problem() is not None
        ):
            watched.show_problem()
            return True
        return super().eventFilter(watched, event)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def _item_background(
    painter: QPainter, option: QStyleOptionViewItem, index: Index, delegate: QStyledItemDelegate
) -> tuple[QStyleOptionViewItem, str]:
    """Paint the cell without its text (selection, alternate rows); return it and the text."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    text = opt.text
    opt.text = ""
    widget = opt.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    return opt, text


def _pill_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
    font.setWeight(QFont.Weight.DemiBold)
    return font


class StatusPillDelegate(CatalogDelegate):
    """Paints a product status as a small colored pill: Active, Draft, Archived."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt, text = _item_background(painter, option, index, self)
        if not text:
            return
        background, foreground = self._theme.status_colors(str(index.data(STATUS_ROLE) or ""))
        font = _pill_font(opt.font)
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


class ProblemBadgeDelegate(CatalogDelegate):
    """The problems column: a pill with the number of problems, red when any is an error and
    amber when all are warnings; nothing when the product is ready to sell."""

    def badge_colors(self, level: str) -> tuple[QColor, QColor, QColor | None]:
        """(fill, text, outline) of the badge for ``"error"`` or ``"warning"``."""
        t = self._theme
        if level == ERROR:
            fill = QColor(t.out_of_stock_fg)
            text = QColor(t.base if fill.lightnessF() > 0.6 else t.on_accent)
            return fill, text, None
        return QColor(t.warning_bg), QColor(t.warning_fg), QColor(t.warning_border)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt, _text = _item_background(painter, option, index, self)
        problems: Any = index.data(PROBLEMS_ROLE)
        if not problems:
            return
        level = ERROR if any(severity == ERROR for _, severity in problems) else "warning"
        fill, text_color, outline = self.badge_colors(level)
        label = str(len(problems))
        font = _pill_font(opt.font)
        metrics = QFontMetricsF(font)
        height = min(metrics.height() + 3, opt.rect.height() - 6)
        width = max(height + 4, metrics.horizontalAdvance(label) + 14)
        pill = QRectF(
            opt.rect.center().x() - width / 2 + 1,
            opt.rect.center().y() - height / 2 + 1,
            width,
            height,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(outline if outline is not None else Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(pill.adjusted(0.5, 0.5, -0.5, -0.5), height / 2, height / 2)
        painter.setPen(text_color)
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()
