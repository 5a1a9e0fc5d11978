"""WooCommerce product CSV: the columns WooCommerce's own exporter writes (and its importer maps
without questions), and the checks an import into WooCommerce needs to pass.

Simple products are ``simple`` rows; a parent is a ``variable`` row listing every value its
variations use ("Blue, Green, Red"); each variant is a ``variation`` row naming its parent's SKU
in Parent. Lists (categories, tags, images, attribute values) are joined with ", " and a comma
inside a value is escaped as "\\," the way WooCommerce does. The ID column stays empty: IDs are
the store's own, and variations find their parent by SKU.
"""

from __future__ import annotations

import csv
import html
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from sellerdesk.channels.common import (
    CategoryResolver,
    amount,
    cell,
    chosen_format,
    price_rules,
    web_url,
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
from sellerdesk.channels.shop_families import (
    Family,
    families,
    is_variant,
    same_currency,
    shop_attributes,
    web_images,
)
from sellerdesk.core.gtin import valid_gtin
from sellerdesk.core.taxonomy import Taxonomy

KEY = "woocommerce"
LABEL = "WooCommerce product CSV"
NAME = "WooCommerce"

#: Grams in one unit of WooCommerce's weight setting.
WEIGHT_UNITS: dict[str, Decimal] = {
    "kg": Decimal(1000),
    "g": Decimal(1),
    "lbs": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
}
#: Centimetres in one unit of WooCommerce's dimension setting.
DIMENSION_UNITS: dict[str, Decimal] = {
    "cm": Decimal(1),
    "m": Decimal(100),
    "mm": Decimal("0.1"),
    "in": Decimal("2.54"),
    "yd": Decimal("91.44"),
}
_METRIC = frozenset({"kg", "g", "cm", "m", "mm"})
_IMPERIAL_PLACES = Decimal("0.0001")

#: WooCommerce's own exporter columns, in its order (the GTIN column since WooCommerce 9.2,
#: Brands since 9.6); {weight} and {length} are the store's units.
BASE_COLUMNS: tuple[str, ...] = (
    "ID",
    "Type",
    "SKU",
    "GTIN, UPC, EAN, or ISBN",
    "Name",
    "Published",
    "Is featured?",
    "Visibility in catalog",
    "Short description",
    "Description",
    "Date sale price starts",
    "Date sale price ends",
    "Tax status",
    "Tax class",
    "In stock?",
    "Stock",
    "Low stock amount",
    "Backorders allowed?",
    "Sold individually?",
    "Weight ({weight})",
    "Length ({length})",
    "Width ({length})",
    "Height ({length})",
    "Allow customer reviews?",
    "Purchase note",
    "Sale price",
    "Regular price",
    "Categories",
    "Tags",
    "Shipping class",
    "Images",
    "Download limit",
    "Download expiry days",
    "Parent",
    "Grouped products",
    "Upsells",
    "Cross-sells",
    "External URL",
    "Button text",
    "Position",
    "Brands",
)
ATTRIBUTE_COLUMNS = (
    "Attribute {n} name",
    "Attribute {n} value(s)",
    "Attribute {n} visible",
    "Attribute {n} global",
)
#: Longest attribute name WooCommerce accepts for a shop-wide (filterable) attribute.
ATTRIBUTE_NAME_LIMIT = 28

#: Published: 1 = published, -1 = draft, 0 = private (WooCommerce's exporter's values).
_PUBLISHED = {"active": "1", "draft": "-1", "archived": "0"}
_SIMPLE_TYPES = ("simple", "grouped", "external")

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "currency",
        "Store currency",
        "The currency your WooCommerce store sells in (e.g. USD). WooCommerce reads prices in "
        "it, so products priced in another currency are flagged.",
    ),
    SettingSpec(
        "weight_unit",
        "Weight unit",
        "The weight unit of your store (WooCommerce ▸ Settings ▸ Products).",
        default="kg",
        choices=tuple(WEIGHT_UNITS),
    ),
    SettingSpec(
        "dimension_unit",
        "Dimensions unit",
        "The dimensions unit of your store (WooCommerce ▸ Settings ▸ Products).",
        default="cm",
        choices=tuple(DIMENSION_UNITS),
    ),
)

Attribute = tuple[str, str, str, str]


