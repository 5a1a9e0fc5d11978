"""The catalog table's columns and how one product row becomes cell texts (no Qt here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.core.money import minor_unit
from sellerdesk.core.taxonomy import SEPARATOR

#: Stock at or below this (but above zero) is highlighted as low.
LOW_STOCK = 5

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


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    #: the CatalogQuery.sort field this column sorts by
    sort: str
    #: a typical longest value; the default width fits it (and the header label)
    sample: str
    numeric: bool = False
    secondary: bool = False
    #: the first click on the header sorts descending (newest first) instead of ascending
    newest_first: bool = False

    @property
    def first_order(self) -> int:
        """Qt.SortOrder value for the first click (0 ascending, 1 descending)."""
        return 1 if self.newest_first else 0


def _label(name: str) -> str:
    return FIELD_BY_NAME[name].label


COLUMNS: tuple[Column, ...] = (
    Column("sku", _label("sku"), "sku", "YOGA-0001-LAVEND"),
    Column("title", _label("title"), "title", "Stoneware Latte Mug – Large Handle Cozy Cup, Cream"),
    Column("brand", _label("brand"), "brand", "Honeycomb Hollow", secondary=True),
    Column("gtin", _label("gtin"), "gtin", "0012345678905", secondary=True),
    Column("price", _label("price"), "price", "$1,299.99", numeric=True),
    Column("sale_price", _label("sale_price"), "sale_price", "$999.99", numeric=True),
    Column("stock", _label("stock"), "stock", "1,234", numeric=True),
    Column(
        "category",
        _label("category_path"),
        "category_path",
        "Yoga & Pilates Mats",
        secondary=True,
    ),
    Column("status", _label("status"), "status", "Archived___"),
    Column("updated", "Updated", "updated_at", "Today 14:05", secondary=True, newest_first=True),
)
COLUMN_INDEX: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}
#: Product columns the table asks CatalogService.rows for.
FETCH_COLUMNS: tuple[str, ...] = (
    "sku",
    "title",
    "brand",
    "gtin",
    "price",
    "sale_price",
    "currency",
    "stock",
    "category_path",
    "status",
)


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


def format_money(amount: Decimal | None, currency: str | None) -> str:
    """``$24.99``, ``€1,250.00``, ``¥3,200``; ``24.99 CHF`` for currencies without a symbol."""
    if amount is None:
        return ""
    code = (currency or "").upper()
    places = 0 if code and minor_unit(code) == 1 else 2
    number = f"{Decimal(amount):,.{places}f}"
    symbol = CURRENCY_SYMBOLS.get(code)
    if symbol is not None:
        return f"{symbol}{number}"
    return f"{number} {code}".rstrip()


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


def display_row(product_id: int, raw: Mapping[str, Any] | None, now: datetime) -> DisplayRow:
    """Cell texts and tooltips for one product row from ``CatalogService.rows``."""
    if raw is None:
        blank = ("",) * len(COLUMNS)
        return DisplayRow(product_id, blank, (None,) * len(COLUMNS), None, None, False, True)
    currency = raw.get("currency")
    stock = raw.get("stock")
    status = raw.get("status")
    price = raw.get("price")
    sale = raw.get("sale_price")
    path = raw.get("category_path")
    updated = raw.get("updated_at")
    title = raw.get("title") or ""
    texts = (
        raw.get("sku") or "",
        title,
        raw.get("brand") or "",
        raw.get("gtin") or "",
        format_money(price, currency),
        format_money(sale, currency),
        "" if stock is None else f"{stock:,}",
        category_leaf(path),
        (status or "").capitalize(),
        format_updated(updated, now),
    )
    stock_tip = None
    if stock is not None and stock <= 0:
        stock_tip = "Out of stock"
    elif stock is not None and stock <= LOW_STOCK:
        stock_tip = f"Low stock: {stock} left"
    tooltips = (
        None,
        title if len(title) > 40 else None,
        None,
        None,
        None,
        "On sale" if sale is not None else None,
        stock_tip,
        path or None,
        None,
        updated.astimezone().strftime("%Y-%m-%d %H:%M:%S") if updated else None,
    )
    return DisplayRow(product_id, texts, tooltips, stock, status, sale is not None)
