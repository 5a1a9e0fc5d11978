"""eBay File Exchange: every rule passes and fails on purpose, the CSV matches its golden file,
parses back with the csv module and SellerDesk's importer, groups variations under their
listing row and keeps spreadsheet formulas inert."""

from __future__ import annotations

import csv
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
from sellerdesk.channels import ebay, families
from sellerdesk.channels.model import ChannelProduct, ChannelSettings, run_rules
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.importers.pipeline import StreamState, inspect, stream

CHANNEL = ebay.make(taxonomy())
assert isinstance(CHANNEL, ebay.EbayChannel)


def changed(
    base: ChannelProduct, images: tuple[str, ...] | None = None, **values: Any
) -> ChannelProduct:
    return replace(
        base, images=base.images if images is None else images, values={**base.values, **values}
    )


def settings(**values: str) -> ChannelSettings:
    merged = {
        **SETTINGS.values,
        "location": "Portland, OR",
        "shipping_profile": "Standard shipping",
        "return_profile": "30-day returns",
        "payment_profile": "Managed payments",
        **values,
    }
    return ChannelSettings({k: v for k, v in merged.items() if v})


def codes(product: ChannelProduct, where: ChannelSettings) -> set[str]:
    return {problem.code for problem in CHANNEL.check(product, where)}


def write(
    products: list[ChannelProduct], tmp_path: Path, where: ChannelSettings
) -> list[list[str]]:
    target = tmp_path / "ebay.csv"
    CHANNEL.write(products, target, where)
    with target.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


EBAY = settings()
#: a product on its own, a parent and a variant that pass every rule
SINGLE = changed(MUG, sale_price=None, attributes={**MUG.attributes, "ebay_category": "20625"})
PARENT = changed(TEE, mpn="KC-TEE", attributes={"ebay_category": "15687"})
VARIANT = TEE_RED_M
PHOTOS = tuple(f"https://cdn.kilnandco.example/{n}.jpg" for n in range(25))

Case = tuple[ChannelProduct, ChannelProduct, ChannelSettings]

#: rule code -> a passing product, the same product changed to fail that rule, the settings
CASES: dict[str, Case] = {
    "title.missing": (SINGLE, changed(SINGLE, title=None), EBAY),
    "title.too_long": (changed(SINGLE, title="T" * 80), changed(SINGLE, title="T" * 81), EBAY),
    "ebay_category.missing": (SINGLE, changed(SINGLE, attributes={"color": "Sage"}), EBAY),
    "condition.missing": (SINGLE, changed(SINGLE, condition=None), EBAY),
    "description.missing": (SINGLE, changed(SINGLE, description=""), EBAY),
    "description.too_long": (
        changed(SINGLE, description="x" * 500_000),
        changed(SINGLE, description="x" * 500_001),
        EBAY,
    ),
    "description.active_content": (
        changed(SINGLE, description="<p>Read: https://kilnandco.example</p>"),
        changed(SINGLE, description="<p>Hi</p><SCRIPT>alert(1)</SCRIPT>"),
        EBAY,
    ),
    "images.missing": (SINGLE, changed(SINGLE, images=()), EBAY),
    "images.not_https": (
        SINGLE,
        changed(SINGLE, images=(MUG.images[0], "http://cdn.kilnandco.example/2.jpg")),
        EBAY,
    ),
    "images.too_many": (
        changed(SINGLE, images=PHOTOS[:24]),
        changed(SINGLE, images=PHOTOS),
        EBAY,
    ),
    "brand.missing": (SINGLE, changed(SINGLE, brand=None), EBAY),
    "mpn.missing": (SINGLE, changed(SINGLE, mpn=None), EBAY),
    "price.missing": (SINGLE, changed(SINGLE, price=None), EBAY),
    "price.too_low": (
        changed(SINGLE, price=Decimal("0.99")),
        changed(SINGLE, price=Decimal("0.50")),
        EBAY,
    ),
    "currency.site": (SINGLE, changed(SINGLE, currency="EUR"), EBAY),
    "sale_price.ignored": (SINGLE, changed(SINGLE, sale_price=Decimal("19.50")), EBAY),
    "stock.missing": (SINGLE, changed(SINGLE, stock=None), EBAY),
    "stock.zero": (SINGLE, changed(SINGLE, stock=0), EBAY),
    "status.archived": (SINGLE, changed(SINGLE, status="archived"), EBAY),
    "variation.no_options": (VARIANT, changed(VARIANT, attributes={"material": "Cotton"}), EBAY),
    "variation.too_many_options": (
        changed(VARIANT, attributes={f"Option {n}": "x" for n in range(5)}),
        changed(VARIANT, attributes={f"Option {n}": "x" for n in range(6)}),
        EBAY,
    ),
    "variation.bad_characters": (
        VARIANT,
        changed(VARIANT, attributes={"Color": "Red;Blue", "Size": "M"}),
        EBAY,
    ),
    "setting.location": (SINGLE, SINGLE, settings(location="")),
    "setting.shipping_profile": (SINGLE, SINGLE, settings(shipping_profile="")),
    "setting.return_profile": (SINGLE, SINGLE, settings(return_profile="")),
    "setting.payment_profile": (SINGLE, SINGLE, settings(payment_profile="")),
}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {rule.code for rule in CHANNEL.rules}
    assert len(CHANNEL.rules) == len(CASES)


