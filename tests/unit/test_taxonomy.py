"""Tests for the Google product taxonomy loader and lookups (sellerdesk.core.taxonomy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sellerdesk.core.taxonomy import Category, Taxonomy
from sellerdesk.resources import default_taxonomy_path, resource_path

MUGS = "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.from_file(default_taxonomy_path())


def test_shipped_file_loads_every_category(taxonomy: Taxonomy) -> None:
    assert len(taxonomy) == 5595
    assert len({c.id for c in taxonomy}) == 5595
    first_line = default_taxonomy_path().read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# Google_Product_Taxonomy_Version")


def test_get_known_category(taxonomy: Taxonomy) -> None:
    mugs = taxonomy.get(2169)
    assert mugs == Category(2169, MUGS)
    assert mugs.leaf == "Mugs"
    assert mugs.depth == 5
    assert mugs.parent_path == "Home & Garden > Kitchen & Dining > Tableware > Drinkware"
    top = taxonomy.get(1)
    assert top is not None and top.path == "Animals & Pet Supplies"
    assert top.depth == 1 and top.parent_path is None and top.leaf == top.path
    assert taxonomy.get(999_999_999) is None
    assert 2169 in taxonomy and 999_999_999 not in taxonomy


def test_by_path_is_exact_and_case_insensitive(taxonomy: Taxonomy) -> None:
    found = taxonomy.by_path("  " + MUGS.upper() + " ")
    assert found is not None and found.id == 2169
    assert taxonomy.by_path("Home & Garden > Kitchen & Dining > Tableware > Drinkware") is not None
    assert taxonomy.by_path("Home & Garden > Kitchen & Dining > Tableware > Drink") is None
    assert taxonomy.by_path("Mugs") is None


def test_search_requires_every_word_and_ranks_leaf_matches_first(taxonomy: Taxonomy) -> None:
    results = taxonomy.search("yoga MAT")
    assert results, "yoga mats exist in the taxonomy"
    assert results[0].id == 3640  # ... > Yoga & Pilates > Yoga & Pilates Mats
    for category in results:
        path = category.path.lower()
        assert "yoga" in path and "mat" in path
    assert taxonomy.search("mug")[0].id == 2169
    leaf_hits = [c for c in results if "yoga" in c.leaf.lower() and "mat" in c.leaf.lower()]
    assert results[: len(leaf_hits)] == leaf_hits


def test_search_limit_and_blank_queries(taxonomy: Taxonomy) -> None:
    assert len(taxonomy.search("clothing", limit=5)) == 5
    assert len(taxonomy.search("clothing", limit=500)) > 20
    assert taxonomy.search("") == []
    assert taxonomy.search("   ") == []
    assert taxonomy.search("zzzz-no-such-category") == []
    assert taxonomy.search("mug", limit=0) == []


def test_children_follow_the_tree(taxonomy: Taxonomy) -> None:
    top = taxonomy.children()
    assert len(top) == 21
    assert all(c.depth == 1 for c in top)
    kids = taxonomy.children(1)
    assert {c.id for c in kids} >= {2, 3237}
    assert all(c.parent_path == "Animals & Pet Supplies" for c in kids)
    assert taxonomy.children(2169) == []
    assert sum(len(taxonomy.children(c.id)) for c in taxonomy) + len(top) == len(taxonomy)


def test_from_lines_skips_comments_and_blank_lines() -> None:
    taxonomy = Taxonomy.from_lines(
        ["# version 1\n", "\n", "1 - Toys\n", "2 - Toys > Blocks\n", "3 - Toys > Blocks > Wooden"]
    )
    assert len(taxonomy) == 3
    assert [c.id for c in taxonomy.children(1)] == [2]
    assert [c.id for c in taxonomy.children(2)] == [3]
    assert [c.id for c in taxonomy.search("wood")] == [3]


@pytest.mark.parametrize("bad", ["Toys > Blocks", "x - Toys", "12 - ", "12 Toys"])
def test_from_lines_rejects_malformed_lines(bad: str) -> None:
    with pytest.raises(ValueError, match="line 2"):
        Taxonomy.from_lines(["1 - Toys", bad])


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        Taxonomy.from_lines(["1 - Toys", "1 - Games"])


def test_from_file_reads_utf8(tmp_path: Path) -> None:
    path = tmp_path / "tax.txt"
    path.write_text("# c\n7 - Café > Crème\n", encoding="utf-8")
    assert Taxonomy.from_file(path).get(7) == Category(7, "Café > Crème")


def test_resource_path_finds_files_and_explains_missing_ones() -> None:
    assert resource_path("taxonomy", "google-product-taxonomy-with-ids.en-US.txt").is_file()
    assert default_taxonomy_path().name == "google-product-taxonomy-with-ids.en-US.txt"
    with pytest.raises(FileNotFoundError, match=r"no-such-file\.txt"):
        resource_path("taxonomy", "no-such-file.txt")


@pytest.mark.parametrize(
    ("title", "leaf"),
    [
        ("Stoneware Mug 12 oz, Sage", "Mugs"),
        ("Bamboo Cutting Board, Large", "Cutting Boards"),
        ("Pearl 14k Gold Filled Drop Earrings", "Earrings"),
        ("TPE Yoga Mat 8 mm", "Yoga & Pilates Mats"),
        ("Oatmeal Combed Cotton Wool Socks", "Socks"),
    ],
)
def test_suggest_finds_the_category_a_title_names(title: str, leaf: str) -> None:
    taxonomy = Taxonomy.from_file(default_taxonomy_path())
    found = taxonomy.suggest(title)
    assert found is not None and found.leaf == leaf


def test_suggest_gives_nothing_for_words_no_category_uses() -> None:
    assert Taxonomy.from_file(default_taxonomy_path()).suggest("Zxqv 42") is None
