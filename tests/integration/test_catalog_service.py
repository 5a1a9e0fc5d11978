"""Every catalog service operation against a real SQLite file, with undo and redo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from sellerdesk.app import AppContext
from sellerdesk.core.bulk_ops import AdjustPercent, FindReplace, RoundTo99, SetValue
from sellerdesk.core.changes import Source
from sellerdesk.core.errors import ConflictError, InvalidValueError, NotFoundError, NothingToDoError
from sellerdesk.core.fields import field
from sellerdesk.services.catalog import CatalogService
from sellerdesk.services.doctor import examine
from sellerdesk.services.queries import CatalogQuery

PRODUCTS = [
    {
        "sku": "MUG-1",
        "title": "Sage stoneware mug",
        "brand": "Kiln & Co",
        "price": "14.00",
        "stock": 12,
        "gtin": "4006381333931",
        "description": "Speckled glaze, dishwasher safe",
        "category_path": "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
    },
    {
        "sku": "MUG-2",
        "title": "Navy stoneware mug",
        "brand": "Kiln & Co",
        "price": "15.50",
        "stock": 0,
        "category_path": "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
    },
    {
        "sku": "MAT-1",
        "title": "Cork yoga mat",
        "brand": "Flowline",
        "price": "49.00",
        "stock": 4,
        "description": "Natural cork surface",
    },
]


@pytest.fixture
def filled(catalog: CatalogService) -> CatalogService:
    catalog.create_many(PRODUCTS, name="Seed")
    return catalog


def skus(catalog: CatalogService, query: CatalogQuery = CatalogQuery()) -> list[str]:
    return [r["sku"] for r in catalog.search(query)]


def raw(catalog: CatalogService, sql: str) -> list[tuple[object, ...]]:
    with catalog.db.read() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_create_stores_typed_values_and_provenance(filled: CatalogService) -> None:
    detail = filled.get("MUG-1")
    assert detail.values["price"] == Decimal("14.00")
    assert detail.values["stock"] == 12
    assert detail.source_of("title") == "manual"
    # money is stored exactly, as integer ten-thousandths
    assert raw(filled, "SELECT price FROM products WHERE sku='MUG-1'") == [(140000,)]
    assert raw(filled, "SELECT count(*) FROM change_log") == [(3,)]


def test_create_rejects_duplicate_sku_and_writes_nothing(filled: CatalogService) -> None:
    before = raw(filled, "SELECT count(*) FROM products")
    with pytest.raises(ConflictError, match="MUG-1"):
        filled.create_many([{"sku": "NEW-1"}, {"sku": "MUG-1"}])
    with pytest.raises(InvalidValueError):
        filled.create({"sku": "BAD", "gtin": "123"})
    assert raw(filled, "SELECT count(*) FROM products") == before
    assert "NEW-1" not in skus(filled)


def test_update_field_undo_redo(filled: CatalogService) -> None:
    summary = filled.update_field("MUG-1", "price", "16.25")
    assert summary.fields == {"price"} and summary.batch_id is not None
    assert filled.get("MUG-1").values["price"] == Decimal("16.25")
    assert filled.undo_label() == "Edit Price of MUG-1"
    filled.undo()
    assert filled.get("MUG-1").values["price"] == Decimal("14.00")
    assert filled.redo_label() == "Edit Price of MUG-1"
    filled.redo()
    assert filled.get("MUG-1").values["price"] == Decimal("16.25")
    with pytest.raises(NothingToDoError):
        filled.redo()


def test_new_edit_discards_redo(filled: CatalogService) -> None:
    filled.update_field("MUG-1", "stock", 5)
    filled.undo()
    filled.update_field("MUG-1", "stock", 7)
    assert filled.redo_label() is None
    assert filled.get("MUG-1").values["stock"] == 7


def test_manual_beats_ai_beats_import_and_nothing_is_lost(filled: CatalogService) -> None:
    pid = filled.get("MAT-1").id
    filled.update_fields({pid: {"title": "CORK MAT 6MM"}}, name="Import", source=Source.IMPORT)
    assert filled.get("MAT-1").values["title"] == "Cork yoga mat"  # manual still wins
    filled.update_fields({pid: {"description": "AI text"}}, name="AI", source=Source.AI)
    assert filled.get("MAT-1").values["description"] == "Natural cork surface"
    filled.update_fields({pid: {"mpn": "CM-6"}}, name="Import mpn", source=Source.IMPORT)
    filled.update_fields({pid: {"mpn": "CM-6-AI"}}, name="AI mpn", source=Source.AI)
    detail = filled.get("MAT-1")
    assert detail.values["mpn"] == "CM-6-AI" and detail.source_of("mpn") == "ai"
    assert detail.provenance["import"]["mpn"] == "CM-6"
    filled.undo()  # undo the AI suggestion: the imported value comes back
    assert filled.get("MAT-1").values["mpn"] == "CM-6"
    assert filled.get("MAT-1").provenance["import"]["title"] == "CORK MAT 6MM"


def test_optimistic_version_conflict(filled: CatalogService) -> None:
    version = filled.get("MUG-2").values["version"]
    filled.update_field("MUG-2", "stock", 3)
    with pytest.raises(ConflictError):
        filled.update_field("MUG-2", "stock", 9, expected_version=version)
    assert filled.get("MUG-2").values["stock"] == 3
    product = filled.get("MUG-2")
    with pytest.raises(ConflictError, match="changed elsewhere"):
        filled.update_fields(
            {product.id: {"stock": 9, "brand": "X"}}, expected_versions={product.id: version}
        )
    assert filled.get("MUG-2").values["stock"] == 3
    current = int(product.values["version"])
    filled.update_fields({product.id: {"stock": 9}}, expected_versions={product.id: current})
    assert filled.get("MUG-2").values["stock"] == 9


def test_bulk_operations_are_one_batch_each(filled: CatalogService) -> None:
    ids = filled.ids(CatalogQuery(brand="kiln & co"))
    assert len(ids) == 2
    summary = filled.bulk_update(ids, "price", AdjustPercent(Decimal(10), round_99=True))
    assert len(summary.updated) == 2
    assert [filled.get(s).values["price"] for s in ("MUG-1", "MUG-2")] == [
        Decimal("14.99"),
        Decimal("16.99"),
    ]
    filled.bulk_update(ids, "title", FindReplace("stoneware", "ceramic"))
    assert filled.get("MUG-2").values["title"] == "Navy ceramic mug"
    filled.bulk_update(ids, "brand", SetValue("Kiln Studio"))
    filled.bulk_update(filled.ids(), "price", RoundTo99())
    assert filled.get("MAT-1").values["price"] == Decimal("48.99")
    for _ in range(4):
        filled.undo()
    assert filled.get("MUG-2").values == filled.get("MUG-2").values | {
        "title": "Navy stoneware mug",
        "brand": "Kiln & Co",
        "price": Decimal("15.50"),
    }
    assert filled.get("MAT-1").values["price"] == Decimal("49.00")
    with pytest.raises(InvalidValueError):
        filled.bulk_update(ids, "stock", AdjustPercent(Decimal(5)))


def test_delete_with_variants_and_undo(filled: CatalogService) -> None:
    filled.create_many(
        [{"sku": "TEE", "title": "Tee"}, {"sku": "TEE-S", "parent_sku": "TEE", "title": "Tee S"}]
    )
    summary = filled.delete(["TEE"])
    assert len(summary.deleted) == 2
    assert "TEE-S" not in skus(filled)
    filled.undo()
    assert filled.get("TEE-S").values["parent_sku"] == "TEE"
    assert filled.get("TEE").variants == ["TEE-S"]
    filled.redo()
    with pytest.raises(NotFoundError):
        filled.get("TEE-S")


def test_undo_of_creation_removes_whole_batch(filled: CatalogService) -> None:
    filled.create_many([{"sku": f"X-{i}", "title": f"Item {i}"} for i in range(50)], name="Batch")
    assert filled.count() == 53
    filled.undo()
    assert filled.count() == 3
    filled.redo()
    assert filled.count() == 53 and filled.get("X-7").values["title"] == "Item 7"


def test_search_filters_and_sort(filled: CatalogService) -> None:
    assert skus(filled, CatalogQuery(text="stoneware")) == ["MUG-1", "MUG-2"]
    assert skus(filled, CatalogQuery(text="4006381333931")) == ["MUG-1"]
    assert skus(filled, CatalogQuery(text="dishwasher")) == ["MUG-1"]
    assert skus(filled, CatalogQuery(text="flow")) == ["MAT-1"]  # prefix match on brand
    assert skus(filled, CatalogQuery(text="mat-1")) == ["MAT-1"]
    assert skus(filled, CatalogQuery(max_stock=4)) == ["MUG-2", "MAT-1"]
    assert skus(filled, CatalogQuery(missing="gtin")) == ["MUG-2", "MAT-1"]
    assert skus(filled, CatalogQuery(missing="images")) == ["MUG-1", "MUG-2", "MAT-1"]
    assert skus(filled, CatalogQuery(category="home & garden > kitchen")) == ["MUG-1", "MUG-2"]
    assert skus(filled, CatalogQuery(sort="price", descending=True)) == ["MAT-1", "MUG-2", "MUG-1"]
    assert skus(filled, CatalogQuery(sort="title")) == ["MAT-1", "MUG-2", "MUG-1"]
    assert skus(filled, CatalogQuery(text='"quoted) OR *')) == []  # FTS syntax is inert


def test_search_index_follows_every_write(filled: CatalogService) -> None:
    filled.update_field("MAT-1", "title", "Cork meditation cushion")
    assert skus(filled, CatalogQuery(text="meditation")) == ["MAT-1"]
    assert skus(filled, CatalogQuery(text="yoga")) == []
    filled.undo()
    assert skus(filled, CatalogQuery(text="yoga")) == ["MAT-1"]
    filled.delete(["MAT-1"])
    assert skus(filled, CatalogQuery(text="cork")) == []
    filled.undo()
    assert skus(filled, CatalogQuery(text="cork")) == ["MAT-1"]
    assert examine(filled.db).search_index_ok


def test_history_of_a_product(filled: CatalogService) -> None:
    filled.update_field("MUG-1", "title", "Sage mug")
    filled.update_field("MUG-1", "sku", "MUG-SAGE")
    entries = filled.history("MUG-SAGE")
    assert [(e.op, e.field) for e in entries] == [
        ("update", "sku"),
        ("update", "title"),
        ("create", None),
    ]
    assert entries[1].old == "Sage stoneware mug" and entries[1].new == "Sage mug"
    filled.undo()
    assert filled.get("MUG-1").values["title"] == "Sage mug"


def test_bulk_writes_keep_search_index_in_step(
    filled: CatalogService, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled.create_many(
        [
            {"sku": "KIT", "title": "Starter kit"},
            {"sku": "KIT-A", "parent_sku": "KIT", "title": "Kit alpha"},
            {"sku": "KIT-A1", "parent_sku": "KIT-A", "title": "Kit alpha refill"},
        ]
    )
    helper = type(filled.db.helper)

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:  # rows written, indexing fails: all rolled back
        patch.setattr(helper, "index_products", crash)
        with pytest.raises(OSError):
            filled.create_many([{"sku": "OK-1", "title": "Fine"}])
    assert "OK-1" not in filled.existing_skus(["OK-1"])
    triggers = (
        "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE 'products_fts%'"
    )
    assert raw(filled, triggers) == [(3,)]
    assert len(filled.delete(["KIT"]).deleted) == 3  # grandchildren go too
    assert skus(filled, CatalogQuery(text="kit")) == []
    filled.undo()
    assert skus(filled, CatalogQuery(text="refill")) == ["KIT-A1"]
    assert filled.get("KIT-A1").values["parent_sku"] == "KIT-A"
    filled.undo()  # undo the creation batch
    assert skus(filled, CatalogQuery(text="kit")) == []
    filled.redo()
    assert skus(filled, CatalogQuery(text="alpha")) == ["KIT-A", "KIT-A1"]
    assert examine(filled.db).search_index_ok


def test_category_prefix_treats_wildcards_literally(catalog: CatalogService) -> None:
    catalog.create_many(
        [
            {"sku": "A", "category_path": "Toys_Games > Puzzles"},
            {"sku": "B", "category_path": "ToysXGames > Puzzles"},
            {"sku": "C", "category_path": "100% Cotton > Tees"},
            {"sku": "D", "category_path": "1000 Cotton > Tees"},
        ]
    )
    assert skus(catalog, CatalogQuery(category="toys_games")) == ["A"]
    assert skus(catalog, CatalogQuery(category="100%")) == ["C"]


def test_provenance_json_of_bulk_creation_is_exact(catalog: CatalogService) -> None:
    values = {
        "sku": "P-1",
        "title": 'Café "Noir" mug\twith\nnewline \\ backslash ☕',
        "price": Decimal("12.5"),
        "cost": Decimal("0.0125"),
        "stock": 7,
        "bullets": ["One, two", 'Say "hi"'],
        "attributes": {"size": "L", "färg": "röd"},
        "gtin": "4006381333931",
        "condition": "new",
    }
    catalog.create_many([values], source=Source.IMPORT)
    detail = catalog.get("P-1")
    expected = {
        name: field(name).to_json(field(name).parse(value))
        for name, value in values.items()
        if name != "sku"
    }
    expected["currency"] = catalog.default_currency  # priced products get the catalog's currency
    assert detail.provenance == {"import": expected}
    assert detail.values["title"] == values["title"]
    assert detail.values["cost"] == Decimal("0.0125")


def test_new_priced_products_get_the_catalog_currency(ctx: AppContext) -> None:
    ctx.catalog.create_many(
        [
            {"sku": "C-1", "price": "5"},
            {"sku": "C-2", "price": "5", "currency": "eur"},
            {"sku": "C-3"},
        ]
    )
    currencies = {r["sku"]: r["currency"] for r in ctx.catalog.search()}
    assert currencies == {"C-1": ctx.settings.default_currency, "C-2": "EUR", "C-3": None}
