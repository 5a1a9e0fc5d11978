"""Whole-catalog readiness on several processes. Checking 100k products against nine channels is
seconds of pure Python work, so the catalog is cut into id ranges: this process checks ranges from
the front while worker processes (each opening the catalog and the taxonomy itself) take them from
the back, and the results are handed out in id order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy.engine import make_url

from sellerdesk.channels.model import ChannelSettings, FeedChannel
from sellerdesk.channels.registry import channel_named, feed_channels
from sellerdesk.core.errors import NotFoundError
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.db.database import Database
from sellerdesk.services.channel_products import families_of, iter_all_products
from sellerdesk.services.gc_pause import paused_gc
from sellerdesk.services.readiness import (
    ChannelState,
    ProductReadiness,
    check_products,
    has_family_rules,
)

MAX_PROCESSES = 8

#: (channel key, settings) of each channel to check: what a worker needs to rebuild the states
StatesSpec = tuple[tuple[str, dict[str, str]], ...]


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows
        return os.cpu_count() or 1


@dataclass(frozen=True)
class CheckWorkers:
    """Where worker processes find the catalog and the taxonomy, and how many to start."""

    database_url: str
    taxonomy_path: Path
    processes: int
    #: below this many products, one process is quicker than starting workers
    min_products: int = 20_000
    #: products per task: small enough to share the work evenly, big enough to keep it cheap
    range_size: int = 2_500

    @classmethod
    def for_machine(cls, db: Database, taxonomy_path: Path) -> CheckWorkers | None:
        """Workers for this machine's cores, or None on a single core."""
        processes = min(usable_cores(), MAX_PROCESSES)
        if processes < 2:
            return None
        url = db.engine.url.render_as_string(hide_password=False)
        return cls(url, taxonomy_path, processes)

    def check(
        self, db: Database, states: Sequence[ChannelState], ranges: Sequence[tuple[int, int]]
    ) -> Iterator[list[ProductReadiness]]:
        """Results of each id range, in order. This process checks ranges from the front while
        ``processes - 1`` workers take them from the back (so nothing waits for the workers to
        start, and no core is left idle); leaving early cancels the ranges not started."""
        spec: StatesSpec = tuple(
            (state.channel.key, dict(state.settings.values)) for state in states
        )
        workers = max(1, min(self.processes - 1, len(ranges) - 1))
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            taken: dict[int, Future[list[ProductReadiness]]] = {}
            front, back = 0, len(ranges)

            def hand_out() -> None:
                """Keep two ranges queued per worker, taken from the back."""
                nonlocal back
                waiting = sum(1 for future in taken.values() if not future.done())
                while back > front + 1 and waiting < 2 * workers:
                    back -= 1
                    first, last = ranges[back]
                    taken[back] = pool.submit(
                        check_range, self.database_url, str(self.taxonomy_path), spec, first, last
                    )
                    waiting += 1

            try:
                hand_out()
                while front < back:
                    first, last = ranges[front]
                    front += 1
                    yield check_range_with(db, states, first, last)
                    hand_out()
                for index in range(front, len(ranges)):
                    yield taken[index].result()
            finally:
                for future in taken.values():
                    future.cancel()


@lru_cache(maxsize=2)
def _opened(database_url: str, taxonomy_path: str) -> tuple[Database, tuple[FeedChannel, ...]]:
    """A worker's catalog and channels, opened by its first task and kept for the others."""
    url = make_url(database_url)
    file = url.database
    if url.get_backend_name() == "sqlite" and file and not Path(file).exists():
        # connecting would create an empty catalog in its place
        raise NotFoundError(f"the catalog {file} is gone", "Open it again from File ▸ Open.")
    return Database.connect(database_url), feed_channels(Taxonomy.from_file(Path(taxonomy_path)))


def check_range(
    database_url: str, taxonomy_path: str, spec: StatesSpec, first: int, last: int
) -> list[ProductReadiness]:
    """In a worker: the readiness of products with ids from ``first`` to ``last``."""
    db, channels = _opened(database_url, taxonomy_path)
    states = [
        ChannelState(channel_named(channels, key), True, ChannelSettings(values))
        for key, values in spec
    ]
    return check_range_with(db, states, first, last)


def check_range_with(
    db: Database, states: Sequence[ChannelState], first: int, last: int
) -> list[ProductReadiness]:
    """The readiness of products with ids from ``first`` to ``last``."""
    with_families = has_family_rules(states)
    found: list[ProductReadiness] = []
    with paused_gc():  # the results pile up; collector passes over them found nothing to free
        for chunk in iter_all_products(db, id_range=(first, last)):
            families = families_of(db, chunk) if with_families else None
            found.extend(check_products(chunk, states, families))
    return found
