"""GUI responsiveness while a 100k-row import runs: the longest gap between GUI-thread ticks.

A 5 ms QTimer records when the GUI thread gets to run while the import works in the task
runner (WRITE lane) and the window shows progress, then refreshes the table. The longest gap
between two ticks, minus the timer's own interval, is the longest stall a seller would feel.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STALL_TARGET_MS = 100.0
TICK_MS = 5


def run(source: Path, directory: Path) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from sellerdesk.app import build_context
    from sellerdesk.config.paths import AppPaths
    from sellerdesk.gui.main_window import MainWindow
    from sellerdesk.gui.ops import Op
    from sellerdesk.tasks.runner import TaskContext

    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = AppPaths.under(directory / "home")
    ctx = build_context(str(directory / "catalog.sqlite3"), paths, auto_backup=False)
    window = MainWindow(ctx, persist=False)
    window.resize(1400, 860)
    window.show()
    for _ in range(50):
        app.processEvents()
    clock = QElapsedTimer()
    clock.start()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    finished: dict[str, Any] = {}

    def work(task: TaskContext) -> Any:
        def progress(fraction: float, message: str) -> None:
            task.progress(int(fraction * 1000), 1000, message)

        return ctx.importer.commit(source, progress=progress, cancelled=task.cancelled)

    def done(report: Any) -> None:
        finished["report"] = report
        finished["at"] = clock.elapsed()
        window.refresh()

    timer.start()
    started = clock.elapsed()
    Op(window, work, bridge=window.bridge).titled("Importing").with_progress(
        "Importing…"
    ).on_success(done).run()
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if "report" in finished and window.model.loaded and not window.model.loading:
            break
        time.sleep(0.001)
    settle_end = clock.elapsed() + 500
    while clock.elapsed() < settle_end:  # the table's first screens after the refresh
        QCoreApplication.processEvents()
        time.sleep(0.001)
    timer.stop()
    gaps = [b - a - TICK_MS for a, b in itertools.pairwise(ticks)]
    worst = sorted(zip(gaps, ticks, strict=False), reverse=True)[:5]
    report = finished.get("report")
    result = {
        "name": "gui_stall_during_100k_import",
        "rows": report.counts["rows"] if report else None,
        "import_s": round((finished.get("at", clock.elapsed()) - started) / 1000, 2),
        "ticks": len(ticks),
        "longest_stall_ms": max(gaps) if gaps else None,
        "p99_stall_ms": round(statistics.quantiles(gaps, n=100)[98], 1)
        if len(gaps) > 100
        else None,
        "median_gap_ms": statistics.median(gaps) if gaps else None,
        "target_ms": STALL_TARGET_MS,
        "products_shown": window.model.rowCount(),
        "worst_stalls_at_ms": [(gap, at - started) for gap, at in worst],
        "import_finished_at_ms": finished.get("at", 0) - started,
    }
    window.shutdown()
    window.deleteLater()
    app.processEvents()
    return result


def bench(rows: int = 100_000) -> dict[str, Any]:
    from benchmarks.bench_import import DATA, write_messy_csv

    DATA.mkdir(parents=True, exist_ok=True)
    source = DATA / f"messy-{rows}.csv"
    if not source.exists():
        write_messy_csv(source, rows)
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        return run(source, Path(tmp))


if __name__ == "__main__":
    print(json.dumps(bench()))
