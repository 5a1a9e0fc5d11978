"""The `sellerdesk` command line end to end on a real catalog file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sellerdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(catalog_file: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    from sellerdesk.app import build_context

    ctx = build_context(str(catalog_file), auto_backup=False)
    ctx.catalog.create_many(
        [
            {
                "sku": "LAMP-1",
                "title": "Brass desk lamp",
                "brand": "Lumen",
                "price": "59.00",
                "stock": 4,
            },
            {
                "sku": "LAMP-2",
                "title": "Walnut desk lamp",
                "brand": "Lumen",
                "price": "79.00",
                "stock": 9,
            },
            {
                "sku": "BOWL-1",
                "title": "Olive wood bowl",
                "brand": "Grove",
                "price": "24.00",
                "stock": 0,
            },
        ]
    )
    ctx.close()
    return catalog_file


def test_list_search_sort_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, db, "list", "--search", "lamp", "--sort", "price", "--desc", "--json"
    )
    assert code == 0
    assert [r["sku"] for r in json.loads(out)] == ["LAMP-2", "LAMP-1"]
    code, out, _ = run(capsys, db, "list", "--max-stock", "4")
    assert code == 0 and "BOWL-1" in out and "LAMP-1" in out and "LAMP-2" not in out
    assert "2 of 2 products" in out


def test_set_show_undo_redo_history(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "set", "LAMP-1", "price", "64.50", "--json")
    assert code == 0 and json.loads(out)["fields"] == ["price"]
    _, out, _ = run(capsys, db, "show", "LAMP-1", "--json")
    shown = json.loads(out)
    assert shown["price"] == "64.50" and shown["sources"]["price"] == "manual"
    _, out, _ = run(capsys, db, "undo")
    assert "Undo Edit Price of LAMP-1" in out
    _, out, _ = run(capsys, db, "show", "LAMP-1", "--json")
    assert json.loads(out)["price"] == "59.00"
    run(capsys, db, "redo")
    _, out, _ = run(capsys, db, "history", "LAMP-1", "--json")
    history = json.loads(out)
    assert history[0]["field"] == "price" and history[0]["new"] == "64.50"


def test_bulk_price_change_and_find_replace(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, db, "bulk", "price", "--brand", "Lumen", "--percent", "10", "--round99", "--json"
    )
    assert code == 0 and len(json.loads(out)["product_ids"]) == 2
    _, out, _ = run(capsys, db, "list", "--brand", "lumen", "--json")
    assert sorted(r["price"] for r in json.loads(out)) == ["64.99", "86.99"]
    code, _, _ = run(
        capsys, db, "bulk", "title", "--search", "desk", "--find", "desk", "--replace", "table"
    )
    assert code == 0
    _, out, _ = run(capsys, db, "show", "LAMP-2", "--json")
    assert json.loads(out)["title"] == "Walnut table lamp"


def test_errors_are_one_clear_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, db, "set", "NOPE", "price", "1")
    assert code == 1 and err.count("\n") == 1 and "no product with SKU 'NOPE'" in err
    code, _, err = run(capsys, db, "set", "LAMP-1", "gtin", "12345")
    assert code == 1 and "8, 12, 13 or 14 digits" in err
    code, _, err = run(capsys, db, "redo")
    assert code == 1 and "nothing to redo" in err


def test_export_backup_doctor(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "products.csv"
    code, out, _ = run(capsys, db, "export", "-o", str(out_file), "--search", "lamp")
    assert code == 0 and "Exported 2 products" in out
    assert out_file.read_text(encoding="utf-8-sig").count("\n") == 3
    backup = tmp_path / "copy.sqlite3"
    code, _, _ = run(capsys, db, "backup", "-o", str(backup))
    assert code == 0
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT count(*) FROM products").fetchone() == (3,)
    code, out, _ = run(capsys, db, "doctor", "--json")
    report = json.loads(out)
    assert code == 0 and report["healthy"] and report["counts"]["products"] == 3


def test_newer_catalog_is_refused_with_exit_code(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999'")
    code, _, err = run(capsys, db, "list")
    assert code == 1 and "newer SellerDesk" in err


def test_python_dash_m_and_env_database(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys

    monkeypatch.setenv("SELLERDESK_DB", str(db))
    result = subprocess.run(
        [sys.executable, "-m", "sellerdesk", "list", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3


def test_demo_fills_catalog_with_products_and_photos(
    catalog_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    from sellerdesk.core.gtin import has_valid_check_digit

    code, out, _ = run(capsys, catalog_file, "demo", "--count", "30", "--json")
    assert code == 0 and json.loads(out)["created"] == 30
    with sqlite3.connect(catalog_file) as conn:
        rows = conn.execute("SELECT sku, gtin, price, title FROM products").fetchall()
        images = conn.execute("SELECT uri, width, height FROM product_images").fetchall()
        orphans = conn.execute(
            "SELECT count(*) FROM products p WHERE p.parent_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM products q WHERE q.id = p.parent_id)"
        ).fetchone()
    assert len(rows) == 30 and orphans == (0,)
    assert all(has_valid_check_digit(gtin) for _, gtin, _, _ in rows if gtin)
    assert all(price and price > 0 and title for _, _, price, title in rows)
    assert len(images) == 30
    for uri, width, height in images:
        with Image.open(uri) as picture:
            assert picture.size == (width, height)
    code, out, _ = run(capsys, catalog_file, "demo", "--count", "30", "--json")
    assert code == 0 and json.loads(out)["created"] == 0  # already there: nothing duplicated
