"""Opening a dropped file as a stream of text rows: CSV/TSV/TXT, XLSX, XLS and ODS.

``open_table`` picks the reader from the file's content, refuses files that are empty, binary,
damaged, too big or zip bombs with an :class:`ImportFileError` the seller can act on, and hands
back a :class:`TableSource` whose ``rows()`` yields every record as a list of strings.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import mmap
import re
import stat
import threading
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol, Self

import numpy as np
import openpyxl
import openpyxl.reader.excel as openpyxl_excel
import pandas as pd
import xlrd
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from sellerdesk.importers.limits import DEFAULT_LIMITS, MIB, ReadLimits
from sellerdesk.importers.model import ImportFileError
from sellerdesk.importers.sniff import (
    Kind,
    TextFormat,
    empty_file,
    sniff_kind,
    sniff_text,
    too_many_columns,
)

#: Merged ranges are looked up (in the sheet's XML) only for workbooks up to this size.
MERGE_SCAN_MAX_BYTES = 20 * MIB
#: Physical lines longer than this many characters are refused before the csv module sees them.
MIN_LINE_CAP = 16 * MIB

_VANISHED_HINT = (
    "Make sure the file is fully copied/downloaded and not being moved, then try again."
)
_EXPORT_HINT = "Open it in your spreadsheet app and save it again, or export it as CSV or XLSX."
_MERGE_REF = re.compile(
    rb"<(?:[\w.-]+:)?mergeCell\b[^>]*?\sref\s*=\s*[\"']([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)"
)
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class TableInfo:
    """What was found out about a file when it was opened."""

    kind: Kind
    #: CSV only: the Python codec name, e.g. "utf-8", "utf-8-sig", "utf-16", "cp1252".
    encoding: str | None
    #: CSV only.
    delimiter: str | None
    #: Workbook sheet names in order; empty for CSV.
    sheets: tuple[str, ...]
    #: The sheet being read.
    sheet: str | None
    size_bytes: int
    #: CSV only, when known: "\r\n", "\n" or "\r".
    line_ending: str | None


class TableSource(Protocol):
    """A readable table: every record as a list of strings, from the top, as often as needed."""

    info: TableInfo

    def rows(self) -> Iterator[list[str]]:
        """Every record from the top ('' for empty cells); each call restarts from the top."""
        ...

    def progress(self) -> float:
        """0.0 to 1.0: how much of the file the latest ``rows()`` iteration has consumed."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def open_table(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> TableSource:
    """Open a CSV/TSV/TXT, XLSX, XLS or ODS file for reading.

    ``sheet`` picks a workbook sheet by name (default: the first visible one); ``encoding`` and
    ``delimiter`` override what is detected for text files. Raises ImportFileError.
    """
    path = Path(path)
    try:
        size, kind = _inspect(path, limits)
        if kind == "csv":
            text_format = sniff_text(
                path, size, encoding=encoding, delimiter=delimiter, limits=limits
            )
            return CsvSource(path, size, text_format, limits)
        if kind == "xlsx":
            return XlsxSource(path, size, sheet, limits)
        if kind == "xls":
            return XlsSource(path, size, sheet, limits)
        return OdsSource(path, size, sheet, limits)
    except OSError as exc:
        raise _os_error(path, exc, started=False) from exc


