"""Catalog export to CSV, XLSX or JSON Lines, written atomically with formulas neutralized."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlalchemy import BigInteger, Connection, Integer, Text, select, type_coerce

from sellerdesk.core.atomic_files import atomic_path
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FIELD_BY_NAME, FIELD_NAMES, Kind
from sellerdesk.db.database import Database
from sellerdesk.db.dialect import LIST_SEPARATOR, DialectHelper
from sellerdesk.services import queries
from sellerdesk.services import tables as t
from sellerdesk.services.queries import CatalogQuery

EXPORT_COLUMNS: tuple[str, ...] = ("sku", "parent_sku", *[n for n in FIELD_NAMES if n != "sku"])
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FETCH = 2000

Progress = Callable[[int, int], None]
Blocks = Iterator[Sequence[Sequence[Any]]]
_RAW_BY_KIND = {Kind.MONEY: BigInteger(), Kind.DECIMAL: BigInteger(), Kind.INT: Integer()}
#: Column types that bypass the ORM's conversions (Decimal, JSON) for a fast export.
_RAW = {
    name: _RAW_BY_KIND.get(FIELD_BY_NAME[name].kind, Text())
    for name in EXPORT_COLUMNS
    if name in FIELD_BY_NAME
}


def export_format(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise InvalidValueError(
            f"cannot tell the export format from {path.name!r}",
            "Use a file name ending in .csv, .xlsx or .jsonl.",
        ) from None


def _amount(stored: int) -> str:
    whole, frac = divmod(stored, 10_000)
    if frac % 100 == 0:
        return f"{whole}.{frac // 100:02d}"
    return f"{whole}.{frac:04d}".rstrip("0")


def _cached_amounts() -> Callable[[int], str]:
    """``_amount`` with a per-export memo: catalogs repeat the same prices many times."""
    seen: dict[int, str] = {}

    def amount(stored: int) -> str:
        text = seen.get(stored)
        if text is None:
            text = seen[stored] = _amount(stored)
        return text

    return amount


def _converters() -> list[tuple[int, Callable[[Any], Any]]]:
    """(column index, converter) for the JSON export's columns that need decoding."""
    result: list[tuple[int, Callable[[Any], Any]]] = []
    amount = _cached_amounts()
    for index, name in enumerate(EXPORT_COLUMNS):
        kind = FIELD_BY_NAME[name].kind if name in FIELD_BY_NAME else Kind.TEXT
        if kind in (Kind.MONEY, Kind.DECIMAL):
            result.append((index, amount))
        elif kind is Kind.LIST or kind is Kind.DICT:
            result.append((index, json.loads))
    return result


def _raw_blocks(conn: Connection, query: CatalogQuery, helper: DialectHelper, shape: str) -> Blocks:
    """Matching rows in the query's order, in blocks, shaped for the writer:
    "lines" (one finished CSV record each), "cells" (text-ready values for a spreadsheet) or
    "typed" (stored values untouched, for JSON)."""
    p = t.products.c
    parent = t.products.alias("parent")
    columns: list[Any] = []
    roles: list[str] = []
    for name in EXPORT_COLUMNS:
        if name == "parent_sku":
            column, kind = parent.c.sku, Kind.TEXT
        else:
            column, kind = p[name], FIELD_BY_NAME[name].kind
        if shape == "typed":
            columns.append(type_coerce(column, _RAW.get(name, Text())))
        elif kind in (Kind.MONEY, Kind.DECIMAL):
            columns.append(helper.amount_text(column))
            roles.append("number")
        elif kind is Kind.INT:
            columns.append(column)
            roles.append("number")
        elif kind is Kind.LIST:
            raw_list = type_coerce(column, Text())
            columns.append(
                raw_list
                if shape == "lines"
                else helper.formula_safe(helper.joined_list(column, LIST_SEPARATOR))
            )
            roles.append("list")
        else:
            text_column = type_coerce(column, Text())
            columns.append(text_column if shape == "lines" else helper.formula_safe(text_column))
            roles.append("text")
    if shape == "lines":
        columns = [helper.csv_record(list(zip(columns, roles, strict=True)))]
    statement = (
        select(*columns)
        .select_from(t.products.outerjoin(parent, parent.c.id == p.parent_id))
        .where(*queries.conditions(query, helper))
        .order_by(*queries.ordering(query))
    )
    yield from helper.stream_rows(conn, statement, FETCH)


