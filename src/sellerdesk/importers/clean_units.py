"""Cleaning weights and lengths written with units ("5.1 lb", "0,45 kg", "12 in", "5' 3\"").

The catalog stores weights in grams and lengths in centimetres, both with 2 decimals. A bare
number takes the unit of its column (usually found in the header by ``unit_from_header``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from sellerdesk.core.money import CENT
from sellerdesk.importers.clean_money import NumberStyle, parse_number, split_sign
from sellerdesk.importers.clean_text import quote_value, split_camel_case
from sellerdesk.importers.model import Cleaned, Issue, Severity

#: Grams per unit.
GRAMS: dict[str, Decimal] = {
    "mg": Decimal("0.001"),
    "g": Decimal(1),
    "kg": Decimal(1000),
    "oz": Decimal("28.349523125"),
    "lb": Decimal("453.59237"),
}
#: Centimetres per unit.
CENTIMETRES: dict[str, Decimal] = {
    "mm": Decimal("0.1"),
    "cm": Decimal(1),
    "m": Decimal(100),
    "in": Decimal("2.54"),
    "ft": Decimal("30.48"),
}
#: Measurements from this size on (in grams or centimetres) are refused.
MAX_MEASURE = Decimal("1e12")

_ALIASES = {
    "mg": "mg", "milligram": "mg", "milligrams": "mg", "milligramm": "mg",
    "g": "g", "gr": "g", "grs": "g", "gram": "g", "grams": "g", "gramm": "g", "gramme": "g",
    "grammes": "g", "gramos": "g",
    "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilogramm": "kg", "kilogramme": "kg", "kilogramos": "kg",
    "oz": "oz", "ozs": "oz", "ounce": "oz", "ounces": "oz", "unze": "oz", "unzen": "oz",
    "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb", "pfund": "lb",
    "mm": "mm", "millimeter": "mm", "millimeters": "mm", "millimetre": "mm", "millimetres": "mm",
    "cm": "cm", "centimeter": "cm", "centimeters": "cm", "centimetre": "cm",
    "centimetres": "cm", "zentimeter": "cm",
    "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "in": "in", "inch": "in", "inches": "in", "zoll": "in", '"': "in", "″": "in", "”": "in",
    "''": "in",
    "ft": "ft", "foot": "ft", "feet": "ft", "'": "ft", "′": "ft",
}  # fmt: skip
#: Units that are also common words or letters; in a header they only count at the very end.
_SHORT_UNITS = frozenset({"in", "m", "g"})
_NAMES = {"g": "grams", "cm": "centimetres"}
_BRACKETED = re.compile(r"[(\[]([^)\]]*)[)\]]")
_HEADER_WORD = re.compile(r"[^\W\d_]+|[\"″”]")
_UNIT = r"(?:[^\W\d_]+\.?|[\"″”′']{1,2})"
_QUANTITY = re.compile(r"([-+−]?\s*[\d.,][\d., \u00a0\u202f]*?)\s*(" + _UNIT + r")?")
_PART = r"\d+(?:[.,]\d+)?\s*" + _UNIT + r"\s*"
_COMPOUND = re.compile(r"(?:" + _PART + r"){2,3}")
_SEVERAL = re.compile(r"\d\s*[^\W\d_]*\s*[x×*]\s*\d", re.IGNORECASE)
_PARTS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(" + _UNIT + r")\s*")


def normalize_unit(text: str) -> str | None:
    """The canonical unit ("kg", "in"...) for a spelling such as "Kilos", "lbs." or '"'."""
    return _ALIASES.get(text.strip().lower().rstrip(".") or text.strip())


def unit_from_header(header: str) -> str | None:
    """The unit a column header names: "Wt (lb)" -> "lb", "Variant Grams" -> "g",
    "WeightKg" -> "kg"."""
    lower = split_camel_case(header).lower()
    for match in _BRACKETED.finditer(lower):
        unit = normalize_unit(match.group(1))
        if unit is not None:
            return unit
    words = _HEADER_WORD.findall(lower)
    last = len(words) - 1
    for index in range(last, -1, -1):
        word = words[index]
        unit = _ALIASES.get(word)
        if unit is not None and (index == last or word not in _SHORT_UNITS):
            return unit
    return None


def _clean_measure(
    raw: str,
    style: NumberStyle,
    default_unit: str | None,
    factors: dict[str, Decimal],
    base_unit: str,
    prefix: str,
    label: str,
) -> Cleaned[Decimal]:
    text = raw.strip()
    if not text:
        return Cleaned(None, [])
    parts: list[tuple[str, str | None]]
    negative = False
    if match := _QUANTITY.fullmatch(text):
        negative, number = split_sign(match.group(1).strip())
        parts = [(number, match.group(2))]
    elif _COMPOUND.fullmatch(text) and _SEVERAL.search(text) is None:
        parts = [(number, unit) for number, unit in _PARTS.findall(text)]
    else:
        message = f"{label} {quote_value(text)} is not a number with a unit; it was left empty."
        return Cleaned(None, [Issue(f"{prefix}.unparseable", message)])
    issues: list[Issue] = []
    total = Decimal(0)
    for number, written_unit in parts:
        amount, note = parse_number(number, style)
        if amount is None:
            message = f"{label} {quote_value(text)} is not a number; it was left empty."
            return Cleaned(None, [Issue(f"{prefix}.unparseable", message)])
        if note is not None:
            message = f"{label} {quote_value(text)}: {note}."
            issues.append(Issue(f"{prefix}.separator", message, Severity.FIXED))
        if written_unit is None:
            unit = normalize_unit(default_unit) if default_unit else None
            if unit not in factors:
                unit = base_unit
                message = f"{label} {quote_value(text)} has no unit; assumed {_NAMES[base_unit]}."
                issues.append(Issue(f"{prefix}.no_unit", message, Severity.WARNING))
        else:
            unit = normalize_unit(written_unit)
            if unit not in factors:
                problem = (
                    f"has an unknown unit {quote_value(written_unit)}"
                    if unit is None
                    else f"is in {quote_value(written_unit)}, which does not measure {prefix}"
                )
                message = (
                    f"{label} {quote_value(text)} {problem}; use {', '.join(factors)}. "
                    "It was left empty."
                )
                return Cleaned(None, [Issue(f"{prefix}.unit", message)])
        total += amount * factors[unit]
    if negative and total:
        message = f"{label} {quote_value(text)} cannot be negative; it was left empty."
        return Cleaned(None, [Issue(f"{prefix}.negative", message)])
    if total >= MAX_MEASURE:
        message = f"{label} {quote_value(text)} is too large; it was left empty."
        return Cleaned(None, [Issue(f"{prefix}.too_large", message)])
    return Cleaned(total.quantize(CENT, rounding=ROUND_HALF_UP), issues)


def clean_weight_g(raw: str, style: NumberStyle, default_unit: str | None) -> Cleaned[Decimal]:
    """A weight in grams (2 decimals) from "5.1 lb", "450 g", "0,45 kg", "12 oz" or "1 lb 4 oz".

    A bare number is in ``default_unit``; without one, grams are assumed (WARNING).
    """
    return _clean_measure(raw, style, default_unit, GRAMS, "g", "weight", "Weight")


def clean_length_cm(
    raw: str, style: NumberStyle, default_unit: str | None, *, label: str = "Length"
) -> Cleaned[Decimal]:
    """A length in centimetres (2 decimals) from mm, cm, m, in ("12 in", '12"') or ft ("5' 3\"").

    A bare number is in ``default_unit``; without one, centimetres are assumed (WARNING).
    ``label`` names the field in messages ("Width", "Height").
    """
    return _clean_measure(raw, style, default_unit, CENTIMETRES, "cm", "length", label)
