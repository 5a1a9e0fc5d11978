"""Etsy: every rule passes and fails on purpose, the listings CSV matches its golden file,
parses back with the csv module and SellerDesk's importer, folds variants into one listing row
and keeps spreadsheet formulas inert."""

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
from sellerdesk.channels import etsy
from sellerdesk.channels.model import ChannelProduct, ChannelSettings, run_rules
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.importers.pipeline import StreamState, inspect, stream

CHANNEL = etsy.make(taxonomy())
assert isinstance(CHANNEL, etsy.EtsyChannel)
DETAILS = {"etsy_who_made": "i_did", "etsy_when_made": "made_to_order", "etsy_taxonomy_id": "1062"}


def changed(
    base: ChannelProduct, images: tuple[str, ...] | None = None, **values: Any
) -> ChannelProduct:
    return replace(
        base, images=base.images if images is None else images, values={**base.values, **values}
    )


def settings(**values: str) -> ChannelSettings:
    merged = {**SETTINGS.values, **values}
    return ChannelSettings({k: v for k, v in merged.items() if v})


def codes(product: ChannelProduct, where: ChannelSettings = SETTINGS) -> set[str]:
    return {problem.code for problem in CHANNEL.check(product, where)}


def write(products: list[ChannelProduct], tmp_path: Path) -> list[dict[str, str]]:
    target = tmp_path / "etsy.csv"
    CHANNEL.write(products, target, SETTINGS)
    with target.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


#: a product on its own, a parent and a variant that pass every rule
SINGLE = changed(MUG, sale_price=None, attributes={**MUG.attributes, **DETAILS})
PARENT = changed(TEE, keywords=["tee", "cotton"], attributes=DETAILS)
VARIANT = TEE_RED_M
PHOTOS = tuple(f"https://cdn.kilnandco.example/{n}.jpg" for n in range(11))
MATERIALS = ", ".join(f"material {n}" for n in range(14))

Case = tuple[ChannelProduct, ChannelProduct, ChannelSettings]

#: rule code -> a passing product, the same product changed to fail that rule, the settings
CASES: dict[str, Case] = {
    "title.missing": (SINGLE, changed(SINGLE, title=None), SETTINGS),
    "title.too_long": (
        changed(SINGLE, title="T" * 140),
        changed(SINGLE, title="T" * 141),
        SETTINGS,
    ),
    "title.bad_characters": (SINGLE, changed(SINGLE, title="Mug for $5"), SETTINGS),
    "title.repeated_symbols": (
        changed(SINGLE, title="Mug: Sage & Cream 50% + Lid"),
        changed(SINGLE, title="Mug: Sage: Cream"),
        SETTINGS,
    ),
    "title.all_caps": (
        changed(SINGLE, title="BIG BOLD USB mug in Sage, 12 oz A"),
        changed(SINGLE, title="BIG BOLD USB MUG SALE"),
        SETTINGS,
    ),
    "description.missing": (SINGLE, changed(SINGLE, description=None), SETTINGS),
    "price.missing": (SINGLE, changed(SINGLE, price=None), SETTINGS),
    "price.too_low": (
        changed(SINGLE, price=Decimal("0.20")),
        changed(SINGLE, price=Decimal("0.19")),
        SETTINGS,
    ),
    "price.too_high": (
        changed(SINGLE, price=Decimal("50000")),
        changed(SINGLE, price=Decimal("50000.01")),
        SETTINGS,
    ),
    "currency.shop": (SINGLE, changed(SINGLE, currency="EUR"), SETTINGS),
    "sale_price.ignored": (SINGLE, changed(SINGLE, sale_price=Decimal("19.50")), SETTINGS),
    "stock.missing": (SINGLE, changed(SINGLE, stock=None), SETTINGS),
    "stock.out_of_range": (changed(SINGLE, stock=999), changed(SINGLE, stock=0), SETTINGS),
    "keywords.missing": (SINGLE, changed(SINGLE, keywords=[]), SETTINGS),
    "keywords.too_many": (
        changed(SINGLE, keywords=[f"tag {n}" for n in range(13)]),
        changed(SINGLE, keywords=[f"tag {n}" for n in range(14)]),
        SETTINGS,
    ),
    "keywords.too_long": (
        changed(SINGLE, keywords=["t" * 20]),
        changed(SINGLE, keywords=["mug", "t" * 21]),
        SETTINGS,
    ),
    "keywords.bad_characters": (
        changed(SINGLE, keywords=["kiln's mug", "mug-cup", "café™"]),
        changed(SINGLE, keywords=["mug", "best_mug"]),
        SETTINGS,
    ),
    "materials.too_many": (
        changed(SINGLE, attributes={**DETAILS, "Materials": "clay, glaze"}),
        changed(SINGLE, attributes={**DETAILS, "Materials": MATERIALS}),
        SETTINGS,
    ),
    "images.missing": (SINGLE, changed(SINGLE, images=()), SETTINGS),
    "images.not_web": (SINGLE, changed(SINGLE, images=("C:\\photos\\mug.jpg",)), SETTINGS),
    "images.too_many": (
        changed(SINGLE, images=PHOTOS[:10]),
        changed(SINGLE, images=PHOTOS),
        SETTINGS,
    ),
    "etsy_details.missing": (
        SINGLE,
        changed(SINGLE, attributes={**DETAILS, "etsy_taxonomy_id": ""}),
        SETTINGS,
    ),
    "etsy_details.invalid": (
        changed(SINGLE, attributes={**DETAILS, "etsy_when_made": "1990s"}),
        changed(SINGLE, attributes={**DETAILS, "etsy_who_made": "me"}),
        SETTINGS,
    ),
    "variation.no_options": (VARIANT, changed(VARIANT, attributes={"etsy_note": "x"}), SETTINGS),
    "variation.too_many_options": (
        VARIANT,
        changed(VARIANT, attributes={"Color": "Red", "Size": "M", "Fit": "Slim"}),
        SETTINGS,
    ),
    "status.archived": (SINGLE, changed(SINGLE, status="archived"), SETTINGS),
    "setting.currency": (SINGLE, SINGLE, settings(currency="")),
}


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {rule.code for rule in CHANNEL.rules}
    assert len(CHANNEL.rules) == len(CASES)