def columns(weight_unit: str = "kg", dimension_unit: str = "cm", groups: int = 0) -> list[str]:
    """The header: the exporter's columns in the store's units, then ``groups`` attributes."""
    header = [c.format(weight=weight_unit, length=dimension_unit) for c in BASE_COLUMNS]
    for n in range(1, groups + 1):
        header.extend(c.format(n=n) for c in ATTRIBUTE_COLUMNS)
    return header


def escape_item(text: str) -> str:
    """One item of a WooCommerce list cell (its commas escaped)."""
    return text.replace(",", "\\,")


def joined(items: Iterable[str]) -> str:
    return ", ".join(escape_item(item) for item in items)


def split_values(text: str) -> list[str]:
    """An attribute value as WooCommerce values: "Blue, Green" is two, "10,5 cm" is one."""
    return [part.strip() for part in text.split(", ") if part.strip()]


def _measure(value: object, per_unit: Decimal, unit: str) -> str:
    result = Decimal(str(value)) / per_unit
    if unit not in _METRIC:
        result = result.quantize(_IMPERIAL_PLACES)
    return format(result.normalize(), "f")


def description(product: ChannelProduct) -> str:
    """The description as the shop shows it: the imported HTML when there is one."""
    return str(product.attributes.get("description_html") or product.text("description"))


def short_description(product: ChannelProduct) -> str:
    """The imported short description, else the bullet points as a list."""
    own = product.attributes.get("short_description")
    if own:
        return str(own)
    bullets = product.get("bullets") or ()
    if not bullets:
        return ""
    return "<ul>" + "".join(f"<li>{html.escape(b, quote=False)}</li>" for b in bullets) + "</ul>"


def _categories(product: ChannelProduct, resolver: CategoryResolver) -> list[str]:
    every = product.attributes.get("categories")
    if every:
        return [part.strip() for part in str(every).split(" | ") if part.strip()]
    path = product.text("category_path")
    if path:
        return [path]
    found = resolver.of(product)
    return [found.path] if found is not None else []


# ------------------------------------------------------------------------------------ rules
def _sale_dates_ok(product: ChannelProduct) -> bool:
    attributes = product.attributes
    start, end = attributes.get("sale_start"), attributes.get("sale_end")
    if not start and not end:
        return True
    try:
        first = date.fromisoformat(str(start)) if start else None
        last = date.fromisoformat(str(end)) if end else None
    except ValueError:
        return False
    return first is None or last is None or first <= last


def _distinct_names(product: ChannelProduct) -> bool:
    names = shop_attributes(product)
    return len({name.casefold() for name in names}) == len(names)


