"""Cleaning one row of a file into typed values, column by column, with per-cell problems."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sellerdesk.core.money import normalize_currency
from sellerdesk.importers.clean_gtin import clean_gtin
from sellerdesk.importers.clean_money import (
    NumberStyle,
    clean_money,
    currency_from_text,
    guess_number_style,
)
from sellerdesk.importers.clean_numbers import clean_date, clean_int, clean_stock
from sellerdesk.importers.clean_text import (
    clean_description,
    clean_line,
    clean_sku,
    clean_title,
    split_list,
)
from sellerdesk.importers.clean_units import clean_length_cm, clean_weight_g, unit_from_header
from sellerdesk.importers.model import Cleaned, Issue, Problem, Severity
from sellerdesk.importers.targets import ATTRIBUTE, IMAGES, MSRP

Cleaner = Callable[[str], Cleaned[Any]]

MONEY_TARGETS = frozenset(
    {"price", "sale_price", "cost", MSRP, "_compare_at", "item_price", "net_proceeds", "amount"}
)
DATE_TARGETS = frozenset({"sold_on", "canceled_on", "completed_on"})
_DIMENSIONS = frozenset({"length_cm", "width_cm", "height_cm"})
#: Targets whose cells are always cleaned, even when blank, because blanks are worth reporting.
_REPORT_BLANKS = frozenset({"stock"})

_CONDITIONS = {
    "new": "new",
    "neu": "new",
    "nuevo": "new",
    "neuf": "new",
    "novo": "new",
    "nuovo": "new",
    "brand new": "new",
    "new with tags": "new",
    "used": "used",
    "gebraucht": "used",
    "usado": "used",
    "occasion": "used",
    "usato": "used",
    "pre-owned": "used",
    "refurbished": "refurbished",
    "generalüberholt": "refurbished",
    "reacondicionado": "refurbished",
    "reconditionné": "refurbished",
    "recondicionado": "refurbished",
    "ricondizionato": "refurbished",
    "1000": "new",
    "1500": "new",
    "1750": "new",
    "2000": "refurbished",
    "2010": "refurbished",
    "2020": "refurbished",
    "2030": "refurbished",
    "2500": "refurbished",
    "2750": "used",
    "3000": "used",
    "4000": "used",
    "5000": "used",
    "6000": "used",
    "7000": "used",
    "newcondition": "new",
    "usedlikenew": "used",
    "usedverygood": "used",
    "usedgood": "used",
    "usedacceptable": "used",
    "refurbishedcondition": "refurbished",
    "new_new": "new",
    "used_like_new": "used",
    "used_very_good": "used",
    "used_good": "used",
    "used_acceptable": "used",
}
_STATUSES = {
    "active": "active",
    "published": "active",
    "publish": "active",
    "1": "active",
    "true": "active",
    "yes": "active",
    "draft": "draft",
    "0": "draft",
    "-1": "draft",
    "false": "draft",
    "no": "draft",
    "private": "draft",
    "pending": "draft",
    "archived": "archived",
    "inactive": "archived",
}


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    index: int
    header: str
    target: str
    clean: Cleaner
    report_blank: bool = False


@dataclass(slots=True)
class RowValues:
    """The cleaned cells of one row: single values by target, combined multi-column values."""

    row: int
    values: dict[str, Any] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    #: layout-internal values that come from numbered columns, keyed by header
    extras: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pending: list[tuple[str, Issue, str]] = field(default_factory=list)


def _text(raw: str) -> Cleaned[Any]:
    return clean_line(raw)


def _choice(table: dict[str, str], label: str, code: str) -> Cleaner:
    def clean(raw: str) -> Cleaned[Any]:
        key = " ".join(raw.strip().lower().split())
        value = table.get(key) or table.get(key.replace(" ", ""))
        if value is None:
            return Cleaned(
                None,
                [Issue(code, f"{label} {raw.strip()!r} is not one we know; it was left empty.")],
            )
        return Cleaned(value)

    return clean


def _currency(raw: str) -> Cleaned[Any]:
    try:
        return Cleaned(normalize_currency(raw))
    except ValueError:
        found = currency_from_text(raw)
        if found:
            return Cleaned(found)
        return Cleaned(None, [Issue("currency.invalid", f"Currency {raw.strip()!r} is unknown.")])


def _attributes(raw: str) -> Cleaned[Any]:
    """A JSON object (as SellerDesk exports it) or "name: value; name: value" pairs."""
    text = raw.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict):
            return Cleaned(
                {str(k).strip(): str(v).strip() for k, v in data.items() if str(k).strip()}
            )
    pairs: dict[str, str] = {}
    for part in split_list(text, ";|\n"):
        name, sep, value = part.partition(":")
        if not sep:
            name, sep, value = part.partition("=")
        if sep and name.strip() and value.strip():
            pairs[name.strip()] = value.strip()
    if pairs:
        return Cleaned(pairs)
    issue = Issue(
        "attributes.unreadable",
        f"Attributes {text[:60]!r} are neither JSON nor 'name: value' pairs; they were left out.",
    )
    return Cleaned(None, [issue])


def _list(raw: str) -> Cleaned[Any]:
    return Cleaned(split_list(raw, ",;|\n"))


def _lines(raw: str) -> Cleaned[Any]:
    return Cleaned(split_list(raw, "|\n"))


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://", "file:/"))


def _images(raw: str) -> Cleaned[Any]:
    parts = split_list(raw.replace(" ", ","), ",;|\n")
    good = [p for p in parts if _is_url(p)]
    if len(good) == len(parts):
        return Cleaned(good)
    bad = " ".join(raw.split()) if not good else next(p for p in parts if not _is_url(p))
    issue = Issue(
        "image.invalid",
        f"Image {bad!r} is not a web address (http:// or https://); it was left out.",
        Severity.WARNING,
    )
    return Cleaned(good, [issue])


_FORMULA = re.compile(r"^\s*[=+@][A-Za-z(]")
_NEUTRALIZED = frozenset("=+-@")


def _formula_checked(cleaner: Cleaner) -> Cleaner:
    """Text that a spreadsheet would run as a formula is kept as text, and said so."""

    def clean(raw: str) -> Cleaned[Any]:
        if raw[:1] == "'" and raw[1:2] in _NEUTRALIZED:
            raw = raw[1:]  # a spreadsheet-safe export (ours or Excel's) put it there
        cleaned = cleaner(raw)
        value = cleaned.value
        text = value[0] if isinstance(value, tuple) else value
        if isinstance(text, str) and _FORMULA.match(text):
            cleaned.issues.append(
                Issue(
                    "text.formula",
                    f"{text[:40]!r} looks like a spreadsheet formula; it is stored as plain text "
                    "and exports write it so that spreadsheets do not run it.",
                    Severity.WARNING,
                )
            )
        return cleaned

    return clean


_MONEY_LABELS = {
    "price": "Price",
    "sale_price": "Sale price",
    "cost": "Cost",
    MSRP: "MSRP",
    "_compare_at": "Compare-at price",
    "item_price": "Item price",
    "net_proceeds": "Net proceeds",
}


def _money(style: NumberStyle, currency: str | None, label: str) -> Cleaner:
    def clean(raw: str) -> Cleaned[Any]:
        return clean_money(raw, style, currency, label=label)

    return clean


def _samples(samples: Sequence[Sequence[str]], index: int) -> list[str]:
    return [row[index] for row in samples if index < len(row) and row[index].strip()]


def cleaner_for(target: str, header: str, samples: list[str]) -> Cleaner:
    """The cleaning function of one column, tuned by its header and sample values."""
    if target in MONEY_TARGETS:
        label = _MONEY_LABELS.get(target, header.strip() or "Amount")
        return _money(guess_number_style(samples), currency_from_text(header), label)
    if target == "weight_g":
        style, unit = guess_number_style(samples), unit_from_header(header)
        if unit is None and "gram" in header.lower():
            unit = "g"
        return lambda raw: clean_weight_g(raw, style, unit)
    if target in _DIMENSIONS:
        style, unit = guess_number_style(samples), unit_from_header(header)
        return lambda raw: clean_length_cm(raw, style, unit)
    if target in ("stock", "quantity"):
        style = guess_number_style(samples)
        return lambda raw: clean_stock(raw, style)
    return _SIMPLE.get(target, _text)


_SIMPLE: dict[str, Cleaner] = {
    "sku": clean_sku,
    "parent_sku": clean_sku,
    "title": _formula_checked(clean_title),
    "brand": _formula_checked(clean_line),
    "mpn": _formula_checked(clean_line),
    "category_path": _formula_checked(clean_line),
    "gtin": clean_gtin,
    "description": _formula_checked(clean_description),
    "category_id": clean_int,
    "currency": _currency,
    "keywords": _list,
    "attributes": _attributes,
    "bullets": _lines,
    IMAGES: _images,
    "_variant_image": _images,
    "condition": _choice(_CONDITIONS, "Condition", "condition.unknown"),
    "status": _choice(_STATUSES, "Status", "status.unknown"),
    **dict.fromkeys(DATE_TARGETS, clean_date),
}


def build_plans(
    headers: Sequence[str], targets: Sequence[str | None], samples: Sequence[Sequence[str]]
) -> list[ColumnPlan]:
    plans: list[ColumnPlan] = []
    for index, (header, target) in enumerate(zip(headers, targets, strict=False)):
        if target is None:
            continue
        clean = cleaner_for(target, header, _samples(samples, index))
        plans.append(ColumnPlan(index, header, target, clean, target in _REPORT_BLANKS))
    return plans


_LIST_TARGETS = frozenset({"bullets", "keywords", IMAGES})


def clean_row(row_number: int, cells: Sequence[str], plans: Sequence[ColumnPlan]) -> RowValues:
    result = RowValues(row_number)
    width = len(cells)
    values = result.values
    for plan in plans:
        raw = cells[plan.index] if plan.index < width else ""
        if not raw and not plan.report_blank:
            continue
        target = plan.target
        if target == ATTRIBUTE or target == "amount":
            if raw.strip():
                if target == "amount":
                    cleaned = plan.clean(raw)
                    _note(result, plan, raw, cleaned.issues)
                    if cleaned.value is not None:
                        result.attributes[plan.header] = str(cleaned.value[0])
                else:
                    result.attributes[plan.header] = " ".join(raw.split())
            continue
        if target.startswith("_attribute"):
            result.extras[plan.header.strip().lower()] = raw.strip()
            continue
        cleaned = plan.clean(raw)
        if cleaned.issues:
            _note(result, plan, raw, cleaned.issues)
        value = cleaned.value
        if value is None:
            continue
        if target in _LIST_TARGETS:
            result.lists.setdefault(target, []).extend(value)
        elif target == "attributes":
            result.attributes.update(value)
        elif target not in values:
            values[target] = value
    if result.pending:
        sku = values.get("sku")
        row = result.row
        result.problems = [
            Problem.from_issue(row, name, issue, shown, sku)
            for name, issue, shown in result.pending
        ]
    return result


def _note(result: RowValues, plan: ColumnPlan, raw: str, issues: list[Issue]) -> None:
    field_name = plan.target if not plan.target.startswith("_") else plan.header
    shown = raw if len(raw) <= 200 else raw[:197] + "..."
    for issue in issues:
        result.pending.append((field_name, issue, shown))
