"""What the values of one column look like, and what that says about its target.

A column's values are profiled (barcodes with valid check digits, money amounts, image URLs,
small whole numbers, long texts); the profile confirms, corrects or replaces a header's guess.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sellerdesk.core.gtin import has_valid_check_digit
from sellerdesk.importers import synonyms
from sellerdesk.importers.header_candidates import _MONEY_TARGETS, _Candidate
from sellerdesk.importers.header_text import _fold

_SIZE_TARGETS = frozenset({"weight_g", "length_cm", "width_cm", "height_cm"})
_CODE_TARGETS = frozenset({"sku", "mpn", "parent_sku"})
_MAX_PROFILED = 150
_SEPARATORS = re.compile(r"[\s\-]")
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d{1,2}$")
_CURRENCY = (
    r"(?:[$€£¥₹]|(?:r|us|a|c|nz|hk)\$|kr|zł|"
    r"(?:eur|usd|gbp|chf|cad|aud|nzd|jpy|sek|nok|dkk|pln|czk|huf|brl|mxn|ars|clp|cop|pen)\b)"
)
_MONEY = re.compile(
    rf"^[-+]?\s*(?P<pre>{_CURRENCY})?\s*[-+]?"
    r"(?:\d{1,3}(?:[,.'\u00a0 ]\d{3})+|\d+)(?:[.,](?P<dec>\d+))?"
    rf"\s*(?P<post>{_CURRENCY}|€)?$",
    re.IGNORECASE,
)
_MEASURE = re.compile(
    r"^\d+(?:[.,]\d+)?\s*(?:kg|g|gr|lbs?|oz|cm|mm|m|in|inch|ft|ml|l|\"|')\.?$", re.IGNORECASE
)
_WHOLE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?$")
_URL = re.compile(r"^(?:https?://|ftp://|//|www\.)\S+$", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|tiff?|bmp|avif|heic|svg)$", re.IGNORECASE)
_URL_SPLIT = re.compile(r"[\s,;|]+")
_HTML = re.compile(
    r"<\s*/?\s*(?:p|br|ul|ol|li|div|span|b|strong|em|i|u|h[1-6]|table|tr|td|img|a)\b[^>]*>"
    r"|&(?:nbsp|amp|lt|gt|quot);",
    re.IGNORECASE,
)
_PATH = re.compile(r"\w\s*(?:>|»|/|\\|\|)\s*\w")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-]{1,39}$")
_CURRENCY_SIGNS = frozenset("$€£¥₹")
_LETTER = re.compile(r"[^\W\d_]")
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


@dataclass(frozen=True, slots=True)
class _Profile:
    """Shares (0..1) of the non-empty values of one column that look a certain way."""

    count: int = 0
    gtin: float = 0.0
    gtin_lengths: tuple[int, ...] = ()
    digits: float = 0.0
    money: float = 0.0
    number: float = 0.0
    whole: float = 0.0
    small_whole: float = 0.0
    image: float = 0.0
    url: float = 0.0
    html: float = 0.0
    currency: float = 0.0
    path: float = 0.0
    condition: float = 0.0
    status: float = 0.0
    code: float = 0.0
    letters: float = 0.0
    spaced: float = 0.0
    median_length: float = 0.0
    distinct: float = 0.0
    money_example: str = ""


_TALLIED = (
    "gtin",
    "digits",
    "money",
    "number",
    "whole",
    "small_whole",
    "image",
    "url",
    "html",
    "currency",
    "path",
    "condition",
    "status",
    "code",
    "letters",
    "spaced",
)


def _gtin_length(digits: str) -> int:
    """Length of a valid GTIN (11 = a UPC-A that lost its leading zero), else 0."""
    if len(digits) == 11:
        return 11 if has_valid_check_digit("0" + digits) else 0
    return len(digits) if has_valid_check_digit(digits) else 0


def _profile(values: Sequence[str]) -> _Profile:
    count = len(values)
    if not count:
        return _Profile()
    tally = dict.fromkeys(_TALLIED, 0)
    lengths: set[int] = set()
    money_example = ""
    seen = Counter(values)
    for value in seen:
        # Each distinct value is looked at once and counted as often as it occurs.
        hits = dict.fromkeys(_TALLIED, 0)
        has_letters = _LETTER.search(value) is not None
        hits["letters"] = has_letters
        hits["spaced"] = " " in value
        compact = _SEPARATORS.sub("", value)
        if compact.endswith(".0"):
            compact = compact[:-2]
        if compact.isascii() and compact.isdigit() and 8 <= len(compact) <= 14:
            hits["digits"] = 1
            length = _gtin_length(compact)
            if length:
                hits["gtin"] = 1
                lengths.add(length)
        elif _SCIENTIFIC.match(value):
            hits["digits"] = 1
        money = _MONEY.match(value) if len(value) < 30 else None
        if money is not None:
            hits["number"] = 1
            if money["pre"] or money["post"] or len(money["dec"] or "") == 2:
                hits["money"] = 1
                money_example = money_example or value
        elif _MEASURE.match(value):
            hits["number"] = 1
        if _WHOLE.match(value):
            hits["whole"] = 1
            digits = value.split(".")[0].replace(",", "")
            hits["small_whole"] = len(digits) <= 6 and (digits == "0" or digits[0] != "0")
        if "<" in value or "&" in value:
            hits["html"] = _HTML.search(value) is not None
        if "." in value or "/" in value:
            first = _URL_SPLIT.split(value, maxsplit=1)[0]
            is_url = _URL.match(first) is not None
            hits["url"] = is_url
            path = re.split(r"[?#]", first, maxsplit=1)[0]
            hits["image"] = _IMAGE_FILE.search(path) is not None and (is_url or " " not in value)
            hits["path"] = has_letters and not is_url and _PATH.search(value) is not None
        elif has_letters and any(mark in value for mark in ">»|\\"):
            hits["path"] = _PATH.search(value) is not None
        if len(value) <= 3:
            hits["currency"] = value.upper() in synonyms.CURRENCY_CODES or value in _CURRENCY_SIGNS
        if has_letters and len(value) <= 24:
            folded = " ".join(_fold(value).split())
            hits["condition"] = folded in synonyms.CONDITION_VALUES
            hits["status"] = folded in synonyms.STATUS_VALUES
        if len(value) <= 40 and any(char.isdigit() for char in value) and _CODE.match(value):
            hits["code"] = 1
        occurrences = seen[value]
        for name, hit in hits.items():
            tally[name] += hit * occurrences
    share = {name: total / count for name, total in tally.items()}
    return _Profile(
        count=count,
        gtin=share["gtin"],
        gtin_lengths=tuple(sorted(lengths)),
        digits=share["digits"],
        money=share["money"],
        number=share["number"],
        whole=share["whole"],
        small_whole=share["small_whole"],
        image=share["image"],
        url=share["url"],
        html=share["html"],
        currency=share["currency"],
        path=share["path"],
        condition=share["condition"],
        status=share["status"],
        code=share["code"],
        letters=share["letters"],
        spaced=share["spaced"],
        median_length=statistics.median(len(value) for value in values),
        distinct=len(seen) / count,
        money_example=money_example,
    )


def _column_values(width: int, samples: Sequence[Sequence[str]]) -> list[list[str]]:
    columns: list[list[str]] = [[] for _ in range(width)]
    for row in samples:
        for index, cell in enumerate(row[:width]):
            text = cell.strip() if cell else ""
            if text and len(columns[index]) < _MAX_PROFILED:
                columns[index].append(text)
    return columns


def _gtin_text(profile: _Profile) -> str:
    low, high = profile.gtin_lengths[0], profile.gtin_lengths[-1]
    digits = f"{low}-digit" if low == high else f"{low}–{high} digit"
    return f"values are {digits} numbers with valid check digits"


def _money_text(profile: _Profile) -> str:
    if profile.money >= 0.6:
        return f"values look like money amounts (e.g. '{profile.money_example}')"
    return "values are numbers"


def _refine(target: str, profile: _Profile) -> tuple[str, str]:
    """Switch to a sibling target when the values clearly say so."""
    if not profile.count:
        return target, ""
    if target == "category_path" and profile.whole >= 0.8:
        return "category_id", "values are numeric category IDs"
    if target == "category_id" and profile.whole < 0.3 and profile.letters >= 0.8:
        return "category_path", "values are category names"
    if target == "condition" and profile.status >= 0.6 and profile.status > profile.condition:
        return "status", "values are statuses"
    if target == "status" and profile.condition >= 0.6 and profile.condition > profile.status:
        return "condition", "values are item conditions"
    return target, ""


def _check(target: str, p: _Profile) -> tuple[int, str]:
    """+1 when the values agree with ``target``, -1 when they contradict it, else 0."""
    if not p.count:
        return 0, ""
    if target == "gtin":
        if p.gtin >= 0.6:
            return 1, _gtin_text(p)
        if p.digits + p.gtin < 0.3:
            return -1, "values are not barcodes"
    elif target in _MONEY_TARGETS:
        if p.gtin >= 0.8:
            return -1, "values look like barcodes, not amounts"
        if p.money >= 0.6 or p.number >= 0.8:
            return 1, _money_text(p)
        if p.number < 0.3:
            return -1, "values are not amounts"
    elif target == "stock":
        if p.whole >= 0.8:
            return 1, "values are whole numbers"
        if p.number < 0.3:
            return -1, "values are not quantities"
    elif target in _SIZE_TARGETS:
        if p.number >= 0.8:
            return 1, "values are numbers"
        if p.number < 0.3:
            return -1, "values are not numbers"
    elif target == "category_id":
        if p.whole >= 0.8:
            return 1, "values are numeric IDs"
    elif target == "category_path":
        if p.path >= 0.5:
            return 1, "values are category paths"
    elif target == "images":
        if p.image >= 0.5 or p.url >= 0.6:
            return 1, "values are image URLs"
        if p.image + p.url < 0.3:
            return -1, "values are not image URLs"
    elif target == "description":
        if p.html >= 0.3 or p.median_length >= 80:
            return 1, "values are long texts" if p.html < 0.3 else "values contain HTML"
        if p.number >= 0.8:
            return -1, "values are numbers"
    elif target == "title":
        if p.number >= 0.8:
            return -1, "values are numbers"
        if p.letters >= 0.8 and p.spaced >= 0.5 and p.median_length <= 200:
            return 1, "values are short texts"
    elif target == "currency":
        if p.currency >= 0.8:
            return 1, "values are currency codes"
        if p.currency < 0.3:
            return -1, "values are not currency codes"
    elif target in _CODE_TARGETS:
        if p.median_length > 60:
            return -1, "values are long texts"
        if target == "sku" and p.code >= 0.8 and p.distinct >= 0.95:
            return 1, "values look like unique item codes"
    elif target == "condition" and p.condition >= 0.6:
        return 1, "values are item conditions"
    elif target == "status" and p.status >= 0.6:
        return 1, "values are statuses"
    elif target in {"brand", "bullets", "keywords"} and p.number >= 0.8:
        return -1, "values are numbers"
    return 0, ""


def _value_candidates(p: _Profile) -> list[_Candidate]:
    """What the values alone suggest, for columns whose header says nothing usable."""
    if not p.count:
        return []
    if p.gtin >= 0.8:
        return [_Candidate("gtin", 0.6 + 0.2 * p.gtin, _gtin_text(p))]
    if p.image >= 0.6:
        return [_Candidate("images", 0.55 + 0.25 * p.image, "values are image URLs")]
    if p.html >= 0.3:
        return [_Candidate("description", 0.75, "values contain HTML")]
    if p.money >= 0.8:
        return [_Candidate("price", 0.5 + 0.2 * p.money, _money_text(p))]
    if p.path >= 0.8 and p.letters >= 0.8:
        return [_Candidate("category_path", 0.55, "values are category paths")]
    if p.currency >= 0.9:
        return [_Candidate("currency", 0.6, "values are currency codes")]
    if p.condition >= 0.8:
        return [_Candidate("condition", 0.6, "values are item conditions")]
    if p.status >= 0.8:
        return [_Candidate("status", 0.55, "values are statuses")]
    looks_like_ids = p.count >= 5 and p.distinct >= 0.95 and p.median_length >= 4
    if p.small_whole >= 0.9 and not looks_like_ids:
        return [_Candidate("stock", 0.5, "values are small whole numbers")]
    if p.median_length >= 150:
        return [_Candidate("description", 0.6, "values are long texts")]
    if p.code >= 0.9 and p.distinct >= 0.9 and p.letters >= 0.5:
        return [_Candidate("sku", 0.45, "values look like unique item codes")]
    if p.letters >= 0.9 and p.spaced >= 0.8 and 15 <= p.median_length <= 150 and p.distinct >= 0.8:
        return [_Candidate("title", 0.45, "values look like product names")]
    return []
