"""Cleaning numeric, date and yes/no cells: stock counts, whole numbers, decimals, dates, flags."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from sellerdesk.importers.clean_money import COMMA, DOT, NumberStyle, parse_number, split_sign
from sellerdesk.importers.clean_text import quote_value
from sellerdesk.importers.model import Cleaned, Issue, Severity

#: Whole numbers from this size on are refused (the database stores 64-bit integers).
MAX_INT = 2**62
#: Decimals from this size on are refused (as the catalog's own fields do).
MAX_DECIMAL = Decimal("1e12")
_DECIMAL_PLACES = Decimal("0.0001")
_AT_LEAST = re.compile(r"(\d+)\s*\+")


def _whole(
    text: str, style: NumberStyle, prefix: str, label: str
) -> tuple[int | None, list[Issue]]:
    """The signed whole number in ``text``, or None and an ERROR issue with codes ``prefix.*``."""
    negative, body = split_sign(text)
    amount, note = parse_number(body, style)
    if amount is None:
        message = f"{label} {quote_value(text)} is not a whole number; it was left empty."
        return None, [Issue(f"{prefix}.unparseable", message)]
    if amount != amount.to_integral_value():
        # "1.200" in a dot column cannot be a count of 1.2; read the dot as grouping instead.
        other = COMMA if style.decimal == "." else DOT
        regrouped, _ = parse_number(body, other)
        if regrouped is not None and regrouped == regrouped.to_integral_value():
            name = "dot" if style.decimal == "." else "comma"
            amount, note = regrouped, f"the {name} was read as a thousands separator"
    if amount != amount.to_integral_value():
        message = (
            f"{label} {quote_value(text)} is not a whole number (it has decimals); "
            "it was left empty."
        )
        return None, [Issue(f"{prefix}.fraction", message)]
    if amount >= MAX_INT:
        message = f"{label} {quote_value(text)} is too large; it was left empty."
        return None, [Issue(f"{prefix}.too_large", message)]
    value = -int(amount) if negative else int(amount)
    if note is None:
        return value, []
    message = f"{label} {quote_value(text)} was read as {value}: {note}."
    return value, [Issue(f"{prefix}.separator", message, Severity.FIXED)]


def clean_stock(raw: str, style: NumberStyle = DOT) -> Cleaned[int]:
    """A stock count: a non-negative whole number. A blank cell is reported (WARNING)."""
    text = raw.strip()
    if not text:
        message = "Stock is blank; the stock level was left empty."
        return Cleaned(None, [Issue("stock.blank", message, Severity.WARNING)])
    if text.isdigit() and text.isascii() and len(text) < 19:
        return Cleaned(int(text), [])
    at_least = _AT_LEAST.fullmatch(text)
    if at_least is not None:
        count = int(at_least.group(1))
        message = f"Stock {quote_value(text)} was read as {count} (at least that many)."
        return Cleaned(count, [Issue("stock.at_least", message, Severity.WARNING)])
    value, issues = _whole(text, style, "stock", "Stock")
    if value is not None and value < 0:
        message = (
            f"Stock {quote_value(text)} is negative; the catalog does not store negative stock, "
            "so it was left empty."
        )
        return Cleaned(None, [Issue("stock.negative", message)])
    return Cleaned(value, issues)


def clean_int(raw: str, *, label: str = "Value") -> Cleaned[int]:
    """A whole number (negative allowed), such as a category ID. Blank is not a problem."""
    text = raw.strip()
    if not text:
        return Cleaned(None, [])
    if text.isdigit() and text.isascii() and len(text) < 19:
        return Cleaned(int(text), [])
    value, issues = _whole(text, DOT, "int", label)
    return Cleaned(value, issues)


def clean_decimal(raw: str, style: NumberStyle, *, label: str = "Value") -> Cleaned[Decimal]:
    """A non-negative decimal number, kept to at most 4 decimal places. Blank is not a problem."""
    text = raw.strip()
    if not text:
        return Cleaned(None, [])
    negative, body = split_sign(text)
    amount, note = parse_number(body, style)
    if amount is None:
        message = f"{label} {quote_value(text)} is not a number; it was left empty."
        return Cleaned(None, [Issue("number.unparseable", message)])
    if negative and amount:
        message = f"{label} {quote_value(text)} cannot be negative; it was left empty."
        return Cleaned(None, [Issue("number.negative", message)])
    if amount >= MAX_DECIMAL:
        message = f"{label} {quote_value(text)} is too large; it was left empty."
        return Cleaned(None, [Issue("number.too_large", message)])
    issues: list[Issue] = []
    if note is not None:
        message = f"{label} {quote_value(text)} was read as {amount}: {note}."
        issues.append(Issue("number.separator", message, Severity.FIXED))
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        amount = amount.quantize(_DECIMAL_PLACES, rounding=ROUND_HALF_UP)
        message = f"{label} {quote_value(text)} was rounded to 4 decimal places ({amount})."
        issues.append(Issue("number.rounded", message, Severity.WARNING))
    return Cleaned(amount, issues)


_TIME = (
    r"(?:[T ,]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_YEAR_FIRST = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\.?[\s-]*([^\W\d_]{3,})\.?,?[\s-]*(\d{4}|\d{2})" + _TIME
)
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]{3,})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})" + _TIME)
_MONTHS = {
    "jan": 1, "jän": 1, "ene": 1, "feb": 2, "fév": 2, "fev": 2, "mar": 3, "mär": 3, "mae": 3,
    "apr": 4, "avr": 4, "abr": 4, "may": 5, "mai": 5, "jun": 6, "juin": 6, "jul": 7, "juil": 7,
    "aug": 8, "aoû": 8, "aou": 8, "ago": 8, "sep": 9, "set": 9, "oct": 10, "okt": 10,
    "nov": 11, "dec": 12, "dez": 12, "déc": 12, "dic": 12,
}  # fmt: skip
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Excel day numbers for 1970-01-01 to 2099-12-31.
_EXCEL_SERIALS = range(25569, 73051)


def _month(name: str) -> int | None:
    word = name.lower()
    if word.startswith("jui"):
        return _MONTHS.get(word[:4])  # French juin / juillet
    return _MONTHS.get(word[:3])


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def clean_date(raw: str, *, day_first: bool = False) -> Cleaned[dt.date]:
    """A date from ISO (2026-01-03, with or without a time), US (01/03/2026 is January 3),
    German (03.01.2026) or written-out (3 Jan 2026, Jan 3, 2026) cells.

    ``day_first`` reads slash dates as DD/MM/YYYY. A slash date that only works day-first
    (25/03/2026) is read that way with a WARNING.
    """
    text = raw.strip()
    if not text:
        return Cleaned(None, [])
    issues: list[Issue] = []
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _NUMERIC_DATE.fullmatch(text):
        first, second, year = int(match[1]), int(match[3]), _year(match[4])
        if match[2] == "." or day_first:
            day, month = first, second
        elif first > 12 >= second:
            day, month = first, second
            message = (
                f"Date {quote_value(text)} only makes sense as day/month/year; check that other "
                "dates in this column were not meant that way too."
            )
            issues.append(Issue("date.day_first", message, Severity.WARNING))
        else:
            month, day = first, second
    elif match := _YEAR_FIRST.fullmatch(text):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
    elif (match := _DAY_MONTH_YEAR.fullmatch(text)) and (named := _month(match[2])):
        day, month, year = int(match[1]), named, _year(match[3])
    elif (match := _MONTH_DAY_YEAR.fullmatch(text)) and (named := _month(match[1])):
        month, day, year = named, int(match[2]), int(match[3])
    elif text.isdigit() and text.isascii() and int(text) in _EXCEL_SERIALS:
        value = _EXCEL_EPOCH + dt.timedelta(days=int(text))
        message = (
            f"Date {quote_value(text)} was a spreadsheet day number; it was read as "
            f"{value.isoformat()}."
        )
        return Cleaned(value, [Issue("date.excel_serial", message, Severity.FIXED)])
    else:
        message = (
            f"Date {quote_value(text)} is not a date this import understands (use a form such "
            "as 2026-01-31); it was left empty."
        )
        return Cleaned(None, [Issue("date.unparseable", message)])
    try:
        return Cleaned(dt.date(year, month, day), issues)
    except ValueError:
        message = (
            f"Date {quote_value(text)} does not exist (year {year}, month {month}, day {day}); "
            "it was left empty."
        )
        return Cleaned(None, [Issue("date.invalid", message)])


_TRUE = frozenset(
    {
        "true", "t", "yes", "y", "1", "1.0", "x", "✓", "✔", "on", "ja", "wahr", "sí", "si",
        "oui", "vrai", "sim", "verdadero", "vero", "waar",
    }
)  # fmt: skip
_FALSE = frozenset(
    {
        "false", "f", "no", "n", "0", "0.0", "off", "nein", "falsch", "non", "faux", "não", "nao",
        "falso", "onwaar", "nee",
    }
)  # fmt: skip


def clean_bool(raw: str) -> Cleaned[bool]:
    """Yes or no from TRUE/FALSE, 1/0, yes/no and their German, Spanish, French and Portuguese
    forms (ja/nein, sí/no, oui/non, sim/não). Blank is not a problem."""
    text = raw.strip()
    if not text:
        return Cleaned(None, [])
    word = text.lower()
    if word in _TRUE:
        return Cleaned(True, [])
    if word in _FALSE:
        return Cleaned(False, [])
    message = f"{quote_value(text)} is not a yes/no value (use TRUE or FALSE); it was left empty."
    return Cleaned(None, [Issue("bool.unparseable", message)])
