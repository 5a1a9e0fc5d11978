"""Alembic migration chain for the catalog database (batch mode on SQLite)."""
