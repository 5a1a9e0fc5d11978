"""The Columns step: where each column of the file goes, how sure the guess is, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.gui.import_pages import (
    NOTE_ROLE,
    PILL_ROLE,
    Notice,
    PageHeader,
    Pill,
    PillDelegate,
    column_letter,
    page_layout,
    tinted,
)
from sellerdesk.gui.theme import Theme
from sellerdesk.importers.layouts import SALES
from sellerdesk.importers.model import ColumnGuess
from sellerdesk.importers.pipeline import Inspection
from sellerdesk.importers.targets import TARGET_LABELS, TARGETS

#: Confidence at or above which a guess is shown green, then amber; below is red.
SURE, LIKELY = 0.85, 0.5
LETTER, HEADER, SAMPLES, TARGET, MATCH = range(5)
COLUMN_TITLES = ("", "Column in your file", "Sample values", "Import as", "How sure, and why")
SAMPLE_COUNT = 3

#: How a column's target was decided.
GUESSED, CHOSEN, PROFILE = "guessed", "chosen", "profile"


def target_label(target: str | None, layout_label: str = "") -> str:
    """Plain words for a column target (a product field or an import-only target)."""
    if target is None:
        return "Ignore this column"
    if target in FIELD_BY_NAME:
        return FIELD_BY_NAME[target].label
    if target in TARGET_LABELS:
        return TARGET_LABELS[target]
    words = target.strip("_").replace("_", " ")
    return f"{words.capitalize()} ({layout_label})" if layout_label else words.capitalize()


def match_pill(theme: Theme, guess: ColumnGuess, origin: str) -> Pill:
    """The colored pill of a column: how sure the guess is, or who chose it."""
    if origin == CHOSEN:
        return Pill("Chosen by you", theme.color("accent_soft"), theme.color("accent"))
    if origin == PROFILE:
        return Pill("Saved mapping", theme.color("info_bg"), theme.color("info_fg"))
    if guess.target is None:
        return Pill("Not used", theme.color("archived_bg"), theme.color("archived_fg"))
    percent = round(guess.confidence * 100)
    if guess.confidence >= SURE:
        return Pill(
            f"Sure · {percent}%",
            theme.color("active_bg"),
            theme.color("active_fg"),
        )
    if guess.confidence >= LIKELY:
        return Pill(
            f"Likely · {percent}%",
            theme.color("draft_bg"),
            theme.color("draft_fg"),
        )
    return Pill(
        f"Unsure · {percent}%",
        tinted(theme.out_of_stock_fg, 0.12),
        theme.color("out_of_stock_fg"),
    )


def sample_values(inspection: Inspection, column: int) -> list[str]:
    """Up to ``SAMPLE_COUNT`` distinct non-blank values of a column, from the top of the file."""
    seen: list[str] = []
    for row in inspection.samples:
        if column < len(row):
            value = " ".join(row[column].split())
            if value and value not in seen:
                seen.append(value)
                if len(seen) >= SAMPLE_COUNT:
                    break
    return seen


class TargetCombo(QComboBox):
    """Ignore plus every target, by label; an internal layout target is shown read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.setMaxVisibleItems(16)
        self.addItem(target_label(None), None)
        self.insertSeparator(1)
        fields = [t for t in TARGETS if t in FIELD_BY_NAME]
        for target in fields:
            self.addItem(target_label(target), target)
        self.insertSeparator(self.count())
        for target in TARGETS:
            if target in TARGET_LABELS:
                self.addItem(target_label(target), target)

    def target(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def show_target(self, target: str | None, layout_label: str) -> None:
        index = self.findData(target) if target is not None else 0
        if index < 0:
            self.addItem(target_label(target, layout_label), target)
            index = self.count() - 1
        self.setCurrentIndex(index)


class MappingTable(QTableWidget):
    """One row per file column: header, samples, target dropdown, match pill, reason."""

    #: (column index, target or None) chosen by the seller
    target_chosen = Signal(int, object)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MappingTable")
        self.setAccessibleName("Columns of the file and where they go")
        self._theme = theme
        self._combos: list[TargetCombo] = []
        self._match_items: list[QTableWidgetItem] = []
        self._signature: tuple[str, ...] | None = None
        self.setColumnCount(len(COLUMN_TITLES))
        self.setHorizontalHeaderLabels(list(COLUMN_TITLES))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(50)
        self._pills = PillDelegate(theme, self)
        self.setItemDelegateForColumn(MATCH, self._pills)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((LETTER, 34), (HEADER, 160), (SAMPLES, 230), (TARGET, 200)):
            self.setColumnWidth(column, width)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._pills.set_theme(theme)

    def combo(self, column: int) -> TargetCombo:
        return self._combos[column]

    def show_inspection(
        self, inspection: Inspection, origins: dict[int, str], editable: bool
    ) -> None:
        """Fill (or, for the same columns, update in place) from ``inspection``."""
        signature = tuple(inspection.headers)
        if signature != self._signature or len(self._combos) != len(inspection.mapping):
            self._build(inspection)
            self._signature = signature
        layout_label = inspection.layout.label
        for guess in inspection.mapping:
            row = guess.column
            combo = self._combos[row]
            combo.blockSignals(True)
            combo.show_target(guess.target, layout_label)
            combo.blockSignals(False)
            internal = guess.target is not None and guess.target not in TARGETS
            combo.setEnabled(editable and not internal)
            if internal:
                combo.setToolTip(f"The {layout_label} import reads this column itself.")
            origin = origins.get(row, GUESSED)
            pill = match_pill(self._theme, guess, origin)
            reason = {
                CHOSEN: "You chose this on the dropdown.",
                PROFILE: "Saved in your import profile.",
            }.get(origin, guess.reason[:1].upper() + guess.reason[1:] if guess.reason else "")
            match = self._match_items[row]
            match.setData(PILL_ROLE, pill)
            match.setData(NOTE_ROLE, reason)
            match.setText(f"{pill.text}. {reason}")
            match.setToolTip(reason)
        self.viewport().update()

    def _build(self, inspection: Inspection) -> None:
        self._combos = []
        self._match_items = []
        self.setRowCount(len(inspection.mapping))
        muted = self._theme.color("muted")
        for guess in inspection.mapping:
            row = guess.column
            letter = QTableWidgetItem(column_letter(row))
            letter.setForeground(muted)
            letter.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, LETTER, letter)
            name = guess.header or "(no name)"
            header = QTableWidgetItem(name)
            header.setToolTip(f"Column {column_letter(row)}: {name}")
            font = QFont(self.font())
            font.setWeight(QFont.Weight.DemiBold)
            header.setFont(font)
            if not guess.header:
                header.setForeground(muted)
            self.setItem(row, HEADER, header)
            values = sample_values(inspection, row)
            samples = QTableWidgetItem("  ·  ".join(values) if values else "(empty)")
            samples.setToolTip("\n".join(values))
            if not values:
                samples.setForeground(muted)
            self.setItem(row, SAMPLES, samples)
            match = QTableWidgetItem()
            self._match_items.append(match)
            self.setItem(row, MATCH, match)
            self.setCellWidget(row, TARGET, self._combo_cell(row, name))

    def _combo_cell(self, row: int, name: str) -> QWidget:
        holder = QWidget(self)
        box = QHBoxLayout(holder)
        box.setContentsMargins(4, 8, 10, 8)
        combo = TargetCombo(holder)
        combo.setAccessibleName(f"Import column “{name}” as")

        def chosen(_index: int) -> None:
            self.target_chosen.emit(row, combo.target())

        combo.activated.connect(chosen)
        box.addWidget(combo)
        self._combos.append(combo)
        return holder


