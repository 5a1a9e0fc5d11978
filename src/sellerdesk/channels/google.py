"""Google Merchant Center: the product data specification's rules and the feed as a tab-separated
file (attribute names in the header row) or an RSS 2.0 file with ``g:`` elements.

Variants are listed one item each, grouped by ``item_group_id`` (the parent's SKU); parents are
not written. The value helpers at the bottom are shared with the other Google-style feeds (Meta,
OpenAI, TikTok)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from sellerdesk.channels import common
from sellerdesk.channels.common import (
    CategoryResolver,
    availability,
    cell,
    image_rules,
    label,
    max_length,
    one_line,
    plain_text,
    price_rules,
    price_with_currency,
    required,
    web_url,
)
from sellerdesk.channels.model import (
    ERROR,
    WARNING,
    ChannelProblem,
    ChannelProduct,
    ChannelSettings,
    Rule,
    SettingSpec,
    run_rules,
)
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.escaping import FORMULA_TRIGGERS
from sellerdesk.core.taxonomy import Taxonomy

CHANNEL = "Google"
NAMESPACE = "http://base.google.com/ns/1.0"
APPAREL = "Apparel & Accessories"
SIZED = (f"{APPAREL} > Clothing", f"{APPAREL} > Shoes")
CONDITIONS = frozenset({"new", "refurbished", "used"})
CONDITIONS_OR_NONE = CONDITIONS | {None}
NEW = frozenset({None, "new"})
GENDERS = ("male", "female", "unisex")
AGE_GROUPS = ("newborn", "infant", "toddler", "kids", "adult")
ENUMS = frozenset({"gender", "age_group"})
MAX_ADDITIONAL_IMAGES = 10
#: what a taxonomy category is for the apparel rules
OTHER, APPAREL_KIND, SIZED_APPAREL = 0, 1, 2

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
def category_kinds(taxonomy: Taxonomy) -> dict[int, int]:
    """Each taxonomy id: OTHER, APPAREL_KIND, or SIZED_APPAREL (clothing and shoes)."""
    return {
        c.id: SIZED_APPAREL
        if c.path.startswith(SIZED)
        else APPAREL_KIND
        if c.path.startswith(APPAREL)
        else OTHER
        for c in taxonomy
    }


def is_apparel(kinds: dict[int, int], product: ChannelProduct) -> bool:
    kind = kinds.get(product.values.get("category_id", -1))
    if kind is not None:
        return kind > OTHER
    return product.text("category_path").startswith(APPAREL)


def is_sized(kinds: dict[int, int], product: ChannelProduct) -> bool:
    """Clothing and shoes: the products sold in sizes."""
    kind = kinds.get(product.values.get("category_id", -1))
    if kind is not None:
        return kind == SIZED_APPAREL
    return product.text("category_path").startswith(SIZED)


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
            variants_only=True,
        )

    return (
        Rule(
            "id.too_long",
            "sku",
            ERROR,
            f"{CHANNEL} allows at most 50 characters in the item id, which is the SKU. "
            "Shorten SKU.",
            lambda p, _s: len(p.sku) <= 50,
        ),
        required(CHANNEL, "title"),
        max_length(CHANNEL, "title", 150),
        required(CHANNEL, "description"),
        plain_max_length(CHANNEL, "description", 5000),
        link_rule(CHANNEL),
        *image_rules(CHANNEL),
        Rule(
            "images.too_many",
            "images",
            WARNING,
            f"{CHANNEL} takes at most {MAX_ADDITIONAL_IMAGES + 1} photos; the rest are left out. "
            "Remove photos in the Product Editor.",
            lambda p, _s: len(p.images) <= MAX_ADDITIONAL_IMAGES + 1,
            variants_only=True,
        ),
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
        ),
    )


# ----------------------------------------------------------------------------------- channel
class GoogleChannel:
    """Google Merchant Center feed (TSV or RSS 2.0 XML)."""

    key: str = "google"
    label: str = "Google Merchant Center"
    formats: tuple[str, ...] = ("tsv", "xml")
    settings: tuple[SettingSpec, ...] = SETTINGS

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.resolver = CategoryResolver(taxonomy)
        self.rules: tuple[Rule, ...] = _rules(self.resolver, category_kinds(taxonomy))

    def check(self, product: ChannelProduct, settings: ChannelSettings) -> list[ChannelProblem]:
        return run_rules(self.key, self.rules, product, settings)

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        fmt = fmt or self.formats[0]
        if fmt == "tsv":
            return self._write_tsv(products, target, settings)
        if fmt == "xml":
            return self._write_xml(products, target, settings)
        raise InvalidValueError(
            f"{self.label} has no {fmt!r} format", f"Use one of: {', '.join(self.formats)}."
        )

    def items(
        self, products: Iterable[ChannelProduct], settings: ChannelSettings
    ) -> Iterator[dict[str, str | list[str]]]:
        """One attribute dict per listed item (variants and single products; parents are left
        out), empty values omitted, in the column order."""
        shipping = _shipping(settings)
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
        for name in ("color", "size", "gender", "age_group", "material", "pattern"):
            found = lowered.get(name)
            text = str(found).strip() if found is not None else ""
            if text:
                item[name] = text.lower() if name in ENUMS else text
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

    def _write_tsv(
        self, products: Iterable[ChannelProduct], target: Path, settings: ChannelSettings
    ) -> int:
        written = 0
        position = {name: index for index, name in enumerate(COLUMNS)}
        empty = [""] * len(COLUMNS)
        with target.open("w", encoding="utf-8", newline="") as out:
            out.write("\t".join(COLUMNS) + "\n")
            chunk: list[str] = []
            for item in self.items(products, settings):
                row = empty.copy()
                for name, value in item.items():
                    if type(value) is str and value[:1] not in _TRIGGERS and _PLAIN(value):
                        row[position[name]] = value
                    else:
                        row[position[name]] = _tsv(value)
                chunk.append("\t".join(row))
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


def _shipping(settings: ChannelSettings) -> tuple[str, Decimal] | None:
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


# ---------------------------------------------------------- helpers shared by similar feeds
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text escaped for XML, with the control characters XML 1.0 forbids removed."""
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return escape(text)


