"""Shopify product CSV: every rule passes and fails on cue, the file matches its golden copy
byte for byte, and parsed back it groups variants, prices and photos the way Shopify reads them."""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from channels import samples
from channels.samples import FORMULAS, MUG, READY, SETTINGS, TEE, TEE_BLUE_L, TEE_RED_M
from sellerdesk.channels import shopify_csv
from sellerdesk.channels.model import ChannelProduct, ChannelSettings
from sellerdesk.core.errors import InvalidValueError

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "feeds" / "shopify.csv"
CHANNEL = shopify_csv.make(samples.taxonomy())


def changed(product: ChannelProduct, **values: Any) -> ChannelProduct:
    return dataclasses.replace(product, values={**product.values, **values})


def attributes(product: ChannelProduct, **extra: str) -> ChannelProduct:
    return changed(product, attributes={**product.attributes, **extra})


#: A variant that passes every rule (the shared one has no weight).
RED = changed(TEE_RED_M, weight_g=Decimal("180"))

#: rule code -> (a product passing it, the same product changed to fail it)
CASES: dict[str, tuple[ChannelProduct, ChannelProduct]] = {
    "title.missing": (MUG, changed(MUG, title=None)),
    "title.too_long": (MUG, changed(MUG, title="Mug " * 64)),
    "brand.too_short": (MUG, changed(MUG, brand="K")),
    "brand.too_long": (MUG, changed(MUG, brand="K" * 256)),
    "price.missing": (MUG, changed(MUG, price=None, sale_price=None)),
    "sale_price.not_lower": (MUG, changed(MUG, sale_price=Decimal("24.00"))),
    "currency.not_store": (MUG, changed(MUG, currency="EUR")),
    "sale_price.no_dates": (MUG, attributes(MUG, sale_end="2030-01-31")),
    "weight_g.missing": (MUG, changed(MUG, weight_g=None)),
    "gtin.invalid": (MUG, changed(MUG, gtin="012345678901")),
    "images.missing": (MUG, dataclasses.replace(MUG, images=())),
    "images.not_web": (
        MUG,
        dataclasses.replace(MUG, images=(*MUG.images, "file:///home/me/mug-3.jpg")),
    ),
    "keywords.too_long": (MUG, changed(MUG, keywords=["mug", "x" * 256])),
    "keywords.comma": (MUG, changed(MUG, keywords=["mug, large"])),
    "text.formula": (MUG, changed(MUG, title="=Stoneware Mug")),
    "handle.from_sku": (TEE, dataclasses.replace(TEE, sku="TEE_CLASSIC")),
    "options.missing": (RED, changed(RED, attributes={})),
    "options.too_many": (RED, attributes(RED, Material="Cotton", Fit="Slim")),
    "variants.too_many": (
        TEE,
        dataclasses.replace(TEE, variant_skus=tuple(f"TEE-{n}" for n in range(2049))),
    ),
    "variants.over_100": (
        TEE,
        dataclasses.replace(TEE, variant_skus=tuple(f"TEE-{n}" for n in range(101))),
    ),
    "category.unmapped": (MUG, changed(MUG, category_id=None, category_path="Kitchen stuff")),
}
#: Rules that go with another one (more than 2,048 variants is also more than 100).
ALSO = {"variants.too_many": {"variants.over_100"}}


def codes(product: ChannelProduct, settings: ChannelSettings = SETTINGS) -> set[str]:
    return {problem.code for problem in CHANNEL.check(product, settings)}


def test_every_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(rule.code for rule in CHANNEL.rules)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_and_fails(code: str) -> None:
    passing, failing = CASES[code]
    assert code not in codes(passing)
    assert codes(failing) - codes(passing) == {code, *ALSO.get(code, ())}


def test_rule_messages_name_the_field_to_fix() -> None:
    for rule in CHANNEL.rules:
        assert rule.message.startswith(("Shopify", "The GTIN", "A Title", "This product"))
        assert rule.message.endswith(".")


def test_ready_samples_have_no_errors() -> None:
    for product in (MUG, TEE, RED):
        assert CHANNEL.check(product, SETTINGS) == []


def test_unmapped_category_suggests_one() -> None:
    problems = CHANNEL.check(
        changed(MUG, title="Mug", category_id=None, category_path=None), SETTINGS
    )
    unmapped = next(p for p in problems if p.code == "category.unmapped")
    assert unmapped.suggestion is not None and "Mug" in unmapped.suggestion


def test_store_currency_is_optional() -> None:
    assert "currency.not_store" not in codes(changed(MUG, currency="EUR"), ChannelSettings())


# --------------------------------------------------------------------------------- writing
def write(products: list[ChannelProduct], tmp_path: Path, **settings: str) -> list[dict[str, str]]:
    target = tmp_path / "shopify.csv"
    CHANNEL.write(products, target, ChannelSettings({**SETTINGS.values, **settings}), "csv")
    with target.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_golden_file(tmp_path: Path) -> None:
    target = tmp_path / "shopify.csv"
    assert CHANNEL.write([*READY, FORMULAS], target, SETTINGS) == 5
    assert target.read_bytes() == GOLDEN.read_bytes()


