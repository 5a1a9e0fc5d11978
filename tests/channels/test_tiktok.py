"""TikTok Shop: every rule passes and fails on purpose, the upload sheet (xlsx and csv) matches
its golden files, parses back with openpyxl and csv, groups variants, converts package units and
keeps spreadsheet formulas inert."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from channels.samples import (
    BARE,
    FORMULAS,
    MUG,
    READY,
    SETTINGS,
    TEE,
    TEE_BLUE_L,
    TEE_RED_M,
    changed,
    golden,
    settings,
    taxonomy,
)
from sellerdesk.channels import tiktok
from sellerdesk.channels.model import ChannelProduct, ChannelSettings
from sellerdesk.core.errors import InvalidValueError

CHANNEL = tiktok.make(taxonomy())


WORDS = " ".join(f"word{n}" for n in range(30))
#: the mug with everything TikTok asks for
FULL = changed(
    MUG,
    description=f"<p>{WORDS}</p>",
    length_cm=Decimal("12"),
    width_cm=Decimal("9.5"),
    height_cm=Decimal("10"),
    attributes={**MUG.attributes, "tiktok_category": "Kitchenware/Drinkware/Mugs (601234)"},
)
SHIRT = changed(
    TEE_RED_M,
    description=WORDS,
    weight_g=Decimal("180"),
    length_cm=Decimal("30"),
    width_cm=Decimal("25"),
    height_cm=Decimal("2"),
    attributes={
        "Color": "Red",
        "Size": "M",
        "tiktok_category": "Womenswear/Tops/T-shirts",
        "size_chart": "https://x.example/chart.png",
    },
)

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
    "sku.too_long": case(changed(FULL, sku="S" * 50), changed(FULL, sku="S" * 51)),
    "title.missing": case(FULL, changed(FULL, title=None)),
    "title.too_short": case(FULL, changed(FULL, title="Stoneware Mug 12 oz, Sag")),
    "title.too_long": case(changed(FULL, title="T" * 255), changed(FULL, title="T" * 256)),
    "description.missing": case(FULL, changed(FULL, description=None)),
    "description.too_long": case(
        changed(FULL, description="<br>" * 5000), changed(FULL, description="word " * 2100)
    ),
    "description.short": case(FULL, changed(FULL, description=" ".join(WORDS.split()[:29]))),
    "images.missing": case(FULL, changed(FULL, images=())),
    "images.not_web": case(FULL, changed(FULL, images=("mug.jpg",))),
    "images.too_many": case(
        changed(FULL, images=tuple(f"https://x.example/{n}.jpg" for n in range(9))),
        changed(FULL, images=tuple(f"https://x.example/{n}.jpg" for n in range(10))),
    ),
    "price.missing": case(FULL, changed(FULL, price=None, sale_price=None)),
    "sale_price.not_lower": case(FULL, changed(FULL, sale_price=Decimal("25"))),
    "currency.missing": case(FULL, changed(FULL, currency=None)),
    "currency.mismatch": case(
        changed(FULL, currency="EUR"),
        changed(FULL, currency="EUR"),
        fail_where=SETTINGS,
        pass_where=settings(currency=""),
    ),
    "stock.missing": case(FULL, changed(FULL, stock=None)),
    "weight.missing": case(FULL, changed(FULL, weight_g=None)),
    "dimensions.missing": case(FULL, changed(FULL, height_cm=None)),
    "gtin.invalid": case(FULL, changed(FULL, gtin="4006381333932")),
    "category.unmapped": case(
        changed(FULL, category_id=None, category_path=None),
        changed(FULL, category_id=None, category_path=None, attributes={}),
    ),
    "category.confirm": case(FULL, changed(FULL, attributes={})),
    "size_chart.missing": case(
        SHIRT, changed(SHIRT, attributes={"Color": "Red", "tiktok_category": "Tops"})
    ),
    "variant.options": case(SHIRT, changed(SHIRT, attributes={"tiktok_category": "Tops"})),
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


def test_complete_products_pass() -> None:
    assert codes(FULL) == set()
    assert codes(SHIRT) == set()
    assert "price.missing" not in codes(TEE)  # the parent: its variants carry price and stock
    assert "title.too_short" in codes(TEE)  # "Classic Cotton Tee" names the whole family
    assert {"title.missing", "stock.missing", "weight.missing", "category.unmapped"} <= codes(BARE)


def test_messages_name_the_channel() -> None:
    for rule in CHANNEL.rules:
        assert rule.message.startswith("TikTok")
        assert rule.severity in ("error", "warning")


def test_unmapped_category_is_an_error_with_a_suggestion() -> None:
    unmapped = changed(FULL, title="Mug", category_id=None, category_path=None, attributes={})
    (problem,) = [p for p in CHANNEL.check(unmapped, SETTINGS) if p.code == "category.unmapped"]
    assert problem.severity == "error"
    assert problem.suggestion is not None and "Mugs" in problem.suggestion


def write(
    fmt: str,
    products: tuple[ChannelProduct, ...],
    tmp_path: Path,
    where: ChannelSettings = SETTINGS,
) -> tuple[int, Path]:
    target = tmp_path / f"sheet.{fmt}"
    return CHANNEL.write(products, target, where, fmt), target


def sheet(path: Path) -> list[list[Any]]:
    with path.open("rb") as handle:
        book = load_workbook(handle)
    (only,) = book.worksheets
    assert not [c.coordinate for row in only.iter_rows() for c in row if c.data_type == "f"]
    return [list(row) for row in only.iter_rows(values_only=True)]


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_xlsx_matches_golden(tmp_path: Path) -> None:
    count, path = write("xlsx", (*READY, FORMULAS), tmp_path)
    assert count == 4
    rows = sheet(path)
    dump = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n"
    golden("tiktok.xlsx.jsonl", dump.encode("utf-8"))


def test_csv_matches_golden(tmp_path: Path) -> None:
    count, path = write("csv", (*READY, FORMULAS), tmp_path)
    assert count == 4
    golden("tiktok.csv", path.read_bytes())


def test_default_format_is_xlsx(tmp_path: Path) -> None:
    target = tmp_path / "sheet"
    CHANNEL.write([FULL], target, SETTINGS)
    assert sheet(target)[0][:3] == ["Category", "Brand", "Product Name"]


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError):
        CHANNEL.write([FULL], tmp_path / "sheet.tsv", SETTINGS, "tsv")


def test_xlsx_values_and_variant_grouping(tmp_path: Path) -> None:
    _, path = write("xlsx", (*READY, FORMULAS), tmp_path)
    header, *rows = sheet(path)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert [r["Seller SKU"] for r in records] == [
        "MUG-SAGE-12OZ",
        "TEE-CLASSIC-RED-M",
        "TEE-CLASSIC-BLUE-L",
        "D-5",
    ]
    mug, red, blue, formulas = records
    assert mug["Retail Price (Local Currency)"] == 24
    assert mug["Quantity"] == 14
    assert mug["Identifier Code Type"] == "UPC"
    assert mug["Identifier Code"] == "012345678905"  # text: the leading zero stays
    assert mug["Package Weight(lb)"] == pytest.approx(0.84)
    assert mug["Variation 1"] is None and mug["Variant Image"] is None
    assert mug["Product Image 2"] == "https://cdn.kilnandco.example/mug-sage-2.jpg"
    assert red["Product Name"] == blue["Product Name"] == "Classic Cotton Tee"
    assert (
        red["Main Product Image"]
        == blue["Main Product Image"]
        == ("https://cdn.kilnandco.example/tee.jpg")
    )
    assert (red["Variation 1 Name"], red["Variation 1"]) == ("Color", "Red")
    assert (blue["Variation 2 Name"], blue["Variation 2"]) == ("Size", "L")
    assert blue["Variant Image"] == "https://cdn.kilnandco.example/tee-blue.jpg"
    assert blue["Quantity"] == 0
    assert red["Identifier Code Type"] == "EAN"
    assert formulas["Product Name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert formulas["Brand"] == "'+cmd"
    assert formulas["Product Description"] == "'@SUM(1+1)"


def test_csv_formulas_are_inert(tmp_path: Path) -> None:
    _, path = write("csv", (FORMULAS,), tmp_path)
    (row,) = csv_rows(path)
    assert row["Product Name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_metric_units_and_warehouse(tmp_path: Path) -> None:
    _, path = write("csv", (FULL,), tmp_path, settings(units="metric", warehouse="Main"))
    (row,) = csv_rows(path)
    assert row["Package Weight(g)"] == "380"
    assert (row["Package Length(cm)"], row["Package Width(cm)"]) == ("12", "9.5")
    assert row["Quantity in Main"] == "14"
    assert row["Category"] == "Kitchenware/Drinkware/Mugs (601234)"
    assert row["Retail Price (Local Currency)"] == "24.00"


def test_auto_units_follow_the_shop_country(tmp_path: Path) -> None:
    _, path = write("csv", (FULL,), tmp_path, settings(country="GB"))
    (row,) = csv_rows(path)
    assert row["Package Weight(g)"] == "380"
    _, path = write("csv", (FULL,), tmp_path)
    (row,) = csv_rows(path)
    assert row["Package Weight(lb)"] == "0.84"  # 380 g rounded up to the next 0.01 lb
    assert row["Package Width(inch)"] == "3.75"


def test_variants_stay_together_whatever_the_order(tmp_path: Path) -> None:
    _, path = write("csv", (TEE_BLUE_L, MUG, TEE_RED_M, TEE, FORMULAS), tmp_path)
    rows = csv_rows(path)
    assert [r["Seller SKU"] for r in rows] == [  # the family in its parent's order
        "MUG-SAGE-12OZ",
        "TEE-CLASSIC-RED-M",
        "TEE-CLASSIC-BLUE-L",
        "D-5",
    ]
    assert {r["Product Name"] for r in rows[1:3]} == {"Classic Cotton Tee"}


def test_variants_without_their_parent_share_a_name(tmp_path: Path) -> None:
    _, path = write("csv", (TEE_RED_M, MUG, TEE_BLUE_L), tmp_path)
    rows = csv_rows(path)
    assert [r["Seller SKU"] for r in rows] == [
        "MUG-SAGE-12OZ",
        "TEE-CLASSIC-RED-M",
        "TEE-CLASSIC-BLUE-L",
    ]
    assert {r["Product Name"] for r in rows[1:]} == {"Classic Cotton Tee - Red / M"}


def test_control_characters_do_not_break_the_workbook(tmp_path: Path) -> None:
    messy = changed(FULL, title="Mug\x07 with a bell and a long enough name", brand="-Kiln")
    _, path = write("xlsx", (messy,), tmp_path)
    _, row = sheet(path)
    assert row[2] == "Mug with a bell and a long enough name"
    assert row[1] == "'-Kiln"