def _rules(resolver: CategoryResolver) -> tuple[Rule, ...]:
    return (
        Rule(
            "title.missing",
            "title",
            ERROR,
            "WooCommerce needs a name for every product. Fill in Title.",
            lambda p, _s: is_variant(p) or bool(p.text("title").strip()),
        ),
        *(rule for rule in price_rules(NAME) if rule.code != "currency.missing"),
        Rule(
            "currency.not_store",
            "currency",
            ERROR,
            "WooCommerce reads every price in your store's currency (Settings ▸ Channels ▸ "
            "WooCommerce), and this product is priced in another one. Convert Price and Sale "
            "price, or fix Currency.",
            same_currency,
            scope=Scope.LISTED,
        ),
        Rule(
            "sale_dates.invalid",
            "attributes",
            ERROR,
            "WooCommerce needs sale dates as YYYY-MM-DD, the end not before the start. Fix the "
            "sale_start and sale_end attributes.",
            lambda p, _s: _sale_dates_ok(p),
            scope=Scope.LISTED,
        ),
        Rule(
            "gtin.invalid",
            "gtin",
            WARNING,
            "The GTIN's check digit is wrong; WooCommerce stores it, but marketplaces fed from "
            "your shop will refuse it. Check GTIN against the barcode on the product.",
            lambda p, _s: not p.text("gtin") or valid_gtin(p.text("gtin")),
            scope=Scope.LISTED,
        ),
        Rule(
            "images.missing",
            "images",
            WARNING,
            "WooCommerce shows this product without a photo. Add a photo in the Product Editor.",
            lambda p, _s: is_variant(p) or bool(p.images),
        ),
        Rule(
            "images.not_web",
            "images",
            WARNING,
            "WooCommerce downloads photos from the web, so photos kept only on this computer are "
            "left out of the file. Upload them to your shop or an image host and use their "
            "https:// addresses.",
            lambda p, _s: all(web_url(uri) for uri in p.images),
        ),
        Rule(
            "category.missing",
            "category_path",
            WARNING,
            "WooCommerce files a product without a category under “Uncategorized”. Fill in "
            "Category (the category picker or your shop's own, like Clothing > Tshirts).",
            lambda p, _s: (
                is_variant(p) or bool(p.text("category_path")) or resolver.of(p) is not None
            ),
            suggest=resolver.suggestion,
        ),
        Rule(
            "attributes.duplicate_name",
            "attributes",
            ERROR,
            "WooCommerce treats attribute names that differ only in capitals (Color, color) as "
            "one attribute. Merge or rename them in Attributes.",
            lambda p, _s: _distinct_names(p),
        ),
        Rule(
            "attributes.value_pipe",
            "attributes",
            ERROR,
            "WooCommerce keeps an attribute's values separated by |, so a | inside a value "
            "splits it. Replace the | in Attributes.",
            lambda p, _s: not any("|" in v for v in shop_attributes(p).values()),
        ),
        Rule(
            "attributes.name_too_long",
            "attributes",
            WARNING,
            f"WooCommerce attribute names over {ATTRIBUTE_NAME_LIMIT} characters can't become "
            "shop-wide attributes (the ones shoppers filter by). Shorten the name in Attributes.",
            lambda p, _s: all(len(n) <= ATTRIBUTE_NAME_LIMIT for n in shop_attributes(p)),
        ),
        Rule(
            "variant.no_attributes",
            "attributes",
            WARNING,
            "WooCommerce tells variations apart by their attributes (Color, Size...). Add one to "
            "this variant's Attributes; until then it stands for any choice.",
            lambda p, _s: not is_variant(p) or bool(shop_attributes(p)),
        ),
    )


