"""Catalog export to CSV, XLSX or JSON Lines, written atomically with formulas neutralized."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, text

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.escaping import neutralize_formula
from sellerdesk.core.fields import FIELD_BY_NAME, FIELD_NAMES, Kind
from sellerdesk.db.database import Database
from sellerdesk.services import queries
from sellerdesk.services.queries import CatalogQuery

EXPORT_COLUMNS: tuple[str, ...] = ("sku", "parent_sku", *[n for n in FIELD_NAMES if n != "sku"])
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FETCH = 2000

Progress = Callable[[int, int], None]


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


def _converters(typed: bool) -> list[Callable[[Any], Any]]:
    """Per-column converters from raw stored values to export values."""
    result: list[Callable[[Any], Any]] = []
    for name in EXPORT_COLUMNS:
        kind = FIELD_BY_NAME[name].kind if name in FIELD_BY_NAME else Kind.TEXT
        if kind in (Kind.MONEY, Kind.DECIMAL):
            result.append(_amount)
        elif kind is Kind.LIST:
            result.append(json.loads if typed else lambda v: " | ".join(json.loads(v)))
        elif kind is Kind.DICT:
            result.append(json.loads if typed else str)
        else:
            result.append(lambda v: v)
    return result


def _raw_rows(conn: Connection, ids: Sequence[int]) -> Iterator[tuple[Any, ...]]:
    """Stored values, untouched by type processing (fast), in the given id order."""
    columns = ", ".join("parent.sku" if c == "parent_sku" else f"p.{c}" for c in EXPORT_COLUMNS)
    for start in range(0, len(ids), FETCH):
        part = ids[start : start + FETCH]
        marks = ", ".join(str(int(i)) for i in part)
        statement = text(
            f"SELECT p.id, {columns} FROM products p "
            f"LEFT JOIN products parent ON parent.id = p.parent_id WHERE p.id IN ({marks})"
        )
        by_id = {row[0]: row[1:] for row in conn.execute(statement)}
        for product_id in part:
            row = by_id.get(product_id)
            if row is not None:
                yield tuple(row)


def _cells(rows: Iterator[tuple[Any, ...]], typed: bool) -> Iterator[list[Any]]:
    converters = _converters(typed)
    for row in rows:
        yield [None if v is None else conv(v) for conv, v in zip(converters, row, strict=True)]


@contextmanager
def _atomic(path: Path, mode: str, encoding: str | None = None) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``, then rename over it only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        newline = "" if "b" not in mode else None
        with os.fdopen(fd, mode, newline=newline, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def export_catalog(
    db: Database,
    path: Path,
    query: CatalogQuery = CatalogQuery(),
    progress: Progress | None = None,
) -> int:
    """Export the products matching ``query`` to ``path``; returns the number of rows."""
    kind = export_format(path)
    with db.read() as conn:
        ids = queries.matching_ids(conn, query, db.helper)
        rows = _raw_rows(conn, ids)
        if kind == "csv":
            count = _write_csv(path, _cells(rows, typed=False), len(ids), progress)
        elif kind == "xlsx":
            count = _write_xlsx(path, _cells(rows, typed=False), len(ids), progress)
        else:
            count = _write_jsonl(path, _cells(rows, typed=True), len(ids), progress)
    return count


def _text_cell(value: Any) -> Any:
    return neutralize_formula(value) if isinstance(value, str) else value


def _write_csv(
    path: Path, cells: Iterator[list[Any]], total: int, progress: Progress | None
) -> int:
    count = 0
    # A BOM lets Excel open the UTF-8 file with the right encoding.
    with _atomic(path, "w", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(EXPORT_COLUMNS)
        for row in cells:
            writer.writerow([_text_cell(v) for v in row])
            count += 1
            if progress is not None and count % 5000 == 0:
                progress(count, total)
    return count


def _write_xlsx(
    path: Path, cells: Iterator[list[Any]], total: int, progress: Progress | None
) -> int:
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
    for row in cells:
        out: list[Any] = []
        for index, value in enumerate(row):
            if value is None:
                out.append(None)
            elif index in numeric:
                out.append(float(value) if isinstance(value, str) else value)
            else:
                cell = WriteOnlyCell(sheet, value=None)
                cell.value = neutralize_formula(str(value))
                cell.data_type = "s"
                out.append(cell)
        sheet.append(out)
        count += 1
        if progress is not None and count % 5000 == 0:
            progress(count, total)
    with _atomic(path, "wb") as handle:
        workbook.save(handle)
    return count


def _write_jsonl(
    path: Path, cells: Iterator[list[Any]], total: int, progress: Progress | None
) -> int:
    count = 0
    with _atomic(path, "w", encoding="utf-8") as handle:
        for row in cells:
            record = {k: v for k, v in zip(EXPORT_COLUMNS, row, strict=True) if v is not None}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if progress is not None and count % 5000 == 0:
                progress(count, total)
    return count
