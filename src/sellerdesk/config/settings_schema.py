"""Declared settings: what each preference is, where it shows, and which values it accepts.

The settings dialog is built from these declarations (one editor per kind), so adding a setting
means adding a ``SettingSpec`` here and a field to ``Settings`` — never laying out a widget.
Specs with ``stored=False`` describe values that live elsewhere (the open catalog's location)
and are shown, not saved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sellerdesk.config.location import catalog_location_warnings
from sellerdesk.config.settings import Settings
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.money import normalize_currency

GENERAL, CATALOG, APPEARANCE = "General", "Catalog", "Appearance"
PAGES = (GENERAL, CATALOG, APPEARANCE)


class Kind(StrEnum):
    BOOL = "bool"
    INT = "int"
    CHOICE = "choice"
    TEXT = "text"
    PATH = "path"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class SettingAction:
    """A button beside a setting whose work the window does (e.g. "Move…")."""

    name: str
    label: str
    help: str = ""


Validator = Callable[[Any], str | None]
Notes = Callable[[Any], list[str]]


@dataclass(frozen=True)
class SettingSpec:
    """One declared setting.

    ``validate`` returns the reason a value is refused, in words (None when it's fine);
    ``notes`` returns warnings worth showing about an accepted value; ``editable`` lets a
    choice take typed values outside ``choices`` (they are suggestions, checked by
    ``validate``), which ``parse`` turns from typed text into a value; ``normalize`` gives an
    accepted value its stored form.
    """

    key: str
    page: str
    label: str
    help: str
    kind: Kind
    default: Any
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    suffix: str = ""
    editable: bool = False
    read_only: bool = False
    stored: bool = True
    validate: Validator | None = None
    notes: Notes | None = None
    parse: Callable[[str], Any] | None = None
    normalize: Callable[[Any], Any] | None = None
    actions: tuple[SettingAction, ...] = ()

    def coerce(self, value: Any) -> Any:
        """``value`` in this setting's type (text trimmed, numbers as int, codes upper-cased)."""
        if self.kind is Kind.BOOL:
            return bool(value)
        if self.kind is Kind.INT:
            return int(value)
        if self.kind is Kind.PATH:
            return "" if value is None else str(value)
        return "" if value is None else str(value).strip()

    def clean(self, value: Any) -> Any:
        """The stored form of an accepted ``value``."""
        value = self.coerce(value)
        return value if self.normalize is None else self.normalize(value)

    def from_text(self, text: str) -> Any:
        """A typed value (for editable choices)."""
        return self.parse(text) if self.parse is not None else text.strip()

    def check(self, value: Any) -> str | None:
        """Why ``value`` can't be used (None when it can)."""
        try:
            value = self.coerce(value)
        except (TypeError, ValueError):
            return f"{self.label} must be a whole number."
        if self.kind is Kind.TEXT and not value and self.default:
            return f"{self.label} can't be empty."
        if self.kind is Kind.INT:
            if self.minimum is not None and value < self.minimum:
                return f"{self.label} must be at least {self.minimum}."
            if self.maximum is not None and value > self.maximum:
                return f"{self.label} can be at most {self.maximum}."
        known = {choice.value for choice in self.choices}
        if self.kind is Kind.CHOICE and not self.editable and value not in known:
            return f"Choose one of: {', '.join(c.label for c in self.choices)}."
        if self.validate is not None:
            return self.validate(value)
        return None

    def warnings(self, value: Any) -> list[str]:
        return [] if self.notes is None else self.notes(value)


# ---------------------------------------------------------------- validators
def _valid_currency(value: Any) -> str | None:
    try:
        normalize_currency(str(value))
    except InvalidValueError:
        return "Enter a three-letter currency code such as USD, EUR or GBP."
    return None


def _location_notes(value: Any) -> list[str]:
    return catalog_location_warnings(Path(str(value))) if value else []


def currency_code(text: str) -> str:
    """The ISO code at the start of a typed or chosen currency (``"eur — Euro"`` -> ``EUR``)."""
    head = text.strip().split(" ", 1)[0].strip(" —-")
    return head.upper()


CURRENCIES = (
    ("USD", "US dollar"),
    ("EUR", "Euro"),
    ("GBP", "British pound"),
    ("CAD", "Canadian dollar"),
    ("AUD", "Australian dollar"),
    ("NZD", "New Zealand dollar"),
    ("JPY", "Japanese yen"),
    ("CHF", "Swiss franc"),
    ("SEK", "Swedish krona"),
    ("NOK", "Norwegian krone"),
    ("DKK", "Danish krone"),
    ("PLN", "Polish złoty"),
    ("CZK", "Czech koruna"),
    ("HUF", "Hungarian forint"),
    ("MXN", "Mexican peso"),
    ("BRL", "Brazilian real"),
    ("INR", "Indian rupee"),
    ("CNY", "Chinese yuan"),
    ("HKD", "Hong Kong dollar"),
    ("SGD", "Singapore dollar"),
    ("KRW", "South Korean won"),
    ("ZAR", "South African rand"),
    ("TRY", "Turkish lira"),
    ("ILS", "Israeli new shekel"),
    ("AED", "UAE dirham"),
)

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        key="default_currency",
        page=GENERAL,
        label="Default currency",
        help="Used for new products and for imported prices that don't name a currency.",
        kind=Kind.CHOICE,
        default="USD",
        choices=tuple(Choice(code, f"{code} — {name}") for code, name in CURRENCIES),
        editable=True,
        validate=_valid_currency,
        parse=currency_code,
        normalize=normalize_currency,
    ),
    SettingSpec(
        key="auto_backup",
        page=GENERAL,
        label="Back up the catalog automatically",
        help="A copy is made when you open a catalog that changed since its last backup.",
        kind=Kind.BOOL,
        default=True,
    ),
    SettingSpec(
        key="backups_to_keep",
        page=GENERAL,
        label="Automatic backups to keep",
        help="Older automatic backups are deleted. Backups you make yourself are always kept.",
        kind=Kind.INT,
        default=12,
        minimum=1,
        maximum=100,
        suffix=" backups",
    ),
    SettingSpec(
        key="confirm_delete",
        page=GENERAL,
        label="Ask before deleting products",
        help="Deleting can always be undone with Edit ▸ Undo.",
        kind=Kind.BOOL,
        default=True,
    ),
    SettingSpec(
        key="catalog_location",
        page=CATALOG,
        label="Catalog file",
        help="Your products, photos list and history live in this one file.",
        kind=Kind.PATH,
        default="",
        read_only=True,
        stored=False,
        notes=_location_notes,
        actions=(
            SettingAction("move", "Move…", "Move the catalog file to another folder"),
            SettingAction("open", "Open Another…", "Open a different catalog file"),
        ),
    ),
    SettingSpec(
        key="theme",
        page=APPEARANCE,
        label="Theme",
        help="“Match the system” follows your computer's light or dark mode.",
        kind=Kind.CHOICE,
        default="system",
        choices=(
            Choice("system", "Match the system"),
            Choice("light", "Light"),
            Choice("dark", "Dark"),
        ),
    ),
    SettingSpec(
        key="table_density",
        page=APPEARANCE,
        label="Table rows",
        help="Compact rows fit more products on the screen.",
        kind=Kind.CHOICE,
        default="comfortable",
        choices=(Choice("comfortable", "Comfortable"), Choice("compact", "Compact")),
    ),
)