def _cells(blocks: Blocks, typed: bool) -> Blocks:
    """JSON exports get typed values (amounts as exact strings, lists and objects decoded);
    text formats come from the database ready to write (see ``_raw_blocks``)."""
    if not typed:
        yield from blocks
        return
    converters = _converters()
    for block in blocks:
        rows = [list(row) for row in block]
        for row in rows:
            for index, convert in converters:
                value = row[index]
                if value is not None:
                    row[index] = convert(value)
        yield rows


@contextmanager
def _atomic(path: Path, mode: str, encoding: str | None = None) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``, then rename over it only on success."""
    with atomic_path(path) as partial:
        newline = "" if "b" not in mode else None
        with partial.open(mode, newline=newline, encoding=encoding) as handle:
            yield handle


def export_catalog(
    db: Database,
    path: Path,
    query: CatalogQuery = CatalogQuery(),
    progress: Progress | None = None,
) -> int:
    """Export the products matching ``query`` to ``path``; returns the number of rows."""
    kind = export_format(path)
    shape = {"csv": "lines", "xlsx": "cells", "jsonl": "typed"}[kind]
    writer = _WRITERS[kind]
    with db.read() as conn:
        total = queries.count(conn, query, db.helper)
        blocks = _raw_blocks(conn, query, db.helper, shape)
        return writer(path, _cells(blocks, typed=shape == "typed"), total, progress)


def _write_csv(path: Path, blocks: Blocks, total: int, progress: Progress | None) -> int:
    count = 0
    # A BOM lets Excel open the UTF-8 file with the right encoding.
    with _atomic(path, "w", encoding="utf-8-sig") as handle:
        csv.writer(handle, quoting=csv.QUOTE_MINIMAL).writerow(EXPORT_COLUMNS)
        for block in blocks:
            # Each row is one finished record from the database (see _raw_blocks).
            handle.write("\r\n".join(row[0] for row in block))
            handle.write("\r\n")
            count += len(block)
            if progress is not None:
                progress(count, total)
    return count


def _write_xlsx(path: Path, blocks: Blocks, total: int, progress: Progress | None) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Products")
    sheet.append(list(EXPORT_COLUMNS))
    numeric = {
        i
        for i, name in enumerate(EXPORT_COLUMNS)
        if name in FIELD_BY_NAME
        and FIELD_BY_NAME[name].kind in (Kind.MONEY, Kind.DECIMAL, Kind.INT)
    }
    count = 0
    for row in (row for block in blocks for row in block):
        out: list[Any] = []
        for index, value in enumerate(row):
            if value is None:
                out.append(None)
            elif index in numeric:
                out.append(float(value) if isinstance(value, str) else value)
            else:
                cell = WriteOnlyCell(sheet, value=None)
                cell.value = str(value)  # already neutralized; data_type "s" keeps it text
                cell.data_type = "s"
                out.append(cell)
        sheet.append(out)
        count += 1
        if progress is not None and count % 5000 == 0:
            progress(count, total)
    with _atomic(path, "wb") as handle:
        workbook.save(handle)
    return count


def _write_jsonl(path: Path, blocks: Blocks, total: int, progress: Progress | None) -> int:
    count = 0
    with _atomic(path, "w", encoding="utf-8") as handle:
        for row in (row for block in blocks for row in block):
            record = {k: v for k, v in zip(EXPORT_COLUMNS, row, strict=True) if v is not None}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if progress is not None and count % 5000 == 0:
                progress(count, total)
    return count


_WRITERS: dict[str, Callable[[Path, Blocks, int, Progress | None], int]] = {
    "csv": _write_csv,
    "xlsx": _write_xlsx,
    "jsonl": _write_jsonl,
}
