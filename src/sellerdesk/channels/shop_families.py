"""Product families and product helpers shared by the Shopify and WooCommerce product CSV writers,
which group products the same way: a parent with its variants (``families``), the shop's own
attributes that become options (``shop_attributes``, ``option_names``), web photos, and the
store-currency check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sellerdesk.channels.common import web_url
from sellerdesk.channels.families import CHANNEL_PREFIXES
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


# ------------------------------------------------------------------------- family grouping
@dataclass(slots=True)
class Family:
    """A parent (None when it was not among the products written) and its variants."""

    parent_sku: str
    parent: ChannelProduct | None = None
    variants: list[ChannelProduct] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.variants) + (self.parent is not None)


@dataclass(slots=True)
class _Pending:
    parent_sku: str
    parent: ChannelProduct | None = None
    variants: dict[str, ChannelProduct] = field(default_factory=dict)

    def complete(self) -> bool:
        parent = self.parent
        return parent is not None and all(sku in self.variants for sku in parent.variant_skus)

    def family(self) -> Family:
        found = self.variants
        ordered: list[ChannelProduct] = []
        if self.parent is not None:
            ordered = [found.pop(sku) for sku in self.parent.variant_skus if sku in found]
        ordered.extend(found.values())
        return Family(self.parent_sku, self.parent, ordered)


def families(products: Iterable[ChannelProduct]) -> Iterator[ChannelProduct | Family]:
    """Products without a family as they come; a parent with its variants (in the parent's order)
    as soon as all of them have come, the incomplete families at the end."""
    pending: dict[str, _Pending] = {}
    for product in products:
        key = product.sku if product.is_parent else product.parent_sku
        if not key:
            yield product
            continue
        group = pending.get(key)
        if group is None:
            group = pending[key] = _Pending(key)
        if product.is_parent:
            group.parent = product
        else:
            group.variants[product.sku] = product
        if group.complete():
            del pending[key]
            yield group.family()
    for group in pending.values():
        yield group.family()


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
