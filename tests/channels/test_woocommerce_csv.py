"""WooCommerce product CSV: every rule passes and fails on cue, the file matches its golden copy
byte for byte, and parsed back it has WooCommerce's types, parents, values and units."""

from __future__ import annotations

import csv
import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from channels import samples
from channels.samples import FORMULAS, MUG, READY, SETTINGS, TEE, TEE_BLUE_L, TEE_RED_M
from sellerdesk.channels import woocommerce_csv
from sellerdesk.channels.model import ChannelProduct, ChannelSettings
from sellerdesk.core.errors import InvalidValueError

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "feeds" / "woocommerce.csv"
SAMPLE = (
    Path(__file__).resolve().parents[1] / "data" / "samples" / "woocommerce_sample_products.csv"
)
CHANNEL = woocommerce_csv.make(samples.taxonomy())


def changed(product: ChannelProduct, **values: Any) -> ChannelProduct:
    return dataclasses.replace(product, values={**product.values, **values})


def attributes(product: ChannelProduct, **extra: str) -> ChannelProduct:
    return changed(product, attributes={**product.attributes, **extra})


#: rule code -> (a product passing it, the same product changed to fail it)
CASES: dict[str, tuple[ChannelProduct, ChannelProduct]] = {
    "title.missing": (MUG, changed(MUG, title=" ")),
    "price.missing": (MUG, changed(MUG, price=None, sale_price=None)),
    "sale_price.not_lower": (MUG, changed(MUG, sale_price=Decimal("25.00"))),
    "currency.not_store": (MUG, changed(MUG, currency="GBP")),
    "sale_dates.invalid": (
        attributes(MUG, sale_start="2030-01-01", sale_end="2030-01-31"),
        attributes(MUG, sale_start="2030-01-31", sale_end="2030-01-01"),
    ),
    "gtin.invalid": (MUG, changed(MUG, gtin="012345678906")),
    "images.missing": (MUG, dataclasses.replace(MUG, images=())),
    "images.not_web": (MUG, dataclasses.replace(MUG, images=("/home/me/mug.jpg",))),
    "category.missing": (MUG, changed(MUG, category_id=None, category_path=None)),
    "attributes.duplicate_name": (MUG, attributes(MUG, Color="Green")),
    "attributes.value_pipe": (MUG, attributes(MUG, material="Stoneware | Glaze")),
    "attributes.name_too_long": (MUG, attributes(MUG, dishwasher_and_microwave_safe="yes")),
    "variant.no_attributes": (TEE_RED_M, changed(TEE_RED_M, attributes={})),
}


def codes(product: ChannelProduct, settings: ChannelSettings = SETTINGS) -> set[str]:
    return {problem.code for problem in CHANNEL.check(product, settings)}


def test_every_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(rule.code for rule in CHANNEL.rules)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_and_fails(code: str) -> None:
    passing, failing = CASES[code]
    assert code not in codes(passing)
    assert codes(failing) - codes(passing) == {code}


def test_sale_dates_must_be_dates() -> None:
    assert "sale_dates.invalid" in codes(attributes(MUG, sale_end="31/01/2030"))
    assert "sale_dates.invalid" not in codes(attributes(MUG, sale_end="2030-01-31"))


def test_rule_messages_name_the_channel() -> None:
    for rule in CHANNEL.rules:
        assert rule.message.startswith(("WooCommerce", "The GTIN")), rule.code
        assert rule.message.endswith("."), rule.code


def test_ready_samples_have_no_problems() -> None:
    for product in (*READY, FORMULAS):
        assert CHANNEL.check(product, SETTINGS) == [], product.sku


def test_own_category_path_is_enough() -> None:
    """WooCommerce categories are the shop's own: no Google category needed."""
    assert codes(changed(MUG, category_id=None, category_path="Kitchen > Mugs")) == set()


def test_missing_category_suggests_one() -> None:
    product = changed(MUG, title="Mug", category_id=None, category_path=None)
    problem = next(p for p in CHANNEL.check(product, SETTINGS) if p.code == "category.missing")
    assert problem.suggestion is not None and "Mugs" in problem.suggestion


# --------------------------------------------------------------------------------- writing
def write(products: list[ChannelProduct], tmp_path: Path, **settings: str) -> list[dict[str, str]]:
    target = tmp_path / "woocommerce.csv"
    CHANNEL.write(products, target, ChannelSettings({**SETTINGS.values, **settings}))
    with target.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_golden_file(tmp_path: Path) -> None:
    target = tmp_path / "woocommerce.csv"
    assert CHANNEL.write([*READY, FORMULAS], target, SETTINGS, "csv") == 5
    assert target.read_bytes() == GOLDEN.read_bytes()


