"""Work-arounds applied once when the GUI package loads: Qt-binding defects, GIL hand-off.

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
    """Make ``None``, ``True`` and ``False`` effectively immortal on Python < 3.12 (``Signal.emit``
    returns a bool the same way, without a reference); True if anything was done."""
    if sys.version_info >= (3, 12):
        return False
    done = False
    for immortal in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(immortal))
        if refcount.value < NONE_RESERVE // 2:
            refcount.value += NONE_RESERVE
            done = True
    return done


#: How long a background thread may keep the GIL while the GUI thread waits for it.
GUI_SWITCH_INTERVAL = 0.001


def keep_gui_responsive() -> bool:
    """Let the GUI thread have the GIL within ~1 ms instead of Python's default 5 ms.

    Each call from Qt into Python (a paint asking the model for cell text, a timer, a progress
    update) must take the GIL. While a background task runs Python code, every one of those
    calls waited up to 5 ms, and a single repaint makes hundreds of them: the window stalled for
    half a second at a time during an import. At 1 ms the longest stall during a 100k-row import
    is under 40 ms, and the import itself is no slower (``make bench``).
    """
    if sys.getswitchinterval() <= GUI_SWITCH_INTERVAL:
        return False
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    return True
