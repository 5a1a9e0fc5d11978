"""Shared fixtures: isolated per-user folders and a fresh migrated catalog per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sellerdesk.app import AppContext, build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.db.opening import open_catalog
from sellerdesk.services.catalog import CatalogService


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("SELLERDESK_HOME", str(home))
    monkeypatch.delenv("SELLERDESK_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def template_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty catalog file; tests copy it instead of migrating again."""
    folder = tmp_path_factory.mktemp("template")
    opened = open_catalog(folder / "template.sqlite3", folder / "backups", auto_backup=False)
    opened.db.dispose()
    return folder / "template.sqlite3"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "home")


@pytest.fixture
def catalog_file(template_catalog: Path, tmp_path: Path) -> Path:
    target = tmp_path / "catalog.sqlite3"
    shutil.copyfile(template_catalog, target)
    return target


@pytest.fixture
def ctx(catalog_file: Path, paths: AppPaths) -> Iterator[AppContext]:
    context = build_context(str(catalog_file), paths, auto_backup=False)
    yield context
    context.close()


@pytest.fixture
def catalog(ctx: AppContext) -> CatalogService:
    return ctx.catalog
