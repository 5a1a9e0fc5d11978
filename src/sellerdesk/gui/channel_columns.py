"""The catalog table's readiness columns: one per enabled sales channel, after the product
columns, with what each product still lacks for that channel."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from sellerdesk.channels.model import ERROR, Readiness
from sellerdesk.services.feeds import ChannelState, FeedService, ProductReadiness

log = logging.getLogger(__name__)

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class ChannelColumns:
    """Which channels are shown, and the readiness of the products read so far."""

    def __init__(self) -> None:
        self.feeds: FeedService | None = None
        self.states: list[ChannelState] = []
        self._readiness: dict[int, ProductReadiness] = {}
        self.colors = (QColor(), QColor(), QColor())  # ready, blocked, warnings

    def __len__(self) -> int:
        return len(self.states)

    @property
    def keys(self) -> list[str]:
        return [state.channel.key for state in self.states]

    def show(self, feeds: FeedService | None, states: Sequence[ChannelState]) -> None:
        self.feeds = feeds
        self.states = list(states)
        self._readiness.clear()

    def readiness(self, product_id: int) -> ProductReadiness | None:
        return self._readiness.get(product_id)

    def fetch(self, ids: Sequence[int]) -> None:
        """Check these products (a block of rows being read) against the shown channels."""
        if not self.states or self.feeds is None or not ids:
            return
        try:
            for found in self.feeds.readiness(list(ids), self.states):
                self._readiness[found.product_id] = found
        except Exception:
            log.exception("could not check %d products against the channels", len(ids))

    def header(self, offset: int, role: int) -> Any:
        if offset >= len(self.states):
            return None
        channel = self.states[offset].channel
        if role == _DISPLAY:
            return channel.label.split(" (")[0]
        if role == _TOOLTIP:
            return f"Ready for {channel.label}? Point at a cell to see what to fix."
        return None

    def data(self, product_id: int, offset: int, role: int) -> Any:
        state = self.states[offset]
        key = state.channel.key
        found = self._readiness.get(product_id)
        if found is None or key not in found.states:
            return None
        readiness = found.states[key]
        problems = [p for p in found.problems if p.channel == key]
        if role in (_DISPLAY, _ACCESSIBLE):
            if readiness is Readiness.READY:
                return "✓ Ready"
            if readiness is Readiness.BLOCKED:
                return f"✗ {sum(1 for p in problems if p.severity == ERROR)} to fix"
            return f"! {len(problems)} warning{'s' if len(problems) != 1 else ''}"
        if role == _FOREGROUND:
            ready, blocked, warnings = self.colors
            if readiness is Readiness.READY:
                return ready
            return blocked if readiness is Readiness.BLOCKED else warnings
        if role == _TOOLTIP:
            if not problems:
                return f"Ready for {state.channel.label}"
            lines = [("✗ " if p.severity == ERROR else "! ") + p.message for p in problems]
            return f"{state.channel.label}:\n" + "\n".join(lines)
        if role == _ALIGN:
            return _LEFT
        return None
