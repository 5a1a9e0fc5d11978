"""The error taxonomy: every error a seller can see carries a message and what to do next."""

from __future__ import annotations


class SellerDeskError(Exception):
    """Base error with a plain-words message and an optional hint on what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class InvalidValueError(SellerDeskError, ValueError):
    """A value that cannot be stored in a field (bad GTIN, negative stock, unknown field...)."""


class NotFoundError(SellerDeskError, LookupError):
    """A product, batch or other record that does not exist."""


class ConflictError(SellerDeskError):
    """A write that lost a race with another writer (stale version, duplicate SKU)."""


class NothingToDoError(SellerDeskError):
    """Undo with nothing to undo, redo with nothing to redo."""


class CatalogOpenError(SellerDeskError):
    """The catalog database cannot be opened safely."""


class DatabaseTooNewError(CatalogOpenError):
    """The catalog was written by a newer SellerDesk than this one."""


class DatabaseDamagedError(CatalogOpenError):
    """The catalog file fails SQLite's integrity checks or is not a database at all."""


class UnsupportedDatabaseError(CatalogOpenError):
    """A database URL whose kind SellerDesk does not support (yet)."""
