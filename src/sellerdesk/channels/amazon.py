"""Amazon: the rules Amazon applies to a listing, and two files — a ``JSON_LISTINGS_FEED``
document for the Selling Partner API Feeds API (schema version 2.0, attributes shaped like the
Listings Items API) and the tab-delimited inventory flat file for a manual upload in Seller
Central (which SellerDesk's importer reads back).

Amazon files products under its own product types (``HOME``, ``SHIRT``...): the attribute
``amazon_product_type`` (or an imported ``feed_product_type``) names one, else the channel's
default product type; a Google category can't be converted offline. Variants become child
listings of their parent under a variation theme built from their Color and Size (or the
attribute ``amazon_variation_theme``). An archived product's listing is deleted.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sellerdesk.channels import common
from sellerdesk.channels.common import chosen_format
from sellerdesk.channels.families import RuleRunner, attribute, families, flat, line_cell
from sellerdesk.channels.feed_values import sale_dates_valid
from sellerdesk.channels.model import (
    ERROR,
    WARNING,
    ChannelProblem,
    ChannelProduct,
    ChannelSettings,
    FeedChannel,
    Rule,
    SettingSpec,
)
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.taxonomy import Taxonomy

KEY = "amazon"
LABEL = "Amazon"

US_MARKETPLACE = "ATVPDKIKX0DER"


@dataclass(frozen=True, slots=True)
class Marketplace:
    currency: str
    language_tag: str


MARKETPLACES = {
    "ATVPDKIKX0DER": Marketplace("USD", "en_US"),
    "A2EUQ1WTGCTBG2": Marketplace("CAD", "en_CA"),
    "A1AM78C64UM0Y8": Marketplace("MXN", "es_MX"),
    "A1F83G8C2ARO7P": Marketplace("GBP", "en_GB"),
    "A1PA6795UKMFR9": Marketplace("EUR", "de_DE"),
    "A13V1IB3VIYZZH": Marketplace("EUR", "fr_FR"),
    "APJ6JRA9NG5V4": Marketplace("EUR", "it_IT"),
    "A1RKKUPIHCS9HS": Marketplace("EUR", "es_ES"),
    "A1VC38T7YXB528": Marketplace("JPY", "ja_JP"),
    "A39IBJ37TRP1C6": Marketplace("AUD", "en_AU"),
}

MAX_TITLE = 200
ADVISED_TITLE = 150
MAX_BULLETS = 5
MAX_BULLET = 500
MAX_DESCRIPTION = 2000
MAX_OTHER_IMAGES = 8
MAX_SEARCH_TERMS_BYTES = 250
#: Characters Amazon's title policy rejects unless they are part of the brand name.
_TITLE_SYMBOLS = frozenset("!$?_{}^¬¦")
_COLOR_KEYS = ("color", "colour", "color_name", "c:color", "c:colour")
_SIZE_KEYS = ("size", "size_name", "c:size")
_EXEMPT = ("no", "false")
#: condition -> (Listings API condition_type, flat-file condition_type)
_CONDITIONS = {
    "new": ("new_new", "New"),
    "refurbished": ("refurbished_refurbished", "Refurbished"),
    "used": ("used_good", "UsedGood"),
}
#: variation theme of the Listings API and of the flat file, by (has color, has size)
_THEMES = {
    (True, True): ("SIZE/COLOR", "SizeColor"),
    (True, False): ("COLOR", "Color"),
    (False, True): ("SIZE", "Size"),
}
_ID_TYPES = {8: "gtin", 12: "upc", 13: "ean", 14: "gtin"}
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)

FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("feed_product_type", "Product Type"),
    ("item_sku", "Seller SKU"),
    ("brand_name", "Brand Name"),
    ("item_name", "Product Name"),
    ("external_product_id", "Product ID"),
    ("external_product_id_type", "Product ID Type"),
    ("item_type", "Item Type Keyword"),
    ("standard_price", "Standard Price"),
    ("currency", "Currency"),
    ("quantity", "Quantity"),
    ("condition_type", "Item Condition"),
    ("main_image_url", "Main Image URL"),
    *((f"other_image_url{n}", "Other Image URL") for n in range(1, MAX_OTHER_IMAGES + 1)),
    *((f"bullet_point{n}", "Bullet Point") for n in range(1, MAX_BULLETS + 1)),
    ("product_description", "Product Description"),
    ("generic_keywords", "Search Terms"),
    ("part_number", "Manufacturer Part Number"),
    ("sale_price", "Sale Price"),
    ("sale_from_date", "Sale Start Date"),
    ("sale_end_date", "Sale End Date"),
    ("parent_child", "Parentage"),
    ("parent_sku", "Parent SKU"),
    ("relationship_type", "Relationship Type"),
    ("variation_theme", "Variation Theme"),
    ("color_name", "Color"),
    ("size_name", "Size"),
    ("website_shipping_weight", "Shipping Weight"),
    ("website_shipping_weight_unit_of_measure", "Website Shipping Weight Unit Of Measure"),
    ("update_delete", "Update Delete"),
)
_TEMPLATE_ROW = (
    "TemplateType=fptcustom",
    "Version=2024.0319",
    "The top 3 rows are for Amazon.com use only. Do not modify or delete the top 3 rows.",
)


# ------------------------------------------------------------------------------ lookups
def _first(product: ChannelProduct, keys: Sequence[str]) -> str:
    for name, value in product.attributes.items():
        if value and name.lower() in keys:
            return str(value).strip()
    return ""


def color_of(product: ChannelProduct) -> str:
    return _first(product, _COLOR_KEYS)


def size_of(product: ChannelProduct) -> str:
    return _first(product, _SIZE_KEYS)


def own_product_type(product: ChannelProduct) -> str:
    attributes = product.values.get("attributes")
    if not attributes:
        return ""
    own = attributes.get("amazon_product_type") or attributes.get("feed_product_type")
    return str(own).strip() if own else ""


def product_type(product: ChannelProduct, settings: ChannelSettings) -> str:
    return own_product_type(product) or settings.get("default_product_type")


def marketplace_id(settings: ChannelSettings) -> str:
    return settings.get("marketplace_id", US_MARKETPLACE)


def _gtin(product: ChannelProduct) -> str:
    """The GTIN (stored GTINs are valid: the field checks them on entry)."""
    gtin = product.text("gtin")
    return gtin if len(gtin) in _ID_TYPES else ""


def _exempt(product: ChannelProduct) -> bool:
    attributes = product.attributes
    return (
        str(attributes.get("identifier_exists", "")).lower() in _EXEMPT
        or str(attributes.get("supplier_declared_has_product_identifier_exemption", "")).lower()
        == "true"
    )


def _sale_dates(product: ChannelProduct) -> tuple[str, str] | None:
    start = attribute(product, "sale_start")
    end = attribute(product, "sale_end")
    return (start, end) if start and end and sale_dates_valid(start, end) else None


# --------------------------------------------------------------------------------- tests
def _title_symbols_ok(p: ChannelProduct, _s: ChannelSettings) -> bool:
    title = p.values.get("title")
    if not title or _TITLE_SYMBOLS.isdisjoint(title):
        return True
    return _TITLE_SYMBOLS.intersection(title) <= set(p.text("brand"))


def _has_product_id(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return bool(p.values.get("gtin")) or bool(p.attributes.get("asin")) or _exempt(p)


def _description_short(p: ChannelProduct, _s: ChannelSettings) -> bool:
    text = p.text("description")
    return len(text) <= MAX_DESCRIPTION or len(common.plain_text(text)) <= MAX_DESCRIPTION


def _currency_ok(p: ChannelProduct, s: ChannelSettings) -> bool:
    market = MARKETPLACES.get(marketplace_id(s))
    currency = p.values.get("currency")
    return market is None or currency is None or currency == market.currency


def _sale_dated(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return p.values.get("sale_price") is None or _sale_dates(p) is not None


def _search_terms_short(p: ChannelProduct, _s: ChannelSettings) -> bool:
    keywords = p.values.get("keywords")
    return not keywords or len(" ".join(keywords).encode()) <= MAX_SEARCH_TERMS_BYTES


def _variation_ok(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return (
        p.parent_sku is None
        or bool(attribute(p, "amazon_variation_theme"))
        or bool(color_of(p) or size_of(p))
    )


class AmazonChannel:
    key = KEY
    label = LABEL
    formats: tuple[str, ...] = ("json", "txt")
    settings: tuple[SettingSpec, ...] = (
        SettingSpec(
            "seller_id",
            "Seller ID",
            "Your merchant token (Seller Central ▸ Settings ▸ Account Info ▸ Business "
            "Information ▸ Merchant Token). The JSON listings feed needs it.",
            required=True,
        ),
        SettingSpec(
            "marketplace_id",
            "Marketplace ID",
            f"The Amazon store the listings are for: {US_MARKETPLACE} is amazon.com, "
            "A1F83G8C2ARO7P amazon.co.uk, A1PA6795UKMFR9 amazon.de.",
            required=True,
            default=US_MARKETPLACE,
        ),
        SettingSpec(
            "default_product_type",
            "Default product type",
            "The Amazon product type for products without an amazon_product_type attribute, "
            "e.g. HOME, SHIRT, or PRODUCT to offer existing Amazon products.",
        ),
        SettingSpec(
            "language_tag",
            "Language",
            "The language of titles and descriptions, e.g. en_US (by default the "
            "marketplace's language).",
        ),
    )

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.categories = common.CategoryResolver(taxonomy)
        self.runner = RuleRunner(
            self.key,
            listing=(),
            general=self._product_rules(),
            variant=self._variation_rules(),
            settings=self._setting_rules(),
        )
        self.rules: tuple[Rule, ...] = self.runner.rules

    def _product_rules(self) -> tuple[Rule, ...]:
        """Rules on each listing (children of a variation family are listings too)."""
        return (
            common.required(LABEL, "title"),
            common.max_length(LABEL, "title", MAX_TITLE),
            Rule(
                "title.long",
                "title",
                WARNING,
                f"{LABEL} advises titles of at most {ADVISED_TITLE} characters. Shorten Title.",
                lambda p, _s: len(p.values.get("title") or "") <= ADVISED_TITLE,
            ),
            Rule(
                "title.symbols",
                "title",
                WARNING,
                f"{LABEL} rejects titles with ! $ ? _ {{ }} ^ ¬ or ¦ unless the brand has "
                "them. Remove them from Title.",
                _title_symbols_ok,
            ),
            common.required(LABEL, "brand"),
            Rule(
                "gtin.missing",
                "gtin",
                ERROR,
                f"{LABEL} needs a product ID. Fill in GTIN (UPC or EAN); for a product without "
                "a barcode get a GTIN exemption from Amazon and set the attribute "
                "identifier_exists to no.",
                _has_product_id,
                variants_only=True,
            ),
            Rule(
                "bullets.missing",
                "bullets",
                WARNING,
                f"{LABEL} shows key features as bullet points. Add up to {MAX_BULLETS} "
                "Bullet points.",
                lambda p, _s: bool(p.values.get("bullets")),
            ),
            Rule(
                "bullets.too_many",
                "bullets",
                WARNING,
                f"{LABEL} shows at most {MAX_BULLETS} bullet points; only the first "
                f"{MAX_BULLETS} are sent. Remove some Bullet points.",
                lambda p, _s: len(p.values.get("bullets") or ()) <= MAX_BULLETS,
            ),
            Rule(
                "bullets.too_long",
                "bullets",
                ERROR,
                f"{LABEL} allows at most {MAX_BULLET} characters in a bullet point. Shorten "
                "the long Bullet points.",
                lambda p, _s: all(
                    len(bullet) <= MAX_BULLET for bullet in p.values.get("bullets") or ()
                ),
            ),
            Rule(
                "description.missing",
                "description",
                WARNING,
                f"{LABEL} shows a product description. Fill in Description.",
                lambda p, _s: bool(p.values.get("description")),
            ),
            Rule(
                "description.too_long",
                "description",
                ERROR,
                f"{LABEL} allows at most {MAX_DESCRIPTION:,} characters of plain text in a "
                "description. Shorten Description.",
                _description_short,
            ),
            *common.price_rules(LABEL),
            Rule(
                "currency.marketplace",
                "currency",
                ERROR,
                f"{LABEL} needs prices in the marketplace's currency (USD on amazon.com). "
                "Change Currency or the marketplace in Settings ▸ Channels.",
                _currency_ok,
                variants_only=True,
            ),
            Rule(
                "sale_price.no_dates",
                "sale_price",
                WARNING,
                f"{LABEL} needs start and end dates for a sale price; without them the sale "
                "price is left out. Set the attributes sale_start and sale_end "
                "(e.g. 2025-11-28).",
                _sale_dated,
                variants_only=True,
            ),
            Rule(
                "stock.missing",
                "stock",
                ERROR,
                f"{LABEL} needs the quantity you have. Fill in Stock (0 when sold out).",
                lambda p, _s: p.values.get("stock") is not None,
                variants_only=True,
            ),
            *common.image_rules(LABEL),
            Rule(
                "images.too_many",
                "images",
                WARNING,
                f"{LABEL} takes a main photo and {MAX_OTHER_IMAGES} more; only the first "
                f"{MAX_OTHER_IMAGES + 1} are sent. Remove some photos.",
                lambda p, _s: len(p.images) <= MAX_OTHER_IMAGES + 1,
            ),
            Rule(
                "keywords.too_long",
                "keywords",
                WARNING,
                f"{LABEL} reads at most {MAX_SEARCH_TERMS_BYTES} bytes of search terms and "
                "ignores the rest. Shorten Keywords.",
                _search_terms_short,
            ),
            Rule(
                "condition.not_new",
                "condition",
                WARNING,
                f"{LABEL} takes used items (sent as Used – Good) only in some categories, and "
                "refurbished ones only through Amazon Renewed. Check that your category "
                "allows it.",
                lambda p, _s: p.values.get("condition") in (None, "new"),
                variants_only=True,
            ),
            Rule(
                "product_type.missing",
                "attributes",
                ERROR,
                f"{LABEL} needs a product type (e.g. HOME or SHIRT). Set the attribute "
                "amazon_product_type, or a default product type under Settings ▸ Channels ▸ "
                f"{LABEL}.",
                lambda p, s: bool(product_type(p, s)),
            ),
            Rule(
                "product_type.unconfirmed",
                "attributes",
                WARNING,
                f"{LABEL} files products under its own product types, and SellerDesk can't "
                "convert a Google category offline: this product uses the default product "
                "type. Confirm it by setting the attribute amazon_product_type.",
                lambda p, _s: bool(own_product_type(p)),
                suggest=self._product_type_hint,
            ),
            Rule(
                "status.archived",
                "status",
                WARNING,
                f"This product is archived: the {LABEL} file deletes its listing. Set Status to "
                "active to keep selling it.",
                lambda p, _s: p.values.get("status") != "archived",
            ),
        )

    def _variation_rules(self) -> tuple[Rule, ...]:
        """Rules on a variant's place in its family."""
        return (
            Rule(
                "variation.no_theme",
                "attributes",
                WARNING,
                f"{LABEL} groups variants by Size and Color: give this variant a Color or Size "
                "attribute, or set the attribute amazon_variation_theme.",
                _variation_ok,
            ),
        )

    def _setting_rules(self) -> tuple[Rule, ...]:
        return (
            Rule(
                "setting.seller_id",
                None,
                WARNING,
                f"{LABEL}'s JSON listings feed needs your seller ID (merchant token). Fill it "
                f"in under Settings ▸ Channels ▸ {LABEL}.",
                lambda _p, s: bool(s.get("seller_id")),
            ),
            Rule(
                "setting.marketplace_id",
                None,
                WARNING,
                f"SellerDesk doesn't know this {LABEL} marketplace ID. Check it under "
                f"Settings ▸ Channels ▸ {LABEL} ({US_MARKETPLACE} is amazon.com).",
                lambda _p, s: marketplace_id(s) in MARKETPLACES,
            ),
        )

    def _product_type_hint(self, product: ChannelProduct) -> str | None:
        category = self.categories.of(product)
        if category is None:
            return None
        return (
            f"Your Google category is “{category.path}”: pick the Amazon product type for "
            f"“{category.leaf}” in Seller Central's product classifier."
        )

    def check(self, product: ChannelProduct, settings: ChannelSettings) -> list[ChannelProblem]:
        return self.runner.check(product, settings)

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        chosen = chosen_format(LABEL, self.formats, fmt)
        context = _Context.of(settings)
        if chosen == "json":
            return _write_json(products, target, context)
        return _write_flat_file(products, target, context)


