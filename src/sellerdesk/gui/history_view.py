"""A product's change history: one entry per batch (when, what), its field changes below it
(old → new, from which source); undone batches are greyed out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.gui.provenance_view import EMPTY_TEXT, short_value, source_label
from sellerdesk.gui.theme import Theme
from sellerdesk.services.catalog import HistoryEntry

CHANGE, SOURCE, WHEN = 0, 1, 2
BATCH_ROLE = Qt.ItemDataRole.UserRole
MAX_VALUE_CHARS = 60


def _clip(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def when_text(at: datetime, now: datetime | None = None) -> str:
    """Local time, as short as it can be: ``14:03``, ``Nov 21, 14:03``, ``2024-11-21``."""
    local = at.astimezone() if at.tzinfo is not None else at
    now = now or datetime.now(local.tzinfo)
    if local.date() == now.date():
        return local.strftime("%H:%M")
    if local.year == now.year:
        return f"{local.strftime('%b')} {local.day}, {local.strftime('%H:%M')}"
    return local.strftime("%Y-%m-%d")


def describe_change(entry: HistoryEntry) -> str:
    """One line for one change-log row: ``Title: “Old” → “New”``."""
    if entry.op == "create":
        count = len(_created_fields(entry.new))
        return f"Created with {count} field{'s' if count != 1 else ''}" if count else "Created"
    if entry.op == "delete":
        return "Product deleted"
    if entry.op == "images":
        before, after = _count(entry.old), _count(entry.new)
        return f"Photos: {before} → {after}"
    spec = FIELD_BY_NAME.get(entry.field or "")
    label = spec.label if spec is not None else (entry.field or "Field")
    old, new = short_value(spec, entry.old), short_value(spec, entry.new)
    if entry.old is None:
        return f"{label}: set to “{_clip(new)}”"
    if entry.new is None:
        return f"{label}: “{_clip(old)}” withdrawn"
    if new == EMPTY_TEXT:
        return f"{label}: “{_clip(old)}” → empty"
    return f"{label}: “{_clip(old)}” → “{_clip(new)}”"


def batch_text(entry: HistoryEntry) -> str:
    """The batch name without the product's own SKU (the editor shows one product)."""
    name, sku = entry.batch_name, entry.sku
    if name == f"Add {sku}":
        return "Product added"
    for joint in (" of ", " to ", " from "):
        if name.endswith(f"{joint}{sku}"):
            return name[: -len(joint + sku)]
    return name


def _created_fields(snapshot: Any) -> set[str]:
    sources = snapshot.get("provenance") if isinstance(snapshot, dict) else None
    if not isinstance(sources, dict):
        return set()
    return {name for values in sources.values() if isinstance(values, dict) for name in values}


def change_source(entry: HistoryEntry) -> str:
    """Who made the change: the field's source, or where a new product's values came from."""
    if entry.source:
        return source_label(entry.source)
    if entry.op == "create" and isinstance(entry.new, dict):
        sources = entry.new.get("provenance")
        if isinstance(sources, dict) and len(sources) == 1:
            return source_label(next(iter(sources)))
    return ""


def _count(images: Any) -> int:
    return len(images) if isinstance(images, list) else 0


class HistoryView(QTreeWidget):
    """Newest first; each batch is a row with its changes nested under it."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProductHistory")
        self.setAccessibleName("Change history of this product")
        self._theme = theme
        self._entries: list[HistoryEntry] = []
        self.setColumnCount(3)
        self.setHeaderLabels(["Change", "Source", "When"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setIndentation(14)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.set_entries(self._entries)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self._entries = list(entries)
        self.clear()
        now = datetime.now().astimezone()
        muted = QBrush(self._theme.color("muted"))
        batch_item: QTreeWidgetItem | None = None
        batch_id: int | None = None
        for entry in entries:
            undone = entry.batch_state != "done"
            if batch_item is None or entry.batch_id != batch_id:
                batch_id = entry.batch_id
                name = batch_text(entry) + (" (undone)" if undone else "")
                batch_item = QTreeWidgetItem(self, [name, "", when_text(entry.at, now)])
                batch_item.setToolTip(CHANGE, entry.batch_name)
                batch_item.setToolTip(WHEN, entry.at.astimezone().strftime("%c"))
                font = QFont(self.font())
                font.setWeight(QFont.Weight.DemiBold)
                font.setStrikeOut(False)
                batch_item.setFont(CHANGE, font)
                batch_item.setData(CHANGE, BATCH_ROLE, entry.batch_id)
                if undone:
                    for column in range(3):
                        batch_item.setForeground(column, muted)
            text = describe_change(entry)
            child = QTreeWidgetItem(batch_item, [text, change_source(entry), ""])
            child.setToolTip(CHANGE, text)
            if undone:
                for column in range(3):
                    child.setForeground(column, muted)
        self.expandAll()
        if not entries:
            QTreeWidgetItem(self, ["No changes recorded yet", "", ""]).setForeground(0, muted)

    def batch_rows(self) -> list[tuple[str, bool]]:
        """(batch name, greyed out) for each batch row, newest first (tests, automation)."""
        rows = []
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if item is not None and item.data(CHANGE, BATCH_ROLE) is not None:
                rows.append((item.text(CHANGE), item.text(CHANGE).endswith("(undone)")))
        return rows

    def change_texts(self) -> list[str]:
        """Every change line, newest first (tests, automation)."""
        texts: list[str] = []
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            for row in range(item.childCount() if item is not None else 0):
                child = item.child(row) if item is not None else None
                if child is not None:
                    texts.append(child.text(CHANGE))
        return texts
