"""Feed channels over a real catalog: settings, readiness, atomic exports, the CLI."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from sellerdesk.app import AppContext
from sellerdesk.channels.model import Readiness
from sellerdesk.cli import main
from sellerdesk.core.errors import InvalidValueError, NotFoundError
from sellerdesk.services.channel_products import iter_all_products

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SHOP = "https://kilnandco.example/products/{sku}"


@pytest.fixture
def stocked(ctx: AppContext) -> AppContext:
    catalog = ctx.catalog
    catalog.create_many(
        [
            {
                "sku": "MUG-1",
                "title": "Stoneware Mug 12 oz, Sage",
                "brand": "Kiln & Co",
                "gtin": "012345678905",
                "price": "24.00",
                "stock": 5,
                "category_id": 2169,
                "category_path": "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
                "description": "Wheel-thrown stoneware mug.",
                "condition": "new",
                "images": [{"uri": "https://cdn.example/mug.jpg"}],
            },
            {"sku": "NOPRICE", "title": "Mug without a price", "brand": "Kiln & Co"},
        ]
    )
    return ctx


def test_channels_start_off_and_keep_their_settings(stocked: AppContext) -> None:
    feeds = stocked.feeds
    assert len(feeds.states()) == 9 and not feeds.enabled()
    state = feeds.configure("google", enabled=True, settings={"product_url": SHOP})
    assert state.enabled and state.settings.get("product_url") == SHOP
    feeds.configure("google", settings={})
    assert feeds.state("google").settings.get("product_url") == SHOP
    assert [s.channel.key for s in feeds.enabled()] == ["google"]
    feeds.configure("google", enabled=False)
    assert not feeds.enabled()
    with pytest.raises(InvalidValueError, match="no setting"):
        feeds.configure("google", settings={"nonsense": "1"})
    with pytest.raises(NotFoundError, match="Known channels"):
        feeds.state("myspace")


def test_channel_products_carry_photos_and_families(stocked: AppContext) -> None:
    stocked.catalog.create({"sku": "MUG-1-BLUE", "title": "Blue", "parent_sku": "MUG-1"})
    products = {p.sku: p for chunk in iter_all_products(stocked.db) for p in chunk}
    assert products["MUG-1"].images == ("https://cdn.example/mug.jpg",)
    assert products["MUG-1"].variant_skus == ("MUG-1-BLUE",)
    assert products["MUG-1-BLUE"].parent_sku == "MUG-1"
    assert products["MUG-1"].get("price") == Decimal("24.00")


def test_readiness_blocks_a_product_without_price(stocked: AppContext) -> None:
    stocked.feeds.configure("google", enabled=True, settings={"product_url": SHOP})
    results = {r.sku: r for r in stocked.feeds.readiness()}
    assert results["NOPRICE"].states["google"] is Readiness.BLOCKED
    assert any(p.field == "price" for p in results["NOPRICE"].problems)
    assert results["MUG-1"].states["google"] is not Readiness.BLOCKED


def test_export_only_ready_lists_what_was_left_out_and_is_atomic(
    stocked: AppContext, tmp_path: Path
) -> None:
    feeds = stocked.feeds
    feeds.configure("google", enabled=True, settings={"product_url": SHOP})
    target = tmp_path / "google.tsv"
    target.write_text("the previous feed\n", encoding="utf-8")
    result = feeds.export("google", target, only_ready=True)
    assert result.written == 1
    assert [sku for sku, _ in result.skipped] == ["NOPRICE"]
    assert any("price" in reason.lower() for reason in result.skipped[0][1])
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [row["id"] for row in rows] == ["MUG-1"]
    assert not list(tmp_path.glob("*.part"))

    def boom(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("disk full")

    channel = feeds.channel("google")
    original = type(channel).write
    type(channel).write = boom  # type: ignore[method-assign]
    feeds.fast_paths = False  # (the SQL-rendered TSV fails part-way in test_google_tsv_sql)
    try:
        with pytest.raises(RuntimeError):
            feeds.export("google", target)
    finally:
        type(channel).write = original  # type: ignore[method-assign]
    assert "MUG-1" in target.read_text(encoding="utf-8")  # the last good file is untouched
    assert not list(tmp_path.glob("*.part"))


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_channels_validate_and_export(
    capsys: pytest.CaptureFixture[str], catalog_file: Path, tmp_path: Path
) -> None:
    run(capsys, catalog_file, "import", str(SAMPLES / "dirty_everything.csv"))
    code, out, _ = run(capsys, catalog_file, "channels")
    assert code == 0 and "google" in out and "[off]" in out
    code, out, _ = run(
        capsys, catalog_file, "channels", "--enable", "google", "--set", f"product_url={SHOP}"
    )
    assert "[on ] google" in out
    code, out, _ = run(capsys, catalog_file, "validate", "--json")
    report = json.loads(out)
    assert report["channels"] == ["google"] and code == 2
    assert sum(report["totals"]["google"].values()) == 6
    d2 = next(p for p in report["products"] if p["sku"] == "D-2")
    assert d2["states"]["google"] == "blocked"
    assert any(p["field"] == "price" for p in d2["problems"])
    code, out, _ = run(capsys, catalog_file, "validate", "--channel", "shopify")
    assert "Shopify" in out
    feed = tmp_path / "google.tsv"
    code, out, _ = run(
        capsys, catalog_file, "export", "--channel", "google", "-o", str(feed), "--only-ready",
        "--json",
    )  # fmt: skip
    exported = json.loads(out)
    assert code == 0 and exported["written"] + len(exported["left_out"]) == 6
    assert {item["sku"] for item in exported["left_out"]} >= {"D-2"}
    text = feed.read_text(encoding="utf-8")
    assert "=HYPERLINK" not in text.replace("'=HYPERLINK", "")  # inert if D-5 was written


def test_family_rules_reach_the_parent(stocked: AppContext) -> None:
    catalog = stocked.catalog
    catalog.create({"sku": "TEE", "title": "Classic Tee", "brand": "Kiln & Co"})
    catalog.create_many(
        [
            {"sku": "TEE-S", "title": "Tee S", "parent_sku": "TEE", "price": "20",
             "attributes": {"Size": "S"}},
            {"sku": "TEE-M", "title": "Tee M", "parent_sku": "TEE", "price": "25",
             "attributes": {"Size": "M"}},
        ]
    )  # fmt: skip
    results = {r.sku: r for r in stocked.feeds.readiness(None, ["etsy"])}
    codes = {p.code for p in results["TEE"].problems}
    assert "variants.prices_differ" in codes
    assert "variants.prices_differ" not in {p.code for p in results["TEE-S"].problems}


EBAY = {
    "site": "US",
    "location": "Portland, OR",
    "shipping_profile": "Standard shipping",
    "return_profile": "30-day returns",
    "payment_profile": "Managed payments",
}


def test_export_only_ready_leaves_out_families_blocked_by_family_rules(
    stocked: AppContext, tmp_path: Path
) -> None:
    def tee(sku: str, **extra: object) -> dict[str, object]:
        return {
            "sku": sku,
            "title": "Classic Tee",
            "brand": "Kiln & Co",
            "description": "Soft cotton tee.",
            "price": "20.00",
            "stock": 4,
            "condition": "new",
            "images": [{"uri": f"https://cdn.example/{sku.lower()}.jpg"}],
            **extra,
        }

    listing = {"ebay_category": "15687"}
    stocked.catalog.create_many(
        [
            tee("TEE", attributes=listing),
            tee("TEE-S", parent_sku="TEE", attributes={"Size": "S"}),
            tee("TEE-RED", parent_sku="TEE", attributes={"Color": "Red"}),
            tee("POLO", attributes=listing),
            tee("POLO-S", parent_sku="POLO", attributes={"Size": "S"}),
            tee("POLO-M", parent_sku="POLO", attributes={"Size": "M"}),
        ]
    )
    feeds = stocked.feeds
    feeds.configure("ebay", enabled=True, settings=EBAY)
    states = {r.sku: r for r in feeds.readiness(None, ["ebay"])}
    assert "variants.mixed_options" in {p.code for p in states["TEE"].problems}
    assert states["TEE"].states["ebay"] is Readiness.BLOCKED
    assert states["POLO"].states["ebay"] is not Readiness.BLOCKED, states["POLO"].problems

    result = feeds.export("ebay", tmp_path / "ebay.csv", only_ready=True)
    skipped = dict(result.skipped)
    assert any("same options" in reason for reason in skipped["TEE"])
    assert "POLO" not in skipped
    text = (tmp_path / "ebay.csv").read_text(encoding="utf-8")
    assert "POLO-M" in text and "TEE" not in text.replace("POLO", "")
