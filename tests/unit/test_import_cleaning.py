"""The value cleaners of the import engine: money, GTINs, numbers, dates, units and text."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from sellerdesk.importers.clean_gtin import clean_gtin
from sellerdesk.importers.clean_money import (
    COMMA,
    DOT,
    NumberStyle,
    clean_money,
    currency_from_text,
    guess_number_style,
    parse_number,
)
from sellerdesk.importers.clean_numbers import (
    clean_bool,
    clean_date,
    clean_decimal,
    clean_int,
    clean_stock,
)
from sellerdesk.importers.clean_text import (
    clean_description,
    clean_line,
    clean_sku,
    clean_title,
    html_to_text,
    looks_like_html,
    split_list,
)
from sellerdesk.importers.clean_units import clean_length_cm, clean_weight_g, unit_from_header
from sellerdesk.importers.model import Cleaned, Severity


def codes(result: Cleaned[Any]) -> list[str]:
    return [issue.code for issue in result.issues]


def only_issue(result: Cleaned[Any], code: str, severity: Severity) -> str:
    assert codes(result) == [code]
    assert result.issues[0].severity is severity
    return result.issues[0].message


# --- number styles and currencies -------------------------------------------------------------


def test_number_style_rejects_other_separators() -> None:
    with pytest.raises(ValueError):
        NumberStyle(";")
    assert DOT.thousands == "," and COMMA.thousands == "."


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (["1.249,00", "24,90", "12,50"], COMMA),
        (["$1,299.00", "19.99"], DOT),
        (["1,299", "2,499"], DOT),
        (["1,299", "2,499", "4,99"], COMMA),
        (["1.299.000"], COMMA),
        (["1,299,000"], DOT),
        (["0,999"], COMMA),
        (["12,-", "7,-"], COMMA),
        (["1 299,00 €", "N/A", ""], COMMA),
        (["", "call", "12"], DOT),
        ([], DOT),
    ],
)
def test_guess_number_style(samples: list[str], expected: NumberStyle) -> None:
    assert guess_number_style(samples) == expected


def test_guess_number_style_accepts_a_generator() -> None:
    assert guess_number_style(value for value in ("3,50", "4,20")) is COMMA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Preis (EUR)", "EUR"),
        ("Wholesale $", "USD"),
        ("£6.50", "GBP"),
        ("1.299,00 €", "EUR"),
        ("CAD 5", "CAD"),
        ("¥", "JPY"),
        ("kr", None),
        ("199 kr.", None),
        ("Price", None),
        ("price_eur", "EUR"),
        ("Cost (usd)", "USD"),
        ("CA$ 12", "CAD"),
        ("AU$12", "AUD"),
        ("R$ 10,00", "BRL"),
        ("12 zł", "PLN"),
        ("CAD $5", "CAD"),
        ("Price (cad)", None),
        ("Cup size", None),
        ("abc", None),
        ("", None),
    ],
)
def test_currency_from_text(text: str, expected: str | None) -> None:
    assert currency_from_text(text) == expected


@pytest.mark.parametrize(
    ("text", "style", "value", "reinterpreted"),
    [
        ("12", DOT, "12", False),
        ("1,299.00", DOT, "1299.00", False),
        ("1.299,00", COMMA, "1299.00", False),
        ("1 299,00", COMMA, "1299.00", False),
        ("1'299.50", DOT, "1299.50", False),
        ("1,299", DOT, "1299", False),
        ("1,299", COMMA, "1.299", False),
        ("4,99", DOT, "4.99", True),
        ("12.50", COMMA, "12.50", True),
        ("1.299,00", DOT, "1299.00", True),
        ("1.299.000", DOT, "1299000", True),
        ("0,999", DOT, "0.999", True),
        (".5", DOT, "0.5", False),
        (",5", DOT, "0.5", True),
    ],
)
def test_parse_number(text: str, style: NumberStyle, value: str, reinterpreted: bool) -> None:
    number, note = parse_number(text, style)
    assert number == Decimal(value)
    assert (note is not None) is reinterpreted


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "12.34.56", "1,2,3.4,5", "1,23,456", "1e5"])
def test_parse_number_refuses(text: str) -> None:
    assert parse_number(text, DOT) == (None, None)


# --- money ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "style", "default", "amount", "currency"),
    [
        ("$1,299.00", DOT, None, "1299.00", "USD"),
        ("1.299,00 €", COMMA, None, "1299.00", "EUR"),
        ("12,50", COMMA, None, "12.50", None),
        ("12,50", COMMA, "EUR", "12.50", "EUR"),
        ("£6.50", DOT, None, "6.50", "GBP"),
        ("£6.50", DOT, "EUR", "6.50", "GBP"),
        ("$24.99", DOT, None, "24.99", "USD"),
        ("USD 12.99", DOT, None, "12.99", "USD"),
        ("12.99 usd", DOT, None, "12.99", "USD"),
        (" 12.00 ", DOT, None, "12.00", None),
        ("12", DOT, "USD", "12.00", "USD"),
        ("8.4", DOT, None, "8.40", None),
        ("CAD 5", DOT, None, "5.00", "CAD"),
        ("$5", DOT, "CAD", "5.00", "CAD"),
        ("¥1200", DOT, None, "1200", "JPY"),
        ("1200", DOT, "JPY", "1200", "JPY"),
        ("1 299,00 €", COMMA, None, "1299.00", "EUR"),
        ("199 kr", DOT, "SEK", "199.00", "SEK"),
        ("12,-", COMMA, "EUR", "12.00", "EUR"),
        ("+7.5", DOT, None, "7.50", None),
        ("0", DOT, None, "0.00", None),
        ("-0", DOT, None, "0.00", None),
    ],
)
def test_clean_money(
    raw: str, style: NumberStyle, default: str | None, amount: str, currency: str | None
) -> None:
    result = clean_money(raw, style, default)
    assert result.issues == []
    assert result.value == (Decimal(amount), currency)
    assert str(result.value[0]) == amount


def test_money_comma_decimal_in_a_dot_column() -> None:
    result = clean_money("4,99", DOT)
    assert result.value == (Decimal("4.99"), None)
    message = only_issue(result, "price.separator", Severity.FIXED)
    assert "'4,99'" in message and "comma was read as the decimal separator" in message


def test_money_other_style_read_when_unambiguous() -> None:
    result = clean_money("1.299,00 €", DOT)
    assert result.value == (Decimal("1299.00"), "EUR")
    assert codes(result) == ["price.separator"]


@pytest.mark.parametrize("raw", ["N/A", "call", "abc", "€", "1.2.3", "12.99/ea", "5 try", "--5"])
def test_money_unparseable(raw: str) -> None:
    result = clean_money(raw, DOT, "USD")
    assert result.value is None
    message = only_issue(result, "price.unparseable", Severity.ERROR)
    assert f"'{raw}'" in message and "not a number" in message


def test_money_na_message_reads_well() -> None:
    result = clean_money("N/A", DOT)
    assert result.issues[0].message == "Price 'N/A' is not a number; the price was left empty."


@pytest.mark.parametrize("raw", ["-5", "-$5.00", "$-5", "(5.00)", "5.00-", "−3,50 €"])
def test_money_negative(raw: str) -> None:
    result = clean_money(raw, DOT)
    assert result.value is None
    message = only_issue(result, "price.negative", Severity.ERROR)
    assert "price cannot be negative" in message


def test_money_label_names_the_field() -> None:
    result = clean_money("-5", DOT, label="Cost")
    assert "a cost cannot be negative" in result.issues[0].message


def test_money_empty_is_not_a_problem() -> None:
    assert clean_money("", DOT) == Cleaned(None, [])
    assert clean_money("   ", COMMA, "EUR") == Cleaned(None, [])


@pytest.mark.parametrize(
    ("raw", "currency", "amount"),
    [("12.345", "USD", "12.35"), ("12.5", "JPY", "13"), ("1,299", "USD", "1.30")],
)
def test_money_rounding_is_reported(raw: str, currency: str, amount: str) -> None:
    style = COMMA if raw == "1,299" else DOT
    result = clean_money(raw, style, currency)
    assert result.value == (Decimal(amount), currency)
    only_issue(result, "price.rounded", Severity.WARNING)


def test_money_ambiguous_krona_is_reported() -> None:
    result = clean_money("199 kr", DOT, "EUR")
    assert result.value == (Decimal("199.00"), None)
    only_issue(result, "price.currency_ambiguous", Severity.WARNING)


def test_money_too_large() -> None:
    result = clean_money("99999999999999999999999999999999", DOT)
    assert result.value is None
    assert codes(result) == ["price.too_large"]


# --- GTIN -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["840012345672", "084001234565", "4006381333931", "96385074", "01234565", "10614141000415"],
)
def test_gtin_valid_kept_as_typed(raw: str) -> None:
    assert clean_gtin(raw) == Cleaned(raw, [])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" 084001234565 ", "084001234565"),
        ("0-12345-67892-9", "012345678929"),
        ("0 12345 67892 9", "012345678929"),
        ("4006381.333931", "4006381333931"),
        ("'012345678905", "012345678905"),
    ],
)
def test_gtin_separators_removed(raw: str, expected: str) -> None:
    assert clean_gtin(raw) == Cleaned(expected, [])


@pytest.mark.parametrize(
    ("raw", "expected"), [("12345678905", "012345678905"), ("76123456796", "076123456796")]
)
def test_gtin_leading_zero_restored(raw: str, expected: str) -> None:
    result = clean_gtin(raw)
    assert result.value == expected
    message = only_issue(result, "gtin.leading_zero", Severity.FIXED)
    assert "leading zero was restored" in message


def test_gtin_float_from_a_spreadsheet() -> None:
    result = clean_gtin("12345678905.0")
    assert result.value == "012345678905"
    assert codes(result) == ["gtin.decimal", "gtin.leading_zero"]
    assert all(issue.severity is Severity.FIXED for issue in result.issues)
    assert clean_gtin("4006381333931.0").value == "4006381333931"


def test_gtin_upc_e_expanded_unless_a_valid_ean8() -> None:
    result = clean_gtin("04252614")
    assert result.value == "042100005264"
    only_issue(result, "gtin.upc_e", Severity.FIXED)
    # 01234565 is both a valid EAN-8 and a UPC-E: the EAN-8 reading wins.
    assert clean_gtin("01234565") == Cleaned("01234565", [])


@pytest.mark.parametrize("raw", ["3.65275E+11", "3,65275E+11", "3.65E11", "4.00638e+12"])
def test_gtin_scientific_notation(raw: str) -> None:
    result = clean_gtin(raw)
    assert result.value is None
    message = only_issue(result, "gtin.scientific", Severity.ERROR)
    assert "spreadsheet" in message and "lost" in message and "formatted as text" in message


@pytest.mark.parametrize(
    ("raw", "expected_digit"),
    [("012345678999", 8), ("8400123456790", 1), ("01234567", 5), ("4006381333932", 1)],
)
def test_gtin_wrong_check_digit(raw: str, expected_digit: int) -> None:
    result = clean_gtin(raw)
    assert result.value is None
    message = only_issue(result, "gtin.check_digit", Severity.ERROR)
    assert f"should be {expected_digit}" in message


@pytest.mark.parametrize("raw", ["ABC123", "12345", "1234567890", "123456789012345", "12345678901"])
def test_gtin_invalid(raw: str) -> None:
    result = clean_gtin(raw)
    assert result.value is None
    only_issue(result, "gtin.invalid", Severity.ERROR)


def test_gtin_empty() -> None:
    assert clean_gtin("") == Cleaned(None, [])
    assert clean_gtin("  ") == Cleaned(None, [])


# --- stock and other numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [("45", 45), ("45.0", 45), ("1,200", 1200), (" 7 ", 7), ("0", 0)]
)
def test_clean_stock(raw: str, expected: int) -> None:
    assert clean_stock(raw) == Cleaned(expected, [])


def test_stock_thousands_in_the_other_style() -> None:
    result = clean_stock("1.200")
    assert result.value == 1200
    only_issue(result, "stock.separator", Severity.FIXED)
    assert clean_stock("1.200", COMMA) == Cleaned(1200, [])


@pytest.mark.parametrize("raw", ["n/a", "N/A", "-", "?", "lots"])
def test_stock_unparseable(raw: str) -> None:
    result = clean_stock(raw)
    assert result.value is None
    message = only_issue(result, "stock.unparseable", Severity.ERROR)
    assert f"'{raw}'" in message


def test_stock_negative_is_refused() -> None:
    result = clean_stock("-3")
    assert result.value is None
    message = only_issue(result, "stock.negative", Severity.ERROR)
    assert "'-3'" in message


@pytest.mark.parametrize("raw", ["2.5", "1,5"])
def test_stock_fraction(raw: str) -> None:
    result = clean_stock(raw)
    assert result.value is None
    only_issue(result, "stock.fraction", Severity.ERROR)


def test_stock_blank_is_reported() -> None:
    for raw in ("", "   "):
        result = clean_stock(raw)
        assert result.value is None
        only_issue(result, "stock.blank", Severity.WARNING)


def test_stock_at_least() -> None:
    result = clean_stock("100+")
    assert result.value == 100
    only_issue(result, "stock.at_least", Severity.WARNING)


@pytest.mark.parametrize(
    ("raw", "expected", "issue_codes"),
    [
        ("12", 12, []),
        ("-12", -12, []),
        ("12.0", 12, []),
        ("1,234", 1234, []),
        ("", None, []),
        ("x", None, ["int.unparseable"]),
        ("1.5", None, ["int.fraction"]),
        ("9" * 25, None, ["int.too_large"]),
    ],
)
def test_clean_int(raw: str, expected: int | None, issue_codes: list[str]) -> None:
    result = clean_int(raw)
    assert result.value == expected
    assert codes(result) == issue_codes


@pytest.mark.parametrize(
    ("raw", "style", "expected", "issue_codes"),
    [
        ("1.5", DOT, "1.5", []),
        ("1,5", COMMA, "1.5", []),
        ("1,5", DOT, "1.5", ["number.separator"]),
        ("1,250.75", DOT, "1250.75", []),
        ("0.123456", DOT, "0.1235", ["number.rounded"]),
        ("", DOT, None, []),
        ("-1", DOT, None, ["number.negative"]),
        ("abc", DOT, None, ["number.unparseable"]),
        ("1e13", DOT, None, ["number.unparseable"]),
        ("10000000000000", DOT, None, ["number.too_large"]),
    ],
)
def test_clean_decimal(
    raw: str, style: NumberStyle, expected: str | None, issue_codes: list[str]
) -> None:
    result = clean_decimal(raw, style)
    assert result.value == (None if expected is None else Decimal(expected))
    assert codes(result) == issue_codes


# --- dates and booleans -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01/03/2026", dt.date(2026, 1, 3)),
        ("1/3/26", dt.date(2026, 1, 3)),
        ("2026-01-03", dt.date(2026, 1, 3)),
        ("2026-01-03T10:00:00", dt.date(2026, 1, 3)),
        ("2026-01-03 10:00:00+02:00", dt.date(2026, 1, 3)),
        ("2026/01/03", dt.date(2026, 1, 3)),
        ("03.01.2026", dt.date(2026, 1, 3)),
        ("3.1.2026", dt.date(2026, 1, 3)),
        ("3 Jan 2026", dt.date(2026, 1, 3)),
        ("03-Jan-2026", dt.date(2026, 1, 3)),
        ("3 January 2026", dt.date(2026, 1, 3)),
        ("3. März 2026", dt.date(2026, 3, 3)),
        ("Jan 3, 2026", dt.date(2026, 1, 3)),
        ("March 3rd, 2026", dt.date(2026, 3, 3)),
        ("12/31/2025 10:30 PM", dt.date(2025, 12, 31)),
    ],
)
def test_clean_date(raw: str, expected: dt.date) -> None:
    assert clean_date(raw) == Cleaned(expected, [])


def test_date_day_first() -> None:
    assert clean_date("01/03/2026", day_first=True).value == dt.date(2026, 3, 1)
    result = clean_date("25/03/2026")
    assert result.value == dt.date(2026, 3, 25)
    only_issue(result, "date.day_first", Severity.WARNING)


def test_date_excel_serial() -> None:
    result = clean_date("46025")
    assert result.value == dt.date(2026, 1, 3)
    only_issue(result, "date.excel_serial", Severity.FIXED)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("garbage", "date.unparseable"),
        ("3 Foo 2026", "date.unparseable"),
        ("12", "date.unparseable"),
        ("2026-02-30", "date.invalid"),
        ("13/13/2026", "date.invalid"),
    ],
)
def test_date_errors(raw: str, code: str) -> None:
    result = clean_date(raw)
    assert result.value is None
    assert f"'{raw}'" in only_issue(result, code, Severity.ERROR)


def test_date_empty() -> None:
    assert clean_date("") == Cleaned(None, [])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        *[(word, True) for word in ("TRUE", "true", "1", "yes", "Y", "ja", "sí", "si", "oui")],
        *[(word, True) for word in ("sim", "x")],
        *[(word, False) for word in ("FALSE", "0", "no", "N", "nein", "non", "não", "nao")],
    ],
)
def test_clean_bool(raw: str, expected: bool) -> None:
    assert clean_bool(raw) == Cleaned(expected, [])


def test_bool_errors_and_blank() -> None:
    assert clean_bool(" ") == Cleaned(None, [])
    result = clean_bool("maybe")
    assert result.value is None
    assert "'maybe'" in only_issue(result, "bool.unparseable", Severity.ERROR)


# --- units ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Wt (lb)", "lb"),
        ("Gewicht (kg)", "kg"),
        ("Variant Grams", "g"),
        ("Weight (oz)", "oz"),
        ("Length (cm)", "cm"),
        ("Höhe (mm)", "mm"),
        ("Width (in)", "in"),
        ("Width inches", "in"),
        ("Length in cm", "cm"),
        ("weight_kg", "kg"),
        ("Shipping Weight (lbs.)", "lb"),
        ("Weight (in lbs)", "lb"),
        ("Length [m]", "m"),
        ("WeightKg", "kg"),
        ("ItemWeightOz", "oz"),
        ("PackageLengthCM", "cm"),
        ("Weight", None),
        ("Made in Germany", None),
        ("", None),
    ],
)
def test_unit_from_header(header: str, unit: str | None) -> None:
    assert unit_from_header(header) == unit


@pytest.mark.parametrize(
    ("raw", "style", "default", "grams"),
    [
        # 5.1 x 453.59237 = 2313.321087 g
        ("5.1 lb", DOT, None, "2313.32"),
        ("5.1lbs.", DOT, None, "2313.32"),
        ("450 g", DOT, None, "450.00"),
        ("0,45 kg", COMMA, None, "450.00"),
        ("12 oz", DOT, None, "340.19"),
        ("1 lb 4 oz", DOT, None, "566.99"),
        ("1 299 g", DOT, None, "1299.00"),
        ("5", DOT, "lb", "2267.96"),
        ("2,5", COMMA, "kg", "2500.00"),
        ("450", DOT, "g", "450.00"),
    ],
)
def test_clean_weight_g(raw: str, style: NumberStyle, default: str | None, grams: str) -> None:
    result = clean_weight_g(raw, style, default)
    assert result == Cleaned(Decimal(grams), [])
    assert result.value is not None and str(result.value) == grams


def test_weight_without_unit_assumes_grams() -> None:
    result = clean_weight_g("450", DOT, None)
    assert result.value == Decimal("450.00")
    assert "no unit; assumed grams" in only_issue(result, "weight.no_unit", Severity.WARNING)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("5 stone", "weight.unit"),
        ("5 cm", "weight.unit"),
        ("heavy", "weight.unparseable"),
        ("-5 g", "weight.negative"),
    ],
)
def test_weight_errors(raw: str, code: str) -> None:
    result = clean_weight_g(raw, DOT, None)
    assert result.value is None
    assert f"'{raw}'" in only_issue(result, code, Severity.ERROR)


@pytest.mark.parametrize(
    ("raw", "default", "centimetres"),
    [
        ("150 mm", None, "15.00"),
        ("12 cm", None, "12.00"),
        ("1.2 m", None, "120.00"),
        ("12 in", None, "30.48"),
        ("12 inch", None, "30.48"),
        ('12"', None, "30.48"),
        ("5 ft", None, "152.40"),
        ("5' 3\"", None, "160.02"),
        ("5 ft 3 in", None, "160.02"),
        ("30", "mm", "3.00"),
        ("10", "in", "25.40"),
    ],
)
def test_clean_length_cm(raw: str, default: str | None, centimetres: str) -> None:
    assert clean_length_cm(raw, DOT, default) == Cleaned(Decimal(centimetres), [])


def test_length_errors_and_defaults() -> None:
    result = clean_length_cm("30", DOT, None, label="Width")
    assert result.value == Decimal("30.00")
    assert "Width '30'" in only_issue(result, "length.no_unit", Severity.WARNING)
    assert codes(clean_length_cm("10 x 20 cm", DOT, None)) == ["length.unparseable"]
    assert codes(clean_length_cm("5 kg", DOT, None)) == ["length.unit"]
    assert clean_length_cm("", DOT, "cm") == Cleaned(None, [])


# --- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Wireless   Headphones ", "Wireless Headphones"),
        ("Line\tone\nline\u00a0two", "Line one line two"),
        ("Größe XL", "Größe XL"),
        ("Ângulo reto", "Ângulo reto"),
        ("naïve café", "naïve café"),
    ],
)
def test_clean_line(raw: str, expected: str) -> None:
    assert clean_line(raw) == Cleaned(expected, [])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("KaffeemÃ¼hle", "Kaffeemühle"),
        ("StraÃŸe  cafÃ©", "Straße café"),
        ("â€žQuoteâ€œ", "„Quote“"),
    ],
)
def test_clean_line_repairs_mojibake(raw: str, expected: str) -> None:
    result = clean_line(raw)
    assert result.value == expected
    only_issue(result, "text.mojibake", Severity.FIXED)


def test_clean_line_control_characters_and_empty() -> None:
    result = clean_line("Bad\x00 val\x07ue\u200b")
    assert result.value == "Bad value"
    only_issue(result, "text.control_chars", Severity.FIXED)
    assert clean_line("") == Cleaned(None, [])
    assert clean_line(" \t\n ") == Cleaned(None, [])


@pytest.mark.parametrize(
    ("raw", "expected", "issue_codes"),
    [
        ("AB-123", "AB-123", []),
        ("ab-123", "ab-123", []),
        ("  AB-123 ", "AB-123", ["sku.trimmed"]),
        ("AB  123", "AB 123", ["sku.trimmed"]),
        ("AB\t123\n", "AB 123", ["sku.trimmed"]),
        ("", None, []),
        ("x" * 101, None, ["sku.too_long"]),
    ],
)
def test_clean_sku(raw: str, expected: str | None, issue_codes: list[str]) -> None:
    result = clean_sku(raw)
    assert result.value == expected
    assert codes(result) == issue_codes


def test_clean_sku_accepts_100_characters() -> None:
    assert clean_sku("x" * 100) == Cleaned("x" * 100, [])


@pytest.mark.parametrize(
    ("raw", "flagged"),
    [
        ("USB-C CHARGING CABLE 2M BRAIDED", True),
        ("USB-C CHARGING CABLE 2m BRAIDED", True),
        ("USB-C Charging Cable 2M Braided", False),
        ("SONY WH-1000XM5", False),
        ("LED 100W E27", False),
    ],
)
def test_title_all_caps(raw: str, flagged: bool) -> None:
    result = clean_title(raw)
    assert result.value == raw
    assert codes(result) == (["title.all_caps"] if flagged else [])


def test_title_too_long_is_kept() -> None:
    title = ("Long title " * 30).strip()[:300]
    result = clean_title(title)
    assert result.value == title.strip()
    message = only_issue(result, "title.too_long", Severity.WARNING)
    assert "300" in message and "150" in message
    assert clean_title(title, max_length=300).issues == []


def test_title_over_the_catalog_limit_is_cut() -> None:
    title = "word " * 120
    result = clean_title(title, max_length=200)
    assert result.value is not None and len(result.value) <= 500
    assert codes(result) == ["title.too_long", "title.truncated"]


def test_title_html_and_mojibake() -> None:
    result = clean_title("<b>Kaffeemühle</b> Edelstahl")
    assert result.value == "Kaffeemühle Edelstahl"
    only_issue(result, "title.html", Severity.FIXED)
    result = clean_title("KaffeemÃ¼hle")
    assert result.value == "Kaffeemühle"
    assert codes(result) == ["text.mojibake"]
    assert clean_title("") == Cleaned(None, [])


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            "<p>Bluetooth <b>5.3</b>, noise-cancelling.</p>\n<ul><li>30h battery</li></ul>",
            "Bluetooth 5.3, noise-cancelling.\n• 30h battery",
        ),
        ("<p>A</p><p>B</p>", "A\nB"),
        ("One<br>Two<br/>Three", "One\nTwo\nThree"),
        ("A<br><br><br><br>B", "A\n\nB"),
        ("<h2>Specs</h2><ul>\n  <li>Red</li>\n  <li> Blue </li>\n</ul>", "Specs\n• Red\n• Blue"),
        ("Salt &amp; Pepper&nbsp;&nbsp;Mill &#8211; 20&nbsp;cm", "Salt & Pepper Mill – 20 cm"),
        ("<style>p {color: red}</style><script>alert(1)</script><p>Hi</p>", "Hi"),
        ("<table><tr><td>Weight</td><td>5 kg</td></tr><tr><td>Colour</td><td>red</td></tr>"
         "</table>", "Weight | 5 kg\nColour | red"),
        ("<div>  lots   of\n   space  </div>", "lots of space"),
        ("<ul><li></li><li>Only</li></ul>", "• Only"),
    ],
)  # fmt: skip
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>Hello</p>", True),
        ("Hello<br>World", True),
        ("<B>Bold</B>", True),
        ("Salt &amp; pepper", True),
        ("Plain text", False),
        ("Size < 10mm and > 5mm", False),
        ("<M8 screws>", False),
        ("Tom & Jerry", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_description_html() -> None:
    raw = "<p>Bluetooth <b>5.3</b>, noise-cancelling.</p>\n<ul><li>30h battery</li></ul>"
    result = clean_description(raw)
    assert result.value == ("Bluetooth 5.3, noise-cancelling.\n• 30h battery", raw)
    only_issue(result, "description.html", Severity.FIXED)


def test_description_plain_keeps_line_breaks() -> None:
    result = clean_description("  Line 1  \r\nLine 2\t\r\n\r\nLine 3\rLine 4 ")
    assert result == Cleaned(("Line 1\nLine 2\n\nLine 3\nLine 4", None), [])


def test_description_mojibake_and_empty() -> None:
    result = clean_description("FÃ¼r KaffeemÃ¼hle\nZweite Zeile")
    assert result.value == ("Für Kaffeemühle\nZweite Zeile", None)
    assert codes(result) == ["text.mojibake"]
    assert clean_description(" \r\n ") == Cleaned(None, [])


def test_description_control_characters() -> None:
    result = clean_description("Line\x00 1\nLine 2")
    assert result.value == ("Line 1\nLine 2", None)
    only_issue(result, "text.control_chars", Severity.FIXED)


@pytest.mark.parametrize(
    ("raw", "separators", "expected"),
    [
        ("red, blue|green; red\n\n yellow ", ",|;\n", ["red", "blue", "green", "yellow"]),
        ("a,,b", ",|;\n", ["a", "b"]),
        ("one item", ",|;\n", ["one item"]),
        ("a, b|c", "|", ["a, b", "c"]),
        ("Red  Wine | red  wine", "|", ["Red Wine", "red wine"]),
        ("", ",|;\n", []),
        (" , ; ", ",|;\n", []),
    ],
)
def test_split_list(raw: str, separators: str, expected: list[str]) -> None:
    assert split_list(raw, separators) == expected


# --- speed ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("clean_money", lambda: clean_money("$1,299.00", DOT)),
        ("clean_money plain", lambda: clean_money("12.99", DOT, "USD")),
        ("clean_gtin", lambda: clean_gtin("4006381333931")),
        ("clean_stock", lambda: clean_stock("45")),
        ("clean_line", lambda: clean_line("Wireless Headphones, Black")),
        ("clean_line unicode", lambda: clean_line("Kaffeemühle  Edelstahl")),
    ],
)
def test_cleaners_are_fast(name: str, call: Callable[[], object]) -> None:
    # About 0.3-5 µs per call on a laptop; the bound only catches an accidental slow path.
    start = time.perf_counter()
    for _ in range(100_000):
        call()
    assert time.perf_counter() - start < 3.0, name


@pytest.mark.parametrize(
    "html",
    [
        "<p>Bluetooth <b>5.3</b>, noise-cancelling.</p>\n<ul><li>30h battery</li></ul>",
        "Line one<br>Line two<br><br>Para &amp; more &lt;3",
        "<div><h2>Title</h2><p>a   b\n c</p></div><li/>x",
        "<p>x</p><br><p>y</p>",
        "<ul><li>a<li>b</ul>",
        "<p>café &eacute; &#233;</p>",
        "a <span class='x'>b</span> c",
    ],
)
def test_fast_html_path_matches_the_full_parser(html: str) -> None:
    from sellerdesk.importers.clean_text import _fast_parts, _TextExtractor

    fast = _fast_parts(html)
    assert fast is not None
    full = _TextExtractor()
    full.feed(html)
    full.close()
    assert "".join(fast) == "".join(full.parts)


@pytest.mark.parametrize(
    "html", ["<table><tr><td>a</td><td>b</td></tr></table>", "<script>x</script>ok", "<!-- c -->x"]
)
def test_unusual_html_goes_to_the_full_parser(html: str) -> None:
    from sellerdesk.importers.clean_text import _fast_parts

    assert _fast_parts(html) is None
