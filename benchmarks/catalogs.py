"""Synthetic benchmark catalogs: generated products, and cached catalog files built from them."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sellerdesk.db import migrate
from sellerdesk.db.opening import open_catalog
from sellerdesk.demo.generator import CatalogGenerator
from sellerdesk.services.catalog import CatalogService

DATA = Path(__file__).with_name("data")
SEED = 11


def products(count: int, seed: int = SEED) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in p.items() if not k.startswith("_")}
        for p in CatalogGenerator(seed=seed).products(count)
    ]


def chunks(count: int, size: int = 50_000, seed: int = SEED) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for product in CatalogGenerator(seed=seed).products(count):
        batch.append({k: v for k, v in product.items() if not k.startswith("_")})
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def cached_catalog(count: int) -> Path:
    """A catalog file with ``count`` generated products, built once through the service layer."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"catalog-{count}-{SEED}-{migrate.head_revision()}.sqlite3"
    stamp = path.with_suffix(".ok")
    if path.exists() and stamp.exists():
        return path
    for older in DATA.glob(f"catalog-{count}-{SEED}-*.ok"):
        # a catalog built under an older schema: migrating it is far quicker than rebuilding
        old_file = older.with_suffix(".sqlite3")
        if old_file.exists():
            old_file.rename(path)
            opened = open_catalog(path, DATA / "backups", auto_backup=False)
            opened.db.dispose()
            shutil.rmtree(DATA / "backups", ignore_errors=True)
            older.rename(stamp)
            return path
    for stale in DATA.glob(f"catalog-{count}-*"):
        stale.unlink()
    started = time.perf_counter()
    opened = open_catalog(path, DATA / "backups", auto_backup=False)
    service = CatalogService(opened.db)
    done = 0
    for batch in chunks(count):
        service.create_many(batch, name="Benchmark catalog", source="import")
        done += len(batch)
        print(f"  building {count:,}-product catalog: {done:,}", end="\r", flush=True)
    with opened.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.db.dispose()
    shutil.rmtree(DATA / "backups", ignore_errors=True)
    stamp.write_text(json.dumps({"seconds": time.perf_counter() - started}))
    print()
    return path