# ----------------------------------------------------------------------------------- writer
class WooCommerceCsv(RulesCheck):
    """The WooCommerce product CSV channel."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.key = KEY
        self.label = LABEL
        self.formats: tuple[str, ...] = ("csv",)
        self.settings: tuple[SettingSpec, ...] = SETTINGS
        self.resolver = CategoryResolver(taxonomy)
        self.rules: tuple[Rule, ...] = _rules(self.resolver)

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        """Rows go to a temporary file first: the header needs the largest number of attributes
        of any product, known only at the end."""
        chosen_format(LABEL, self.formats, fmt)
        weight_unit = settings.get("weight_unit", "kg")
        dimension_unit = settings.get("dimension_unit", "cm")
        rows = _Rows(
            self.resolver,
            weight_unit if weight_unit in WEIGHT_UNITS else "kg",
            dimension_unit if dimension_unit in DIMENSION_UNITS else "cm",
        )
        target = Path(target)
        written = 0
        groups = 0
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=target.parent) as body:
            spool = csv.writer(body, lineterminator="\n")
            for item in families(products):
                for row, attributes in rows.of(item):
                    for attribute in attributes:
                        row.extend(attribute)
                    spool.writerow(row)
                    groups = max(groups, len(attributes))
                    written += 1
            body.seek(0)
            header = columns(rows.weight_unit, rows.dimension_unit, groups)
            width = len(header)
            # A BOM like WooCommerce's exporter, so spreadsheet apps read the file as UTF-8.
            with target.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(header)
                for row in csv.reader(body):
                    if len(row) < width:
                        row.extend([""] * (width - len(row)))
                    writer.writerow(row)
        return written


class _Rows:
    """The rows of one product or family, each with its attribute groups."""

    def __init__(self, resolver: CategoryResolver, weight_unit: str, dimension_unit: str) -> None:
        self.resolver = resolver
        self.weight_unit = weight_unit
        self.dimension_unit = dimension_unit
        self.grams = WEIGHT_UNITS[weight_unit]
        self.centimetres = DIMENSION_UNITS[dimension_unit]

    def of(self, item: ChannelProduct | Family) -> Iterator[tuple[list[str], list[Attribute]]]:
        if not isinstance(item, Family):
            yield self.row(item, _simple_type(item), 0), _own_attributes(item)
            return
        variants = item.variants
        axes = _axes(variants)
        if item.parent is not None:
            yield self.row(item.parent, "variable", 0), _parent_attributes(item.parent, variants)
        for position, variant in enumerate(variants):
            own = shop_attributes(variant)
            attributes = [
                (cell(name), cell(escape_item(own[name])), "", "0") for name in axes if name in own
            ]
            yield self.row(variant, "variation", position), attributes

    def row(self, product: ChannelProduct, kind: str, position: int) -> list[str]:
        variation = kind == "variation"
        variable = kind == "variable"
        status = product.text("status") or "active"
        if variation:
            published = "1" if status == "active" else "0"
        else:
            published = _PUBLISHED.get(status, "1")
        currency = product.text("currency")
        price = product.money("price")
        sale = product.money("sale_price")
        regular_text = sale_text = sale_from = sale_to = ""
        if not variable:
            if price is not None:
                regular_text = amount(price, currency)
            if sale is not None:
                sale_text = amount(sale, currency)
                sale_from = str(product.attributes.get("sale_start") or "")
                sale_to = str(product.attributes.get("sale_end") or "")
        stock = product.get("stock")
        stock_text = "" if variable or stock is None else str(int(stock))
        in_stock = "0" if not variable and stock is not None and int(stock) <= 0 else "1"
        images = web_images(product)
        return [
            "",
            kind,
            cell(product.sku),
            cell(product.text("gtin")),
            cell(product.text("title")),
            published,
            "0",
            "hidden" if status == "archived" and not variation else "visible",
            "" if variation else cell(short_description(product)),
            cell(description(product)),
            cell(sale_from),
            cell(sale_to),
            "taxable",
            "parent" if variation else "",
            in_stock,
            stock_text,
            "",
            "0",
            "0",
            self._measure(product, "weight_g", self.grams, self.weight_unit),
            self._measure(product, "length_cm", self.centimetres, self.dimension_unit),
            self._measure(product, "width_cm", self.centimetres, self.dimension_unit),
            self._measure(product, "height_cm", self.centimetres, self.dimension_unit),
            "0" if variation else "1",
            "",
            sale_text,
            regular_text,
            "" if variation else cell(joined(_categories(product, self.resolver))),
            "" if variation else cell(joined(product.get("keywords") or ())),
            "",
            joined(images[:1] if variation else images),
            "",
            "",
            cell(product.parent_sku or "") if variation else "",
            "",
            "",
            "",
            "",
            "",
            str(position),
            "" if variation else cell(escape_item(product.text("brand"))),
        ]

    @staticmethod
    def _measure(product: ChannelProduct, name: str, per_unit: Decimal, unit: str) -> str:
        value = product.get(name)
        return "" if value is None else _measure(value, per_unit, unit)


def _simple_type(product: ChannelProduct) -> str:
    """``simple``, or the type the product had in WooCommerce (grouped, external, or simple
    with downloadable/virtual) when it came from a WooCommerce file."""
    recorded = str(product.attributes.get("woocommerce_type") or "")
    return recorded if recorded.startswith(_SIMPLE_TYPES) else "simple"


def _attribute(name: str, values: Sequence[str]) -> Attribute:
    return (cell(name), cell(joined(values)), "1", "0")


def _own_attributes(product: ChannelProduct) -> list[Attribute]:
    return [
        _attribute(name, split_values(value)) for name, value in shop_attributes(product).items()
    ]


def _axes(variants: Sequence[ChannelProduct]) -> list[str]:
    """Every attribute name the variations use, in order of first use."""
    names: dict[str, None] = {}
    for variant in variants:
        names.update(dict.fromkeys(shop_attributes(variant)))
    return list(names)


def _parent_attributes(
    parent: ChannelProduct, variants: Sequence[ChannelProduct]
) -> list[Attribute]:
    """The parent's attributes with, for each one its variations use, every value they use
    (the parent's own list first)."""
    values = {name: split_values(value) for name, value in shop_attributes(parent).items()}
    for variant in variants:
        for name, value in shop_attributes(variant).items():
            known = values.setdefault(name, [])
            if value not in known:
                known.append(value)
    return [_attribute(name, items) for name, items in values.items()]


def make(taxonomy: Taxonomy) -> WooCommerceCsv:
    return WooCommerceCsv(taxonomy)
