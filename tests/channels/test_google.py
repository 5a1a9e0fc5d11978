"""Google Merchant Center: every rule passes and fails on purpose, the TSV and XML feeds match
their golden files, parse back with real parsers and keep spreadsheet formulas inert."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from channels.samples import (
    FORMULAS,
    MUG,
    READY,
    SETTINGS,
    TEE,
    TEE_RED_M,
    changed,
    golden,
    settings,
    taxonomy,
)
from sellerdesk.channels import feed_values, google
from sellerdesk.channels.common import web_url
from sellerdesk.channels.model import ChannelProduct, ChannelSettings, Rule
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.gtin import has_valid_check_digit

G = "{http://base.google.com/ns/1.0}"
CHANNEL = google.make(taxonomy())


#: an apparel variant that passes every rule
SHIRT = changed(
    TEE_RED_M, attributes={"Color": "Red", "Size": "M", "gender": "unisex", "age_group": "adult"}
)
NO_URL = settings(product_url="")

Case = tuple[ChannelProduct, ChannelSettings, ChannelProduct, ChannelSettings]


def case(
    passing: ChannelProduct,
    failing: ChannelProduct,
    fail_where: ChannelSettings = SETTINGS,
    pass_where: ChannelSettings = SETTINGS,
) -> Case:
    return passing, pass_where, failing, fail_where


#: rule code -> a product (and settings) that pass the rule, and ones that fail it
CASES: dict[str, Case] = {
    "id.too_long": case(MUG, changed(MUG, sku="M" * 51), SETTINGS),
    "title.missing": case(MUG, changed(MUG, title=None), SETTINGS),
    "title.too_long": case(MUG, changed(MUG, title="T" * 151), SETTINGS),
    "description.missing": case(MUG, changed(MUG, description=""), SETTINGS),
    "description.too_long": case(
        changed(MUG, description="<p><b>word</b></p> " * 400),
        changed(MUG, description="word " * 1100),
        SETTINGS,
    ),
    "link.missing": case(
        changed(MUG, attributes={"link": "https://x.example/mug"}), MUG, NO_URL, NO_URL
    ),
    "images.missing": case(MUG, changed(MUG, images=()), SETTINGS),
    "images.not_web": case(MUG, changed(MUG, images=("C:\\photos\\mug.jpg",)), SETTINGS),
    "images.too_many": case(
        changed(MUG, images=tuple(f"https://x.example/{n}.jpg" for n in range(11))),
        changed(MUG, images=tuple(f"https://x.example/{n}.jpg" for n in range(12))),
        SETTINGS,
    ),
    "price.missing": case(MUG, changed(MUG, price=None, sale_price=None), SETTINGS),
    "sale_price.not_lower": case(MUG, changed(MUG, sale_price=Decimal("24.00")), SETTINGS),
    "currency.missing": case(MUG, changed(MUG, currency=None), SETTINGS),
    "stock.missing": case(MUG, changed(MUG, stock=None), SETTINGS),
    "sale_dates.invalid": case(
        changed(MUG, attributes={"sale_start": "2025-11-01", "sale_end": "2025-11-30"}),
        changed(MUG, attributes={"sale_start": "2025-11-30", "sale_end": "2025-11-01"}),
        SETTINGS,
    ),
    "brand.missing": case(
        changed(MUG, brand=None, condition="used"), changed(MUG, brand=None), SETTINGS
    ),
    "brand.too_long": case(MUG, changed(MUG, brand="B" * 71), SETTINGS),
    "gtin.invalid": case(MUG, changed(MUG, gtin="012345678906"), SETTINGS),
    "identifier.missing": case(
        changed(MUG, gtin=None),
        changed(MUG, gtin=None, mpn=None),
        SETTINGS,
    ),
    "mpn.too_long": case(MUG, changed(MUG, mpn="M" * 71), SETTINGS),
    "condition.invalid": case(
        changed(MUG, condition=None), changed(MUG, condition="broken"), SETTINGS
    ),
    "category.unmapped": case(
        changed(MUG, category_id=None),
        changed(MUG, category_id=None, category_path=None),
        SETTINGS,
    ),
    "color.missing": case(
        SHIRT, changed(SHIRT, attributes={**SHIRT.attributes, "Color": ""}), SETTINGS
    ),
    "size.missing": case(
        SHIRT,
        changed(SHIRT, attributes={"color": "Red", "gender": "male", "age_group": "kids"}),
        SETTINGS,
    ),
    "gender.missing": case(
        SHIRT, changed(SHIRT, attributes={**SHIRT.attributes, "gender": "men"}), SETTINGS
    ),
    "age_group.missing": case(
        SHIRT,
        changed(SHIRT, attributes={"Color": "Red", "Size": "M", "gender": "female"}),
        SETTINGS,
    ),
    "setting.country": case(MUG, MUG, settings(country="")),
}


def codes(product: ChannelProduct, where: ChannelSettings = SETTINGS) -> set[str]:
    return {problem.code for problem in CHANNEL.check(product, where)}


def test_every_rule_has_a_case() -> None:
    assert sorted(rule.code for rule in CHANNEL.rules) == sorted(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_and_fails(code: str) -> None:
    passing, pass_where, failing, fail_where = CASES[code]
    assert code not in codes(passing, pass_where)
    assert code in codes(failing, fail_where)


def test_rule_messages_name_the_field_to_fix() -> None:
    for rule in CHANNEL.rules:
        assert rule.message.startswith("Google")
        assert rule.severity in ("error", "warning")
        assert any(
            word in rule.message
            for word in (
                "Fill",
                "Shorten",
                "Add",
                "Fix",
                "Set",
                "Pick",
                "Lower",
                "Remove",
                "Upload",
            )
        )


def test_ready_samples_pass_and_parents_skip_variant_rules() -> None:
    assert codes(MUG) == set()
    assert codes(TEE) == set()  # no price or stock: the variants carry them
    assert codes(TEE_RED_M) == {"gender.missing", "age_group.missing"}


def test_category_suggestion_comes_from_the_title() -> None:
    unmapped = changed(MUG, title="Mug", category_id=None, category_path=None)
    problems = CHANNEL.check(unmapped, SETTINGS)
    (problem,) = [p for p in problems if p.code == "category.unmapped"]
    assert problem.suggestion is not None and "Mugs" in problem.suggestion


def write(
    fmt: str,
    products: tuple[ChannelProduct, ...],
    tmp_path: Path,
    where: ChannelSettings = SETTINGS,
) -> tuple[int, bytes]:
    target = tmp_path / f"feed.{fmt}"
    count = CHANNEL.write(products, target, where, fmt)
    return count, target.read_bytes()


def test_tsv_matches_golden(tmp_path: Path) -> None:
    count, data = write("tsv", (*READY, FORMULAS), tmp_path)
    assert count == 4  # the parent is not listed
    golden("google.tsv", data)


def test_xml_matches_golden(tmp_path: Path) -> None:
    count, data = write("xml", (*READY, FORMULAS), tmp_path)
    assert count == 4
    golden("google.xml", data)


def test_default_format_is_tsv(tmp_path: Path) -> None:
    target = tmp_path / "feed"
    CHANNEL.write([MUG], target, SETTINGS)
    assert target.read_text(encoding="utf-8").startswith("id\ttitle\t")


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        CHANNEL.write([MUG], tmp_path / "feed.csv", SETTINGS, "csv")


def test_tsv_parses_back(tmp_path: Path) -> None:
    _, data = write("tsv", (*READY, FORMULAS), tmp_path)
    lines = data.decode("utf-8").splitlines()
    assert all(line.count("\t") == len(google.COLUMNS) - 1 for line in lines)
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {"MUG-SAGE-12OZ", "TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L", "D-5"}
    mug = by_id["MUG-SAGE-12OZ"]
    assert mug["price"] == "24.00 USD"
    assert mug["sale_price"] == "19.50 USD"
    assert mug["availability"] == "in_stock"
    assert mug["google_product_category"] == "2169"
    assert mug["shipping_weight"] == "380 g"
    assert mug["description"] == "Wheel-thrown stoneware mug. Dishwasher safe"
    assert mug["shipping"] == "US:::4.95 USD"
    assert by_id["TEE-CLASSIC-BLUE-L"]["availability"] == "out_of_stock"
    assert {by_id[s]["item_group_id"] for s in ("TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L")} == {
        "TEE-CLASSIC"
    }
    assert by_id["TEE-CLASSIC-RED-M"]["color"] == "Red"
    assert by_id["TEE-CLASSIC-RED-M"]["size"] == "M"
    assert mug["item_group_id"] == ""


def test_tsv_neutralizes_formulas_and_flattens_text(tmp_path: Path) -> None:
    messy = changed(MUG, description="line one\n\tline two\r\nthree", mpn="-5+3")
    _, data = write("tsv", (FORMULAS, messy), tmp_path)
    rows = list(csv.DictReader(data.decode().splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    formulas, mug = rows
    assert formulas["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert formulas["brand"] == "'+cmd"
    assert formulas["description"] == "'@SUM(1+1)"
    assert mug["description"] == "line one line two three"
    assert mug["mpn"] == "'-5+3"
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())


def test_xml_is_well_formed_rss_with_the_google_namespace(tmp_path: Path) -> None:
    messy = changed(MUG, title="Mug <b>&</b> \x0b saucer", sku="MUG-2")
    _, data = write("xml", (*READY, FORMULAS, messy), tmp_path)
    root = ET.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Kiln & Co"
    assert channel.findtext("link") == "https://kilnandco.example"
    items = channel.findall("item")
    assert [item.findtext(f"{G}id") for item in items] == [
        "MUG-SAGE-12OZ",
        "TEE-CLASSIC-RED-M",
        "TEE-CLASSIC-BLUE-L",
        "D-5",
        "MUG-2",
    ]
    mug, red, blue, formulas, messy_item = items
    assert mug.findtext(f"{G}price") == "24.00 USD"
    assert [e.text for e in mug.findall(f"{G}additional_image_link")] == [
        "https://cdn.kilnandco.example/mug-sage-2.jpg"
    ]
    assert mug.findtext(f"{G}shipping/{G}country") == "US"
    assert mug.findtext(f"{G}shipping/{G}price") == "4.95 USD"
    assert (
        red.findtext(f"{G}item_group_id") == blue.findtext(f"{G}item_group_id") == ("TEE-CLASSIC")
    )
    assert blue.findtext(f"{G}availability") == "out_of_stock"
    assert formulas.findtext(f"{G}title") == '=HYPERLINK("http://evil.example","Click")'
    assert messy_item.findtext(f"{G}title") == "Mug <b>&</b>  saucer"
    assert mug.find(f"{G}item_group_id") is None  # unknown values are left out


def test_sale_dates_and_identifier_exists(tmp_path: Path) -> None:
    on_sale = changed(
        MUG,
        gtin=None,
        mpn=None,
        attributes={
            "sale_start": "2025-11-01",
            "sale_end": "2025-11-30T18:00",
            "identifier_exists": "No",
        },
    )
    _, data = write("tsv", (on_sale,), tmp_path)
    (row,) = csv.DictReader(data.decode().splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    assert row["sale_price_effective_date"] == "2025-11-01T00:00/2025-11-30T18:00"
    assert row["identifier_exists"] == "no"
    assert "identifier.missing" not in codes(on_sale)


def test_no_shipping_without_a_country(tmp_path: Path) -> None:
    _, data = write("tsv", (MUG,), tmp_path, settings(country=""))
    (row,) = csv.DictReader(data.decode().splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    assert row["shipping"] == ""


def _reference_link_rule(channel: str) -> Rule:
    """The link rule as its definition reads (the shipped one takes shortcuts)."""
    return replace(feed_values.link_rule(channel), test=lambda p, s: web_url(s.product_url(p)))


def _reference_identifier_rule(channel: str) -> Rule:
    """The identifier rule as its definition reads: a valid GTIN, brand + MPN, or none."""

    def test(product: ChannelProduct, _settings: ChannelSettings) -> bool:
        gtin = product.text("gtin")
        if gtin and has_valid_check_digit(gtin):
            return True
        if product.text("brand") and product.text("mpn"):
            return True
        return product.attributes.get("identifier_exists", "").lower() in ("no", "false")

    return replace(feed_values.identifier_rule(channel), test=test)


def test_quick_link_and_identifier_tests_agree_with_their_definitions() -> None:

    products = [
        MUG,
        TEE,
        changed(MUG, gtin=None),
        changed(MUG, gtin=None, mpn=None),
        changed(MUG, gtin="012345678906", mpn=" "),
        changed(MUG, gtin=None, mpn=None, attributes={"identifier_exists": "FALSE"}),
        changed(MUG, attributes={"link": "ftp://x.example/mug"}),
        changed(MUG, attributes={"url": "https://x.example/mug"}),
        changed(MUG, sku="S" * 1990),
    ]
    wheres = [
        SETTINGS,
        NO_URL,
        settings(product_url="www.shop.example/{sku}"),
        settings(product_url="http://shop.example/p/{sku}/{handle}"),
    ]
    pairs = [
        (feed_values.link_rule("Google"), _reference_link_rule("Google")),
        (feed_values.identifier_rule("Google"), _reference_identifier_rule("Google")),
    ]
    for quick, reference in pairs:
        assert (quick.code, quick.message, quick.severity) == (
            reference.code,
            reference.message,
            reference.severity,
        )
        for product in products:
            for where in wheres:
                assert quick.test(product, where) == reference.test(product, where)
