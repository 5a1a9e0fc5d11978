"""Pausing Python's cyclic garbage collector around bulk work that allocates millions of objects.

Every few hundred new containers the collector runs, and its full passes walk every live
object; a 100k-product write spends about a third of its Python time there. Reference
counting still frees almost everything; the collector catches up when the pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Nestable: only the pause that turned the collector off turns it back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def no_full_gc(young: int = 50_000) -> Iterator[None]:
    """Keep collecting young objects (so short-lived reference cycles are still freed) but never
    run a full pass over every live object, which holds the GIL for half a second and freezes
    the window during a long import."""
    previous = gc.get_threshold()
    gc.set_threshold(young, previous[1], 1_000_000_000)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
