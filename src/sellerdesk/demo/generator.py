"""A fast, deterministic generator of realistic demo products (dicts keyed by field name)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sellerdesk.core.gtin import check_digit
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.demo.vocabulary import Family, Vocabulary, load_vocabulary
from sellerdesk.resources import default_taxonomy_path

CURRENCY = "USD"
#: Largest title the generator produces (marketplaces commonly cap titles at 150 characters).
MAX_TITLE = 150
#: Item references per GS1 company prefix block (5 digits).
_ITEMS_PER_PREFIX = 100_000
#: Company prefix blocks reserved per brand; GTINs stay unique up to 1.6 million per brand.
_PREFIX_BLOCKS = 16
#: Product count thresholds out of 1024 (the generator rolls 10-bit numbers).
_BRANDS_PER_FAMILY = 6
_SALE_ROLL = 154  # ~15% of products are on sale
_NO_GTIN_ROLL = 51  # ~5% of products have no barcode
_CENT = Decimal("0.01")
_PRICE_ENDINGS = ("0.99", "0.99", "0.95", "0.50", "0.99", "0.00", "0.49", "0.99")
_COST_RATIOS = (Decimal("0.32"), Decimal("0.40"), Decimal("0.48"), Decimal("0.57"))
_SALE_FACTORS = (0.75, 0.8, 0.85, 0.9)
#: GS1 prefixes of GTIN-13 "countries" used for brands that label with EAN-13 codes.
_EAN_PREFIXES = ("30", "34", "40", "42", "50", "54", "69", "76", "80", "84", "87", "93", "94")
#: UPC-A number-system digits for brands that label with 12-digit UPCs.
_UPC_SYSTEMS = ("0", "0", "6", "8")


def color_code(name: str) -> str:
    """SKU segment for a color: ``Sage`` -> ``SAGE``, ``Ocean Blue`` -> ``OBLUE``."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in name).split() if w]
    if not words:
        return "X"
    return ("".join(w[0] for w in words[:-1]) + words[-1]).upper()


def _mpn_color(name: str) -> str:
    """Two-letter color abbreviation for MPNs: ``Black`` -> ``BL``, ``Ocean Blue`` -> ``OB``."""
    words = name.split()
    if len(words) > 1:
        return (words[0][0] + words[1][0]).upper()
    word = name.upper()
    consonants = [c for c in word[1:] if c.isalpha() and c not in "AEIOU"]
    return word[0] + (consonants[0] if consonants else word[1:2] or "X")


def _size_for_title(label: str) -> str:
    if not label:
        return ""
    if label[0].isdigit():
        return f" {label}"
    return f", Size {label}" if len(label) <= 3 else f", {label}"


def _charm_price(value: float, ending: str) -> Decimal:
    """A shop-like price near ``value``: 14.99, 19.95, 24.50, 30.00..."""
    return (Decimal(max(int(value), 1)) + Decimal(ending)).quantize(_CENT)


def _sale_price(price: Decimal, factor: float) -> Decimal:
    """A markdown of ``price`` by about ``factor``, ending in .99 and always below ``price``."""
    whole = int(float(price) * factor)
    sale = Decimal(whole) + Decimal("0.99")
    if sale >= price:
        sale = Decimal(whole) - _CENT
    if sale <= 0:
        sale = (price * Decimal("0.8")).quantize(_CENT)
    return sale


