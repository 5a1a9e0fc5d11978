"""Tests for the demo catalog generator and its vocabulary (sellerdesk.demo)."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sellerdesk.core.fields import CONDITIONS, FIELD_NAMES, STATUSES, field
from sellerdesk.core.gtin import has_valid_check_digit
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.demo.generator import MAX_TITLE, CatalogGenerator, color_code
from sellerdesk.demo.vocabulary import SHAPES, default_vocabulary_path, load_vocabulary
from sellerdesk.resources import default_taxonomy_path

MONEY_FIELDS = ("price", "sale_price", "cost")
COUNT = 20_000


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.from_file(default_taxonomy_path())


@pytest.fixture(scope="module")
def products(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    return list(CatalogGenerator(seed=11, taxonomy=taxonomy).products(COUNT))


@pytest.fixture(scope="module")
def variant_products(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    return list(CatalogGenerator(seed=5, taxonomy=taxonomy).products(6000, with_variants=True))


def test_vocabulary_is_valid_and_rich() -> None:
    vocab = load_vocabulary()
    assert 28 <= len(vocab.families) <= 40
    assert len(vocab.brands) >= 35
    assert len(set(vocab.brands)) == len(vocab.brands)
    taxonomy = Taxonomy.from_file(default_taxonomy_path())
    for family in vocab.families:
        assert taxonomy.get(family.category_id) is not None, family.key
        assert family.shape in SHAPES
        assert 3 <= len(family.bullets) <= 6
        assert all(color in vocab.colors for color in family.colors)
        low, high = family.price_usd
        assert Decimal(0) < low < high
    assert {f.shape for f in vocab.families} == set(SHAPES)
    variant_share = sum(f.variants for f in vocab.families) / len(vocab.families)
    assert 0.1 <= variant_share <= 0.3


def test_vocabulary_rejects_unknown_colors(tmp_path: Path) -> None:
    data = json.loads(default_vocabulary_path().read_text(encoding="utf-8"))
    data["families"][0]["colors"].append("Unobtainium")
    bad = tmp_path / "vocabulary.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="Unobtainium"):
        load_vocabulary(bad)


def test_same_seed_same_catalog_other_seed_other_catalog(taxonomy: Taxonomy) -> None:
    first = list(CatalogGenerator(seed=3, taxonomy=taxonomy).products(500, with_variants=True))
    again = list(CatalogGenerator(seed=3, taxonomy=taxonomy).products(500, with_variants=True))
    other = list(CatalogGenerator(seed=4, taxonomy=taxonomy).products(500, with_variants=True))
    assert first == again
    assert [p["sku"] for p in first] != [p["sku"] for p in other]


def test_count_is_exact(taxonomy: Taxonomy) -> None:
    generator = CatalogGenerator(seed=1, taxonomy=taxonomy)
    assert list(generator.products(0)) == []
    for count in (1, 2, 3, 7, 101):
        assert len(list(generator.products(count, with_variants=True))) == count
    with pytest.raises(ValueError):
        list(generator.products(-1))


def test_keys_are_field_names(products: list[dict[str, Any]]) -> None:
    for product in products[:2000]:
        assert set(FIELD_NAMES) <= product.keys()
        assert product.keys() - set(FIELD_NAMES) == {"_shape"}
        assert product["_shape"] in SHAPES


def test_skus_are_unique_and_seller_like(products: list[dict[str, Any]]) -> None:
    skus = [p["sku"] for p in products]
    assert len(set(skus)) == COUNT
    for sku in skus[:1000]:
        assert sku == sku.upper()
        assert " " not in sku
        assert 2 <= sku.count("-") <= 3
        assert sku[-4:].isdigit()


def test_skus_stay_unique_across_calls(taxonomy: Taxonomy) -> None:
    generator = CatalogGenerator(seed=2, taxonomy=taxonomy)
    skus = [p["sku"] for p in generator.products(3000, with_variants=True)]
    skus += [p["sku"] for p in generator.products(3000)]
    assert len(skus) == len(set(skus)) == 6000


def test_gtins_have_valid_check_digits(products: list[dict[str, Any]]) -> None:
    gtins = [p["gtin"] for p in products]
    present = [g for g in gtins if g is not None]
    assert all(isinstance(g, str) and has_valid_check_digit(g) for g in present)
    assert {len(g) for g in present} == {12, 13}
    assert len(set(present)) == len(present)
    missing_share = (len(gtins) - len(present)) / len(gtins)
    assert 0.03 <= missing_share <= 0.08


def test_mpn_looks_like_a_part_number(products: list[dict[str, Any]]) -> None:
    for product in products[:500]:
        code, model, color, *size = product["mpn"].split("-")
        assert code.isalpha() and code.isupper() and len(code) == 2
        assert model.isdigit() and 1000 <= int(model) <= 9999
        assert color.isalpha() and len(color) == 2
        assert len(size) <= 1


def test_categories_exist_in_the_taxonomy(
    products: list[dict[str, Any]], taxonomy: Taxonomy
) -> None:
    seen: dict[int, str] = {p["category_id"]: p["category_path"] for p in products}
    assert len(seen) >= 25
    for category_id, path in seen.items():
        category = taxonomy.get(category_id)
        assert category is not None
        assert category.path == path


def test_money_is_realistic(products: list[dict[str, Any]]) -> None:
    on_sale = 0
    for product in products:
        for name in MONEY_FIELDS:
            value = product[name]
            if value is None:
                continue
            assert isinstance(value, Decimal)
            assert value.as_tuple().exponent == -2, (name, value)
            assert value > 0
        price, sale, cost = product["price"], product["sale_price"], product["cost"]
        assert price < 1000
        assert price * Decimal("0.3") <= cost <= price * Decimal("0.6")
        if sale is not None:
            on_sale += 1
            assert sale < price
        assert product["currency"] == "USD"
    assert 0.11 <= on_sale / len(products) <= 0.19
    endings = Counter(str(p["price"])[-3:] for p in products)
    assert endings[".99"] > len(products) * 0.3


def test_stock_condition_status(products: list[dict[str, Any]]) -> None:
    stocks = [p["stock"] for p in products]
    assert all(type(s) is int and s >= 0 for s in stocks)
    assert 0.03 <= stocks.count(0) / len(stocks) <= 0.07
    assert sum(s <= 250 for s in stocks) / len(stocks) >= 0.85
    conditions = Counter(p["condition"] for p in products)
    statuses = Counter(p["status"] for p in products)
    assert set(conditions) <= set(CONDITIONS) and set(statuses) <= set(STATUSES)
    assert conditions["new"] / len(products) > 0.95
    assert conditions["used"] + conditions["refurbished"] > 0
    assert statuses["active"] / len(products) > 0.85
    assert statuses["draft"] > 0


def test_texts_are_realistic(products: list[dict[str, Any]]) -> None:
    for product in products[:3000]:
        title = product["title"]
        assert 10 < len(title) <= MAX_TITLE
        assert "  " not in title and "{" not in title
        assert " – " in title
        attributes = product["attributes"]
        assert isinstance(attributes, dict) and attributes["material"]
        assert attributes["color"] in title or product["_shape"] in ("board", "box")
        bullets, keywords = product["bullets"], product["keywords"]
        assert isinstance(bullets, list) and 3 <= len(bullets) <= 6
        assert all(isinstance(b, str) and b and not b[0].islower() for b in bullets)
        assert isinstance(keywords, list) and keywords
        description = product["description"]
        assert description.count(". ") >= 2 and "{" not in description
        assert isinstance(product["weight_g"], Decimal) and product["weight_g"] > 0
        for dim in ("length_cm", "width_cm", "height_cm"):
            assert isinstance(product[dim], Decimal) and product[dim] > 0


def test_every_value_parses_back_to_itself(products: list[dict[str, Any]]) -> None:
    for product in products[:4000]:
        for name in FIELD_NAMES:
            value = product[name]
            parsed = field(name).parse(value)
            assert parsed == value, (name, value, parsed)


def test_product_lists_are_not_shared(taxonomy: Taxonomy) -> None:
    generator = CatalogGenerator(seed=9, taxonomy=taxonomy)
    a, b = generator.products(2)
    a["bullets"].append("changed")
    a["keywords"].clear()
    c = next(CatalogGenerator(seed=9, taxonomy=taxonomy).products(2))
    assert "changed" not in c["bullets"] and c["keywords"]
    assert a["attributes"] is not b["attributes"]


def test_variants_reference_earlier_parents(variant_products: list[dict[str, Any]]) -> None:
    assert len(variant_products) == 6000
    seen: dict[str, dict[str, Any]] = {}
    children: dict[str, list[dict[str, Any]]] = {}
    for product in variant_products:
        parent_sku = product.get("parent_sku")
        if parent_sku is not None:
            assert parent_sku in seen, "a variant must come after its parent"
            parent = seen[parent_sku]
            assert "parent_sku" not in parent
            assert product["category_id"] == parent["category_id"]
            assert product["sku"].startswith(parent_sku + "-")
            children.setdefault(parent_sku, []).append(product)
        seen[product["sku"]] = product
    assert len(seen) == 6000
    assert len(children) > 100
    share = sum(len(v) for v in children.values()) / len(variant_products)
    assert 0.15 <= share <= 0.7
    for parent_sku, variants in children.items():
        assert 2 <= len(variants) <= 5
        combos = {(v["attributes"]["color"], v["attributes"].get("size")) for v in variants}
        assert len(combos) == len(variants), "variants differ in color or size"
        parent = seen[parent_sku]
        assert parent["gtin"] is None
        assert parent["stock"] == sum(v["stock"] for v in variants)
        assert parent["price"] == min(v["price"] for v in variants)


def test_variant_values_parse(variant_products: list[dict[str, Any]]) -> None:
    for product in variant_products[:1500]:
        for name in FIELD_NAMES:
            assert field(name).parse(product[name]) == product[name]
        if product["gtin"] is not None:
            assert has_valid_check_digit(product["gtin"])


def test_color_code() -> None:
    assert color_code("Sage") == "SAGE"
    assert color_code("Ocean Blue") == "OBLUE"
    assert color_code("Rose-Gold") == "RGOLD"
