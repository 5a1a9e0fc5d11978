"""The ORM models on a real catalog file: relationships, cascades and optimistic versions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sellerdesk.db.models import FieldProvenance, Product, ProductImage
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.queries import CatalogQuery


def test_product_with_images_and_provenance_round_trip(catalog: CatalogService) -> None:
    engine = catalog.db.engine
    with Session(engine) as session, session.begin():
        lamp = Product(sku="ORM-1", title="Brass lamp", price=Decimal("129.99"), currency="USD")
        lamp.images.append(ProductImage(uri="/tmp/lamp.png", position=0, width=10, height=10))
        lamp.provenance.append(FieldProvenance(source="manual", values={"title": "Brass lamp"}))
        session.add(lamp)
    with Session(engine) as session:
        loaded = session.scalars(select(Product).where(Product.sku == "ORM-1")).one()
        assert loaded.price == Decimal("129.99") and loaded.version == 1
        assert loaded.created_at.tzinfo is not None
        assert [i.uri for i in loaded.images] == ["/tmp/lamp.png"]
        assert loaded.provenance[0].values == {"title": "Brass lamp"}
    # the FTS triggers index ORM writes too
    assert [r["sku"] for r in catalog.search(CatalogQuery(text="brass"))] == ["ORM-1"]


def test_stale_version_is_refused(catalog: CatalogService) -> None:
    catalog.create({"sku": "ORM-2", "title": "Desk"})
    engine = catalog.db.engine
    with Session(engine) as first, Session(engine, expire_on_commit=False) as second:
        b = second.scalars(select(Product).where(Product.sku == "ORM-2")).one()
        second.commit()  # the editor shows b; its read transaction is over
        a = first.scalars(select(Product).where(Product.sku == "ORM-2")).one()
        a.title = "Oak desk"
        first.commit()
        b.title = "Pine desk"
        with pytest.raises(StaleDataError):
            second.commit()
    assert catalog.get("ORM-2").values["title"] == "Oak desk"


def test_deleting_a_product_cascades_to_its_rows(catalog: CatalogService) -> None:
    catalog.create_many(
        [
            {"sku": "ORM-3", "images": [{"uri": "/tmp/a.png"}]},
            {"sku": "ORM-3-S", "parent_sku": "ORM-3"},
        ]
    )
    with Session(catalog.db.engine) as session, session.begin():
        session.delete(session.scalars(select(Product).where(Product.sku == "ORM-3")).one())
    with Session(catalog.db.engine) as session:
        assert session.scalars(select(Product.sku)).all() == []
        assert session.scalars(select(ProductImage)).all() == []
        assert session.scalars(select(FieldProvenance)).all() == []