@dataclass(frozen=True, slots=True)
class _Context:
    """What one file needs from the settings, worked out once."""

    settings: ChannelSettings
    seller_id: str
    marketplace_id: str
    currency: str
    language_tag: str

    @classmethod
    def of(cls, settings: ChannelSettings) -> _Context:
        market_id = marketplace_id(settings)
        market = MARKETPLACES.get(market_id, MARKETPLACES[US_MARKETPLACE])
        return cls(
            settings,
            settings.get("seller_id"),
            market_id,
            market.currency,
            settings.get("language_tag", market.language_tag),
        )


def _themes(variants: Sequence[ChannelProduct], product: ChannelProduct) -> tuple[str, str]:
    """(Listings API theme, flat-file theme) of a family: its variants' Color and Size, those
    that vary when one does."""
    own = attribute(product, "amazon_variation_theme")
    if own:
        return own, own
    colors = {color_of(v) for v in variants} - {""}
    sizes = {size_of(v) for v in variants} - {""}
    if len(colors) > 1 or len(sizes) > 1:
        return _THEMES.get((len(colors) > 1, len(sizes) > 1), ("", ""))
    return _THEMES.get((bool(colors), bool(sizes)), ("", ""))


def _family_rows(
    products: Iterable[ChannelProduct],
) -> Iterable[tuple[ChannelProduct, str, tuple[str, str]]]:
    """Each product with its parentage (parent, child or "") and its family's themes."""
    for parent, variants in families(products):
        if parent is None:
            child = variants[0]
            yield child, "child", _themes(variants, child)
            continue
        if not parent.is_parent:
            yield parent, "", ("", "")
            continue
        themes = _themes(variants, parent)
        yield parent, "parent", themes
        for variant in variants:
            yield variant, "child", themes if themes[0] else _themes([variant], variant)


