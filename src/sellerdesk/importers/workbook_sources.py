"""Reading workbooks as text rows: XLSX (openpyxl), XLS (xlrd) and ODS (pandas).

Also holds ``cell_text`` (a spreadsheet value as the seller sees it), merged-range filling and
``scan_archive``, which refuses damaged zips and zip bombs before a workbook is opened.
"""

from __future__ import annotations

import datetime as dt
import mmap
import re
import threading
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import openpyxl
import openpyxl.reader.excel as openpyxl_excel
import pandas as pd
import xlrd
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from sellerdesk.importers.limits import MIB, ReadLimits
from sellerdesk.importers.model import ImportFileError
from sellerdesk.importers.table_source import TableInfo, _os_error, _size, _Source

#: Merged ranges are looked up (in the sheet's XML) only for workbooks up to this size.
MERGE_SCAN_MAX_BYTES = 20 * MIB
_EXPORT_HINT = "Open it in your spreadsheet app and save it again, or export it as CSV or XLSX."
_MERGE_REF = re.compile(
    rb"<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*[\"']([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)"
)
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a seller would see in the cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value != value:
            return ""
        if value.tzinfo is None and value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


class _WorkbookSource(_Source):
    """Shared row handling of workbooks: cell conversion, merges, trimming and limits."""

    def __init__(self, path: Path, limits: ReadLimits) -> None:
        super().__init__(path, limits)
        self._rows_done = 0
        self._row_total: int | None = None
        self._finished = False

    def progress(self) -> float:
        if self._finished:
            return 1.0
        total = self._row_total
        if not total:
            return 0.0
        return min(self._rows_done / total, 1.0)

    def _emit(
        self, values: Iterator[tuple[object, ...]], merges: list[_Merge]
    ) -> Iterator[list[str]]:
        """Text rows from raw value rows: merged ranges filled, trailing empty cells trimmed."""
        filler = _MergeFiller(merges, self._limits.max_columns) if merges else None
        self._rows_done = 0
        self._finished = False
        for number, row in enumerate(values, 1):
            cells = [cell_text(value) for value in row]
            if filler is not None:
                filler.fill(number, cells)
            while cells and not cells[-1]:
                cells.pop()
            self._check_cells(number, cells)
            self._rows_done = number
            yield cells
        self._finished = True

    def _pick_sheet(self, names: tuple[str, ...], wanted: str | None, default: str) -> str:
        if wanted is None:
            return default
        if wanted in names:
            return wanted
        raise ImportFileError(
            f"“{self._path.name}” has no sheet called “{wanted}”. "
            f"Its sheets are: {', '.join(f'“{name}”' for name in names)}.",
            "Pick one of these sheets.",
        )


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
_LOAD_LOCK = threading.Lock()
_BOUNDS = ("_min_column", "_min_row", "_max_column", "_max_row")


class _CountingReader:
    """A zip member that remembers how many (uncompressed) bytes were read from it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.consumed += len(data)
        return data

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> _CountingReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class _LazySizeWorksheet(ReadOnlyWorksheet):
    """openpyxl reads a whole sheet at load time when it has no <dimension> tag (many
    exporters omit it); here only the head of the sheet is looked at, and the bytes read
    while streaming give the progress instead."""

    _counter: _CountingReader | None = None

    def _member(self) -> tuple[zipfile.ZipFile, str]:
        archive: zipfile.ZipFile = getattr(self.parent, "_archive")  # noqa: B009
        return archive, str(getattr(self, "_worksheet_path"))  # noqa: B009

    def _get_size(self) -> None:
        archive, member = self._member()
        with archive.open(member) as source:
            head = source.read(64 * 1024)
        found = _DIMENSION.search(head)
        if found is not None:
            ref = found.group(1).decode()
            bounds = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
            for name, value in zip(_BOUNDS, bounds, strict=True):
                setattr(self, name, value)

    def _get_source(self) -> _CountingReader:
        archive, member = self._member()
        self._counter = _CountingReader(archive.open(member))
        return self._counter

    def consumed_fraction(self) -> float | None:
        counter = self._counter
        if counter is None:
            return None
        archive, member = self._member()
        size = archive.getinfo(member.lstrip("/")).file_size
        return min(counter.consumed / size, 1.0) if size else None


def _load_xlsx(handle: IO[bytes]) -> Any:
    """``openpyxl.load_workbook`` in read-only mode with sheets that don't pre-scan themselves."""
    with _LOAD_LOCK:
        original = getattr(openpyxl_excel, "ReadOnlyWorksheet")  # noqa: B009
        setattr(openpyxl_excel, "ReadOnlyWorksheet", _LazySizeWorksheet)  # noqa: B010
        try:
            return openpyxl.load_workbook(handle, read_only=True, data_only=True)
        finally:
            setattr(openpyxl_excel, "ReadOnlyWorksheet", original)  # noqa: B010


