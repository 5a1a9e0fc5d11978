"""Meta catalog: every rule passes and fails on purpose, the CSV matches its golden file, parses
back with the csv module and keeps spreadsheet formulas inert."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

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
    taxonomy,
)
from sellerdesk.channels import meta
from sellerdesk.channels.model import ChannelProduct, ChannelSettings
from sellerdesk.core.errors import InvalidValueError

CHANNEL = meta.make(taxonomy())
NO_URL = ChannelSettings({**SETTINGS.values, "product_url": ""})


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
    "id.too_long": case(changed(MUG, sku="M" * 100), changed(MUG, sku="M" * 101)),
    "title.missing": case(MUG, changed(MUG, title=" ")),
    "title.too_long": case(changed(MUG, title="T" * 200), changed(MUG, title="T" * 201)),
    "description.missing": case(MUG, changed(MUG, description=None)),
    "description.too_long": case(
        changed(MUG, description="<i>a</i> " * 1500), changed(MUG, description="words " * 2000)
    ),
    "link.missing": case(
        changed(MUG, attributes={"url": "https://x.example/mug"}), MUG, NO_URL, NO_URL
    ),
    "images.missing": case(MUG, changed(MUG, images=())),
    "images.not_web": case(MUG, changed(MUG, images=("/home/me/mug.jpg",))),
    "images.too_many": case(
        changed(MUG, images=tuple(f"https://x.example/{n}.jpg" for n in range(21))),
        changed(MUG, images=tuple(f"https://x.example/{n}.jpg" for n in range(22))),
    ),
    "price.missing": case(MUG, changed(MUG, price=Decimal("0"), sale_price=None)),
    "sale_price.not_lower": case(MUG, changed(MUG, sale_price=Decimal("30"))),
    "currency.missing": case(MUG, changed(MUG, currency="")),
    "stock.missing": case(MUG, changed(MUG, stock=None)),
    "sale_dates.invalid": case(
        changed(MUG, attributes={"sale_start": "2025-11-01", "sale_end": "2025-11-01"}),
        changed(MUG, attributes={"sale_start": "2025-11-01"}),
    ),
    "condition.missing": case(MUG, changed(MUG, condition=None)),
    "condition.invalid": case(MUG, changed(MUG, condition="as new")),
    "brand.missing": case(changed(MUG, brand=None), changed(MUG, brand=None, gtin=None, mpn=None)),
    "brand.too_long": case(changed(MUG, brand="B" * 100), changed(MUG, brand="B" * 101)),
    "gtin.invalid": case(MUG, changed(MUG, gtin="12345")),
    "category.unmapped": case(
        changed(MUG, category_id=None), changed(MUG, category_id=None, category_path="Mugs")
    ),
    "variant.options": case(TEE_RED_M, changed(TEE_RED_M, attributes={"fabric": "cotton"})),
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


def test_messages_name_the_channel_and_severities_are_known() -> None:
    for rule in CHANNEL.rules:
        assert rule.message.startswith("Meta")
        assert rule.severity in ("error", "warning")


def test_samples() -> None:
    assert codes(MUG) == codes(TEE) == codes(TEE_RED_M) == set()
    assert {"title.missing", "brand.missing", "condition.missing"} <= codes(BARE)


def write(products: tuple[ChannelProduct, ...], tmp_path: Path) -> tuple[int, bytes]:
    target = tmp_path / "feed.csv"
    count = CHANNEL.write(products, target, SETTINGS)
    return count, target.read_bytes()


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_csv_matches_golden(tmp_path: Path) -> None:
    count, data = write((*READY, FORMULAS), tmp_path)
    assert count == 4
    golden("meta.csv", data)


def test_csv_parses_back(tmp_path: Path) -> None:
    _, data = write((*READY, FORMULAS), tmp_path)
    by_id = {row["id"]: row for row in rows(data)}
    assert list(by_id) == ["MUG-SAGE-12OZ", "TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L", "D-5"]
    mug = by_id["MUG-SAGE-12OZ"]
    assert mug["title"] == "Stoneware Mug 12 oz, Sage"
    assert mug["price"] == "24.00 USD"
    assert mug["sale_price"] == "19.50 USD"
    assert mug["availability"] == "in stock"
    assert mug["condition"] == "new"
    assert mug["quantity_to_sell_on_facebook"] == "14"
    assert mug["google_product_category"] == "2169"
    assert mug["brand"] == "Kiln & Co"
    assert "<" not in mug["description"]
    blue = by_id["TEE-CLASSIC-BLUE-L"]
    assert blue["availability"] == "out of stock"
    assert blue["item_group_id"] == by_id["TEE-CLASSIC-RED-M"]["item_group_id"] == "TEE-CLASSIC"
    assert (blue["color"], blue["size"]) == ("Blue", "L")


def test_formulas_are_inert(tmp_path: Path) -> None:
    _, data = write((FORMULAS,), tmp_path)
    (row,) = rows(data)
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["brand"] == "'+cmd"
    assert row["description"] == "'@SUM(1+1)"
    assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_multiline_description_and_sale_dates(tmp_path: Path) -> None:
    product = changed(
        MUG,
        description="<p>First &amp; best</p>\n<p>Second</p>",
        attributes={"sale_start": "2025-11-01", "sale_end": "2025-11-30"},
    )
    _, data = write((product,), tmp_path)
    (row,) = rows(data)
    assert row["description"] == "First & best\nSecond"
    assert row["sale_price_effective_date"] == "2025-11-01T00:00/2025-11-30T23:59"


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        CHANNEL.write([MUG], tmp_path / "feed.xml", SETTINGS, "xml")
