"""The Preview step: the first cleaned rows as the catalog would get them, with their problems."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.core.fields import FIELD_BY_NAME, FIELD_NAMES, FIELDS, Kind
from sellerdesk.gui.import_pages import (
    PILL_ROLE,
    Notice,
    PageHeader,
    Pill,
    PillDelegate,
    page_layout,
    tinted,
)
from sellerdesk.gui.theme import Theme
from sellerdesk.importers.layouts import SALES
from sellerdesk.importers.model import Problem, Severity
from sellerdesk.importers.targets import TARGET_LABELS
from sellerdesk.services.importing import PREVIEW_ROWS, ImportPreview, PreviewRow
from sellerdesk.tasks.jobs import plural

Index = QModelIndex | QPersistentModelIndex
ROW_COLUMN, ACTION_COLUMN = 0, 1
SALES_COLUMNS: tuple[tuple[str, str], ...] = (
    ("order_id", "Order"),
    ("status", "Status"),
    ("title", "Item"),
    ("item_price", "Item price"),
    ("net_proceeds", "Net proceeds"),
)
EXTRA_COLUMNS: tuple[str, ...] = ("parent_sku", "images")
NUMERIC_FIELDS = frozenset(
    {f.name for f in FIELDS if f.kind in (Kind.MONEY, Kind.INT, Kind.DECIMAL)}
    | {"item_price", "net_proceeds"}
)
ACTION_LABELS = {"new": "New", "update": "Update", "unchanged": "Unchanged", "skip": "Skip"}
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.FIXED)
SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.FIXED: "Fixed"}
MAX_CELL_CHARS = 160


def severity_colors(theme: Theme, severity: Severity) -> tuple[QColor, QColor]:
    """(cell tint, text color) for a problem: error red, warning amber, fixed green."""
    if severity is Severity.ERROR:
        return tinted(theme.out_of_stock_fg, 0.16), theme.color("out_of_stock_fg")
    if severity is Severity.WARNING:
        return theme.color("warning_bg"), theme.color("warning_fg")
    return theme.color("active_bg"), theme.color("active_fg")


def action_colors(theme: Theme, action: str) -> tuple[QColor, QColor]:
    if action == "new":
        return theme.color("active_bg"), theme.color("active_fg")
    if action == "update":
        return theme.color("info_bg"), theme.color("info_fg")
    if action == "skip":
        return theme.color("draft_bg"), theme.color("draft_fg")
    return theme.color("archived_bg"), theme.color("archived_fg")


def field_label(name: str | None) -> str:
    if name is None:
        return "Row"
    if name in FIELD_BY_NAME:
        return FIELD_BY_NAME[name].label
    return TARGET_LABELS.get(
        name, dict(SALES_COLUMNS).get(name, name.replace("_", " ").capitalize())
    )


def worst(problems: list[Problem]) -> Severity | None:
    for severity in SEVERITY_ORDER:
        if any(p.severity is severity for p in problems):
            return severity
    return None


def counts_sentence(preview: ImportPreview) -> str:
    """ "7 new · 1 update · 1 duplicate · 3 problems in the first 100 rows; about 1,000 rows…" """
    counts = preview.counts
    parts = [f"{counts.get('new', 0):,} new"]
    if counts.get("updated"):
        parts.append(plural(counts["updated"], "update"))
    if counts.get("unchanged"):
        parts.append(f"{counts['unchanged']:,} unchanged")
    if counts.get("skipped"):
        parts.append(f"{counts['skipped']:,} skipped")
    if counts.get("duplicate"):
        parts.append(plural(counts["duplicate"], "duplicate"))
    parts.append(plural(len(preview.problems), "problem"))
    text = " · ".join(parts)
    rows = counts.get("rows", 0)
    if preview.complete:
        return f"{text} — the whole file ({plural(rows, 'row')})"
    estimate = preview.estimated_rows
    about = f"; about {estimate:,} rows in the file" if estimate else ""
    return f"{text} in the first {rows:,} rows{about}"


class PreviewModel(QAbstractTableModel):
    """The preview's rows: row number, action, then one column per field with a value."""

    def __init__(self, theme: Theme, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._rows: list[PreviewRow] = []
        self._fields: list[str] = []
        self._labels: list[str] = []
        self._by_cell: dict[tuple[int, str | None], list[Problem]] = {}
        self._numeric: frozenset[str] = NUMERIC_FIELDS

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def set_preview(self, preview: ImportPreview, mapped: list[str]) -> None:
        self.beginResetModel()
        self._rows = list(preview.rows[:PREVIEW_ROWS])
        if preview.inspection.kind == SALES:
            self._fields = [name for name, _ in SALES_COLUMNS]
            self._labels = [label for _, label in SALES_COLUMNS]
        else:
            present = {name for row in self._rows for name in row.values} | set(mapped)
            order = [*FIELD_NAMES, *EXTRA_COLUMNS]
            self._fields = [name for name in order if name in present and name != "attributes"]
            if "attributes" in present:
                self._fields.append("attributes")
            self._labels = [field_label(name) for name in self._fields]
        columns = set(self._fields)
        self._by_cell = {}
        for index, row in enumerate(self._rows):
            for item in row.problems:
                key = item.field if item.field in columns else None
                self._by_cell.setdefault((index, key), []).append(item)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._fields, self._labels, self._by_cell = [], [], [], {}
        self.endResetModel()

    @property
    def fields(self) -> list[str]:
        return list(self._fields)

    def row_data(self, row: int) -> PreviewRow:
        return self._rows[row]

    def problems_at(self, row: int, field_name: str | None) -> list[Problem]:
        return self._by_cell.get((row, field_name), [])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self._fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return super().headerData(section, orientation, role)
        if section == ROW_COLUMN:
            return "Row"
        if section == ACTION_COLUMN:
            return "Action"
        return self._labels[section - 2]

    def _field_at(self, column: int) -> str | None:
        return None if column < 2 else self._fields[column - 2]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        name = self._field_at(column)
        if column == ROW_COLUMN:
            problems = self.problems_at(index.row(), None)
        elif column == ACTION_COLUMN:
            problems = []
        else:
            problems = self.problems_at(index.row(), name)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ROW_COLUMN:
                return str(row.row)
            if column == ACTION_COLUMN:
                return ACTION_LABELS.get(row.action, row.action.capitalize())
            text = row.values.get(name or "", "")
            text = " ".join(text.split())
            return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"
        if role == PILL_ROLE and column == ACTION_COLUMN:
            background, foreground = action_colors(self._theme, row.action)
            return Pill(
                ACTION_LABELS.get(row.action, row.action.capitalize()), background, foreground
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{SEVERITY_WORDS[p.severity]}: {p.message}" for p in problems]
            if column == ROW_COLUMN:
                lines = [f"{SEVERITY_WORDS[p.severity]}: {p.message}" for p in row.problems]
            elif column >= 2:
                value = row.values.get(name or "", "")
                if len(value) > 40:
                    lines.insert(0, value[:600])
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = worst(problems)
            return None if severity is None else severity_colors(self._theme, severity)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == ROW_COLUMN:
                severity = worst(row.problems)
                if severity is not None:
                    return severity_colors(self._theme, severity)[1]
                return self._theme.color("muted")
            severity = worst(problems)
            return None if severity is None else severity_colors(self._theme, severity)[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column == ROW_COLUMN or name in self._numeric
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            value = self.data(index, Qt.ItemDataRole.DisplayRole)
            return f"{value}. {'; '.join(p.message for p in problems)}" if problems else value
        return None


FILTERS: tuple[tuple[str, Severity | None], ...] = (
    ("All problems", None),
    ("Errors", Severity.ERROR),
    ("Warnings", Severity.WARNING),
    ("Fixed", Severity.FIXED),
)


class ProblemList(QTableWidget):
    """The problems of the previewed rows, filterable by severity; a click shows the row."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProblemList")
        self.setAccessibleName("Problems found in the previewed rows")
        self._theme = theme
        self._problems: list[Problem] = []
        self.setColumnCount(4)
        self.setHorizontalHeaderLabels(["", "Row", "Column", "What SellerDesk found"])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        self._pills = PillDelegate(theme, self)
        self.setItemDelegateForColumn(0, self._pills)
        self.setColumnWidth(0, 86)
        self.setColumnWidth(1, 56)
        self.setColumnWidth(2, 120)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._pills.set_theme(theme)

    def show_problems(self, problems: list[Problem], severity: Severity | None) -> None:
        shown = [p for p in problems if severity is None or p.severity is severity]
        self._problems = shown
        self.setRowCount(len(shown))
        for row, item in enumerate(shown):
            background, foreground = severity_colors(self._theme, item.severity)
            kind = QTableWidgetItem(SEVERITY_WORDS[item.severity])
            kind.setData(PILL_ROLE, Pill(SEVERITY_WORDS[item.severity], background, foreground))
            number = QTableWidgetItem(str(item.row))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            where = QTableWidgetItem(field_label(item.field))
            message = QTableWidgetItem(item.message)
            message.setToolTip(item.message)
            for column, cell in enumerate((kind, number, where, message)):
                self.setItem(row, column, cell)

    def problem(self, row: int) -> Problem:
        return self._problems[row]


class PreviewPage(QWidget):
    """Counts banner, the grid of cleaned rows, and the problem list with a severity filter."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._preview: ImportPreview | None = None
        layout = page_layout(self)
        self.header = PageHeader(
            "Preview",
            "The first rows as your catalog would get them. Colored cells had a problem: red was "
            "left out, amber deserves a look, green was repaired. Point at a cell to read why.",
            self,
        )
        self.banner = Notice(self)
        self.notice = Notice(self)
        self.model = PreviewModel(theme, self)
        self.grid = QTableView(self)
        self.grid.setObjectName("PreviewGrid")
        self.grid.setAccessibleName("Preview of the cleaned rows")
        self.grid.setModel(self.model)
        self.action_delegate = PillDelegate(theme, self.grid)
        self.grid.setItemDelegateForColumn(ACTION_COLUMN, self.action_delegate)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setAlternatingRowColors(False)
        self.grid.setWordWrap(False)
        self.grid.setShowGrid(True)
        self.grid.verticalHeader().hide()
        self.grid.verticalHeader().setDefaultSectionSize(28)
        header = self.grid.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        problems = QWidget(self)
        problems_box = QVBoxLayout(problems)
        problems_box.setContentsMargins(0, 8, 0, 0)
        problems_box.setSpacing(6)
        bar = QHBoxLayout()
        self.problems_title = QLabel("Problems", problems)
        self.problems_title.setObjectName("SectionTitle")
        self.filter = QComboBox(problems)
        self.filter.setAccessibleName("Show problems of this kind")
        self.filter_label = QLabel("&Show:", problems)
        self.filter_label.setBuddy(self.filter)
        bar.addWidget(self.problems_title)
        bar.addStretch(1)
        bar.addWidget(self.filter_label)
        bar.addWidget(self.filter)
        self.problems = ProblemList(theme, problems)
        problems_box.addLayout(bar)
        problems_box.addWidget(self.problems, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(problems)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.filter.currentIndexChanged.connect(self._refilter)
        self.problems.itemSelectionChanged.connect(self._reveal_problem)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.model.set_theme(theme)
        self.action_delegate.set_theme(theme)
        self.problems.set_theme(theme)

    @property
    def preview(self) -> ImportPreview | None:
        return self._preview

    def show_preview(self, preview: ImportPreview, mapped: list[str]) -> None:
        self._preview = preview
        self.notice.clear()
        self.banner.show_message(counts_sentence(preview), "", "info")
        self.grid.show()
        self.model.set_preview(preview, mapped)
        self._size_columns()
        self._fill_filter(preview.problems)
        self._refilter()

    def show_error(self, error: BaseException) -> None:
        self._preview = None
        self.banner.clear()
        self.notice.show_error(error)
        self.model.clear()
        self._fill_filter([])
        self._refilter()

    def _fill_filter(self, problems: list[Problem]) -> None:
        counts = Counter(p.severity for p in problems)
        current = self.filter.currentIndex()
        self.filter.blockSignals(True)
        self.filter.clear()
        for label, severity in FILTERS:
            count = len(problems) if severity is None else counts[severity]
            self.filter.addItem(f"{label} ({count:,})", "" if severity is None else severity.value)
        self.filter.setCurrentIndex(max(0, current))
        self.filter.blockSignals(False)
        self.problems_title.setText(
            f"Problems in these rows ({len(problems):,})" if problems else "No problems found"
        )

    def _refilter(self, _index: int = 0) -> None:
        value = self.filter.currentData()
        severity = Severity(value) if value else None
        problems = self._preview.problems if self._preview is not None else []
        self.problems.show_problems(problems, severity)

    def _size_columns(self) -> None:
        self.grid.setColumnWidth(ROW_COLUMN, 52)
        self.grid.setColumnWidth(ACTION_COLUMN, 96)
        widths = {"title": 280, "description": 260, "images": 220, "attributes": 220}
        for offset, name in enumerate(self.model.fields):
            column = offset + 2
            self.grid.resizeColumnToContents(column)
            cap = widths.get(name, 160)
            self.grid.setColumnWidth(column, min(max(self.grid.columnWidth(column), 70), cap))

    def _reveal_problem(self) -> None:
        rows = self.problems.selectionModel().selectedRows()
        if not rows:
            return
        item = self.problems.problem(rows[0].row())
        for index in range(self.model.rowCount()):
            if self.model.row_data(index).row == item.row:
                fields = self.model.fields
                column = fields.index(item.field) + 2 if item.field in fields else ROW_COLUMN
                target = self.model.index(index, column)
                self.grid.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
                self.grid.setCurrentIndex(target)
                return
