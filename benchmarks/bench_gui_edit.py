"""GUI benchmark: an inline edit on a 1M-product catalog, from setData to the repainted cell.

Each edit goes through the table model exactly as the title delegate commits it; the clock
stops when the view has painted with the new text on screen. The write itself runs in the
task runner afterwards (its time is reported too), and every edit is undone at the end.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

EDIT_TARGET_MS = 30.0
EDITS = 30


def run(catalog_path: Path, home: Path) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    from sellerdesk.app import build_context
    from sellerdesk.config.paths import AppPaths
    from sellerdesk.gui.columns import COLUMN_INDEX
    from sellerdesk.gui.main_window import MainWindow
    from sellerdesk.gui.screenshot import wait_until_settled

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = build_context(str(catalog_path), AppPaths.under(home), auto_backup=False)
    window = MainWindow(ctx, persist=False)
    window.resize(1400, 860)
    window.show()
    wait_until_settled(window)
    model, view = window.model, window.table
    painted: list[float] = []
    view.painted.connect(lambda: painted.append(time.perf_counter()))
    column = COLUMN_INDEX["title"]
    repaint_ms: list[float] = []
    save_ms: list[float] = []
    batches = 0
    for n in range(EDITS):
        index = model.index(n % 20, column)
        text = f"Edited title {n} – benchmark"
        painted.clear()
        started = time.perf_counter()
        model.setData(index, text, Qt.ItemDataRole.EditRole)
        while not (painted and model.data(index) == text):
            QCoreApplication.processEvents()
        repaint_ms.append((painted[-1] - started) * 1000)
        while model.saving:
            QCoreApplication.processEvents()
            time.sleep(0.0005)
        save_ms.append((time.perf_counter() - started) * 1000)
        batches += 1
    for _ in range(batches):
        ctx.catalog.undo()
    result = {
        "name": "gui_inline_edit_repaint_1m",
        "products": ctx.catalog.count(),
        "edits": EDITS,
        "median_edit_to_repaint_ms": round(statistics.median(repaint_ms), 2),
        "p90_edit_to_repaint_ms": round(statistics.quantiles(repaint_ms, n=10)[8], 2),
        "median_edit_saved_ms": round(statistics.median(save_ms), 1),
        "target_ms": EDIT_TARGET_MS,
    }
    window.shutdown()
    window.deleteLater()
    app.processEvents()
    return result


def bench(rows: int = 1_000_000) -> dict[str, Any]:
    import tempfile

    from benchmarks.catalogs import DATA, cached_catalog

    catalog = cached_catalog(rows)
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        return run(catalog, Path(tmp))


if __name__ == "__main__":
    import json

    print(json.dumps(bench(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)))