def strip_control(text: str) -> str:
    """Text without control characters other than tab and line breaks (XML and XLSX refuse
    them)."""
    return text if text.isprintable() else _CONTROL.sub("", text)


def attribute(product: ChannelProduct, name: str) -> str:
    """An attribute's value by lower-case name, whatever the case of its key ('' if none)."""
    attributes = product.values.get("attributes")
    if not attributes:
        return ""
    value = attributes.get(name)
    if value is None:
        value = attributes.get(name.capitalize())
        if value is None:
            if not any(key.lower() == name for key in attributes):
                return ""
            value = next(found for key, found in attributes.items() if key.lower() == name)
    return value.strip() if type(value) is str else str(value).strip()


def number(value: Decimal | int | float | str) -> str:
    """``380`` / ``12.5``: a plain decimal without exponent or trailing zeros."""
    return format(Decimal(value).normalize(), "f")


def _moment(text: str, end: bool) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if end and len(text) == 10:
        moment = moment.replace(hour=23, minute=59)
    return moment.replace(tzinfo=None)


def sale_period(product: ChannelProduct) -> str:
    """``2025-11-01T00:00/2025-11-30T23:59`` from the ``sale_start`` / ``sale_end``
    attributes (ISO dates or date-times), '' when they are missing or invalid."""
    attributes = product.attributes
    start = str(attributes.get("sale_start") or "").strip()
    end = str(attributes.get("sale_end") or "").strip()
    if not start or not end or not _sale_dates_valid(start, end):
        return ""
    return f"{_stamp(start, '00:00')}/{_stamp(end, '23:59')}"


def _stamp(text: str, time: str) -> str:
    return f"{text}T{time}" if len(text) == 10 else text


def _sale_dates_valid(start: str, end: str) -> bool:
    first, last = _moment(start, False), _moment(end, True)
    return first is not None and last is not None and first <= last


