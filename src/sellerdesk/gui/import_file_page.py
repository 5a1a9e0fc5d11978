"""The import wizard's File step: how the file is read, and its top rows as they are."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sellerdesk.core.errors import SellerDeskError
from sellerdesk.gui.error_dialog import describe
from sellerdesk.gui.import_pages import (
    Notice,
    PageHeader,
    column_letter,
    human_size,
    page_layout,
    scaled_font,
    select_data,
)
from sellerdesk.importers.pipeline import TOP_ROWS, Inspection
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
                select_data(self.encoding, info.encoding, info.encoding or "")
                label = {"\t": "Tab"}.get(info.delimiter or "", f"“{info.delimiter}”")
                select_data(self.delimiter, info.delimiter, label)
            self.sheet.clear()
            for name in info.sheets:
                self.sheet.addItem(name, name)
            if info.sheet is not None:
                select_data(self.sheet, info.sheet, info.sheet)
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
