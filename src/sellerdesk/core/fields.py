"""The product fields sellers edit: their kinds, labels, parsing from text and JSON encoding.

Every layer (service, CLI, export, GUI columns) asks this registry instead of hard-coding fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.gtin import normalize_gtin
from sellerdesk.core.money import normalize_currency


class Kind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    GTIN = "gtin"
    MONEY = "money"
    INT = "int"
    DECIMAL = "decimal"
    CURRENCY = "currency"
    CHOICE = "choice"
    LIST = "list"
    DICT = "dict"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: Kind
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    required: bool = False

    def parse(self, raw: Any) -> Any:
        """Turn user input (text from the CLI or a cell, or a typed value) into the stored value."""
        if raw is None or (type(raw) is str and not raw.strip()):
            if self.required:
                raise InvalidValueError(f"{self.label} cannot be empty")
            return None
        return _PARSERS[self.kind](self, raw)

    def to_json(self, value: Any) -> Any:
        """A JSON-safe form of a stored value (Decimals become strings)."""
        if value is None:
            return None
        if self.kind in (Kind.MONEY, Kind.DECIMAL):
            return str(value)
        return value

    def from_json(self, value: Any) -> Any:
        """The stored value back from its JSON form."""
        if value is None:
            return None
        if self.kind in (Kind.MONEY, Kind.DECIMAL):
            return Decimal(str(value))
        return value

    def display(self, value: Any) -> str:
        """Plain text for a cell, a CSV export or the terminal."""
        if value is None:
            return ""
        if self.kind is Kind.LIST:
            return " | ".join(str(v) for v in value)
        if self.kind is Kind.DICT:
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        if self.kind is Kind.MONEY:
            return f"{Decimal(value):.2f}"
        if self.kind is Kind.DECIMAL:
            return format(Decimal(value).normalize(), "f")
        return str(value)


CONDITIONS = ("new", "refurbished", "used")
STATUSES = ("active", "draft", "archived")

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("sku", "SKU", Kind.TEXT, max_length=100, required=True),
    FieldSpec("title", "Title", Kind.TEXT, max_length=500),
    FieldSpec("brand", "Brand", Kind.TEXT, max_length=200),
    FieldSpec("gtin", "GTIN", Kind.GTIN),
    FieldSpec("mpn", "MPN", Kind.TEXT, max_length=100),
    FieldSpec("price", "Price", Kind.MONEY),
    FieldSpec("sale_price", "Sale price", Kind.MONEY),
    FieldSpec("cost", "Cost", Kind.MONEY),
    FieldSpec("currency", "Currency", Kind.CURRENCY),
    FieldSpec("stock", "Stock", Kind.INT),
    FieldSpec("category_id", "Category ID", Kind.INT),
    FieldSpec("category_path", "Category", Kind.TEXT, max_length=1000),
    FieldSpec("description", "Description", Kind.LONG_TEXT, max_length=100_000),
    FieldSpec("bullets", "Bullet points", Kind.LIST),
    FieldSpec("keywords", "Keywords", Kind.LIST),
    FieldSpec("attributes", "Attributes", Kind.DICT),
    FieldSpec("condition", "Condition", Kind.CHOICE, choices=CONDITIONS),
    FieldSpec("status", "Status", Kind.CHOICE, choices=STATUSES),
    FieldSpec("weight_g", "Weight (g)", Kind.DECIMAL),
    FieldSpec("length_cm", "Length (cm)", Kind.DECIMAL),
    FieldSpec("width_cm", "Width (cm)", Kind.DECIMAL),
    FieldSpec("height_cm", "Height (cm)", Kind.DECIMAL),
)

FIELD_BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
#: Fields whose value comes from several sources (everything but the identity key).
SOURCED_FIELDS: tuple[str, ...] = tuple(n for n in FIELD_NAMES if n != "sku")
#: Columns an export or the table may also show, derived by the database.
EXTRA_COLUMNS: tuple[str, ...] = ("parent_sku", "updated_at")


def field(name: str) -> FieldSpec:
    """Look a field up by name, with a helpful error for a typo."""
    try:
        return FIELD_BY_NAME[name]
    except KeyError:
        known = ", ".join(FIELD_NAMES)
        raise InvalidValueError(f"unknown field {name!r}", f"Known fields: {known}.") from None


def _parse_text(spec: FieldSpec, raw: Any) -> str:
    text = raw if type(raw) is str else str(raw)
    if spec.kind is Kind.TEXT:
        text = text.strip()
    if spec.max_length is not None and len(text) > spec.max_length:
        raise InvalidValueError(
            f"{spec.label} is {len(text)} characters long; the limit is {spec.max_length}"
        )
    return text


def _parse_choice(spec: FieldSpec, raw: Any) -> str:
    text = str(raw).strip().lower()
    if text not in spec.choices:
        raise InvalidValueError(
            f"{spec.label} must be one of: {', '.join(spec.choices)} (got {raw!r})"
        )
    return text


_LIMIT = Decimal("1e12")
_PLACES = Decimal("0.0001")


def _parse_decimal(spec: FieldSpec, raw: Any) -> Decimal:
    if type(raw) is Decimal:
        value = raw
    else:
        if isinstance(raw, float):
            raw = repr(raw)
        try:
            value = Decimal(str(raw).strip().replace(",", ""))
        except InvalidOperation:
            raise InvalidValueError(f"{spec.label} must be a number (got {raw!r})") from None
    if not value.is_finite():
        raise InvalidValueError(f"{spec.label} must be a finite number (got {raw!r})")
    if value < 0:
        raise InvalidValueError(f"{spec.label} cannot be negative (got {raw!r})")
    if value >= _LIMIT:
        raise InvalidValueError(f"{spec.label} is too large (got {raw!r})")
    exponent = value.as_tuple().exponent
    return value.quantize(_PLACES) if isinstance(exponent, int) and exponent < -4 else value


def _parse_int(spec: FieldSpec, raw: Any) -> int:
    if isinstance(raw, bool):
        raise InvalidValueError(f"{spec.label} must be a whole number (got {raw!r})")
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InvalidValueError(f"{spec.label} must be a whole number (got {raw!r})") from None
        if not number.is_finite() or number != number.to_integral_value():
            raise InvalidValueError(f"{spec.label} must be a whole number (got {raw!r})")
        value = int(number)
    if value < 0 and spec.name == "stock":
        raise InvalidValueError(f"Stock cannot be negative (got {value})")
    if abs(value) >= 2**62:
        raise InvalidValueError(f"{spec.label} is too large (got {raw!r})")
    return value


def _parse_list(spec: FieldSpec, raw: Any) -> list[str] | None:
    if isinstance(raw, list | tuple):
        items = [str(v).strip() for v in raw]
    else:
        text = str(raw).strip()
        if text.startswith("["):
            try:
                decoded = json.loads(text)
            except json.JSONDecodeError:
                decoded = None
            if isinstance(decoded, list):
                return _parse_list(spec, decoded)
        items = [part.strip() for part in text.split("|")]
    cleaned = [item for item in items if item]
    return cleaned or None


def _parse_dict(spec: FieldSpec, raw: Any) -> dict[str, str] | None:
    if isinstance(raw, dict):
        data = raw
    else:
        try:
            data = json.loads(str(raw))
        except json.JSONDecodeError:
            raise InvalidValueError(
                f'{spec.label} must be a JSON object like {{"color": "red"}}'
            ) from None
        if not isinstance(data, dict):
            raise InvalidValueError(f"{spec.label} must be a JSON object")
    cleaned: dict[str, str] = {}
    for key, value in data.items():
        name = (key if type(key) is str else str(key)).strip()
        if name:
            cleaned[name] = (value if type(value) is str else str(value)).strip()
    return cleaned or None


_PARSERS: dict[Kind, Callable[[FieldSpec, Any], Any]] = {
    Kind.TEXT: _parse_text,
    Kind.LONG_TEXT: _parse_text,
    Kind.GTIN: lambda _spec, raw: normalize_gtin(str(raw)),
    Kind.MONEY: _parse_decimal,
    Kind.DECIMAL: _parse_decimal,
    Kind.INT: _parse_int,
    Kind.CURRENCY: lambda _spec, raw: normalize_currency(str(raw)),
    Kind.CHOICE: _parse_choice,
    Kind.LIST: _parse_list,
    Kind.DICT: _parse_dict,
}
