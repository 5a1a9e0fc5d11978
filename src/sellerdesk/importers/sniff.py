"""Guessing what a dropped file is: workbook kind, text encoding, delimiter and line ending."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sellerdesk.importers.limits import DEFAULT_LIMITS, MIB, ReadLimits
from sellerdesk.importers.model import ImportFileError

Kind = Literal["csv", "xlsx", "xls", "ods"]

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})
ODS_SUFFIXES = frozenset({".ods", ".ots"})

DELIMITERS = (",", ";", "\t", "|")
#: Bytes read from the top of a text file to guess its delimiter and line ending.
SAMPLE_BYTES = 64 * 1024
#: Records of the sample compared when guessing the delimiter.
SAMPLE_RECORDS = 50
#: Text files up to this size are checked for UTF-8 in full; bigger ones only at the top.
FULL_UTF8_CHECK_BYTES = 64 * MIB
PARTIAL_UTF8_CHECK_BYTES = 8 * MIB
CHECK_CHUNK_BYTES = MIB

#: Bytes that are unassigned in cp1252 (Python's codec refuses them) but valid in latin-1.
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
_MARKUP_STARTS = ("<?xml", "<!doctype html", "<html", "<table")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

GARBAGE_HINT = "Export it from your spreadsheet as CSV or XLSX and try again."


@dataclass(frozen=True)
class TextFormat:
    """How a delimited text file is written."""

    encoding: str
    delimiter: str
    line_ending: str | None


def not_a_table(path: Path) -> ImportFileError:
    return ImportFileError(
        f"“{path.name}” doesn't look like a spreadsheet or CSV file (it contains binary data).",
        GARBAGE_HINT,
    )


def empty_file(path: Path) -> ImportFileError:
    return ImportFileError(
        f"“{path.name}” is empty.",
        "Check that you picked the right file, or export it again from your spreadsheet or shop.",
    )


def sniff_kind(path: Path, head: bytes) -> Kind:
    """The kind of file from its first bytes (and, for odd archives, its extension)."""
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        return "xls"
    if not head.startswith(ZIP_MAGIC):
        return "csv"
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            mimetype = archive.getinfo("mimetype") if "mimetype" in names else None
            if (
                mimetype is not None
                and mimetype.file_size <= 256
                and archive.read(mimetype).strip() == ODS_MIMETYPE
            ):
                return "ods"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError):
        pass
    if suffix in ODS_SUFFIXES:
        return "ods"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    raise ImportFileError(
        f"“{path.name}” is a compressed (zip) archive, not a spreadsheet.",
        "Unzip it first and import the CSV or XLSX file inside, or export your data as CSV "
        "or XLSX.",
    )


def bom_encoding(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when every other byte is NUL, as in mostly-ASCII UTF-16."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / max(len(sample[1::2]), 1)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def detect_encoding(path: Path, size: int, sample: bytes) -> str:
    """The encoding of a text file: BOM, UTF-16 NUL patterns, strict UTF-8, then cp1252/latin-1.

    Raises ImportFileError when NUL bytes show the file is binary.
    """
    found = bom_encoding(sample) or utf16_without_bom(sample)
    if found is not None:
        return found
    if b"\x00" in sample:
        raise not_a_table(path)
    budget = size if size <= FULL_UTF8_CHECK_BYTES else PARTIAL_UTF8_CHECK_BYTES
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    is_utf8 = True
    has_cp1252_holes = False
    read = 0
    with open(path, "rb") as fh:
        while read < budget:
            chunk = fh.read(min(CHECK_CHUNK_BYTES, budget - read))
            if not chunk:
                break
            read += len(chunk)
            if is_utf8:
                try:
                    decoder.decode(chunk, final=read >= size)
                except UnicodeDecodeError:
                    is_utf8 = False
            has_cp1252_holes = has_cp1252_holes or _CP1252_HOLES.search(chunk) is not None
            if not is_utf8 and has_cp1252_holes:
                break
    if is_utf8:
        return "utf-8"
    return "latin-1" if has_cp1252_holes else "cp1252"


def decode_sample(sample: bytes, encoding: str, *, complete: bool) -> str:
    text = codecs.getincrementaldecoder(encoding)("replace").decode(sample, final=complete)
    return text.removeprefix("\ufeff")


def check_text(path: Path, text: str, *, complete: bool) -> None:
    """Refuse empty files, binary data and web pages saved under a spreadsheet name."""
    stripped = text.strip()
    if not stripped:
        if complete:
            raise empty_file(path)
        return
    if len(_CONTROL_CHARS.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise not_a_table(path)
    if stripped[:20].lower().startswith(_MARKUP_STARTS):
        raise ImportFileError(
            f"“{path.name}” is a web page or XML file, not a spreadsheet or CSV file.",
            "Open it in your spreadsheet app and save it as CSV or XLSX, then import that file.",
        )


def _field_counts(
    text: str, delimiter: str, *, complete: bool, keep_blank: bool = False
) -> list[int]:
    """Field counts of the sample's first records (a cut last record only if it is alone)."""
    counts: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if row or keep_blank:
                counts.append(len(row))
                if len(counts) > SAMPLE_RECORDS:
                    return counts[:SAMPLE_RECORDS]
    except csv.Error:
        pass
    if not complete and len(counts) > 1:
        counts.pop()
    return counts


