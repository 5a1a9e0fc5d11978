"""Guessing where each column of an unknown product file goes, from its header and its values.

The header is looked up among the synonyms (exactly, then by the words it contains, then by
spelling); the values (barcodes with valid check digits, money amounts, image URLs, small whole
numbers, long texts) confirm, correct or replace that guess. Each single-valued target then goes
to the one column that fits it best; the others fall back to their next-best target or to none.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.core.gtin import has_valid_check_digit
from sellerdesk.importers import synonyms
from sellerdesk.importers.clean_text import split_camel_case
from sellerdesk.importers.model import ColumnGuess
from sellerdesk.importers.targets import MSRP, MULTI_TARGETS, TARGET_LABELS

__all__ = ["guess_mapping", "header_likeness", "header_match", "normalize_header"]

# --- Header text -------------------------------------------------------------------------------

_PARENS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
_LIGATURES = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th"})
_TRAILING_NOISE = synonyms.UNIT_WORDS | synonyms.CURRENCY_WORDS
_PAREN_NOISE = _TRAILING_NOISE | synonyms.MARKER_WORDS | synonyms.PAREN_FILLERS


def _fold(text: str) -> str:
    """Lower case without accents; everything but letters and digits becomes a space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return "".join(
        char if char.isalnum() else " " for char in decomposed if not unicodedata.combining(char)
    )


def _drop_noise_in_parens(match: re.Match[str]) -> str:
    inner = match.group(1)
    words = _fold(inner).split()
    if "=" in inner or len(words) > 3 or all(word in _PAREN_NOISE for word in words):
        return " "
    return f" {inner} "


def _normalize(text: str, *, hash_as_number: bool) -> str:
    text = _PARENS.sub(_drop_noise_in_parens, text)
    if hash_as_number:
        text = text.replace("#", " number ")
    text = split_camel_case(text)
    words = _fold(text).split()
    while len(words) > 1 and words[-1] in _TRAILING_NOISE:
        words.pop()
    return " ".join(words)


def normalize_header(text: str) -> str:
    """Lower case, no accents, units and currencies removed, punctuation turned into spaces.

    "Preis (EUR)" -> "preis", "Wt (lb)" -> "wt", "Art.-Nr." -> "art nr", "ProductName" ->
    "product name". Words in brackets that are not units stay: "Body (HTML)" -> "body html".
    """
    return _normalize(text, hash_as_number=False)


def _label(target: str) -> str:
    spec = FIELD_BY_NAME.get(target)
    return spec.label if spec is not None else TARGET_LABELS.get(target, target)


def _quote(text: str) -> str:
    shown = " ".join(text.split())
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return f"'{shown}'"


# --- Matching one header -----------------------------------------------------------------------

