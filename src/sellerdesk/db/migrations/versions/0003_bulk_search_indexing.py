"""Bulk search indexing: the FTS insert/delete triggers stand aside during bulk writes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

from sellerdesk.db.dialect import helper_for

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    helper_for(op.get_bind().dialect.name).install_bulk_index_guard(op.get_bind())


def downgrade() -> None:
    helper_for(op.get_bind().dialect.name).remove_bulk_index_guard(op.get_bind())
