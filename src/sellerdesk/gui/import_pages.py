"""The import wizard's simple steps (File, Options, Import) and the chrome every step shares."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.config.settings_schema import CURRENCIES
from sellerdesk.core.errors import SellerDeskError
from sellerdesk.gui.error_dialog import describe
from sellerdesk.gui.theme import Theme
from sellerdesk.importers.pipeline import TOP_ROWS, ImportOptions, Inspection
from sellerdesk.services.importing import describe_format

ENCODINGS: tuple[tuple[str, str], ...] = (
    ("utf-8", "UTF-8"),
    ("utf-8-sig", "UTF-8 with BOM"),
    ("utf-16", "UTF-16"),
    ("cp1252", "Windows-1252 (Western Europe)"),
    ("latin-1", "Latin-1 (ISO 8859-1)"),
)
DELIMITERS: tuple[tuple[str, str], ...] = (
    (",", "Comma  ,"),
    (";", "Semicolon  ;"),
    ("\t", "Tab"),
    ("|", "Pipe  |"),
)
#: Rows of the file shown raw on the File step.
RAW_ROWS = 6


# ============================================================================ shared chrome
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


# ================================================================================ File step
def _value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("FieldValue")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _note(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("FieldNote")
    label.setWordWrap(True)
    return label


class FilePage(QWidget):
    """What the file is and how it is read: format, encoding, delimiter, sheet, header row."""

    #: the seller changed how the file is read: ImportOptions fields to replace
    reading_changed = Signal(dict)

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._file_name = file_name
        self._updating = False
        layout = page_layout(self)
        self.header = PageHeader(
            f"“{file_name}”",
            "SellerDesk read the top of the file and worked out how it is written. "
            "Change anything that looks wrong; the next steps follow.",
            self,
        )
        self.header.setAccessibleName("File")
        self.notice = Notice(self)
        self.profile_notice = Notice(self)

        card = QFrame(self)
        card.setObjectName("Card")
        self.card = card
        self._ever_read = False
        form = QFormLayout(card)
        form.setContentsMargins(18, 16, 18, 16)
        form.setHorizontalSpacing(22)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        combo_width = 240

        self.format_value = _value_label(card)
        self.format_value.setWordWrap(False)
        self.format_value.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.size_value = _value_label(card)

        self.encoding = QComboBox(card)
        self.encoding.setAccessibleName("Text encoding")
        self.encoding.setToolTip("How the letters of the file are written (for CSV and TXT)")
        for code, label in ENCODINGS:
            self.encoding.addItem(label, code)
        self.delimiter = QComboBox(card)
        self.delimiter.setAccessibleName("Column separator")
        self.delimiter.setToolTip("The character between two columns (for CSV and TXT)")
        for code, label in DELIMITERS:
            self.delimiter.addItem(label, code)
        self.sheet = QComboBox(card)
        self.sheet.setAccessibleName("Sheet")
        self.sheet.setToolTip("The sheet of the workbook that holds the products")
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for combo in (self.encoding, self.delimiter, self.sheet):
            combo.setMinimumWidth(combo_width)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        header_row = QWidget(card)
        header_box = QHBoxLayout(header_row)
        header_box.setContentsMargins(0, 0, 0, 0)
        header_box.setSpacing(10)
        self.header_row = QSpinBox(header_row)
        self.header_row.setRange(1, TOP_ROWS)
        self.header_row.setPrefix("Row ")
        self.header_row.setAccessibleName("Header row")
        self.header_row.setToolTip("The row of the file that holds the column names")
        self.header_row.setKeyboardTracking(False)
        self.header_note = _note(header_row)
        self.detect_header = QPushButton("Detect Again", header_row)
        self.detect_header.setObjectName("SecondaryButton")
        self.detect_header.setAccessibleName("Detect the header row again")
        self.detect_header.hide()
        header_box.addWidget(self.header_row)
        header_box.addWidget(self.header_note, 1)
        header_box.addWidget(self.detect_header)

        self._encoding_row = self._add_row(form, "&Encoding:", self.encoding)
        self._delimiter_row = self._add_row(form, "&Separator:", self.delimiter)
        form.insertRow(0, "Format:", self.format_value)
        form.insertRow(1, "Size:", self.size_value)
        self._sheet_row = self._add_row(form, "S&heet:", self.sheet)
        self._add_row(form, "Header &row:", header_row)
        self.form = form

        self.raw_title = QLabel("Top of the file", self)
        self.raw_title.setObjectName("SectionTitle")
        self.raw = QTableWidget(self)
        self.raw.setObjectName("RawRows")
        self.raw.setAccessibleName("Top rows of the file")
        self.raw.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.raw.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.raw.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.raw.setAlternatingRowColors(True)
        self.raw.setShowGrid(False)
        self.raw.setWordWrap(False)
        self.raw.verticalHeader().setDefaultSectionSize(26)
        self.raw.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.raw.horizontalHeader().setHighlightSections(False)
        self.raw.verticalHeader().setHighlightSections(False)

        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(self.profile_notice)
        layout.addWidget(card)
        layout.addWidget(self.raw_title)
        layout.addWidget(self.raw)
        layout.addStretch(1)

        self.encoding.activated.connect(lambda _i: self._emit("encoding", self.encoding))
        self.delimiter.activated.connect(lambda _i: self._emit("delimiter", self.delimiter))
        self.sheet.activated.connect(lambda _i: self._emit("sheet", self.sheet))
        self.header_row.valueChanged.connect(self._header_changed)
        self.detect_header.clicked.connect(self._detect_again)
        self.show_loading()

    @staticmethod
    def _add_row(form: QFormLayout, label: str, field: QWidget) -> QLabel:
        title = QLabel(label)
        title.setBuddy(field)
        form.addRow(title, field)
        return title

    def _set_row_visible(self, field: QWidget, visible: bool) -> None:
        self.form.setRowVisible(field, visible)

    # ------------------------------------------------------------------ states
    def show_loading(self) -> None:
        self.format_value.setText("Reading the file…")
        self.notice.clear()

    def show_error(self, error: BaseException) -> None:
        """Say in words why the file cannot be read; keep the controls if it was read before."""
        message, hint = describe(error)
        if isinstance(error, SellerDeskError) and not hint:
            hint = "Pick another file."
        self.notice.show_message(message, hint, "error")
        if not self._ever_read:
            self.header.set_text(
                f"“{self._file_name}” can't be imported",
                "Close this window and drop another file, or fix the file and drop it again.",
            )
            for widget in (self.card, self.raw_title, self.raw):
                widget.hide()
        else:
            self.format_value.setText("Not readable with these settings")

    def show_inspection(self, inspection: Inspection, user_header_row: bool) -> None:
        self._updating = True
        self._ever_read = True
        for widget in (self.card, self.raw_title, self.raw):
            widget.show()
        try:
            self.notice.clear()
            info = inspection.info
            self.format_value.setText(describe_format(inspection))
            self.size_value.setText(human_size(info.size_bytes))
            is_text = info.kind == "csv"
            self._set_row_visible(self.encoding, is_text)
            self._set_row_visible(self.delimiter, is_text)
            self._set_row_visible(self.sheet, bool(info.sheets))
            if is_text:
                _select_data(self.encoding, info.encoding, info.encoding or "")
                label = {"\t": "Tab"}.get(info.delimiter or "", f"“{info.delimiter}”")
                _select_data(self.delimiter, info.delimiter, label)
            self.sheet.clear()
            for name in info.sheets:
                self.sheet.addItem(name, name)
            if info.sheet is not None:
                _select_data(self.sheet, info.sheet, info.sheet)
            self._show_header_row(inspection, user_header_row)
            if inspection.profile:
                self.profile_notice.show_message(
                    f"Using your saved mapping “{inspection.profile}”.",
                    "It was saved for files with these column names; change any column on the "
                    "next step.",
                    "info",
                )
            else:
                self.profile_notice.clear()
            self._fill_raw(inspection)
        finally:
            self._updating = False

    def _show_header_row(self, inspection: Inspection, user_header_row: bool) -> None:
        detected = inspection.header_row
        self.header_row.setValue(max(1, detected))
        self.detect_header.setVisible(user_header_row)
        if user_header_row:
            self.header_note.setText("Chosen by you.")
        elif detected <= 0:
            self.header_note.setText(
                "No row of column names was found, so the columns are numbered. "
                "Pick the row if your file has one."
            )
        else:
            sure = inspection.header_confidence
            how = "" if sure >= 0.85 else " (not sure: please check)"
            self.header_note.setText(f"Detected{how}.")

    def _fill_raw(self, inspection: Inspection) -> None:
        headers = inspection.headers
        rows = [cells for _, cells in inspection.sample_rows[:RAW_ROWS]]
        width = max([len(headers), *(len(r) for r in rows)])
        self.raw.clear()
        self.raw.setColumnCount(width)
        self.raw.setRowCount(len(rows))
        self.raw.setHorizontalHeaderLabels(
            [
                headers[i] if i < len(headers) and headers[i] else column_letter(i)
                for i in range(width)
            ]
        )
        self.raw.setVerticalHeaderLabels(
            [str(number) for number, _ in inspection.sample_rows[:RAW_ROWS]]
        )
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells[:width]):
                item = QTableWidgetItem(text)
                item.setToolTip(text if len(text) > 40 else "")
                self.raw.setItem(r, c, item)
        header = self.raw.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for c in range(width):
            self.raw.resizeColumnToContents(c)
            self.raw.setColumnWidth(c, min(max(self.raw.columnWidth(c), 70), 260))
        bar = self.raw.horizontalScrollBar().sizeHint().height()
        height = self.raw.horizontalHeader().sizeHint().height() + 26 * max(1, len(rows))
        self.raw.setFixedHeight(height + bar + 2 * self.raw.frameWidth() + 2)
        row_word = "row" if inspection.header_row > 0 else "no header row"
        where = f"{row_word} {inspection.header_row}" if inspection.header_row > 0 else row_word
        self.raw_title.setText(
            f"Top of the file — column names from {where}, the first rows of data below"
        )

    # ------------------------------------------------------------------ changes
    def _emit(self, name: str, combo: QComboBox) -> None:
        if not self._updating:
            self.reading_changed.emit({name: combo.currentData()})

    def _detect_again(self) -> None:
        self.reading_changed.emit({"header_row": None})

    def _header_changed(self, value: int) -> None:
        if not self._updating:
            self.reading_changed.emit({"header_row": value})


def _select_data(combo: QComboBox, value: Any, label: str) -> None:
    """Select the item holding ``value``, adding it first when the list lacks it."""
    if value is None:
        return
    index = combo.findData(value)
    if index < 0:
        combo.addItem(label, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


# ============================================================================= Options step
CONFLICT_CHOICES: tuple[tuple[str, str, str], ...] = (
    (
        "update",
        "&Update them with the file's values",
        "Products you already have get the file's prices, stock and texts. "
        "Empty cells in the file never erase anything.",
    ),
    (
        "skip",
        "&Skip them",
        "Only new products are added; products already in your catalog stay exactly as they are.",
    ),
    (
        "fill-empty",
        "Only &fill empty fields",
        "Existing products keep every value they have; the file only fills in what is missing.",
    ),
)


class OptionsPage(QWidget):
    """How the file meets the catalog: conflicts, hand-made edits, duplicates, currency."""

    options_changed = Signal()

    def __init__(self, default_currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.setSpacing(16)
        layout.addWidget(
            PageHeader(
                "Import options",
                "Decide what happens when the file meets products you already have.",
                self,
            )
        )

        conflict_card, conflict_box = self._card("When a product is already in your catalog")
        self.conflict = QButtonGroup(self)
        self.conflict_buttons: dict[str, QRadioButton] = {}
        for key, label, explanation in CONFLICT_CHOICES:
            button = QRadioButton(label, conflict_card)
            button.setAccessibleName(label.replace("&", ""))
            button.setAccessibleDescription(explanation)
            self.conflict.addButton(button)
            self.conflict_buttons[key] = button
            conflict_box.addWidget(button)
            conflict_box.addWidget(self._explanation(explanation, conflict_card))
        self.conflict_buttons["update"].setChecked(True)
        self.override_manual = QCheckBox(
            "Let the file &replace values I edited by hand", conflict_card
        )
        self.override_manual.setAccessibleName("Let the file replace values I edited by hand")
        conflict_box.addSpacing(6)
        conflict_box.addWidget(self.override_manual)
        conflict_box.addWidget(
            self._explanation(
                "Off: your own edits always win, and the file's value is kept beside them. "
                "On: the file wins (you can still undo the whole import).",
                conflict_card,
            )
        )

        lower = QHBoxLayout()
        lower.setSpacing(16)
        duplicate_card, duplicate_box = self._card("When a SKU appears twice in the file")
        self.duplicates = QButtonGroup(self)
        self.first_wins = QRadioButton("The f&irst row wins", duplicate_card)
        self.last_wins = QRadioButton("The &last row wins", duplicate_card)
        for button in (self.first_wins, self.last_wins):
            button.setAccessibleName(button.text().replace("&", ""))
            self.duplicates.addButton(button)
            duplicate_box.addWidget(button)
        self.first_wins.setChecked(True)
        duplicate_box.addWidget(
            self._explanation(
                "Either way, every repeated row is listed in the report.", duplicate_card
            )
        )
        duplicate_box.addStretch(1)

        currency_card, currency_box = self._card("Prices without a currency symbol")
        self.currency = QComboBox(currency_card)
        self.currency.setAccessibleName("Currency for prices without a symbol")
        for code, _name in CURRENCIES:
            self.currency.addItem(code, code)
        _select_data(self.currency, default_currency, default_currency)
        currency_label = QLabel("&Currency:", currency_card)
        currency_label.setBuddy(self.currency)
        row = QHBoxLayout()
        row.addWidget(currency_label)
        row.addWidget(self.currency)
        row.addStretch(1)
        currency_box.addLayout(row)
        currency_box.addWidget(
            self._explanation(
                "“12.99” becomes 12.99 in this currency; “€12,99” or “£6.50” keep their own.",
                currency_card,
                indent=0,
            )
        )
        currency_box.addStretch(1)
        lower.addWidget(duplicate_card, 1)
        lower.addWidget(currency_card, 1)

        self.summary = QLabel(self)
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)

        layout.addWidget(conflict_card)
        layout.addLayout(lower)
        layout.addWidget(self.summary)
        layout.addStretch(1)

        self.conflict.buttonToggled.connect(self._changed)
        self.duplicates.buttonToggled.connect(self._changed)
        # signal to signal: a Python slot must not hand emit()'s True back to Qt (see compat)
        self.override_manual.toggled.connect(self.options_changed)
        self.currency.currentIndexChanged.connect(self.options_changed)

    def _card(self, title: str) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(self)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(18, 14, 18, 16)
        box.setSpacing(6)
        heading = QLabel(title, card)
        heading.setObjectName("SectionTitle")
        box.addWidget(heading)
        box.addSpacing(2)
        return card, box

    @staticmethod
    def _explanation(text: str, parent: QWidget, indent: int = 24) -> QLabel:
        label = QLabel(text, parent)
        label.setObjectName("FieldNote")
        label.setWordWrap(True)
        label.setContentsMargins(indent, 0, 0, 4)
        return label

    def _changed(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.options_changed.emit()

    def on_conflict(self) -> str:
        for key, button in self.conflict_buttons.items():
            if button.isChecked():
                return key
        return "update"

    def apply(self, options: ImportOptions) -> ImportOptions:
        """``options`` with the choices of this step."""
        return replace(
            options,
            on_conflict=self.on_conflict(),
            override_manual=self.override_manual.isChecked(),
            duplicates="last" if self.last_wins.isChecked() else "first",
            default_currency=str(self.currency.currentData()),
        )

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)


# ============================================================================== Import step
class ImportPage(QWidget):
    """The running import: a progress bar, what is happening, and Cancel."""

    cancel_requested = Signal()

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._file_name = file_name
        layout = page_layout(self)
        self.header = PageHeader(
            f"Importing “{file_name}”",
            "Everything is written as one change: if you cancel, your catalog stays as it was.",
            self,
        )
        card = QFrame(self)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(22, 22, 22, 22)
        box.setSpacing(12)
        self.status = QLabel("Starting…", card)
        self.status.setObjectName("FieldValue")
        self.status.setFont(scaled_font(self.font(), 1.05, QFont.Weight.DemiBold))
        self.bar = QProgressBar(card)
        self.bar.setObjectName("ImportProgress")
        self.bar.setAccessibleName("Import progress")
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 0)
        self.detail = QLabel("", card)
        self.detail.setObjectName("Muted")
        self.detail.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancel Import", card)
        self.cancel_button.setObjectName("SecondaryButton")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.clicked.connect(self.cancel_requested)
        buttons.addWidget(self.cancel_button)
        box.addWidget(self.status)
        box.addWidget(self.bar)
        box.addWidget(self.detail)
        box.addLayout(buttons)
        self.notice = Notice(self)
        layout.addWidget(self.header)
        layout.addWidget(card)
        layout.addWidget(self.notice)
        layout.addStretch(1)

    def start(self) -> None:
        self.header.set_text(f"Importing “{self._file_name}”")
        self.notice.clear()
        self.status.setText("Starting…")
        self.detail.setText("")
        self.bar.setRange(0, 0)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()

    def set_progress(self, done: int, total: int | None, message: str) -> None:
        if self.cancel_requested_already:
            return
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.status.setText(f"{round(100 * done / total)}% done")
        if message:
            self.detail.setText(message)

    @property
    def cancel_requested_already(self) -> bool:
        return not self.cancel_button.isEnabled() and self.cancel_button.isVisible()

    def show_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling…")
        self.detail.setText("SellerDesk stops after the rows it is reading now and undoes them.")

    def show_cancelled(self) -> None:
        self.cancel_button.hide()
        self.bar.hide()
        self.header.set_text("Import cancelled")
        self.status.setText("Nothing was changed in your catalog.")
        self.detail.setText("Go back to change the settings and import again, or close.")
        self.notice.clear()

    def show_failed(self, error: BaseException) -> None:
        self.cancel_button.hide()
        self.bar.hide()
        self.header.set_text("The import did not finish")
        self.status.setText("Nothing was changed in your catalog.")
        self.detail.setText("")
        self.notice.show_error(error)
