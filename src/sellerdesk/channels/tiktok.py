"""TikTok Shop: the listing rules and the bulk product upload sheet (the main columns of Seller
Center's batch upload template) as ``xlsx`` or ``csv``.

One row per purchasable item: variants of a product share its Product Name, Category,
Description and photos and come one after the other, their options in Variation 1 / 2 (color,
then size). Parents of variants get no row of their own. TikTok has its own category tree: the
Category column carries the attribute ``tiktok_category`` when the seller set one, else the
Google category path, to be confirmed in Seller Center."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from decimal import ROUND_UP, Decimal
from pathlib import Path

from sellerdesk.channels.common import (
    CategoryResolver,
    amount,
    cell,
    chosen_format,
    image_rules,
    max_length,
    plain_text,
    price_rules,
    required,
)
from sellerdesk.channels.families import Family, families
from sellerdesk.channels.feed_values import (
    attribute,
    category_kinds,
    gtin_rule,
    is_sized,
    number,
    photo_limit,
    plain_max_length,
    stock_rule,
    strip_control,
)
from sellerdesk.channels.model import (
    ERROR,
    WARNING,
    ChannelProduct,
    ChannelSettings,
    Rule,
    RulesCheck,
    Scope,
    SettingSpec,
)
from sellerdesk.core.gtin import valid_gtin
from sellerdesk.core.taxonomy import Taxonomy

CHANNEL = "TikTok"
MAX_IMAGES = 9
MIN_TITLE = 25
MIN_WORDS = 30
OPTIONS = (("color", "Color"), ("size", "Size"))
METRIC = "metric"
IMPERIAL = "imperial"
AUTO = "auto"
#: Seller Center's US template asks for pounds and inches, the others for grams and centimetres
IMPERIAL_COUNTRIES = frozenset({"US"})
GRAMS_PER_POUND = Decimal("453.59237")
CM_PER_INCH = Decimal("2.54")
HUNDREDTH = Decimal("0.01")

Value = str | Decimal | int | None

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "currency",
        "Shop currency",
        "The currency of your TikTok Shop; prices in another currency are refused.",
    ),
    SettingSpec("country", "Shop country", "Two-letter code of your TikTok Shop's country (US)."),
    SettingSpec(
        "units",
        "Package units",
        "auto: pounds and inches for a US shop, grams and centimetres elsewhere.",
        default=AUTO,
        choices=(AUTO, METRIC, IMPERIAL),
    ),
    SettingSpec(
        "warehouse",
        "Warehouse name",
        "As in your template's 'Quantity in <warehouse>' column; blank: a plain Quantity column.",
    ),
)


def _imperial(settings: ChannelSettings) -> bool:
    units = settings.get("units", AUTO).lower()
    if units == AUTO:
        return settings.get("country").strip().upper() in IMPERIAL_COUNTRIES
    return units == IMPERIAL


def columns(settings: ChannelSettings) -> tuple[str, ...]:
    """The header row for these settings (package units and warehouse vary)."""
    weight, size = ("lb", "inch") if _imperial(settings) else ("g", "cm")
    warehouse = settings.get("warehouse").strip()
    return (
        "Category",
        "Brand",
        "Product Name",
        "Product Description",
        f"Package Weight({weight})",
        f"Package Length({size})",
        f"Package Width({size})",
        f"Package Height({size})",
        "Identifier Code Type",
        "Identifier Code",
        "Variation 1 Name",
        "Variation 1",
        "Variation 2 Name",
        "Variation 2",
        "Variant Image",
        "Retail Price (Local Currency)",
        f"Quantity in {warehouse}" if warehouse else "Quantity",
        "Seller SKU",
        "Main Product Image",
        *(f"Product Image {n}" for n in range(2, MAX_IMAGES + 1)),
        "Size Chart",
    )


def _options(product: ChannelProduct) -> list[tuple[str, str]]:
    return [(label, value) for name, label in OPTIONS if (value := attribute(product, name))]


def _own(product: ChannelProduct, key: str) -> bool:
    """Whether the SellerDesk attribute ``key`` (tiktok_category, size_chart) is filled in."""
    attributes = product.values.get("attributes")
    return bool(attributes and str(attributes.get(key) or "").strip())


def _rules(resolver: CategoryResolver, kinds: dict[int, int]) -> tuple[Rule, ...]:
    def has_category(product: ChannelProduct, _settings: ChannelSettings) -> bool:
        return _own(product, "tiktok_category") or resolver.of(product) is not None

    def category_confirmed(product: ChannelProduct, _settings: ChannelSettings) -> bool:
        return _own(product, "tiktok_category") or resolver.of(product) is None

    def has_size_chart(product: ChannelProduct, _settings: ChannelSettings) -> bool:
        return not is_sized(kinds, product) or _own(product, "size_chart")

    def enough_words(product: ChannelProduct, _settings: ChannelSettings) -> bool:
        text = product.text("description")
        return not text or len(text.split(None, MIN_WORDS)) > MIN_WORDS - 1

    def same_currency(product: ChannelProduct, settings: ChannelSettings) -> bool:
        shop = settings.get("currency")
        return not shop or product.values.get("currency") in (None, shop.upper())

    return (
        Rule(
            "sku.too_long",
            "sku",
            ERROR,
            f"{CHANNEL} allows at most 50 characters in the Seller SKU. Shorten SKU.",
            lambda p, _s: len(p.sku) <= 50,
        ),
        required(CHANNEL, "title"),
        Rule(
            "title.too_short",
            "title",
            ERROR,
            f"{CHANNEL} needs a product name of at least {MIN_TITLE} characters. Lengthen Title "
            "(add the material, a key feature or the size).",
            lambda p, _s: not p.values.get("title") or len(p.text("title")) >= MIN_TITLE,
        ),
        max_length(CHANNEL, "title", 255),
        required(CHANNEL, "description"),
        plain_max_length(CHANNEL, "description", 10000),
        Rule(
            "description.short",
            "description",
            WARNING,
            f"{CHANNEL} asks for a description of at least {MIN_WORDS} words. Describe the "
            "features, materials and what is in the box in Description.",
            enough_words,
        ),
        *image_rules(CHANNEL),
        photo_limit(CHANNEL, MAX_IMAGES),
        *price_rules(CHANNEL),
        Rule(
            "currency.mismatch",
            "currency",
            ERROR,
            f"{CHANNEL} takes prices in your shop's currency only. Change Currency and Price, "
            f"or the shop currency under Settings ▸ Channels ▸ {CHANNEL}.",
            same_currency,
            scope=Scope.LISTED,
        ),
        stock_rule(
            CHANNEL, ERROR, f"{CHANNEL} needs the quantity you have of every item. Fill in Stock."
        ),
        Rule(
            "weight.missing",
            "weight_g",
            ERROR,
            f"{CHANNEL} needs the package weight to work out shipping. Fill in Weight (g).",
            lambda p, _s: p.values.get("weight_g") is not None,
            scope=Scope.LISTED,
        ),
        Rule(
            "dimensions.missing",
            "length_cm",
            ERROR,
            f"{CHANNEL} needs the package size to work out shipping. Fill in Length (cm), "
            "Width (cm) and Height (cm).",
            lambda p, _s: (
                p.values.get("length_cm") is not None
                and p.values.get("width_cm") is not None
                and p.values.get("height_cm") is not None
            ),
            scope=Scope.LISTED,
        ),
        gtin_rule(CHANNEL),
        Rule(
            "category.unmapped",
            "category_path",
            ERROR,
            f"{CHANNEL} needs a category. Pick a Google category with the category picker "
            "(Category column or Product Editor), or set the attribute tiktok_category to "
            "TikTok's own category.",
            has_category,
            suggest=resolver.suggestion,
        ),
        Rule(
            "category.confirm",
            "attributes",
            WARNING,
            f"{CHANNEL} has its own categories: the sheet carries the Google category, which you "
            "confirm or change in Seller Center after uploading. To skip that, set the attribute "
            "tiktok_category to TikTok's category.",
            category_confirmed,
        ),
        Rule(
            "size_chart.missing",
            "attributes",
            WARNING,
            f"{CHANNEL} wants a size chart for clothing and shoes. Set the attribute size_chart "
            "to the address of a size chart image.",
            has_size_chart,
        ),
        Rule(
            "variant.options",
            "attributes",
            WARNING,
            f"{CHANNEL} tells variants apart by color and size: give each variant a color or size "
            "attribute in the Product Editor.",
            lambda p, _s: bool(_options(p)),
            scope=Scope.VARIANT,
        ),
    )


class TikTokChannel(RulesCheck):
    """TikTok Shop bulk product upload sheet (xlsx or csv)."""

    key: str = "tiktok"
    label: str = "TikTok Shop"
    formats: tuple[str, ...] = ("xlsx", "csv")
    settings: tuple[SettingSpec, ...] = SETTINGS

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.resolver = CategoryResolver(taxonomy)
        self.rules: tuple[Rule, ...] = _rules(self.resolver, category_kinds(taxonomy))

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        fmt = chosen_format(self.label, self.formats, fmt)
        header = columns(settings)
        rows = self.rows(products, settings)
        written = 0
        if fmt == "csv":
            with target.open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(header)
                for row in rows:
                    writer.writerow(["" if v is None else str(v) for v in row])
                    written += 1
            return written
        from openpyxl import Workbook  # (loaded when a workbook is written)

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Template")
        sheet.append(header)
        for row in rows:
            sheet.append(row)
            written += 1
        book.save(target)
        return written

    def rows(
        self, products: Iterable[ChannelProduct], settings: ChannelSettings
    ) -> Iterator[list[Value]]:
        """The sheet's data rows: text cells neutralized, numbers as Decimals and ints; a
        family's variants together, under the parent's product name."""
        imperial = _imperial(settings)
        for item in families(products):
            if isinstance(item, Family):
                yield from self._family(item.parent, item.variants, imperial)
            else:
                yield self._row(item, item, item.text("title"), imperial)

    def _family(
        self, parent: ChannelProduct | None, variants: list[ChannelProduct], imperial: bool
    ) -> Iterator[list[Value]]:
        if not variants:
            return
        base = parent if parent is not None else variants[0]
        name = base.text("title")
        for variant in variants:
            yield self._row(variant, base, name, imperial)

    def _row(
        self, item: ChannelProduct, base: ChannelProduct, name: str, imperial: bool
    ) -> list[Value]:
        values = item.values
        description = base.values.get("description")
        images = base.images or item.images
        gtin = item.text("gtin")
        code_type = _code_type(gtin) if gtin and valid_gtin(gtin) else ""
        options = _options(item) if item.parent_sku else []
        first, second = [*options, ("", ""), ("", "")][:2]
        currency = item.text("currency")
        price = values.get("price")
        stock = values.get("stock")
        row: list[Value] = [
            _text(self._category(base)),
            _text(base.text("brand")),
            _text(name),
            _text(plain_text(str(description))) if description else None,
            _weight(values.get("weight_g"), imperial),
            _length(values.get("length_cm"), imperial),
            _length(values.get("width_cm"), imperial),
            _length(values.get("height_cm"), imperial),
            code_type or None,
            gtin if code_type else None,
            _text(first[0]),
            _text(first[1]),
            _text(second[0]),
            _text(second[1]),
            _text(item.images[0]) if item.parent_sku and item.images else None,
            Decimal(amount(price, currency)) if price is not None and currency else None,
            max(int(stock), 0) if stock is not None else None,
            _text(item.sku),
        ]
        row.extend(_text(url) for url in images[:MAX_IMAGES])
        row.extend(None for _ in range(MAX_IMAGES - min(len(images), MAX_IMAGES)))
        row.append(
            _text(str(base.attributes["size_chart"]).strip()) if _own(base, "size_chart") else None
        )
        return row

    def _category(self, product: ChannelProduct) -> str:
        if _own(product, "tiktok_category"):
            return str(product.attributes["tiktok_category"]).strip()
        category = self.resolver.of(product)
        return category.path if category is not None else product.text("category_path")


def _text(value: str) -> str | None:
    """A text cell: None when empty, control characters removed, formulas neutralized."""
    return cell(strip_control(value)) if value else None


def _code_type(gtin: str) -> str:
    if len(gtin) == 12:
        return "UPC"
    if len(gtin) == 13:
        return "ISBN" if gtin.startswith(("978", "979")) else "EAN"
    return "EAN" if len(gtin) == 8 else "GTIN"


def _weight(grams: Decimal | None, imperial: bool) -> Decimal | None:
    if grams is None:
        return None
    if not imperial:
        return Decimal(number(grams))
    # rounded up: declaring a lighter parcel than the real one gets shipping refused
    return (Decimal(grams) / GRAMS_PER_POUND).quantize(HUNDREDTH, rounding=ROUND_UP)


def _length(cm: Decimal | None, imperial: bool) -> Decimal | None:
    if cm is None:
        return None
    if not imperial:
        return Decimal(number(cm))
    return (Decimal(cm) / CM_PER_INCH).quantize(HUNDREDTH, rounding=ROUND_UP)


def make(taxonomy: Taxonomy) -> TikTokChannel:
    return TikTokChannel(taxonomy)
