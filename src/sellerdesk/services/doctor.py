"""Catalog health report: integrity, schema version, search-index consistency and counts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select, text

from sellerdesk.config.location import catalog_location_warnings
from sellerdesk.db import migrate
from sellerdesk.db.database import Database
from sellerdesk.services import tables as t


@dataclass
class DoctorReport:
    catalog: str
    integrity: list[str]
    schema_version: str | None
    schema_head: str
    search_index_ok: bool
    counts: dict[str, int]
    file_bytes: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return (
            self.integrity == ["ok"]
            and self.schema_version == self.schema_head
            and self.search_index_ok
        )

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "healthy": self.healthy}

    def lines(self) -> list[str]:
        status = "healthy" if self.healthy else "PROBLEMS FOUND"
        out = [f"Catalog: {self.catalog} ({status})"]
        integrity = "ok" if self.integrity == ["ok"] else "; ".join(self.integrity[:5])
        out.append(f"Integrity check: {integrity}")
        out.append(f"Schema version: {self.schema_version} (this SellerDesk: {self.schema_head})")
        index_state = "consistent" if self.search_index_ok else "OUT OF STEP"
        out.append(f"Search index: {index_state}")
        if self.file_bytes is not None:
            out.append(f"File size: {self.file_bytes / 1_048_576:.1f} MB")
        out.extend(
            f"{name.replace('_', ' ').capitalize()}: {n:,}" for name, n in self.counts.items()
        )
        out.extend(f"Warning: {w}" for w in self.warnings)
        return out


def examine(db: Database) -> DoctorReport:
    """Run the full checks (this reads the whole file; it can take a while on big catalogs)."""
    with db.read() as conn:
        if db.helper.name == "sqlite":
            integrity = [str(r[0]) for r in conn.execute(text("PRAGMA integrity_check(50)"))]
            fk_problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            if fk_problems:
                integrity = [
                    *(x for x in integrity if x != "ok"),
                    f"{len(fk_problems)} broken links",
                ]
        else:  # pragma: no cover - team mode
            integrity = ["ok"]
        version = migrate.current_revision(conn)
        search_ok = db.helper.search_index_mismatches(conn) == 0
        counts = {
            "products": _count(conn, t.products),
            "variants": int(
                conn.execute(
                    select(func.count())
                    .select_from(t.products)
                    .where(t.products.c.parent_id.is_not(None))
                ).scalar_one()
            ),
            "images": _count(conn, t.images),
            "change_batches": _count(conn, t.batches),
            "change_log_entries": _count(conn, t.change_log),
        }
    path = db.path
    return DoctorReport(
        catalog=db.display_name,
        integrity=integrity,
        schema_version=version,
        schema_head=migrate.head_revision(),
        search_index_ok=search_ok,
        counts=counts,
        file_bytes=path.stat().st_size if path is not None and path.exists() else None,
        warnings=catalog_location_warnings(path) if path is not None else [],
    )


def _count(conn: Any, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
