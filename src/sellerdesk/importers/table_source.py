"""What every table reader has in common: ``TableInfo``, the ``TableSource`` protocol, the
shared ``_Source`` base class and the ImportFileErrors for files that can't be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from sellerdesk.importers.limits import MIB, ReadLimits
from sellerdesk.importers.model import ImportFileError
from sellerdesk.importers.sniff import Kind, too_many_columns

_VANISHED_HINT = (
    "Make sure the file is fully copied/downloaded and not being moved, then try again."
)


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


def _size(count: int) -> str:
    for unit, scale in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if count >= scale:
            return f"{count / scale:,.1f} {unit}".replace(".0 ", " ")
    return f"{count} bytes"


def _chars(count: int) -> str:
    if count % MIB == 0:
        return f"{count // MIB} MiB"
    return f"{count:,} characters"
