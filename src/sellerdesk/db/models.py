"""SQLAlchemy 2 typed models of the catalog database.

``products`` holds the *effective* value of every field (what the table shows and channels get);
``field_provenance`` keeps each source's values apart so manual > AI > imported is recomputed,
never lost. Every write also lands in ``change_log`` under a ``change_batches`` row.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sellerdesk.db.types import ExactDecimal, JSONText, UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    sku: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str | None] = mapped_column(String(500))
    brand: Mapped[str | None] = mapped_column(String(200), index=True)
    gtin: Mapped[str | None] = mapped_column(String(14), index=True)
    mpn: Mapped[str | None] = mapped_column(String(100))
    price: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    sale_price: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    cost: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    currency: Mapped[str | None] = mapped_column(String(3))
    stock: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(Integer, index=True)
    category_path: Mapped[str | None] = mapped_column(String(1000))
    description: Mapped[str | None] = mapped_column(Text)
    bullets: Mapped[list[str] | None] = mapped_column(JSONText())
    keywords: Mapped[list[str] | None] = mapped_column(JSONText())
    attributes: Mapped[dict[str, str] | None] = mapped_column(JSONText())
    condition: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str | None] = mapped_column(String(20))
    weight_g: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    length_cm: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    width_cm: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    height_cm: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    images: Mapped[list[ProductImage]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductImage.position"
    )
    provenance: Mapped[list[FieldProvenance]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class FieldProvenance(Base):
    """One source's values for one product: {"field": value, ...} (JSON-safe encoding)."""

    __tablename__ = "field_provenance"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True
    )
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    values: Mapped[dict[str, Any]] = mapped_column(JSONText())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    product: Mapped[Product] = relationship(back_populates="provenance")


class ProductImage(Base):
    __tablename__ = "product_images"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    uri: Mapped[str] = mapped_column(String(2000))
    sha256: Mapped[str | None] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    alt_text: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    product: Mapped[Product] = relationship(back_populates="images")


class ChangeBatch(Base):
    """One undoable unit: a manual edit, a bulk edit, an import, an AI run, a sync pull."""

    __tablename__ = "change_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="done", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    product_count: Mapped[int] = mapped_column(Integer, default=0)
    change_count: Mapped[int] = mapped_column(Integer, default=0)


class ChangeLogEntry(Base):
    """One change: a product created or deleted (with its snapshot) or one field of one source."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("change_batches.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(Integer, index=True)
    sku: Mapped[str] = mapped_column(String(100))
    op: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(50))
    source: Mapped[str | None] = mapped_column(String(20))
    old_value: Mapped[Any] = mapped_column(JSONText(), nullable=True)
    new_value: Mapped[Any] = mapped_column(JSONText(), nullable=True)


class ImportRun(Base):
    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_batches.id", ondelete="SET NULL")
    )
    file_name: Mapped[str] = mapped_column(String(1000))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    detected_format: Mapped[str | None] = mapped_column(String(50))
    state: Mapped[str] = mapped_column(String(20), default="running")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    counts: Mapped[dict[str, int] | None] = mapped_column(JSONText())
    report: Mapped[Any] = mapped_column(JSONText(), nullable=True)


class ImportProfile(Base):
    """A saved column mapping, re-applied when a file with the same header signature returns."""

    __tablename__ = "import_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    header_signature: Mapped[str] = mapped_column(String(64), index=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SaleRecord(Base):
    """One sold item from a sales report (Mercari...). Visible while its batch is not undone."""

    __tablename__ = "sales_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("change_batches.id", ondelete="CASCADE"), index=True
    )
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_runs.id", ondelete="SET NULL")
    )
    channel: Mapped[str] = mapped_column(String(50))
    order_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(30))
    title: Mapped[str | None] = mapped_column(String(500))
    sold_on: Mapped[date | None] = mapped_column(Date)
    canceled_on: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    ship_to: Mapped[str | None] = mapped_column(String(50))
    ship_from: Mapped[str | None] = mapped_column(String(50))
    currency: Mapped[str] = mapped_column(String(3))
    item_price: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    net_proceeds: Mapped[Decimal | None] = mapped_column(ExactDecimal())
    amounts: Mapped[dict[str, str] | None] = mapped_column(JSONText())
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), index=True
    )
    match_score: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_sales_records_channel_order", "channel", "order_id"),)


class Channel(Base):
    __tablename__ = "channels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(50), unique=True)
    kind: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    settings: Mapped[dict[str, Any] | None] = mapped_column(JSONText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Listing(Base):
    """A product's presence on one channel: remote ids and what was last sent and answered."""

    __tablename__ = "listings"
    __table_args__ = (UniqueConstraint("product_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(
        ForeignKey("channels.id", ondelete="CASCADE"), index=True
    )
    remote_id: Mapped[str | None] = mapped_column(String(200))
    remote_parent_id: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20), default="new")
    last_pushed_checksum: Mapped[str | None] = mapped_column(String(64))
    last_pushed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_result: Mapped[Any] = mapped_column(JSONText(), nullable=True)


class Job(Base):
    """A record of background work the seller can open: progress, counts, errors and log."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(50), index=True)
    title: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(20), default="queued")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int | None] = mapped_column(BigInteger)
    counts: Mapped[dict[str, int] | None] = mapped_column(JSONText())
    errors: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONText())
    log: Mapped[str | None] = mapped_column(Text)


Index("ix_change_log_batch_product", ChangeLogEntry.batch_id, ChangeLogEntry.product_id)
