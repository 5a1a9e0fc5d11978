"""Every shipped sample file imports into a real catalog with the facts its .expected.json lists."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sellerdesk.app import AppContext
from sellerdesk.services.export import export_catalog
from sellerdesk.services.importing import ImportReport
from sellerdesk.services.sales import list_sales, proceeds_total

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
PRODUCT_SAMPLES = [
    "amazon_flatfile.txt",
    "dirty_everything.csv",
    "european_export.csv",
    "supplier_pricelist.xlsx",
]


def _expected(name: str) -> dict[str, Any]:
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


def _import(ctx: AppContext, name: str) -> ImportReport:
    return ctx.importer.commit(SAMPLES / name)


def _products(ctx: AppContext) -> dict[str, dict[str, Any]]:
    rows = ctx.catalog.rows(ctx.catalog.ids())
    return {row["sku"]: row for row in rows.values()}


def _skus_with(report: ImportReport, prefix: str, severity: str = "error") -> set[str]:
    return {
        str(p.sku)
        for p in report.problems
        if p.code.startswith(prefix) and p.severity.value == severity
    }


@pytest.mark.parametrize("name", PRODUCT_SAMPLES)
def test_product_sample_lands_in_the_database_as_expected(ctx: AppContext, name: str) -> None:
    expected = _expected(name)
    report = _import(ctx, name)
    products = _products(ctx)
    assert len(products) == expected["products"]
    assert report.counts["new"] == expected["products"]
    if "header_row" in expected:
        assert report.inspection.header_row == expected["header_row"]
    if "encoding" in expected:
        assert report.inspection.info.encoding == expected["encoding"]
    for sku, gtin in expected.get("sku_to_gtin", {}).items():
        assert products[sku]["gtin"] == gtin
    for sku, price in expected.get("sku_to_price", {}).items():
        assert products[sku]["price"] == Decimal(price), sku
    for sku, cost in expected.get("sku_to_cost", {}).items():
        assert products[sku]["cost"] == Decimal(cost), sku
    for sku, stock in expected.get("sku_to_stock", {}).items():
        assert products[sku]["stock"] == stock, sku
    for sku, title in expected.get("sku_to_title", {}).items():
        assert products[sku]["title"] == title
    for sku, brand in expected.get("sku_to_brand", {}).items():
        assert products[sku]["brand"] == brand
    for sku, category in expected.get("sku_to_category", {}).items():
        assert products[sku]["category_path"] == category
    for sku, bullets in expected.get("sku_to_bullets", {}).items():
        assert products[sku]["bullets"] == bullets
    if "currency" in expected:
        assert {p["currency"] for p in products.values()} == {expected["currency"]}
    for sku in expected.get("invalid_gtin_skus", []):
        assert products[sku]["gtin"] is None
    assert _skus_with(report, "gtin.") >= set(expected.get("invalid_gtin_skus", []))
    for sku in expected.get("missing_gtin_skus", []):
        assert products[sku]["gtin"] is None
    for sku in expected.get("unparseable_price_skus", []):
        assert products[sku]["price"] is None
    assert _skus_with(report, "price.") == set(expected.get("unparseable_price_skus", []))
    for sku in expected.get("unparseable_stock_skus", []):
        assert products[sku]["stock"] is None
    assert _skus_with(report, "stock.unparseable") == set(
        expected.get("unparseable_stock_skus", [])
    )
    for sku in expected.get("negative_stock_skus", []):
        assert products[sku]["stock"] is None
    assert _skus_with(report, "stock.negative") == set(expected.get("negative_stock_skus", []))
    assert _skus_with(report, "sku.duplicate", "warning") == set(expected.get("duplicate_skus", []))
    assert _skus_with(report, "text.formula", "warning") == set(
        expected.get("formula_injection_skus", [])
    )
    assert _skus_with(report, "title.too_long", "warning") == set(
        expected.get("title_too_long_skus", [])
    )


def test_supplier_list_keeps_the_first_duplicate_row_and_reads_units(ctx: AppContext) -> None:
    report = _import(ctx, "supplier_pricelist.xlsx")
    products = _products(ctx)
    assert products["AC-1001"]["title"] == "Stainless Steel Water Bottle 750ml - Black"
    duplicate = next(p for p in report.problems if p.code == "sku.duplicate")
    assert duplicate.row == 11 and "row 5" in duplicate.message
    assert products["AC-1004"]["weight_g"] == Decimal("2313.32")  # "5.1 lb"
    assert products["AC-1001"]["weight_g"] == Decimal("408.23")  # 0.9 lb from the header unit
    assert products["AC-1003"]["title"] == "Bamboo Cutting Board, Large (18x12in)"
    assert "msrp" not in (products["AC-1007"]["attributes"] or {})  # MSRP became the price
    assert report.inspection.info.sheet == "Price List"
    assert report.counts["footer"] >= 1
    assert any(p.code == "title.all_caps" and p.sku == "AC-1004" for p in report.problems)


def test_dirty_csv_cleans_html_and_neutralises_formulas_on_export(
    ctx: AppContext, tmp_path: Path
) -> None:
    _import(ctx, "dirty_everything.csv")
    products = _products(ctx)
    assert "d-4" in products  # trimmed, case kept as typed
    d1 = products["D-1"]
    assert d1["description"].startswith("Bluetooth 5.3, noise-cancelling.")
    assert "<" not in d1["description"]
    assert d1["attributes"]["description_html"].startswith("<p>Bluetooth")
    assert products["D-5"]["title"].startswith("=HYPERLINK(")
    out = tmp_path / "out.csv"
    export_catalog(ctx.db, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["sku"]: row for row in csv.DictReader(handle)}
    assert rows["D-5"]["title"].startswith("'=")
    assert rows["D-5"]["description"].startswith("'@")
    assert rows["D-5"]["brand"].startswith("'+")


def test_mercari_report_becomes_sales_records(ctx: AppContext) -> None:
    expected = _expected("mercari_sales_report.csv")
    report = _import(ctx, "mercari_sales_report.csv")
    assert report.inspection.layout.key == "mercari"
    assert ctx.catalog.count() == 0  # orders, not products
    sales = list_sales(ctx.db)
    assert len(sales) == expected["orders"]
    by_id = {s.order_id: s for s in sales}
    assert sum(s.status == "completed" for s in sales) == expected["completed_orders"]
    assert sum(s.status == "canceled" for s in sales) == expected["canceled_orders"]
    assert proceeds_total(sales) == Decimal(expected["net_seller_proceeds_completed_total"])
    for order, price in expected["item_price_by_id"].items():
        assert by_id[order].item_price == Decimal(price)
    for order, state in expected["ship_to_state_by_id"].items():
        assert by_id[order].ship_to == state
    for order, day in expected["sold_date_by_id"].items():
        assert by_id[order].sold_on is not None and by_id[order].sold_on.isoformat() == day
    assert by_id["m10000000001"].amounts["Mercari Selling Fee"] == "4.50"
    assert report.counts["footer"] == 2


def test_mercari_sales_link_to_products_by_title_and_undo_hides_them(ctx: AppContext) -> None:
    ctx.catalog.create({"sku": "NSW-PRO-BLK", "title": "Nintendo Switch Pro Controller - Black"})
    ctx.catalog.create({"sku": "NSW-PRO-WHT", "title": "Nintendo Switch Joy-Con Pair Neon"})
    _import(ctx, "mercari_sales_report.csv")
    by_id = {s.order_id: s for s in list_sales(ctx.db)}
    assert by_id["m10000000001"].sku == "NSW-PRO-BLK"
    assert by_id["b10000000003"].sku is None
    again = _import(ctx, "mercari_sales_report.csv")
    assert again.counts["unchanged"] == 4 and again.counts["new"] == 0
    ctx.catalog.undo()
    ctx.catalog.undo()
    assert list_sales(ctx.db) == []


def test_shopify_template_groups_variants_under_their_handle(ctx: AppContext) -> None:
    report = _import(ctx, "shopify_product_template.csv")
    assert report.inspection.layout.key == "shopify"
    products = _products(ctx)
    assert set(products) >= {"example-shirt", "example-pants", "HAT_GRY_275", "SRT_COT_111"}
    shirt_variants = [p for p in products.values() if p["parent_sku"] == "example-shirt"]
    assert len(shirt_variants) == 12
    assert len([p for p in products.values() if p["parent_sku"] == "example-pants"]) == 3
    assert len(products) == 18
    variant = products["SRT_COT_111"]
    assert variant["title"] == "Example T-Shirt - Green / S"
    assert variant["attributes"] == {"Color": "Green", "Size": "S"}
    assert variant["price"] == Decimal("25") and variant["brand"] == "Acme"
    hat = products["HAT_GRY_275"]
    assert hat["price"] == Decimal("22.99") and hat["sale_price"] == Decimal("17.99")
    assert hat["cost"] == Decimal("8.5")
    assert hat["stock"] == 50 and hat["parent_sku"] is None
    # Excel destroyed every barcode ("3.65275E+11"): reported, never stored as a wrong number
    assert all(p["gtin"] is None for p in products.values())
    assert "SRT_COT_111" in _skus_with(report, "gtin.scientific")
    pants = ctx.catalog.get("example-pants")
    assert len(pants.images) == 4  # the image-only row adds the fourth photo


def test_woocommerce_sample_links_variations_to_their_parents(ctx: AppContext) -> None:
    report = _import(ctx, "woocommerce_sample_products.csv")
    assert report.inspection.layout.key == "woocommerce"
    products = _products(ctx)
    assert len(products) == 24
    assert products["cc-hoodie-red"]["parent_sku"] == "cc-hoodie"
    assert products["cc-t-shirt-blue"]["parent_sku"] == "cc-tee"
    beanie = products["cc-beanie"]
    assert beanie["price"] == Decimal("20") and beanie["sale_price"] == Decimal("18")
    assert beanie["category_path"] == "Clothing > Accessories"
    assert products["cc-hoodie-red"]["attributes"]["Color"] == "Red"
    assert len(ctx.catalog.get("cc-tee").images) == 3


def test_amazon_flat_file_reads_bullets_below_template_rows(ctx: AppContext) -> None:
    report = _import(ctx, "amazon_flatfile.txt")
    assert report.inspection.layout.key == "amazon"
    products = _products(ctx)
    assert products["AMZ-101"]["bullets"] == ["Organic bamboo"]
    assert len(ctx.catalog.get("AMZ-100").images) == 1
