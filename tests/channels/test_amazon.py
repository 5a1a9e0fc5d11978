"""Amazon: every rule passes and fails on purpose, the JSON_LISTINGS_FEED and the flat file match
their golden files, parse back with json, the csv module and SellerDesk's importer, make
variants children of their parent, and the flat file keeps spreadsheet formulas inert."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from channels.samples import (
    ALL,
    FORMULAS,
    MUG,
    READY,
    SETTINGS,
    TEE,
    TEE_BLUE_L,
    TEE_RED_M,
    golden,
    taxonomy,
)
from sellerdesk.channels import amazon
from sellerdesk.channels.model import ChannelProduct, ChannelSettings, run_rules
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.importers.pipeline import StreamState, inspect, stream

CHANNEL = amazon.make(taxonomy())
US = "ATVPDKIKX0DER"
SALE = {"sale_start": "2025-11-28", "sale_end": "2025-12-01"}


def changed(
    base: ChannelProduct,
    images: tuple[str, ...] | None = None,
    sku: str | None = None,
    **values: Any,
) -> ChannelProduct:
    return replace(
        base,
        sku=base.sku if sku is None else sku,
        images=base.images if images is None else images,
        values={**base.values, **values},
    )


def settings(**values: str) -> ChannelSettings:
    merged = {**SETTINGS.values, "seller_id": "A1SELLEREXAMPLE", **values}
    return ChannelSettings({k: v for k, v in merged.items() if v})


AMAZON = settings()
FEED = settings(default_product_type="HOME")


def codes(product: ChannelProduct, where: ChannelSettings = AMAZON) -> set[str]:
    return {problem.code for problem in CHANNEL.check(product, where)}


def feed(products: list[ChannelProduct], tmp_path: Path) -> dict[str, Any]:
    target = tmp_path / "amazon.json"
    CHANNEL.write(products, target, FEED, "json")
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


def flat_rows(products: list[ChannelProduct], tmp_path: Path) -> list[dict[str, str]]:
    target = tmp_path / "amazon.txt"
    CHANNEL.write(products, target, FEED, "txt")
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [dict(zip(rows[2], row, strict=True)) for row in rows[3:]]


def typed(base: ChannelProduct, **attributes: str) -> ChannelProduct:
    return changed(
        base, attributes={**base.attributes, "amazon_product_type": "HOME", **attributes}
    )


#: a product on its own, a parent and a variant that pass every rule
SINGLE = typed(MUG, **SALE)
PARENT = changed(typed(TEE, amazon_product_type="SHIRT"), bullets=["Soft cotton"])
VARIANT = changed(typed(TEE_RED_M, amazon_product_type="SHIRT"), bullets=["Soft cotton"])
PHOTOS = tuple(f"https://cdn.kilnandco.example/{n}.jpg" for n in range(10))

Case = tuple[ChannelProduct, ChannelProduct, ChannelSettings]

#: rule code -> a passing product, the same product changed to fail that rule, the settings
CASES: dict[str, Case] = {
    "title.missing": (SINGLE, changed(SINGLE, title=None), AMAZON),
    "title.too_long": (
        changed(SINGLE, title="T" * 200),
        changed(SINGLE, title="T" * 201),
        AMAZON,
    ),
    "title.long": (changed(SINGLE, title="T" * 150), changed(SINGLE, title="T" * 151), AMAZON),
    "title.symbols": (
        changed(SINGLE, brand="Yahoo!", title="Yahoo! Mug"),
        changed(SINGLE, title="Best Mug Ever!"),
        AMAZON,
    ),
    "brand.missing": (SINGLE, changed(SINGLE, brand=None), AMAZON),
    "gtin.missing": (
        typed(changed(SINGLE, gtin=None), identifier_exists="no"),
        changed(SINGLE, gtin=None),
        AMAZON,
    ),
    "bullets.missing": (SINGLE, changed(SINGLE, bullets=[]), AMAZON),
    "bullets.too_many": (
        changed(SINGLE, bullets=[f"Point {n}" for n in range(5)]),
        changed(SINGLE, bullets=[f"Point {n}" for n in range(6)]),
        AMAZON,
    ),
    "bullets.too_long": (
        changed(SINGLE, bullets=["b" * 500]),
        changed(SINGLE, bullets=["Short", "b" * 501]),
        AMAZON,
    ),
    "description.missing": (SINGLE, changed(SINGLE, description=""), AMAZON),
    "description.too_long": (
        changed(SINGLE, description="<p><b>word</b></p>" * 150),
        changed(SINGLE, description="word " * 401),
        AMAZON,
    ),
    "price.missing": (SINGLE, changed(SINGLE, price=None, sale_price=None), AMAZON),
    "sale_price.not_lower": (SINGLE, changed(SINGLE, sale_price=Decimal("24.00")), AMAZON),
    "currency.missing": (SINGLE, changed(SINGLE, currency=None), AMAZON),
    "currency.marketplace": (SINGLE, changed(SINGLE, currency="EUR"), AMAZON),
    "sale_price.no_dates": (SINGLE, typed(MUG, sale_start="2025-11-28"), AMAZON),
    "stock.missing": (SINGLE, changed(SINGLE, stock=None), AMAZON),
    "images.missing": (SINGLE, changed(SINGLE, images=()), AMAZON),
    "images.not_web": (SINGLE, changed(SINGLE, images=("C:\\photos\\mug.jpg",)), AMAZON),
    "images.too_many": (
        changed(SINGLE, images=PHOTOS[:9]),
        changed(SINGLE, images=PHOTOS),
        AMAZON,
    ),
    "keywords.too_long": (
        changed(SINGLE, keywords=["a" * 125, "b" * 124]),
        changed(SINGLE, keywords=["a" * 125, "b" * 125]),
        AMAZON,
    ),
    "condition.not_new": (SINGLE, changed(SINGLE, condition="used"), AMAZON),
    "product_type.missing": (
        SINGLE,
        changed(SINGLE, attributes={**SALE}),
        AMAZON,
    ),
    "product_type.unconfirmed": (
        SINGLE,
        changed(SINGLE, attributes={**SALE}),
        FEED,
    ),
    "variation.no_theme": (
        VARIANT,
        changed(VARIANT, attributes={"amazon_product_type": "SHIRT", "Scent": "Fig"}),
        AMAZON,
    ),
    "status.archived": (SINGLE, changed(SINGLE, status="archived"), AMAZON),
    "setting.seller_id": (SINGLE, SINGLE, settings(seller_id="")),
    "setting.marketplace_id": (SINGLE, SINGLE, settings(marketplace_id="AXXXXXXXXXXXXX")),
}
#: rules that fail along with the one a case is about
ALSO = {"product_type.missing": {"product_type.unconfirmed"}, "title.too_long": {"title.long"}}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {rule.code for rule in CHANNEL.rules}
    assert len(CHANNEL.rules) == len(CASES)


@pytest.mark.parametrize("base", [SINGLE, PARENT, VARIANT], ids=lambda p: p.sku)
def test_the_passing_products_pass_everything(base: ChannelProduct) -> None:
    assert CHANNEL.check(base, AMAZON) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_and_fails(code: str) -> None:
    passing, failing, where = CASES[code]
    assert code not in codes(passing)
    assert codes(failing, where) == {code, *ALSO.get(code, ())}


def test_other_product_ids_and_parents() -> None:
    assert "gtin.missing" not in codes(typed(changed(SINGLE, gtin=None), asin="B000123456"))
    assert codes(changed(PARENT, gtin=None, price=None, stock=None)) == set()


def test_check_gives_what_run_rules_gives() -> None:
    for where in (AMAZON, FEED, SETTINGS):
        for product in (*ALL, SINGLE, PARENT, changed(VARIANT, attributes={})):
            assert CHANNEL.check(product, where) == run_rules(
                CHANNEL.key, CHANNEL.rules, product, where
            )


def test_unconfirmed_product_type_names_the_google_category() -> None:
    problem = next(p for p in CHANNEL.check(MUG, FEED) if p.code == "product_type.unconfirmed")
    assert problem.severity == "warning"
    assert problem.suggestion is not None
    assert "Drinkware > Mugs" in problem.suggestion


# ---------------------------------------------------------------------------------- JSON
def test_golden_json(tmp_path: Path) -> None:
    target = tmp_path / "amazon.json"
    assert CHANNEL.write([*READY, FORMULAS], target, FEED, "json") == 5
    golden("amazon.json", target.read_bytes())


def test_json_feed_parses_back(tmp_path: Path) -> None:
    data = feed([*READY, FORMULAS], tmp_path)
    assert data["header"] == {
        "sellerId": "A1SELLEREXAMPLE",
        "version": "2.0",
        "issueLocale": "en_US",
    }
    messages = {m["sku"]: m for m in data["messages"]}
    assert [m["messageId"] for m in data["messages"]] == [1, 2, 3, 4, 5]
    mug = messages["MUG-SAGE-12OZ"]
    assert (mug["operationType"], mug["productType"], mug["requirements"]) == (
        "UPDATE",
        "HOME",
        "LISTING",
    )
    attributes = mug["attributes"]
    assert attributes["item_name"] == [
        {"value": "Stoneware Mug 12 oz, Sage", "language_tag": "en_US", "marketplace_id": US}
    ]
    assert attributes["externally_assigned_product_identifier"] == [
        {"type": "upc", "value": "012345678905", "marketplace_id": US}
    ]
    offer = attributes["purchasable_offer"][0]
    assert offer["currency"] == "USD" and offer["marketplace_id"] == US
    assert offer["our_price"] == [{"schedule": [{"value_with_tax": 24}]}]
    assert "discounted_price" not in offer
    assert attributes["fulfillment_availability"] == [
        {"fulfillment_channel_code": "DEFAULT", "quantity": 14}
    ]
    assert attributes["condition_type"] == [{"value": "new_new", "marketplace_id": US}]
    assert [b["value"] for b in attributes["bullet_point"]] == ["Holds 12 oz", "Dishwasher safe"]
    assert attributes["product_description"][0]["value"] == (
        "Wheel-thrown stoneware mug.\nDishwasher safe"
    )
    assert attributes["main_product_image_locator"][0]["media_location"] == MUG.images[0]
    assert attributes["other_product_image_locator_1"][0]["media_location"] == MUG.images[1]
    assert attributes["item_package_weight"] == [
        {"value": 380, "unit": "grams", "marketplace_id": US}
    ]
    parent = messages["TEE-CLASSIC"]["attributes"]
    assert parent["parentage_level"] == [{"value": "parent", "marketplace_id": US}]
    assert parent["variation_theme"] == [{"name": "SIZE/COLOR"}]
    assert "purchasable_offer" not in parent and "fulfillment_availability" not in parent
    blue = messages["TEE-CLASSIC-BLUE-L"]["attributes"]
    assert blue["child_parent_sku_relationship"] == [
        {"child_relationship_type": "variation", "parent_sku": "TEE-CLASSIC", "marketplace_id": US}
    ]
    assert blue["fulfillment_availability"][0]["quantity"] == 0
    assert blue["externally_assigned_product_identifier"][0]["type"] == "ean"
    assert (blue["color"][0]["value"], blue["size"][0]["value"]) == ("Blue", "L")
    assert blue["purchasable_offer"][0]["our_price"][0]["schedule"][0]["value_with_tax"] == 21.99


def test_json_sale_exemption_asin_and_delete(tmp_path: Path) -> None:
    exempt = typed(changed(MUG, sku="MUG-2", gtin=None), identifier_exists="no")
    known = typed(changed(MUG, sku="MUG-3", gtin=None), asin="B000123456")
    gone = changed(MUG, sku="MUG-4", status="archived")
    messages = {m["sku"]: m for m in feed([SINGLE, exempt, known, gone], tmp_path)["messages"]}
    offer = messages["MUG-SAGE-12OZ"]["attributes"]["purchasable_offer"][0]
    assert offer["discounted_price"] == [
        {"schedule": [{"start_at": "2025-11-28", "end_at": "2025-12-01", "value_with_tax": 19.5}]}
    ]
    assert messages["MUG-2"]["attributes"][
        "supplier_declared_has_product_identifier_exemption"
    ] == [{"value": True, "marketplace_id": US}]
    assert messages["MUG-3"]["attributes"]["merchant_suggested_asin"] == [
        {"value": "B000123456", "marketplace_id": US}
    ]
    assert messages["MUG-4"] == {"messageId": 4, "sku": "MUG-4", "operationType": "DELETE"}


def test_json_marketplace_and_language(tmp_path: Path) -> None:
    target = tmp_path / "amazon.json"
    uk = settings(default_product_type="HOME", marketplace_id="A1F83G8C2ARO7P")
    CHANNEL.write([changed(SINGLE, currency="GBP")], target, uk, "json")
    attributes = json.loads(target.read_text(encoding="utf-8"))["messages"][0]["attributes"]
    assert attributes["item_name"][0]["language_tag"] == "en_GB"
    assert attributes["purchasable_offer"][0]["marketplace_id"] == "A1F83G8C2ARO7P"
    assert "currency.marketplace" in codes(SINGLE, uk)


def test_json_needs_the_seller_id(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        CHANNEL.write([SINGLE], tmp_path / "amazon.json", settings(seller_id=""), "json")
    with pytest.raises(InvalidValueError):
        CHANNEL.write([SINGLE], tmp_path / "amazon.xml", AMAZON, "xml")
    assert CHANNEL.write([SINGLE], tmp_path / "amazon.txt", settings(seller_id=""), "txt") == 1


def test_children_follow_their_parent_whatever_the_order(tmp_path: Path) -> None:
    data = feed([TEE, MUG, TEE_BLUE_L, FORMULAS, TEE_RED_M], tmp_path)
    skus = [m["sku"] for m in data["messages"]]
    assert skus == [
        "MUG-SAGE-12OZ",
        "D-5",
        "TEE-CLASSIC",
        "TEE-CLASSIC-RED-M",
        "TEE-CLASSIC-BLUE-L",
    ]
    lone = feed([TEE_BLUE_L], tmp_path)["messages"][0]["attributes"]
    assert lone["parentage_level"][0]["value"] == "child"
    assert lone["variation_theme"] == [{"name": "SIZE/COLOR"}]


def test_json_is_one_document_even_when_empty(tmp_path: Path) -> None:
    assert feed([], tmp_path)["messages"] == []


# ----------------------------------------------------------------------------- flat file
def test_golden_flat_file(tmp_path: Path) -> None:
    target = tmp_path / "amazon.txt"
    assert CHANNEL.write([*READY, FORMULAS], target, FEED, "txt") == 5
    golden("amazon.txt", target.read_bytes())


def test_flat_file_parses_back(tmp_path: Path) -> None:
    target = tmp_path / "amazon.txt"
    CHANNEL.write([*READY, FORMULAS], target, FEED, "txt")
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows[0][0] == "TemplateType=fptcustom"
    assert rows[1][:2] == ["Product Type", "Seller SKU"]
    assert rows[2][:4] == ["feed_product_type", "item_sku", "brand_name", "item_name"]
    assert len({len(row) for row in rows[1:]}) == 1
    by_sku = {row["item_sku"]: row for row in flat_rows([*READY, FORMULAS], tmp_path)}
    mug = by_sku["MUG-SAGE-12OZ"]
    assert (mug["feed_product_type"], mug["standard_price"], mug["currency"], mug["quantity"]) == (
        "home",
        "24.00",
        "USD",
        "14",
    )
    assert (mug["external_product_id"], mug["external_product_id_type"]) == ("012345678905", "UPC")
    assert (mug["bullet_point1"], mug["bullet_point2"], mug["bullet_point3"]) == (
        "Holds 12 oz",
        "Dishwasher safe",
        "",
    )
    assert mug["product_description"] == "Wheel-thrown stoneware mug. Dishwasher safe"
    assert mug["generic_keywords"] == "mug stoneware"
    assert mug["condition_type"] == "New"
    assert mug["sale_price"] == ""
    assert (mug["website_shipping_weight"], mug["website_shipping_weight_unit_of_measure"]) == (
        "380",
        "GR",
    )
    assert mug["update_delete"] == "Update"
    tee = by_sku["TEE-CLASSIC"]
    assert (tee["parent_child"], tee["variation_theme"], tee["standard_price"]) == (
        "Parent",
        "SizeColor",
        "",
    )
    red = by_sku["TEE-CLASSIC-RED-M"]
    assert (red["parent_child"], red["parent_sku"], red["relationship_type"]) == (
        "Child",
        "TEE-CLASSIC",
        "Variation",
    )
    assert (red["color_name"], red["size_name"], red["quantity"]) == ("Red", "M", "5")
    assert by_sku["TEE-CLASSIC-BLUE-L"]["quantity"] == "0"


def test_flat_file_sale_and_delete(tmp_path: Path) -> None:
    gone = changed(MUG, sku="MUG-4", status="archived")
    rows = {row["item_sku"]: row for row in flat_rows([SINGLE, gone], tmp_path)}
    mug = rows["MUG-SAGE-12OZ"]
    assert (mug["sale_price"], mug["sale_from_date"], mug["sale_end_date"]) == (
        "19.50",
        "2025-11-28",
        "2025-12-01",
    )
    assert mug["feed_product_type"] == "home"
    assert rows["MUG-4"]["update_delete"] == "Delete"


def test_flat_file_formulas_come_out_inert(tmp_path: Path) -> None:
    target = tmp_path / "amazon.txt"
    CHANNEL.write([*READY, FORMULAS], target, FEED, "txt")
    with target.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            for value in row:
                assert not value.startswith(("=", "+", "-", "@")), value
    formulas = next(row for row in flat_rows([FORMULAS], tmp_path) if row["item_sku"] == "D-5")
    assert formulas["item_name"] == "'" + FORMULAS.text("title")
    assert formulas["brand_name"] == "'+cmd"
    assert formulas["product_description"] == "'@SUM(1+1)"


def test_flat_file_values_stay_on_one_line(tmp_path: Path) -> None:
    messy = changed(SINGLE, title="Mug\twith\ttabs", bullets=["Line one\nline two"])
    target = tmp_path / "amazon.txt"
    CHANNEL.write([messy], target, FEED, "txt")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    row = flat_rows([messy], tmp_path)[0]
    assert (row["item_name"], row["bullet_point1"]) == ("Mug with tabs", "Line one line two")


def test_the_importer_reads_the_flat_file_back(tmp_path: Path) -> None:
    target = tmp_path / "amazon.txt"
    CHANNEL.write([*READY, FORMULAS], target, FEED, "txt")
    inspection = inspect(target)
    assert inspection.layout.key == "amazon"
    assert inspection.header_row == 3
    drafts = {d.sku: d for chunk in stream(inspection, StreamState()) for d in chunk.products}
    assert set(drafts) == {
        "MUG-SAGE-12OZ",
        "TEE-CLASSIC",
        "TEE-CLASSIC-RED-M",
        "TEE-CLASSIC-BLUE-L",
        "D-5",
    }
    mug = drafts["MUG-SAGE-12OZ"].values
    assert (mug["price"], mug["stock"], mug["gtin"], mug["mpn"]) == (
        Decimal("24.00"),
        14,
        "012345678905",
        "KC-MUG-12-SG",
    )
    assert mug["bullets"] == ["Holds 12 oz", "Dishwasher safe"]
    assert mug["condition"] == "new"
    assert [image["uri"] for image in drafts["MUG-SAGE-12OZ"].images] == list(MUG.images)
    red = drafts["TEE-CLASSIC-RED-M"]
    assert red.parent_sku == "TEE-CLASSIC"
    assert red.values["attributes"]["color_name"] == "Red"


def test_the_variation_theme_follows_what_varies(tmp_path: Path) -> None:
    red = changed(TEE_RED_M, attributes={"color": "Red", "size": "M"})
    blue = changed(TEE_BLUE_L, attributes={"color": "Blue", "size": "M"})
    themes = [
        m["attributes"]["variation_theme"] for m in feed([TEE, red, blue], tmp_path)["messages"]
    ]
    assert themes == [[{"name": "COLOR"}]] * 3
    own = changed(TEE, attributes={"amazon_variation_theme": "COLOR_NAME"})
    rows = flat_rows([own, red, blue], tmp_path)
    assert [row["variation_theme"] for row in rows] == ["COLOR_NAME"] * 3


def test_an_impossible_sale_date_leaves_the_sale_out(tmp_path: Path) -> None:
    bad = typed(changed(SINGLE, sku="MUG-BAD-SALE"), sale_start="2025-02-30")
    backwards = typed(changed(SINGLE, sku="MUG-BACKWARDS"), sale_end="2025-11-01")
    for product in (bad, backwards):
        assert "sale_price.no_dates" in codes(product)
    rows = {row["item_sku"]: row for row in flat_rows([bad, backwards], tmp_path)}
    for sku in ("MUG-BAD-SALE", "MUG-BACKWARDS"):
        assert (rows[sku]["sale_price"], rows[sku]["sale_from_date"]) == ("", "")
    assert rows["MUG-BAD-SALE"]["standard_price"] == "24.00"