def test_header_follows_woocommerces_exporter() -> None:
    with SAMPLE.open(encoding="utf-8") as handle:
        sample = next(csv.reader(handle))
    ours = woocommerce_csv.columns(groups=2)
    # the sample predates the GTIN (9.2) and Brands (9.6) columns; otherwise the same order
    shared = [c for c in ours if c in sample]
    assert shared == [c for c in sample if c in ours]
    assert set(ours) - set(sample) == {"GTIN, UPC, EAN, or ISBN", "Brands"}
    assert GOLDEN.read_bytes().startswith(b"\xef\xbb\xbfID,Type,SKU,")


def test_simple_product(tmp_path: Path) -> None:
    (row,) = write([MUG], tmp_path)
    assert (row["Type"], row["SKU"], row["ID"], row["Parent"]) == ("simple", MUG.sku, "", "")
    assert (row["Regular price"], row["Sale price"]) == ("24.00", "19.50")
    assert (row["In stock?"], row["Stock"]) == ("1", "14")
    assert row["Weight (kg)"] == "0.38"
    assert row["Categories"] == MUG.get("category_path")
    assert row["Tags"] == "mug, stoneware"
    assert row["Images"] == ", ".join(MUG.images)
    assert row["GTIN, UPC, EAN, or ISBN"] == "012345678905"
    assert row["Brands"] == "Kiln & Co"
    assert (row["Published"], row["Visibility in catalog"]) == ("1", "visible")
    assert row["Short description"] == "<ul><li>Holds 12 oz</li><li>Dishwasher safe</li></ul>"
    assert row["Description"] == MUG.get("description")
    assert (row["Attribute 1 name"], row["Attribute 1 value(s)"]) == ("color", "Sage")
    assert (row["Attribute 2 name"], row["Attribute 2 value(s)"]) == ("material", "Stoneware")
    assert (row["Attribute 1 visible"], row["Attribute 1 global"]) == ("1", "0")


def test_variable_parent_and_variations(tmp_path: Path) -> None:
    parent, red, blue = write([TEE, TEE_RED_M, TEE_BLUE_L], tmp_path)
    assert [parent["Type"], red["Type"], blue["Type"]] == ["variable", "variation", "variation"]
    assert parent["Regular price"] == parent["Stock"] == ""
    assert (parent["Attribute 1 name"], parent["Attribute 1 value(s)"]) == ("Color", "Red, Blue")
    assert (parent["Attribute 2 name"], parent["Attribute 2 value(s)"]) == ("Size", "M, L")
    assert red["Parent"] == blue["Parent"] == "TEE-CLASSIC"
    assert [(r["Attribute 1 value(s)"], r["Attribute 2 value(s)"]) for r in (red, blue)] == [
        ("Red", "M"),
        ("Blue", "L"),
    ]
    assert red["Attribute 1 visible"] == ""
    assert (red["In stock?"], blue["In stock?"], blue["Stock"]) == ("1", "0", "0")
    assert (red["Regular price"], red["Tax class"], red["Categories"]) == ("21.99", "parent", "")
    assert [red["Position"], blue["Position"]] == ["0", "1"]
    assert red["Images"] == TEE_RED_M.images[0]


def test_variations_come_after_their_parent(tmp_path: Path) -> None:
    rows = write([TEE_BLUE_L, MUG, TEE_RED_M, TEE], tmp_path)
    assert [r["SKU"] for r in rows] == [MUG.sku, TEE.sku, TEE_RED_M.sku, TEE_BLUE_L.sku]


def test_parent_lists_its_own_values_first(tmp_path: Path) -> None:
    parent = attributes(TEE, Color="Blue, Green, Red", Fit="Slim")
    row = write([parent, TEE_RED_M, TEE_BLUE_L], tmp_path)[0]
    pairs = [(row[f"Attribute {n} name"], row[f"Attribute {n} value(s)"]) for n in (1, 2, 3)]
    assert pairs == [("Color", "Blue, Green, Red"), ("Fit", "Slim"), ("Size", "M, L")]


