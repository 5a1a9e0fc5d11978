"""The Google product taxonomy: categories by id and path, word search and the category tree."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SEPARATOR = " > "
TAXONOMY_FILE = "google-product-taxonomy-with-ids.en-US.txt"


@dataclass(frozen=True)
class Category:
    id: int
    path: str

    @property
    def segments(self) -> tuple[str, ...]:
        """The path split into its names, top level first."""
        return tuple(self.path.split(SEPARATOR))

    @property
    def leaf(self) -> str:
        """The last segment of the path (``Mugs`` for ``... > Drinkware > Mugs``)."""
        return self.path.rsplit(SEPARATOR, 1)[-1]

    @property
    def depth(self) -> int:
        """How many segments the path has: 1 for a top-level category."""
        return self.path.count(SEPARATOR) + 1

    @property
    def parent_path(self) -> str | None:
        """The path of the parent category, or None at the top level."""
        head, sep, _ = self.path.rpartition(SEPARATOR)
        return head if sep else None


class Taxonomy:
    """An immutable set of categories with lookups by id, by path and by words."""

    def __init__(self, categories: Iterable[Category]) -> None:
        self._by_id: dict[int, Category] = {}
        self._by_path: dict[str, Category] = {}
        for category in categories:
            if category.id in self._by_id:
                raise ValueError(f"duplicate taxonomy id {category.id}")
            self._by_id[category.id] = category
            self._by_path[category.path.casefold()] = category
        self._children: dict[int | None, list[Category]] = {}
        for category in self._by_id.values():
            parent_path = category.parent_path
            parent = None if parent_path is None else self._by_path.get(parent_path.casefold())
            self._children.setdefault(None if parent is None else parent.id, []).append(category)
        self._search_keys = [
            (category, category.path.casefold(), category.leaf.casefold())
            for category in self._by_id.values()
        ]
        self._leaf_words: dict[str, list[int]] = {}
        self._path_words: dict[int, frozenset[str]] = {}
        self._leaf_sets: dict[int, frozenset[str]] = {}
        for category in self._by_id.values():
            leaf = frozenset(
                _stem(w) for w in _WORD.findall(category.leaf.casefold()) if w not in _FILLER
            ) or frozenset({category.leaf.casefold()})
            self._leaf_sets[category.id] = leaf
            for word in leaf:
                self._leaf_words.setdefault(word, []).append(category.id)
            self._path_words[category.id] = frozenset(
                _stem(w) for w in _WORD.findall(category.path.casefold())
            )

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Taxonomy:
        """Parse ``ID - Path > Sub > Leaf`` lines; blank lines and ``#`` comments are skipped."""
        categories: list[Category] = []
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            id_text, sep, path = line.partition(" - ")
            if not sep or not id_text.strip().isdigit() or not path.strip():
                raise ValueError(f"taxonomy line {number} is not 'ID - Path': {line!r}")
            categories.append(Category(int(id_text), path.strip()))
        return cls(categories)

    @classmethod
    def from_file(cls, path: Path) -> Taxonomy:
        """Load a taxonomy text file (UTF-8) in Google's ``with-ids`` format."""
        with path.open(encoding="utf-8") as handle:
            return cls.from_lines(handle)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Category]:
        return iter(self._by_id.values())

    def __contains__(self, category_id: object) -> bool:
        return category_id in self._by_id

    def get(self, category_id: int) -> Category | None:
        """The category with this id, or None."""
        return self._by_id.get(category_id)

    def by_path(self, path: str) -> Category | None:
        """The category whose full path is ``path`` (case-insensitive, outer spaces ignored)."""
        return self._by_path.get(path.strip().casefold())

    def children(self, category_id: int | None = None) -> list[Category]:
        """Direct subcategories of ``category_id`` (the top-level categories for None)."""
        return list(self._children.get(category_id, ()))

    def suggest(self, title: str) -> Category | None:
        """The category whose leaf best matches the words of a product title ("Stoneware Mug
        12 oz, Sage" -> Mugs): most title words in the leaf, then in the path, then the
        shortest path. None when no word of the title names a category."""
        ordered = [
            _stem(word)
            for word in _WORD.findall(title.casefold())
            if len(word) > 2 and word not in _FILLER
        ]
        # The head noun of a product name comes last ("Cast Iron Skillet"): later words weigh more.
        weight = {word: 1 + index / len(ordered) for index, word in enumerate(ordered)}
        scores: dict[int, float] = {}
        for word, value in weight.items():
            for category_id in self._leaf_words.get(word, ()):
                scores[category_id] = scores.get(category_id, 0.0) + 3 * value
        if not scores:
            return None
        for category_id in list(scores):
            leaf_words = self._leaf_sets[category_id]
            covered = sum(1 for word in leaf_words if word in weight) / len(leaf_words)
            path_words = self._path_words[category_id]
            scores[category_id] += 2 * covered + sum(1 for w in weight if w in path_words) / 2
        best = max(scores, key=lambda cid: (scores[cid], -len(self._by_id[cid].path)))
        return self._by_id[best]

    def search(self, text: str, limit: int = 20) -> list[Category]:
        """Categories whose path contains every word of ``text`` (case-insensitive).

        Categories whose leaf contains every word come first, then shorter paths.
        """
        words = text.casefold().split()
        if not words or limit <= 0:
            return []
        hits: list[tuple[int, int, str, Category]] = []
        for category, path, leaf in self._search_keys:
            if all(word in path for word in words):
                in_leaf = all(word in leaf for word in words)
                rank = 0 if leaf == " ".join(words) else 1 if in_leaf else 2
                hits.append((rank, len(path), path, category))
        hits.sort(key=lambda hit: hit[:3])
        return [hit[3] for hit in hits[:limit]]


_WORD = re.compile(r"[a-z]+")
#: Words that say nothing about what a product is.
_FILLER = frozenset(
    {
        "and", "for", "with", "the", "set", "pack", "pro", "classic", "large", "small",
        "medium", "new", "inch", "other", "accessories", "accessory",
    }
)  # fmt: skip


class SharedTaxonomy:
    """A taxonomy file read on first use (about 10 ms), then shared; safe from worker threads."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._taxonomy: Taxonomy | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._taxonomy is not None

    def get(self) -> Taxonomy:
        with self._lock:
            if self._taxonomy is None:
                self._taxonomy = Taxonomy.from_file(self._path)
            return self._taxonomy


def _stem(word: str) -> str:
    """A plural-insensitive key: "mugs" and "mug", "boxes" and "box" meet."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
