"""Spreadsheet clipboard text: TSV the way Excel and Google Sheets write it, and typed cell values.

``format_tsv`` and ``parse_tsv`` round-trip a block of cells through the clipboard: a cell that
holds a tab, a line break or a double quote is quoted, with its quotes doubled, as Excel does;
Excel's own TSV (quoted multi-line cells, CRLF line ends, a trailing line end) parses back.
``parse_cell`` reads one pasted cell into a field's stored value ("$1,299.00", "12,99", "1 200").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FieldSpec, Kind
from sellerdesk.core.money import minor_unit
from sellerdesk.importers.clean_money import clean_money, guess_number_style
from sellerdesk.importers.clean_numbers import clean_decimal, clean_int
from sellerdesk.importers.model import Severity

_NEEDS_QUOTES = re.compile(r'[\t\r\n"]')
_CELL_END = re.compile(r"[\t\r\n]")


def quote_cell(text: str) -> str:
    """``text`` as one TSV cell: quoted (quotes doubled) when it holds a tab, newline or quote."""
    if _NEEDS_QUOTES.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def format_tsv(rows: Sequence[Sequence[str]], newline: str = "\n") -> str:
    """Cells as clipboard text: tab between cells, ``newline`` after each row of a multi-row block.

    A single row gets no line end, so pasting one cell into a text field adds no stray newline.
    """
    lines = ["\t".join(quote_cell(cell) for cell in row) for row in rows]
    if len(lines) <= 1:
        return "".join(lines)
    return newline.join(lines) + newline


def _normalize_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from clipboard TSV (Excel, Google Sheets, LibreOffice, SellerDesk).

    Line ends may be LF, CRLF or CR; one trailing line end ends the block without adding an
    empty row. A cell starting with a quote is read up to its closing quote (``""`` is one
    quote) and may span tabs and lines; a quote without its closing quote is kept as text.
    Rows keep their own length (ragged blocks are the caller's to pad).
    """
    if not text:
        return []
    rows: list[list[str]] = []
    row: list[str] = []
    size = len(text)
    position = 0
    while True:
        cell, position = _read_cell(text, position)
        row.append(cell)
        if position >= size:
            rows.append(row)
            break
        if text[position] == "\t":
            position += 1
            continue
        position += 2 if text.startswith("\r\n", position) else 1
        rows.append(row)
        row = []
        if position >= size:
            break
    return rows


def _read_cell(text: str, start: int) -> tuple[str, int]:
    """One cell starting at ``start``: (its text, the position of the character ending it)."""
    if start < len(text) and text[start] == '"':
        quoted = _read_quoted(text, start)
        if quoted is not None:
            return quoted
    found = _CELL_END.search(text, start)
    end = len(text) if found is None else found.start()
    return text[start:end], end


def _read_quoted(text: str, start: int) -> tuple[str, int] | None:
    parts: list[str] = []
    position = start + 1
    while True:
        close = text.find('"', position)
        if close < 0:
            return None  # no closing quote: the caller reads the cell as plain text
        parts.append(text[position:close])
        if text.startswith('""', close):
            parts.append('"')
            position = close + 2
            continue
        position = close + 1
        break
    # Excel keeps whatever follows the closing quote up to the next tab or line end.
    found = _CELL_END.search(text, position)
    end = len(text) if found is None else found.start()
    return _normalize_breaks("".join(parts) + text[position:end]), end


def block_size(rows: Sequence[Sequence[str]]) -> tuple[int, int]:
    """(rows, columns) of a possibly ragged block: its widest row sets the columns."""
    return len(rows), max((len(row) for row in rows), default=0)


# ------------------------------------------------------------------ cell values


def plain_money(amount: Decimal | None, currency: str | None) -> str:
    """An amount as a spreadsheet reads it back: ``1299.00``, ``3200`` for yen; no symbol."""
    if amount is None:
        return ""
    code = (currency or "").upper()
    places = 0 if code and minor_unit(code) == 1 else 2
    return f"{Decimal(amount):.{places}f}"


def _quoted(text: str) -> str:
    return f"“{text}”"


def parse_money(text: str, currency: str | None, label: str = "Price") -> Decimal | None:
    """A price typed or pasted as "12.99", "12,99", "$1,299.00" or "1.299,00 €" (None if blank).

    A currency written in the value must be the product's own (``currency``).
    """
    raw = text.strip()
    if not raw:
        return None
    style = guess_number_style([raw])
    cleaned = clean_money(raw, style, currency, label=label)
    errors = [issue for issue in cleaned.issues if issue.severity is Severity.ERROR]
    if cleaned.value is None or errors:
        code = errors[0].code if errors else ""
        if code.endswith("negative"):
            raise InvalidValueError(f"{label} cannot be negative (got {_quoted(raw)})")
        if code.endswith("too_large"):
            raise InvalidValueError(f"{label} {_quoted(raw)} is too large")
        raise InvalidValueError(
            f"{label} {_quoted(raw)} is not a price", "Type an amount such as 12.99."
        )
    amount, written = cleaned.value
    if currency and written and written.upper() != currency.upper():
        raise InvalidValueError(
            f"{label} {_quoted(raw)} is in {written}, but this product is priced in {currency}",
            "Type the amount without the currency, or change the product's currency first.",
        )
    return amount


def parse_whole(text: str, label: str = "Stock", *, minimum: int | None = 0) -> int | None:
    """A whole number typed or pasted as "12", "1,200" or "1 200" (None if blank)."""
    raw = text.strip()
    if not raw:
        return None
    cleaned = clean_int(raw, label=label)
    if cleaned.value is None:
        raise InvalidValueError(f"{label} {_quoted(raw)} is not a whole number")
    if minimum is not None and cleaned.value < minimum:
        raise InvalidValueError(f"{label} cannot be below {minimum} (got {_quoted(raw)})")
    return cleaned.value


def parse_number(text: str, label: str) -> Decimal | None:
    """A non-negative decimal typed or pasted as "1.5", "1,5" or "1,200.5" (None if blank)."""
    raw = text.strip()
    if not raw:
        return None
    cleaned = clean_decimal(raw, guess_number_style([raw]), label=label)
    if cleaned.value is None:
        raise InvalidValueError(f"{label} {_quoted(raw)} is not a number")
    return cleaned.value


def parse_cell(spec: FieldSpec, text: str, currency: str | None = None) -> Any:
    """The stored value of field ``spec`` from one pasted or typed cell (InvalidValueError)."""
    if spec.kind is Kind.MONEY:
        return parse_money(text, currency, spec.label)
    if spec.kind is Kind.INT:
        minimum = 0 if spec.name == "stock" else None
        return parse_whole(text, spec.label, minimum=minimum)
    if spec.kind is Kind.DECIMAL:
        return parse_number(text, spec.label)
    return spec.parse(text)
