"""Photos attached with undo, "use this value" between sources, and readiness problems."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from sellerdesk.core.changes import Source
from sellerdesk.core.errors import InvalidValueError, NotFoundError
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.product_problems import CHECKED_COLUMNS, CHECKS
from sellerdesk.services.queries import CatalogQuery


def _photo(path: Path, color: str = "red") -> Path:
    Image.new("RGB", (64, 48), color).save(path)
    return path


def test_attach_photos_copies_them_and_undo_removes_them(
    catalog: CatalogService, tmp_path: Path
) -> None:
    catalog.create({"sku": "P-1", "title": "Pot"})
    media = tmp_path / "media"
    summary = catalog.attach_images(
        "P-1", [_photo(tmp_path / "a.png"), _photo(tmp_path / "b.jpg", "blue")], media
    )
    assert summary.batch_name == "Add 2 photos to P-1"
    images = catalog.get("P-1").images
    assert [(i["width"], i["height"]) for i in images] == [(64, 48), (64, 48)]
    assert all(Path(i["uri"].removeprefix("file://")).is_file() for i in images)
    assert str(media) in images[0]["uri"]
    again = catalog.attach_images("P-1", [tmp_path / "a.png"], media)
    assert again.batch_id is None  # the same photo is not added twice
    catalog.undo()
    assert catalog.get("P-1").images == []
    catalog.redo()
    assert len(catalog.get("P-1").images) == 2
    assert catalog.history("P-1")[0].op == "images"


def test_not_an_image_is_refused_with_words(catalog: CatalogService, tmp_path: Path) -> None:
    catalog.create({"sku": "P-1"})
    fake = tmp_path / "fake.jpg"
    fake.write_bytes(b"not really a photo")
    with pytest.raises(InvalidValueError, match="not an image"):
        catalog.attach_images("P-1", [fake], tmp_path / "media")
    assert catalog.get("P-1").images == []


def test_use_this_value_withdraws_the_stronger_sources(catalog: CatalogService) -> None:
    catalog.create({"sku": "S-1", "title": "Imported"}, source=Source.IMPORT)
    catalog.update_field("S-1", "title", "From AI", source=Source.AI)
    catalog.update_field("S-1", "title", "Mine")
    assert catalog.get("S-1").values["title"] == "Mine"
    catalog.prefer_source("S-1", "title", Source.IMPORT)
    detail = catalog.get("S-1")
    assert detail.values["title"] == "Imported"
    assert "title" not in detail.provenance.get("manual", {})
    assert "title" not in detail.provenance.get("ai", {})
    catalog.undo()
    assert catalog.get("S-1").values["title"] == "Mine"
    with pytest.raises(NotFoundError):
        catalog.prefer_source("S-1", "brand", Source.IMPORT)


def test_problem_checks_agree_in_python_and_sql(catalog: CatalogService, tmp_path: Path) -> None:
    catalog.create_many(
        [
            {"sku": "OK-1", "title": "Fine product", "price": "5", "gtin": "012345678905",
             "brand": "B", "description": "d", "category_path": "A > B", "stock": 1},
            {"sku": "BARE"},
            {"sku": "LOUD", "title": "LOUD TITLE HERE", "price": "0"},
            {"sku": "LONG", "title": "x" * 151, "price": "3"},
            {"sku": "PARENT", "title": "Parent", "price": None},
            {"sku": "CHILD", "title": "Child", "parent_sku": "PARENT", "price": "2"},
            {"sku": "UMLAUT", "title": "Kaffeemühle groß", "price": "2"},
        ]
    )  # fmt: skip
    catalog.attach_images("OK-1", [_photo(tmp_path / "p.png")], tmp_path / "media")
    ids = catalog.ids()
    python = {pid: {c.code for c in checks} for pid, checks in catalog.problems(ids).items()}
    sku = {row["id"]: row["sku"] for row in catalog.rows(ids).values()}
    rows, together = catalog.rows_and_problems(ids, ("sku", *CHECKED_COLUMNS))
    assert {pid: {c.code for c in checks} for pid, checks in together.items()} == python
    assert {pid: row["sku"] for pid, row in rows.items()} == sku
    assert python[next(i for i in ids if sku[i] == "OK-1")] == set()
    assert "title.all_caps" in python[next(i for i in ids if sku[i] == "LOUD")]
    assert "price.zero" in python[next(i for i in ids if sku[i] == "LOUD")]
    assert "price.missing" not in python[next(i for i in ids if sku[i] == "PARENT")]
    assert "title.all_caps" not in python[next(i for i in ids if sku[i] == "UMLAUT")]
    for check in CHECKS:
        in_sql = set(catalog.ids(CatalogQuery(problem=check.code)))
        in_python = {pid for pid, codes in python.items() if check.code in codes}
        assert in_sql == in_python, check.code
    anything = set(catalog.ids(CatalogQuery(problem="any")))
    assert anything == {pid for pid, codes in python.items() if codes}
    assert catalog.count(CatalogQuery(problem="any")) == len(ids) - 1
    assert Decimal(0) == catalog.get("LOUD").values["price"]
