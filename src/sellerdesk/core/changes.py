"""What every catalog service call returns: a summary of the changes it made."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Source(StrEnum):
    """Where a field value came from, strongest first in ``PRIORITY``."""

    MANUAL = "manual"
    AI = "ai"
    CHANNEL = "channel"
    IMPORT = "import"


#: Effective value = the first source in this order that has the field.
PRIORITY: tuple[Source, ...] = (Source.MANUAL, Source.AI, Source.CHANNEL, Source.IMPORT)


@dataclass
class ChangeSummary:
    """Which products and fields changed, from which source, in which batch."""

    batch_id: int | None
    batch_name: str
    source: str
    created: list[int] = field(default_factory=list)
    updated: dict[int, set[str]] = field(default_factory=dict)
    deleted: list[int] = field(default_factory=list)

    @property
    def product_ids(self) -> set[int]:
        return set(self.created) | set(self.updated) | set(self.deleted)

    @property
    def fields(self) -> set[str]:
        names: set[str] = set()
        for changed in self.updated.values():
            names |= changed
        return names

    @property
    def empty(self) -> bool:
        return not (self.created or self.updated or self.deleted)

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "batch": self.batch_name,
            "source": self.source,
            "created": len(self.created),
            "updated": len(self.updated),
            "deleted": len(self.deleted),
            "fields": sorted(self.fields),
            "product_ids": sorted(self.product_ids),
        }

    def describe(self) -> str:
        parts = []
        if self.created:
            parts.append(f"{len(self.created)} created")
        if self.updated:
            parts.append(f"{len(self.updated)} updated ({', '.join(sorted(self.fields))})")
        if self.deleted:
            parts.append(f"{len(self.deleted)} deleted")
        what = "; ".join(parts) if parts else "no changes"
        batch = f" in batch {self.batch_id}" if self.batch_id is not None else ""
        return f"{self.batch_name}: {what}{batch}"