_NO_RANK = 10_000
_MAX_WORDS = 6
_MONEY_TARGETS = frozenset({"price", MSRP, "cost", "sale_price"})
_SIZE_TARGETS = frozenset({"weight_g", "length_cm", "width_cm", "height_cm"})
_CODE_TARGETS = frozenset({"sku", "mpn", "parent_sku"})
_GTIN_TYPE_HEADERS = frozenset({"product id type", "external product id type"})
_TYPED_GTIN_HEADERS = frozenset({"product id", "external product id"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    #: ``None`` marks a known column that is deliberately not imported.
    target: str | None
    score: float
    reason: str
    #: Position of the synonym in its list: earlier (more usual) synonyms win ties.
    rank: int = _NO_RANK


def _table(source: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    table: dict[str, tuple[str, int]] = {}
    for target, words in source.items():
        for rank, word in enumerate(words):
            table.setdefault(word, (target, rank))
    return table


_STRONG = _table(synonyms.SYNONYMS)
_WEAK = {word: hit for word, hit in _table(synonyms.WEAK_SYNONYMS).items() if word not in _STRONG}
_FUZZY_CHOICES: tuple[str, ...] = (*_STRONG, *_WEAK, *sorted(synonyms.IGNORED - _STRONG.keys()))
_FUZZY_TARGETS: tuple[tuple[str | None, bool], ...] = (
    *((target, False) for target, _ in _STRONG.values()),
    *((target, True) for target, _ in _WEAK.values()),
    *((None, False) for _ in range(len(_FUZZY_CHOICES) - len(_STRONG) - len(_WEAK))),
)
_HEADS = sorted(synonyms.COMPOUND_HEADS.items(), key=lambda item: -len(item[0]))


def _header_candidates(text: str) -> list[_Candidate]:
    """What the header alone suggests, best first; a single ``None`` target for ignored ones."""
    full = _normalize(text, hash_as_number=True)
    if not full:
        return []
    words = full.split()
    while len(words) > 1 and words[-1] in synonyms.QUALIFIER_WORDS:
        words.pop()
    plain = " ".join(words)
    bare = " ".join(word for word in (w.rstrip("0123456789") for w in words) if word) or plain
    shown = _quote(text)
    for key, strong, weak in ((full, 1.0, 0.7), (plain, 1.0, 0.7), (bare, 0.95, 0.65)):
        if key in synonyms.IGNORED:
            return [_Candidate(None, 0.0, f"header {shown} is a known column that is not imported")]
        if key in _STRONG:
            target, rank = _STRONG[key]
            reason = f"header {shown} is a synonym of {_label(target)}"
            return [_Candidate(target, strong, reason, rank)]
        if key in _WEAK:
            target, rank = _WEAK[key]
            reason = f"header {shown} often means {_label(target)}"
            return [_Candidate(target, weak, reason, rank)]
    return _loose_candidates(bare, shown)


def _loose_candidates(key: str, shown: str) -> list[_Candidate]:
    words = key.split()
    if not words or len(words) > _MAX_WORDS or key.isdigit():
        return []
    blocked = synonyms.EXCLUDE_WORDS.intersection(words)
    best: dict[str | None, _Candidate] = {}
    found = (
        *_contained(words, blocked, shown),
        *_compound(words, blocked, shown),
        *_fuzzy(key, words, blocked, shown),
    )
    for candidate in found:
        known = best.get(candidate.target)
        if known is None or candidate.score > known.score:
            best[candidate.target] = candidate
    ranked = sorted(best.values(), key=lambda c: (-c.score, c.rank))
    if ranked and ranked[0].target is None:
        return ranked[:1]
    return [c for c in ranked if c.target is not None]


def _contained(words: list[str], blocked: frozenset[str], shown: str) -> list[_Candidate]:
    """Synonyms found as whole words inside a longer header ("Product Weight", "Preis (UVP)")."""
    hits: list[tuple[str, str, int]] = []
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            gram_words = words[start : start + size]
            if blocked.difference(gram_words):
                continue
            gram = " ".join(gram_words)
            if gram in _STRONG:
                hits.append((gram, *_STRONG[gram]))
    if not hits:
        return []
    targets = {target for _, target, _ in hits}
    if "price" in targets and targets & (_MONEY_TARGETS - {"price"}):
        # "Wholesale price", "Preis (UVP)": the qualifier says which price it is.
        hits = [hit for hit in hits if hit[1] != "price"]
    hits.sort(key=lambda hit: (-len(hit[0]), hit[2]))
    top = 0.75 if len({target for _, target, _ in hits}) == 1 else 0.7
    result: list[_Candidate] = []
    for gram, target, rank in hits:
        if any(c.target == target for c in result):
            continue
        score = top if not result else 0.6
        reason = f"header {shown} contains '{gram}' ({_label(target)})"
        result.append(_Candidate(target, score, reason, rank))
    return result


def _compound(words: list[str], blocked: frozenset[str], shown: str) -> list[_Candidate]:
    """German and Dutch compounds: "Nettoeinkaufspreis" ends with "einkaufspreis"."""
    if blocked:
        return []
    for word in reversed(words):
        for head, target in _HEADS:
            if len(word) >= len(head) + 3 and word.endswith(head):
                reason = f"header {shown} ends with '{head}' ({_label(target)})"
                return [_Candidate(target, 0.65, reason)]
    return []


def _fuzzy(key: str, words: list[str], blocked: frozenset[str], shown: str) -> list[_Candidate]:
    """Typos: "Artikelnumer", "Quantitiy", "Wieght" (short words need a near-exact spelling)."""
    if blocked or len(key) < 4 or len(words) > 4:
        return []
    hit = process.extractOne(key, _FUZZY_CHOICES, scorer=fuzz.ratio, score_cutoff=80)
    if hit is None:
        return []
    choice, ratio, index = hit
    if ratio < 85 and (len(key) < 6 or OSA.distance(key, choice) > 1):
        return []
    target, weak = _FUZZY_TARGETS[index]
    if target is None:
        return [_Candidate(None, 0.0, f"header {shown} is close to the ignored '{choice}'")]
    score = 0.6 + 0.25 * (ratio - 80) / 20 - (0.1 if weak else 0.0)
    reason = f"header {shown} is close to '{choice}' ({ratio:.0f}%)"
    return [_Candidate(target, score, reason)]


def header_match(text: str) -> tuple[str | None, float]:
    """The best target for one header on its own and how sure that is (0..1).

    An exact synonym scores 1.0, a weak synonym ("Product ID", "Model") 0.7, a synonym inside a
    longer header 0.7–0.75, a compound or a typo 0.6–0.85; no match (or a known column that is
    not imported) is ``(None, 0.0)``.
    """
    candidates = _header_candidates(text)
    if not candidates or candidates[0].target is None:
        return None, 0.0
    return candidates[0].target, round(candidates[0].score, 4)


# --- What the values look like -----------------------------------------------------------------

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


# --- The whole file ----------------------------------------------------------------------------


def _combine(header: list[_Candidate], profile: _Profile) -> tuple[list[_Candidate], str]:
    """Candidates for one column, best first, and the reason to show when none is used."""
    if header and header[0].target is None:
        return [], header[0].reason
    result: list[_Candidate] = []
    for candidate in header:
        if candidate.target is None:
            continue
        target, note = _refine(candidate.target, profile)
        if any(c.target == target for c in result):
            continue
        verdict, detail = _check(target, profile)
        reason = f"{candidate.reason}, but {note}" if note else candidate.reason
        if verdict > 0:
            score = min(1.0, candidate.score + 0.1)
            reason = reason if note else f"{reason}; {detail}"
            result.append(_Candidate(target, score, reason, candidate.rank))
        elif verdict == 0:
            result.append(_Candidate(target, candidate.score * 0.95, reason, candidate.rank))
        elif candidate.score >= 0.9:
            score = candidate.score * 0.5
            result.append(_Candidate(target, score, f"{reason}, but {detail}", candidate.rank))
    if all(c.score <= 0.5 for c in result):
        known = {c.target for c in result}
        result.extend(c for c in _value_candidates(profile) if c.target not in known)
    result.sort(key=lambda c: (-c.score, c.rank))
    return result, "no match"


def _short_descriptions_as_titles(
    headers: Sequence[str], options: list[list[_Candidate]], profiles: list[_Profile]
) -> None:
    """A price list whose only text column is "Description" means the product name by it."""
    if any(c.target == "title" and c.score >= 0.6 for column in options for c in column):
        return
    for index, column in enumerate(options):
        profile = profiles[index]
        if not column or column[0].target != "description" or not profile.count:
            continue
        if profile.median_length >= 100 or profile.html >= 0.3 or profile.letters < 0.8:
            continue
        top = column[0]
        reason = (
            f"header {_quote(headers[index])} holds short texts (median "
            f"{profile.median_length:.0f} characters) and the file has no title column"
        )
        title = _Candidate("title", top.score * 0.9, reason, top.rank)
        options[index] = [title, replace(top, score=top.score * 0.6), *column[1:]]


def _resolve(options: list[list[_Candidate]]) -> tuple[list[_Candidate | None], dict[str, int]]:
    """Give each single-valued target to the column that fits it best (greedy, best first)."""
    order = sorted(
        (
            (-candidate.score, candidate.rank, column, position)
            for column, candidates in enumerate(options)
            for position, candidate in enumerate(candidates)
        )
    )
    chosen: list[_Candidate | None] = [None] * len(options)
    owner: dict[str, int] = {}
    for _, _, column, position in order:
        candidate = options[column][position]
        target = candidate.target
        if chosen[column] is not None or target is None:
            continue
        if target in owner and target not in MULTI_TARGETS:
            continue
        chosen[column] = candidate
        owner.setdefault(target, column)
    return chosen, owner


def guess_mapping(headers: Sequence[str], samples: Sequence[Sequence[str]]) -> list[ColumnGuess]:
    """One guess per header column, in order: target (or ``None``), confidence and reason.

    ``samples`` are data rows aligned with ``headers`` (rows may be shorter). When the file has
    an MSRP column but no price column the MSRP stays MSRP; the caller decides what to do.
    """
    columns = _column_values(len(headers), samples)
    profiles = [_profile(values) for values in columns]
    has_gtin_type = any(normalize_header(h) in _GTIN_TYPE_HEADERS for h in headers)
    options: list[list[_Candidate]] = []
    fallbacks: list[str] = []
    for index, header in enumerate(headers):
        found = _header_candidates(header)
        if has_gtin_type and found and normalize_header(header) in _TYPED_GTIN_HEADERS:
            reason = f"header {_quote(header)} is the GTIN next to its type column"
            found = [replace(found[0], score=0.95, reason=reason)]
        candidates, fallback = _combine(found, profiles[index])
        options.append(candidates)
        fallbacks.append(fallback)
    _short_descriptions_as_titles(headers, options, profiles)
    chosen, owner = _resolve(options)
    mpn_column = owner.get("mpn")
    picked_mpn = chosen[mpn_column] if mpn_column is not None else None
    if "sku" not in owner and mpn_column is not None and picked_mpn is not None:
        reason = f"{picked_mpn.reason}; used as the SKU because no column holds SKUs"
        score = picked_mpn.score * 0.85
        chosen[mpn_column] = replace(picked_mpn, target="sku", score=score, reason=reason)
        owner["sku"] = owner.pop("mpn")
    guesses: list[ColumnGuess] = []
    for index, header in enumerate(headers):
        picked, candidates = chosen[index], options[index]
        first = candidates[0] if candidates else None
        lost = ""
        if (
            first is not None
            and first.target is not None
            and first.target not in MULTI_TARGETS
            and owner.get(first.target, index) != index
        ):
            lost = f"{_label(first.target)} went to column {_quote(headers[owner[first.target]])}"
        if picked is None or picked.target is None:
            reason = (
                f"{first.reason}, but {lost}" if first is not None and lost else fallbacks[index]
            )
            guesses.append(ColumnGuess(index, header, None, 0.0, reason))
            continue
        reason = f"{picked.reason} ({lost})" if lost else picked.reason
        score = max(0.0, min(1.0, picked.score))
        guesses.append(ColumnGuess(index, header, picked.target, round(score, 3), reason))
    return guesses


# --- Header rows -------------------------------------------------------------------------------

_MAX_HEADER_CHARS = 60


def _looks_like_value(text: str) -> bool:
    return (
        _MONEY.match(text) is not None
        or _URL.match(text) is not None
        or _DATE.match(text) is not None
        or "@" in text
        or len(text.split()) > _MAX_WORDS
    )


def header_likeness(cells: Sequence[str]) -> float:
    """How much a row looks like a header row (0..1): known column names, short words, distinct.

    A real header row scores above 0.6; data rows and title rows ("ACME Dealer Price List")
    stay below 0.3.
    """
    texts = [cell.strip() for cell in cells if cell and cell.strip()]
    if not texts:
        return 0.0
    matched = 0.0
    wordy = 0
    for text in texts:
        if len(text) > _MAX_HEADER_CHARS or _looks_like_value(text):
            continue
        wordy += 1
        candidates = _header_candidates(text)
        if candidates:
            matched += candidates[0].score if candidates[0].target is not None else 0.6
    count = len(texts)
    distinct = len({text.casefold() for text in texts}) / count
    score = 0.75 * matched / count + 0.25 * (wordy / count) * distinct
    if count == 1 and len(cells) > 1:
        score *= 0.35
    return round(min(1.0, score), 4)
