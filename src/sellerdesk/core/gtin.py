"""GTIN/UPC/EAN normalization: check digits, UPC-E expansion, GTIN-14 comparison keys."""

from __future__ import annotations

import re

from sellerdesk.core.errors import InvalidValueError

GTIN_LENGTHS = (8, 12, 13, 14)
#: what people type between a GTIN's digits (spaces, dashes, dots)
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]")


def check_digit(body: str) -> int:
    """Return the GS1 mod-10 check digit for ``body`` (all digits except the check digit)."""
    # Weights 3, 1, 3, ... from the right; digit sums of the sliced strings avoid a Python loop.
    odd = sum(map(int, body[::-2]))
    even = sum(map(int, body[-2::-2]))
    return (10 - (3 * odd + even) % 10) % 10


def has_valid_check_digit(code: str) -> bool:
    """True when ``code`` is all digits, a GTIN length, and its last digit checks out."""
    if not code.isdigit() or len(code) not in GTIN_LENGTHS:
        return False
    return check_digit(code[:-1]) == int(code[-1])


def valid_gtin(code: str) -> bool:
    """``has_valid_check_digit`` for ASCII digits only, several times quicker (channel checks
    run it over every product for every channel)."""
    if len(code) not in GTIN_LENGTHS or not code.isdigit() or not code.isascii():
        return False
    digits = code.rjust(14, "0").encode()
    # weights 3,1,3,1... from the left of the 14-digit form; minus the ASCII '0' offsets
    return (3 * sum(digits[0::2]) + sum(digits[1::2]) - 1344) % 10 == 0


def expand_upc_e(code: str) -> str:
    """Expand an 8-digit UPC-E (number system 0/1) to its 12-digit UPC-A form."""
    if len(code) != 8 or not code.isdigit() or code[0] not in "01":
        raise InvalidValueError(f"{code!r} is not a UPC-E code")
    ns, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = f"{ns}{d[0]}{d[1]}{last}0000{d[2]}{d[3]}{d[4]}"
    elif last == "3":
        body = f"{ns}{d[0]}{d[1]}{d[2]}00000{d[3]}{d[4]}"
    elif last == "4":
        body = f"{ns}{d[0]}{d[1]}{d[2]}{d[3]}00000{d[4]}"
    else:
        body = f"{ns}{d[0]}{d[1]}{d[2]}{d[3]}{d[4]}0000{last}"
    return body + check


def normalize_gtin(raw: str) -> str:
    """Return the digits of a valid GTIN-8/12/13/14, or raise InvalidValueError saying why.

    Spaces and dashes are removed. GTIN-12 and GTIN-13 are kept as typed (no padding).
    """
    text = SEPARATORS.sub("", raw.strip())
    if not text:
        raise InvalidValueError("the GTIN is empty")
    if not text.isdigit():
        raise InvalidValueError(f"GTIN {raw!r} must contain only digits")
    if len(text) not in GTIN_LENGTHS:
        raise InvalidValueError(
            f"GTIN {raw!r} has {len(text)} digits; a GTIN has 8, 12, 13 or 14 digits"
        )
    if not has_valid_check_digit(text):
        expected = check_digit(text[:-1])
        raise InvalidValueError(
            f"GTIN {raw!r} has a wrong check digit (last digit should be {expected})"
        )
    return text


def gtin14(code: str) -> str:
    """Comparison key: a valid GTIN left-padded with zeros to 14 digits."""
    return code.zfill(14)


def with_check_digit(body: str) -> str:
    """Append the check digit to ``body``."""
    return body + str(check_digit(body))
