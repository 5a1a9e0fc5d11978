"""Chrome every import wizard step shares: style sheet, page header, notice, pills, helpers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.gui.error_dialog import describe
from sellerdesk.gui.theme import Theme

PILL_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Pill:
    """A short colored label (a status, an action, a confidence) painted by ``PillDelegate``."""

    text: str
    background: QColor
    foreground: QColor


class PillDelegate(QStyledItemDelegate):
    """Paints the ``Pill`` under ``PILL_ROLE``, with the ``NOTE_ROLE`` text muted below it."""

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
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        pill = index.data(PILL_ROLE)
        if not isinstance(pill, Pill):
            return
        note = str(index.data(NOTE_ROLE) or "")
        font = QFont(opt.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetricsF(font)
        rect = QRectF(opt.rect)
        height = min(metrics.height() + 4, rect.height() - 4)
        width = metrics.horizontalAdvance(pill.text) + 18
        top = rect.top() + 6 if note else rect.center().y() - height / 2
        box = QRectF(rect.left() + 6, top, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pill.background)
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setPen(pill.foreground)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, pill.text)
        if note:
            note_font = QFont(opt.font)
            note_font.setPointSizeF(max(6.0, opt.font.pointSizeF() * 0.92))
            painter.setFont(note_font)
            painter.setPen(self._theme.color("muted"))
            line = QRectF(
                rect.left() + 8,
                box.bottom() + 2,
                rect.width() - 14,
                rect.bottom() - box.bottom() - 4,
            )
            text = QFontMetricsF(note_font).elidedText(
                note, Qt.TextElideMode.ElideRight, line.width()
            )
            painter.drawText(
                line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
            )
        painter.restore()


def rgba(color: str, alpha: float) -> str:
    """A theme color as a style-sheet ``rgba()`` with the given opacity (0 to 1)."""
    c = QColor(color)
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, {round(alpha * 255)})"


def tinted(color: str, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def wizard_stylesheet(theme: Theme) -> str:
    """Style sheet of the wizard, scoped to its own object names."""
    t = theme
    error_bg, error_border = rgba(t.out_of_stock_fg, 0.10), rgba(t.out_of_stock_fg, 0.35)
    success_bg, success_border = t.active_bg, rgba(t.active_fg, 0.35)
    return f"""