@pytest.mark.parametrize("base", [SINGLE, PARENT, VARIANT, TEE_BLUE_L], ids=lambda p: p.sku)
def test_the_passing_products_pass_everything(base: ChannelProduct) -> None:
    assert CHANNEL.check(base, EBAY) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_and_fails(code: str) -> None:
    passing, failing, where = CASES[code]
    assert code not in codes(passing, EBAY)
    assert codes(failing, where) == {code}


@pytest.mark.parametrize(
    "code",
    ["title.missing", "ebay_category.missing", "images.missing", "brand.missing"],
)
def test_listing_rules_apply_to_parents_not_variants(code: str) -> None:
    bare_parent = changed(PARENT, title=None, brand=None, attributes={}, images=())
    bare_variant = changed(VARIANT, title=None, brand=None, images=())
    assert code in codes(bare_parent, EBAY)
    assert code not in codes(bare_variant, EBAY)


def test_parents_skip_price_and_stock_rules_and_zero_stock_variants_are_fine() -> None:
    assert codes(changed(PARENT, price=None, stock=None, currency=None), EBAY) == set()
    assert "stock.zero" not in codes(TEE_BLUE_L, EBAY)


def test_check_gives_what_run_rules_gives() -> None:
    for where in (EBAY, settings(location="", payment_profile=""), SETTINGS):
        for product in (*ALL, SINGLE, PARENT, changed(VARIANT, attributes={}, title="T" * 90)):
            assert CHANNEL.check(product, where) == run_rules(
                CHANNEL.key, CHANNEL.rules, product, where
            )


def test_missing_ebay_category_names_the_google_category() -> None:
    problem = next(p for p in CHANNEL.check(MUG, EBAY) if p.code == "ebay_category.missing")
    assert problem.severity == "error"
    assert problem.suggestion is not None
    assert "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs" in problem.suggestion
    uncategorized = changed(MUG, category_id=None, category_path=None)
    hint = next(
        p.suggestion
        for p in CHANNEL.check(uncategorized, EBAY)
        if p.code == "ebay_category.missing"
    )
    assert hint is not None and "Perhaps" in hint


def test_family_rules() -> None:
    assert CHANNEL.check_family(PARENT, [TEE_RED_M, TEE_BLUE_L]) == []
    odd = changed(TEE_BLUE_L, attributes={"Color": "Blue"})
    assert {p.code for p in CHANNEL.check_family(PARENT, [TEE_RED_M, odd])} == {
        "variants.mixed_options"
    }
    many = [replace(TEE_RED_M, sku=f"TEE-{n}") for n in range(251)]
    assert {p.code for p in CHANNEL.check_family(PARENT, many)} == {"variants.too_many"}


# ------------------------------------------------------------------------------ the file
def test_golden_file(tmp_path: Path) -> None:
    target = tmp_path / "ebay.csv"
    assert CHANNEL.write([*READY, FORMULAS], target, EBAY, "csv") == 5
    golden("ebay.csv", target.read_bytes())


