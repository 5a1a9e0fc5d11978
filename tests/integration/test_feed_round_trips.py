"""Shopify and WooCommerce product files written by SellerDesk come back through its own importer:
catalog -> feed file -> a fresh catalog keeps every value the format carries, and the platforms'
own sample files survive import -> export -> import."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sellerdesk.app import AppContext, build_context
from sellerdesk.channels import shopify_csv, woocommerce_csv
from sellerdesk.channels.model import ChannelProduct, ChannelSettings
from sellerdesk.config.paths import AppPaths
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.resources import default_taxonomy_path
from sellerdesk.services.channel_products import iter_all_products

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SETTINGS = ChannelSettings({"currency": "USD"})
CDN = "https://cdn.kilnandco.example"
MUG_PATH = "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs"
TEE_PATH = "Apparel & Accessories > Clothing > Shirts & Tops"

#: Values SellerDesk's importer adds on the way in (not product data).
IMPORT_NOTES = frozenset({"description_html", "woocommerce_type", "short_description"})


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.from_file(default_taxonomy_path())


@pytest.fixture
def fresh(template_catalog: Path, tmp_path: Path, paths: AppPaths) -> Iterator[AppContext]:
    """A second, empty catalog (catalog B)."""
    target = tmp_path / "fresh.sqlite3"
    shutil.copyfile(template_catalog, target)
    context = build_context(str(target), paths, auto_backup=False)
    yield context
    context.close()


def _products(ctx: AppContext) -> dict[str, ChannelProduct]:
    return {p.sku: p for chunk in iter_all_products(ctx.db) for p in chunk}


def _export(ctx: AppContext, taxonomy: Taxonomy, key: str, target: Path) -> int:
    module = shopify_csv if key == "shopify" else woocommerce_csv
    channel = module.make(taxonomy)
    products = (p for chunk in iter_all_products(ctx.db) for p in chunk)
    return channel.write(products, target, SETTINGS, "csv")


def _variant_attributes(product: ChannelProduct) -> dict[str, str]:
    return {k: v for k, v in product.attributes.items() if k not in IMPORT_NOTES}


def _differences(
    before: dict[str, ChannelProduct], after: dict[str, ChannelProduct], fields: dict[str, Any]
) -> list[str]:
    """Every value that differs, as "SKU field: before != after"."""
    found: list[str] = []
    assert sorted(after) == sorted(before)
    for sku, old in before.items():
        new = after[sku]
        kind = "variant" if old.parent_sku else "parent" if old.is_parent else "single"
        for name in fields[kind]:
            if name == "images":
                pair: tuple[Any, Any] = (old.images, new.images)
            elif name == "parent_sku":
                pair = (old.parent_sku, new.parent_sku)
            elif name == "variant_skus":
                pair = (sorted(old.variant_skus), sorted(new.variant_skus))
            elif name == "attributes":
                pair = (_variant_attributes(old), _variant_attributes(new))
            else:
                pair = (old.get(name), new.get(name))
            if pair[0] != pair[1]:
                found.append(f"{sku} {name}: {pair[0]!r} != {pair[1]!r}")
    return found


# ------------------------------------------------------------------ (1) catalog round trips
def _fill(ctx: AppContext) -> None:
    family = {
        "brand": "Kiln & Co",
        "category_id": 212,
        "category_path": TEE_PATH,
        "condition": "new",
        "status": "active",
        "currency": "USD",
    }
    ctx.catalog.create_many(
        [
            {
                "sku": "MUG-SAGE-12OZ",
                "title": "Stoneware Mug 12 oz, Sage",
                "brand": "Kiln & Co",
                "gtin": "012345678905",
                "mpn": "KC-MUG-12-SG",
                "price": "24.00",
                "sale_price": "19.50",
                "cost": "8.25",
                "stock": 14,
                "category_id": 2169,
                "category_path": MUG_PATH,
                "description": "Wheel-thrown stoneware mug.\nDishwasher safe & microwave safe.",
                "keywords": ["mug", "stoneware"],
                "condition": "new",
                "status": "active",
                "weight_g": "380",
                "length_cm": "9.5",
                "width_cm": "12",
                "height_cm": "10.25",
                "images": [{"uri": f"{CDN}/mug-1.jpg"}, {"uri": f"{CDN}/mug-2.jpg"}],
            },
            {
                "sku": "MAT-CORK",
                "title": "Cork Table Mat",
                "brand": "Kiln & Co",
                "price": "6.00",
                "category_id": 2169,
                "category_path": MUG_PATH,
                "description": "Protects the table.",
                "keywords": ["mat"],
                "condition": "new",
                "status": "draft",
                "images": [{"uri": f"{CDN}/mat.jpg"}],
            },
            {
                "sku": "TEE-CLASSIC",
                "title": "Classic Cotton Tee",
                "description": "Soft cotton tee.\nMade in Portugal.",
                "keywords": ["tee", "cotton"],
                "images": [{"uri": f"{CDN}/tee-1.jpg"}, {"uri": f"{CDN}/tee-2.jpg"}],
                **family,
            },
            {
                "sku": "TEE-CLASSIC-RED-M",
                "parent_sku": "TEE-CLASSIC",
                "title": "Classic Cotton Tee - Red / M",
                "gtin": "4006381333931",
                "price": "21.99",
                "stock": 5,
                "weight_g": "180",
                "attributes": {"Color": "Red", "Size": "M"},
                "images": [{"uri": f"{CDN}/tee-red.jpg"}],
                **family,
            },
            {
                "sku": "TEE-CLASSIC-BLUE-L",
                "parent_sku": "TEE-CLASSIC",
                "title": "Classic Cotton Tee - Blue / L",
                "gtin": "4006381333948",
                "price": "21.99",
                "sale_price": "17.99",
                "stock": 0,
                "weight_g": "195.5",
                "attributes": {"Color": "Blue", "Size": "L"},
                "images": [{"uri": f"{CDN}/tee-blue.jpg"}],
                **family,
            },
            {
                "sku": "TEE-CLASSIC-RED-L",
                "parent_sku": "TEE-CLASSIC",
                "title": "Classic Cotton Tee - Red / L",
                "gtin": "4006381333955",
                "price": "23.50",
                "stock": 3,
                "weight_g": "195.5",
                "attributes": {"Color": "Red", "Size": "L"},
                "images": [{"uri": f"{CDN}/tee-red-l.jpg"}],
                **family,
            },
        ]
    )


SHOPIFY_FIELDS = {
    "single": (
        "title", "brand", "gtin", "mpn", "price", "sale_price", "cost", "currency", "stock",
        "category_id", "category_path", "description", "keywords", "condition", "status",
        "weight_g", "images", "parent_sku",
    ),
    "parent": (
        "title", "brand", "currency", "category_id", "category_path", "description", "keywords",
        "condition", "status", "images", "variant_skus",
    ),
    "variant": (
        "title", "brand", "gtin", "price", "sale_price", "currency", "stock", "category_id",
        "category_path", "condition", "status", "weight_g", "attributes", "images", "parent_sku",
    ),
}  # fmt: skip

WOO_FIELDS = {
    "single": (
        "title", "brand", "gtin", "price", "sale_price", "currency", "stock", "category_path",
        "description", "keywords", "status", "weight_g", "length_cm", "width_cm", "height_cm",
        "images", "parent_sku",
    ),
    "parent": (
        "title", "brand", "currency", "category_path", "description", "keywords", "status",
        "images", "variant_skus",
    ),
    "variant": (
        "title", "gtin", "price", "sale_price", "currency", "stock", "status", "weight_g",
        "attributes", "images", "parent_sku",
    ),
}  # fmt: skip


def test_catalog_to_shopify_csv_and_back(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    _fill(ctx)
    target = tmp_path / "shopify.csv"
    assert _export(ctx, taxonomy, "shopify", target) == 6
    report = fresh.importer.commit(target)
    assert report.inspection.layout.key == "shopify"
    before, after = _products(ctx), _products(fresh)
    assert _differences(before, after, SHOPIFY_FIELDS) == []
    # the parent's SKU is its handle, and its variants hang under it again
    assert after["TEE-CLASSIC"].variant_skus and after["TEE-CLASSIC-RED-L"].parent_sku
    assert after["MAT-CORK"].get("stock") is None


def test_catalog_to_woocommerce_csv_and_back(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    _fill(ctx)
    target = tmp_path / "woocommerce.csv"
    assert _export(ctx, taxonomy, "woocommerce", target) == 6
    report = fresh.importer.commit(target)
    assert report.inspection.layout.key == "woocommerce"
    before, after = _products(ctx), _products(fresh)
    assert _differences(before, after, WOO_FIELDS) == []
    # the variable parent lists every value its variations use
    parent = after["TEE-CLASSIC"].attributes
    assert parent["Color"] == "Red, Blue" and parent["Size"] == "M, L"


# ------------------------------------------------------ (2) the platforms' own sample files
#: What the sample files hold that a round trip keeps (everything but what the file can't carry).
SAMPLE_FIELDS = {
    "shopify_product_template.csv": ("shopify", SHOPIFY_FIELDS),
    "woocommerce_sample_products.csv": ("woocommerce", WOO_FIELDS),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_FIELDS))
def test_sample_file_survives_import_export_import(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path, name: str
) -> None:
    key, fields = SAMPLE_FIELDS[name]
    ctx.importer.commit(SAMPLES / name)
    before = _products(ctx)
    target = tmp_path / f"export-{name}"
    assert _export(ctx, taxonomy, key, target) == len(before)
    fresh.importer.commit(target)
    after = _products(fresh)
    everything = {kind: (*names, "cost", "mpn") for kind, names in fields.items()}
    assert _differences(before, after, everything) == []
    # and whole attribute sets, the importer's notes included (type, short description, HTML)
    assert {s: dict(p.attributes) for s, p in before.items()} == {
        s: dict(p.attributes) for s, p in after.items()
    }


def test_shopify_sample_keeps_sale_prices_and_statuses(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    ctx.importer.commit(SAMPLES / "shopify_product_template.csv")
    target = tmp_path / "shopify.csv"
    _export(ctx, taxonomy, "shopify", target)
    fresh.importer.commit(target)
    after = _products(fresh)
    beanie = after["HAT_GRY_275"]
    assert (beanie.get("price"), beanie.get("sale_price")) == (Decimal("22.99"), Decimal("17.99"))
    assert beanie.get("status") == "archived"
    assert after["example-pants"].get("status") == "draft"
    assert len(after["example-shirt"].variant_skus) == 12


# ------------------------------------------------------- what the importer loses (reported)
def _round_trip(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path, key: str
) -> dict[str, ChannelProduct]:
    target = tmp_path / f"{key}.csv"
    _export(ctx, taxonomy, key, target)
    fresh.importer.commit(target)
    return _products(fresh)


@pytest.mark.parametrize("key", ["shopify", "woocommerce"])
def test_formula_apostrophe_comes_off_again(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path, key: str
) -> None:
    ctx.catalog.create({"sku": "D-5", "title": "=SUM(1+1) mug", "price": "9.99"})
    after = _round_trip(ctx, fresh, taxonomy, tmp_path, key)
    assert after["D-5"].get("title") == "=SUM(1+1) mug"


def test_woocommerce_escaped_commas_come_back(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    path = "Food, Beverages & Tobacco > Beverages > Tea & Infusions"
    ctx.catalog.create(
        {"sku": "TEA-1", "title": "Tea", "price": "4", "category_path": path, "brand": "Tea, Inc."}
    )
    tea = _round_trip(ctx, fresh, taxonomy, tmp_path, "woocommerce")["TEA-1"]
    assert (tea.get("category_path"), tea.get("brand")) == (path, "Tea, Inc.")


def test_woocommerce_archived_stays_archived(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    ctx.catalog.create({"sku": "OLD-1", "title": "Old", "price": "4", "status": "archived"})
    after = _round_trip(ctx, fresh, taxonomy, tmp_path, "woocommerce")
    assert after["OLD-1"].get("status") == "archived"


def test_woocommerce_variations_inherit_from_their_parent(
    ctx: AppContext, fresh: AppContext, taxonomy: Taxonomy, tmp_path: Path
) -> None:
    _fill(ctx)
    after = _round_trip(ctx, fresh, taxonomy, tmp_path, "woocommerce")
    red = after["TEE-CLASSIC-RED-M"]
    assert (red.get("brand"), red.get("category_path")) == ("Kiln & Co", TEE_PATH)
