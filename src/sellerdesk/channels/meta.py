"""Meta (Facebook & Instagram) catalog: the data-feed rules and the catalog CSV (one row per item,
variants grouped by ``item_group_id``; parents of variants are not written; every text cell is
safe to open in a spreadsheet)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from sellerdesk.channels.common import (
    CategoryResolver,
    cell,
    chosen_format,
    image_rules,
    max_length,
    plain_text,
    price_rules,
    price_with_currency,
    required,
)
from sellerdesk.channels.feed_values import (
    attribute,
    condition_rule,
    gtin_rule,
    id_max_length,
    link_rule,
    number,
    photo_limit,
    plain_max_length,
    sale_dates_rule,
    sale_period,
    stock_rule,
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
from sellerdesk.core.taxonomy import Taxonomy

CHANNEL = "Meta"
MAX_ADDITIONAL_IMAGES = 20
VARIANT_ATTRIBUTES = ("color", "size", "pattern", "material", "gender", "age_group")

COLUMNS = (
    "id",
    "title",
    "description",
    "availability",
    "condition",
    "price",
    "link",
    "image_link",
    "brand",
    "google_product_category",
    "product_type",
    "additional_image_link",
    "sale_price",
    "sale_price_effective_date",
    "item_group_id",
    "color",
    "size",
    "gender",
    "age_group",
    "material",
    "pattern",
    "gtin",
    "mpn",
    "quantity_to_sell_on_facebook",
    "shipping_weight",
)

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "product_url",
        "Product page address",
        "Your shop's product page with {sku} or {handle}, e.g. "
        "https://myshop.com/products/{handle}",
        required=True,
    ),
)


def _variant_has_option(product: ChannelProduct, _settings: ChannelSettings) -> bool:
    return any(attribute(product, name) for name in VARIANT_ATTRIBUTES)


def _rules(resolver: CategoryResolver) -> tuple[Rule, ...]:
    return (
        id_max_length(CHANNEL, 100, "content id"),
        required(CHANNEL, "title"),
        max_length(CHANNEL, "title", 200),
        required(CHANNEL, "description"),
        plain_max_length(CHANNEL, "description", 9999),
        link_rule(CHANNEL),
        *image_rules(CHANNEL),
        photo_limit(CHANNEL, MAX_ADDITIONAL_IMAGES + 1, scope=Scope.LISTED),
        *price_rules(CHANNEL),
        stock_rule(CHANNEL),
        sale_dates_rule(CHANNEL),
        required(CHANNEL, "condition"),
        condition_rule(CHANNEL),
        Rule(
            "brand.missing",
            "brand",
            ERROR,
            f"{CHANNEL} needs a brand, a GTIN or an MPN. Fill in Brand (for your own or handmade "
            "products, use your shop's name).",
            lambda p, _s: bool(
                p.values.get("brand") or p.values.get("gtin") or p.values.get("mpn")
            ),
        ),
        max_length(CHANNEL, "brand", 100),
        gtin_rule(CHANNEL),
        resolver.rule(CHANNEL),
        Rule(
            "variant.options",
            "attributes",
            WARNING,
            f"{CHANNEL} groups variants by what differs between them: give each variant a color, "
            "size, pattern, material, gender or age_group attribute in the Product Editor.",
            _variant_has_option,
            scope=Scope.VARIANT,
        ),
    )


class MetaChannel(RulesCheck):
    """Meta catalog data feed (CSV)."""

    key: str = "meta"
    label: str = "Meta (Facebook & Instagram) catalog"
    formats: tuple[str, ...] = ("csv",)
    settings: tuple[SettingSpec, ...] = SETTINGS

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.resolver = CategoryResolver(taxonomy)
        self.rules: tuple[Rule, ...] = _rules(self.resolver)

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        fmt = chosen_format(self.label, self.formats, fmt)
        written = 0
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(COLUMNS)
            chunk: list[list[str]] = []
            for product in products:
                if product.is_parent:
                    continue
                chunk.append(self._row(product, settings))
                written += 1
                if len(chunk) >= 1000:
                    writer.writerows(chunk)
                    chunk.clear()
            writer.writerows(chunk)
        return written

    def _row(self, product: ChannelProduct, settings: ChannelSettings) -> list[str]:
        values = product.values
        currency = product.text("currency")
        price = values.get("price") if currency else None
        sale = values.get("sale_price") if price is not None else None
        stock = values.get("stock")
        weight = values.get("weight_g")
        category = self.resolver.of(product)
        images = product.images
        description = values.get("description")
        row = {
            "id": product.sku,
            "title": product.text("title"),
            "description": plain_text(str(description), 9999) if description else "",
            "availability": "out of stock" if stock is not None and stock <= 0 else "in stock",
            "condition": product.text("condition"),
            "price": price_with_currency(price, currency) if price is not None else "",
            "link": settings.product_url(product),
            "image_link": images[0] if images else "",
            "brand": product.text("brand"),
            "google_product_category": str(category.id) if category else "",
            "product_type": product.text("category_path") or (category.path if category else ""),
            "additional_image_link": ",".join(images[1 : MAX_ADDITIONAL_IMAGES + 1]),
            "sale_price": price_with_currency(sale, currency) if sale is not None else "",
            "sale_price_effective_date": sale_period(product) if sale is not None else "",
            "item_group_id": product.parent_sku or "",
            "gtin": product.text("gtin"),
            "mpn": product.text("mpn"),
            "quantity_to_sell_on_facebook": str(max(int(stock), 0)) if stock is not None else "",
            "shipping_weight": f"{number(weight)} g" if weight is not None else "",
        }
        for name in VARIANT_ATTRIBUTES:
            row[name] = attribute(product, name)
        return [cell(row[name]) for name in COLUMNS]


def make(taxonomy: Taxonomy) -> MetaChannel:
    return MetaChannel(taxonomy)
