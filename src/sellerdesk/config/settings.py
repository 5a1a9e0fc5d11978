"""Typed, declared settings stored as JSON in the per-user config folder."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Settings:
    """Preferences that are not secrets. Secrets live in the OS keychain only."""

    default_currency: str = "USD"
    theme: str = "system"
    recent_catalogs: list[str] = field(default_factory=list)
    auto_backup: bool = True

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(partial, path)

    def remember_catalog(self, target: str, keep: int = 8) -> None:
        self.recent_catalogs = [target, *[c for c in self.recent_catalogs if c != target]][:keep]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
