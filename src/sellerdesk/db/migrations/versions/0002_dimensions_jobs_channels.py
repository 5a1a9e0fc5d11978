"""Shipping dimensions on products; import runs, channels, listings and jobs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sellerdesk.db.dialect import helper_for
from sellerdesk.db.types import ExactDecimal, JSONText, UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DIMENSIONS = ("weight_g", "length_cm", "width_cm", "height_cm")


def upgrade() -> None:
    with op.batch_alter_table("products") as batch:
        for column in DIMENSIONS:
            batch.add_column(sa.Column(column, ExactDecimal()))
    helper_for(op.get_bind().dialect.name).create_search_index(op.get_bind())

    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "batch_id",
            sa.Integer(),
            sa.ForeignKey(
                "change_batches.id",
                ondelete="SET NULL",
                name="fk_import_runs_batch_id_change_batches",
            ),
        ),
        sa.Column("file_name", sa.String(1000), nullable=False),
        sa.Column("file_sha256", sa.String(64)),
        sa.Column("detected_format", sa.String(50)),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime()),
        sa.Column("counts", JSONText()),
        sa.Column("report", JSONText()),
        sa.PrimaryKeyConstraint("id", name="pk_import_runs"),
    )
    op.create_table(
        "channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("settings", JSONText()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_channels"),
        sa.UniqueConstraint("key", name="uq_channels_key"),
    )
    op.create_table(
        "listings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "product_id",
            sa.Integer(),
            sa.ForeignKey(
                "products.id", ondelete="CASCADE", name="fk_listings_product_id_products"
            ),
            nullable=False,
        ),
        sa.Column(
            "channel_id",
            sa.Integer(),
            sa.ForeignKey(
                "channels.id", ondelete="CASCADE", name="fk_listings_channel_id_channels"
            ),
            nullable=False,
        ),
        sa.Column("remote_id", sa.String(200)),
        sa.Column("remote_parent_id", sa.String(200)),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("last_pushed_checksum", sa.String(64)),
        sa.Column("last_pushed_at", UTCDateTime()),
        sa.Column("last_result", JSONText()),
        sa.PrimaryKeyConstraint("id", name="pk_listings"),
        sa.UniqueConstraint("product_id", "channel_id", name="uq_listings_product_id"),
    )
    op.create_index("ix_listings_channel_id", "listings", ["channel_id"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime()),
        sa.Column("finished_at", UTCDateTime()),
        sa.Column("done", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger()),
        sa.Column("counts", JSONText()),
        sa.Column("errors", JSONText()),
        sa.Column("log", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
    )
    op.create_index("ix_jobs_kind", "jobs", ["kind"])


def downgrade() -> None:
    op.drop_table("jobs")
    op.drop_table("listings")
    op.drop_table("channels")
    op.drop_table("import_runs")
    with op.batch_alter_table("products") as batch:
        for column in DIMENSIONS:
            batch.drop_column(column)
    # A batch rebuild of products drops its triggers; the search index needs them back.
    helper_for(op.get_bind().dialect.name).create_search_index(op.get_bind())