def test_every_row_has_every_column(tmp_path: Path) -> None:
    target = tmp_path / "woocommerce.csv"
    CHANNEL.write([FORMULAS, MUG, TEE, TEE_RED_M], target, SETTINGS)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert {len(row) for row in rows} == {len(woocommerce_csv.columns(groups=2))}


def test_commas_inside_values_are_escaped(tmp_path: Path) -> None:
    path = "Food, Beverages & Tobacco > Beverages > Tea & Infusions"
    tea = attributes(
        changed(MUG, category_path=path, keywords=["tea, green", "loose"], brand="Tea, Inc."),
        size="10,5 cm",
    )
    row = write([tea], tmp_path)[0]
    assert row["Categories"] == "Food\\, Beverages & Tobacco > Beverages > Tea & Infusions"
    assert row["Tags"] == "tea\\, green, loose"
    assert row["Brands"] == "Tea\\, Inc."
    assert row["Attribute 3 value(s)"] == "10\\,5 cm"


@pytest.mark.parametrize(
    ("status", "published", "visibility"),
    [("active", "1", "visible"), ("draft", "-1", "visible"), ("archived", "0", "hidden")],
)
def test_status(tmp_path: Path, status: str, published: str, visibility: str) -> None:
    row = write([changed(MUG, status=status)], tmp_path)[0]
    assert (row["Published"], row["Visibility in catalog"]) == (published, visibility)


def test_store_units(tmp_path: Path) -> None:
    sized = changed(MUG, length_cm=Decimal("25.4"), width_cm=Decimal("10"))
    row = write([sized], tmp_path, weight_unit="lbs", dimension_unit="in")[0]
    assert row["Weight (lbs)"] == "0.8378"
    assert (row["Length (in)"], row["Width (in)"]) == ("10", "3.937")
    row = write([sized], tmp_path, weight_unit="g", dimension_unit="mm")[0]
    assert (row["Weight (g)"], row["Length (mm)"]) == ("380", "254")


def test_sale_dates(tmp_path: Path) -> None:
    dated = attributes(MUG, sale_start="2030-01-01", sale_end="2030-01-31")
    row = write([dated], tmp_path)[0]
    assert (row["Date sale price starts"], row["Date sale price ends"]) == (
        "2030-01-01",
        "2030-01-31",
    )
    # WooCommerce's own notes are not shop attributes
    assert "sale_start" not in row.values()


def test_type_recorded_from_woocommerce_is_kept(tmp_path: Path) -> None:
    album = attributes(MUG, woocommerce_type="simple, downloadable, virtual")
    assert write([album], tmp_path)[0]["Type"] == "simple, downloadable, virtual"
    odd = attributes(MUG, woocommerce_type="variation")
    assert write([odd], tmp_path)[0]["Type"] == "simple"


def test_imported_descriptions_are_kept(tmp_path: Path) -> None:
    imported = attributes(
        MUG, description_html="<p>Made <b>by hand</b></p>", short_description="Handmade."
    )
    row = write([imported], tmp_path)[0]
    assert (row["Description"], row["Short description"]) == (
        "<p>Made <b>by hand</b></p>",
        "Handmade.",
    )


def test_formula_payloads_are_inert(tmp_path: Path) -> None:
    rows = write([*READY, FORMULAS], tmp_path)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    d5 = rows[-1]
    assert (d5["Name"], d5["Brands"]) == ("'" + FORMULAS.text("title"), "'+cmd")
    assert d5["Description"] == "'@SUM(1+1)"


def test_photos_not_on_the_web_are_left_out(tmp_path: Path) -> None:
    local = dataclasses.replace(MUG, images=("/home/me/mug.jpg", MUG.images[1]))
    assert write([local], tmp_path)[0]["Images"] == MUG.images[1]


def test_only_csv(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        CHANNEL.write([MUG], tmp_path / "x.tsv", SETTINGS, "tsv")


def test_channel_protocol() -> None:
    assert (CHANNEL.key, CHANNEL.label, CHANNEL.formats) == (
        "woocommerce",
        "WooCommerce product CSV",
        ("csv",),
    )
    assert [s.key for s in CHANNEL.settings] == ["currency", "weight_unit", "dimension_unit"]


def test_attributes_kept_for_other_channels_are_not_written(tmp_path: Path) -> None:
    mug = attributes(MUG, tiktok_category="Drinkware", etsy_who_made="i_did")
    (row,) = write([mug], tmp_path)
    names = {value for key, value in row.items() if key.endswith(" name") and value}
    assert names == {"color", "material"}
