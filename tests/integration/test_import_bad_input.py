"""Bad input gets a clear message with what to do, and leaves the catalog exactly as it was."""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sellerdesk.app import AppContext
from sellerdesk.importers.model import ImportFileError
from sellerdesk.services import importing


@pytest.fixture
def stocked(ctx: AppContext) -> AppContext:
    ctx.catalog.create_many(
        [{"sku": f"K-{i}", "title": f"Kept {i}", "price": "5.00"} for i in range(3)]
    )
    return ctx


def _snapshot(ctx: AppContext) -> tuple[Any, ...]:
    with ctx.db.read() as conn:
        batches = conn.exec_driver_sql("SELECT count(*) FROM change_batches").scalar_one()
        log = conn.exec_driver_sql("SELECT count(*) FROM change_log").scalar_one()
        sales = conn.exec_driver_sql("SELECT count(*) FROM sales_records").scalar_one()
    rows = ctx.catalog.rows(ctx.catalog.ids())
    return batches, log, sales, sorted((r["sku"], r["title"], r["version"]) for r in rows.values())


def _refused(ctx: AppContext, path: Path) -> ImportFileError:
    before = _snapshot(ctx)
    with pytest.raises(ImportFileError) as caught:
        ctx.importer.commit(path)
    assert _snapshot(ctx) == before
    assert caught.value.message and caught.value.hint
    return caught.value


def test_empty_file(stocked: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    error = _refused(stocked, path)
    assert "is empty" in error.message


def test_file_with_only_blank_lines(stocked: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(",,,\n\n,,\n", encoding="utf-8")
    error = _refused(stocked, path)
    assert "no rows with data" in error.message


def test_binary_garbage(stocked: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_bytes(random.Random(7).randbytes(50_000))
    error = _refused(stocked, path)
    assert "doesn't look like a spreadsheet or CSV file" in error.message
    assert "CSV or XLSX" in error.hint


def test_zip_bomb_named_xlsx(stocked: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "prices.xlsx"
    zeros = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(zeros)
    assert path.stat().st_size < 3 << 20
    error = _refused(stocked, path)
    assert "zip bomb" in error.message


def test_csv_with_16000_columns(stocked: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    header = ",".join(f"col{i}" for i in range(16_000))
    row = ",".join(str(i) for i in range(16_000))
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    error = _refused(stocked, path)
    assert "columns; SellerDesk reads at most 1,024" in error.message


def test_50_mb_cell(stocked: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('sku,title,description\nH-1,Huge,"')
        block = "x" * (1 << 20)
        for _ in range(50):
            handle.write(block)
        handle.write('"\n')
    error = _refused(stocked, path)
    assert "1 MiB" in error.message


def test_missing_file(stocked: AppContext, tmp_path: Path) -> None:
    error = _refused(stocked, tmp_path / "gone.csv")
    assert "gone.csv" in error.message


def test_file_that_vanishes_mid_import_rolls_everything_back(
    stocked: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "COMMIT_CHUNK", 500)
    path = tmp_path / "download.csv"
    lines = "".join(f"V-{n},Product {n},{n}.99\n" for n in range(60_000))
    path.write_text("sku,title,price\n" + lines, encoding="utf-8")
    before = _snapshot(stocked)
    calls: list[float] = []

    def cut_short(fraction: float, _message: str) -> None:
        calls.append(fraction)
        if len(calls) == 1:
            os.truncate(path, 200_000)

    with pytest.raises(ImportFileError) as caught:
        stocked.importer.commit(path, progress=cut_short)
    assert "disappeared while it was being read" in caught.value.message
    assert _snapshot(stocked) == before
    assert stocked.importer.runs()[0]["state"] == "failed"


def test_a_file_without_any_sku_column(stocked: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("colour,mood\nred,happy\nblue,calm\n", encoding="utf-8")
    error = _refused(stocked, path)
    assert "SKU" in error.message
