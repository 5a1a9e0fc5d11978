"""The catalog table's columns and how one product row becomes cell texts (no Qt here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sellerdesk.core.fields import FIELD_BY_NAME, FieldSpec, Kind
from sellerdesk.core.money import minor_unit
from sellerdesk.core.taxonomy import SEPARATOR
from sellerdesk.services.product_problems import ERROR, Check
from sellerdesk.services.table_clipboard import plain_money

#: Stock at or below this (but above zero) is highlighted as low.
LOW_STOCK = 5
#: Characters of a description the table shows (the editor shows all of it).
PREVIEW_CHARS = 160

CURRENCY_SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "INR": "₹",
    "KRW": "₩",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
}

#: How a column is edited, besides the field kinds: the category picker.
CATEGORY_EDITOR = "category"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    #: the CatalogQuery.sort field this column sorts by; None when it does not sort
    sort: str | None
    #: a typical longest value; the default width fits it (and the header label)
    sample: str
    numeric: bool = False
    secondary: bool = False
    #: the first click on the header sorts descending (newest first) instead of ascending
    newest_first: bool = False
    #: the product field an edit of this column writes; None for read-only columns
    field: str | None = None
    #: hidden until the seller shows it (header menu)
    hidden: bool = False
    #: what the header tooltip says instead of "Sort by ..."
    tip: str | None = None

    @property
    def first_order(self) -> int:
        """Qt.SortOrder value for the first click (0 ascending, 1 descending)."""
        return 1 if self.newest_first else 0

    @property
    def editable(self) -> bool:
        return self.field is not None

    @property
    def spec(self) -> FieldSpec | None:
        return None if self.field is None else FIELD_BY_NAME[self.field]

    @property
    def editor(self) -> str | None:
        """The editor kind: a ``Kind`` value, ``"category"``, or None when read-only."""
        if self.field is None:
            return None
        if self.key == "category":
            return CATEGORY_EDITOR
        return FIELD_BY_NAME[self.field].kind.value


def _label(name: str) -> str:
    return FIELD_BY_NAME[name].label


COLUMNS: tuple[Column, ...] = (
    Column(
        "problems",
        "Problems",
        None,
        "99",
        tip="What keeps a product from being ready to sell (hover a badge for the list)",
    ),
    Column("sku", _label("sku"), "sku", "YOGA-0001-LAVEND", field="sku"),
    Column(
        "title",
        _label("title"),
        "title",
        "Stoneware Latte Mug – Large Handle Cozy Cup, Cream",
        field="title",
    ),
    Column("brand", _label("brand"), "brand", "Honeycomb Hollow", secondary=True, field="brand"),
    Column("mpn", _label("mpn"), "mpn", "HH-LM-2041-CR", secondary=True, field="mpn", hidden=True),
    Column("gtin", _label("gtin"), "gtin", "0012345678905", secondary=True, field="gtin"),
    Column("price", _label("price"), "price", "$1,299.99", numeric=True, field="price"),
    Column(
        "sale_price",
        _label("sale_price"),
        "sale_price",
        "$999.99",
        numeric=True,
        field="sale_price",
    ),
    Column("cost", _label("cost"), "cost", "$999.99", numeric=True, field="cost", hidden=True),
    Column("stock", _label("stock"), "stock", "1,234", numeric=True, field="stock"),
    Column(
        "category",
        _label("category_path"),
        "category_path",
        "Yoga & Pilates Mats",
        secondary=True,
        field="category_path",
    ),
    Column(
        "condition", _label("condition"), "condition", "Refurbished", field="condition", hidden=True
    ),
    Column("status", _label("status"), "status", "Archived___", field="status"),
    Column(
        "description",
        _label("description"),
        "description",
        "Hand-thrown stoneware with a glossy glaze, dishwasher safe",
        secondary=True,
        field="description",
        hidden=True,
    ),
    Column(
        "parent_sku",
        "Parent SKU",
        None,
        "YOGA-0001",
        secondary=True,
        hidden=True,
        tip="The product this variant belongs to (read-only)",
    ),
    Column("updated", "Updated", "updated_at", "Today 14:05", secondary=True, newest_first=True),
)
COLUMN_INDEX: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}
PROBLEMS_COLUMN = COLUMN_INDEX["problems"]
#: Product columns the table asks CatalogService.rows for.
FETCH_COLUMNS: tuple[str, ...] = (
    "sku",
    "title",
    "brand",
    "mpn",
    "gtin",
    "price",
    "sale_price",
    "cost",
    "currency",
    "stock",
    "category_id",
    "category_path",
    "condition",
    "status",
    "description",
)

#: (words, severity) of one readiness problem, as the problems column shows it.
RowProblem = tuple[str, str]


@dataclass(frozen=True, slots=True)
class DisplayRow:
    """One product, formatted once when fetched so painting stays cheap."""

    product_id: int
    texts: tuple[str, ...]
    tooltips: tuple[str | None, ...]
    stock: int | None
    status: str | None
    on_sale: bool
    missing: bool = False
    #: the product's columns as ``CatalogService.rows`` returned them (edits and copies)
    raw: Mapping[str, Any] | None = None
    problems: tuple[RowProblem, ...] = ()

    @property
    def version(self) -> int | None:
        return None if self.raw is None else self.raw.get("version")

    @property
    def currency(self) -> str | None:
        return None if self.raw is None else self.raw.get("currency")

    @property
    def sku(self) -> str:
        return "" if self.raw is None else str(self.raw.get("sku") or "")


def currency_affixes(currency: str | None) -> tuple[str, str]:
    """(prefix, suffix) around an amount: ``("$", "")`` or ``("", " CHF")``."""
    code = (currency or "").upper()
    symbol = CURRENCY_SYMBOLS.get(code)
    if symbol is not None:
        return symbol, ""
    return "", f" {code}" if code else ""


def format_money(amount: Decimal | None, currency: str | None) -> str:
    """``$24.99``, ``€1,250.00``, ``¥3,200``; ``24.99 CHF`` for currencies without a symbol."""
    if amount is None:
        return ""
    code = (currency or "").upper()
    places = 0 if code and minor_unit(code) == 1 else 2
    number = f"{Decimal(amount):,.{places}f}"
    prefix, suffix = currency_affixes(code)
    return f"{prefix}{number}{suffix}"


def format_updated(moment: datetime | None, now: datetime) -> str:
    """A short local time: ``Today 14:05``, ``Yesterday 09:12``, ``Nov 21``, ``Nov 21, 2025``."""
    if moment is None:
        return ""
    local = moment.astimezone()
    today = now.astimezone().date()
    if local.date() == today:
        return f"Today {local:%H:%M}"
    if local.date() == today - timedelta(days=1):
        return f"Yesterday {local:%H:%M}"
    if local.year == today.year:
        return f"{local:%b} {local.day}"
    return f"{local:%b} {local.day}, {local.year}"


def category_leaf(path: str | None) -> str:
    if not path:
        return ""
    return path.rsplit(SEPARATOR, 1)[-1].strip()


def text_preview(text: str | None) -> str:
    """Long text on one line, cut to ``PREVIEW_CHARS``."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 1] + "…"


