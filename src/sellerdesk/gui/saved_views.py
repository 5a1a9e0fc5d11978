"""Saved views: the table's columns, search, filters and sort under a name, kept in QSettings.

A view is stored as JSON (search, filters, sort) plus the header's own saved state (visible
columns, their order and widths), so restoring one puts the table back exactly as it was.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSettings

from sellerdesk.gui.filter_bar import Filters

GROUP = "views"


@dataclass(frozen=True)
class SavedView:
    name: str
    search: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "id"
    descending: bool = False
    header_state: bytes = b""

    def to_json(self) -> str:
        return json.dumps(
            {
                "name": self.name,
                "search": self.search,
                "filters": self.filters.to_json(),
                "sort": self.sort,
                "descending": self.descending,
                "header": base64.b64encode(self.header_state).decode("ascii"),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> SavedView:
        data: dict[str, Any] = json.loads(text)
        header = base64.b64decode(str(data.get("header", "")).encode("ascii"))
        return cls(
            name=str(data["name"]),
            search=str(data.get("search", "")),
            filters=Filters.from_json(dict(data.get("filters") or {})),
            sort=str(data.get("sort", "id")),
            descending=bool(data.get("descending", False)),
            header_state=header,
        )


class ViewStore:
    """Named views in a QSettings group (one JSON string per view)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def _key(self, name: str) -> str:
        return f"{GROUP}/{name.replace('/', '∕')}"

    def names(self) -> list[str]:
        self._settings.beginGroup(GROUP)
        try:
            keys = self._settings.childKeys()
        finally:
            self._settings.endGroup()
        return sorted((k.replace("∕", "/") for k in keys), key=str.lower)

    def save(self, view: SavedView) -> None:
        self._settings.setValue(self._key(view.name), view.to_json())
        self._settings.sync()

    def load(self, name: str) -> SavedView | None:
        value = self._settings.value(self._key(name))
        if not isinstance(value, str):
            return None
        try:
            return SavedView.from_json(value)
        except (ValueError, KeyError, TypeError):
            return None

    def delete(self, name: str) -> None:
        self._settings.remove(self._key(name))
        self._settings.sync()