@dataclass(frozen=True)
class _Plan:
    """Everything about one family that does not change from product to product."""

    index: int
    family: Family
    prefix: str
    mpn_code: str
    category_id: int
    category_path: str
    shape: str
    colors: tuple[tuple[str, str, str], ...]  # (name, SKU code, MPN code)
    materials: tuple[str, ...]
    nouns: tuple[str, ...]
    #: (label, SKU code, title suffix); one empty entry for families without sizes.
    sizes: tuple[tuple[str, str, str], ...]
    has_sizes: bool
    taglines: tuple[str, ...]
    #: 16 (brand, brand index) entries: each family sells under a handful of the brands
    brands: tuple[tuple[str, int], ...]
    #: [color][material][noun][size] -> start of the title ("Sage Stoneware Coffee Mug 12 oz")
    heads: tuple[tuple[tuple[tuple[str, ...], ...], ...], ...]
    #: [size] -> 16 price rows (price, sale price, cost x4)
    prices: tuple[tuple[tuple[Decimal, ...], ...], ...]
    #: [size] -> 8 rows (weight g, length, width, height cm)
    measures: tuple[tuple[tuple[Decimal, Decimal, Decimal, Decimal], ...], ...]
    #: [material][noun] -> description per closing sentence
    descriptions: tuple[tuple[tuple[str, ...], ...], ...]
    #: [material][noun] -> bullet points
    bullets: tuple[tuple[tuple[str, ...], ...], ...]
    #: [color][noun] -> keywords
    keywords: tuple[tuple[tuple[str, ...], ...], ...]
    variants: bool
    variant_axes: tuple[str, ...]