def _consistency(counts: list[int]) -> tuple[float, int]:
    """Share of records with the most common field count (ties: the wider), and that count."""
    tally = Counter(counts)
    mode = max(tally, key=lambda width: (tally[width], width))
    return tally[mode] / len(counts), mode


def detect_delimiter(text: str, *, complete: bool) -> str:
    """The delimiter among , ; tab | that splits the first records most consistently."""
    best: tuple[float, int, int] | None = None
    best_delimiter = ","
    for order, delimiter in enumerate(DELIMITERS):
        counts = _field_counts(text, delimiter, complete=complete)
        if not counts or max(counts) < 2:
            continue
        share, mode = _consistency(counts)
        if mode < 2:
            share /= 10
        key = (round(share, 2), mode, -order)
        if best is None or key > best:
            best, best_delimiter = key, delimiter
    if best is not None and best[0] < 0.5:
        try:
            guessed = csv.Sniffer().sniff(text[:SAMPLE_BYTES], delimiters="".join(DELIMITERS))
            if guessed.delimiter in DELIMITERS:
                return guessed.delimiter
        except csv.Error:
            pass
    return best_delimiter


def detect_line_ending(text: str) -> str | None:
    newline = text.find("\n")
    carriage = text.find("\r")
    if carriage == -1:
        return "\n" if newline != -1 else None
    if newline != -1 and newline < carriage:
        return "\n"
    return "\r\n" if newline == carriage + 1 else "\r"


def check_width(
    path: Path, text: str, delimiter: str, limits: ReadLimits, *, complete: bool
) -> None:
    """Refuse a sample whose first records (a cut last one included) are too wide."""
    counts = _field_counts(text, delimiter, complete=True, keep_blank=True)
    for index, count in enumerate(counts):
        if count > limits.max_columns:
            at_least = not complete and index == len(counts) - 1
            raise too_many_columns(path, index + 1, count, limits, at_least=at_least)


def sniff_text(
    path: Path,
    size: int,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> TextFormat:
    """Encoding, delimiter and line ending of a delimited text file; explicit choices win."""
    with open(path, "rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    complete = len(sample) >= size
    if encoding is None:
        encoding = detect_encoding(path, size, sample)
    else:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportFileError(
                f"“{encoding}” is not a text encoding SellerDesk knows.",
                "Pick one of the offered encodings, for example UTF-8 or Windows-1252.",
            ) from None
        if b"\x00" in sample and not codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
            raise not_a_table(path)
    text = decode_sample(sample, encoding, complete=complete)
    check_text(path, text, complete=complete)
    if delimiter is None:
        delimiter = detect_delimiter(text, complete=complete)
    check_width(path, text, delimiter, limits, complete=complete)
    return TextFormat(encoding, delimiter, detect_line_ending(text))


def too_many_columns(
    path: Path, row: int, count: int, limits: ReadLimits, *, at_least: bool = False
) -> ImportFileError:
    return ImportFileError(
        f"Row {row} of “{path.name}” has {'at least ' if at_least else ''}{count:,} columns; "
        "SellerDesk reads at most "
        f"{limits.max_columns:,}.",
        "Check that the right delimiter is picked, or delete the unused columns in your "
        "spreadsheet and export the file again.",
    )
