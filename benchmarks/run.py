"""`make bench`: run every benchmark, print figures beside floors, write results/latest.json."""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("results") / "latest.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="size of the big catalog")
    everything = [
        "insert",
        "search",
        "gui",
        "export",
        "import",
        "import-1m",
        "gui-import",
        "gui-edit",
        "feeds",
    ]
    parser.add_argument("--only", choices=everything, nargs="*")
    args = parser.parse_args(argv)
    chosen = set(args.only or everything)
    from benchmarks import bench_catalog

    results: list[dict[str, Any]] = []
    if "insert" in chosen:
        results.append(bench_catalog.bench_insert())
        _show(results[-1])
    if "search" in chosen:
        results.append(bench_catalog.bench_search(args.rows))
        _show(results[-1])
    if "gui" in chosen:
        from benchmarks import bench_gui
        from benchmarks.catalogs import cached_catalog

        gui = bench_gui.run(cached_catalog(args.rows))
        results.append({"name": "gui_open_and_jump", **gui})
        _show(results[-1])
    if "export" in chosen:
        results.append(bench_catalog.bench_export())
        _show(results[-1])
    if "import" in chosen:
        from benchmarks import bench_import

        results.append(bench_import.bench_import())
        _show(results[-1])
    if "import-1m" in chosen:
        from benchmarks import bench_import

        results.append(bench_import.bench_big_file())
        _show(results[-1])
    if "gui-edit" in chosen:
        from benchmarks import bench_gui_edit

        results.append(bench_gui_edit.bench(args.rows))
        _show(results[-1])
    if "feeds" in chosen:
        from benchmarks import bench_feeds

        for result in bench_feeds.bench():
            results.append(result)
            _show(result)
    if "gui-import" in chosen:
        from benchmarks import bench_gui_import

        results.append(bench_gui_import.bench())
        _show(results[-1])
    previous: list[dict[str, Any]] = []
    if RESULTS.exists():
        previous = json.loads(RESULTS.read_text()).get("results", [])
    fresh = {r["name"] for r in results}
    results = [*(r for r in previous if r["name"] not in fresh), *results]
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "machine": platform.platform(),
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written {RESULTS}")
    return 0


def _show(result: dict[str, Any]) -> None:
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
