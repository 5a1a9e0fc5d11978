"""GTIN check digits and UPC-E, money arithmetic, and field parsing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import field
from sellerdesk.core.gtin import (
    expand_upc_e,
    gtin14,
    has_valid_check_digit,
    normalize_gtin,
    valid_gtin,
)
from sellerdesk.core.money import adjust_percent, round_to_99


@pytest.mark.parametrize("code", ["4006381333931", "036000291452", "96385074", "00012345600012"])
def test_known_valid_gtins(code: str) -> None:
    assert has_valid_check_digit(code)
    assert normalize_gtin(code) == code


@pytest.mark.parametrize(
    "code",
    [
        "012345678905",
        "012345678901",
        "4006381333931",
        "4006381333932",
        "96385074",
        "12345670",
        "00012345600012",
        "10012345678902",
        "012345678906",
        "١٢٣٤٥٦٧٨",
        "١٢٣٤٥٦٧٠",
        "12a45678",
        "abcdefghijkl",
        "1234",
        "",
    ],
)
def test_quick_gtin_check_agrees_with_the_core_one(code: str) -> None:
    assert valid_gtin(code) == (code.isascii() and has_valid_check_digit(code))


def test_gtin_separators_removed_and_bad_check_digit_named() -> None:
    assert normalize_gtin(" 4006-3813 33931 ") == "4006381333931"
    with pytest.raises(InvalidValueError, match="should be 1"):
        normalize_gtin("4006381333932")
    with pytest.raises(InvalidValueError, match="digits"):
        normalize_gtin("12345")


@pytest.mark.parametrize(
    ("upc_e", "upc_a"),
    [("01234565", "012345000065"), ("04252614", "042100005264"), ("00123457", "001234000057")],
)
def test_upc_e_expansion(upc_e: str, upc_a: str) -> None:
    assert expand_upc_e(upc_e) == upc_a
    assert has_valid_check_digit(upc_a)


def test_gtin14_pads() -> None:
    assert gtin14("036000291452") == "00036000291452"


def test_money_adjust_and_charm_rounding() -> None:
    assert adjust_percent(Decimal("19.99"), Decimal(10)) == Decimal("21.99")
    assert adjust_percent(Decimal("100"), Decimal("-15")) == Decimal("85.00")
    assert adjust_percent(Decimal("1000"), Decimal(10), "JPY") == Decimal("1100")
    assert round_to_99(Decimal("12.20")) == Decimal("11.99")
    assert round_to_99(Decimal("12.70")) == Decimal("12.99")
    assert round_to_99(Decimal("0.40")) == Decimal("0.99")


def test_field_parsing() -> None:
    assert field("price").parse("1,299.50") == Decimal("1299.50")
    assert field("stock").parse("12") == 12
    assert field("stock").parse(" ") is None
    assert field("bullets").parse("a | b |") == ["a", "b"]
    assert field("attributes").parse('{"color": "red"}') == {"color": "red"}
    assert field("currency").parse("eur") == "EUR"
    assert field("condition").parse("New") == "new"
    for name, bad in [("stock", "-3"), ("stock", "2.5"), ("price", "abc"), ("condition", "mint")]:
        with pytest.raises(InvalidValueError):
            field(name).parse(bad)
    with pytest.raises(InvalidValueError, match="unknown field"):
        field("colour")
