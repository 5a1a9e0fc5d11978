"""ChatGPT (OpenAI) product feed: every rule passes and fails on purpose, both specs and both
formats match their golden files (decompressed), parse back with json/csv, carry real booleans
and never placeholders, and keep spreadsheet formulas inert in the CSV."""

from __future__ import annotations

import csv
import gzip
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from channels.samples import (
    BARE,
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
from sellerdesk.channels import openai_feed
from sellerdesk.channels.model import ChannelProduct, ChannelSettings
from sellerdesk.core.errors import InvalidValueError

CHANNEL = openai_feed.make(taxonomy())
PLACEHOLDERS = {"", "null", "none", "n/a", "na", "unknown", "nan"}


CHECKOUT = settings(enable_checkout="yes")
ORIGINAL = settings(spec="original", enable_checkout="yes")

Case = tuple[ChannelProduct, ChannelSettings, ChannelProduct, ChannelSettings]


def case(
    passing: ChannelProduct,
    failing: ChannelProduct,
    fail_where: ChannelSettings = SETTINGS,
    pass_where: ChannelSettings = SETTINGS,
) -> Case:
    return passing, pass_where, failing, fail_where


def attrs(**values: str) -> dict[str, str]:
    return {**MUG.attributes, **values}


#: rule code -> a product (and settings) that pass the rule, and ones that fail it
CASES: dict[str, Case] = {
    "id.too_long": case(changed(MUG, sku="I" * 100), changed(MUG, sku="I" * 101)),
    "title.missing": case(MUG, changed(MUG, title=None)),
    "title.too_long": case(changed(MUG, title="T" * 150), changed(MUG, title="T" * 151)),
    "description.missing": case(MUG, changed(MUG, description="  ")),
    "description.too_long": case(
        changed(MUG, description="<em>a</em> " * 600), changed(MUG, description="words " * 1000)
    ),
    "link.missing": case(MUG, MUG, settings(product_url="shop/{sku}")),
    "brand.missing": case(MUG, changed(MUG, brand=None)),
    "brand.too_long": case(changed(MUG, brand="B" * 70), changed(MUG, brand="B" * 71)),
    "images.missing": case(MUG, changed(MUG, images=())),
    "images.not_web": case(MUG, changed(MUG, images=("ftp://x.example/mug.jpg",))),
    "price.missing": case(MUG, changed(MUG, price=None, sale_price=None)),
    "sale_price.not_lower": case(MUG, changed(MUG, sale_price=Decimal("99"))),
    "currency.missing": case(MUG, changed(MUG, currency=None)),
    "stock.missing": case(MUG, changed(MUG, stock=None)),
    "gtin.invalid": case(MUG, changed(MUG, gtin="0123456789")),
    "identifier.missing": case(changed(MUG, gtin=None), changed(MUG, gtin=None, mpn=None)),
    "mpn.too_long": case(changed(MUG, mpn="M" * 70), changed(MUG, mpn="M" * 71)),
    "condition.invalid": case(MUG, changed(MUG, condition="mint")),
    "category.unmapped": case(
        changed(MUG, category_path=None), changed(MUG, category_id=999999999, category_path="")
    ),
    "color.too_long": case(
        changed(MUG, attributes=attrs(color="c" * 40)),
        changed(MUG, attributes=attrs(color="c" * 41)),
    ),
    "size.too_long": case(
        changed(MUG, attributes=attrs(Size="s" * 20)),
        changed(MUG, attributes=attrs(Size="s" * 21)),
    ),
    "material.too_long": case(MUG, changed(MUG, attributes=attrs(material="m" * 101))),
    "setting.seller_name": case(MUG, MUG, settings(seller_name="S" * 71)),
    "setting.country": case(MUG, MUG, settings(country="")),
    "setting.privacy_policy_url": case(
        MUG,
        MUG,
        settings(enable_checkout="yes", privacy_policy_url=""),
        settings(privacy_policy_url=""),
    ),
    "setting.terms_url": case(MUG, MUG, settings(enable_checkout="yes", terms_url=""), CHECKOUT),
    "setting.return_policy_url": case(
        MUG, MUG, settings(enable_checkout="yes", return_policy_url="")
    ),
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


def test_messages_name_the_channel() -> None:
    for rule in CHANNEL.rules:
        assert rule.message.startswith("ChatGPT")
        assert rule.severity in ("error", "warning")


def test_samples() -> None:
    assert codes(MUG) == codes(TEE) == codes(TEE_RED_M) == set()
    assert codes(MUG, CHECKOUT) == set()
    assert {"title.missing", "brand.missing", "images.missing"} <= codes(BARE)


def test_spec_setting_offers_both_specs() -> None:
    (spec,) = [s for s in CHANNEL.settings if s.key == "spec"]
    assert spec.choices == ("current", "original") and spec.default == "current"


def write(
    fmt: str,
    products: tuple[ChannelProduct, ...],
    tmp_path: Path,
    where: ChannelSettings = SETTINGS,
) -> tuple[int, bytes]:
    target = tmp_path / f"feed.{fmt}"
    count = CHANNEL.write(products, target, where, fmt)
    with gzip.open(target, "rb") as packed:
        return count, packed.read()


def jsonl(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize(
    ("name", "fmt", "where"),
    [
        ("openai.jsonl", "jsonl.gz", SETTINGS),
        ("openai.csv", "csv.gz", SETTINGS),
        ("openai-original.jsonl", "jsonl.gz", ORIGINAL),
        ("openai-original.csv", "csv.gz", ORIGINAL),
    ],
)
def test_feeds_match_golden(name: str, fmt: str, where: ChannelSettings, tmp_path: Path) -> None:
    count, data = write(fmt, (*READY, FORMULAS), tmp_path, where)
    assert count == 4
    golden(name, data)


def test_default_format_is_gzipped_jsonl_and_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    CHANNEL.write(READY, first, SETTINGS)
    CHANNEL.write(READY, second, SETTINGS)
    assert first.read_bytes()[:2] == b"\x1f\x8b"
    assert first.read_bytes() == second.read_bytes()
    with gzip.open(first, "rt", encoding="utf-8") as text:
        assert json.loads(text.readline())["item_id"] == "MUG-SAGE-12OZ"


def test_current_jsonl_values(tmp_path: Path) -> None:
    _, data = write("jsonl.gz", (*READY, FORMULAS), tmp_path)
    records = {r["item_id"]: r for r in jsonl(data)}
    assert list(records) == ["MUG-SAGE-12OZ", "TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L", "D-5"]
    mug = records["MUG-SAGE-12OZ"]
    assert mug["is_eligible_search"] is True
    assert mug["is_eligible_checkout"] is False  # checkout is off unless the seller turns it on
    assert mug["price"] == "24.00 USD"
    assert mug["sale_price"] == "19.50 USD"
    assert mug["availability"] == "in_stock"
    assert mug["inventory_quantity"] == 14
    assert mug["url"] == "https://kilnandco.example/products/mug-sage-12oz"
    assert mug["product_category"].endswith("> Mugs")
    assert mug["store_country"] == "US" and mug["target_countries"] == ["US"]
    assert "group_id" not in mug
    blue = records["TEE-CLASSIC-BLUE-L"]
    assert blue["availability"] == "out_of_stock"
    assert blue["group_id"] == records["TEE-CLASSIC-RED-M"]["group_id"] == "TEE-CLASSIC"
    assert blue["listing_has_variations"] is True
    assert (blue["color"], blue["size"]) == ("Blue", "L")
    for record in records.values():
        for key, value in record.items():
            assert value is not None, key
            if isinstance(value, str):
                assert value.strip().lower() not in PLACEHOLDERS, key


def test_csv_booleans_and_empty_cells(tmp_path: Path) -> None:
    _, data = write("csv.gz", (*READY, FORMULAS), tmp_path, CHECKOUT)
    rows = csv_rows(data)
    assert [r["is_eligible_search"] for r in rows] == ["true"] * 4
    assert [r["is_eligible_checkout"] for r in rows] == ["true"] * 4
    mug = rows[0]
    assert mug["group_id"] == ""
    assert mug["additional_image_urls"] == "https://cdn.kilnandco.example/mug-sage-2.jpg"
    for row in rows:
        for value in row.values():
            assert value.lower() not in PLACEHOLDERS - {""}


def test_csv_formulas_are_inert(tmp_path: Path) -> None:
    _, data = write("csv.gz", (FORMULAS,), tmp_path)
    (row,) = csv_rows(data)
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["brand"] == "'+cmd"
    assert row["description"] == "'@SUM(1+1)"
    assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_jsonl_keeps_text_as_is(tmp_path: Path) -> None:
    _, data = write("jsonl.gz", (FORMULAS,), tmp_path)
    (record,) = jsonl(data)
    assert record["title"] == '=HYPERLINK("http://evil.example","Click")'


def test_checkout_needs_every_policy(tmp_path: Path) -> None:
    missing = settings(enable_checkout="yes", terms_url="")
    _, data = write("jsonl.gz", (MUG,), tmp_path, missing)
    (record,) = jsonl(data)
    assert record["is_eligible_checkout"] is False
    assert "seller_tos" not in record
    assert "setting.terms_url" in codes(MUG, missing)


def test_archived_products_leave_search(tmp_path: Path) -> None:
    _, data = write("jsonl.gz", (changed(MUG, status="archived"),), tmp_path, CHECKOUT)
    (record,) = jsonl(data)
    assert record["is_eligible_search"] is False
    assert record["is_eligible_checkout"] is False


def test_original_spec_names(tmp_path: Path) -> None:
    _, data = write("jsonl.gz", (*READY,), tmp_path, ORIGINAL)
    records = jsonl(data)
    mug = records[0]
    assert mug["enable_search"] is True and mug["enable_checkout"] is True
    assert mug["id"] == "MUG-SAGE-12OZ"
    assert mug["link"].startswith("https://")
    assert mug["image_link"].endswith("mug-sage-1.jpg")
    assert mug["weight"] == "380 g"
    assert mug["return_window"] == 30
    assert "is_eligible_search" not in mug and "item_id" not in mug
    assert records[1]["item_group_id"] == "TEE-CLASSIC"


def test_unknown_format_or_spec_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        CHANNEL.write([MUG], tmp_path / "feed.tsv", SETTINGS, "tsv")
    with pytest.raises(InvalidValueError):
        CHANNEL.write([MUG], tmp_path / "feed.jsonl.gz", settings(spec="acp"))