class XlsxSource(_WorkbookSource):
    """An Excel 2007+ workbook, streamed with openpyxl in read-only mode."""

    def __init__(self, path: Path, size: int, sheet: str | None, limits: ReadLimits) -> None:
        super().__init__(path, limits)
        scan_archive(path, limits, "XLSX")
        self._file = open(path, "rb")  # noqa: SIM115 - closed in close()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._book = _load_xlsx(self._file)
        except OSError:
            self._file.close()
            raise
        except Exception as exc:
            self._file.close()
            raise _damaged(path, "XLSX") from exc
        self._merges: list[_Merge] | None = None
        try:
            self._choose(sheet, size)
        except (ImportFileError, OSError):
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise _damaged(path, "XLSX") from exc

    def _choose(self, sheet: str | None, size: int) -> None:
        limits = self._limits
        names = tuple(self._book.sheetnames)
        worksheets = [
            ws
            for ws in self._book.worksheets[: limits.max_sheets_scanned]
            if isinstance(ws, ReadOnlyWorksheet)
        ]
        visible = [ws.title for ws in worksheets if ws.sheet_state == "visible"]
        default = (visible or [ws.title for ws in worksheets] or [*names, ""])[0]
        chosen = self._pick_sheet(names, sheet, default)
        self.info = TableInfo("xlsx", None, None, names, chosen or None, size, None)
        found = self._book[chosen] if chosen else None
        self._sheet = found if isinstance(found, ReadOnlyWorksheet) else None
        if self._sheet is not None:
            self._row_total = self._sheet.max_row
            # The <dimension> tag is often wrong; trusting it can cut rows or columns off.
            self._sheet.reset_dimensions()

    def rows(self) -> Iterator[list[str]]:
        return self._read()

    def progress(self) -> float:
        sheet = self._sheet
        if not self._finished and not self._row_total and isinstance(sheet, _LazySizeWorksheet):
            return sheet.consumed_fraction() or 0.0
        return super().progress()

    def _read(self) -> Iterator[list[str]]:
        sheet = self._sheet
        if sheet is None:
            return
        try:
            merges = self._merged_ranges(sheet)
            yield from self._emit(sheet.iter_rows(values_only=True), merges)  # type: ignore[misc]
        except ImportFileError:
            raise
        except OSError as exc:
            raise _os_error(self._path, exc, started=True) from exc
        except Exception as exc:
            raise _damaged(self._path, "XLSX") from exc

    def _merged_ranges(self, sheet: ReadOnlyWorksheet) -> list[_Merge]:
        if self._merges is None:
            self._merges = []
            member = getattr(sheet, "_worksheet_path", None)
            if self.info.size_bytes <= MERGE_SCAN_MAX_BYTES and isinstance(member, str):
                self._merges = _read_merges(self._path, member.lstrip("/"))
        return self._merges

    def close(self) -> None:
        self._book.close()
        self._file.close()


class XlsSource(_WorkbookSource):
    """An Excel 97-2003 workbook, read with xlrd (one sheet at a time)."""

    def __init__(self, path: Path, size: int, sheet: str | None, limits: ReadLimits) -> None:
        super().__init__(path, limits)
        self._book = _open_xls(path)
        try:
            names = tuple(str(name) for name in self._book.sheet_names())
            visibility = getattr(self._book, "_sheet_visibility", None) or [0] * len(names)
            scanned = names[: limits.max_sheets_scanned]
            visible = [
                name for name, hidden in zip(scanned, visibility, strict=False) if not hidden
            ]
            chosen = self._pick_sheet(names, sheet, (visible or [*names, ""])[0])
            self._sheet = self._book.sheet_by_name(chosen) if chosen else None
        except ImportFileError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise _damaged(path, "XLS") from exc
        self.info = TableInfo("xls", None, None, names, chosen or None, size, None)
        if self._sheet is not None:
            self._row_total = int(self._sheet.nrows)

    def rows(self) -> Iterator[list[str]]:
        return self._read()

    def _read(self) -> Iterator[list[str]]:
        sheet = self._sheet
        if sheet is None:
            return
        merges = [
            _Merge(first_col + 1, first_row + 1, last_col, last_row)
            for first_row, last_row, first_col, last_col in getattr(sheet, "merged_cells", [])
        ]
        try:
            yield from self._emit(self._values(sheet), merges)
        except ImportFileError:
            raise
        except Exception as exc:
            raise _damaged(self._path, "XLS") from exc

    def _values(self, sheet: xlrd.sheet.Sheet) -> Iterator[tuple[object, ...]]:
        datemode = self._book.datemode
        for index in range(sheet.nrows):
            yield tuple(
                _xls_value(kind, value, datemode)
                for kind, value in zip(
                    sheet.row_types(index), sheet.row_values(index), strict=False
                )
            )

    def close(self) -> None:
        self._book.release_resources()


