"""Declared settings: they match the Settings dataclass, validate in words, and load safely."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from sellerdesk.config.settings import Settings
from sellerdesk.config.settings_schema import (
    PAGES,
    SETTINGS,
    Kind,
    applied,
    currency_code,
    problems,
    spec_named,
    specs_for_page,
    values_from,
)
from sellerdesk.core.errors import InvalidValueError


def test_every_stored_setting_is_a_settings_field_with_the_same_default() -> None:
    defaults = Settings()
    names = {f.name for f in fields(Settings)}
    for spec in SETTINGS:
        assert spec.page in PAGES
        assert spec.label and spec.help
        if spec.stored:
            assert spec.key in names, spec.key
            assert getattr(defaults, spec.key) == spec.default, spec.key
        if spec.kind is Kind.CHOICE:
            assert spec.choices and spec.check(spec.default) is None
    assert len({spec.key for spec in SETTINGS}) == len(SETTINGS)


def test_the_required_settings_are_declared_on_their_pages() -> None:
    general = [spec.key for spec in specs_for_page("General")]
    assert general == ["default_currency", "auto_backup", "backups_to_keep", "confirm_delete"]
    assert [spec.key for spec in specs_for_page("Catalog")] == ["catalog_location"]
    assert [spec.key for spec in specs_for_page("Appearance")] == ["theme", "table_density"]
    theme = spec_named("theme")
    assert [c.value for c in theme.choices] == ["system", "light", "dark"]
    location = spec_named("catalog_location")
    assert location.kind is Kind.PATH and location.read_only and not location.stored
    assert [a.name for a in location.actions] == ["move", "open"]


def test_values_are_checked_with_reasons_in_words() -> None:
    currency = spec_named("default_currency")
    assert currency.check("EUR") is None
    assert currency.check("eur") is None
    assert currency.check("Euro") == "Enter a three-letter currency code such as USD, EUR or GBP."
    assert currency_code("eur — Euro") == "EUR"
    assert currency_code(" gbp ") == "GBP"
    keep = spec_named("backups_to_keep")
    assert keep.check(0) == "Automatic backups to keep must be at least 1."
    assert keep.check(101) == "Automatic backups to keep can be at most 100."
    assert keep.check("many") == "Automatic backups to keep must be a whole number."
    assert spec_named("theme").check("purple") is not None
    assert problems({"default_currency": "12", "backups_to_keep": 5}) == {
        "default_currency": "Enter a three-letter currency code such as USD, EUR or GBP."
    }


def test_applied_returns_a_new_settings_with_clean_values() -> None:
    settings = Settings(recent_catalogs=["/a.sqlite3"])
    values = values_from(settings, {"catalog_location": "/shop/catalog.sqlite3"})
    assert values["catalog_location"] == "/shop/catalog.sqlite3"
    values.update(default_currency="eur", theme="dark", backups_to_keep=30, confirm_delete=False)
    new = applied(settings, values)
    assert new.default_currency == "EUR" and new.theme == "dark"
    assert new.backups_to_keep == 30 and new.confirm_delete is False
    assert new.recent_catalogs == ["/a.sqlite3"]
    assert settings.theme == "system"  # the original is untouched
    values["backups_to_keep"] = -1
    with pytest.raises(InvalidValueError, match="at least 1"):
        applied(settings, values)


def test_catalog_location_warns_about_cloud_folders() -> None:
    location = spec_named("catalog_location")
    notes = location.warnings("/home/ana/Dropbox/shop/catalog.sqlite3")
    assert len(notes) == 1 and "cloud-synced folder" in notes[0]
    assert location.warnings("") == []


def test_settings_json_stays_backward_compatible(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    # an older file: fewer keys, plus a key this version doesn't know
    path.write_text(json.dumps({"theme": "dark", "retired_option": 3}), encoding="utf-8")
    loaded = Settings.load(path)
    assert loaded.theme == "dark"
    assert loaded.backups_to_keep == 12 and loaded.table_density == "comfortable"
    assert loaded.confirm_delete is True
    # wrong types fall back to the default for that key only
    path.write_text(
        json.dumps({"auto_backup": "yes", "backups_to_keep": True, "default_currency": "EUR"}),
        encoding="utf-8",
    )
    loaded = Settings.load(path)
    assert loaded.auto_backup is True and loaded.backups_to_keep == 12
    assert loaded.default_currency == "EUR"
    path.write_text("[1, 2]", encoding="utf-8")
    assert Settings.load(path) == Settings()
    new = Settings(theme="light", backups_to_keep=5, table_density="compact")
    new.save(path)
    assert Settings.load(path) == new
    assert json.loads(path.read_text(encoding="utf-8"))["table_density"] == "compact"