def test_header_is_shopifys_template() -> None:
    template = Path(__file__).resolve().parents[1] / "data" / "samples"
    with (template / "shopify_product_template.csv").open(encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == shopify_csv.COLUMNS
    assert GOLDEN.read_text(encoding="utf-8").splitlines()[0].split(",")[0] == "Handle"


def test_single_product_is_one_row_plus_image_rows(tmp_path: Path) -> None:
    rows = write([MUG], tmp_path)
    first, image = rows
    assert first["Handle"] == image["Handle"] == "MUG-SAGE-12OZ"
    assert (first["Option1 Name"], first["Option1 Value"]) == ("Title", "Default Title")
    assert first["Variant SKU"] == "MUG-SAGE-12OZ"
    # on sale: Shopify's price is the sale price, the regular price is the compare-at price
    assert (first["Variant Price"], first["Variant Compare At Price"]) == ("19.50", "24.00")
    assert (first["Variant Inventory Tracker"], first["Variant Inventory Qty"]) == ("shopify", "14")
    assert (first["Variant Grams"], first["Variant Weight Unit"]) == ("380", "g")
    assert first["Tags"] == "mug, stoneware"
    assert first["Product Category"] == MUG.get("category_path")
    assert first["Google Shopping / Google Product Category"] == "2169"
    assert (first["Published"], first["Status"]) == ("TRUE", "active")
    assert first["Body (HTML)"].startswith("<p>Wheel-thrown <b>stoneware</b>")
    assert (image["Image Src"], image["Image Position"]) == (MUG.images[1], "2")
    assert image["Variant SKU"] == image["Title"] == image["Variant Price"] == ""


def test_variants_share_the_parents_handle(tmp_path: Path) -> None:
    rows = write([TEE, TEE_RED_M, TEE_BLUE_L], tmp_path)
    assert [r["Handle"] for r in rows] == ["TEE-CLASSIC", "TEE-CLASSIC"]
    first, second = rows
    assert (first["Title"], second["Title"]) == ("Classic Cotton Tee", "")
    assert [first[f"Option{n} Name"] for n in (1, 2, 3)] == ["Color", "Size", ""]
    assert second["Option1 Name"] == ""
    assert [(r["Option1 Value"], r["Option2 Value"]) for r in rows] == [("Red", "M"), ("Blue", "L")]
    assert [r["Variant SKU"] for r in rows] == ["TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L"]
    assert [r["Variant Inventory Qty"] for r in rows] == ["5", "0"]
    assert [r["Variant Price"] for r in rows] == ["21.99", "21.99"]
    assert first["Image Src"] == TEE.images[0]
    assert [r["Variant Image"] for r in rows] == [TEE_RED_M.images[0], TEE_BLUE_L.images[0]]
    assert second["Vendor"] == second["Body (HTML)"] == second["Status"] == ""


def test_families_are_grouped_whatever_the_order(tmp_path: Path) -> None:
    rows = write([TEE_BLUE_L, MUG, TEE_RED_M, FORMULAS, TEE], tmp_path)
    handles = [r["Handle"] for r in rows]
    assert handles == ["MUG-SAGE-12OZ", "MUG-SAGE-12OZ", "D-5", "TEE-CLASSIC", "TEE-CLASSIC"]
    # in the parent's order, not the order they came in
    assert [r["Variant SKU"] for r in rows[3:]] == ["TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L"]


def test_variants_without_their_parent_still_share_a_handle(tmp_path: Path) -> None:
    rows = write([TEE_RED_M, MUG, TEE_BLUE_L], tmp_path)
    tee = [r for r in rows if r["Handle"] == "TEE-CLASSIC"]
    assert [r["Variant SKU"] for r in tee] == ["TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L"]
    assert tee[0]["Title"] == TEE_RED_M.get("title")


def test_parent_without_variants_is_left_out(tmp_path: Path) -> None:
    target = tmp_path / "shopify.csv"
    assert CHANNEL.write([TEE, MUG], target, SETTINGS) == 1
    assert "TEE-CLASSIC" not in target.read_text(encoding="utf-8")


def test_options_use_attributes_that_differ(tmp_path: Path) -> None:
    red = attributes(TEE_RED_M, material="Cotton", Fit="Slim", Neck="Crew")
    blue = attributes(TEE_BLUE_L, material="Cotton", Fit="Regular", Neck="V")
    first = write([TEE, red, blue], tmp_path)[0]
    assert [first[f"Option{n} Name"] for n in (1, 2, 3)] == ["Color", "Size", "Fit"]


def test_variants_without_attributes_use_their_sku(tmp_path: Path) -> None:
    rows = write(
        [TEE, changed(TEE_RED_M, attributes={}), changed(TEE_BLUE_L, attributes={})], tmp_path
    )
    assert rows[0]["Option1 Name"] == "Variant"
    assert [r["Option1 Value"] for r in rows] == ["TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L"]


def test_handles(tmp_path: Path) -> None:
    assert shopify_csv.handle_for("TEE-CLASSIC") == "TEE-CLASSIC"
    assert shopify_csv.handle_for("Tee Classic_2 ") == "tee-classic-2"
    assert shopify_csv.handle_for("Ünïcode Mug") == "unicode-mug"
    assert shopify_csv.handle_for("---") == "product"
    one = samples.product(10, "mug 1", MUG.images, title="Mug", price=Decimal(5))
    two = samples.product(11, "MUG-1", MUG.images, title="Mug", price=Decimal(5))
    rows = write([one, two], tmp_path)
    # Shopify merges rows that share a handle, whatever its case
    assert [r["Handle"] for r in rows if r["Title"]] == ["mug-1", "MUG-1-2"]


def test_description_becomes_escaped_paragraphs() -> None:
    plain = changed(MUG, description="Fits 12 oz & more.\nDishwasher safe.\n\nSize: 8 < 10 > 6")
    assert shopify_csv.body_html(plain) == (
        "<p>Fits 12 oz &amp; more.<br>Dishwasher safe.</p><p>Size: 8 &lt; 10 &gt; 6</p>"
    )
    imported = attributes(plain, description_html="<p>Kept <i>as is</i></p>")
    assert shopify_csv.body_html(imported) == "<p>Kept <i>as is</i></p>"
    assert shopify_csv.body_html(MUG) == MUG.get("description")


def test_photos_not_on_the_web_are_left_out(tmp_path: Path) -> None:
    local = dataclasses.replace(MUG, images=("C:\\photos\\mug.jpg", MUG.images[1]))
    rows = write([local], tmp_path)
    assert [r["Image Src"] for r in rows] == [MUG.images[1]]


@pytest.mark.parametrize(
    ("status", "published"), [("active", "TRUE"), ("draft", "FALSE"), ("archived", "FALSE")]
)
def test_status(tmp_path: Path, status: str, published: str) -> None:
    row = write([changed(MUG, status=status)], tmp_path)[0]
    assert (row["Status"], row["Published"]) == (status, published)


def test_settings_reach_the_file(tmp_path: Path) -> None:
    row = write([MUG], tmp_path, inventory_policy="continue", weight_unit="oz")[0]
    assert (row["Variant Inventory Policy"], row["Variant Weight Unit"]) == ("continue", "oz")
    assert row["Variant Grams"] == "380"


def test_no_stock_means_untracked(tmp_path: Path) -> None:
    row = write([changed(MUG, stock=None, sale_price=None)], tmp_path)[0]
    assert row["Variant Inventory Tracker"] == row["Variant Inventory Qty"] == ""
    assert (row["Variant Price"], row["Variant Compare At Price"]) == ("24.00", "")


def test_formula_payloads_are_inert(tmp_path: Path) -> None:
    rows = write([*READY, FORMULAS], tmp_path)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    d5 = next(r for r in rows if r["Variant SKU"] == "D-5")
    assert d5["Title"] == "'" + FORMULAS.text("title")
    assert d5["Vendor"] == "'+cmd"


def test_only_csv(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        CHANNEL.write([MUG], tmp_path / "x.xml", SETTINGS, "xml")


def test_channel_protocol() -> None:
    check: Callable[..., Any] = CHANNEL.check
    assert (CHANNEL.key, CHANNEL.label, CHANNEL.formats) == (
        "shopify",
        "Shopify product CSV",
        ("csv",),
    )
    assert [s.key for s in CHANNEL.settings] == ["currency", "weight_unit", "inventory_policy"]
    assert check(MUG, SETTINGS) == []


def test_families_hold_back_only_incomplete_families() -> None:
    items = list(shopify_csv.families([TEE, MUG, TEE_BLUE_L, FORMULAS, TEE_RED_M]))
    assert [getattr(i, "sku", None) for i in items] == [MUG.sku, FORMULAS.sku, None]
    family = items[-1]
    assert isinstance(family, shopify_csv.Family)
    assert family.parent is TEE and family.variants == [TEE_RED_M, TEE_BLUE_L]
    assert family.count == 3
    # a variant whose parent never comes is grouped under the parent's SKU at the end
    orphan = list(shopify_csv.families([TEE_RED_M, MUG]))
    assert orphan[0] is MUG and isinstance(orphan[1], shopify_csv.Family)
    assert orphan[1].parent is None and orphan[1].parent_sku == "TEE-CLASSIC"


def test_attributes_kept_for_other_channels_are_not_options() -> None:
    other_channels = attributes(
        RED, tiktok_category="Tops", etsy_who_made="i_did", Amazon_Product_Type="SHIRT"
    )
    assert "options.too_many" not in codes(other_channels)
    assert shopify_csv.shop_attributes(other_channels) == shopify_csv.shop_attributes(RED)
