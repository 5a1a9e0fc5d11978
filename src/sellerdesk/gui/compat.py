"""Work-arounds for defects in the Qt bindings, applied once when the GUI package loads.

PySide6 6.12 (abi3 wheels) returns ``None`` from void methods, and converts a ``None`` that a
Python override returns, without taking a reference. On Python 3.12+ ``None`` is immortal and
nothing happens; on Python 3.11 every such call lowers ``None``'s reference count by one until
the interpreter aborts with "Fatal Python error: none_dealloc" (in practice after some minutes
of scrolling, or seconds on a million-product catalog). We give ``None`` a reference count no
process can exhaust, which is what Python 3.12 does for every immortal object.
"""

from __future__ import annotations

import ctypes
import sys

#: Far more than any session can drop, far below the Py_ssize_t limit.
NONE_RESERVE = 1 << 60


def protect_none_refcount() -> bool:
    """Make ``None`` effectively immortal on Python < 3.12; True if anything was done."""
    if sys.version_info >= (3, 12):
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value >= NONE_RESERVE // 2:
        return False
    refcount.value += NONE_RESERVE
    return True