def sale_dates_rule(channel: str) -> Rule:
    def test(product: ChannelProduct, _settings: ChannelSettings) -> bool:
        attributes = product.attributes
        start = attributes.get("sale_start") if attributes else None
        end = attributes.get("sale_end") if attributes else None
        if not start and not end:
            return True
        return bool(start and end) and _sale_dates_valid(str(start).strip(), str(end).strip())

    return Rule(
        "sale_dates.invalid",
        "attributes",
        ERROR,
        f"{channel} needs both a start and an end date for the sale, as YYYY-MM-DD, the end not "
        "before the start. Fix the attributes sale_start and sale_end, or remove both.",
        test,
        variants_only=True,
    )


def plain_max_length(channel: str, name: str, limit: int, severity: str = ERROR) -> Rule:
    """Like ``max_length``, counting the text as the feed writes it (HTML tags removed)."""

    def test(product: ChannelProduct, _settings: ChannelSettings) -> bool:
        text = product.text(name)
        return len(text) <= limit or len(plain_text(text)) <= limit

    return Rule(
        f"{name}.too_long",
        name,
        severity,
        f"{channel} allows at most {limit:,} characters in the {label(name).lower()}. "
        f"Shorten {label(name)}.",
        test,
    )


def stock_rule(channel: str, severity: str = WARNING) -> Rule:
    return Rule(
        "stock.missing",
        "stock",
        severity,
        f"{channel} is told the item is in stock because Stock is empty. Fill in Stock.",
        lambda p, _s: p.values.get("stock") is not None,
        variants_only=True,
    )


def valid_gtin(code: str) -> bool:
    """A GTIN-8/12/13/14 with a correct check digit (a quicker ``has_valid_check_digit``)."""
    if len(code) not in (8, 12, 13, 14) or not code.isdigit() or not code.isascii():
        return False
    digits = code.rjust(14, "0").encode()
    # weights 3,1,3,1... from the left of the 14-digit form; minus the ASCII '0' offsets
    return (3 * sum(digits[0::2]) + sum(digits[1::2]) - 1344) % 10 == 0


def _has_identifier(product: ChannelProduct, _settings: ChannelSettings) -> bool:
    values = product.values
    gtin = values.get("gtin")
    if gtin and valid_gtin(str(gtin)):
        return True
    if values.get("brand") and values.get("mpn"):
        return True
    attributes = values.get("attributes")
    if not attributes:
        return False
    return str(attributes.get("identifier_exists", "")).lower() in ("no", "false")


def identifier_rule(channel: str, severity: str = WARNING) -> Rule:
    """``common.identifier_rule`` with a quicker test (same code, message and outcome)."""
    return replace(common.identifier_rule(channel, severity), test=_has_identifier)


def _has_link(product: ChannelProduct, settings: ChannelSettings) -> bool:
    attributes = product.values.get("attributes")
    if attributes and (attributes.get("link") or attributes.get("url")):
        return web_url(settings.product_url(product))
    template = settings.get("product_url")
    if not template.startswith(("https://", "http://")):
        return False
    # filling in {sku} / {handle} adds at most the SKU's length per placeholder
    if len(template) + len(product.sku) * template.count("{") <= 2000:
        return True
    return web_url(settings.product_url(product))


def link_rule(channel: str) -> Rule:
    """``common.link_rule`` with a quicker test (same code, message and outcome)."""
    return replace(common.link_rule(channel), test=_has_link)


def gtin_rule(channel: str) -> Rule:
    return Rule(
        "gtin.invalid",
        "gtin",
        ERROR,
        f"{channel} needs a valid GTIN: 8, 12, 13 or 14 digits with a correct check digit. "
        "Fix GTIN or clear it.",
        lambda p, _s: not p.values.get("gtin") or valid_gtin(str(p.values["gtin"])),
    )


def condition_rule(channel: str) -> Rule:
    return Rule(
        "condition.invalid",
        "condition",
        ERROR,
        f"{channel} accepts the condition new, refurbished or used. Fix Condition.",
        lambda p, _s: p.values.get("condition") in CONDITIONS_OR_NONE,
    )
