"""Saved import mappings: named, found again by the header signature of a returning file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, insert, select, update

from sellerdesk.core.errors import InvalidValueError, NotFoundError
from sellerdesk.db.database import Database
from sellerdesk.db.models import ImportProfile
from sellerdesk.db.types import utcnow
from sellerdesk.importers.pipeline import Inspection

profiles: Table = ImportProfile.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    header_signature: str
    settings: dict[str, Any]
    updated_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "header_signature": self.header_signature,
            "updated_at": self.updated_at.isoformat(),
            **self.settings,
        }


def settings_of(inspection: Inspection) -> dict[str, Any]:
    options = inspection.options
    return {
        "headers": inspection.headers,
        "mapping": {str(g.column): g.target for g in inspection.mapping},
        "layout": inspection.layout.key,
        "sheet": inspection.info.sheet,
        "header_row": inspection.header_row,
        "on_conflict": options.on_conflict,
        "duplicates": options.duplicates,
    }


class ProfileStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, name: str, inspection: Inspection) -> Profile:
        name = " ".join(name.split())
        if not name:
            raise InvalidValueError("a profile needs a name")
        settings = settings_of(inspection)
        now = utcnow()
        with self.db.write() as conn:
            existing = conn.execute(select(profiles.c.id).where(profiles.c.name == name)).first()
            if existing is None:
                conn.execute(
                    insert(profiles).values(
                        name=name,
                        header_signature=inspection.signature,
                        settings=settings,
                        created_at=now,
                        updated_at=now,
                    )
                )
            else:
                conn.execute(
                    update(profiles)
                    .where(profiles.c.id == existing[0])
                    .values(
                        header_signature=inspection.signature, settings=settings, updated_at=now
                    )
                )
        return self.get(name)

    def all(self) -> list[Profile]:
        with self.db.read() as conn:
            rows = conn.execute(select(profiles).order_by(profiles.c.name)).mappings().all()
        return [_profile(row) for row in rows]

    def get(self, name: str) -> Profile:
        with self.db.read() as conn:
            row = conn.execute(select(profiles).where(profiles.c.name == name)).mappings().first()
        if row is None:
            raise NotFoundError(
                f"no import profile named {name!r}", "Run `sellerdesk profiles list` to see them."
            )
        return _profile(row)

    def delete(self, name: str) -> None:
        with self.db.write() as conn:
            result = conn.execute(delete(profiles).where(profiles.c.name == name))
        if result.rowcount == 0:
            raise NotFoundError(f"no import profile named {name!r}")

    def lookup(self, signature: str, name: str | None) -> tuple[str, dict[str, Any]] | None:
        """The named profile, else the newest one saved for files with these headers."""
        if name is not None:
            profile = self.get(name)
            return profile.name, profile.settings
        with self.db.read() as conn:
            row = conn.execute(
                select(profiles.c.name, profiles.c.settings)
                .where(profiles.c.header_signature == signature)
                .order_by(profiles.c.updated_at.desc())
                .limit(1)
            ).first()
        return None if row is None else (row[0], row[1])


def _profile(row: Any) -> Profile:
    return Profile(
        id=row["id"],
        name=row["name"],
        header_signature=row["header_signature"],
        settings=row["settings"],
        updated_at=row["updated_at"],
    )