def specs_for_page(page: str, specs: tuple[SettingSpec, ...] = SETTINGS) -> list[SettingSpec]:
    return [spec for spec in specs if spec.page == page]


def spec_named(key: str, specs: tuple[SettingSpec, ...] = SETTINGS) -> SettingSpec:
    for spec in specs:
        if spec.key == key:
            return spec
    raise KeyError(key)


def values_from(
    settings: Settings,
    extras: Mapping[str, Any] | None = None,
    specs: tuple[SettingSpec, ...] = SETTINGS,
) -> dict[str, Any]:
    """The current value of every declared setting (``extras`` for the unstored ones)."""
    extras = extras or {}
    values: dict[str, Any] = {}
    for spec in specs:
        if spec.stored:
            values[spec.key] = getattr(settings, spec.key, spec.default)
        else:
            values[spec.key] = extras.get(spec.key, spec.default)
    return values


def problems(
    values: Mapping[str, Any], specs: tuple[SettingSpec, ...] = SETTINGS
) -> dict[str, str]:
    """The reason for every refused value, by key (empty when all values are fine)."""
    found: dict[str, str] = {}
    for spec in specs:
        if spec.key in values and not spec.read_only:
            reason = spec.check(values[spec.key])
            if reason is not None:
                found[spec.key] = reason
    return found


def applied(
    settings: Settings, values: Mapping[str, Any], specs: tuple[SettingSpec, ...] = SETTINGS
) -> Settings:
    """A copy of ``settings`` with the stored, editable ``values`` (InvalidValueError if any
    is refused)."""
    refused = problems(values, specs)
    if refused:
        raise InvalidValueError(next(iter(refused.values())))
    changes: dict[str, Any] = {}
    for spec in specs:
        if spec.stored and not spec.read_only and spec.key in values:
            changes[spec.key] = spec.clean(values[spec.key])
    return dataclasses.replace(settings, **changes)
