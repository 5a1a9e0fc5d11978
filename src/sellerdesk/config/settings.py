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
    backups_to_keep: int = 12
    confirm_delete: bool = True
    table_density: str = "comfortable"

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        if not isinstance(data, dict):
            log.warning("settings file %s holds no settings; using defaults", path)
            return cls()
        defaults = asdict(cls())
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if _same_kind(value, defaults[f.name]):
                values[f.name] = value
            else:
                log.warning("setting %s in %s has a wrong value; using the default", f.name, path)
        return cls(**values)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(partial, path)

    def remember_catalog(self, target: str, keep: int = 8) -> None:
        self.recent_catalogs = [target, *[c for c in self.recent_catalogs if c != target]][:keep]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _same_kind(value: Any, default: Any) -> bool:
    """True when a loaded JSON value can stand in for ``default`` (bools are not numbers)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, type(default))