# ---------------------------------------------------------------------------------- json
def _write_json(products: Iterable[ChannelProduct], target: Path, context: _Context) -> int:
    if not context.seller_id:
        raise InvalidValueError(
            f"{LABEL}'s JSON listings feed needs your seller ID",
            f"Fill it in under Settings ▸ Channels ▸ {LABEL}, or write the txt flat file.",
        )
    header = {"sellerId": context.seller_id, "version": "2.0", "issueLocale": "en_US"}
    written = 0
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"header": ' + json.dumps(header) + ', "messages": [')
        for product, parentage, themes in _family_rows(products):
            written += 1
            message = _message(written, product, parentage, themes[0], context)
            handle.write(("\n" if written == 1 else ",\n") + _ENCODER.encode(message))
        handle.write("\n]}\n")
    return written


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _message(
    number: int, product: ChannelProduct, parentage: str, theme: str, context: _Context
) -> dict[str, Any]:
    if product.values.get("status") == "archived":
        return {"messageId": number, "sku": product.sku, "operationType": "DELETE"}
    return {
        "messageId": number,
        "sku": product.sku,
        "operationType": "UPDATE",
        "productType": product_type(product, context.settings).upper(),
        "requirements": "LISTING",
        "attributes": _attributes(product, parentage, theme, context),
    }


def _attributes(
    product: ChannelProduct, parentage: str, theme: str, context: _Context
) -> dict[str, Any]:
    market = context.marketplace_id
    language = context.language_tag

    def text(value: str) -> list[dict[str, Any]]:
        return [{"value": value, "language_tag": language, "marketplace_id": market}]

    attributes: dict[str, Any] = {}
    title = flat(product.text("title"))
    if title:
        attributes["item_name"] = text(title)
    brand = flat(product.text("brand"))
    if brand:
        attributes["brand"] = text(brand)
    if parentage != "parent":
        gtin = _gtin(product)
        asin = attribute(product, "asin")
        if gtin:
            attributes["externally_assigned_product_identifier"] = [
                {"type": _ID_TYPES[len(gtin)], "value": gtin, "marketplace_id": market}
            ]
        elif asin:
            attributes["merchant_suggested_asin"] = [{"value": asin, "marketplace_id": market}]
        elif _exempt(product):
            attributes["supplier_declared_has_product_identifier_exemption"] = [
                {"value": True, "marketplace_id": market}
            ]
    mpn = flat(product.text("mpn"))
    if mpn:
        attributes["part_number"] = [{"value": mpn, "marketplace_id": market}]
    bullets = [flat(b) for b in product.values.get("bullets") or ()]
    bullets = [b for b in bullets if b][:MAX_BULLETS]
    if bullets:
        attributes["bullet_point"] = [
            {"value": b, "language_tag": language, "marketplace_id": market} for b in bullets
        ]
    description = common.plain_text(product.text("description"), MAX_DESCRIPTION)
    if description:
        attributes["product_description"] = text(description)
    keywords = " ".join(flat(k) for k in product.values.get("keywords") or ())
    if keywords.strip():
        attributes["generic_keyword"] = text(keywords)
    if parentage != "parent":
        condition = _CONDITIONS.get(product.text("condition") or "new", _CONDITIONS["new"])
        attributes["condition_type"] = [{"value": condition[0], "marketplace_id": market}]
        price = product.money("price")
        if price is not None:
            attributes["purchasable_offer"] = [_offer(product, price, context)]
        stock = product.values.get("stock")
        attributes["fulfillment_availability"] = [
            {
                "fulfillment_channel_code": "DEFAULT",
                "quantity": 0 if stock is None else max(int(stock), 0),
            }
        ]
    if product.images:
        attributes["main_product_image_locator"] = [
            {"media_location": product.images[0], "marketplace_id": market}
        ]
        for n, image in enumerate(product.images[1 : MAX_OTHER_IMAGES + 1], start=1):
            attributes[f"other_product_image_locator_{n}"] = [
                {"media_location": image, "marketplace_id": market}
            ]
    weight = product.money("weight_g")
    if weight is not None and parentage != "parent":
        attributes["item_package_weight"] = [
            {"value": _number(weight), "unit": "grams", "marketplace_id": market}
        ]
    sizes = [product.money(name) for name in ("length_cm", "width_cm", "height_cm")]
    if parentage != "parent" and all(size is not None for size in sizes):
        length, width, height = (
            {"value": _number(size), "unit": "centimeters"} for size in sizes if size is not None
        )
        attributes["item_package_dimensions"] = [
            {"length": length, "width": width, "height": height, "marketplace_id": market}
        ]
    color = color_of(product)
    if color and parentage != "parent":
        attributes["color"] = text(color)
    size = size_of(product)
    if size and parentage != "parent":
        attributes["size"] = text(size)
    if parentage:
        attributes["parentage_level"] = [{"value": parentage, "marketplace_id": market}]
    if parentage == "child" and product.parent_sku:
        attributes["child_parent_sku_relationship"] = [
            {
                "child_relationship_type": "variation",
                "parent_sku": product.parent_sku,
                "marketplace_id": market,
            }
        ]
    if parentage and theme:
        attributes["variation_theme"] = [{"name": theme}]
    return attributes


def _offer(product: ChannelProduct, price: Decimal, context: _Context) -> dict[str, Any]:
    currency = product.text("currency") or context.currency
    offer: dict[str, Any] = {
        "currency": currency,
        "our_price": [{"schedule": [{"value_with_tax": _number(price)}]}],
        "marketplace_id": context.marketplace_id,
    }
    sale = product.money("sale_price")
    dates = _sale_dates(product)
    if sale is not None and dates is not None and sale < price:
        offer["discounted_price"] = [
            {
                "schedule": [
                    {"start_at": dates[0], "end_at": dates[1], "value_with_tax": _number(sale)}
                ]
            }
        ]
    return offer


# ----------------------------------------------------------------------------- flat file
def _write_flat_file(products: Iterable[ChannelProduct], target: Path, context: _Context) -> int:
    written = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t")
        out.writerow(_TEMPLATE_ROW)
        out.writerow(label for _name, label in FLAT_COLUMNS)
        out.writerow(name for name, _label in FLAT_COLUMNS)
        for product, parentage, themes in _family_rows(products):
            out.writerow(_flat_row(product, parentage, themes[1], context))
            written += 1
    return written


def _flat_row(product: ChannelProduct, parentage: str, theme: str, context: _Context) -> list[str]:
    child_or_single = parentage != "parent"
    gtin = _gtin(product) if child_or_single else ""
    asin = attribute(product, "asin") if child_or_single and not gtin else ""
    price = product.money("price") if child_or_single else None
    currency = product.text("currency") or context.currency
    stock = product.values.get("stock")
    condition = _CONDITIONS.get(product.text("condition") or "new", _CONDITIONS["new"])
    images = [line_cell(image) for image in product.images[: MAX_OTHER_IMAGES + 1]]
    images += [""] * (MAX_OTHER_IMAGES + 1 - len(images))
    bullets = [line_cell(b) for b in product.values.get("bullets") or ()][:MAX_BULLETS]
    bullets += [""] * (MAX_BULLETS - len(bullets))
    sale = product.money("sale_price") if child_or_single else None
    dates = _sale_dates(product)
    if sale is None or dates is None or price is None or sale >= price:
        sale, dates = None, None
    weight = product.money("weight_g") if child_or_single else None
    return [
        line_cell(product_type(product, context.settings).lower()),
        line_cell(product.sku),
        line_cell(product.text("brand")),
        line_cell(product.text("title")),
        gtin or asin,
        ("ASIN" if asin else _ID_TYPES[len(gtin)].upper()) if gtin or asin else "",
        line_cell(attribute(product, "item_type") or attribute(product, "amazon_item_type")),
        "" if price is None else common.amount(price, currency),
        currency if price is not None else "",
        "" if stock is None or not child_or_single else str(max(int(stock), 0)),
        condition[1] if child_or_single else "",
        *images,
        *bullets,
        line_cell(common.plain_text(product.text("description"), MAX_DESCRIPTION)),
        line_cell(" ".join(product.values.get("keywords") or ())),
        line_cell(product.text("mpn")),
        "" if sale is None else common.amount(sale, currency),
        "" if dates is None else dates[0][:10],
        "" if dates is None else dates[1][:10],
        parentage.capitalize(),
        line_cell(product.parent_sku or "") if parentage == "child" else "",
        "Variation" if parentage == "child" else "",
        line_cell(theme) if parentage else "",
        line_cell(color_of(product)) if child_or_single else "",
        line_cell(size_of(product)) if child_or_single else "",
        "" if weight is None else format(weight.normalize(), "f"),
        "GR" if weight is not None else "",
        "Delete" if product.values.get("status") == "archived" else "Update",
    ]


def make(taxonomy: Taxonomy) -> FeedChannel:
    return AmazonChannel(taxonomy)
