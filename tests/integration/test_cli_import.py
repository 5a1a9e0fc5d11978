"""`sellerdesk import`, `profiles` and `sales` end to end on a real catalog file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sellerdesk.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_report(capsys: pytest.CaptureFixture[str], catalog_file: Path) -> None:
    code, out, _ = run(
        capsys, catalog_file, "import", str(SAMPLES / "supplier_pricelist.xlsx"), "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["kind"] == "xlsx" and report["sheet"] == "Price List"
    assert report["header_row"] == 4
    assert report["counts"]["new"] == 7 and report["counts"]["duplicate"] == 1
    assert {m["header"]: m["target"] for m in report["mapping"]}["MSRP"] == "msrp"
    assert all(0 <= m["confidence"] <= 1 for m in report["mapping"])
    by_code = report["problem_summary"]["by_code"]
    assert by_code["gtin.check_digit"] >= 1 and by_code["stock.unparseable"] == 1
    invalid = [p for p in report["problems"] if p["code"] == "gtin.check_digit"]
    assert invalid[0]["row"] == 10 and invalid[0]["field"] == "gtin" and invalid[0]["sku"]
    code, out, _ = run(capsys, catalog_file, "show", "AC-1001", "--json")
    assert json.loads(out)["cost"] == "8.40"


def test_dry_run_changes_nothing(capsys: pytest.CaptureFixture[str], catalog_file: Path) -> None:
    code, out, _ = run(
        capsys, catalog_file, "import", str(SAMPLES / "european_export.csv"), "--dry-run"
    )
    assert code == 0 and "Would import european_export.csv" in out
    assert "cp1252" in out and "semicolon" in out
    code, out, _ = run(capsys, catalog_file, "list", "--json")
    assert json.loads(out) == []


def test_conflict_policy_and_sheet_options(
    capsys: pytest.CaptureFixture[str], catalog_file: Path
) -> None:
    path = str(SAMPLES / "supplier_pricelist.xlsx")
    assert run(capsys, catalog_file, "import", path, "--sheet", "Price List")[0] == 0
    run(capsys, catalog_file, "set", "AC-1002", "stock", "99")
    code, out, _ = run(capsys, catalog_file, "import", path, "--on-conflict", "skip", "--json")
    assert json.loads(out)["counts"]["skipped"] == 7
    code, out, err = run(capsys, catalog_file, "import", path, "--sheet", "Nope")
    assert code == 1 and "Nope" in err and "Price List" in err
    code, out, _ = run(capsys, catalog_file, "show", "AC-1002", "--json")
    assert json.loads(out)["stock"] == 99


def test_profiles_commands(
    capsys: pytest.CaptureFixture[str], catalog_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Art,Name,Thing\nP-1,Pan,12.50\n", encoding="utf-8")
    code, out, err = run(
        capsys,
        catalog_file,
        "import",
        str(path),
        "--map",
        "1=sku",
        "--map",
        "3=price",
        "--save-profile",
        "Pans",
    )
    assert code == 0, err
    code, out, _ = run(capsys, catalog_file, "profiles", "list")
    assert "Pans" in out
    code, out, _ = run(capsys, catalog_file, "profiles", "show", "Pans", "--json")
    assert json.loads(out)["mapping"]["2"] == "price"
    path.write_text("Art,Name,Thing\nP-2,Pot,30.00\n", encoding="utf-8")
    code, out, _ = run(capsys, catalog_file, "import", str(path), "--json")
    assert json.loads(out)["profile"] == "Pans"
    code, out, _ = run(capsys, catalog_file, "show", "P-2", "--json")
    assert json.loads(out)["price"] == "30.00"
    assert run(capsys, catalog_file, "profiles", "delete", "Pans")[0] == 0
    code, _, err = run(capsys, catalog_file, "profiles", "show", "Pans")
    assert code == 1 and "no import profile named 'Pans'" in err


def test_sales_command_lists_mercari_orders(
    capsys: pytest.CaptureFixture[str], catalog_file: Path
) -> None:
    run(capsys, catalog_file, "import", str(SAMPLES / "mercari_sales_report.csv"))
    code, out, _ = run(capsys, catalog_file, "sales", "--json")
    data = json.loads(out)
    assert len(data["sales"]) == 4 and data["completed_net_proceeds"] == "76.24"
    code, out, _ = run(capsys, catalog_file, "sales", "--status", "canceled")
    assert code == 0
    assert "m10000000002" in out and "1 sales" in out


def test_bad_file_gives_one_line_error(
    capsys: pytest.CaptureFixture[str], catalog_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    code, out, err = run(capsys, catalog_file, "import", str(path))
    assert code == 1 and out == ""
    assert err.startswith("sellerdesk: error: ") and "empty" in err
    assert len(err.strip().splitlines()) == 1


def test_imports_command_lists_runs_with_their_state(
    capsys: pytest.CaptureFixture[str], catalog_file: Path
) -> None:
    run(capsys, catalog_file, "import", str(SAMPLES / "european_export.csv"))
    run(capsys, catalog_file, "undo")
    run(capsys, catalog_file, "import", str(SAMPLES / "amazon_flatfile.txt"))
    code, out, _ = run(capsys, catalog_file, "imports", "--json")
    runs = json.loads(out)
    assert [(r["state"], Path(r["file"]).name) for r in runs] == [
        ("done", "amazon_flatfile.txt"),
        ("undone", "european_export.csv"),
    ]
    assert runs[0]["counts"]["new"] == 3
    code, out, _ = run(capsys, catalog_file, "imports")
    assert code == 0 and "undone" in out and "3 new" in out