@pytest.mark.parametrize("base", [SINGLE, PARENT, VARIANT, TEE_BLUE_L], ids=lambda p: p.sku)
def test_the_passing_products_pass_everything(base: ChannelProduct) -> None:
    assert CHANNEL.check(base, SETTINGS) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_and_fails(code: str) -> None:
    passing, failing, where = CASES[code]
    assert code not in codes(passing)
    assert codes(failing, where) == {code}


def test_quantities() -> None:
    assert "stock.out_of_range" in codes(changed(SINGLE, stock=1000))
    assert "stock.out_of_range" not in codes(changed(VARIANT, stock=0))
    assert "stock.out_of_range" in codes(changed(VARIANT, stock=1000))


def test_listing_rules_apply_to_parents_not_variants() -> None:
    bare = {"title": None, "description": None, "keywords": None}
    assert {"title.missing", "description.missing", "images.missing"} <= codes(
        changed(PARENT, images=(), **bare)
    )
    assert codes(changed(VARIANT, images=(), **bare)) == set()
    assert "etsy_details.missing" in codes(TEE)
    assert "etsy_details.missing" not in codes(VARIANT)


def test_check_gives_what_run_rules_gives() -> None:
    for where in (SETTINGS, settings(currency="")):
        for product in (*ALL, SINGLE, PARENT, changed(VARIANT, attributes={}, stock=5000)):
            assert CHANNEL.check(product, where) == run_rules(
                CHANNEL.key, CHANNEL.rules, product, where
            )


def test_missing_etsy_details_name_the_google_category() -> None:
    problem = next(p for p in CHANNEL.check(MUG, SETTINGS) if p.code == "etsy_details.missing")
    assert problem.suggestion is not None
    assert "Drinkware > Mugs" in problem.suggestion


def test_family_rules() -> None:
    assert CHANNEL.check_family(PARENT, [TEE_RED_M, TEE_BLUE_L]) == []
    dearer = changed(TEE_BLUE_L, price=Decimal("23.99"))
    assert {p.code for p in CHANNEL.check_family(PARENT, [TEE_RED_M, dearer])} == {
        "variants.prices_differ"
    }


# ------------------------------------------------------------------------------ the file
def test_golden_file(tmp_path: Path) -> None:
    target = tmp_path / "etsy.csv"
    assert CHANNEL.write([*READY, FORMULAS], target, SETTINGS, "csv") == 3
    golden("etsy.csv", target.read_bytes())


