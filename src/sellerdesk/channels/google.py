"""Google Merchant Center: the product data specification's rules and the feed as a tab-separated
file (attribute names in the header row) or an RSS 2.0 file with ``g:`` elements.

Variants are listed one item each, grouped by ``item_group_id`` (the parent's SKU); parents are
not written. The value helpers at the bottom are shared with the other Google-style feeds (Meta,
OpenAI, TikTok)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path

from sellerdesk.channels.common import (
    CategoryResolver,
    availability,
    cell,
    chosen_format,
    image_rules,
    max_length,
    one_line,
    plain_text,
    price_rules,
    price_with_currency,
    required,
)
from sellerdesk.channels.feed_values import (
    attribute,
    category_kinds,
    condition_rule,
    gtin_rule,
    id_max_length,
    identifier_rule,
    is_apparel,
    is_sized,
    link_rule,
    number,
    photo_limit,
    plain_max_length,
    sale_dates_rule,
    sale_period,
    stock_rule,
    xml_text,
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
from sellerdesk.core.escaping import FORMULA_TRIGGERS
from sellerdesk.core.taxonomy import Taxonomy

CHANNEL = "Google"
NAMESPACE = "http://base.google.com/ns/1.0"
NEW = frozenset({None, "new"})
GENDERS = ("male", "female", "unisex")
AGE_GROUPS = ("newborn", "infant", "toddler", "kids", "adult")
ENUMS = frozenset({"gender", "age_group"})
#: feed columns read from the product's attributes (keys in any case)
ATTRIBUTE_COLUMNS = ("color", "size", "gender", "age_group", "material", "pattern")
MAX_ADDITIONAL_IMAGES = 10
#: what a taxonomy category is for the apparel rules

COLUMNS = (
    "id",
    "title",
    "description",
    "link",
    "image_link",
    "additional_image_link",
    "availability",
    "price",
    "sale_price",
    "sale_price_effective_date",
    "brand",
    "gtin",
    "mpn",
    "identifier_exists",
    "condition",
    "google_product_category",
    "product_type",
    "item_group_id",
    "color",
    "size",
    "gender",
    "age_group",
    "material",
    "pattern",
    "shipping_weight",
    "shipping_length",
    "shipping_width",
    "shipping_height",
    "shipping",
)

TSV_HEADER = "\t".join(COLUMNS) + "\n"

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "product_url",
        "Product page address",
        "Your shop's product page with {sku} or {handle}, e.g. "
        "https://myshop.com/products/{handle}",
        required=True,
    ),
    SettingSpec("shop_url", "Shop address", "Your shop's home page (the XML feed's link)."),
    SettingSpec("seller_name", "Shop name", "The XML feed's title."),
    SettingSpec("country", "Shipping country", "Two-letter code of the country you ship to (US)."),
    SettingSpec("shipping_price", "Flat shipping price", "In the products' currency; blank: none."),
)


# ------------------------------------------------------------------------------------ rules


def _rules(resolver: CategoryResolver, kinds: dict[int, int]) -> tuple[Rule, ...]:
    def apparel_rule(
        name: str,
        words: str,
        applies: Callable[[dict[int, int], ChannelProduct], bool],
        allowed: tuple[str, ...] = (),
        what: str = "clothing and accessories",
    ) -> Rule:
        choices = f" ({', '.join(allowed)})" if allowed else ""
        accepted = frozenset(allowed)

        def test(product: ChannelProduct, _settings: ChannelSettings) -> bool:
            if not applies(kinds, product):
                return True
            value = attribute(product, name)
            return bool(value) and (not accepted or value.lower() in accepted)

        return Rule(
            f"{name}.missing",
            "attributes",
            WARNING,
            f"{CHANNEL} wants the {words} of {what}{choices}. "
            f"Add the attribute {name} in the Product Editor.",
            test,
            scope=Scope.LISTED,
        )

    return (
        id_max_length(CHANNEL, 50),
        required(CHANNEL, "title"),
        max_length(CHANNEL, "title", 150),
        required(CHANNEL, "description"),
        plain_max_length(CHANNEL, "description", 5000),
        link_rule(CHANNEL),
        *image_rules(CHANNEL),
        photo_limit(CHANNEL, MAX_ADDITIONAL_IMAGES + 1, scope=Scope.LISTED),
        *price_rules(CHANNEL),
        stock_rule(CHANNEL),
        sale_dates_rule(CHANNEL),
        Rule(
            "brand.missing",
            "brand",
            WARNING,
            f"{CHANNEL} wants a brand for new products. Fill in Brand (for your own or handmade "
            "products, use your shop's name).",
            lambda p, _s: bool(p.values.get("brand")) or p.values.get("condition") not in NEW,
        ),
        max_length(CHANNEL, "brand", 70),
        gtin_rule(CHANNEL),
        identifier_rule(CHANNEL),
        max_length(CHANNEL, "mpn", 70),
        condition_rule(CHANNEL),
        resolver.rule(CHANNEL),
        apparel_rule("color", "color", is_apparel),
        apparel_rule("size", "size", is_sized, what="clothing and shoes"),
        apparel_rule("gender", "gender", is_apparel, GENDERS),
        apparel_rule("age_group", "age group", is_apparel, AGE_GROUPS),
        Rule(
            "setting.country",
            None,
            ERROR,
            f"{CHANNEL} needs the country the shipping price applies to. Fill in Shipping country "
            f"under Settings ▸ Channels ▸ {CHANNEL}, or clear the shipping price.",
            lambda _p, s: not s.get("shipping_price") or bool(s.get("country")),
            scope=Scope.SETTINGS,
        ),
    )


# ----------------------------------------------------------------------------------- channel
class GoogleChannel(RulesCheck):
    """Google Merchant Center feed (TSV or RSS 2.0 XML)."""

    key: str = "google"
    label: str = "Google Merchant Center"
    formats: tuple[str, ...] = ("tsv", "xml")
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
        if chosen_format(self.label, self.formats, fmt) == "xml":
            return self._write_xml(products, target, settings)
        return self._write_tsv(products, target, settings)

    def items(
        self, products: Iterable[ChannelProduct], settings: ChannelSettings
    ) -> Iterator[dict[str, str | list[str]]]:
        """One attribute dict per listed item (variants and single products; parents are left
        out), empty values omitted, in the column order."""
        shipping = shipping_of(settings)
        for product in products:
            if product.is_parent:
                continue
            yield self._item(product, settings, shipping)

    def _item(
        self,
        product: ChannelProduct,
        settings: ChannelSettings,
        shipping: tuple[str, Decimal] | None,
    ) -> dict[str, str | list[str]]:
        values = product.values
        currency = product.text("currency")
        item: dict[str, str | list[str]] = {"id": product.sku}
        title = product.text("title")
        if title:
            item["title"] = title
        description = values.get("description")
        if description:
            item["description"] = plain_text(str(description), 5000)
        link = settings.product_url(product)
        if link:
            item["link"] = link
        if product.images:
            item["image_link"] = product.images[0]
            if len(product.images) > 1:
                item["additional_image_link"] = list(product.images[1 : MAX_ADDITIONAL_IMAGES + 1])
        item["availability"] = availability(product)
        price = values.get("price")
        if price is not None and currency:
            item["price"] = price_with_currency(price, currency)
            sale = values.get("sale_price")
            if sale is not None:
                item["sale_price"] = price_with_currency(sale, currency)
                period = sale_period(product)
                if period:
                    item["sale_price_effective_date"] = period
        for name in ("brand", "gtin", "mpn"):
            text = product.text(name)
            if text:
                item[name] = text
        attributes = values.get("attributes")
        lowered = {str(k).lower(): v for k, v in attributes.items()} if attributes else {}
        exists = str(lowered.get("identifier_exists") or "").strip().lower()
        if exists in ("no", "false"):
            item["identifier_exists"] = "no"
        condition = product.text("condition")
        if condition:
            item["condition"] = condition
        category = self.resolver.of(product)
        if category is not None:
            item["google_product_category"] = str(category.id)
        product_type = product.text("category_path") or (category.path if category else "")
        if product_type:
            item["product_type"] = product_type
        if product.parent_sku:
            item["item_group_id"] = product.parent_sku
        item.update(attribute_values(lowered))
        weight = values.get("weight_g")
        if weight is not None:
            item["shipping_weight"] = f"{number(weight)} g"
        for name in ("length", "width", "height"):
            size = values.get(f"{name}_cm")
            if size is not None:
                item[f"shipping_{name}"] = f"{number(size)} cm"
        if shipping is not None and currency:
            item["shipping"] = f"{shipping[0]}:::{price_with_currency(shipping[1], currency)}"
        return item

    def tsv_lines(
        self, products: Iterable[ChannelProduct], settings: ChannelSettings
    ) -> Iterator[str]:
        """The TSV line of each listed item (no line break), cells in ``COLUMNS`` order."""
        position = {name: index for index, name in enumerate(COLUMNS)}
        empty = [""] * len(COLUMNS)
        for item in self.items(products, settings):
            row = empty.copy()
            for name, value in item.items():
                if type(value) is str and value[:1] not in _TRIGGERS and _PLAIN(value):
                    row[position[name]] = value
                else:
                    row[position[name]] = _tsv(value)
            yield "\t".join(row)

    def _write_tsv(
        self, products: Iterable[ChannelProduct], target: Path, settings: ChannelSettings
    ) -> int:
        written = 0
        with target.open("w", encoding="utf-8", newline="") as out:
            out.write(TSV_HEADER)
            chunk: list[str] = []
            for line in self.tsv_lines(products, settings):
                chunk.append(line)
                written += 1
                if len(chunk) >= 1000:
                    out.write("\n".join(chunk) + "\n")
                    chunk.clear()
            if chunk:
                out.write("\n".join(chunk) + "\n")
        return written

    def _write_xml(
        self, products: Iterable[ChannelProduct], target: Path, settings: ChannelSettings
    ) -> int:
        shop = settings.get("seller_name") or "Products"
        link = settings.get("shop_url") or _origin(settings.get("product_url"))
        written = 0
        with target.open("w", encoding="utf-8", newline="\n") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            out.write(f'<rss version="2.0" xmlns:g="{NAMESPACE}">\n<channel>\n')
            out.write(f"<title>{xml_text(shop)}</title>\n")
            if link:
                out.write(f"<link>{xml_text(link)}</link>\n")
            out.write(f"<description>{xml_text(f'Products from {shop}')}</description>\n")
            chunk: list[str] = []
            for item in self.items(products, settings):
                chunk.append(_xml_item(item))
                written += 1
                if len(chunk) >= 1000:
                    out.write("".join(chunk))
                    chunk.clear()
            out.write("".join(chunk))
            out.write("</channel>\n</rss>\n")
        return written


def attribute_values(lowered: Mapping[str, object]) -> dict[str, str]:
    """The ``ATTRIBUTE_COLUMNS`` cells that have a value, from attributes keyed in lower case."""
    found: dict[str, str] = {}
    for name in ATTRIBUTE_COLUMNS:
        value = lowered.get(name)
        text = str(value).strip() if value is not None else ""
        if text:
            found[name] = text.lower() if name in ENUMS else text
    return found


def make(taxonomy: Taxonomy) -> GoogleChannel:
    return GoogleChannel(taxonomy)


# ------------------------------------------------------------------------------- formatting
_TRIGGERS = frozenset(FORMULA_TRIGGERS)
#: True when a value needs no escaping in a TSV cell (no tab, line break or control character).
_PLAIN = re.compile(r"[^\t\n\r]*\Z").match


def _tsv(value: str | list[str] | None) -> str:
    if value is None:
        return ""
    text = ",".join(value) if isinstance(value, list) else value
    if "\t" in text or "\n" in text or "\r" in text:
        text = one_line(text)
    return cell(text)


def _xml_item(item: dict[str, str | list[str]]) -> str:
    parts = ["<item>\n"]
    for name, value in item.items():
        if name == "shipping":
            country, _, _, price = str(value).split(":", 3)
            parts.append(
                f"<g:shipping><g:country>{xml_text(country)}</g:country>"
                f"<g:price>{xml_text(price)}</g:price></g:shipping>\n"
            )
        elif isinstance(value, list):
            parts.extend(f"<g:{name}>{xml_text(v)}</g:{name}>\n" for v in value)
        else:
            parts.append(f"<g:{name}>{xml_text(value)}</g:{name}>\n")
    parts.append("</item>\n")
    return "".join(parts)


def shipping_of(settings: ChannelSettings) -> tuple[str, Decimal] | None:
    """(country, flat price) from the settings, None when either is missing or invalid."""
    country = settings.get("country").strip().upper()
    try:
        rate = Decimal(settings.get("shipping_price"))
    except ArithmeticError:
        return None
    return (country, rate) if country and rate.is_finite() and rate >= 0 else None


def _origin(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}" if sep and rest else ""
