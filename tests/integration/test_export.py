"""Export to CSV, XLSX and JSONL: values, formula neutralization and atomic writes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sellerdesk.core.escaping import neutralize_formula
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.export import EXPORT_COLUMNS, export_catalog
from sellerdesk.services.queries import CatalogQuery

PAYLOADS = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-2+3", "@SUM(A1)", "=1|2"]


@pytest.fixture
def filled(catalog: CatalogService) -> CatalogService:
    rows = [
        {
            "sku": "SAFE-1",
            "title": "Plain mug, 12 oz",
            "price": "12.5",
            "stock": 3,
            "bullets": ["Holds 12 oz", "Dishwasher safe"],
            "attributes": {"color": "Sage"},
            "weight_g": "350",
        },
        *(
            {"sku": f"EVIL-{i}", "title": p, "brand": p, "price": "1.00", "description": "\tTab"}
            for i, p in enumerate(PAYLOADS)
        ),
    ]
    catalog.create_many(rows)
    return catalog


def test_csv_values_and_formulas_neutralized(filled: CatalogService, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert export_catalog(filled.db, path) == 6
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    first = rows[0]
    assert (first["sku"], first["price"], first["stock"]) == ("SAFE-1", "12.50", "3")
    assert first["bullets"] == "Holds 12 oz | Dishwasher safe"
    assert json.loads(first["attributes"]) == {"color": "Sage"}
    assert first["weight_g"] == "350.00"
    for row, payload in zip(rows[1:], PAYLOADS, strict=True):
        assert row["title"] == "'" + payload
        assert row["brand"] == "'" + payload
        assert row["description"] == "'\tTab"


def test_xlsx_text_cells_are_strings_not_formulas(filled: CatalogService, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    export_catalog(filled.db, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=False))
    header = [c.value for c in rows[0]]
    title = header.index("title")
    price = header.index("price")
    assert rows[1][price].value == 12.5 and rows[1][price].data_type == "n"
    for row, payload in zip(rows[2:], PAYLOADS, strict=True):
        assert row[title].data_type == "s"
        assert row[title].value == "'" + payload


def test_jsonl_is_typed_and_filtered(filled: CatalogService, tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    assert export_catalog(filled.db, path, CatalogQuery(text="mug")) == 1
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert record["sku"] == "SAFE-1"
    assert record["price"] == "12.50"
    assert record["bullets"] == ["Holds 12 oz", "Dishwasher safe"]
    assert record["attributes"] == {"color": "Sage"}


def test_failed_export_leaves_previous_file(
    filled: CatalogService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.csv"
    path.write_text("previous export\n")

    def explode(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("sellerdesk.core.atomic_files.os.fsync", explode)
    with pytest.raises(OSError, match="disk full"):
        export_catalog(filled.db, path)
    assert path.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_csv_quoting_matches_the_csv_module_for_awkward_text(
    catalog: CatalogService, tmp_path: Path
) -> None:
    awkward = [
        {
            "sku": "Q-1",
            "title": 'Mug, "Large" 16 oz',
            "description": "line one\nline two\r\nend",
            "bullets": ["Holds 16 oz, hot or cold", 'Says "hello"', "-5% off"],
            "price": "7.5",
            "attributes": {"size": 'L "tall"', "note": "a,b"},
            "stock": 0,
        },
        {"sku": "Q-2", "title": "=cmd|' /C calc'!A0", "bullets": ["@first"], "cost": "0.0125"},
        {"sku": "Q-3", "title": "Plain"},
    ]
    catalog.create_many(awkward)
    csv_path, jsonl_path = tmp_path / "a.csv", tmp_path / "a.jsonl"
    export_catalog(catalog.db, csv_path)
    export_catalog(catalog.db, jsonl_path)
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        parsed = list(csv.DictReader(handle))
    records = [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").splitlines()]
    assert len(parsed) == len(records) == 3
    for row, record in zip(parsed, records, strict=True):
        for column in EXPORT_COLUMNS:
            value = record.get(column)
            if value is None:
                expected = ""
            elif isinstance(value, list):
                expected = neutralize_formula(" | ".join(value))
            elif isinstance(value, dict):
                expected = json.dumps(
                    value, ensure_ascii=False, separators=(",", ":"), sort_keys=True
                )
            elif isinstance(value, int):
                expected = str(value)
            elif column in {"price", "sale_price", "cost", "weight_g"}:
                expected = value
            else:
                expected = neutralize_formula(value)
            assert row[column] == expected, (record["sku"], column)
    assert parsed[0]["description"] == "line one\nline two\r\nend"
    assert parsed[1]["title"].startswith("'=") and parsed[1]["bullets"] == "'@first"
    assert parsed[1]["cost"] == "0.0125" and parsed[0]["price"] == "7.50"