def test_rows_parse_back(tmp_path: Path) -> None:
    rows = write([*READY, FORMULAS], tmp_path, EBAY)
    header = rows[0]
    assert header[0] == "*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)"
    by_sku = {
        row[header.index("CustomLabel")]: dict(zip(header, row, strict=True)) for row in rows[1:]
    }
    mug = by_sku["MUG-SAGE-12OZ"]
    assert mug[header[0]] == "Add"
    assert mug["*StartPrice"] == "24.00"
    assert mug["*Quantity"] == "14"
    assert mug["*ConditionID"] == "1000"
    assert mug["Product:UPC"] == "012345678905"
    assert mug["PicURL"] == "|".join(MUG.images)
    assert mug["C:Brand"] == "Kiln & Co"
    assert mug["C:MPN"] == "KC-MUG-12-SG"
    assert mug["C:Color"] == "Sage"
    assert mug["C:Material"] == "Stoneware"
    assert mug["*Description"].startswith("<p>Wheel-thrown <b>stoneware</b>")
    assert (mug["*Format"], mug["*Duration"], mug["*Location"]) == (
        "FixedPrice",
        "GTC",
        "Portland, OR",
    )
    assert mug["ShippingProfileName"] == "Standard shipping"
    assert mug["ReturnProfileName"] == "30-day returns"
    assert mug["PaymentProfileName"] == "Managed payments"
    tee = by_sku["TEE-CLASSIC"]
    assert tee["*StartPrice"] == tee["*Quantity"] == tee["Relationship"] == ""
    assert tee["RelationshipDetails"] == "Color=Red;Blue|Size=M;L"
    assert tee["C:Color"] == tee["C:Size"] == ""
    red = by_sku["TEE-CLASSIC-RED-M"]
    assert red[header[0]] == "" and red["*Title"] == ""
    assert (red["*StartPrice"], red["*Quantity"], red["Product:EAN"]) == (
        "21.99",
        "5",
        "4006381333931",
    )
    assert (red["Relationship"], red["RelationshipDetails"]) == ("Variation", "Color=Red|Size=M")
    assert by_sku["TEE-CLASSIC-BLUE-L"]["*Quantity"] == "0"


def test_formulas_come_out_inert(tmp_path: Path) -> None:
    rows = write([*READY, FORMULAS], tmp_path, EBAY)
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), value
    header = rows[0]
    formulas = next(row for row in rows if row[header.index("CustomLabel")] == "D-5")
    assert formulas[header.index("*Title")] == "'" + FORMULAS.text("title")
    assert formulas[header.index("C:Brand")] == "'+cmd"
    assert formulas[header.index("*Description")] == "'@SUM(1+1)"


def test_variations_follow_their_listing_row_whatever_the_order(tmp_path: Path) -> None:
    rows = write([TEE, MUG, TEE_BLUE_L, FORMULAS, TEE_RED_M], tmp_path, EBAY)
    skus = [row[2] for row in rows[1:]]
    assert skus == [
        "MUG-SAGE-12OZ",
        "D-5",
        "TEE-CLASSIC",
        "TEE-CLASSIC-RED-M",
        "TEE-CLASSIC-BLUE-L",
    ]


def test_what_the_format_cannot_hold_is_left_out(tmp_path: Path) -> None:
    target = tmp_path / "ebay.csv"
    archived = changed(SINGLE, status="archived")
    # a variant without its parent, an archived product
    assert CHANNEL.write([TEE_RED_M, archived], target, EBAY) == 0
    # a variant that comes before its parent waits for it
    assert CHANNEL.write([TEE_RED_M, archived, TEE], target, EBAY) == 2
    rows = write([TEE, TEE_RED_M, MUG], tmp_path, EBAY)
    assert [row[2] for row in rows[1:]] == ["MUG-SAGE-12OZ", "TEE-CLASSIC", "TEE-CLASSIC-RED-M"]
    assert (rows[2][-2:], rows[3][-2:]) == (
        ["", "Color=Red|Size=M"],
        ["Variation", "Color=Red|Size=M"],
    )


def test_known_listings_are_revised(tmp_path: Path) -> None:
    listed = changed(SINGLE, attributes={**SINGLE.attributes, "ebay_item_id": "110012345678"})
    rows = write([listed], tmp_path, EBAY)
    assert rows[1][:4] == ["Revise", "110012345678", "MUG-SAGE-12OZ", "20625"]