def problem_tooltip(problems: Sequence[RowProblem]) -> str | None:
    """Each problem in words, one per line, errors first (as ``problems_of`` orders them)."""
    return "\n".join(words for words, _ in problems) or None


def problems_in_words(problems: Sequence[RowProblem]) -> str:
    """The problems cell for screen readers: "Ready" or "2 problems: No price, No photo"."""
    if not problems:
        return "Ready"
    count = len(problems)
    words = ", ".join(words for words, _ in problems)
    return f"{count} problem{'s' if count != 1 else ''}: {words}"


def problems_of_checks(checks: Sequence[Check] | None) -> tuple[RowProblem, ...]:
    if not checks:
        return ()
    ordered = sorted(checks, key=lambda check: check.severity != ERROR)
    return tuple((check.words, check.severity) for check in ordered)


def _blank_row(product_id: int) -> DisplayRow:
    blank = ("",) * len(COLUMNS)
    return DisplayRow(product_id, blank, (None,) * len(COLUMNS), None, None, False, True)


def display_row(
    product_id: int,
    raw: Mapping[str, Any] | None,
    now: datetime,
    problems: Sequence[Check] | tuple[RowProblem, ...] | None = None,
) -> DisplayRow:
    """Cell texts and tooltips for one product row from ``CatalogService.rows``."""
    if raw is None:
        return _blank_row(product_id)
    found = _as_row_problems(problems)
    currency = raw.get("currency")
    stock = raw.get("stock")
    status = raw.get("status")
    sale = raw.get("sale_price")
    path = raw.get("category_path")
    updated = raw.get("updated_at")
    title = raw.get("title") or ""
    texts = (
        str(len(found)) if found else "",
        raw.get("sku") or "",
        title,
        raw.get("brand") or "",
        raw.get("mpn") or "",
        raw.get("gtin") or "",
        format_money(raw.get("price"), currency),
        format_money(sale, currency),
        format_money(raw.get("cost"), currency),
        "" if stock is None else f"{stock:,}",
        category_leaf(path),
        (raw.get("condition") or "").capitalize(),
        (status or "").capitalize(),
        text_preview(raw.get("description")),
        raw.get("parent_sku") or "",
        format_updated(updated, now),
    )
    stock_tip = None
    if stock is not None and stock <= 0:
        stock_tip = "Out of stock"
    elif stock is not None and stock <= LOW_STOCK:
        stock_tip = f"Low stock: {stock} left"
    tooltips = (
        problem_tooltip(found),
        None,
        title if len(title) > 40 else None,
        None,
        None,
        None,
        None,
        "On sale" if sale is not None else None,
        None,
        stock_tip,
        path or None,
        None,
        None,
        None,
        None,
        updated.astimezone().strftime("%Y-%m-%d %H:%M:%S") if updated else None,
    )
    return DisplayRow(
        product_id, texts, tooltips, stock, status, sale is not None, False, raw, found
    )


