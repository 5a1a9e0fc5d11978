"""Shared value types of the import engine: cleaned values, problems, column guesses, errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sellerdesk.core.errors import SellerDeskError

T = TypeVar("T")


class Severity(StrEnum):
    """How bad a problem is, from the seller's point of view."""

    #: The value could not be used: the field stays empty (or the row is skipped).
    ERROR = "error"
    #: The value was stored but deserves a look (ALL CAPS title, negative stock...).
    WARNING = "warning"
    #: The value was repaired (leading zero restored, mojibake fixed, HTML stripped).
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with one value, before it is tied to a row."""

    code: str
    message: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem on one row of the file, as the preview and the report show it."""

    row: int
    field: str | None
    code: str
    message: str
    severity: Severity
    value: str | None = None
    sku: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "sku": self.sku,
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "severity": self.severity.value,
            "value": self.value,
        }

    @classmethod
    def from_issue(
        cls, row: int, field_name: str | None, issue: Issue, value: str | None, sku: Any = None
    ) -> Problem:
        text = None if sku is None else str(sku)
        return cls(row, field_name, issue.code, issue.message, issue.severity, value, text)


@dataclass(slots=True)
class Cleaned(Generic[T]):
    """A cleaned value (``None`` when nothing usable was found) and what was wrong with it."""

    value: T | None
    issues: list[Issue] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ColumnGuess:
    """Where one column of the file goes, and how sure the guess is (0.0 to 1.0)."""

    column: int
    header: str
    target: str | None
    confidence: float
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "header": self.header,
            "target": self.target,
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
        }


class ImportFileError(SellerDeskError):
    """A file that cannot be imported at all (empty, not a table, too big, unreadable...)."""