class OdsSource(_WorkbookSource):
    """An OpenDocument spreadsheet, read whole (one sheet at a time) through pandas."""

    def __init__(self, path: Path, size: int, sheet: str | None, limits: ReadLimits) -> None:
        super().__init__(path, limits)
        scan_archive(path, limits, "ODS")
        try:
            self._book = pd.ExcelFile(path, engine="odf")
        except OSError:
            raise
        except Exception as exc:
            raise _damaged(path, "ODS") from exc
        names = tuple(str(name) for name in self._book.sheet_names)
        try:
            chosen = self._pick_sheet(names, sheet, (*names, "")[0])
        except ImportFileError:
            self._book.close()
            raise
        self.info = TableInfo("ods", None, None, names, chosen or None, size, None)
        self._frame: pd.DataFrame | None = None

    def rows(self) -> Iterator[list[str]]:
        return self._read()

    def _read(self) -> Iterator[list[str]]:
        if self.info.sheet is None:
            return
        try:
            if self._frame is None:
                self._frame = pd.read_excel(
                    self._book,
                    sheet_name=self.info.sheet,
                    header=None,
                    dtype=object,
                    keep_default_na=False,
                    na_filter=False,
                )
            frame = self._frame
            self._row_total = len(frame)
            yield from self._emit(frame.itertuples(index=False, name=None), [])
        except ImportFileError:
            raise
        except OSError as exc:
            raise _os_error(self._path, exc, started=True) from exc
        except Exception as exc:
            raise _damaged(self._path, "ODS") from exc

    def close(self) -> None:
        self._book.close()
        self._frame = None


def scan_archive(path: Path, limits: ReadLimits, label: str) -> None:
    """Refuse a damaged zip, or one that would expand far beyond what a spreadsheet needs."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _damaged(path, label) from exc
    bomb_hint = (
        "If you trust the file, open it in your spreadsheet app and save it again, or export "
        "it as CSV."
    )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.ratio_checked_above_bytes:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise ImportFileError(
                    f"“{path.name}” looks like a zip bomb: part of it expands {ratio:,.0f} times, "
                    f"to {_size(member.file_size)}. It is not a normal {label} file.",
                    bomb_hint,
                )
    if total > limits.max_uncompressed_bytes:
        raise ImportFileError(
            f"“{path.name}” looks like a zip bomb: it expands to {_size(total)}, more than the "
            f"{_size(limits.max_uncompressed_bytes)} SellerDesk reads from a {label} file.",
            bomb_hint,
        )


@dataclass(frozen=True, slots=True)
class _Merge:
    """A merged range, 1-based and inclusive."""

    first_col: int
    first_row: int
    last_col: int
    last_row: int


class _MergeFiller:
    """Copies the top-left value of each merged range into its other cells, row by row."""

    def __init__(self, merges: list[_Merge], max_columns: int) -> None:
        self._starting: dict[int, list[_Merge]] = {}
        for merge in merges:
            self._starting.setdefault(merge.first_row, []).append(merge)
        self._max_columns = max_columns
        self._active: list[tuple[_Merge, str]] = []

    def fill(self, row: int, cells: list[str]) -> None:
        if self._active:
            self._active = [item for item in self._active if item[0].last_row >= row]
        for merge in self._starting.pop(row, ()):
            first = merge.first_col - 1
            value = cells[first] if first < len(cells) else ""
            if value:
                self._active.append((merge, value))
        for merge, value in self._active:
            first = merge.first_col - 1
            last = min(merge.last_col, self._max_columns)
            if first >= last:
                continue
            if len(cells) < last:
                cells.extend([""] * (last - len(cells)))
            cells[first:last] = [value] * (last - first)


def _read_merges(path: Path, member: str) -> list[_Merge]:
    """The merged ranges listed in a worksheet's XML, found without building its tree."""
    refs: set[bytes] = set()
    tail = b""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
            while chunk := xml.read(MIB):
                window = tail + chunk
                if b"mergeCell" in window:
                    refs.update(match.group(1) for match in _MERGE_REF.finditer(window))
                tail = window[-512:]
    except (KeyError, zipfile.BadZipFile, EOFError, ValueError):
        return []
    merges: list[_Merge] = []
    for ref in refs:
        first_col, first_row, last_col, last_row = range_boundaries(ref.decode("ascii"))
        if first_col and first_row and last_col and last_row:
            merges.append(_Merge(first_col, first_row, last_col, last_row))
    return merges


def _open_xls(path: Path) -> xlrd.book.Book:
    try:
        return xlrd.open_workbook(str(path), on_demand=True, formatting_info=True)
    except OSError:
        raise
    except Exception as first:
        if _xls_encrypted(path, first):
            raise ImportFileError(
                f"“{path.name}” is password-protected.",
                "Open it in Excel, remove the password (File ▸ Info ▸ Protect Workbook), save it, "
                "and import it again.",
            ) from first
    try:
        return xlrd.open_workbook(str(path), on_demand=True)
    except OSError:
        raise
    except Exception as exc:
        raise _damaged(path, "XLS") from exc


def _xls_encrypted(path: Path, error: Exception) -> bool:
    """Whether xlrd failed because the workbook (or an encrypted XLSX in an OLE box) is locked."""
    if "encrypted" in str(error).lower():
        return True
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(_ENCRYPTED_PACKAGE) != -1


def _xls_value(kind: int, value: object, datemode: int) -> object:
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError, TypeError):
            return value
    return value


def _damaged(path: Path, label: str) -> ImportFileError:
    return ImportFileError(
        f"“{path.name}” is damaged or is not really an {label} file.", _EXPORT_HINT
    )
