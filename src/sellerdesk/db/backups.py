"""Catalog backups with SQLite's online backup API: naming, rotation and 'is one due?'."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sellerdesk.db.dialect import sqlite_backup

KEEP_AUTOMATIC = 12
AUTO_INTERVAL = timedelta(hours=24)


def backup_name(catalog: Path, reason: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return f"{catalog.stem}-{stamp}-{reason}.sqlite3"


def list_backups(catalog: Path, backup_dir: Path) -> list[Path]:
    """This catalog's backups, newest first."""
    if not backup_dir.exists():
        return []
    found = [p for p in backup_dir.glob(f"{catalog.stem}-*.sqlite3") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def make_backup(
    catalog: Path,
    backup_dir: Path,
    reason: str = "manual",
    target: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep: int = KEEP_AUTOMATIC,
) -> Path:
    """Back ``catalog`` up (consistent even while it is in use) and return the backup's path;
    automatic backups beyond the newest ``keep`` are then deleted."""
    destination = target or backup_dir / backup_name(catalog, reason)
    sqlite_backup(catalog, destination, progress)
    if target is None and reason != "manual":
        prune(catalog, backup_dir, keep)
    return destination


def prune(catalog: Path, backup_dir: Path, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Delete the oldest automatic backups beyond ``keep``; manual backups are never pruned."""
    automatic = [p for p in list_backups(catalog, backup_dir) if not p.stem.endswith("-manual")]
    removed = automatic[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_due(catalog: Path, backup_dir: Path, now: datetime | None = None) -> bool:
    """True when the catalog changed since its newest backup and that backup is a day old."""
    if not catalog.exists() or catalog.stat().st_size == 0:
        return False
    backups = list_backups(catalog, backup_dir)
    if not backups:
        return True
    newest = backups[0].stat().st_mtime
    current = (now or datetime.now(UTC)).timestamp()
    changed = max(catalog.stat().st_mtime, _wal_mtime(catalog)) > newest
    return changed and current - newest >= AUTO_INTERVAL.total_seconds()


def _wal_mtime(catalog: Path) -> float:
    wal = catalog.with_name(catalog.name + "-wal")
    return wal.stat().st_mtime if wal.exists() else 0.0
