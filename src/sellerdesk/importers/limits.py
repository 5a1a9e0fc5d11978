"""Safety limits for reading files a seller drops: how big, how wide, how compressed."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024
GIB = 1024 * MIB


@dataclass(frozen=True)
class ReadLimits:
    """Bounds that keep a hostile or broken file from exhausting memory or time."""

    #: Records wider than this are refused (a wrong delimiter or a damaged file, usually).
    max_columns: int = 1024
    #: Longest accepted cell, in characters.
    max_cell_chars: int = MIB
    #: Largest accepted file on disk.
    max_file_bytes: int = 2 * GIB
    #: Largest total uncompressed size of all members of an XLSX/ODS archive.
    max_uncompressed_bytes: int = GIB
    #: Highest accepted uncompressed/compressed ratio of an archive member...
    max_compression_ratio: int = 100
    #: ...for members that expand to more than this.
    ratio_checked_above_bytes: int = MIB
    #: How many sheets of a workbook are looked at when choosing one.
    max_sheets_scanned: int = 50


DEFAULT_LIMITS = ReadLimits()
