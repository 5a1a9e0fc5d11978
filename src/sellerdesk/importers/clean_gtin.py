"""Cleaning GTIN/UPC/EAN cells, including the damage spreadsheets do to long numbers.

Repairs: separators removed, the leading zero a spreadsheet dropped from a UPC restored,
"12345678905.0" read as a whole number, UPC-E expanded to UPC-A. Refusals: numbers in scientific
notation (their digits are gone), wrong check digits, wrong lengths.
"""

from __future__ import annotations

import re

from sellerdesk.core.gtin import (
    GTIN_LENGTHS,
    SEPARATORS,
    check_digit,
    expand_upc_e,
    has_valid_check_digit,
    valid_gtin,
)
from sellerdesk.importers.clean_text import quote_value
from sellerdesk.importers.model import Cleaned, Issue, Severity

_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d{1,3}")
_WHOLE_FLOAT = re.compile(r"(\d{6,14})[.,]0+")


def clean_gtin(raw: str) -> Cleaned[str]:
    """A valid GTIN-8/12/13/14 as digits (kept at its typed length), or None and an ERROR."""
    text = raw.strip()
    if not text:
        return Cleaned(None, [])
    if valid_gtin(text):
        return Cleaned(text, [])
    return _clean_gtin_slow(text, raw)


def _clean_gtin_slow(text: str, raw: str) -> Cleaned[str]:
    issues: list[Issue] = []
    if text[0] == "'":
        text = text[1:].strip()  # Excel's "store as text" marker, not part of the value
    if _SCIENTIFIC.fullmatch(text):
        return Cleaned(
            None,
            [
                Issue(
                    "gtin.scientific",
                    f"GTIN {quote_value(raw)} was damaged by a spreadsheet: it was turned into a "
                    "number in scientific notation and its last digits are lost. Re-export the "
                    "file with the GTIN column formatted as text.",
                )
            ],
        )
    whole = _WHOLE_FLOAT.fullmatch(text)
    if whole is not None:
        text = whole.group(1)
        issues.append(
            Issue(
                "gtin.decimal",
                f"GTIN {quote_value(raw)} was stored as a decimal number; the trailing "
                f"decimals were removed ({text}).",
                Severity.FIXED,
            )
        )
    digits = SEPARATORS.sub("", text)
    if not (digits.isdigit() and digits.isascii()):
        return Cleaned(
            None,
            [
                Issue(
                    "gtin.invalid",
                    f"GTIN {quote_value(raw)} must contain only digits; it was left empty.",
                )
            ],
        )
    length = len(digits)
    if length == 11:
        padded = "0" + digits
        if has_valid_check_digit(padded):
            issues.append(
                Issue(
                    "gtin.leading_zero",
                    f"GTIN {quote_value(raw)} had lost its first digit (a spreadsheet drops "
                    f"leading zeros); the leading zero was restored: {padded}.",
                    Severity.FIXED,
                )
            )
            return Cleaned(padded, issues)
        return Cleaned(
            None,
            [
                Issue(
                    "gtin.invalid",
                    f"GTIN {quote_value(raw)} has 11 digits and is not a UPC with a dropped "
                    "leading zero either (the check digit does not match); it was left empty.",
                )
            ],
        )
    if length not in GTIN_LENGTHS:
        return Cleaned(
            None,
            [
                Issue(
                    "gtin.invalid",
                    f"GTIN {quote_value(raw)} has {length} digits; a GTIN has 8, 12, 13 or 14 "
                    "digits. It was left empty.",
                )
            ],
        )
    if has_valid_check_digit(digits):
        return Cleaned(digits, issues)
    if length == 8 and digits[0] in "01":
        expanded = expand_upc_e(digits)
        if has_valid_check_digit(expanded):
            issues.append(
                Issue(
                    "gtin.upc_e",
                    f"GTIN {quote_value(raw)} is a short UPC-E code; it was expanded to the "
                    f"full UPC-A {expanded}.",
                    Severity.FIXED,
                )
            )
            return Cleaned(expanded, issues)
    return _check_failed(digits, raw)


def _check_failed(digits: str, raw: str) -> Cleaned[str]:
    expected = check_digit(digits[:-1])
    message = (
        f"GTIN {quote_value(raw)} has a wrong check digit: the last digit should be {expected}, "
        f"not {digits[-1]}. Check the number for a typo; it was left empty."
    )
    return Cleaned(None, [Issue("gtin.check_digit", message)])
