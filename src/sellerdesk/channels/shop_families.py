"""Product families and product helpers shared by the Shopify and WooCommerce product CSV writers,
which group products the same way (``families.families``), the shop's own
attributes that become options (``shop_attributes``, ``option_names``), web photos, and the
store-currency check.
"""

from __future__ import annotations

from collections.abc import Sequence

from sellerdesk.channels.common import web_url
from sellerdesk.channels.families import CHANNEL_PREFIXES, Family, families
from sellerdesk.channels.model import ChannelProduct, ChannelSettings

#: Attributes that SellerDesk and its importers keep for themselves: never written as options
#: or shop attributes (nor are those kept for one channel, see ``CHANNEL_PREFIXES``).
INTERNAL_ATTRIBUTES = frozenset(
    {
        "description_html",
        "short_description",
        "categories",
        "link",
        "url",
        "identifier_exists",
        "sale_start",
        "sale_end",
        "msrp",
        "asin",
        "variations",
        "connection",
        "product_type",
        "gender",
        "age_group",
    }
)


def shop_attributes(product: ChannelProduct) -> dict[str, str]:
    """The product's own attributes (Color, Size, material...), without SellerDesk's."""
    if not product.attributes:
        return {}
    return {
        name: str(value)
        for name, value in product.attributes.items()
        if value
        and name not in INTERNAL_ATTRIBUTES
        and not name.lower().startswith(CHANNEL_PREFIXES)
    }


def option_names(variants: Sequence[ChannelProduct]) -> list[str]:
    """Attribute names every variant has, keeping those whose values differ between them."""
    if not variants:
        return []
    own = [shop_attributes(variant) for variant in variants]
    common = [name for name in own[0] if all(name in other for other in own[1:])]
    if len(own) > 1:
        differing = [name for name in common if len({values[name] for values in own}) > 1]
        if differing:
            return differing
    return common


# ------------------------------------------------------------------------- product helpers
def web_images(product: ChannelProduct) -> list[str]:
    return [uri for uri in product.images if web_url(uri)]


def is_variant(product: ChannelProduct) -> bool:
    return product.parent_sku is not None


def same_currency(product: ChannelProduct, settings: ChannelSettings) -> bool:
    store = settings.get("currency").upper()
    own = product.text("currency").upper()
    return not store or not own or own == store


__all__ = [
    "INTERNAL_ATTRIBUTES",
    "Family",
    "families",
    "is_variant",
    "option_names",
    "same_currency",
    "shop_attributes",
    "web_images",
]
