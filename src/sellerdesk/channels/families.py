"""Product families (a parent and its variants) as listing channels see them: the options
that tell variants apart, family rules, and rules grouped by the part of a family they look at."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from sellerdesk.channels import common
from sellerdesk.channels.model import (
    ERROR,
    ChannelProblem,
    ChannelProduct,
    Rule,
    Scope,
)

#: Attribute names (lower case) that describe a product rather than tell its variants apart.
_NOT_OPTIONS = frozenset(
    {
        "material",
        "materials",
        "material_type",
        "link",
        "url",
        "identifier_exists",
        "sale_start",
        "sale_end",
        "asin",
        "item_type",
        "feed_product_type",
        "variations",
        "categories",
        "short_description",
        "description_html",
        "size_chart",
        "msrp",
        "mpn",
        "brand",
        "gtin",
        "upc",
        "ean",
        "condition",
        "gender",
        "age_group",
        "supplier_declared_has_product_identifier_exemption",
    }
)
#: Attributes kept for one channel (``ebay_category``, ``etsy_who_made``...) are not options.
CHANNEL_PREFIXES = (
    "amazon_",
    "ebay_",
    "etsy_",
    "google_",
    "meta_",
    "tiktok_",
    "openai_",
    "shopify_",
    "woocommerce_",
    "variation ",
)


def is_option(name: str) -> bool:
    key = name.lower()
    return key not in _NOT_OPTIONS and not key.startswith(CHANNEL_PREFIXES)


def options(product: ChannelProduct) -> list[tuple[str, str]]:
    """What sets a variant apart from its siblings: its option attributes (Color, Size...)."""
    return [
        (name, str(value))
        for name, value in product.attributes.items()
        if value and is_option(name)
    ]


def option_rules(label: str, noun: str, most: int, too_many: str) -> tuple[Rule, Rule]:
    """A variant needs options that set it apart (``noun``: what the channel calls it), and
    at most ``most`` of them (``too_many`` says so)."""
    return (
        Rule(
            "variation.no_options",
            "attributes",
            ERROR,
            f"{label} needs what sets this {noun} apart, e.g. a Color or Size attribute. "
            "Add it under Attributes.",
            lambda p, _s: bool(options(p)),
        ),
        Rule(
            "variation.too_many_options",
            "attributes",
            ERROR,
            too_many,
            lambda p, _s: len(options(p)) <= most,
        ),
    )


def family_options(variants: Sequence[ChannelProduct]) -> list[tuple[str, list[str]]]:
    """The options of a family, each with its values in first-seen order. With several
    variants, options every variant shares (a common material) are left out."""
    found: dict[str, list[str]] = {}
    for variant in variants:
        for name, value in options(variant):
            values = found.setdefault(name, [])
            if value not in values:
                values.append(value)
    if len(variants) > 1:
        varying = {name: values for name, values in found.items() if len(values) > 1}
        if varying:
            found = varying
    return list(found.items())


def option_label(name: str) -> str:
    """An option's name as marketplaces show it (``color`` -> ``Color``)."""
    return name[:1].upper() + name[1:]


def family_photos(parent: ChannelProduct, variants: Sequence[ChannelProduct]) -> list[str]:
    """The parent's photos, then the variants' photos it doesn't have."""
    photos = list(parent.images)
    for variant in variants:
        photos.extend(image for image in variant.images if image not in photos)
    return photos


@dataclass(slots=True)
class Family:
    """A parent (None when it was not among the products) and its variants."""

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
    """Products without a family as they come; a parent with its variants (in the parent's
    order) as soon as all of them have come, whatever the order they come in; the incomplete
    families at the end. Products arrive family by family (the service's id order), so little
    is held at a time."""
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


Listing = tuple[ChannelProduct | None, list[ChannelProduct]]


def listings(products: Iterable[ChannelProduct]) -> Iterator[Listing]:
    """``families`` as listings: ``(product, [])`` for a product on its own, ``(parent,
    variants)`` for a family, and ``(None, [variant])`` for each variant whose parent is not
    among the products."""
    for item in families(products):
        if not isinstance(item, Family):
            yield item, []
        elif item.parent is not None:
            yield item.parent, item.variants
        else:
            for variant in item.variants:
                yield None, [variant]


@dataclass(frozen=True, slots=True)
class FamilyRule:
    """A check over a parent and its variants together (what one product can't show)."""

    code: str
    field: str | None
    severity: str
    message: str
    test: Callable[[ChannelProduct, Sequence[ChannelProduct]], bool]


def run_family_rules(
    channel: str,
    rules: Iterable[FamilyRule],
    parent: ChannelProduct,
    variants: Sequence[ChannelProduct],
) -> list[ChannelProblem]:
    return [
        ChannelProblem(channel, rule.code, rule.field, rule.severity, rule.message)
        for rule in rules
        if not rule.test(parent, variants)
    ]


def attribute(product: ChannelProduct, name: str) -> str:
    value = product.attributes.get(name)
    return "" if value is None else str(value).strip()


def flat(text: str) -> str:
    """``common.one_line`` that skips the work when the text is already on one line."""
    if text and (
        "\t" in text
        or "\n" in text
        or "\r" in text
        or "  " in text
        or "\u00a0" in text
        or text[0] == " "
        or text[-1] == " "
    ):
        return common.one_line(text)
    return text


def line_cell(text: str) -> str:
    """A one-line spreadsheet text cell with formulas neutralized."""
    return common.cell(flat(text)) if text else ""


def scoped(
    listing: Sequence[Rule] = (),
    general: Sequence[Rule] = (),
    variant: Sequence[Rule] = (),
    settings: Sequence[Rule] = (),
) -> tuple[Rule, ...]:
    """A channel's rules from groups by what they look at: ``listing`` rules the listing's own
    row (a product on its own or a parent; those meant for listed items only look at products
    on their own), ``general`` rules keep their scope, ``variant`` rules variants' options and
    ``settings`` rules the settings alone."""
    return (
        *(
            replace(rule, scope=Scope.SINGLE if rule.scope is Scope.LISTED else Scope.LISTING)
            for rule in listing
        ),
        *general,
        *(replace(rule, scope=Scope.VARIANT) for rule in variant),
        *(replace(rule, scope=Scope.SETTINGS) for rule in settings),
    )
