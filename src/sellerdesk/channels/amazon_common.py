"""Amazon: what the channel's rules and its two file writers share — the channel's key and
label, the marketplaces, Amazon's limits, the product lookups (color, size, product type,
product ID, sale dates) and the family rows (parentage and variation theme) both files are
written from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sellerdesk.channels.families import attribute, listings
from sellerdesk.channels.feed_values import sale_dates_valid
from sellerdesk.channels.model import ChannelProduct, ChannelSettings

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
    for parent, variants in listings(products):
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
