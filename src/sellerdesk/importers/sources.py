"""Opening a dropped file as a stream of text rows: CSV/TSV/TXT, XLSX, XLS and ODS.

``open_table`` picks the reader from the file's content, refuses files that are empty, binary,
damaged, too big or zip bombs with an :class:`ImportFileError` the seller can act on, and hands
back a :class:`TableSource` whose ``rows()`` yields every record as a list of strings.
The CSV reader lives here; the workbook readers are in ``workbook_sources``.
"""

from __future__ import annotations

import codecs
import csv
import io
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sellerdesk.importers.limits import DEFAULT_LIMITS, MIB, ReadLimits
from sellerdesk.importers.model import ImportFileError
from sellerdesk.importers.sniff import (
    Kind,
    TextFormat,
    empty_file,
    sniff_kind,
    sniff_text,
)
from sellerdesk.importers.table_source import (
    TableInfo,
    TableSource,
    _chars,
    _os_error,
    _size,
    _Source,
    _vanished,
)

#: Physical lines longer than this many characters are refused before the csv module sees them.
MIN_LINE_CAP = 16 * MIB


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
        # the workbook readers bring pandas and openpyxl: loaded when a workbook comes
        from sellerdesk.importers.workbook_sources import OdsSource, XlsSource, XlsxSource

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
