"""The SQL-rendered Google TSV writes byte for byte what the channel's item builder writes, on a
catalog full of the cases the SQL leaves to Python (and ordinary rows, which it must keep)."""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from sellerdesk.app import AppContext
from sellerdesk.channels.google import TSV_HEADER, GoogleChannel
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.services import google_tsv_sql
from sellerdesk.services.channel_products import iter_all_products
from sellerdesk.services.google_tsv_sql import can_render, write_google_tsv

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
MUGS = 2169  # Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs
MUGS_PATH = "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs"


def _ordinary(number: int) -> dict[str, Any]:
    return {
        "sku": f"MUG-{number:03d}",
        "title": f"Stoneware Mug {number} oz – Sage",
        "brand": "Kiln & Co",
        "gtin": "012345678905",
        "mpn": f"KC-{number}",
        "price": f"{number}.50",
        "sale_price": f"{number}.00" if number % 2 else None,
        "stock": number % 4,
        "category_id": MUGS,
        "category_path": MUGS_PATH,
        "description": f"Wheel-thrown stoneware mug number {number}. Dishwasher safe.",
        "condition": "new",
        "weight_g": "380" if number % 3 else "12.25",
        "length_cm": "8.5",
        "width_cm": "10",
        "height_cm": "9.125",
        "attributes": {"color": "Sage", "size": f"{number} oz", "material": "Stoneware"},
        "images": [{"uri": f"https://cdn.example/{number}/{i}.jpg"} for i in range(number % 13)],
    }


#: (sku, values changed from an ordinary product, raw column values written past the service,
#: whether the SQL must leave the row to the item builder)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("HTML", {"description": "<p>Hand <b>made</b></p><ul><li>Oven safe</li></ul>"}, {}, True),
    ("ENTITY", {"description": "Salt &amp; pepper"}, {}, True),
    ("SPACES", {}, {"description": "  Two  spaces and\u00a0nbsp  "}, True),
    ("LINES", {}, {"description": "One\nTwo\r\nThree\u2028Four\u0085Five\tSix\x0bSeven"}, True),
    ("ENDS", {}, {"description": "\u3000Ideographic space at the start"}, True),
    ("LONG", {"description": "word " * 1200}, {}, True),
    ("TAB-TITLE", {}, {"title": "Mug\twith a tab", "brand": "Line\nbreak"}, True),
    ("FORMULA", {}, {"title": '=HYPERLINK("x")', "mpn": "+1", "brand": "-Kiln"}, True),
    ("WIDE-AT", {}, {"title": "\uff20home mug"}, True),
    ("ATTR-CASE", {"attributes": {"Color": " Red ", "SIZE": "L", "Gender": "Female"}}, {}, False),
    (
        "ATTR-TYPES",
        {"attributes": {"size": 12, "age_group": "ADULT", "pattern": ["dots"]}},
        {},
        False,
    ),
    ("ATTR-UNICODE", {"attributes": {"gender": "MÄNNLICH", "color": "Grün"}}, {}, False),
    ("ATTR-LINK", {"attributes": {"link": "https://shop.example/own-page"}}, {}, True),
    ("ATTR-SALE", {"attributes": {"sale_start": "2026-11-01", "sale_end": "2026-11-30"}}, {}, True),
    ("ATTR-ID", {"attributes": {"identifier_exists": "no"}, "gtin": None}, {}, True),
    ("ATTR-FORMULA", {"attributes": {"color": "=red"}}, {}, True),
    ("YEN", {"currency": "JPY", "price": "1299", "sale_price": None}, {}, True),
    ("ROUNDING", {"price": "25.505", "sale_price": "19.9949"}, {}, False),
    ("NO-CURRENCY", {}, {"currency": None}, False),
    ("FRACTIONS", {"weight_g": "0.5", "length_cm": "12.0001", "width_cm": "0.25"}, {}, False),
    ("NO-SIZE", {"weight_g": None, "length_cm": None}, {}, False),
    ("PATH-ONLY", {"category_id": None}, {}, True),
    ("ID-ONLY", {"category_path": None}, {}, True),
    ("UNKNOWN-ID", {}, {"category_id": 99999999}, True),
    ("NO-CATEGORY", {"category_id": None, "category_path": None}, {}, False),
    ("BAD-PATH", {"category_id": None, "category_path": "Nowhere > Nothing"}, {}, True),
    ("CAFÉ-NOIR", {}, {}, True),
    ("TWO WORDS", {}, {}, True),
    ("BRACE{X}", {}, {}, True),
    (
        "IMAGE-FORMULA",
        {"images": [{"uri": "https://cdn.example/a.jpg"}, {"uri": "=b.jpg"}]},
        {},
        True,
    ),
    ("IMAGE-TAB", {"images": [{"uri": "https://cdn.example/a\tb.jpg"}]}, {}, True),
    ("NO-STOCK", {"stock": None}, {}, False),
    ("EMOJI", {"title": "Mug ☕ with steam", "description": "Café crème – très bon ☕"}, {}, False),
]