class CatalogGenerator:
    """Deterministic demo products: the same seed always yields the same catalog.

    Product dicts use the field names of ``sellerdesk.core.fields.FIELDS`` with values in their
    stored types, plus ``parent_sku`` on variants and the private ``_shape`` (the image shape).
    SKU and GTIN counters persist across calls, so repeated ``products()`` calls never repeat.
    """

    def __init__(
        self,
        seed: int = 7,
        taxonomy: Taxonomy | None = None,
        *,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.seed = seed
        self._rng = random.Random(seed)
        self.vocabulary = vocabulary if vocabulary is not None else load_vocabulary()
        self.taxonomy = (
            taxonomy if taxonomy is not None else Taxonomy.from_file(default_taxonomy_path())
        )
        self._plans = tuple(
            self._plan(index, family) for index, family in enumerate(self.vocabulary.families)
        )
        self._family_table = tuple(i * len(self._plans) // 1024 for i in range(1024))
        self._family_counts = [0] * len(self._plans)
        self._brands = self.vocabulary.brands
        self._brand_counts = [0] * len(self._brands)
        self._gtin_prefixes = tuple(self._brand_prefixes() for _ in self._brands)
        self._gtin_hi = tuple(check_digit(f"{hi:03d}00") for hi in range(1000))
        self._gtin_lo = tuple(check_digit(f"{lo:02d}") for lo in range(100))
        self._stock_table = self._build_stock_table()
        self._state_table = self._build_state_table()

    # ------------------------------------------------------------------ setup

    def _plan(self, index: int, family: Family) -> _Plan:
        rng = self._rng
        category = self.taxonomy.get(family.category_id)
        if category is None:
            raise ValueError(
                f"demo family {family.key!r} uses category {family.category_id}, "
                "which is not in the taxonomy"
            )
        colors = tuple((c, color_code(c), _mpn_color(c)) for c in family.colors)
        if len({code for _, code, _ in colors}) != len(colors):
            raise ValueError(f"demo family {family.key!r} has colors with the same SKU code")
        sizes = tuple((s.label, s.code, _size_for_title(s.label)) for s in family.sizes) or (
            ("", "", ""),
        )
        scales = [s.scale for s in family.sizes] or [1.0]
        low, high = (float(v) for v in family.price_usd)
        prices = []
        for scale in scales:
            rows = []
            for k in range(16):
                target = (low + (high - low) * (k + rng.random()) / 16) * scale
                price = _charm_price(target, rng.choice(_PRICE_ENDINGS))
                sale = _sale_price(price, rng.choice(_SALE_FACTORS))
                costs = tuple((price * ratio).quantize(_CENT) for ratio in _COST_RATIOS)
                rows.append((price, sale, *costs))
            prices.append(tuple(rows))
        w_low, w_high = family.weight_g
        length, width, height = family.dimensions_cm
        measures = []
        for scale in scales:
            linear = scale ** (1 / 3)
            rows_m = []
            for _ in range(8):
                weight = Decimal(round(rng.uniform(w_low, w_high) * scale))
                dims = tuple(
                    Decimal(f"{max(d * linear * rng.uniform(0.93, 1.07), 0.1):.1f}")
                    for d in (length, width, height)
                )
                rows_m.append((weight, dims[0], dims[1], dims[2]))
            measures.append(tuple(rows_m))
        closings = self.vocabulary.description_closings
        descriptions = []
        bullets = []
        for material in family.materials:
            desc_row = []
            bullet_row = []
            for noun in family.nouns:
                words = {
                    "material": material,
                    "material_lower": material.lower(),
                    "noun": noun,
                    "noun_lower": noun.lower(),
                }
                body = family.description.format(**words)
                desc_row.append(tuple(f"{body} {closing}" for closing in closings))
                bullet_row.append(tuple(_sentence(b.format(**words)) for b in family.bullets))
            descriptions.append(tuple(desc_row))
            bullets.append(tuple(bullet_row))
        heads = tuple(
            tuple(
                tuple(
                    tuple(
                        _title_head(family.title, color, material, noun, size_title)
                        for _, _, size_title in sizes
                    )
                    for noun in family.nouns
                )
                for material in family.materials
            )
            for color in family.colors
        )
        all_brands = self.vocabulary.brands
        picked = rng.sample(range(len(all_brands)), min(_BRANDS_PER_FAMILY, len(all_brands)))
        brands = tuple(
            (all_brands[picked[k % len(picked)]], picked[k % len(picked)]) for k in range(16)
        )
        keywords = tuple(
            tuple((*family.keywords, f"{color} {noun}".lower()) for noun in family.nouns)
            for color in family.colors
        )
        return _Plan(
            index=index,
            family=family,
            prefix=family.sku_prefix,
            mpn_code=family.mpn_code,
            category_id=category.id,
            category_path=category.path,
            shape=family.shape,
            colors=colors,
            materials=family.materials,
            nouns=family.nouns,
            sizes=sizes,
            has_sizes=bool(family.sizes),
            taglines=family.taglines,
            brands=brands,
            heads=heads,
            prices=tuple(prices),
            measures=tuple(measures),
            descriptions=tuple(descriptions),
            bullets=tuple(bullets),
            keywords=keywords,
            variants=family.variants,
            variant_axes=family.variant_axes,
        )

    def _brand_prefixes(self) -> tuple[tuple[str, int, int], ...]:
        """Per brand: company prefix blocks as (prefix, prefix check part, GTIN length)."""
        rng = self._rng
        if rng.random() < 0.4:  # a US seller with UPC-A (GTIN-12) barcodes
            base = rng.randrange(10_000, 99_999 - _PREFIX_BLOCKS)
            system = rng.choice(_UPC_SYSTEMS)
            prefixes = [f"{system}{base + block:05d}" for block in range(_PREFIX_BLOCKS)]
            length = 12
        else:  # EAN-13 (GTIN-13)
            country = rng.choice(_EAN_PREFIXES)
            base = rng.randrange(10_000, 99_999 - _PREFIX_BLOCKS)
            prefixes = [f"{country}{base + block:05d}" for block in range(_PREFIX_BLOCKS)]
            length = 13
        return tuple((p, check_digit(p + "00000"), length) for p in prefixes)

    def _build_stock_table(self) -> tuple[int, ...]:
        rng = self._rng
        table = [0] * _NO_GTIN_ROLL  # ~5% out of stock
        while len(table) < 1024:
            roll = rng.random()
            if roll < 0.55:
                table.append(rng.randint(1, 40))
            elif roll < 0.9:
                table.append(rng.randint(41, 250))
            else:
                table.append(rng.randint(251, 1200))
        rng.shuffle(table)
        return tuple(table)

    def _build_state_table(self) -> tuple[tuple[str, str], ...]:
        rng = self._rng
        conditions = ["new"] * 1004 + ["refurbished"] * 12 + ["used"] * 8
        statuses = ["active"] * 952 + ["draft"] * 72
        rng.shuffle(conditions)
        rng.shuffle(statuses)
        return tuple(zip(conditions, statuses, strict=True))

    # ------------------------------------------------------------- products

    def products(self, count: int, *, with_variants: bool = False) -> Iterator[dict[str, Any]]:
        """Yield ``count`` product dicts.

        With ``with_variants``, the families that sell in variants (apparel, phone cases, yoga
        mats, collars: about a fifth of the families) yield a parent product followed by 2-5
        variants that carry ``parent_sku`` and their own color/size attributes.
        """
        if count < 0:
            raise ValueError("count cannot be negative")
        getrandbits = self._rng.getrandbits
        plans = self._plans
        family_table = self._family_table
        produced = 0
        while produced < count:
            r1 = getrandbits(64)
            plan = plans[family_table[r1 & 1023]]
            if with_variants and plan.variants and count - produced >= 3:
                group = self._variant_group(plan, r1, getrandbits(64), count - produced)
                produced += len(group)
                yield from group
                continue
            colors = plan.colors
            materials = plan.materials
            nouns = plan.nouns
            sizes = plan.sizes
            color_i = ((r1 >> 10) & 1023) % len(colors)
            size_i = ((r1 >> 40) & 1023) % len(sizes)
            material_i = ((r1 >> 20) & 1023) % len(materials)
            noun_i = ((r1 >> 30) & 1023) % len(nouns)
            yield self._product(
                plan, r1, getrandbits(64), color_i, size_i, material_i, noun_i, None, None
            )
            produced += 1

    def _product(
        self,
        plan: _Plan,
        r1: int,
        r2: int,
        color_i: int,
        size_i: int,
        material_i: int,
        noun_i: int,
        parent_sku: str | None,
        model: int | None,
    ) -> dict[str, Any]:
        color, color_sku, color_mpn = plan.colors[color_i]
        size_label, size_sku, _ = plan.sizes[size_i]
        material = plan.materials[material_i]
        tagline = plan.taglines[((r1 >> 50) & 1023) % len(plan.taglines)]
        if parent_sku is None:
            number = self._family_counts[plan.index] + 1
            self._family_counts[plan.index] = number
            if size_sku:
                sku = f"{plan.prefix}-{color_sku}-{size_sku}-{number:04d}"
            else:
                sku = f"{plan.prefix}-{color_sku}-{number:04d}"
            model = 1000 + (number * 37 + plan.index * 131) % 9000
        elif size_sku and "size" in plan.variant_axes:
            sku = (
                f"{parent_sku}-{color_sku}-{size_sku}"
                if "color" in plan.variant_axes
                else f"{parent_sku}-{size_sku}"
            )
        else:
            sku = f"{parent_sku}-{color_sku}"
        mpn = f"{plan.mpn_code}-{model}-{color_mpn}{'-' + size_sku if size_sku else ''}"
        brand, brand_i = plan.brands[(r2 >> 36) & 15]
        title = f"{plan.heads[color_i][material_i][noun_i][size_i]} – {tagline}"
        if (r2 >> 59) & 3 == 0 and len(title) + len(brand) < MAX_TITLE:
            title = f"{brand} {title}"
        if len(title) > MAX_TITLE:
            title = title[:MAX_TITLE].rstrip(" –,")
        price_row = plan.prices[size_i][r2 & 15]
        weight, length, width, height = plan.measures[size_i][(r2 >> 56) & 7]
        condition, status = self._state_table[(r2 >> 46) & 1023]
        attributes = {"color": color, "material": material}
        if size_label:
            attributes["size"] = size_label
        product: dict[str, Any] = {
            "sku": sku,
            "title": title,
            "brand": brand,
            "gtin": None if (r2 >> 26) & 1023 < _NO_GTIN_ROLL else self._gtin(brand_i),
            "mpn": mpn,
            "price": price_row[0],
            "sale_price": price_row[1] if (r2 >> 6) & 1023 < _SALE_ROLL else None,
            "cost": price_row[2 + ((r2 >> 4) & 3)],
            "currency": CURRENCY,
            "stock": self._stock_table[(r2 >> 16) & 1023],
            "category_id": plan.category_id,
            "category_path": plan.category_path,
            "description": plan.descriptions[material_i][noun_i][
                (r1 >> 60) % len(self.vocabulary.description_closings)
            ],
            "bullets": list(plan.bullets[material_i][noun_i]),
            "keywords": list(plan.keywords[color_i][noun_i]),
            "attributes": attributes,
            "condition": condition,
            "status": status,
            "weight_g": weight,
            "length_cm": length,
            "width_cm": width,
            "height_cm": height,
            "_shape": plan.shape,
        }
        if parent_sku is not None:
            product["parent_sku"] = parent_sku
        return product

    def _gtin(self, brand_i: int) -> str:
        count = self._brand_counts[brand_i]
        self._brand_counts[brand_i] = count + 1
        block, item = divmod(count, _ITEMS_PER_PREFIX)
        prefix, prefix_check, _ = self._gtin_prefixes[brand_i][block % _PREFIX_BLOCKS]
        check = (prefix_check + self._gtin_hi[item // 100] + self._gtin_lo[item % 100]) % 10
        return f"{prefix}{item:05d}{check}"

    def _variant_group(self, plan: _Plan, r1: int, r2: int, room: int) -> list[dict[str, Any]]:
        """A parent product and 2-5 variants (fewer than ``room`` items in all)."""
        rng = self._rng
        axes = plan.variant_axes
        color_choices = list(range(len(plan.colors)))
        size_choices = list(range(len(plan.sizes)))
        wanted = min(rng.randint(2, 5), room - 1)
        if "color" in axes and "size" in axes:
            colors = rng.sample(color_choices, min(len(color_choices), rng.randint(1, 2)))
            sizes = rng.sample(size_choices, min(len(size_choices), 3))
            combos = [(c, s) for c in colors for s in sorted(sizes)]
        elif "color" in axes:
            size_i = ((r1 >> 40) & 1023) % len(plan.sizes)
            combos = [(c, size_i) for c in rng.sample(color_choices, len(color_choices))]
        else:
            color_i = ((r1 >> 10) & 1023) % len(plan.colors)
            combos = [(color_i, s) for s in size_choices]
            start = rng.randrange(max(len(combos) - wanted, 0) + 1)
            combos = combos[start:]
        combos = combos[:wanted]
        material_i = ((r1 >> 20) & 1023) % len(plan.materials)
        noun_i = ((r1 >> 30) & 1023) % len(plan.nouns)
        number = self._family_counts[plan.index] + 1
        self._family_counts[plan.index] = number
        parent_sku = f"{plan.prefix}-{number:04d}"
        model = 1000 + (number * 37 + plan.index * 131) % 9000
        variants = [
            self._product(plan, r1, r2, color_i, size_i, material_i, noun_i, parent_sku, model)
            for color_i, size_i in combos
        ]
        stock_table = self._stock_table
        for variant in variants:
            variant["stock"] = stock_table[rng.getrandbits(10)]
        first = variants[0]
        parent = dict(first)
        del parent["parent_sku"]
        attributes = {"material": plan.materials[material_i]}
        if "color" not in axes:
            attributes["color"] = first["attributes"]["color"]
        if "size" not in axes and plan.has_sizes:
            attributes["size"] = first["attributes"]["size"]
        tagline = plan.taglines[((r1 >> 50) & 1023) % len(plan.taglines)]
        head = _title_head(
            plan.family.title,
            attributes.get("color", ""),
            plan.materials[material_i],
            plan.nouns[noun_i],
            plan.sizes[combos[0][1]][2] if "size" in attributes else "",
        )
        title = f"{head} – {tagline}"
        if (r2 >> 59) & 3 == 0:
            title = f"{first['brand']} {title}"
        parent.update(
            sku=parent_sku,
            title=title,
            gtin=None,
            mpn=f"{plan.mpn_code}-{model}",
            price=min(v["price"] for v in variants),
            sale_price=None,
            stock=sum(v["stock"] for v in variants),
            attributes=attributes,
            bullets=list(first["bullets"]),
            keywords=list(plan.family.keywords),
        )
        return [parent, *variants]


def _title_head(template: str, color: str, material: str, noun: str, size: str) -> str:
    """The family's title template filled in, with the gaps of empty parts closed."""
    text = template.format(color=color, material=material, noun=noun, size=size)
    return " ".join(text.split()).strip(" ,").replace(" ,", ",")


def _sentence(text: str) -> str:
    """Capitalise the first letter of a bullet made from a template."""
    return text[:1].upper() + text[1:] if text else text
