"""Catalog core: products with variants, provenance, images, change log and batches, FTS5.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sellerdesk.db.dialect import helper_for
from sellerdesk.db.types import ExactDecimal, JSONText, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "parent_id",
            sa.Integer(),
            sa.ForeignKey("products.id", ondelete="CASCADE", name="fk_products_parent_id_products"),
        ),
        sa.Column("sku", sa.String(100), nullable=False),
        sa.Column("title", sa.String(500)),
        sa.Column("brand", sa.String(200)),
        sa.Column("gtin", sa.String(14)),
        sa.Column("mpn", sa.String(100)),
        sa.Column("price", ExactDecimal()),
        sa.Column("sale_price", ExactDecimal()),
        sa.Column("cost", ExactDecimal()),
        sa.Column("currency", sa.String(3)),
        sa.Column("stock", sa.Integer()),
        sa.Column("category_id", sa.Integer()),
        sa.Column("category_path", sa.String(1000)),
        sa.Column("description", sa.Text()),
        sa.Column("bullets", JSONText()),
        sa.Column("keywords", JSONText()),
        sa.Column("attributes", JSONText()),
        sa.Column("condition", sa.String(20)),
        sa.Column("status", sa.String(20)),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_products"),
        sa.UniqueConstraint("sku", name="uq_products_sku"),
    )
    for column in ("parent_id", "brand", "gtin", "category_id"):
        op.create_index(f"ix_products_{column}", "products", [column])

    op.create_table(
        "field_provenance",
        sa.Column(
            "product_id",
            sa.Integer(),
            sa.ForeignKey(
                "products.id", ondelete="CASCADE", name="fk_field_provenance_product_id_products"
            ),
            nullable=False,
        ),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("values", JSONText(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("product_id", "source", name="pk_field_provenance"),
    )
    op.create_table(
        "product_images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "product_id",
            sa.Integer(),
            sa.ForeignKey(
                "products.id", ondelete="CASCADE", name="fk_product_images_product_id_products"
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("uri", sa.String(2000), nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("width", sa.Integer()),
        sa.Column("height", sa.Integer()),
        sa.Column("alt_text", sa.String(500)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_product_images"),
    )
    op.create_index("ix_product_images_product_id", "product_images", ["product_id"])

    op.create_table(
        "change_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("undone_at", UTCDateTime()),
        sa.Column("product_count", sa.Integer(), nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_change_batches"),
    )
    op.create_index("ix_change_batches_state", "change_batches", ["state"])
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "batch_id",
            sa.Integer(),
            sa.ForeignKey(
                "change_batches.id",
                ondelete="CASCADE",
                name="fk_change_log_batch_id_change_batches",
            ),
            nullable=False,
        ),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(100), nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
        sa.Column("field", sa.String(50)),
        sa.Column("source", sa.String(20)),
        sa.Column("old_value", JSONText()),
        sa.Column("new_value", JSONText()),
        sa.PrimaryKeyConstraint("id", name="pk_change_log"),
    )
    op.create_index("ix_change_log_product_id", "change_log", ["product_id"])
    op.create_index("ix_change_log_batch_product", "change_log", ["batch_id", "product_id"])

    helper_for(op.get_bind().dialect.name).create_search_index(op.get_bind())


def downgrade() -> None:
    helper_for(op.get_bind().dialect.name).drop_search_index(op.get_bind())
    for table in ("change_log", "change_batches", "product_images", "field_provenance"):
        op.drop_table(table)
    op.drop_table("products")
