"""Opening a catalog safely: recognise damage, refuse newer schemas, back up, then migrate."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError as SADatabaseError

from sellerdesk import __version__
from sellerdesk.config.location import catalog_location_warnings
from sellerdesk.core.errors import DatabaseDamagedError, DatabaseTooNewError
from sellerdesk.db import migrate
from sellerdesk.db.backups import KEEP_AUTOMATIC, backup_due, make_backup
from sellerdesk.db.database import Database
from sellerdesk.db.dialect import looks_like_sqlite, sqlite_quick_check

log = logging.getLogger(__name__)

#: Files up to this size get a quick_check on every open; bigger ones in the background/doctor.
QUICK_CHECK_LIMIT_BYTES = 64 * 1024 * 1024


@dataclass
class OpenedCatalog:
    db: Database
    warnings: list[str] = field(default_factory=list)
    backup: Path | None = None
    migrated_from: str | None = None
    checked: bool = False


def _damaged(path: Path, detail: str, backup_dir: Path) -> DatabaseDamagedError:
    return DatabaseDamagedError(
        f"The catalog {path} is damaged ({detail}).",
        f"Nothing was changed. Restore a backup from {backup_dir} "
        "(check one first with `sellerdesk --db BACKUP doctor`) "
        "or open another catalog.",
    )


def open_catalog(
    target: str | Path,
    backup_dir: Path,
    *,
    auto_backup: bool = True,
    keep_backups: int = KEEP_AUTOMATIC,
) -> OpenedCatalog:
    """Open (creating if needed) the catalog at ``target`` and bring its schema up to date."""
    db = Database.connect(target)
    opened = OpenedCatalog(db=db)
    path = db.path
    try:
        if path is not None:
            opened.warnings = catalog_location_warnings(path)
            if path.exists() and path.stat().st_size > 0:
                _check_sqlite_file(path, backup_dir, opened)
        _migrate(db, path, backup_dir, opened, auto_backup, keep_backups)
    except SADatabaseError as exc:
        db.dispose()
        if path is None:
            raise
        raise _damaged(path, str(exc.orig), backup_dir) from exc
    except BaseException:
        db.dispose()
        raise
    return opened


def _check_sqlite_file(path: Path, backup_dir: Path, opened: OpenedCatalog) -> None:
    if not looks_like_sqlite(path):
        raise _damaged(path, "it is not a SQLite database file", backup_dir)
    if path.stat().st_size <= QUICK_CHECK_LIMIT_BYTES:
        try:
            problems = sqlite_quick_check(path)
        except sqlite3.DatabaseError as exc:
            raise _damaged(path, str(exc), backup_dir) from exc
        if problems:
            raise _damaged(path, "; ".join(problems[:3]), backup_dir)
        opened.checked = True


def _migrate(
    db: Database,
    path: Path | None,
    backup_dir: Path,
    opened: OpenedCatalog,
    auto_backup: bool,
    keep_backups: int,
) -> None:
    with db.engine.connect() as conn:
        current = migrate.current_revision(conn)
        has_tables = bool(inspect(conn).get_table_names())
    head = migrate.head_revision()
    if current is not None and current not in migrate.known_revisions():
        where = path or db.display_name
        raise DatabaseTooNewError(
            f"The catalog {where} was saved by a newer SellerDesk (schema {current}); "
            f"this is SellerDesk {__version__} (schema {head}).",
            "Install the latest SellerDesk to open it. The file was not changed.",
        )
    if current is None and has_tables:
        raise _damaged(
            path or Path(db.display_name), "it holds tables but no SellerDesk schema", backup_dir
        )
    pending = current != head
    if path is not None and current is not None:
        if pending:
            opened.backup = make_backup(
                path, backup_dir, reason=f"before-{head}", keep=keep_backups
            )
        elif auto_backup and backup_due(path, backup_dir):
            opened.backup = make_backup(path, backup_dir, reason="auto", keep=keep_backups)
    if pending:
        log.info("migrating %s from %s to %s", db.display_name, current, head)
        with db.helper.migration_scope(db.engine) as conn:
            migrate.upgrade(conn)
        opened.migrated_from = current
