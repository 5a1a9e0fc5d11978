"""Matching one header on its own: the targets it suggests and how sure each is.

The header is looked up among the synonyms exactly, then by the words it contains, by compound
endings and by spelling (``header_match``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from sellerdesk.importers import synonyms
from sellerdesk.importers.header_text import _label, _normalize, _quote
from sellerdesk.importers.targets import MSRP

__all__ = ["header_match"]

_NO_RANK = 10_000
_MAX_WORDS = 6
_MONEY_TARGETS = frozenset({"price", MSRP, "cost", "sale_price"})


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
