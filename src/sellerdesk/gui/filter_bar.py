"""Filter chips above the table: brand, category, stock, problems and missing fields.

Each active filter is a removable pill; "Add filter" offers the catalog's own brands and
categories (counted in the background) plus stock levels, readiness problems and missing
fields. The bar only describes filters; the window applies them to the table's query.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.gui.columns import LOW_STOCK
from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.gui.theme import Theme
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.product_problems import CHECKS
from sellerdesk.services.queries import CatalogQuery
from sellerdesk.tasks.runner import Lane, TaskContext

MISSING_CHOICES = ("images", "gtin", "price", "description", "brand", "category_path", "title")


@dataclass(frozen=True)
class Filters:
    """The filter part of a CatalogQuery."""

    brand: str | None = None
    category: str | None = None
    max_stock: int | None = None
    missing: str | None = None
    problem: str | None = None

    @classmethod
    def of(cls, query: CatalogQuery) -> Filters:
        return cls(query.brand, query.category, query.max_stock, query.missing, query.problem)

    def apply(self, query: CatalogQuery) -> CatalogQuery:
        return replace(
            query,
            brand=self.brand,
            category=self.category,
            max_stock=self.max_stock,
            missing=self.missing,
            problem=self.problem,
        )

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Filters:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))


def missing_label(name: str) -> str:
    return "Photos" if name == "images" else FIELD_BY_NAME[name].label


def chip_texts(filters: Filters) -> list[tuple[str, str]]:
    """(filter field, words on the chip) for each active filter."""
    chips: list[tuple[str, str]] = []
    if filters.brand is not None:
        chips.append(("brand", f"Brand: {filters.brand}"))
    if filters.category is not None:
        chips.append(("category", f"Category: {filters.category}"))
    if filters.max_stock is not None:
        if filters.max_stock <= 0:
            words = "Out of stock"
        elif filters.max_stock == LOW_STOCK:
            words = f"Low stock (≤ {LOW_STOCK})"
        else:
            words = f"Stock ≤ {filters.max_stock}"
        chips.append(("max_stock", words))
    if filters.problem is not None:
        if filters.problem == "any":
            words = "Has problems"
        else:
            words = next(c.words for c in CHECKS if c.code == filters.problem)
        chips.append(("problem", words))
    if filters.missing is not None:
        chips.append(("missing", f"Missing: {missing_label(filters.missing)}"))
    return chips


class FilterBar(QWidget):
    """A row of removable filter pills and an "Add filter" menu."""

    filters_changed = Signal(object)

    def __init__(
        self,
        catalog: CatalogService,
        bridge: TaskBridge,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("FilterBar")
        self.setAccessibleName("Filters")
        self._catalog = catalog
        self._bridge = bridge
        self._theme = theme
        self._filters = Filters()
        self._brands: list[tuple[str, int]] = []
        self._categories: list[tuple[str, int]] = []
        self._chips: list[QToolButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(6)
        self._label = QLabel("Filters:", self)
        layout.addWidget(self._label)
        self._chip_area = QHBoxLayout()
        self._chip_area.setSpacing(6)
        layout.addLayout(self._chip_area)
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.add_button = self.menu_button(self, "+ Add filter")
        layout.addWidget(self.add_button)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear all")
        self.clear_button.setAccessibleName("Clear all filters")
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_theme(theme)
        self._rebuild()

    # ------------------------------------------------------------------ API
    def menu_button(self, parent: QWidget, text: str) -> QToolButton:
        """A button that opens the "Add filter" menu (the bar's own, and the toolbar's)."""
        button = QToolButton(parent)
        button.setText(text)
        button.setAccessibleName("Add filter")
        button.setToolTip("Show only some products: by brand, category, stock, problems…")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(self.menu)
        return button

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters, *, notify: bool = True) -> None:
        if filters == self._filters:
            return
        self._filters = filters
        self._rebuild()
        if notify:
            self.filters_changed.emit(filters)

    def clear(self) -> None:
        self.set_filters(Filters())

    def set_catalog(self, catalog: CatalogService, bridge: TaskBridge) -> None:
        self._catalog, self._bridge = catalog, bridge
        self._brands, self._categories = [], []
        self.set_filters(Filters(), notify=False)

    def refresh_choices(self) -> None:
        """Count brands and categories again in the background (after imports, edits)."""
        catalog = self._catalog

        def work(_task: TaskContext) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
            return catalog.facet("brand"), catalog.facet("category_path", limit=2000)

        def done(result: tuple[list[tuple[str, int]], list[tuple[str, int]]]) -> None:
            self._brands = result[0]
            self._categories = _top_categories(result[1])

        Op(self, work, bridge=self._bridge).titled("Counting brands and categories").in_lane(
            Lane.READ
        ).on_success(done).on_failure(lambda _error: None).run()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._label.setStyleSheet(f"color: {theme.muted};")
        self.setStyleSheet(
            f"QWidget#FilterBar {{ background: {theme.base}; "
            f"border-bottom: 1px solid {theme.border}; }}"
            f"QToolButton[chip='true'] {{ background: {theme.accent_soft}; color: {theme.text};"
            f" border: 1px solid {theme.accent}; border-radius: 11px; padding: 2px 10px; }}"
            f"QToolButton[chip='true']:hover {{ background: {theme.selection};"
            f" color: {theme.selection_text}; }}"
        )

    def chip_buttons(self) -> list[QToolButton]:
        return list(self._chips)

    # ------------------------------------------------------------ internals
    def _rebuild(self) -> None:
        for chip in self._chips:
            self._chip_area.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        for name, words in chip_texts(self._filters):
            chip = QToolButton(self)
            chip.setProperty("chip", True)
            chip.setText(f"{words}  ✕")
            chip.setToolTip(f"Remove the filter “{words}”")
            chip.setAccessibleName(f"Remove filter {words}")
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _checked=False, n=name: self._remove(n))
            self._chip_area.addWidget(chip)
            self._chips.append(chip)
        self.clear_button.setVisible(bool(self._chips))
        self._label.setVisible(bool(self._chips))
        self.setVisible(bool(self._chips))

    def _remove(self, name: str) -> None:
        self.set_filters(replace(self._filters, **{name: None}))

    def _set(self, **changes: Any) -> None:
        self.set_filters(replace(self._filters, **changes))

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        brands = menu.addMenu("Brand")
        if not self._brands:
            brands.addAction("No brands yet").setEnabled(False)
        for brand, count in self._brands[:40]:
            self._choice(brands, f"{brand}  ({count:,})", brand=brand)
        categories = menu.addMenu("Category")
        for path, count in self._categories[:40]:
            self._choice(categories, f"{path}  ({count:,})", category=path)
        if self._categories:
            categories.addSeparator()
        other = categories.addAction("Starts with…")
        other.triggered.connect(self._ask_category)
        stock = menu.addMenu("Stock")
        self._choice(stock, "Out of stock", max_stock=0)
        self._choice(stock, f"Low stock (≤ {LOW_STOCK})", max_stock=LOW_STOCK)
        at_most = stock.addAction("At most…")
        at_most.triggered.connect(self._ask_stock)
        problems = menu.addMenu("Problems")
        self._choice(problems, "Any problem", problem="any")
        problems.addSeparator()
        for check in CHECKS:
            self._choice(problems, check.words, problem=check.code)
        missing = menu.addMenu("Missing")
        for name in MISSING_CHOICES:
            self._choice(missing, missing_label(name), missing=name)

    def _choice(self, menu: QMenu, text: str, **changes: Any) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: self._set(**changes))
        return action

    def _ask_category(self) -> None:
        text, ok = QInputDialog.getText(
            self, "Category filter", "Show products whose category starts with:"
        )
        if ok and text.strip():
            self._set(category=text.strip())

    def _ask_stock(self) -> None:
        value, ok = QInputDialog.getInt(
            self, "Stock filter", "Show products with stock at most:", 10, 0, 1_000_000_000
        )
        if ok:
            self._set(max_stock=value)


def _top_categories(paths: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts per top-level category (the first part of each path), biggest first."""
    totals: dict[str, int] = {}
    for path, count in paths:
        top = path.split(">")[0].strip()
        if top:
            totals[top] = totals.get(top, 0) + count
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