@pytest.fixture
def catalog(ctx: AppContext) -> AppContext:
    rows = [_ordinary(n) for n in range(1, 41)]
    for sku, changes, _raw, _python in CASES:
        rows.append({**_ordinary(99), **changes, "sku": sku})
    parent = {**_ordinary(50), "sku": "FAMILY", "images": []}
    variants = [
        {**_ordinary(51 + i), "sku": f"FAMILY-{color}", "parent_sku": "FAMILY"}
        for i, color in enumerate(("SAGE", "RUST", "=RED"))
    ]
    ctx.catalog.create_many([*rows, parent])
    ctx.catalog.create_many(variants)
    with ctx.db.write() as conn:
        for sku, _changes, raw, _python in CASES:
            for column, value in raw.items():
                conn.exec_driver_sql(
                    f"UPDATE products SET {column} = ? WHERE sku = ?", (value, sku)
                )
    return ctx


def _both(ctx: AppContext, settings: dict[str, str]) -> tuple[bytes, bytes, int, int]:
    ctx.feeds.configure("google", enabled=True, settings=settings)
    state = ctx.feeds.state("google")
    channel = state.channel
    assert isinstance(channel, GoogleChannel)
    assert can_render(ctx.db, state.settings)
    fast = io.BytesIO()
    written, by_python = write_google_tsv(ctx.db, channel, state.settings, fast)
    slow = io.StringIO()
    slow.write(TSV_HEADER)
    products = (p for chunk in iter_all_products(ctx.db) for p in chunk)
    for line in channel.tsv_lines(products, state.settings):
        slow.write(line + "\n")
    return fast.getvalue(), slow.getvalue().encode(), written, by_python


SETTINGS = [
    {"product_url": "https://shop.example/products/{handle}?sku={sku}&x=100%25"},
    {"product_url": "", "country": "US", "shipping_price": "4.5"},
    {"product_url": "{sku}.example", "country": "de", "shipping_price": "0"},
]


@pytest.mark.parametrize("settings", SETTINGS)
def test_sql_lines_are_the_item_builders_lines(
    catalog: AppContext, settings: dict[str, str]
) -> None:
    fast, slow, written, by_python = _both(catalog, settings)
    assert fast == slow
    assert written == 40 + len(CASES) + 3  # the parent is not listed
    # exactly the rows the SQL can't render went to Python
    assert by_python == sum(python for *_, python in CASES)


def test_ordinary_rows_come_from_sql_with_their_values(catalog: AppContext) -> None:
    fast, _slow, _written, _by_python = _both(catalog, SETTINGS[0])
    rows = [line.split("\t") for line in fast.decode().splitlines()]
    header, by_sku = rows[0], {row[0]: row for row in rows[1:]}
    mug = dict(zip(header, by_sku["MUG-012"], strict=True))
    assert mug["link"] == "https://shop.example/products/mug-012?sku=MUG-012&x=100%25"
    assert mug["image_link"] == "https://cdn.example/12/0.jpg"
    assert mug["additional_image_link"].split(",") == [
        f"https://cdn.example/12/{i}.jpg" for i in range(1, 11)
    ]
    assert mug["price"] == "12.50 USD" and mug["sale_price"] == ""
    assert mug["availability"] == "out_of_stock"
    assert mug["google_product_category"] == str(MUGS) and mug["product_type"] == MUGS_PATH
    assert (mug["color"], mug["size"], mug["material"]) == ("Sage", "12 oz", "Stoneware")
    assert mug["shipping_weight"] == "12.25 g" and mug["shipping_height"] == "9.125 cm"
    variant = dict(zip(header, by_sku["FAMILY-SAGE"], strict=True))
    assert variant["item_group_id"] == "FAMILY" and "FAMILY" not in by_sku
    odd = dict(zip(header, by_sku["ATTR-TYPES"], strict=True))  # made in Python, once
    assert (odd["size"], odd["age_group"], odd["pattern"]) == ("12", "adult", "['dots']")


def test_settings_the_sql_cannot_take_leave_the_export_to_python(catalog: AppContext) -> None:
    feeds = catalog.feeds
    for template in ("=HYPERLINK({sku})", "https://x/{han{sku}dle}", "https://x/\t{sku}"):
        feeds.configure("google", settings={"product_url": template})
        assert not can_render(catalog.db, feeds.state("google").settings)
    feeds.configure("google", settings={"product_url": "https://x/{sku}", "country": "=US"})
    feeds.configure("google", settings={"shipping_price": "5"})
    assert not can_render(catalog.db, feeds.state("google").settings)


