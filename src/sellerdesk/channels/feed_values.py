"""Values and rules several feeds share: attributes by name, plain numbers, sale periods,
GTIN validity, identifier and link rules, and which Google categories are apparel."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from sellerdesk.channels.common import (
    label,
    plain_text,
    web_url,
)
from sellerdesk.channels.model import (
    ERROR,
    WARNING,
    ChannelProduct,
    ChannelSettings,
    Rule,
    Scope,
)
from sellerdesk.core.gtin import valid_gtin
from sellerdesk.core.taxonomy import Taxonomy

CONDITIONS = frozenset({"new", "refurbished", "used"})
CONDITIONS_OR_NONE = CONDITIONS | {None}
APPAREL = "Apparel & Accessories"
SIZED = (f"{APPAREL} > Clothing", f"{APPAREL} > Shoes")
OTHER, APPAREL_KIND, SIZED_APPAREL = 0, 1, 2


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
    if not start or not end or not sale_dates_valid(start, end):
        return ""
    return f"{_stamp(start, '00:00')}/{_stamp(end, '23:59')}"


def _stamp(text: str, time: str) -> str:
    return f"{text}T{time}" if len(text) == 10 else text


def sale_dates_valid(start: str, end: str) -> bool:
    """Both ISO dates (or date-times) and the end not before the start."""
    first, last = _moment(start, False), _moment(end, True)
    return first is not None and last is not None and first <= last


def sale_dates_rule(channel: str) -> Rule:
    def test(product: ChannelProduct, _settings: ChannelSettings) -> bool:
        attributes = product.attributes
        start = attributes.get("sale_start") if attributes else None
        end = attributes.get("sale_end") if attributes else None
        if not start and not end:
            return True
        return bool(start and end) and sale_dates_valid(str(start).strip(), str(end).strip())

    return Rule(
        "sale_dates.invalid",
        "attributes",
        ERROR,
        f"{channel} needs both a start and an end date for the sale, as YYYY-MM-DD, the end not "
        "before the start. Fix the attributes sale_start and sale_end, or remove both.",
        test,
        scope=Scope.LISTED,
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


def id_max_length(channel: str, limit: int, what: str = "item id") -> Rule:
    """The SKU is the feed's item id; ``what`` is the channel's name for that column."""
    return Rule(
        "id.too_long",
        "sku",
        ERROR,
        f"{channel} allows at most {limit} characters in the {what}, which is the SKU. "
        "Shorten SKU.",
        lambda p, _s: len(p.sku) <= limit,
    )


def photo_limit(channel: str, limit: int, scope: Scope = Scope.EVERY) -> Rule:
    """A warning for photos past the feed's ``limit`` (the feed leaves them out)."""
    return Rule(
        "images.too_many",
        "images",
        WARNING,
        f"{channel} takes at most {limit} photos; the rest are left out. "
        "Remove photos in the Product Editor.",
        lambda p, _s: len(p.images) <= limit,
        scope=scope,
    )


def archived_rule(consequence: str) -> Rule:
    """An archived product, with what the channel's file does about it (and what to do)."""
    return Rule(
        "status.archived",
        "status",
        WARNING,
        f"This product is archived: {consequence}",
        lambda p, _s: p.values.get("status") != "archived",
    )


def stock_rule(channel: str, severity: str = WARNING, message: str | None = None) -> Rule:
    """Stock must be filled in; by default a warning that the feed says "in stock"."""
    return Rule(
        "stock.missing",
        "stock",
        severity,
        message or f"{channel} is told the item is in stock because Stock is empty. Fill in Stock.",
        lambda p, _s: p.values.get("stock") is not None,
        scope=Scope.LISTED,
    )


def sale_ignored_rule(message: str) -> Rule:
    """A sale price the channel's file can't carry (``message``: what is sent instead)."""
    return Rule(
        "sale_price.ignored",
        "sale_price",
        WARNING,
        message,
        lambda p, _s: p.values.get("sale_price") is None,
        scope=Scope.LISTED,
    )


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
    """GTIN, or brand + MPN, or the seller marks it as having no identifier."""
    return Rule(
        "identifier.missing",
        "gtin",
        severity,
        f"{channel} wants a GTIN (barcode), or a brand and an MPN. Fill in GTIN, or Brand and "
        "MPN; for handmade or custom items set the attribute identifier_exists to no.",
        _has_identifier,
        scope=Scope.LISTED,
    )


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
    """The product's page on the shop: a ``link``/``url`` attribute or the settings' template."""
    return Rule(
        "link.missing",
        None,
        ERROR,
        f"{channel} needs the product's page on your shop. Set the shop's product URL in "
        "Settings ▸ Channels (e.g. https://myshop.com/products/{handle}), or a 'link' attribute.",
        _has_link,
    )


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