class ColumnsPage(QWidget):
    """The Columns step: the mapping table, a warning when no SKU is mapped, save as profile."""

    save_profile_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        self.header = PageHeader(
            "Columns",
            "Check where each column of your file goes. Green guesses are safe; look at the amber "
            "and red ones. Change a column with its dropdown.",
            self,
        )
        self.notice = Notice(self)
        self.table = MappingTable(theme, self)
        actions = QHBoxLayout()
        self.legend = QLabel(self)
        self.legend.setObjectName("Muted")
        self.save_button = QPushButton("Save Mapping as Profile…", self)
        self.save_button.setObjectName("SecondaryButton")
        self.save_button.setAccessibleName("Save this mapping as an import profile")
        self.save_button.setToolTip(
            "Remember these choices: files with the same column names are mapped this way."
        )
        self.save_button.clicked.connect(self.save_profile_requested)
        actions.addWidget(self.legend, 1)
        actions.addWidget(self.save_button)
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def show_inspection(
        self, inspection: Inspection, origins: dict[int, str], mapping_error: BaseException | None
    ) -> None:
        sales = inspection.kind == SALES
        self.table.show_inspection(inspection, origins, editable=not sales)
        self.save_button.setEnabled(not sales)
        used = sum(1 for guess in inspection.mapping if guess.target is not None)
        total = len(inspection.mapping)
        self.legend.setText(f"{used} of {total} columns will be imported.")
        if sales:
            self.notice.show_message(
                f"This is a {inspection.layout.label}.",
                "Its columns are read the way the marketplace writes them: each row becomes a "
                "sales record, not a product. There is nothing to map.",
                "info",
            )
        elif mapping_error is not None:
            self.notice.show_error(mapping_error)
        elif inspection.profile:
            self.notice.show_message(
                f"Using your saved mapping “{inspection.profile}”.",
                "Change any column below; save again to update the profile.",
                "info",
            )
        else:
            self.notice.clear()

    def set_profile_saved(self, name: str) -> None:
        self.notice.show_message(
            f"Mapping saved as “{name}”.",
            "Files with the same column names will be mapped this way next time.",
            "success",
        )
