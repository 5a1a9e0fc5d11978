"""The Report step: what the import did, its problems grouped by kind, and Undo."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.core.changes import ChangeSummary
from sellerdesk.gui.import_pages import Notice, PageHeader, page_layout, scaled_font
from sellerdesk.gui.import_preview_grid import SEVERITY_WORDS, field_label, severity_colors
from sellerdesk.gui.theme import Theme
from sellerdesk.importers.layouts import SALES
from sellerdesk.importers.model import Problem, Severity
from sellerdesk.services.importing import ImportReport

#: Problems listed word for word under each group; the rest are counted.
EXAMPLES_PER_GROUP = 50
#: Row numbers named in a group's line.
ROWS_NAMED = 6

CODE_TITLES: dict[str, str] = {
    "sku.missing": "Rows without a SKU (skipped)",
    "sku.refused": "SKUs the catalog can't use (rows skipped)",
    "sku.duplicate": "SKUs that appear more than once in the file",
    "sku.trimmed": "SKUs with extra spaces (trimmed)",
    "sku.too_long": "SKUs that are too long",
    "sku.generated": "SKUs made up from the title",
    "row.footer": "Totals or footer lines (not imported)",
    "gtin.leading_zero": "GTINs whose lost leading zero was restored",
    "gtin.check_digit": "GTINs with a wrong check digit (left out)",
    "gtin.scientific": "GTINs in scientific notation (left out)",
    "gtin.invalid": "GTINs that aren't valid (left out)",
    "gtin.upc_e": "Short UPC-E codes expanded",
    "gtin.decimal": "GTINs written as decimal numbers",
    "title.all_caps": "Titles in ALL CAPS",
    "title.too_long": "Titles longer than 150 characters",
    "title.truncated": "Titles cut to 500 characters",
    "title.html": "Titles with HTML removed",
    "description.html": "Descriptions converted from HTML",
    "description.truncated": "Descriptions cut to the size limit",
    "price.unparseable": "Amounts that couldn't be read (left out)",
    "price.negative": "Negative amounts (left out)",
    "price.separator": "Amounts with a decimal comma (read correctly)",
    "price.rounded": "Amounts rounded to cents",
    "price.too_large": "Amounts too large to be real (left out)",
    "price.currency_ambiguous": "Amounts with an unclear currency",
    "stock.unparseable": "Stock that isn't a whole number (left out)",
    "stock.blank": "Empty stock cells",
    "stock.negative": "Negative stock (left out)",
    "stock.at_least": "Stock written as “at least” a number",
    "image.invalid": "Image links that aren't web addresses (left out)",
    "text.mojibake": "Garbled letters repaired",
    "text.formula": "Cells that look like spreadsheet formulas",
    "text.control_chars": "Invisible control characters removed",
    "kept.manual": "Your own edits kept (the file's value is stored beside them)",
    "currency.mixed": "Rows with prices in different currencies",
    "currency.invalid": "Unknown currency codes (left out)",
    "condition.unknown": "Conditions not recognised (left out)",
    "status.unknown": "Statuses not recognised (left out)",
    "parent.unknown": "Variants whose parent isn't in the file",
    "number.unparseable": "Numbers that couldn't be read (left out)",
    "number.negative": "Negative numbers (left out)",
    "date.unparseable": "Dates that couldn't be read",
}


@dataclass
class ProblemGroup:
    """All problems of one kind: how many, on which rows, and the first few word for word."""

    code: str
    severity: Severity
    count: int
    title: str
    rows: list[int] = field(default_factory=list)
    examples: list[Problem] = field(default_factory=list)

    def rows_text(self) -> str:
        if not self.rows:
            return ""
        named = ", ".join(str(r) for r in self.rows[:ROWS_NAMED])
        more = self.count - min(len(self.rows), ROWS_NAMED)
        word = "Row" if self.count == 1 else "Rows"
        return f"{word} {named}" + (f" and {more:,} more" if more > 0 else "")


def group_title(code: str, field_name: str | None) -> str:
    if code in CODE_TITLES:
        return CODE_TITLES[code]
    kind = code.split(".", 1)[-1].replace("_", " ")
    if code.endswith(".refused"):
        return f"{field_label(field_name)}: values the catalog refused (left out)"
    return f"{field_label(field_name)}: {kind}"


def group_problems(report: ImportReport) -> list[ProblemGroup]:
    """Problems by kind, errors first; Qt-free so the worker can do it for big reports."""
    by_code: dict[str, list[Problem]] = defaultdict(list)
    for item in report.problems:
        by_code[item.code].append(item)
    totals: dict[str, int] = dict(report.problem_summary.get("by_code") or {})
    for code, items in by_code.items():
        totals[code] = max(totals.get(code, 0), len(items))
    groups: list[ProblemGroup] = []
    for code, count in totals.items():
        items = by_code.get(code, [])
        first = items[0] if items else None
        severity = first.severity if first is not None else Severity.WARNING
        rows = list(dict.fromkeys(p.row for p in items))
        groups.append(
            ProblemGroup(
                code=code,
                severity=severity,
                count=count,
                title=group_title(code, first.field if first else None),
                rows=rows[:ROWS_NAMED],
                examples=items[:EXAMPLES_PER_GROUP],
            )
        )
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.FIXED: 2}
    groups.sort(key=lambda g: (order[g.severity], -g.count, g.title))
    return groups


def severity_icon(background: QColor, foreground: QColor, size: int = 14) -> QIcon:
    """A small round badge in a severity's colors, crisp on high-DPI screens."""
    ratio = 2.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(foreground, 1.6))
    painter.setBrush(background)
    painter.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(foreground)
    painter.drawEllipse(QRectF(size / 2 - 2.5, size / 2 - 2.5, 5, 5))
    painter.end()
    return QIcon(pixmap)


