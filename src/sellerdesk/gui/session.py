"""Which catalog the window shows: building contexts for files, and the demo catalog."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sellerdesk.app import AppContext, build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.config.secrets import SecretStore, open_secret_store
from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import SellerDeskError
from sellerdesk.tasks.runner import TaskContext

DEMO_FILE = "demo.sqlite3"
DEMO_PRODUCTS = 300
CATALOG_SUFFIX = ".sqlite3"
CATALOG_FILTER = "SellerDesk catalogs (*.sqlite3 *.sqlite *.db);;All files (*)"

#: Builds the context for a catalog target (a file path or database URL; None: the default).
ContextFactory = Callable[[str | None], AppContext]


def context_factory(paths: AppPaths) -> ContextFactory:
    """The real factory: open (backing up and migrating) a catalog under the same user folders."""

    opened: list[SecretStore] = []

    def secrets() -> SecretStore:
        if not opened:
            opened.append(open_secret_store())
        return opened[0]

    def build(target: str | None) -> AppContext:
        return build_context(target, paths, secrets=secrets)

    return build


def demo_catalog_path(paths: AppPaths) -> Path:
    return paths.data_dir / DEMO_FILE


def is_demo(ctx: AppContext) -> bool:
    path = ctx.db.path
    return path is not None and path.resolve() == demo_catalog_path(ctx.paths).resolve()


def catalog_label(ctx: AppContext) -> str:
    """A short name for titles: the file name, or the database URL without password."""
    path = ctx.db.path
    return path.name if path is not None else ctx.db.display_name


def with_catalog_suffix(path: Path) -> Path:
    return path if path.suffix else path.with_suffix(CATALOG_SUFFIX)


class DemoUnavailableError(SellerDeskError):
    """This build has no demo catalog generator."""


def demo_filler() -> Callable[..., ChangeSummary]:
    """``sellerdesk.services.demo.fill_demo`` (imported when first needed)."""
    try:
        module = importlib.import_module("sellerdesk.services.demo")
        filler: Callable[..., ChangeSummary] = module.fill_demo
    except (ImportError, AttributeError) as exc:
        raise DemoUnavailableError(
            "The demo catalog is not available in this version of SellerDesk.",
            "Open one of your own catalog files instead (File > Open catalog…).",
        ) from exc
    return filler


def fill_demo_task(ctx: AppContext, count: int = DEMO_PRODUCTS) -> Callable[[TaskContext], Any]:
    """A runner task that fills ``ctx``'s (empty) catalog with demo products and images."""
    fill = demo_filler()
    catalog, media_dir = ctx.catalog, ctx.media_dir

    def run(task: TaskContext) -> ChangeSummary:
        def progress(done: int, total: int) -> None:
            task.check_cancelled()
            task.progress(done, total, f"{done:,} of {total:,} products")

        return fill(catalog, media_dir, count=count, progress=progress)

    return run
