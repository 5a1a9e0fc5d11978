"""Import benchmarks: a generated messy CSV end to end against pandas + executemany, preview
latency on a 1M-row file, and the peak memory of importing that 1M-row file."""

from __future__ import annotations

import csv
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sellerdesk.core.gtin import with_check_digit
from sellerdesk.db.database import Database
from sellerdesk.db.opening import open_catalog
from sellerdesk.importers.pipeline import StreamState, inspect, stream
from sellerdesk.services.importing import ImportService

DATA = Path(__file__).with_name("data")
HEADERS = [
    "SKU",
    "Product Name",
    "Brand",
    "Barcode",
    "Price",
    "Cost",
    "Qty",
    "Description",
    "Weight",
]
BRANDS = ["Acme", "Sonix", "Homely", "Eisenwerk Süd", "Müller & Söhne", "Kitchen Pro"]
NOUNS = ["Water Bottle", "Cutting Board", "Chef Knife", "Dutch Oven", "Phone Stand", "Smart Plug"]


def _gtin(rng: random.Random) -> str:
    body = "0" + "".join(rng.choice("0123456789") for _ in range(10))
    code = with_check_digit(body)  # 12-digit UPC with a leading zero
    style = rng.random()
    if style < 0.25:
        return code[1:]  # the spreadsheet dropped the leading zero
    if style < 0.4:
        return f"{code[0]}-{code[1:6]}-{code[6:11]}-{code[11]}"
    if style < 0.45:
        return ""
    if style < 0.47:
        return code[:-1] + str((int(code[-1]) + 1) % 10)  # wrong check digit
    return code


def write_messy_csv(path: Path, rows: int, seed: int = 5) -> None:
    """$-prices, mixed GTIN forms, ~1% duplicate SKUs, HTML descriptions, units on weights."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i in range(rows):
            sku_number = i if rng.random() > 0.01 else max(0, i - rng.randint(1, 50))
            noun = rng.choice(NOUNS)
            price = rng.randint(199, 99_999) / 100
            writer.writerow(
                [
                    f"SKU-{sku_number:07d}",
                    f"  {rng.choice(BRANDS)} {noun} {rng.randint(1, 999)}  ",
                    rng.choice(BRANDS),
                    _gtin(rng),
                    f"${price:,.2f}" if rng.random() < 0.8 else f"{price:.2f}",
                    f"${price / 2.2:,.2f}",
                    str(rng.randint(0, 500)) if rng.random() > 0.02 else "n/a",
                    f"<p>The {noun.lower()} you need.</p><ul><li>Durable</li>"
                    f"<li>{rng.randint(1, 5)} year warranty</li></ul>",
                    f"{rng.randint(1, 90) / 10} lb",
                ]
            )


def _fresh_catalog(directory: Path) -> Database:
    return open_catalog(directory / "catalog.sqlite3", directory / "backups", auto_backup=False).db


def floor_seconds(path: Path, directory: Path) -> float:
    """pandas.read_csv plus a raw sqlite3 executemany of the same rows, durably committed."""
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    target = directory / f"floor-{time.monotonic_ns()}.sqlite3"
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    columns = ", ".join(f"c{i} TEXT" for i in range(len(frame.columns)))
    conn.execute(f"CREATE TABLE rows ({columns})")
    marks = ", ".join("?" * len(frame.columns))
    with conn:
        conn.executemany(f"INSERT INTO rows VALUES ({marks})", frame.itertuples(index=False))
    conn.close()
    return time.perf_counter() - started


def import_seconds(path: Path, directory: Path) -> tuple[float, dict[str, int]]:
    db = _fresh_catalog(directory)
    try:
        started = time.perf_counter()
        report = ImportService(db).commit(path)
        return time.perf_counter() - started, report.counts
    finally:
        db.dispose()


def bench_import(rows: int = 100_000, repeats: int = 3) -> dict[str, Any]:
    DATA.mkdir(parents=True, exist_ok=True)
    source = DATA / f"messy-{rows}.csv"
    if not source.exists():
        write_messy_csv(source, rows)
    floors: list[float] = []
    imports: list[float] = []
    counts: dict[str, int] = {}
    for attempt in range(repeats):
        with tempfile.TemporaryDirectory(dir=DATA) as tmp:
            floors.append(floor_seconds(source, Path(tmp)))
        with tempfile.TemporaryDirectory(dir=DATA) as tmp:
            seconds, counts = import_seconds(source, Path(tmp))
            imports.append(seconds)
        print(f"  import attempt {attempt + 1}: {imports[-1]:.2f} s, floor {floors[-1]:.2f} s")
    floor, ours = statistics.median(floors), statistics.median(imports)
    cleaning = clean_only_seconds(source)
    return {
        "name": "import_messy_csv_100k",
        "rows": rows,
        "floor_pandas_plus_executemany_s": round(floor, 3),
        "import_s": round(ours, 3),
        "ratio": round(ours / floor, 2),
        "target_ratio": 3.0,
        "reading_and_cleaning_only_s": round(cleaning, 3),
        "writing_share_ratio": round((ours - cleaning) / floor, 2),
        "counts": counts,
    }


def clean_only_seconds(path: Path) -> float:
    """The same file read, cleaned, assembled and validated, with nothing written."""
    started = time.perf_counter()
    inspection = inspect(path)
    for _chunk in stream(inspection, StreamState(), chunk_rows=10_000):
        pass
    return time.perf_counter() - started


def bench_big_file(rows: int = 1_000_000) -> dict[str, Any]:
    """Preview latency and the import's peak memory on a 1M-row file (import in a child)."""
    DATA.mkdir(parents=True, exist_ok=True)
    source = DATA / f"messy-{rows}.csv"
    if not source.exists():
        write_messy_csv(source, rows, seed=9)
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        db = _fresh_catalog(Path(tmp))
        try:
            service = ImportService(db)
            timings = []
            for _ in range(3):
                started = time.perf_counter()
                preview = service.preview(source)
                timings.append(time.perf_counter() - started)
        finally:
            db.dispose()
        child = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_import", "child", str(source), tmp],
            capture_output=True,
            text=True,
            check=True,
        )
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    return {
        "name": "import_1m_rows",
        "rows": rows,
        "file_mb": round(source.stat().st_size / 1e6, 1),
        "preview_s": round(statistics.median(timings), 3),
        "preview_target_s": 2.0,
        "preview_estimated_rows": preview.estimated_rows,
        "import_s": measured["seconds"],
        "peak_rss_mb": measured["peak_rss_mb"],
        "memory_target_mb": 1536,
        "counts": measured["counts"],
    }


def _child(source: str, directory: str) -> None:
    seconds, counts = import_seconds(Path(source), Path(directory))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {"seconds": round(seconds, 1), "peak_rss_mb": round(peak_kb / 1024), "counts": counts}
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        _child(sys.argv[2], sys.argv[3])