class CountTile(QFrame):
    """One big number with its label."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CountTile")
        self.value = QLabel("0", self)
        self.value.setObjectName("CountValue")
        self.value.setFont(scaled_font(self.font(), 1.9, QFont.Weight.DemiBold))
        self.label = QLabel(label, self)
        self.label.setObjectName("CountLabel")
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 10, 16, 12)
        box.setSpacing(0)
        box.addWidget(self.value)
        box.addWidget(self.label)

    def set_value(self, value: int) -> None:
        self.value.setText(f"{value:,}")
        self.setAccessibleName(f"{self.label.text()}: {value:,}")


PRODUCT_TILES = (
    ("new", "New products"),
    ("updated", "Updated"),
    ("unchanged", "Unchanged"),
    ("skipped", "Skipped"),
    ("duplicate", "Duplicates"),
)
SALES_TILES = (
    ("new", "New sales"),
    ("updated", "Updated sales"),
    ("linked_to_products", "Linked to products"),
    ("skipped", "Skipped"),
    ("duplicate", "Duplicates"),
)


class ReportPage(QWidget):
    """Counts, grouped problems and the Undo button of a finished import."""

    undo_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.report: ImportReport | None = None
        layout = page_layout(self)
        self.header = PageHeader("Import finished", "", self)
        self.tiles_row = QHBoxLayout()
        self.tiles_row.setSpacing(12)
        self.tiles: dict[str, CountTile] = {}
        self.problems_title = QLabel("Problems", self)
        self.problems_title.setObjectName("SectionTitle")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("ReportProblems")
        self.tree.setAccessibleName("Problems of the import, grouped by kind")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Kind", "How many", "Where"])
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        self.tree.setRootIsDecorated(True)
        tree_header = self.tree.header()
        tree_header.setStretchLastSection(True)
        tree_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        tree_header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.tree.setColumnWidth(0, 500)
        self.tree.setColumnWidth(1, 90)
        self.no_problems = QLabel("No problems: every row went in as it was.", self)
        self.no_problems.setObjectName("Muted")
        self.no_problems.hide()

        self.notice = Notice(self)
        undo_row = QHBoxLayout()
        self.undo_note = QLabel(
            "Changed your mind? Undo removes every product and change this import made.", self
        )
        self.undo_note.setObjectName("Muted")
        self.undo_note.setWordWrap(True)
        self.undo_button = QPushButton("&Undo This Import", self)
        self.undo_button.setObjectName("SecondaryButton")
        self.undo_button.setAccessibleName("Undo this import")
        self.undo_button.clicked.connect(self.undo_requested)
        undo_row.addWidget(self.undo_note, 1)
        undo_row.addWidget(self.undo_button)

        layout.addWidget(self.header)
        layout.addLayout(self.tiles_row)
        layout.addSpacing(4)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.no_problems)
        layout.addWidget(self.notice)
        layout.addLayout(undo_row)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def _build_tiles(self, sales: bool) -> None:
        while self.tiles_row.count():
            item = self.tiles_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.tiles = {}
        for key, label in SALES_TILES if sales else PRODUCT_TILES:
            tile = CountTile(label, self)
            self.tiles[key] = tile
            self.tiles_row.addWidget(tile, 1)

    def show_report(self, report: ImportReport, groups: list[ProblemGroup]) -> None:
        self.report = report
        sales = report.inspection.kind == SALES
        self._build_tiles(sales)
        counts = report.counts
        for key, tile in self.tiles.items():
            tile.set_value(int(counts.get(key, 0)))
        rows = int(counts.get("rows", 0))
        seconds = report.seconds
        if seconds < 1:
            took = "under a second"
        elif seconds < 60:
            took = f"{seconds:.1f} s"
        else:
            took = f"{seconds / 60:.1f} min"
        self.header.set_text(
            "Import finished",
            f"“{report.inspection.path.name}” · {rows:,} {'row' if rows == 1 else 'rows'} "
            f"read in {took} · saved as one change: “{report.batch_name}”.",
        )
        self._fill_problems(groups)
        self.notice.clear()
        self.undo_button.setEnabled(report.batch_name is not None)
        self.undo_button.show()
        self.undo_note.show()

    def _fill_problems(self, groups: list[ProblemGroup]) -> None:
        self.tree.clear()
        total = sum(g.count for g in groups)
        self.problems_title.setText(f"Problems by kind ({total:,})" if groups else "Problems")
        self.tree.setVisible(bool(groups))
        self.no_problems.setVisible(not groups)
        bold = QFont(self.tree.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for group in groups:
            background, foreground = severity_colors(self._theme, group.severity)
            parent = QTreeWidgetItem(
                [
                    f"{SEVERITY_WORDS[group.severity]} · {group.title}",
                    f"{group.count:,}",
                    group.rows_text(),
                ]
            )
            parent.setIcon(0, severity_icon(background, foreground))
            parent.setFont(0, bold)
            parent.setData(
                0,
                Qt.ItemDataRole.AccessibleTextRole,
                f"{SEVERITY_WORDS[group.severity]}: {group.title}",
            )
            parent.setToolTip(0, group.examples[0].message if group.examples else group.title)
            for example in group.examples:
                sku = f" · {example.sku}" if example.sku else ""
                child = QTreeWidgetItem([example.message, "", f"Row {example.row}{sku}"])
                child.setToolTip(0, example.message)
                parent.addChild(child)
            if group.count > len(group.examples):
                more = QTreeWidgetItem(
                    [f"… and {group.count - len(group.examples):,} more", "", ""]
                )
                more.setForeground(0, self._theme.color("muted"))
                parent.addChild(more)
            self.tree.addTopLevelItem(parent)
            parent.setExpanded(group.severity is Severity.ERROR)

    # ---------------------------------------------------------------------- undo
    def show_undoing(self) -> None:
        self.undo_button.setEnabled(False)
        self.notice.show_message("Undoing the import…", "", "info")

    def show_undone(self, summary: ChangeSummary) -> None:
        self.undo_button.setEnabled(False)
        self.undo_note.hide()
        removed = len(summary.deleted)
        restored = len(summary.updated)
        parts = []
        if removed:
            parts.append(f"{removed:,} new product{'s' if removed != 1 else ''} removed")
        if restored:
            parts.append(
                f"{restored:,} product{'s' if restored != 1 else ''} put back as they were"
            )
        detail = "; ".join(parts) or "Your catalog is as it was before."
        self.header.set_text("Import undone")
        self.notice.show_message(
            "The import was undone.", f"{detail[:1].upper()}{detail[1:]}.", "success"
        )

    def show_undo_unavailable(self, message: str, hint: str) -> None:
        self.undo_button.setEnabled(False)
        self.notice.show_message(message, hint, "warning")

    def show_undo_failed(self, error: BaseException) -> None:
        self.undo_button.setEnabled(True)
        self.notice.show_error(error)
