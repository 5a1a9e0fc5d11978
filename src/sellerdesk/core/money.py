"""Money as Decimal plus an ISO 4217 currency code, and the price arithmetic sellers use."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sellerdesk.core.errors import InvalidValueError

CENT = Decimal("0.01")

#: Currencies whose amounts have no minor unit.
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX"})


def normalize_currency(code: str) -> str:
    """Upper-case three-letter ISO 4217 code, or InvalidValueError."""
    text = code.strip().upper()
    if len(text) != 3 or not text.isalpha():
        raise InvalidValueError(f"currency {code!r} must be a three-letter code such as USD or EUR")
    return text


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency`` a price is rounded to."""
    return Decimal(1) if currency in ZERO_DECIMAL_CURRENCIES else CENT


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", normalize_currency(self.currency))

    def __str__(self) -> str:
        return f"{self.amount.quantize(minor_unit(self.currency))} {self.currency}"


def adjust_percent(amount: Decimal, percent: Decimal, currency: str = "USD") -> Decimal:
    """``amount`` changed by ``percent`` (e.g. 10 or -15), rounded to the currency's minor unit."""
    changed = amount * (Decimal(100) + percent) / Decimal(100)
    if changed < 0:
        raise InvalidValueError(f"a change of {percent}% would make the price negative")
    return changed.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def round_to_99(amount: Decimal) -> Decimal:
    """Charm pricing: the nearest price ending in .99 (12.20 -> 11.99, 12.70 -> 12.99).

    Amounts under 1 become 0.99.
    """
    if amount < 1:
        return Decimal("0.99")
    whole = amount.to_integral_value(rounding=ROUND_HALF_UP)
    return whole - CENT
