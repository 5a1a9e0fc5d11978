"""GUI benchmark: open a big catalog to the first painted screen, then jump to row 900,000."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
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
    from sellerdesk.core.taxonomy import Taxonomy
    from sellerdesk.demo.vocabulary import load_vocabulary
    from sellerdesk.resources import default_taxonomy_path

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


# ------------------------------------------------------------------ measuring
def _wait(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    """Run the Qt event loop (idle like a real session, not busy-polling) until ``condition``."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(2)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start()
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError("the GUI did not get there in time")


def run(catalog_path: Path) -> dict[str, float]:
    """Open ``catalog_path`` in the main window offscreen; time first paint and a deep jump."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from sellerdesk.app import build_context
    from sellerdesk.config.paths import AppPaths
    from sellerdesk.gui.columns import COLUMN_INDEX
    from sellerdesk.gui.main_window import MainWindow
    from sellerdesk.gui.theme import LIGHT, apply_theme

    app = QApplication.instance() or QApplication(["bench_gui"])
    assert isinstance(app, QApplication)
    apply_theme(app, LIGHT)
    scratch = Path(tempfile.mkdtemp(prefix="sellerdesk-bench-home-"))
    settings = QSettings(str(scratch / "window.ini"), QSettings.Format.IniFormat)

    began = time.perf_counter()
    ctx = build_context(str(catalog_path), AppPaths.under(scratch), auto_backup=False)
    opened = time.perf_counter()
    marks: dict[str, float] = {}
    window = MainWindow(ctx, settings=settings, persist=False)
    table, model = window.table, window.model

    def on_paint() -> None:
        if "first_paint" not in marks and model.rowCount() and table.visible_rows_loaded():
            marks["first_paint"] = time.perf_counter()

    table.painted.connect(on_paint)
    window.resize(1400, 860)
    window.show()
    _wait(lambda: "first_paint" in marks)
    _wait(lambda: model.complete and not model.loading)
    complete = time.perf_counter()
    rows = model.rowCount()

    def jump(row: int) -> float:
        marks.pop("jump", None)

        def on_jump_paint() -> None:
            if "jump" not in marks and table.rowAt(0) >= row - 1 and table.visible_rows_loaded():
                marks["jump"] = time.perf_counter()

        table.painted.connect(on_jump_paint)
        start = time.perf_counter()
        table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        _wait(lambda: "jump" in marks)
        table.painted.disconnect(on_jump_paint)
        return (marks["jump"] - start) * 1000

    target = min(JUMP_ROW, max(rows - 100, 0))
    first_jump = jump(target)
    others = sorted(jump(int(rows * f)) for f in (0.1, 0.3, 0.5, 0.7, 0.95))
    reset_seen: list[bool] = []
    model.modelReset.connect(lambda: reset_seen.append(True))

    def on_sorted_paint() -> None:
        if "sorted" not in marks and reset_seen and table.visible_rows_loaded():
            marks["sorted"] = time.perf_counter()

    table.painted.connect(on_sorted_paint)
    table.scrollToTop()
    sort_started = time.perf_counter()
    table.sortByColumn(COLUMN_INDEX["price"], Qt.SortOrder.AscendingOrder)
    _wait(lambda: "sorted" in marks and model.complete and not model.loading)
    sorted_done = time.perf_counter()
    window.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "rows": float(rows),
        "open_catalog_ms": (opened - began) * 1000,
        "first_paint_ms": (marks["first_paint"] - opened) * 1000,
        "all_ids_loaded_ms": (complete - opened) * 1000,
        "jump_row": float(target),
        "jump_ms": first_jump,
        "jump_median_ms": others[len(others) // 2],
        "rows_cached_after_jumps": float(model.cached_rows()),
        "sort_by_price_first_screen_ms": (marks["sorted"] - sort_started) * 1000,
        "sort_by_price_all_ids_ms": (sorted_done - sort_started) * 1000,
    }


def default_catalog(rows: int) -> Path:
    """A reusable benchmark catalog in the temp folder (building 1M rows takes a minute)."""
    return Path(tempfile.gettempdir()) / "sellerdesk-bench" / f"bench-{rows}.sqlite3"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--catalog", type=Path, help="catalog file to use (created with --rows if missing)"
    )
    args = parser.parse_args(argv)
    target = args.catalog or default_catalog(args.rows)
    if not target.exists():
        began = time.perf_counter()
        build_big_catalog(target, args.rows)
        print(f"built {args.rows:,} products in {time.perf_counter() - began:.1f} s: {target}")
    results = run(target)
    print(json.dumps({k: round(v, 1) for k, v in results.items()}, indent=2))
    verdicts = (
        ("first paint", results["first_paint_ms"], FIRST_PAINT_TARGET_MS),
        (f"jump to row {int(results['jump_row']):,}", results["jump_ms"], JUMP_TARGET_MS),
    )
    for label, value, limit in verdicts:
        status = "OK" if value < limit else "SLOW"
        print(f"{label}: {value:.1f} ms (target < {limit:.0f} ms) {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
