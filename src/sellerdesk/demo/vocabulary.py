"""The demo product vocabulary (families, brands, color swatches) loaded from vocabulary.json."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sellerdesk.resources import resource_path

#: Image shapes the demo image drawer knows (sellerdesk.demo.images).
SHAPES: tuple[str, ...] = (
    "mug",
    "bottle",
    "mat",
    "wallet",
    "phone_case",
    "candle",
    "shirt",
    "hoodie",
    "collar",
    "lamp",
    "board",
    "backpack",
    "earrings",
    "notebook",
    "pot",
    "socks",
    "bib",
    "box",
)
#: Attributes a family can vary its variants over.
VARIANT_AXES: tuple[str, ...] = ("color", "size")
#: Placeholders bullet and description templates may use.
TEMPLATE_KEYS: tuple[str, ...] = ("material", "material_lower", "noun", "noun_lower")
#: Placeholders of a family's title template; ``{size}`` is " 12 oz" or ", Size M" (or empty).
TITLE_KEYS: tuple[str, ...] = ("color", "material", "noun", "size")
DEFAULT_TITLE = "{color} {material} {noun}{size}"

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class SizeOption:
    label: str  # shown in titles and attributes: "12 oz", "M", "18 x 18 in"
    code: str  # used in SKUs: "12OZ", "M", "18X18"
    scale: float  # multiplier for price, weight and dimensions relative to the family's base


@dataclass(frozen=True)
class Family:
    key: str
    name: str
    sku_prefix: str
    mpn_code: str
    category_id: int
    shape: str
    title: str  # template of the title's start; the generator appends " – <tagline>"
    nouns: tuple[str, ...]
    materials: tuple[str, ...]
    colors: tuple[str, ...]
    sizes: tuple[SizeOption, ...]
    taglines: tuple[str, ...]
    price_usd: tuple[Decimal, Decimal]
    weight_g: tuple[int, int]
    dimensions_cm: tuple[float, float, float]
    bullets: tuple[str, ...]
    description: str
    keywords: tuple[str, ...]
    variants: bool
    variant_axes: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    brands: tuple[str, ...]
    colors: Mapping[str, RGB]
    description_closings: tuple[str, ...]
    families: tuple[Family, ...]

    def rgb(self, color: str | None, default: RGB = (150, 156, 164)) -> RGB:
        """The swatch of a color name (case-insensitive), or ``default`` if unknown."""
        if color:
            found = self.colors.get(color)
            if found is not None:
                return found
            folded = color.casefold()
            for name, value in self.colors.items():
                if name.casefold() == folded:
                    return value
        return default

    def family(self, key: str) -> Family:
        """The family with this key; KeyError if there is none."""
        for family in self.families:
            if family.key == key:
                return family
        raise KeyError(key)


def default_vocabulary_path() -> Path:
    """``resources/demo/vocabulary.json``."""
    return resource_path("demo", "vocabulary.json")


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read and validate the vocabulary JSON (the shipped one unless ``path`` is given)."""
    source = path if path is not None else default_vocabulary_path()
    data = json.loads(source.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{source}: the vocabulary must be a JSON object")
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{source}: invalid demo vocabulary: {exc}") from exc


def _strings(value: Any, what: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{what} must be a list of non-empty strings")
    if not value and not allow_empty:
        raise ValueError(f"{what} must not be empty")
    return tuple(value)


def _rgb(value: Any, name: str) -> RGB:
    if (
        not isinstance(value, list)
        or len(value) != 3
        or not all(isinstance(c, int) and 0 <= c <= 255 for c in value)
    ):
        raise ValueError(f"color {name!r} must be [r, g, b] with 0-255 integers")
    return (value[0], value[1], value[2])


def _check_template(template: str, what: str, keys: tuple[str, ...] = TEMPLATE_KEYS) -> None:
    try:
        template.format(**{key: "x" for key in keys})
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"{what} has a bad placeholder: {template!r} ({exc})") from None


def _family(raw: Any, colors: Mapping[str, RGB]) -> Family:
    if not isinstance(raw, dict):
        raise ValueError("each family must be a JSON object")
    key = str(raw["key"])
    where = f"family {key!r}"
    shape = str(raw["shape"])
    if shape not in SHAPES:
        raise ValueError(f"{where}: unknown shape {shape!r}; known: {', '.join(SHAPES)}")
    family_colors = _strings(raw["colors"], f"{where} colors")
    unknown = [c for c in family_colors if c not in colors]
    if unknown:
        raise ValueError(f"{where}: colors without a swatch: {', '.join(unknown)}")
    sizes = tuple(
        SizeOption(str(s["label"]), str(s["code"]), float(s["scale"])) for s in raw["sizes"]
    )
    for size in sizes:
        if not size.code.isalnum() or size.code.isdigit() or size.scale <= 0:
            raise ValueError(f"{where}: bad size {size}")
    low, high = (Decimal(str(v)) for v in raw["price_usd"])
    if not 0 < low < high:
        raise ValueError(f"{where}: price_usd must be [low, high] with 0 < low < high")
    w_low, w_high = (int(v) for v in raw["weight_g"])
    if not 0 < w_low <= w_high:
        raise ValueError(f"{where}: weight_g must be [low, high]")
    length, width, height = (float(v) for v in raw["dimensions_cm"])
    bullets = _strings(raw["bullets"], f"{where} bullets")
    if not 3 <= len(bullets) <= 6:
        raise ValueError(f"{where}: needs 3 to 6 bullets, has {len(bullets)}")
    description = str(raw["description"])
    for template in (*bullets, description):
        _check_template(template, where)
    title = str(raw.get("title", DEFAULT_TITLE))
    _check_template(title, f"{where} title", TITLE_KEYS)
    if "{noun}" not in title:
        raise ValueError(f"{where}: the title template must contain {{noun}}")
    axes = _strings(raw.get("variant_axes", []), f"{where} variant_axes", allow_empty=True)
    variants = bool(raw.get("variants", False))
    if any(axis not in VARIANT_AXES for axis in axes) or (variants and not axes):
        raise ValueError(f"{where}: variant_axes must be a non-empty subset of {VARIANT_AXES}")
    if "size" in axes and len(sizes) < 2:
        raise ValueError(f"{where}: varies by size but has fewer than two sizes")
    if "color" in axes and len(family_colors) < 2:
        raise ValueError(f"{where}: varies by color but has fewer than two colors")
    sku_prefix = str(raw["sku_prefix"])
    if not sku_prefix.isalnum() or not sku_prefix.isupper():
        raise ValueError(f"{where}: sku_prefix must be upper-case letters/digits")
    return Family(
        key=key,
        name=str(raw["name"]),
        sku_prefix=sku_prefix,
        mpn_code=str(raw["mpn_code"]),
        category_id=int(raw["category_id"]),
        shape=shape,
        title=title,
        nouns=_strings(raw["nouns"], f"{where} nouns"),
        materials=_strings(raw["materials"], f"{where} materials"),
        colors=family_colors,
        sizes=sizes,
        taglines=_strings(raw["taglines"], f"{where} taglines"),
        price_usd=(low, high),
        weight_g=(w_low, w_high),
        dimensions_cm=(length, width, height),
        bullets=bullets,
        description=description,
        keywords=_strings(raw["keywords"], f"{where} keywords"),
        variants=variants,
        variant_axes=axes,
    )


def _build(data: dict[str, Any]) -> Vocabulary:
    raw_colors = data["colors"]
    if not isinstance(raw_colors, dict) or not raw_colors:
        raise ValueError("colors must be an object of name -> [r, g, b]")
    colors = {str(name): _rgb(value, str(name)) for name, value in raw_colors.items()}
    raw_families = data["families"]
    if not isinstance(raw_families, list) or not raw_families:
        raise ValueError("families must be a non-empty list")
    families = tuple(_family(raw, colors) for raw in raw_families)
    prefixes = [f.sku_prefix for f in families]
    if len(set(prefixes)) != len(prefixes):
        raise ValueError("sku_prefix values must be unique")
    keys = [f.key for f in families]
    if len(set(keys)) != len(keys):
        raise ValueError("family keys must be unique")
    return Vocabulary(
        brands=_strings(data["brands"], "brands"),
        colors=colors,
        description_closings=_strings(data["description_closings"], "description_closings"),
        families=families,
    )
