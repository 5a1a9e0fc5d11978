"""Feed channels for one catalog: which are enabled and their settings (kept in the catalog's
``channels`` table), readiness of products for each, and feed exports written atomically."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select, update

from sellerdesk.channels.common import chosen_format
from sellerdesk.channels.google import GoogleChannel
from sellerdesk.channels.model import (
    ERROR,
    ChannelProduct,
    ChannelSettings,
    ExportResult,
    FeedChannel,
    Readiness,
)
from sellerdesk.channels.registry import channel_named, feed_channels
from sellerdesk.core.atomic_files import atomic_path
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.db.database import Database
from sellerdesk.db.models import Channel
from sellerdesk.db.types import utcnow
from sellerdesk.services.channel_products import (
    count_products,
    families_of,
    iter_all_products,
    iter_products,
    product_id_ranges,
)
from sellerdesk.services.gc_pause import paused_gc
from sellerdesk.services.google_tsv_sql import can_render, write_google_tsv
from sellerdesk.services.readiness import (
    ChannelState,
    ProductReadiness,
    check_products,
    has_family_rules,
)
from sellerdesk.services.readiness_workers import CheckWorkers

__all__ = ["ChannelState", "FeedService", "ProductReadiness"]

log = logging.getLogger(__name__)

channels_table: Table = Channel.__table__  # type: ignore[assignment]

FEED_KIND = "feed"
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class FeedService:
    """Qt-free use cases of feed channels over one catalog database."""

    def __init__(
        self,
        db: Database,
        taxonomy_loader: Callable[[], Taxonomy],
        workers: CheckWorkers | None = None,
    ) -> None:
        """``workers``: processes that check whole catalogs (None: all on this thread)."""
        self.db = db
        self._taxonomy_loader = taxonomy_loader
        self._workers = workers
        #: SQL-rendered exports where there is one (off: every line built in Python)
        self.fast_paths = True
        self._channels: tuple[FeedChannel, ...] | None = None

    @property
    def channels(self) -> tuple[FeedChannel, ...]:
        if self._channels is None:
            self._channels = feed_channels(self._taxonomy_loader())
        return self._channels

    def channel(self, key: str) -> FeedChannel:
        return channel_named(self.channels, key)

    # -------------------------------------------------------------------- settings
    def states(self) -> list[ChannelState]:
        with self.db.read() as conn:
            rows = {
                row["key"]: row
                for row in conn.execute(
                    select(channels_table).where(channels_table.c.kind == FEED_KIND)
                ).mappings()
            }
        result: list[ChannelState] = []
        for channel in self.channels:
            row = rows.get(channel.key)
            stored = dict(row["settings"] or {}) if row is not None else {}
            defaults = {spec.key: spec.default for spec in channel.settings if spec.default}
            result.append(
                ChannelState(
                    channel,
                    bool(row["enabled"]) if row is not None else False,
                    ChannelSettings({**defaults, **stored}),
                )
            )
        return result

    def state(self, key: str) -> ChannelState:
        channel = self.channel(key)
        return next(s for s in self.states() if s.channel is channel)

    def enabled(self) -> list[ChannelState]:
        return [state for state in self.states() if state.enabled]

    def configure(
        self, key: str, *, enabled: bool | None = None, settings: dict[str, str] | None = None
    ) -> ChannelState:
        """Enable/disable a channel and change some of its settings (others are kept)."""
        channel = self.channel(key)
        known = {spec.key: spec for spec in channel.settings}
        for name, value in (settings or {}).items():
            spec = known.get(name)
            if spec is None:
                raise InvalidValueError(
                    f"{channel.label} has no setting {name!r}",
                    f"Its settings: {', '.join(known) or 'none'}.",
                )
            if spec.choices and value and value not in spec.choices:
                raise InvalidValueError(
                    f"{spec.label} must be one of: {', '.join(spec.choices)} (got {value!r})"
                )
        with self.db.write() as conn:
            row = (
                conn.execute(select(channels_table).where(channels_table.c.key == key))
                .mappings()
                .first()
            )
            current = dict(row["settings"] or {}) if row is not None else {}
            current.update({k: v.strip() for k, v in (settings or {}).items()})
            current = {k: v for k, v in current.items() if v != ""}
            if row is None:
                conn.execute(
                    insert(channels_table).values(
                        key=key,
                        kind=FEED_KIND,
                        name=channel.label,
                        enabled=bool(enabled),
                        settings=current,
                        created_at=utcnow(),
                    )
                )
            else:
                values: dict[str, Any] = {"settings": current}
                if enabled is not None:
                    values["enabled"] = enabled
                conn.execute(
                    update(channels_table).where(channels_table.c.key == key).values(**values)
                )
        return self.state(key)

    # ------------------------------------------------------------------- readiness
    def readiness(
        self,
        ids: Sequence[int] | None = None,
        channels: Sequence[str | ChannelState] | None = None,
        progress: Progress | None = None,
    ) -> Iterator[ProductReadiness]:
        """Readiness of products (every product when ``ids`` is None) for the given channels,
        by key or as states already read (the enabled ones when None), streamed in chunks. A
        whole catalog big enough is checked by the worker processes."""
        states = self._states_for(channels)
        total = len(ids) if ids is not None else count_products(self.db)
        workers = self._workers
        if ids is None and workers is not None and total >= workers.min_products:
            yield from self._readiness_in_workers(workers, states, total, progress)
        else:
            yield from self._readiness_here(ids, states, total, progress)

    def _readiness_here(
        self,
        ids: Sequence[int] | None,
        states: Sequence[ChannelState],
        total: int,
        progress: Progress | None,
    ) -> Iterator[ProductReadiness]:
        done = 0
        with_families = has_family_rules(states)
        chunks = iter_all_products(self.db) if ids is None else iter_products(self.db, ids)
        for chunk in chunks:
            families = families_of(self.db, chunk) if with_families else None
            yield from check_products(chunk, states, families)
            done += len(chunk)
            if progress is not None:
                progress(done, total)

    def _readiness_in_workers(
        self,
        workers: CheckWorkers,
        states: Sequence[ChannelState],
        total: int,
        progress: Progress | None,
    ) -> Iterator[ProductReadiness]:
        done = 0
        ranges = product_id_ranges(self.db, workers.range_size)
        try:
            # Each range's results are unpickled in one go; collector passes over them (and
            # over everything else this process holds) took a third of the time.
            with paused_gc():
                for found in workers.check(self.db, states, ranges):
                    yield from found
                    done += len(found)
                    if progress is not None:
                        progress(done, total)
        except (BrokenProcessPool, OSError) as exc:
            if done:
                raise
            log.warning("worker processes unavailable (%s); checking on this one", exc)
            yield from self._readiness_here(None, states, total, progress)

    def _states_for(self, channels: Sequence[str | ChannelState] | None) -> list[ChannelState]:
        if channels is None:
            return self.enabled()
        keys = [channel for channel in channels if isinstance(channel, str)]
        by_key = {state.channel.key: state for state in self.states()} if keys else {}
        missing = [key for key in keys if key not in by_key]
        if missing:
            self.channel(missing[0])  # raises with the list of known channels
        return [by_key[c] if isinstance(c, str) else c for c in channels]

    # ---------------------------------------------------------------------- export
    def export(
        self,
        key: str,
        target: Path,
        *,
        fmt: str | None = None,
        only_ready: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportResult:
        """Write ``key``'s feed to ``target`` atomically (a temporary file in the same folder,
        then a rename); with ``only_ready``, products with errors are left out and listed."""
        state = self.state(key)
        channel = state.channel
        chosen = chosen_format(
            channel.label, channel.formats, fmt or _format_from_name(target, channel.formats)
        )
        skipped: list[tuple[str, tuple[str, ...]]] = []
        total = count_products(self.db)
        if (
            self.fast_paths
            and not only_ready
            and chosen == "tsv"
            and isinstance(channel, GoogleChannel)
            and can_render(self.db, state.settings)
        ):
            return self._export_google_tsv(
                channel, state.settings, target, total, progress, cancelled
            )
        counter = {"done": 0}

        with_families = only_ready and has_family_rules([state])

        def products() -> Iterator[ChannelProduct]:
            for chunk in iter_all_products(self.db):
                if cancelled is not None and cancelled():
                    raise InvalidValueError("The export was cancelled; no file was written.")
                if only_ready:
                    yield from self._ready(chunk, state, skipped, with_families)
                else:
                    yield from chunk
                counter["done"] += len(chunk)
                if progress is not None:
                    progress(counter["done"], total)

        with atomic_path(target) as partial:
            written = channel.write(products(), partial, state.settings, chosen)
        return ExportResult(target, written, tuple(skipped))

    def _export_google_tsv(
        self,
        channel: GoogleChannel,
        settings: ChannelSettings,
        target: Path,
        total: int,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> ExportResult:
        """The whole-catalog Google TSV, its ordinary rows rendered by SQLite."""

        def advanced(done: int) -> None:
            if progress is not None:
                progress(min(done, total), total)

        with atomic_path(target) as partial, partial.open("wb") as out:
            written, _ = write_google_tsv(self.db, channel, settings, out, advanced, cancelled)
        if progress is not None:
            progress(total, total)
        return ExportResult(target, written)

    def _ready(
        self,
        chunk: Sequence[ChannelProduct],
        state: ChannelState,
        skipped: list[tuple[str, tuple[str, ...]]],
        with_families: bool,
    ) -> Iterator[ChannelProduct]:
        """The chunk's products not blocked on ``state``'s channel (family rules included); the
        blocked ones go to ``skipped`` with their errors."""
        families = families_of(self.db, chunk) if with_families else None
        key = state.channel.key
        for product, found in zip(chunk, check_products(chunk, [state], families), strict=True):
            if found.states[key] is not Readiness.BLOCKED:
                yield product
                continue
            errors = tuple(p.message for p in found.problems if p.severity == ERROR)
            skipped.append((product.sku, errors))


def _format_from_name(target: Path, formats: Sequence[str]) -> str | None:
    name = target.name.lower()
    for fmt in sorted(formats, key=len, reverse=True):
        if name.endswith("." + fmt):
            return fmt
    return None
