"""Bulk-edit operations: each turns a field's current value into its new value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FieldSpec, Kind
from sellerdesk.core.money import adjust_percent, round_to_99


@dataclass(frozen=True)
class SetValue:
    value: Any

    def describe(self, spec: FieldSpec) -> str:
        return f"Set {spec.label}"

    def apply(self, spec: FieldSpec, old: Any, currency: str | None) -> Any:
        return spec.parse(self.value)


@dataclass(frozen=True)
class FindReplace:
    find: str
    replace: str
    case_sensitive: bool = False

    def describe(self, spec: FieldSpec) -> str:
        return f"Replace {self.find!r} in {spec.label}"

    def apply(self, spec: FieldSpec, old: Any, currency: str | None) -> Any:
        if spec.kind not in (Kind.TEXT, Kind.LONG_TEXT, Kind.LIST):
            raise InvalidValueError(f"find and replace works on text fields, not {spec.label}")
        if not self.find:
            raise InvalidValueError("the text to find is empty")
        flags = 0 if self.case_sensitive else re.IGNORECASE
        pattern = re.compile(re.escape(self.find), flags)
        if old is None:
            return None
        if spec.kind is Kind.LIST:
            return spec.parse([pattern.sub(lambda _m: self.replace, str(v)) for v in old])
        return spec.parse(pattern.sub(lambda _m: self.replace, str(old)))


@dataclass(frozen=True)
class AdjustPercent:
    percent: Decimal
    round_99: bool = False

    def describe(self, spec: FieldSpec) -> str:
        sign = "+" if self.percent >= 0 else ""
        return f"{spec.label} {sign}{self.percent}%" + (
            " (rounded to .99)" if self.round_99 else ""
        )

    def apply(self, spec: FieldSpec, old: Any, currency: str | None) -> Any:
        _require_money(spec)
        if old is None:
            return None
        changed = adjust_percent(Decimal(old), self.percent, currency or "USD")
        return round_to_99(changed) if self.round_99 else changed


@dataclass(frozen=True)
class RoundTo99:
    def describe(self, spec: FieldSpec) -> str:
        return f"Round {spec.label} to .99"

    def apply(self, spec: FieldSpec, old: Any, currency: str | None) -> Any:
        _require_money(spec)
        return None if old is None else round_to_99(Decimal(old))


BulkOperation = SetValue | FindReplace | AdjustPercent | RoundTo99


def _require_money(spec: FieldSpec) -> None:
    if spec.kind is not Kind.MONEY:
        raise InvalidValueError(f"price changes work on money fields, not {spec.label}")