def test_rows_parse_back(tmp_path: Path) -> None:
    rows = {row["SKU"]: row for row in write([*READY, FORMULAS], tmp_path)}
    assert list(rows) == ["MUG-SAGE-12OZ", "TEE-CLASSIC", "D-5"]
    mug = rows["MUG-SAGE-12OZ"]
    assert (mug["PRICE"], mug["CURRENCY_CODE"], mug["QUANTITY"]) == ("24.00", "USD", "14")
    assert mug["TAGS"] == "mug,stoneware"
    assert mug["MATERIALS"] == "Stoneware"
    assert mug["DESCRIPTION"] == "Wheel-thrown stoneware mug.\nDishwasher safe"
    assert (mug["IMAGE1"], mug["IMAGE2"], mug["IMAGE3"]) == (*MUG.images, "")
    assert mug["VARIATION 1 NAME"] == ""
    tee = rows["TEE-CLASSIC"]
    assert (tee["PRICE"], tee["QUANTITY"]) == ("21.99", "5")
    assert (tee["VARIATION 1 TYPE"], tee["VARIATION 1 NAME"], tee["VARIATION 1 VALUES"]) == (
        "Color",
        "Color",
        "Red,Blue",
    )
    assert (tee["VARIATION 2 TYPE"], tee["VARIATION 2 NAME"], tee["VARIATION 2 VALUES"]) == (
        "Size",
        "Size",
        "M,L",
    )
    assert [tee[f"IMAGE{n}"] for n in (1, 2, 3)] == [
        *TEE.images,
        *TEE_RED_M.images,
        *TEE_BLUE_L.images,
    ]


def test_formulas_come_out_inert(tmp_path: Path) -> None:
    target = tmp_path / "etsy.csv"
    CHANNEL.write([*READY, FORMULAS], target, SETTINGS)
    with target.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            for value in row:
                assert not value.startswith(("=", "+", "-", "@")), value
    formulas = write([FORMULAS], tmp_path)[0]
    assert formulas["TITLE"] == "'" + FORMULAS.text("title")
    assert formulas["DESCRIPTION"] == "'@SUM(1+1)"


def test_a_family_is_one_row_whatever_the_order(tmp_path: Path) -> None:
    dearer = changed(TEE_BLUE_L, price=Decimal("23.99"), stock=7)
    rows = write([TEE, MUG, dearer, TEE_RED_M], tmp_path)
    assert [row["SKU"] for row in rows] == ["MUG-SAGE-12OZ", "TEE-CLASSIC"]
    assert (rows[1]["PRICE"], rows[1]["QUANTITY"]) == ("21.99", "12")


def test_custom_options_and_limits(tmp_path: Path) -> None:
    scented = [
        changed(TEE_RED_M, attributes={"Scent": "Fig", "Size": "M", "Wick": "Cotton"}),
        changed(TEE_BLUE_L, attributes={"Scent": "Pine", "Size": "L", "Wick": "Wood"}),
    ]
    tagged = changed(PARENT, keywords=[f"tag{n}" for n in range(15)])
    row = write([tagged, *scented], tmp_path)[0]
    assert (row["VARIATION 1 TYPE"], row["VARIATION 1 NAME"]) == ("Custom", "Scent")
    assert row["VARIATION 2 VALUES"] == "M,L"
    assert len(row["TAGS"].split(",")) == 13


def test_what_the_format_cannot_hold_is_left_out(tmp_path: Path) -> None:
    target = tmp_path / "etsy.csv"
    archived = changed(SINGLE, status="archived")
    # a variant without its parent, an archived product
    assert CHANNEL.write([TEE_RED_M, archived], target, SETTINGS) == 0
    # a variant that comes before its parent waits for it
    assert CHANNEL.write([TEE_RED_M, archived, TEE], target, SETTINGS) == 1
    with pytest.raises(InvalidValueError):
        CHANNEL.write([SINGLE], tmp_path / "x.tsv", SETTINGS, "tsv")


def test_the_importer_reads_the_file_back(tmp_path: Path) -> None:
    target = tmp_path / "etsy.csv"
    CHANNEL.write([*READY, FORMULAS], target, SETTINGS)
    inspection = inspect(target)
    assert inspection.layout.key == "etsy"
    drafts = {d.sku: d for chunk in stream(inspection, StreamState()) for d in chunk.products}
    assert set(drafts) == {"MUG-SAGE-12OZ", "TEE-CLASSIC", "D-5"}
    mug = drafts["MUG-SAGE-12OZ"].values
    assert (mug["price"], mug["currency"], mug["stock"]) == (Decimal("24.00"), "USD", 14)
    assert mug["keywords"] == ["mug", "stoneware"]
    tee = drafts["TEE-CLASSIC"].values
    assert tee["attributes"]["VARIATION 1 VALUES"] == "Red,Blue"
    assert len(drafts["TEE-CLASSIC"].images) == 3