def test_plain_descriptions_become_html(tmp_path: Path) -> None:
    plain = changed(SINGLE, description="Fish & chips\n\nServe at < 60 °C\nEnjoy")
    rows = write([plain], tmp_path, EBAY)
    assert rows[1][rows[0].index("*Description")] == (
        "Fish &amp; chips<br><br>Serve at &lt; 60 °C<br>Enjoy"
    )


def test_relationship_separators_are_kept_out_of_options(tmp_path: Path) -> None:
    odd = changed(TEE_RED_M, attributes={"Color": "Red|Pink", "Size": "M"})
    rows = write([TEE, odd, TEE_BLUE_L], tmp_path, EBAY)
    assert rows[1][-1] == "Color=Red Pink;Blue|Size=M;L"
    assert rows[2][-1] == "Color=Red Pink|Size=M"


def test_other_sites(tmp_path: Path) -> None:
    uk = write([changed(SINGLE, currency="GBP")], tmp_path, settings(site="UK"))
    assert uk[0][0] == "*Action(SiteID=UK|Country=GB|Currency=GBP|Version=1193|CC=UTF-8)"
    assert "C:Colour" in uk[0]
    de = write([changed(SINGLE, currency="EUR")], tmp_path, settings(site="DE"))
    assert de[0][0].startswith("*Action(SiteID=Germany|Country=DE|Currency=EUR")
    row = dict(zip(de[0], de[1], strict=True))
    assert (row["C:Marke"], row["C:Farbe"]) == ("Kiln & Co", "Sage")
    assert "currency.site" in codes(SINGLE, settings(site="DE"))
    with pytest.raises(InvalidValueError):
        CHANNEL.write([SINGLE], tmp_path / "x.csv", settings(site="FR"))
    with pytest.raises(InvalidValueError):
        CHANNEL.write([SINGLE], tmp_path / "x.xml", EBAY, "xml")


def test_the_importer_reads_the_file_back(tmp_path: Path) -> None:
    target = tmp_path / "ebay.csv"
    CHANNEL.write([*READY, FORMULAS], target, EBAY)
    inspection = inspect(target)
    assert inspection.layout.key == "ebay"
    state = StreamState()
    drafts = {d.sku: d for chunk in stream(inspection, state) for d in chunk.products}
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
    assert mug["condition"] == "new"
    red = drafts["TEE-CLASSIC-RED-M"]
    assert red.parent_sku == "TEE-CLASSIC"
    assert red.values["attributes"] == {"Color": "Red", "Size": "M"}
    assert red.values["gtin"] == "4006381333931"
    assert drafts["TEE-CLASSIC-BLUE-L"].values["stock"] == 0


def test_families_group_variants_under_their_parent() -> None:
    grouped = list(families.listings([TEE, MUG, TEE_BLUE_L, TEE_RED_M, TEE_BLUE_L]))
    assert grouped[0] == (MUG, [])
    assert grouped[1] == (TEE, [TEE_RED_M, TEE_BLUE_L])
    assert grouped[2] == (None, [TEE_BLUE_L])
    assert list(families.listings([TEE, TEE_RED_M])) == [(TEE, [TEE_RED_M])]
    # whatever the order: the parent last, or variants of a parent that never comes
    assert list(families.listings([TEE_BLUE_L, TEE_RED_M, TEE])) == [(TEE, [TEE_RED_M, TEE_BLUE_L])]
    assert list(families.listings([TEE_BLUE_L, MUG, TEE_RED_M])) == [
        (MUG, []),
        (None, [TEE_BLUE_L]),
        (None, [TEE_RED_M]),
    ]


def test_option_names_are_capitalized_and_shared_options_left_out(tmp_path: Path) -> None:
    red = changed(TEE_RED_M, attributes={"color": "Red", "size": "M", "fit": "Slim"})
    blue = changed(TEE_BLUE_L, attributes={"color": "Blue", "size": "M", "fit": "Slim"})
    rows = write([TEE, red, blue], tmp_path, EBAY)
    assert [row[-1] for row in rows[1:]] == ["Color=Red;Blue", "Color=Red", "Color=Blue"]
    assert rows[1][rows[0].index("C:Size")] == ""
