"""Saved import mappings (profiles) and sales records from sales reports.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sellerdesk.db.types import ExactDecimal, JSONText, UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("header_signature", sa.String(64), nullable=False),
        sa.Column("settings", JSONText(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_import_profiles"),
        sa.UniqueConstraint("name", name="uq_import_profiles_name"),
    )
    op.create_index("ix_import_profiles_header_signature", "import_profiles", ["header_signature"])
    op.create_table(
        "sales_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "batch_id",
            sa.Integer(),
            sa.ForeignKey(
                "change_batches.id",
                ondelete="CASCADE",
                name="fk_sales_records_batch_id_change_batches",
            ),
            nullable=False,
        ),
        sa.Column(
            "import_run_id",
            sa.Integer(),
            sa.ForeignKey(
                "import_runs.id",
                ondelete="SET NULL",
                name="fk_sales_records_import_run_id_import_runs",
            ),
        ),
        sa.Column("channel", sa.String(50), nullable=False),
        sa.Column("order_id", sa.String(100), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("title", sa.String(500)),
        sa.Column("sold_on", sa.Date()),
        sa.Column("canceled_on", sa.Date()),
        sa.Column("completed_on", sa.Date()),
        sa.Column("ship_to", sa.String(50)),
        sa.Column("ship_from", sa.String(50)),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("item_price", ExactDecimal()),
        sa.Column("net_proceeds", ExactDecimal()),
        sa.Column("amounts", JSONText()),
        sa.Column(
            "product_id",
            sa.Integer(),
            sa.ForeignKey(
                "products.id", ondelete="SET NULL", name="fk_sales_records_product_id_products"
            ),
        ),
        sa.Column("match_score", sa.Integer()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sales_records"),
    )
    op.create_index("ix_sales_records_batch_id", "sales_records", ["batch_id"])
    op.create_index("ix_sales_records_product_id", "sales_records", ["product_id"])
    op.create_index("ix_sales_records_channel_order", "sales_records", ["channel", "order_id"])


def downgrade() -> None:
    op.drop_table("sales_records")
    op.drop_table("import_profiles")
