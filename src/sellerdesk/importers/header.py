"""Finding the header row below title rows, and recognising blank and footer rows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sellerdesk.importers.mapping import header_likeness

#: How many rows from the top may hold titles, notes and blank lines before the header.
SCAN_ROWS = 30

_FOOTER = re.compile(
    r"^\s*(totals?\b|grand total|sub-?total|sum\b|summe|gesamt|total items|"
    r"report generated|generated (on|at)|page \d+ of|end of report|\(c\)|©)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HeaderGuess:
    index: int  # 0-based index among the rows read
    confidence: float


def is_blank(cells: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def filled(cells: Sequence[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def is_footer(cells: Sequence[str]) -> bool:
    """A totals line, a "Report generated on …" line or similar trailer under the data."""
    for cell in cells:
        if cell.strip():
            if _FOOTER.match(cell) is not None:
                return True
            break
    if len(cells) - cells.count("") > 3:
        return False
    return _looks_like_formula_total(cells)


def _looks_like_formula_total(cells: Sequence[str]) -> bool:
    texts = [cell.strip() for cell in cells if cell.strip()]
    return any(text.upper().startswith(("TOTAL", "=SUM(")) for text in texts) and len(texts) <= 3


def find_header(rows: Sequence[Sequence[str]]) -> HeaderGuess:
    """The most header-like row among the first rows: wide, wordy, known names, data below."""
    top = rows[:SCAN_ROWS]
    if not top:
        return HeaderGuess(0, 0.0)
    widest = max(filled(row) for row in top) or 1
    best = HeaderGuess(0, -1.0)
    for index, row in enumerate(top):
        count = filled(row)
        if count < max(2, widest // 2) and count < widest:
            continue
        cells = [cell for cell in row if cell.strip()]
        wordy = sum(1 for cell in cells if not _numberish(cell)) / len(cells)
        distinct = len({cell.strip().lower() for cell in cells}) / len(cells)
        below = [r for r in top[index + 1 : index + 6] if not is_blank(r)]
        data_like = (
            sum(1 for r in below if filled(r) >= max(1, count // 2)) / len(below) if below else 0.3
        )
        score = (
            0.45 * header_likeness(row)
            + 0.2 * wordy
            + 0.1 * distinct
            + 0.15 * (count / widest)
            + 0.1 * data_like
        )
        if score > best.confidence + 0.02:
            best = HeaderGuess(index, score)
    return HeaderGuess(best.index, max(0.0, min(1.0, best.confidence)))


_NUMBERISH = re.compile(r"^[\s$€£¥+\-]*[\d.,\s]+[%€$£]?\s*$")


def _numberish(cell: str) -> bool:
    return _NUMBERISH.match(cell) is not None


def _kinds(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple("" if not c.strip() else "n" if _numberish(c) else "t" for c in cells)


def is_data_row(row: Sequence[str], following: Sequence[Sequence[str]]) -> bool:
    """True when ``row`` (the would-be header) has numbers where the rows below have numbers
    too: a file without a header row."""
    kinds = _kinds(row)
    if "n" not in kinds or header_likeness(row) >= 0.3:
        return False
    below = [_kinds(r) for r in following if not is_blank(r)][:5]
    if not below:
        return False
    agree = sum(
        1
        for other in below
        if all(a == b or "" in (a, b) for a, b in zip(kinds, other, strict=False))
    )
    return agree >= max(1, len(below) - 1)
