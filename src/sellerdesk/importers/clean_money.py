"""Cleaning prices: number styles (1,299.00 or 1.299,00), currency symbols and codes.

``parse_number`` is the shared reader of written numbers; the other cleaners use it too. A column's
style is guessed once from its samples; single values that only make sense the other way round
("4,99" in a dot column) are still read, with a FIXED issue saying how.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sellerdesk.core.money import CENT, minor_unit
from sellerdesk.importers.clean_text import quote_value
from sellerdesk.importers.model import Cleaned, Issue, Severity


@dataclass(frozen=True, slots=True)
class NumberStyle:
    """How a column writes numbers: its decimal separator; the other one groups thousands."""

    decimal: str

    def __post_init__(self) -> None:
        if self.decimal not in (".", ","):
            raise ValueError(f"decimal separator must be '.' or ',', not {self.decimal!r}")

    @property
    def thousands(self) -> str:
        return "," if self.decimal == "." else "."


DOT = NumberStyle(".")
COMMA = NumberStyle(",")

#: Amounts from this size on are refused (as the catalog's own fields do).
MAX_AMOUNT = Decimal("1e12")

_NUMBER_SHAPE = re.compile(r"\d+(?:[.,' \u00a0\u202f]\d+)*")
_SEPARATOR = re.compile(r"[.,' \u00a0\u202f]")
_SPACE_GROUPING = frozenset(" '\u00a0\u202f")
_DECIMAL_NOTE = {
    ",": "the comma was read as the decimal separator",
    ".": "the dot was read as the decimal separator",
}
_THOUSANDS_NOTE = {
    ",": "the commas were read as thousands separators",
    ".": "the dots were read as thousands separators",
}


def _grouped_digits(groups: list[str], seps: list[str], thousands: str) -> str | None:
    """The digits of an integer part such as 1,299,000; None when the grouping is not valid."""
    if not seps:
        return groups[0]
    sep = seps[0]
    if sep != thousands and sep not in _SPACE_GROUPING:
        return None
    first = groups[0]
    if len(first) > 3 or first[0] == "0":
        return None
    for other, group in zip(seps, groups[1:], strict=True):
        if other != sep or len(group) != 3:
            return None
    return "".join(groups)


def parse_number(text: str, style: NumberStyle) -> tuple[Decimal | None, str | None]:
    """Read an unsigned written number such as "1,299.00", "1.299,00", "1 299" or "4,5".

    Returns ``(value, note)``: ``value`` is None when ``text`` is not a number; ``note`` is None
    when ``text`` follows ``style``, otherwise a phrase saying how it was read instead ("the comma
    was read as the decimal separator").
    """
    if text.isdigit() and text.isascii():
        return Decimal(text), None
    if _NUMBER_SHAPE.fullmatch(text) is None:
        if len(text) > 1 and text[0] in ".," and text[1:].isdigit() and text[1:].isascii():
            note = None if text[0] == style.decimal else _DECIMAL_NOTE[text[0]]
            return Decimal("0." + text[1:]), note
        return None, None
    groups = _SEPARATOR.split(text)
    seps = _SEPARATOR.findall(text)
    last = seps[-1]
    decimal, thousands = style.decimal, style.thousands
    if last == decimal:
        if seps.count(decimal) == 1:
            digits = _grouped_digits(groups[:-1], seps[:-1], thousands)
            return (None, None) if digits is None else (Decimal(f"{digits}.{groups[-1]}"), None)
        digits = _grouped_digits(groups, seps, decimal)
        return (None, None) if digits is None else (Decimal(digits), _THOUSANDS_NOTE[decimal])
    if last == thousands:
        if decimal in seps:
            digits = _grouped_digits(groups[:-1], seps[:-1], decimal)
            if digits is None:
                return None, None
            return Decimal(f"{digits}.{groups[-1]}"), _DECIMAL_NOTE[thousands]
        digits = _grouped_digits(groups, seps, thousands)
        if digits is not None:
            return Decimal(digits), None
        if seps.count(thousands) == 1:
            digits = _grouped_digits(groups[:-1], seps[:-1], thousands)
            if digits is not None:
                return Decimal(f"{digits}.{groups[-1]}"), _DECIMAL_NOTE[thousands]
        return None, None
    digits = _grouped_digits(groups, seps, thousands)
    return (None, None) if digits is None else (Decimal(digits), None)


_NUMBER_IN_TEXT = re.compile(r"\d(?:[\d.,]|[ '\u00a0\u202f](?=\d))*")


def _style_vote(number: str) -> str | None:
    """The decimal separator ``number`` proves, or None when it could be either."""
    last_dot = number.rfind(".")
    last_comma = number.rfind(",")
    if last_dot < 0 and last_comma < 0:
        return None
    if last_dot >= 0 and last_comma >= 0:
        return "," if last_comma > last_dot else "."
    sep = "," if last_comma >= 0 else "."
    parts = number.split(sep)
    if len(parts) > 2:
        if all(len(part) == 3 for part in parts[1:]):
            return "." if sep == "," else ","
        return None
    if len(parts[1]) != 3 or parts[0] == "0":
        return sep
    return None


def guess_number_style(samples: Iterable[str]) -> NumberStyle:
    """The decimal separator of a column, decided by the values that prove one or the other.

    Values such as "1,299" that read well both ways do not count; without evidence: DOT.
    """
    comma_votes = dot_votes = 0
    for sample in samples:
        match = _NUMBER_IN_TEXT.search(sample)
        if match is None:
            continue
        vote = _style_vote(match.group())
        if vote == ",":
            comma_votes += 1
        elif vote == ".":
            dot_votes += 1
    return COMMA if comma_votes > dot_votes else DOT


_ISO_CODES = frozenset(
    {
        "USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK",
        "ISK", "PLN", "CZK", "HUF", "RON", "BGN", "TRY", "RUB", "UAH", "INR", "KRW", "HKD",
        "SGD", "TWD", "THB", "VND", "PHP", "IDR", "MYR", "BRL", "MXN", "ARS", "CLP", "COP",
        "PEN", "ZAR", "AED", "SAR", "ILS", "EGP", "NGN", "KES",
    }
)  # fmt: skip
#: Codes that are also English words: only recognised when written in capitals.
_WORD_CODES = frozenset({"CAD", "PEN", "TRY", "RON"})
_SYMBOLS = {
    "$": "$", "US$": "USD", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "MX$": "MXN", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "¥",
    "￥": "¥", "円": "JPY", "元": "CNY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY",
    "₪": "ILS", "₫": "VND", "฿": "THB", "₱": "PHP", "₴": "UAH", "₦": "NGN", "zł": "PLN",
    "Kč": "CZK",
}  # fmt: skip
_DOLLAR_CODES = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD"})
#: Symbols shared by several currencies: (reading without other evidence, the currencies).
_AMBIGUOUS: dict[str, tuple[str | None, frozenset[str]]] = {
    "$": ("USD", _DOLLAR_CODES),
    "¥": ("JPY", frozenset({"JPY", "CNY"})),
    "kr": (None, frozenset({"SEK", "NOK", "DKK", "ISK"})),
}
_CURRENCY_TOKEN = re.compile(
    r"(?<![A-Za-z])(?:US|CA|C|AU|A|NZ|HK|S|MX|R)\$|[$€£¥￥円元₹₩₽₺₪₫฿₱₴₦]|zł|Kč"
    r"|(?<![A-Za-z])(?:[A-Za-z]{3}|[Kk][Rr]\.?)(?![A-Za-z])"
)


def _scan_currency(text: str) -> tuple[str | None, str]:
    """(currency mark, ``text`` without currency tokens).

    The mark is an ISO code, or "$", "¥" or "kr" for symbols several currencies use. A code
    wins over a symbol ("CAD $5" is CAD).
    """
    code: str | None = None
    symbol: str | None = None
    pieces: list[str] = []
    position = 0
    for match in _CURRENCY_TOKEN.finditer(text):
        token = match.group()
        if len(token) == 3 and token.isalpha():
            upper = token.upper()
            if upper not in _ISO_CODES or (upper in _WORD_CODES and token != upper):
                continue
            code = code or upper
        elif token[0] in "Kk" and token[1:2] in ("r", "R"):
            symbol = symbol or "kr"
        else:
            symbol = symbol or _SYMBOLS[token]
        pieces.append(text[position : match.start()])
        position = match.end()
    if position == 0:
        return None, text
    pieces.append(text[position:])
    return code or symbol, "".join(pieces)


def currency_from_text(text: str) -> str | None:
    """The ISO currency code a header or a value names ("Preis (EUR)", "£6.50"), if any.

    Symbols several currencies share take their usual reading ("$" is USD, "¥" is JPY), except
    "kr", which stays unknown.
    """
    mark, _rest = _scan_currency(text)
    if mark in _AMBIGUOUS:
        return _AMBIGUOUS[mark][0]
    return mark


_MINUS = "-−–"


def split_sign(text: str) -> tuple[bool, str]:
    """(is negative, the number without its sign) for "-5", "+5", "(5.00)", "5.00-" and "12,-".

    "12,-" is the German way to write a whole amount; it is not negative.
    """
    if not text:
        return False, text
    first, last = text[0], text[-1]
    if first in _MINUS:
        return True, text[1:].lstrip()
    if first == "+":
        return False, text[1:].lstrip()
    if first == "(" and last == ")":
        return True, text[1:-1].strip()
    if last in _MINUS:
        if text[-2:-1] in (".", ","):
            return False, text[:-2]
        return True, text[:-1].rstrip()
    return False, text


_PLAIN = {".": re.compile(r"\d{1,12}(?:\.\d{1,4})?"), ",": re.compile(r"\d{1,12}(?:,\d{1,4})?")}


def clean_money(
    raw: str,
    style: NumberStyle,
    default_currency: str | None = None,
    *,
    label: str = "Price",
) -> Cleaned[tuple[Decimal, str | None]]:
    """A non-negative amount and its currency from a cell such as "$1,299.00" or "12,50 €".

    The currency comes from a symbol or code in the value, else ``default_currency``. Amounts
    are rounded to the currency's minor unit (cents, or whole yen). ``label`` names the field
    in messages ("Cost", "Sale price"); issue codes are ``price.*`` whatever the label.
    """
    text = raw.strip()
    if not text:
        return Cleaned(None, [])
    currency = default_currency.upper() if default_currency else None
    if _PLAIN[style.decimal].fullmatch(text) is not None:
        amount = Decimal(text if style.decimal == "." else text.replace(",", "."))
        return _finish_money(amount, currency, text, label, [])
    return _clean_money_slow(text, style, currency, label)


def _clean_money_slow(
    text: str, style: NumberStyle, currency: str | None, label: str
) -> Cleaned[tuple[Decimal, str | None]]:
    issues: list[Issue] = []
    mark, body = _scan_currency(text)
    if mark in _AMBIGUOUS:
        usual, family = _AMBIGUOUS[mark]
        if currency not in family:
            currency = usual
            if usual is None:
                issues.append(
                    Issue(
                        "price.currency_ambiguous",
                        f"{label} {quote_value(text)}: 'kr' is used by the Swedish, Norwegian, "
                        "Danish and Icelandic krona; set the currency of the import to be sure.",
                        Severity.WARNING,
                    )
                )
    elif mark is not None:
        currency = mark
    negative, body = split_sign(body.strip())
    amount, note = parse_number(body, style)
    noun = label.lower()
    if amount is None:
        message = f"{label} {quote_value(text)} is not a number; the {noun} was left empty."
        return Cleaned(None, [Issue("price.unparseable", message)])
    if negative and amount:
        message = (
            f"{label} {quote_value(text)} is negative; a {noun} cannot be negative, "
            f"so the {noun} was left empty."
        )
        return Cleaned(None, [Issue("price.negative", message)])
    if note is not None:
        issues.append(
            Issue(
                "price.separator",
                f"{label} {quote_value(text)} was read as {amount}: {note}.",
                Severity.FIXED,
            )
        )
    return _finish_money(amount, currency, text, label, issues)


def _finish_money(
    amount: Decimal, currency: str | None, text: str, label: str, issues: list[Issue]
) -> Cleaned[tuple[Decimal, str | None]]:
    if amount >= MAX_AMOUNT:
        message = (
            f"{label} {quote_value(text)} is too large to be a price; "
            f"the {label.lower()} was left empty."
        )
        return Cleaned(None, [Issue("price.too_large", message)])
    unit = CENT if currency is None else minor_unit(currency)
    value = amount.quantize(unit, rounding=ROUND_HALF_UP)
    if value != amount:
        issues.append(
            Issue(
                "price.rounded",
                f"{label} {quote_value(text)} has more decimals than "
                f"{currency or 'a price'} allows; it was rounded to {value}.",
                Severity.WARNING,
            )
        )
    return Cleaned((value, currency), issues)
