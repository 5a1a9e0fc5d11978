"""Feed benchmarks: check 100k products against every channel; export a 100k-product Google
TSV against pandas ``to_csv`` of the very same columns and values (the floor)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

VALIDATE_TARGET_S = 5.0
EXPORT_TARGET_RATIO = 1.5


def bench(rows: int = 100_000) -> list[dict[str, Any]]:
    import pandas as pd

    from benchmarks.catalogs import DATA, cached_catalog
    from sellerdesk.core.taxonomy import SharedTaxonomy
    from sellerdesk.db.database import Database
    from sellerdesk.resources import default_taxonomy_path
    from sellerdesk.services.feeds import FeedService
    from sellerdesk.services.readiness_workers import CheckWorkers

    source = cached_catalog(rows)
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        work = Path(tmp)
        catalog = work / "catalog.sqlite3"
        shutil.copyfile(source, catalog)
        db = Database.connect(catalog)
        try:
            # wired as the app's composition root wires it: worker processes on every core
            workers = CheckWorkers.for_machine(db, default_taxonomy_path())
            feeds = FeedService(db, SharedTaxonomy(default_taxonomy_path()).get, workers)
            keys = [channel.key for channel in feeds.channels]
            feeds.configure(
                "google", enabled=True, settings={"product_url": "https://shop.example/p/{sku}"}
            )
            started = time.perf_counter()
            checked = 0
            blocked = 0
            for result in feeds.readiness(None, keys):
                checked += 1
                blocked += any(state.value == "blocked" for state in result.states.values())
            validate_s = time.perf_counter() - started

            target = work / "google.tsv"
            started = time.perf_counter()
            exported = feeds.export("google", target, fmt="tsv")
            export_s = time.perf_counter() - started
            frame = pd.read_csv(target, sep="\t", dtype=str, keep_default_na=False)
            floor_target = work / "floor.tsv"
            started = time.perf_counter()
            frame.to_csv(floor_target, sep="\t", index=False)
            floor_s = time.perf_counter() - started
        finally:
            db.dispose()
    return [
        {
            "name": "validate_100k_all_channels",
            "products": checked,
            "channels": len(keys),
            "worker_processes": workers.processes if workers else 1,
            "value_s": round(validate_s, 2),
            "target_s": VALIDATE_TARGET_S,
            "meets_target": validate_s < VALIDATE_TARGET_S,
            "products_blocked_somewhere": blocked,
        },
        {
            "name": "export_google_tsv_100k",
            "items": exported.written,
            "value_s": round(export_s, 3),
            "floor_pandas_to_csv_s": round(floor_s, 3),
            "ratio": round(export_s / floor_s, 2),
            "target_ratio": EXPORT_TARGET_RATIO,
            "meets_target": export_s / floor_s <= EXPORT_TARGET_RATIO,
        },
    ]


if __name__ == "__main__":
    import json

    for result in bench():
        print(json.dumps(result))
