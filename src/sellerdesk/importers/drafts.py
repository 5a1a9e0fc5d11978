"""Turning cleaned rows into product and sale drafts whose values the catalog will accept."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FIELD_BY_NAME, FieldSpec, Kind
from sellerdesk.importers.model import Problem, Severity
from sellerdesk.importers.problem_log import ProblemLog
from sellerdesk.importers.rows import RowValues
from sellerdesk.importers.targets import IMAGES, MSRP

_MONEY = ("price", "sale_price", "cost")
_PLAIN = (
    "title",
    "brand",
    "gtin",
    "mpn",
    "currency",
    "stock",
    "category_id",
    "category_path",
    "condition",
    "status",
    "weight_g",
    "length_cm",
    "width_cm",
    "height_cm",
)


@dataclass(slots=True)
class ProductDraft:
    """One product as the file describes it, ready to create or to update a match."""

    row: int
    values: dict[str, Any]
    images: list[dict[str, Any]] = field(default_factory=list)
    parent_sku: str | None = None

    @property
    def sku(self) -> str:
        return str(self.values["sku"])


@dataclass(slots=True)
class SaleDraft:
    """One line of a sales report."""

    row: int
    order_id: str
    status: str
    title: str | None
    sold_on: date | None
    canceled_on: date | None
    completed_on: date | None
    ship_to: str | None
    ship_from: str | None
    currency: str
    item_price: Decimal | None
    net_proceeds: Decimal | None
    amounts: dict[str, str]


def problem(
    row: int,
    field_name: str | None,
    code: str,
    message: str,
    severity: Severity,
    sku: str | None = None,
) -> Problem:
    return Problem(row, field_name, code, message, severity, sku=sku)


def product_from_row(
    rv: RowValues, log: ProblemLog, default_currency: str, has_price_column: bool
) -> ProductDraft | None:
    """The product of one cleaned row, or None (with a problem) when it has no usable SKU."""
    values = rv.values
    sku = values.get("sku")
    if not sku:
        log.add(
            problem(
                rv.row,
                "sku",
                "sku.missing",
                "This row has no SKU, so it was skipped. Add a SKU and import again.",
                Severity.ERROR,
            )
        )
        return None
    out: dict[str, Any] = {"sku": sku}
    attributes = dict(rv.attributes)
    currencies: list[str] = []
    for name in _MONEY:
        amount = values.get(name)
        if amount is not None:
            out[name] = amount[0]
            if amount[1]:
                currencies.append(amount[1])
    msrp = values.get(MSRP)
    if msrp is not None:
        if "price" not in out and not has_price_column:
            out["price"] = msrp[0]
        else:
            attributes["msrp"] = f"{msrp[0]:.2f}"
        if msrp[1]:
            currencies.append(msrp[1])
    compare_at = values.get("_compare_at")
    if compare_at is not None and "price" in out and compare_at[0] > out["price"]:
        out["sale_price"], out["price"] = out["price"], compare_at[0]
    for name in _PLAIN:
        value = values.get(name)
        if value is not None:
            out[name] = value
    if "currency" not in out:
        out["currency"] = currencies[0] if currencies else default_currency
    if len(set(currencies)) > 1:
        found = ", ".join(sorted(set(currencies)))
        log.add(
            problem(
                rv.row,
                "currency",
                "currency.mixed",
                f"Prices on this row are in different currencies ({found})"
                f"; {out['currency']} was used for all of them.",
                Severity.WARNING,
                str(sku),
            )
        )
    description = values.get("description")
    if description is not None:
        text, html = description
        if text:
            out["description"] = text
        if html:
            attributes["description_html"] = html
    for name in ("bullets", "keywords"):
        items = rv.lists.get(name)
        if items:
            out[name] = list(dict.fromkeys(items))
    if attributes:
        out["attributes"] = attributes
    draft = ProductDraft(rv.row, out)
    images = rv.lists.get(IMAGES)
    if images:
        draft.images = [{"uri": uri} for uri in dict.fromkeys(images)]
    parent = values.get("parent_sku")
    if parent and parent != sku:
        draft.parent_sku = str(parent)
    return draft


def validate(draft: ProductDraft, log: ProblemLog) -> ProductDraft:
    """Check every value against the catalog's own rules; a refused value becomes a problem."""
    values = draft.values
    for name in list(values):
        spec = FIELD_BY_NAME[name]
        if _already_valid(spec, values[name]):
            continue
        try:
            values[name] = spec.parse(values[name])
        except InvalidValueError as error:
            if name == "sku":
                raise
            del values[name]
            log.add(
                problem(
                    draft.row,
                    name,
                    f"{name}.refused",
                    f"{error.message}; the value was left out.",
                    Severity.ERROR,
                    draft.sku,
                )
            )
    return draft


_DECIMAL_LIMIT = Decimal("1e12")


def _already_valid(spec: FieldSpec, value: Any) -> bool:
    """A cheap yes for values the cleaners already made valid; no means "ask spec.parse"."""
    kind = spec.kind
    if kind is Kind.TEXT:
        return type(value) is str and (spec.max_length is None or len(value) <= spec.max_length)
    if kind is Kind.LONG_TEXT or kind is Kind.GTIN:
        return type(value) is str and (spec.max_length is None or len(value) <= spec.max_length)
    if kind is Kind.MONEY or kind is Kind.DECIMAL:
        if type(value) is not Decimal or not value.is_finite():
            return False
        exponent = value.as_tuple().exponent
        return Decimal(0) <= value < _DECIMAL_LIMIT and isinstance(exponent, int) and exponent >= -4
    if kind is Kind.INT:
        return type(value) is int and 0 <= value < 2**62
    if kind is Kind.CURRENCY:
        return type(value) is str and len(value) == 3 and value.isalpha() and value.isupper()
    if kind is Kind.CHOICE:
        return value in spec.choices
    return False


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, length: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", ascii_text).strip("-")[:length].strip("-") or "item"
