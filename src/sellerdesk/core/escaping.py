"""Neutralizing spreadsheet formulas in exported text (OWASP CSV injection guidance)."""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralize_formula(text: str) -> str:
    """Prefix a single quote when a spreadsheet would run ``text`` as a formula.

    Apply this only to text cells; numbers stay numbers so a negative amount is not mangled.
    """
    if text and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
