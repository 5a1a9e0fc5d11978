"""What stops a product from being ready to sell anywhere, in words, in Python and in SQL.

These are the catalog-wide basics (each channel adds its own rules later). Every check exists
twice, as a test on one row (the table's problems column) and as a SQL condition (the "has
problems" filter over a million rows); a test keeps the two in agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, or_
from sqlalchemy.sql.elements import ColumnElement

from sellerdesk.services import tables as t

#: Titles longer than this are cut by most marketplaces (Google, Amazon, eBay: 150 or less).
TITLE_LIMIT = 150

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class ProductFacts:
    """What a check needs beyond the product's own columns."""

    images: int
    variants: int


@dataclass(frozen=True)
class Check:
    code: str
    words: str
    severity: str
    test: Callable[[Mapping[str, Any], ProductFacts], bool]
    sql: Callable[[], ColumnElement[bool]]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sql_blank(column: Any) -> ColumnElement[bool]:
    return or_(column.is_(None), func.trim(column) == "")


def _is_parent() -> ColumnElement[bool]:
    child = t.products.alias("child")
    return exists().where(child.c.parent_id == t.products.c.id)


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _all_caps(title: Any) -> bool:
    """As SQLite's upper()/lower() see it (ASCII letters only), so SQL and Python agree."""
    if not isinstance(title, str) or len(title) < 8:
        return False
    return title == title.translate(_ASCII_UPPER) and title != title.translate(_ASCII_LOWER)


_P = t.products.c

CHECKS: tuple[Check, ...] = (
    Check(
        "title.missing",
        "No title",
        ERROR,
        lambda row, _f: _blank(row.get("title")),
        lambda: _sql_blank(_P.title),
    ),
    Check(
        "price.missing",
        "No price",
        ERROR,
        lambda row, facts: facts.variants == 0 and row.get("price") is None,
        lambda: and_(_P.price.is_(None), ~_is_parent()),
    ),
    Check(
        "price.zero",
        "Price is zero",
        ERROR,
        lambda row, _f: row.get("price") is not None and row["price"] == 0,
        lambda: _P.price == 0,
    ),
    Check(
        "images.missing",
        "No photos",
        WARNING,
        lambda _row, facts: facts.images == 0,
        lambda: ~exists().where(t.images.c.product_id == _P.id),
    ),
    Check(
        "gtin.missing",
        "No GTIN / barcode",
        WARNING,
        lambda row, facts: facts.variants == 0 and _blank(row.get("gtin")),
        lambda: and_(_sql_blank(_P.gtin), ~_is_parent()),
    ),
    Check(
        "brand.missing",
        "No brand",
        WARNING,
        lambda row, _f: _blank(row.get("brand")),
        lambda: _sql_blank(_P.brand),
    ),
    Check(
        "description.missing",
        "No description",
        WARNING,
        lambda row, _f: _blank(row.get("description")),
        lambda: _sql_blank(_P.description),
    ),
    Check(
        "category.missing",
        "No category",
        WARNING,
        lambda row, _f: row.get("category_id") is None and _blank(row.get("category_path")),
        lambda: and_(_P.category_id.is_(None), _sql_blank(_P.category_path)),
    ),
    Check(
        "stock.missing",
        "Stock unknown",
        WARNING,
        lambda row, facts: facts.variants == 0 and row.get("stock") is None,
        lambda: and_(_P.stock.is_(None), ~_is_parent()),
    ),
    Check(
        "title.too_long",
        f"Title longer than {TITLE_LIMIT} characters",
        WARNING,
        lambda row, _f: isinstance(row.get("title"), str) and len(row["title"]) > TITLE_LIMIT,
        lambda: func.length(_P.title) > TITLE_LIMIT,
    ),
    Check(
        "title.all_caps",
        "Title in ALL CAPS",
        WARNING,
        lambda row, _f: _all_caps(row.get("title")),
        lambda: and_(
            _P.title == func.upper(_P.title),
            _P.title != func.lower(_P.title),
            func.length(_P.title) >= 8,
        ),
    ),
)

CHECK_BY_CODE: dict[str, Check] = {check.code: check for check in CHECKS}
#: The columns a row needs for ``problems_of``.
CHECKED_COLUMNS = ("title", "price", "gtin", "brand", "description", "category_id",
                   "category_path", "stock")  # fmt: skip


def problems_of(row: Mapping[str, Any], facts: ProductFacts) -> list[Check]:
    """The checks ``row`` fails, errors first."""
    failed = [check for check in CHECKS if check.test(row, facts)]
    return sorted(failed, key=lambda check: check.severity != ERROR)


def has_problems_condition(code: str | None = None) -> ColumnElement[bool]:
    """Products failing check ``code`` (any check when None)."""
    if code is not None:
        return CHECK_BY_CODE[code].sql()
    return or_(*(check.sql() for check in CHECKS))
