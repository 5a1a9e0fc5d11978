"""Benchmarks 1, 2 and 4: service inserts, FTS search over 1M products, CSV export."""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.catalogs import cached_catalog, products
from sellerdesk.core.fields import SOURCED_FIELDS
from sellerdesk.db.database import Database
from sellerdesk.db.opening import open_catalog
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.export import EXPORT_COLUMNS, export_catalog
from sellerdesk.services.queries import CatalogQuery


def _flat(product: dict[str, Any]) -> tuple[Any, ...]:
    row: list[Any] = [product["sku"]]
    for name in SOURCED_FIELDS:
        value = product.get(name)
        row.append(json.dumps(value) if isinstance(value, list | dict) else value)
    return tuple(str(v) if v is not None and not isinstance(v, int | str) else v for v in row)


def bench_insert(count: int = 100_000) -> dict[str, Any]:
    items = products(count)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        rows = [_flat(p) for p in items]
        floor_conn = sqlite3.connect(root / "floor.sqlite3")
        floor_conn.execute(f"CREATE TABLE t ({', '.join(['sku', *SOURCED_FIELDS])})")
        marks = ", ".join("?" for _ in rows[0])
        started = time.perf_counter()
        floor_conn.executemany(f"INSERT INTO t VALUES ({marks})", rows)
        floor_conn.commit()
        floor = time.perf_counter() - started
        floor_conn.close()

        opened = open_catalog(root / "catalog.sqlite3", root / "backups", auto_backup=False)
        service = CatalogService(opened.db)
        started = time.perf_counter()
        service.create_many(items, name="Benchmark insert")
        measured = time.perf_counter() - started
        undo_s, redo_s = _undo_redo(service)
        opened.db.dispose()
        engine = _engine_floor(root)
    result = _result("insert_100k", measured, floor, target_ratio=3.0)
    result["schema_floor_s"] = round(engine, 3)
    result["schema_floor_ratio"] = round(engine / floor, 2)
    result["undo_batch_s"] = round(undo_s, 3)
    result["redo_batch_s"] = round(redo_s, 3)
    return result


def _undo_redo(service: CatalogService) -> tuple[float, float]:
    """Undo, then redo, the whole 100k-product batch (no floor: reported for reference)."""
    started = time.perf_counter()
    service.undo()
    undone = time.perf_counter() - started
    assert service.count() == 0
    started = time.perf_counter()
    service.redo()
    return undone, time.perf_counter() - started


def _engine_floor(root: Path) -> float:
    """The rows the service wrote, copied raw into a fresh catalog's products table (same
    indexes, search index, WAL and synchronous=FULL): what the schema alone costs, no Python."""
    with sqlite3.connect(root / "catalog.sqlite3") as source:
        rows = source.execute("SELECT * FROM products").fetchall()
        names = [d[0] for d in source.execute("SELECT * FROM products LIMIT 0").description]
    opened = open_catalog(root / "engine.sqlite3", root / "backups", auto_backup=False)
    db = opened.db
    started = time.perf_counter()
    with db.write() as conn:
        with db.helper.search_index_deferred(conn):
            db.helper.executemany(conn, "products", names, rows)
        db.helper.index_products(conn, [row[0] for row in rows])
    elapsed = time.perf_counter() - started
    db.dispose()
    return elapsed


def bench_search(count: int = 1_000_000, queries: int = 50) -> dict[str, Any]:
    path = cached_catalog(count)
    db = Database.connect(path)
    service = CatalogService(db)
    rng = random.Random(5)
    sample_ids = rng.sample(range(1, count + 1), queries)
    rows = service.rows(sample_ids, ["sku", "gtin", "title", "brand"])
    terms: list[str] = []
    for index, product_id in enumerate(sample_ids):
        row = rows[product_id]
        words = [w for w in (row["title"] or "").split() if len(w) > 3]
        kind = index % 5
        if kind == 0:
            terms.append(row["sku"])
        elif kind == 1 and row["gtin"]:
            terms.append(row["gtin"])
        elif kind == 2 and row["brand"]:
            terms.append(f"{row['brand'].split()[0]} {words[-1] if words else ''}".strip())
        elif len(words) >= 2:
            terms.append(" ".join(rng.sample(words, 2)))
        else:
            terms.append(row["title"] or row["sku"])
    timings = []
    hits = []
    for term in terms:
        started = time.perf_counter()
        found = service.search(CatalogQuery(text=term), limit=100)
        timings.append((time.perf_counter() - started) * 1000)
        hits.append(len(found))
    db.dispose()
    median = statistics.median(timings)
    return {
        "name": "fts_search_1m_median",
        "value_ms": round(median, 2),
        "p90_ms": round(statistics.quantiles(timings, n=10)[-1], 2),
        "target_ms": 50,
        "meets_target": median < 50,
        "queries": len(terms),
        "queries_with_hits": sum(1 for h in hits if h),
        "products": count,
    }


def bench_export(count: int = 100_000) -> dict[str, Any]:
    path = cached_catalog(count)
    db = Database.connect(path)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "export.csv"
        started = time.perf_counter()
        written = export_catalog(db, target)
        measured = time.perf_counter() - started
        frame = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert list(frame.columns) == list(EXPORT_COLUMNS) and written == len(frame)
        started = time.perf_counter()
        frame.to_csv(Path(folder) / "pandas.csv", index=False)
        floor = time.perf_counter() - started
    db.dispose()
    return _result("export_csv_100k", measured, floor, target_ratio=1.5)


def _result(name: str, measured: float, floor: float, target_ratio: float) -> dict[str, Any]:
    ratio = measured / floor
    return {
        "name": name,
        "value_s": round(measured, 3),
        "floor_s": round(floor, 3),
        "ratio": round(ratio, 2),
        "target_ratio": target_ratio,
        "meets_target": ratio <= target_ratio,
    }
