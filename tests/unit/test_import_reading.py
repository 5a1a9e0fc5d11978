"""Reading dropped files: encodings, delimiters, workbooks, and every kind of bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import struct
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from sellerdesk.importers import sources
from sellerdesk.importers.limits import ReadLimits
from sellerdesk.importers.model import ImportFileError
from sellerdesk.importers.sources import list_sheets, open_table
from sellerdesk.importers.table_source import TableInfo
from sellerdesk.importers.workbook_sources import cell_text

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
VANISHED_HINT = "Make sure the file is fully copied/downloaded and not being moved, then try again."


def _read(path: Path, **options: Any) -> tuple[TableInfo, list[list[str]]]:
    with open_table(path, **options) as source:
        rows = list(source.rows())
        assert source.progress() == 1.0
        return source.info, rows


def _refused(path: Path, **options: Any) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        _read(path, **options)
    return caught.value


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- text files: encodings ------------------------------------------------------------------


def test_utf8_without_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "plain.csv", "sku,title\nA-1,Café crème 🎧\n".encode())
    info, rows = _read(path)
    assert (info.kind, info.encoding, info.delimiter, info.line_ending) == (
        "csv",
        "utf-8",
        ",",
        "\n",
    )
    assert info.sheets == () and info.sheet is None and info.size_bytes == path.stat().st_size
    assert rows == [["sku", "title"], ["A-1", "Café crème 🎧"]]


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.csv", b"\xef\xbb\xbf" + "sku;title\r\nA-1;Müsli\r\n".encode())
    info, rows = _read(path)
    assert (info.encoding, info.delimiter, info.line_ending) == ("utf-8-sig", ";", "\r\n")
    assert rows == [["sku", "title"], ["A-1", "Müsli"]]


def test_bom_is_stripped_when_encoding_is_chosen(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.csv", b"\xef\xbb\xbf" + b"sku,title\nA-1,x\n")
    info, rows = _read(path, encoding="utf-8")
    assert info.encoding == "utf-8"
    assert rows[0] == ["sku", "title"]


def test_utf16_with_bom_and_tabs(tmp_path: Path) -> None:
    text = "sku\ttitle\tprice\r\nA-1\tKaffeemühle, manuell\t24,90\r\nA-2\tTee „grün“\t3,50\r\n"
    path = _write(tmp_path, "unicode.txt", text.encode("utf-16"))
    info, rows = _read(path)
    assert (info.encoding, info.delimiter, info.line_ending) == ("utf-16", "\t", "\r\n")
    assert rows == [
        ["sku", "title", "price"],
        ["A-1", "Kaffeemühle, manuell", "24,90"],
        ["A-2", "Tee „grün“", "3,50"],
    ]


def test_utf16_without_bom_from_nul_pattern(tmp_path: Path) -> None:
    path = _write(tmp_path, "le.csv", "sku,title\nA-1,Crème\n".encode("utf-16-le"))
    info, rows = _read(path)
    assert info.encoding == "utf-16-le"
    assert rows == [["sku", "title"], ["A-1", "Crème"]]


def test_cp1252_german(tmp_path: Path) -> None:
    text = "Artikel;Titel;Preis\r\nDE-1;Kaffeemühle „Classic“ – groß;24,90\r\nDE-2;Bräter;€ 5\r\n"
    path = _write(tmp_path, "german.csv", text.encode("cp1252"))
    info, rows = _read(path)
    assert (info.encoding, info.delimiter) == ("cp1252", ";")
    assert rows[1] == ["DE-1", "Kaffeemühle „Classic“ – groß", "24,90"]
    assert rows[2] == ["DE-2", "Bräter", "€ 5"]


def test_latin1_text_reads_through_cp1252(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "latin.csv", "sku,title\nF-1,Crème brûlée à la française\n".encode("latin-1")
    )
    info, rows = _read(path)
    assert info.encoding == "cp1252"
    assert rows[1] == ["F-1", "Crème brûlée à la française"]


def test_bytes_undefined_in_cp1252_mean_latin1(tmp_path: Path) -> None:
    path = _write(tmp_path, "latin.csv", b"sku,title\nF-1,Cr\xe8me\x8d\n")
    info, rows = _read(path)
    assert info.encoding == "latin-1"
    assert rows[1] == ["F-1", "Crème\x8d"]


def test_wrong_chosen_encoding_is_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "german.csv", "sku;title\nDE-1;Kaffeemühle\n".encode("cp1252"))
    error = _refused(path, encoding="utf-8")
    assert error.message == "Row 2 of “german.csv” can't be read as utf-8 text."
    assert "Pick the file's encoding" in error.hint


def test_unknown_chosen_encoding(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.csv", b"sku\nA-1\n")
    error = _refused(path, encoding="klingon-8")
    assert "“klingon-8” is not a text encoding" in error.message
    assert "UTF-8" in error.hint


# --- text files: delimiters, line endings, records --------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    records = [
        ["sku", "title", "price", "stock"],
        ["A-1", "Mug, blue; large | 300 ml", "12.50", "4"],
        ["A-2", "Plate", "3,99", "0"],
        ["A-3", "Bowl\tdeep", "7", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(records)
    path = _write(tmp_path, "products.txt", buffer.getvalue().encode())
    info, rows = _read(path)
    assert info.delimiter == delimiter
    assert rows == records


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"])
def test_line_endings(tmp_path: Path, ending: str) -> None:
    path = _write(tmp_path, "e.csv", ending.join(["sku,qty", "A-1,3", "A-2,5", ""]).encode())
    info, rows = _read(path)
    assert info.line_ending == ending
    assert rows == [["sku", "qty"], ["A-1", "3"], ["A-2", "5"]]


def test_quoted_newlines(tmp_path: Path) -> None:
    data = b'sku,description,qty\r\nA-1,"line one\r\nline two",3\r\nA-2,"a\nb, c",4\r\n'
    _info, rows = _read(_write(tmp_path, "q.csv", data))
    assert rows == [
        ["sku", "description", "qty"],
        ["A-1", "line one\r\nline two", "3"],
        ["A-2", "a\nb, c", "4"],
    ]


def test_ragged_rows_are_not_padded(tmp_path: Path) -> None:
    _info, rows = _read(_write(tmp_path, "r.csv", b"a,b,c\n1,2\n\n3,4,5,6\n"))
    assert rows == [["a", "b", "c"], ["1", "2"], [], ["3", "4", "5", "6"]]


def test_single_column_without_delimiter(tmp_path: Path) -> None:
    info, rows = _read(_write(tmp_path, "skus.txt", b"sku\nA-1\nA-2\n"))
    assert info.delimiter == ","
    assert rows == [["sku"], ["A-1"], ["A-2"]]


def test_chosen_delimiter_wins(tmp_path: Path) -> None:
    info, rows = _read(_write(tmp_path, "s.csv", b"a;b,c\n1;2,3\n"), delimiter=";")
    assert info.delimiter == ";"
    assert rows == [["a", "b,c"], ["1", "2,3"]]


def test_rows_can_restart_and_progress_moves(tmp_path: Path) -> None:
    lines = ["sku,title"] + [f"A-{n},Product {n}" for n in range(20_000)]
    path = _write(tmp_path, "many.csv", "\n".join(lines).encode())
    with open_table(path) as source:
        assert source.progress() == 0.0
        iterator = source.rows()
        assert next(iterator) == ["sku", "title"]
        assert 0.0 < source.progress() < 1.0
        first = list(iterator)
        assert source.progress() == 1.0
        again = list(source.rows())
    assert again[0] == ["sku", "title"]
    assert again[1:] == first
    assert first[-1] == ["A-19999", "Product 19999"]


def test_a_big_csv_streams_quickly(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    line = 'SKU-{},Some product title,12.99,{},Brand,"desc, with comma",x,y,z,w\n'
    with path.open("w") as fh:
        fh.write("c0,c1,c2,c3,c4,c5,c6,c7,c8,c9\n")
        fh.writelines(line.format(n, n) for n in range(100_000))
    with open_table(path) as source:
        started = time.perf_counter()
        count = sum(1 for _ in source.rows())
        elapsed = time.perf_counter() - started
    assert count == 100_001
    assert elapsed < 2.0


# --- workbooks ------------------------------------------------------------------------------


def test_xlsx_title_rows_merges_and_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Price List"
    sheet["A1"] = "ACME Price List 2026"
    sheet.merge_cells("A1:H1")
    sheet["B2"] = "Prices in USD"
    sheet.merge_cells("B2:C3")
    sheet["A3"] = None
    sheet.append(["SKU", "UPC", "Weight", "Active", "Added", "Updated", "Huge", "Note"])
    sheet.append(
        [
            "A-1",
            12345678905,
            0.9,
            True,
            dt.datetime(2026, 1, 3),
            dt.datetime(2026, 1, 3, 10, 30),
            1e20,
            None,
        ]
    )
    sheet.append(["A-2", 12345678905.0, -2.5, False, None, None, None, "  "])
    sheet["K6"] = None
    path = tmp_path / "prices.xlsx"
    book.save(path)

    info, rows = _read(path)
    assert (info.kind, info.sheets, info.sheet, info.encoding, info.delimiter) == (
        "xlsx",
        ("Price List",),
        "Price List",
        None,
        None,
    )
    assert rows == [
        ["ACME Price List 2026"] * 8,
        ["", "Prices in USD", "Prices in USD"],
        ["", "Prices in USD", "Prices in USD"],
        ["SKU", "UPC", "Weight", "Active", "Added", "Updated", "Huge", "Note"],
        ["A-1", "12345678905", "0.9", "TRUE", "2026-01-03", "2026-01-03T10:30:00", "1e+20"],
        ["A-2", "12345678905", "-2.5", "FALSE", "", "", "", "  "],
    ]


def test_xlsx_sheets_by_name(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    notes["A1"] = "internal"
    notes.sheet_state = "hidden"
    book.create_sheet("Products").append(["sku", "qty"])
    book.create_sheet("Other").append(["something", "else"])
    path = tmp_path / "two.xlsx"
    book.save(path)

    assert list_sheets(path) == ("Notes", "Products", "Other")
    info, rows = _read(path)
    assert info.sheet == "Products"
    assert rows == [["sku", "qty"]]
    info, rows = _read(path, sheet="Other")
    assert (info.sheet, rows) == ("Other", [["something", "else"]])
    error = _refused(path, sheet="Prices")
    assert error.message == (
        "“two.xlsx” has no sheet called “Prices”. Its sheets are: “Notes”, “Products”, “Other”."
    )
    assert error.hint == "Pick one of these sheets."


def _xls_record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


Merge = tuple[int, int, int, int]


def _write_xls(
    path: Path,
    sheets: list[tuple[str, bool, dict[tuple[int, int], Any], list[Merge]]],
    stream_name: str = "Workbook",
) -> None:
    """A minimal BIFF8 workbook in an OLE2 container (no xlwt here): text, numbers, dates, merges.

    ``sheets`` holds (name, hidden, {(row, col): value}, [(first_row, last_row, first_col,
    last_col)]); a value given as a 1-tuple is an Excel date serial.
    """

    def bof(kind: int) -> bytes:
        return _xls_record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    def xf(number_format: int, style: bool) -> bytes:
        flags = 0xFFF5 if style else 0x0001
        packed = struct.pack("<HHHBBBBIiH", 0, number_format, flags, 0x20, 0, 0, 0, 0, 0, 0x20C0)
        return _xls_record(0x00E0, packed)

    general_xf, date_xf = 16, 17
    bodies = []
    for _name, _hidden, cells, merges in sheets:
        body = bof(0x0010)
        for (row, col), value in sorted(cells.items()):
            if isinstance(value, bool):
                body += _xls_record(0x0205, struct.pack("<HHHBB", row, col, general_xf, value, 0))
            elif isinstance(value, tuple):
                body += _xls_record(0x0203, struct.pack("<HHHd", row, col, date_xf, value[0]))
            elif isinstance(value, int | float):
                body += _xls_record(0x0203, struct.pack("<HHHd", row, col, general_xf, value))
            else:
                text = struct.pack("<HHHHB", row, col, general_xf, len(value), 1)
                body += _xls_record(0x0204, text + value.encode("utf-16-le"))
        if merges:
            ranges = b"".join(struct.pack("<HHHH", *merge) for merge in merges)
            body += _xls_record(0x00E5, struct.pack("<H", len(merges)) + ranges)
        bodies.append(body + _xls_record(0x000A))
    font = struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + b"\x05\x00Arial"
    head = bof(0x0005) + _xls_record(0x0031, font) * 5 + xf(0, True) * 16
    head += xf(0, False) + xf(14, False)
    offset = len(head) + sum(12 + len(name) for name, *_ in sheets) + 4
    for (name, hidden, _cells, _merges), body in zip(sheets, bodies, strict=True):
        entry = struct.pack("<IBBBB", offset, int(hidden), 0, len(name), 0) + name.encode()
        head += _xls_record(0x0085, entry)
        offset += len(body)
    stream = head + _xls_record(0x000A) + b"".join(bodies)
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\x00")
    count = len(stream) // 512
    fat = [0xFFFFFFFD, 0xFFFFFFFE, *range(3, 2 + count), 0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0, 0)
    header += b"\xff" * 4 * 108

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        links = struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), kind, 1)
            + links
            + bytes(36)
            + struct.pack("<III", start, size, 0)
        )

    directory = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0)
    directory += entry(stream_name, 2, 0xFFFFFFFF, 2, len(stream))
    directory += entry("", 0, 0xFFFFFFFF, 0, 0) * 2
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + stream)


def test_xls_cells_merges_and_hidden_sheets(tmp_path: Path) -> None:
    path = tmp_path / "legacy.xls"
    products = {
        (0, 0): "Supplier list",
        (2, 0): "SKU",
        (2, 1): "Weight",
        (2, 2): "UPC",
        (2, 3): "Active",
        (2, 4): "Added",
        (3, 0): "A-1",
        (3, 1): 0.9,
        (3, 2): 12345678905,
        (3, 3): True,
        (3, 4): (46025.0,),
        (4, 0): "A-2",
        (4, 4): (46025.4375,),
    }
    _write_xls(
        path,
        [
            ("Hidden", True, {(0, 0): "secret"}, []),
            ("Products", False, products, [(0, 0, 0, 3)]),
        ],
    )
    assert list_sheets(path) == ("Hidden", "Products")
    info, rows = _read(path)
    assert (info.kind, info.sheet, info.sheets) == ("xls", "Products", ("Hidden", "Products"))
    assert rows == [
        ["Supplier list"] * 4,
        [],
        ["SKU", "Weight", "UPC", "Active", "Added"],
        ["A-1", "0.9", "12345678905", "TRUE", "2026-01-03"],
        ["A-2", "", "", "", "2026-01-03T10:30:00"],
    ]
    _info, rows = _read(path, sheet="Hidden")
    assert rows == [["secret"]]


def test_fake_xls_with_ole_magic(tmp_path: Path) -> None:
    junk = random.Random(7).randbytes(5000)
    path = _write(tmp_path, "report.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + junk)
    error = _refused(path)
    assert error.message == "“report.xls” is damaged or is not really an XLS file."
    assert "export it as CSV or XLSX" in error.hint


def test_encrypted_xlsx_in_ole_box_says_password(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    _write_xls(path, [("Sheet1", False, {(0, 0): "x"}, [])], stream_name="EncryptedPackage")
    error = _refused(path)
    assert error.message == "“locked.xlsx” is password-protected."
    assert "remove the password" in error.hint


def test_ods_sheets_and_cells(tmp_path: Path) -> None:
    path = tmp_path / "catalog.ods"
    with pd.ExcelWriter(path, engine="odf") as writer:
        pd.DataFrame(
            [
                ["sku", "qty", "weight", "barcode", "active", "added", "note"],
                ["A-1", 3, 0.9, 12345678905, True, dt.datetime(2026, 1, 3), "N/A"],
                ["A-2", None, 2.5, None, False, None, None],
            ]
        ).to_excel(writer, sheet_name="Products", header=False, index=False)
        pd.DataFrame([["more"]]).to_excel(writer, sheet_name="Extra", header=False, index=False)
    assert list_sheets(path) == ("Products", "Extra")
    info, rows = _read(path)
    assert (info.kind, info.sheet) == ("ods", "Products")
    assert rows == [
        ["sku", "qty", "weight", "barcode", "active", "added", "note"],
        ["A-1", "3", "0.9", "12345678905", "TRUE", "2026-01-03", "N/A"],
        ["A-2", "", "2.5", "", "FALSE"],
    ]
    _info, rows = _read(path, sheet="Extra")
    assert rows == [["more"]]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (12345678905, "12345678905"),
        (12345678905.0, "12345678905"),
        (0.9, "0.9"),
        (0.1 + 0.2, "0.30000000000000004"),
        (-0.0, "0"),
        (1.5e16, "1.5e+16"),
        (float("nan"), ""),
        (True, "TRUE"),
        (False, "FALSE"),
        (dt.datetime(2026, 1, 3), "2026-01-03"),
        (dt.datetime(2026, 1, 3, 0, 0, 1), "2026-01-03T00:00:01"),
        (dt.date(2026, 1, 3), "2026-01-03"),
        (dt.time(10, 30), "10:30:00"),
        (pd.NaT, ""),
        ("  as is ", "  as is "),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n\t\n", b"\xff\xfe"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    error = _refused(_write(tmp_path, "nothing.csv", data))
    assert error.message == "“nothing.csv” is empty."
    assert "pick" in error.hint


def test_binary_garbage(tmp_path: Path) -> None:
    junk = random.Random(1234).randbytes(20_000)
    assert b"\x00" in junk
    error = _refused(_write(tmp_path, "photo.csv", junk))
    assert error.message == (
        "“photo.csv” doesn't look like a spreadsheet or CSV file (it contains binary data)."
    )
    assert error.hint == "Export it from your spreadsheet as CSV or XLSX and try again."


def test_control_characters_without_nul_are_garbage(tmp_path: Path) -> None:
    rng = random.Random(99)
    junk = bytes(rng.choice([1, 2, 3, 4, 5, 0x41, 0x42, 0x2C, 0x0A]) for _ in range(4000))
    error = _refused(_write(tmp_path, "weird.txt", junk))
    assert "doesn't look like a spreadsheet or CSV file" in error.message


def test_web_page_saved_as_xls(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html>\n<html><body><table><tr><td>sku</td></tr></table></body></html>\n"
    error = _refused(_write(tmp_path, "export.xls", page))
    assert error.message == "“export.xls” is a web page or XML file, not a spreadsheet or CSV file."
    assert "save it as CSV or XLSX" in error.hint


def test_zip_bomb_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(zeros)
    assert path.stat().st_size < 2 * 1024 * 1024
    error = _refused(path)
    assert error.message.startswith("“bomb.xlsx” looks like a zip bomb: part of it expands")
    assert "to 209.7 MB. It is not a normal XLSX file." in error.message
    assert "export it as CSV" in error.hint


def test_archive_too_big_when_expanded(tmp_path: Path) -> None:
    path = SAMPLES / "supplier_pricelist.xlsx"
    error = _refused(path, limits=ReadLimits(max_uncompressed_bytes=10_000))
    assert error.message.startswith(
        "“supplier_pricelist.xlsx” looks like a zip bomb: it expands to"
    )
    assert "more than the 10 KB SellerDesk reads from a XLSX file" in error.message


def test_damaged_xlsx(tmp_path: Path) -> None:
    data = (SAMPLES / "supplier_pricelist.xlsx").read_bytes()
    error = _refused(_write(tmp_path, "cut.xlsx", data[: len(data) // 2]))
    assert error.message == "“cut.xlsx” is damaged or is not really an XLSX file."


def test_zip_that_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = _refused(path)
    assert error.message == "“photos.zip” is a compressed (zip) archive, not a spreadsheet."
    assert error.hint.startswith("Unzip it first")


def test_too_many_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "wide.csv", (",".join(["x"] * 16_000) + "\n1,2\n").encode())
    error = _refused(path)
    assert (
        error.message == "Row 1 of “wide.csv” has 16,000 columns; SellerDesk reads at most 1,024."
    )
    assert "delimiter" in error.hint


def test_too_many_columns_in_a_cut_first_record(tmp_path: Path) -> None:
    path = _write(tmp_path, "wide.csv", (",".join(["col"] * 40_000) + "\n").encode())
    error = _refused(path)
    assert error.message.startswith("Row 1 of “wide.csv” has at least ")
    assert error.message.endswith(" columns; SellerDesk reads at most 1,024.")


def test_too_many_columns_further_down(tmp_path: Path) -> None:
    lines = ["a,b"] * 3000 + [",".join(["x"] * 2000)]
    path = _write(tmp_path, "wide.csv", "\n".join(lines).encode())
    with open_table(path) as source, pytest.raises(ImportFileError) as caught:
        list(source.rows())
    assert caught.value.message == (
        "Row 3001 of “wide.csv” has 2,000 columns; SellerDesk reads at most 1,024."
    )


@pytest.mark.parametrize("megabytes", [2, 50])
def test_huge_cell(tmp_path: Path, megabytes: int) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.write(b"sku,description,qty\nA-1,")
        block = b"x" * (1024 * 1024)
        for _ in range(megabytes):
            fh.write(block)
        fh.write(b",3\n")
    with open_table(path) as source:
        rows = source.rows()
        assert next(rows) == ["sku", "description", "qty"]
        with pytest.raises(ImportFileError) as caught:
            next(rows)
    assert caught.value.message == "Row 2 of “huge.csv” has a cell of more than 1 MiB."
    assert caught.value.hint.startswith("Split the file or shorten that cell.")


def test_missing_file(tmp_path: Path) -> None:
    error = _refused(tmp_path / "gone.csv")
    assert error.message == "SellerDesk can't find “gone.csv”."
    assert "moved, renamed or deleted" in error.hint
    with pytest.raises(ImportFileError, match="can't find"):
        list_sheets(tmp_path / "gone.xlsx")


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "exports.csv").mkdir()
    error = _refused(tmp_path / "exports.csv")
    assert error.message == "“exports.csv” is a folder, not a file."
    assert "pick the spreadsheet or CSV file inside it" in error.hint


def test_file_too_big(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.csv", b"sku\n" + b"A-1\n" * 1000)
    error = _refused(path, limits=ReadLimits(max_file_bytes=1000))
    assert error.message == "“big.csv” is 4 KB; SellerDesk imports files of up to 1 KB."
    assert "Split it" in error.hint


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.csv", b"sku\nA-1\n")
    path.chmod(0)
    try:
        error = _refused(path)
    finally:
        path.chmod(0o600)
    assert error.message == "SellerDesk isn't allowed to read “secret.csv”."


def test_permission_denied_when_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "locked.csv", b"sku\nA-1\n")

    def denied(*_args: Any, **_kwargs: Any) -> io.BufferedReader:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", denied, raising=False)
    error = _refused(path)
    assert error.message == "SellerDesk isn't allowed to read “locked.csv”."
    assert "copy it to your Documents folder" in error.hint


def test_closing_mid_iteration_ends_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("sku\n" + "A-1\n" * 50_000)
    source = open_table(path)
    rows = source.rows()
    assert next(rows) == ["sku"]
    source.close()
    assert len(list(rows)) < 50_000


def test_empty_sheet_reads_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    info, rows = _read(path)
    assert (info.sheet, rows) == ("Sheet", [])


def test_file_replaced_before_reading(tmp_path: Path) -> None:
    path = _write(tmp_path, "moving.csv", b"sku,qty\nA-1,3\n")
    with open_table(path) as source:
        path.unlink()
        path.mkdir()
        with pytest.raises(ImportFileError) as caught:
            list(source.rows())
    assert caught.value.message == (
        "The file “moving.csv” disappeared while it was being read, or it was cut short."
    )
    assert caught.value.hint == VANISHED_HINT


class _FailingRaw(io.RawIOBase):
    """A file whose reads fail with an I/O error after ``fail_at`` bytes (a pulled USB stick)."""

    def __init__(self, data: bytes, fail_at: int) -> None:
        self._data = data
        self._fail_at = fail_at
        self._position = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer: Any) -> int:
        if self._position >= self._fail_at:
            raise OSError(5, "Input/output error")
        chunk = self._data[self._position : self._position + len(buffer)]
        buffer[: len(chunk)] = chunk
        self._position += len(chunk)
        return len(chunk)


def test_read_error_midway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("sku,title\n" + "".join(f"A-{n},Product {n}\n" for n in range(20_000))).encode()
    path = _write(tmp_path, "usb.csv", data)
    source = open_table(path)

    def failing_open(*_args: Any, **_kwargs: Any) -> io.BufferedReader:
        return io.BufferedReader(_FailingRaw(data, fail_at=64 * 1024))

    monkeypatch.setattr(sources, "open", failing_open, raising=False)
    seen: list[list[str]] = []
    with pytest.raises(ImportFileError) as caught:
        seen.extend(source.rows())
    assert seen[:2] == [["sku", "title"], ["A-0", "Product 0"]]
    assert 1000 < len(seen) < 20_000
    assert "disappeared while it was being read" in caught.value.message
    assert caught.value.hint == VANISHED_HINT


def test_file_truncated_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "download.csv"
    path.write_text("sku,title\n" + "".join(f"A-{n},Product {n}\n" for n in range(100_000)))
    with open_table(path) as source:
        rows: Iterator[list[str]] = source.rows()
        assert next(rows) == ["sku", "title"]
        os.truncate(path, 100_000)
        with pytest.raises(ImportFileError) as caught:
            list(rows)
    assert "cut short" in caught.value.message
    assert caught.value.hint == VANISHED_HINT


# --- real sample files ----------------------------------------------------------------------


def test_sample_european_export() -> None:
    info, rows = _read(SAMPLES / "european_export.csv")
    assert (info.encoding, info.delimiter, info.line_ending) == ("cp1252", ";", "\r\n")
    assert rows[1][1] == "Kaffeemühle aus Edelstahl, manuell"
    assert rows[3][1] == "Gusseisen-Bräter „Classic“ 28 cm"
    assert len(rows) == 5 and {len(row) for row in rows} == {9}


def test_sample_amazon_flatfile() -> None:
    info, rows = _read(SAMPLES / "amazon_flatfile.txt")
    assert (info.encoding, info.delimiter) == ("utf-8", "\t")
    assert len(rows) == 6
    assert rows[2][:2] == ["feed_product_type", "item_sku"]
    assert rows[3][4] == "012345678905"


def test_sample_dirty_everything() -> None:
    info, rows = _read(SAMPLES / "dirty_everything.csv")
    assert (info.encoding, info.delimiter, info.line_ending) == ("utf-8-sig", ",", "\r\n")
    assert rows[0][0] == "sku"
    d1 = next(row for row in rows if row[0] == "D-1")
    assert "\n" in d1[2]
    assert d1[2].startswith("<p>Bluetooth <b>5.3</b>")


def test_sample_mercari_report() -> None:
    info, rows = _read(SAMPLES / "mercari_sales_report.csv")
    assert info.delimiter == ","
    assert len(rows) == 7
    assert rows[-1] == ["Report generated on: 11/20/2026 09:14 AM PST"]


def test_sample_supplier_pricelist() -> None:
    path = SAMPLES / "supplier_pricelist.xlsx"
    assert list_sheets(path) == ("Price List", "Terms")
    info, rows = _read(path)
    assert info.sheet == "Price List"
    assert rows[0] == ["ACME Wholesale Supply Co. — Dealer Price List, Fall 2026"] * 8
    assert rows[3] == [
        "Item #",
        "Description",
        "UPC",
        "Wholesale $",
        "MSRP",
        "Qty Avail.",
        "Wt (lb)",
        "Brand",
    ]
    assert rows[4][2] == "12345678905"
    assert rows[4][6] == "0.9"
    assert rows[6][2] == "076123456789"
    _info, terms = _read(path, sheet="Terms")
    assert terms == [["Net 30. Freight prepaid over $500."]]


@pytest.mark.parametrize(
    ("name", "columns", "records", "first"),
    [
        ("woocommerce_sample_products.csv", 55, 25, "ID"),
        ("shopify_product_template.csv", 48, 18, "Handle"),
    ],
)
def test_sample_shop_exports(name: str, columns: int, records: int, first: str) -> None:
    info, rows = _read(SAMPLES / name)
    assert (info.encoding, info.delimiter) == ("utf-8", ",")
    assert rows[0][0] == first
    assert len(rows) == records
    assert {len(row) for row in rows} == {columns}