QDialog#ImportWizard {{ background: {t.window}; }}
QWidget#WizardBody {{ background: {t.base}; }}
QWidget#WizardBody QLabel#PageTitle {{ color: {t.text}; }}
QLabel#PageSubtitle, QLabel#Muted, QLabel#FieldNote {{ color: {t.muted}; }}
QLabel#FieldValue {{ color: {t.text}; }}
QLabel#SectionTitle {{ color: {t.text}; font-weight: 600; }}
QFrame#WizardFooter {{ background: {t.window}; border-top: 1px solid {t.border}; }}
QFrame#Card {{ background: {t.base}; border: 1px solid {t.border}; border-radius: 10px; }}
QFrame#Card QLabel {{ background: transparent; }}
QFrame#Notice {{ border-radius: 8px; border: 1px solid {t.info_border}; background: {t.info_bg}; }}
QFrame#Notice QLabel {{ color: {t.info_fg}; background: transparent; }}
QFrame#Notice[kind="warning"] {{ border-color: {t.warning_border}; background: {t.warning_bg}; }}
QFrame#Notice[kind="warning"] QLabel {{ color: {t.warning_fg}; }}
QFrame#Notice[kind="error"] {{ border-color: {error_border}; background: {error_bg}; }}
QFrame#Notice[kind="error"] QLabel {{ color: {t.out_of_stock_fg}; }}
QFrame#Notice[kind="success"] {{ border-color: {success_border}; background: {success_bg}; }}
QFrame#Notice[kind="success"] QLabel {{ color: {t.active_fg}; }}
QPushButton#PrimaryButton {{
    background: {t.accent}; color: {t.on_accent}; border: none; border-radius: 7px;
    padding: 7px 20px; font-weight: 600; min-width: 70px;
}}
QPushButton#PrimaryButton:hover {{ background: {t.accent_hover}; }}
QPushButton#PrimaryButton:focus {{ border: 2px solid {t.selection}; }}
QPushButton#PrimaryButton:disabled {{ background: {t.border}; color: {t.muted}; }}
QPushButton#SecondaryButton {{
    background: {t.base}; color: {t.text}; border: 1px solid {t.border}; border-radius: 7px;
    padding: 6px 16px; min-width: 60px;
}}
QPushButton#SecondaryButton:hover {{ background: {t.alt_base}; border-color: {t.muted}; }}
QPushButton#SecondaryButton:focus {{ border: 1px solid {t.accent}; }}
QPushButton#SecondaryButton:disabled {{ color: {t.muted}; }}
QTableWidget#MappingTable, QTableView#PreviewGrid, QTableWidget#ProblemList,
QTableWidget#RawRows, QTreeWidget#ReportProblems {{
    background: {t.base}; alternate-background-color: {t.alt_base};
    border: 1px solid {t.border}; border-radius: 8px; gridline-color: {t.border};
    selection-background-color: {t.selection}; selection-color: {t.selection_text};
}}
QTableWidget#MappingTable QHeaderView::section, QTableView#PreviewGrid QHeaderView::section,
QTableWidget#ProblemList QHeaderView::section, QTableWidget#RawRows QHeaderView::section,
QTreeWidget#ReportProblems QHeaderView::section {{
    background: {t.header}; color: {t.muted}; border: none;
    border-bottom: 1px solid {t.border}; border-right: 1px solid {t.border};
    padding: 5px 8px; font-weight: 600;
}}
QTableView#PreviewGrid::item, QTableWidget#ProblemList::item {{ padding: 0 6px; }}
QTreeWidget#ReportProblems::item {{ padding: 5px 2px; }}
QProgressBar#ImportProgress {{
    border: none; border-radius: 5px; background: {t.alt_base}; max-height: 10px;
    min-height: 10px;
}}
QProgressBar#ImportProgress::chunk {{ border-radius: 5px; background: {t.accent}; }}
QFrame#CountTile {{
    background: {t.alt_base}; border: 1px solid {t.border}; border-radius: 10px;
}}
QFrame#CountTile QLabel {{ background: transparent; }}
QFrame#CountTile QLabel#CountValue {{ color: {t.text}; }}
QFrame#CountTile QLabel#CountLabel {{ color: {t.muted}; }}
"""


def scaled_font(base: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(6.0, base.pointSizeF() * factor))
    if weight is not None:
        font.setWeight(weight)
    return font


class PageHeader(QWidget):
    """A step's title and one line saying what the step is for."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title, self)
        self.title.setObjectName("PageTitle")
        self.title.setFont(scaled_font(self.font(), 1.45, QFont.Weight.DemiBold))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(subtitle, self)
        self.subtitle.setObjectName("PageSubtitle")
        self.subtitle.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)

    def set_text(self, title: str, subtitle: str | None = None) -> None:
        self.title.setText(title)
        if subtitle is not None:
            self.subtitle.setText(subtitle)


class Notice(QFrame):
    """A colored strip with a message and what to do (info, warning, error or success)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Notice")
        self.setProperty("kind", "info")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(3)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    @property
    def kind(self) -> str:
        return str(self.property("kind"))

    def show_message(self, message: str, hint: str = "", kind: str = "info") -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        for label in (self.message, self.hint):
            label.style().unpolish(label)
            label.style().polish(label)
        self.message.setText(message)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.setAccessibleName(f"{kind.capitalize()}: {message}")
        self.show()

    def show_error(self, error: BaseException) -> None:
        message, hint = describe(error)
        self.show_message(message, hint, "error")

    def text(self) -> str:
        return f"{self.message.text()} {self.hint.text()}".strip()

    def clear(self) -> None:
        self.message.clear()
        self.hint.clear()
        self.hide()


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            if unit == "bytes":
                return f"{int(value):,} bytes"
            return f"{value:,.1f} {unit}"
        value /= 1024
    return f"{size:,} bytes"


def page_layout(page: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(28, 24, 28, 18)
    layout.setSpacing(14)
    return layout


def column_letter(index: int) -> str:
    """Spreadsheet column name: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def select_data(combo: QComboBox, value: Any, label: str) -> None:
    """Select the item holding ``value``, adding it first when the list lacks it."""
    if value is None:
        return
    index = combo.findData(value)
    if index < 0:
        combo.addItem(label, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
