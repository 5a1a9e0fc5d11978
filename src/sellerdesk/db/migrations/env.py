"""Alembic environment: always run with a connection handed over by SellerDesk."""

from __future__ import annotations

from alembic import context

from sellerdesk.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("SellerDesk runs migrations itself; use `sellerdesk doctor` or open the app")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
