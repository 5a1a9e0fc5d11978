"""Whole-catalog readiness on worker processes gives exactly what one process gives: same
products, same order, same states and problems, families split across id ranges included."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

import pytest

from sellerdesk.app import AppContext
from sellerdesk.channels.model import Readiness
from sellerdesk.core.errors import NotFoundError
from sellerdesk.resources import default_taxonomy_path
from sellerdesk.services.channel_products import product_id_ranges
from sellerdesk.services.feeds import FeedService, ProductReadiness
from sellerdesk.services.readiness_workers import CheckWorkers

SHOP = "https://kilnandco.example/products/{sku}"


def _catalog(ctx: AppContext) -> None:
    rows: list[dict[str, object]] = []
    for number in range(1, 31):
        rows.append(
            {
                "sku": f"MUG-{number}",
                "title": f"Stoneware Mug {number} oz" if number % 4 else "",
                "brand": "Kiln & Co" if number % 3 else None,
                "gtin": "012345678905" if number % 2 else None,
                "price": f"{number}.50" if number % 5 else None,
                "stock": number % 7,
                "category_id": 2169,
                "description": "Wheel-thrown stoneware.",
                "images": [{"uri": f"https://cdn.example/{number}.jpg"}] if number % 6 else [],
            }
        )
    ctx.catalog.create_many(rows)
    variants = [
        {
            "sku": f"MUG-{parent}-{color}",
            "parent_sku": f"MUG-{parent}",
            "price": "20.00",
            "attributes": {"color": color} if color != "plain" else {},
        }
        for parent in (4, 17)
        for color in ("sage", "blue", "plain")
    ]
    ctx.catalog.create_many(variants)


def _workers(ctx: AppContext, range_size: int) -> CheckWorkers:
    found = CheckWorkers.for_machine(ctx.db, default_taxonomy_path())
    url = ctx.db.engine.url.render_as_string(hide_password=False)
    base = found or CheckWorkers(url, default_taxonomy_path(), 2)
    return replace(base, processes=2, min_products=1, range_size=range_size)


def _as_data(results: list[ProductReadiness]) -> list[tuple[object, ...]]:
    return [(r.product_id, r.sku, r.states, [p.to_json() for p in r.problems]) for r in results]


def test_workers_give_what_one_process_gives(ctx: AppContext) -> None:
    _catalog(ctx)
    ctx.feeds.configure("google", enabled=True, settings={"product_url": SHOP})
    keys = [channel.key for channel in ctx.feeds.channels]
    here = list(FeedService(ctx.db, ctx.taxonomy.get).readiness(None, keys))
    # ranges of 7 products cut both families between ranges
    ranges = product_id_ranges(ctx.db, 7)
    assert len(ranges) == 6
    progress: list[tuple[int, int]] = []
    spread = FeedService(ctx.db, ctx.taxonomy.get, _workers(ctx, 7))
    there = list(spread.readiness(None, keys, lambda done, total: progress.append((done, total))))
    assert len(here) == 36
    assert _as_data(there) == _as_data(here)
    assert progress[-1] == (36, 36) and len(progress) == 6
    blocked = {r.sku for r in there if r.states["google"] is Readiness.BLOCKED}
    assert "MUG-5" in blocked and "MUG-1" not in blocked  # no price / all fine
    etsy_family = {
        p.code for p in next(r for r in there if r.sku == "MUG-4").problems if p.channel == "etsy"
    }
    assert etsy_family  # the family rules ran on the parent with its variants


def test_small_catalogs_and_chosen_products_stay_in_this_process(ctx: AppContext) -> None:
    _catalog(ctx)
    workers = replace(_workers(ctx, 7), min_products=1_000)
    feeds = FeedService(ctx.db, ctx.taxonomy.get, workers)
    # a bad address would fail in a worker: these never start one
    feeds._workers = replace(workers, database_url="sqlite:////nonexistent/dir/x.sqlite3")
    assert len(list(feeds.readiness(None, ["google"]))) == 36
    ids = ctx.catalog.ids_of(["MUG-1", "MUG-2"])
    feeds._workers = replace(workers, min_products=1, database_url="sqlite:////nonexistent/x")
    assert [r.sku for r in feeds.readiness(ids, ["google"])] == ["MUG-1", "MUG-2"]


class _NoProcesses(CheckWorkers):
    def check(self, db: object, states: object, ranges: object) -> object:  # type: ignore[override]
        raise BrokenProcessPool("this machine can't start processes")


def test_when_processes_cannot_start_the_check_runs_here(ctx: AppContext) -> None:
    _catalog(ctx)
    base = _workers(ctx, 7)
    workers = _NoProcesses(base.database_url, base.taxonomy_path, 2, 1, 7)
    found = list(FeedService(ctx.db, ctx.taxonomy.get, workers).readiness(None, ["google"]))
    assert len(found) == 36 and found[0].sku == "MUG-1"


def test_a_worker_error_reaches_the_caller(ctx: AppContext) -> None:
    _catalog(ctx)
    broken = replace(_workers(ctx, 7), database_url="sqlite:////nonexistent/dir/x.sqlite3")
    feeds = FeedService(ctx.db, ctx.taxonomy.get, broken)
    with pytest.raises(NotFoundError, match="is gone"):
        list(feeds.readiness(None, ["google"]))
