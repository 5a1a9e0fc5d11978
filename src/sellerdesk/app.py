"""Composition root: builds paths, settings, the catalog database, services and the task runner.

There are no module-level singletons; the GUI, the CLI and the tests each build one
``AppContext`` and pass it down.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sellerdesk.config.paths import AppPaths, media_dir_for
from sellerdesk.config.secrets import SecretStore, open_secret_store
from sellerdesk.config.settings import Settings
from sellerdesk.core.taxonomy import SharedTaxonomy
from sellerdesk.db.database import Database
from sellerdesk.db.opening import OpenedCatalog, open_catalog
from sellerdesk.resources import default_taxonomy_path
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.feeds import FeedService
from sellerdesk.services.importing import ImportService
from sellerdesk.services.readiness_workers import CheckWorkers
from sellerdesk.tasks.runner import TaskRunner

DB_ENV = "SELLERDESK_DB"


def resolve_catalog_target(explicit: str | None, paths: AppPaths) -> str:
    """``--db`` wins, then SELLERDESK_DB, then the per-user default catalog file."""
    return explicit or os.environ.get(DB_ENV) or str(paths.default_catalog)


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    opened: OpenedCatalog
    catalog: CatalogService
    importer: ImportService
    feeds: FeedService
    #: the shipped Google product taxonomy, read on first use
    taxonomy: SharedTaxonomy
    runner: TaskRunner
    warnings: list[str] = field(default_factory=list)
    secrets_factory: Callable[[], SecretStore] = open_secret_store
    _secrets: SecretStore | None = None

    @property
    def secrets(self) -> SecretStore:
        """Passwords and API keys in the OS keychain, opened on first use (the first read of a
        keychain can prompt the seller to unlock it)."""
        if self._secrets is None:
            self._secrets = self.secrets_factory()
        return self._secrets

    @property
    def db(self) -> Database:
        return self.opened.db

    @property
    def media_dir(self) -> Path:
        path = self.db.path
        return media_dir_for(path) if path is not None else self.paths.data_dir / "media"

    def close(self) -> None:
        self.runner.shutdown(wait=True)
        self.db.dispose()


def build_context(
    db: str | None = None,
    paths: AppPaths | None = None,
    *,
    auto_backup: bool | None = None,
    secrets: Callable[[], SecretStore] = open_secret_store,
) -> AppContext:
    """Open the catalog (backing up and migrating it) and wire the services around it.

    ``secrets`` opens the keychain store on first use; the GUI passes one that hands out the same
    store to every catalog of a session (a session-only store must outlive a catalog switch)."""
    paths = paths or AppPaths.from_environment()
    settings = Settings.load(paths.settings_file)
    target = resolve_catalog_target(db, paths)
    backup = settings.auto_backup if auto_backup is None else auto_backup
    opened = open_catalog(
        target, paths.backup_dir, auto_backup=backup, keep_backups=settings.backups_to_keep
    )
    taxonomy_path = default_taxonomy_path()
    taxonomy = SharedTaxonomy(taxonomy_path)
    workers = CheckWorkers.for_machine(opened.db, taxonomy_path)
    return AppContext(
        paths=paths,
        settings=settings,
        opened=opened,
        catalog=CatalogService(opened.db, settings.default_currency),
        importer=ImportService(opened.db, settings.default_currency),
        feeds=FeedService(opened.db, taxonomy.get, workers),
        taxonomy=taxonomy,
        runner=TaskRunner(),
        warnings=list(opened.warnings),
        secrets_factory=secrets,
    )