def test_feed_export_takes_the_sql_path_and_can_be_cancelled(
    catalog: AppContext, tmp_path: Path
) -> None:
    feeds = catalog.feeds
    feeds.configure("google", settings={"product_url": "https://x/{sku}"})
    target = tmp_path / "google.tsv"
    seen: list[tuple[int, int]] = []
    fast = feeds.export("google", target, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (fast.written + 1, fast.written + 1)  # the parent counts as done
    feeds.fast_paths = False
    slow_target = tmp_path / "slow.tsv"
    slow = feeds.export("google", slow_target)
    assert target.read_bytes() == slow_target.read_bytes() and fast.written == slow.written
    feeds.fast_paths = True
    target.write_text("previous feed")
    with pytest.raises(InvalidValueError, match="cancelled"):
        feeds.export("google", target, cancelled=lambda: True)
    assert target.read_text() == "previous feed"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_small_ranges_keep_the_order(catalog: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(google_tsv_sql, "RANGE_SIZE", 7)
    fast, slow, written, by_python = _both(catalog, SETTINGS[0])
    assert fast == slow and written == 40 + len(CASES) + 3
    assert by_python == sum(python for *_, python in CASES)


def test_a_cell_holding_the_line_separator_sends_its_range_to_python(
    catalog: AppContext,
) -> None:
    with catalog.db.write() as conn:
        conn.exec_driver_sql("UPDATE products SET title = 'Mug \x1e 2' WHERE sku = 'MUG-002'")
    fast, slow, written, by_python = _both(catalog, SETTINGS[1])
    assert fast == slow
    assert by_python == written  # one range here: all of it


@pytest.mark.parametrize(
    "name",
    [
        "dirty_everything.csv",
        "european_export.csv",
        "amazon_flatfile.txt",
        "supplier_pricelist.xlsx",
        "shopify_product_template.csv",
        "woocommerce_sample_products.csv",
    ],
)
def test_imported_samples_export_the_same_both_ways(ctx: AppContext, name: str) -> None:
    ctx.importer.commit(SAMPLES / name)
    for settings in SETTINGS:
        fast, slow, written, _by_python = _both(ctx, settings)
        assert fast == slow and written > 0


BENIGN = ["Mug", "Kiln & Co", " ", "é", "–", "☕", "'", '"', "%", ",", "Ünïcode", "12 oz", "0"]
TRICKY = [
    "  ",
    "\t",
    "\n",
    "\r\n",
    "<b>",
    "</p>",
    "&amp;",
    "=",
    "+",
    "-",
    "@",
    "\uff1d",
    "\u00a0",
    "\u2028",
    "\u0085",
    "\u3000",
    "\u2009",
    "\x0b",
    "\x1f",
    "{sku}",
]


def _text(rng: random.Random, parts: int) -> str:
    return "".join(
        rng.choice(TRICKY if rng.random() < 0.04 else BENIGN) for _ in range(rng.randint(0, parts))
    )


def test_random_messy_values_export_the_same_both_ways(ctx: AppContext) -> None:
    rng = random.Random(20261121)
    ctx.catalog.create_many([{**_ordinary(n), "sku": f"R-{n:04d}"} for n in range(300)])
    with ctx.db.write() as conn:
        for n in range(300):
            attributes = {
                rng.choice(["color", "Color", "SIZE", "gender", "age_group", "material", "x"]): (
                    _text(rng, 3) if rng.random() < 0.8 else rng.choice([7, 1.5, None, ["a"]])
                )
                for _ in range(rng.randint(0, 4))
            }
            conn.exec_driver_sql(
                "UPDATE products SET title = ?, description = ?, brand = ?, mpn = ?, "
                "category_path = ?, attributes = ? WHERE sku = ?",
                (
                    _text(rng, 4) or None,
                    (_text(rng, 6) if rng.random() < 0.7 else "plain words only") or None,
                    _text(rng, 2) or None,
                    _text(rng, 2) or None,
                    rng.choice([MUGS_PATH, "", None, MUGS_PATH + _text(rng, 1)]),
                    json.dumps(attributes) if attributes or rng.random() < 0.5 else None,
                    f"R-{n:04d}",
                ),
            )
    for settings in SETTINGS:
        fast, slow, written, by_python = _both(ctx, settings)
        assert fast == slow and written == 300
        assert 0 < by_python < 300  # both paths really ran


def test_the_space_list_is_what_python_strips() -> None:
    everything = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert everything == google_tsv_sql.SPACES