def list_sheets(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> tuple[str, ...]:
    """The sheet names of a workbook, in order; ``()`` for a text file."""
    path = Path(path)
    try:
        _size, kind = _inspect(path, limits)
    except OSError as exc:
        raise _os_error(path, exc, started=False) from exc
    if kind == "csv":
        return ()
    with open_table(path, limits=limits) as source:
        return source.info.sheets


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


class _Source:
    """Shared plumbing: the context manager and the ImportFileErrors of a file being read."""

    info: TableInfo

    def __init__(self, path: Path, limits: ReadLimits) -> None:
        self._path = path
        self._limits = limits

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _too_wide(self, row: int, count: int) -> ImportFileError:
        return too_many_columns(self._path, row, count, self._limits)

    def _cell_too_big(self, row: int) -> ImportFileError:
        return ImportFileError(
            f"Row {row} of “{self._path.name}” has a cell of more than "
            f"{_chars(self._limits.max_cell_chars)}.",
            "Split the file or shorten that cell. If no cell should be that long, check that the "
            "file is really a spreadsheet or CSV file and that its quotes are closed.",
        )

    def _check_cells(self, row: int, cells: list[str]) -> None:
        if len(cells) > self._limits.max_columns:
            raise self._too_wide(row, len(cells))
        limit = self._limits.max_cell_chars
        for cell in cells:
            if len(cell) > limit:
                raise self._cell_too_big(row)


class CsvSource(_Source):
    """A delimited text file, streamed through the csv module."""

    def __init__(self, path: Path, size: int, text_format: TextFormat, limits: ReadLimits):
        super().__init__(path, limits)
        self.info = TableInfo(
            kind="csv",
            encoding=text_format.encoding,
            delimiter=text_format.delimiter,
            sheets=(),
            sheet=None,
            size_bytes=size,
            line_ending=text_format.line_ending,
        )
        self._line_cap = max(MIN_LINE_CAP, 16 * limits.max_cell_chars)
        self._open: list[IO[bytes]] = []
        self._current: IO[bytes] | None = None
        self._finished = False

    def rows(self) -> Iterator[list[str]]:
        # field_size_limit is process-wide; set it whenever a read starts.
        csv.field_size_limit(self._limits.max_cell_chars)
        try:
            raw = open(self._path, "rb")  # noqa: SIM115 - closed by the generator
        except OSError as exc:
            raise _os_error(self._path, exc, started=True) from exc
        self._open.append(raw)
        self._current = raw
        self._finished = False
        return self._records(raw)

    def _records(self, raw: IO[bytes]) -> Iterator[list[str]]:
        info = self.info
        assert info.encoding is not None and info.delimiter is not None
        text = io.TextIOWrapper(raw, encoding=info.encoding, errors="strict", newline="")
        reader = csv.reader(self._lines(text), delimiter=info.delimiter)
        max_columns = self._limits.max_columns
        number = 0
        try:
            for row in reader:
                number += 1
                if len(row) > max_columns:
                    raise self._too_wide(number, len(row))
                if number == 1 and row and row[0].startswith("\ufeff"):
                    row[0] = row[0][1:]
                yield row
            if raw.tell() < info.size_bytes:
                raise _vanished(self._path)
            if raw is self._current:
                self._finished = True
        except _LineTooLong as exc:
            raise self._long_line(number + 1, exc.line) from None
        except UnicodeDecodeError as exc:
            bad_row = number + 1 + self._lines_before(exc)
            raise ImportFileError(
                f"Row {bad_row} of “{self._path.name}” can't be read as {info.encoding} text.",
                "Pick the file's encoding in the import settings (for example UTF-8, "
                "Windows-1252 or UTF-16) and try again.",
            ) from exc
        except ValueError:
            if raw.closed:
                return
            raise
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise self._cell_too_big(number + 1) from exc
            raise ImportFileError(
                f"Row {number + 1} of “{self._path.name}” is not valid CSV ({exc}).",
                "Export the file again from your spreadsheet or shop and try again.",
            ) from exc
        except OSError as exc:
            raise _os_error(self._path, exc, started=True) from exc
        finally:
            text.close()
            if raw in self._open:
                self._open.remove(raw)

    def _lines(self, text: io.TextIOWrapper) -> Iterator[str]:
        cap = self._line_cap
        readline = text.readline
        while line := readline(cap):
            # csv ends a record at the end of each string, so a cut line can't be passed on.
            if len(line) == cap and line[-1] not in "\r\n":
                raise _LineTooLong(line)
            yield line

    def _lines_before(self, error: UnicodeDecodeError) -> int:
        """Line breaks in the decoded chunk before the bad byte (text is decoded ahead of csv)."""
        encoding = self.info.encoding or ""
        if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
            return 0
        newline = b"\r" if self.info.line_ending == "\r" else b"\n"
        return error.object[: error.start].count(newline)

    def _long_line(self, row: int, line: str) -> ImportFileError:
        try:
            for _ in csv.reader([line], delimiter=self.info.delimiter or ","):
                pass
        except csv.Error:
            return self._cell_too_big(row)
        return ImportFileError(
            f"Row {row} of “{self._path.name}” is longer than {_chars(self._line_cap)}.",
            "Split the file into smaller ones. If it should not have such long rows, check that "
            "it is really a CSV file and that the right delimiter is picked.",
        )

    def progress(self) -> float:
        if self._finished:
            return 1.0
        raw = self._current
        if raw is None:
            return 0.0
        try:
            return min(raw.tell() / max(self.info.size_bytes, 1), 1.0)
        except (OSError, ValueError):
            return 1.0 if raw.closed else 0.0

    def close(self) -> None:
        for raw in self._open:
            raw.close()
        self._open.clear()


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


class _LineTooLong(Exception):
    def __init__(self, line: str) -> None:
        super().__init__("line too long")
        self.line = line


def _inspect(path: Path, limits: ReadLimits) -> tuple[int, Kind]:
    """Size and kind of a file, refusing folders, empty and oversized files (OSError passes)."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(info.st_mode):
        raise ImportFileError(
            f"“{path.name}” is not a regular file.",
            "Pick a spreadsheet or CSV file saved on your computer.",
        )
    size = info.st_size
    if size == 0:
        raise empty_file(path)
    if size > limits.max_file_bytes:
        raise ImportFileError(
            f"“{path.name}” is {_size(size)}; SellerDesk imports files of up to "
            f"{_size(limits.max_file_bytes)}.",
            "Split it into smaller files and import them one after the other.",
        )
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise _vanished(path)
    return size, sniff_kind(path, head)


def _os_error(path: Path, exc: OSError, *, started: bool) -> ImportFileError:
    if isinstance(exc, PermissionError):
        return ImportFileError(
            f"SellerDesk isn't allowed to read “{path.name}”.",
            "Check the file's permissions, or copy it to your Documents folder and import the "
            "copy.",
        )
    if not started and isinstance(exc, IsADirectoryError):
        return ImportFileError(
            f"“{path.name}” is a folder, not a file.",
            "Open the folder and pick the spreadsheet or CSV file inside it.",
        )
    if not started and isinstance(exc, FileNotFoundError | NotADirectoryError):
        return ImportFileError(
            f"SellerDesk can't find “{path.name}”.",
            "It may have been moved, renamed or deleted. Pick the file again.",
        )
    return _vanished(path)


def _vanished(path: Path) -> ImportFileError:
    return ImportFileError(
        f"The file “{path.name}” disappeared while it was being read, or it was cut short.",
        _VANISHED_HINT,
    )


def _damaged(path: Path, label: str) -> ImportFileError:
    return ImportFileError(
        f"“{path.name}” is damaged or is not really an {label} file.", _EXPORT_HINT
    )


def _size(count: int) -> str:
    for unit, scale in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if count >= scale:
            return f"{count / scale:,.1f} {unit}".replace(".0 ", " ")
    return f"{count} bytes"


def _chars(count: int) -> str:
    if count % MIB == 0:
        return f"{count // MIB} MiB"
    return f"{count:,} characters"
