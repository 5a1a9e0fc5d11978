"""Per-user directories (platformdirs) for the catalog, backups, logs and settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "SellerDesk"
APP_AUTHOR = "SellerDesk"
CATALOG_FILE = "catalog.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def from_environment(cls) -> AppPaths:
        """SELLERDESK_HOME (one folder for everything) if set, else the OS's per-user folders."""
        home = os.environ.get("SELLERDESK_HOME")
        if home:
            return cls.under(Path(home))
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        )

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        return cls(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")

    @property
    def default_catalog(self) -> Path:
        return self.data_dir / CATALOG_FILE

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"


def media_dir_for(catalog: Path) -> Path:
    """Where a catalog file keeps its product images: a folder beside it."""
    return catalog.with_name(catalog.stem + "-media")
