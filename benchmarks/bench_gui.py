"""GUI benchmark: open a big catalog to the first painted screen, then jump to row 900,000."""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

JUMP_ROW = 900_000
FIRST_PAINT_TARGET_MS = 300.0
JUMP_TARGET_MS = 50.0
BATCH = 20_000


# ----------------------------------------------------------------- test catalog
def _gtin13(rng: random.Random) -> str:
    body = f"{rng.randrange(10**11, 10**12):012d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _product_rows(count: int, seed: int) -> Iterator[tuple[Any, ...]]:
    from sellerdesk.core.taxonomy import Taxonomy, default_taxonomy_path
    from sellerdesk.demo.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    taxonomy = Taxonomy.from_file(default_taxonomy_path())
    rng = random.Random(seed)
    families = vocabulary.families
    paths = {}
    for family in families:
        category = taxonomy.get(family.category_id)
        paths[family.key] = category.path if category else None
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for index in range(1, count + 1):
        family = families[index % len(families)]
        color = rng.choice(family.colors)
        material = rng.choice(family.materials)
        noun = rng.choice(family.nouns)
        title = f"{material} {noun} – {rng.choice(family.taglines)}, {color}"
        low, high = family.price_usd
        price = (rng.randrange(int(low), int(high)) * 100 + 99) * 100  # ten-thousandths, x.99
        sale = int(price * 0.85) // 100 * 100 if rng.random() < 0.2 else None
        stamp = (start + timedelta(minutes=index % 400_000)).strftime("%Y-%m-%d %H:%M:%S.%f")
        description = family.description.format(
            material=material,
            material_lower=material.lower(),
            noun=noun,
            noun_lower=noun.lower(),
        )
        yield (
            index,
            f"{family.sku_prefix}-{index:07d}",
            title,
            rng.choice(vocabulary.brands),
            _gtin13(rng),
            f"{family.mpn_code}{index:07d}",
            price,
            sale,
            price * 45 // 100,
            "USD",
            rng.choice((0, 1, 3, 5, 8, 12, 24, 40, 75, 120)),
            family.category_id,
            paths[family.key],
            description,
            rng.choice(("active", "active", "active", "draft", "archived")),
            "new",
            1,
            stamp,
            stamp,
        )


def build_big_catalog(path: Path, count: int, seed: int = 7) -> Path:
    """A migrated catalog file with ``count`` products, inserted with raw sqlite3 for speed."""
    from sellerdesk.app import build_context
    from sellerdesk.config.paths import AppPaths

    path.parent.mkdir(parents=True, exist_ok=True)
    context = build_context(str(path), AppPaths.under(path.parent / "home"), auto_backup=False)
    context.close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        sql = (
            "INSERT INTO products (id, sku, title, brand, gtin, mpn, price, sale_price, cost, "
            "currency, stock, category_id, category_path, description, status, condition, "
            "version, created_at, updated_at) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        batch: list[tuple[Any, ...]] = []
        for row in _product_rows(count, seed):
            batch.append(row)
            if len(batch) >= BATCH:
                conn.executemany(sql, batch)
                batch.clear()
        if batch:
            conn.executemany(sql, batch)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--catalog", type=Path, help="reuse (or create) this catalog file")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="sellerdesk-bench-"))
    target = args.catalog or folder / f"bench-{args.rows}.sqlite3"
    if not target.exists():
        began = time.perf_counter()
        build_big_catalog(target, args.rows)
        print(f"built {args.rows:,} products in {time.perf_counter() - began:.1f} s: {target}")
    print(json.dumps({"catalog": str(target)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
