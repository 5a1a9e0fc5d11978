"""Header text: ``normalize_header`` and the folding behind it, plus how targets and headers
are named in the reasons shown to the seller.
"""

from __future__ import annotations

import re
import unicodedata

from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.importers import synonyms
from sellerdesk.importers.clean_text import split_camel_case
from sellerdesk.importers.targets import TARGET_LABELS

__all__ = ["normalize_header"]

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