def _as_row_problems(
    problems: Sequence[Check] | tuple[RowProblem, ...] | None,
) -> tuple[RowProblem, ...]:
    if not problems:
        return ()
    if isinstance(problems[0], tuple):
        return tuple(problems)  # type: ignore[arg-type]
    return problems_of_checks(problems)  # type: ignore[arg-type]


def edit_value(column: Column, raw: Mapping[str, Any] | None) -> Any:
    """The value an editor starts from: a Decimal price, an int stock, the category's
    ``(id, path)``, the full description..."""
    if raw is None or column.field is None:
        return None
    if column.editor == CATEGORY_EDITOR:
        category_id, path = raw.get("category_id"), raw.get("category_path")
        return None if category_id is None and not path else (category_id, path)
    return raw.get(column.field)


def copy_text(column: Column, row: DisplayRow, index: int) -> str:
    """A cell as clipboard text a spreadsheet (or this table) reads back: plain amounts and
    counts, the full category path and description, the problems in words."""
    raw = row.raw
    if raw is None:
        return ""
    if column.key == "problems":
        return "; ".join(words for words, _ in row.problems)
    if column.key == "updated":
        updated = raw.get("updated_at")
        return updated.astimezone().strftime("%Y-%m-%d %H:%M") if updated else ""
    spec = column.spec
    if spec is None:
        return row.texts[index]
    if column.editor == CATEGORY_EDITOR:
        return str(raw.get("category_path") or "")
    value = raw.get(spec.name)
    if value is None:
        return ""
    if spec.kind is Kind.MONEY:
        return plain_money(value, row.currency)
    if spec.kind is Kind.CHOICE:
        return str(value).capitalize()
    return spec.display(value)
