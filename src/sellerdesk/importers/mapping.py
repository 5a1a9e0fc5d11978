"""Guessing where each column of an unknown product file goes, from its header and its values.

The header is looked up among the synonyms (exactly, then by the words it contains, then by
spelling); the values (barcodes with valid check digits, money amounts, image URLs, small whole
numbers, long texts) confirm, correct or replace that guess. Each single-valued target then goes
to the one column that fits it best; the others fall back to their next-best target or to none.
Matching one header is in ``header_candidates``; profiling the values is in ``value_profile``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sellerdesk.importers.header_candidates import _MAX_WORDS, _Candidate, _header_candidates
from sellerdesk.importers.header_text import _label, _quote, normalize_header
from sellerdesk.importers.model import ColumnGuess
from sellerdesk.importers.targets import MULTI_TARGETS
from sellerdesk.importers.value_profile import (
    _DATE,
    _MONEY,
    _URL,
    _check,
    _column_values,
    _Profile,
    _profile,
    _refine,
    _value_candidates,
)

__all__ = ["guess_mapping", "header_likeness"]

_GTIN_TYPE_HEADERS = frozenset({"product id type", "external product id type"})
_TYPED_GTIN_HEADERS = frozenset({"product id", "external product id"})


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
