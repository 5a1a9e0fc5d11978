"""ChatGPT (OpenAI product feed): the flat product feed rules and the gzip-compressed feed file,
one JSON object per line (``jsonl.gz``) or comma-separated (``csv.gz``).

Two field sets exist: the current spec (``item_id``, ``url``, ``is_eligible_search`` /
``is_eligible_checkout``...) and the original one (``id``, ``link``, ``enable_search`` /
``enable_checkout``...); the ``spec`` setting picks one. One row per purchasable item: variants
carry their parent's SKU as the group id, parents are not written. Unknown values are left out
(an absent key, an empty cell), never written as placeholders."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sellerdesk.channels.common import (
    CategoryResolver,
    availability,
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
    identifier_rule,
    link_rule,
    number,
    plain_max_length,
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
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.taxonomy import Taxonomy

CHANNEL = "ChatGPT"
CURRENT = "current"
ORIGINAL = "original"
CHECKOUT_POLICIES = ("privacy_policy_url", "terms_url", "return_policy_url")


@dataclass(frozen=True, slots=True)
class Spec:
    """The field names of one version of the flat feed spec, in file order."""

    search: str
    checkout: str
    id: str
    link: str
    image: str
    images: str
    group: str
    columns: tuple[str, ...]


SPECS = {
    CURRENT: Spec(
        "is_eligible_search",
        "is_eligible_checkout",
        "item_id",
        "url",
        "image_url",
        "additional_image_urls",
        "group_id",
        (
            "is_eligible_search",
            "is_eligible_checkout",
            "item_id",
            "title",
            "description",
            "url",
            "brand",
            "image_url",
            "additional_image_urls",
            "price",
            "sale_price",
            "availability",
            "inventory_quantity",
            "condition",
            "product_category",
            "gtin",
            "mpn",
            "group_id",
            "listing_has_variations",
            "color",
            "size",
            "material",
            "seller_name",
            "seller_url",
            "seller_privacy_policy",
            "seller_tos",
            "return_policy",
            "store_country",
            "target_countries",
        ),
    ),
    ORIGINAL: Spec(
        "enable_search",
        "enable_checkout",
        "id",
        "link",
        "image_link",
        "additional_image_link",
        "item_group_id",
        (
            "enable_search",
            "enable_checkout",
            "id",
            "title",
            "description",
            "link",
            "brand",
            "image_link",
            "additional_image_link",
            "price",
            "sale_price",
            "sale_price_effective_date",
            "availability",
            "inventory_quantity",
            "condition",
            "product_category",
            "gtin",
            "mpn",
            "item_group_id",
            "color",
            "size",
            "material",
            "weight",
            "seller_name",
            "seller_url",
            "seller_privacy_policy",
            "seller_tos",
            "return_policy",
            "return_window",
        ),
    ),
}

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "spec",
        "Feed spec",
        "The field set OpenAI gave you at onboarding: current (is_eligible_search) or "
        "original (enable_search).",
        default=CURRENT,
        choices=(CURRENT, ORIGINAL),
    ),
    SettingSpec("seller_name", "Shop name", "Shown to shoppers as the seller.", required=True),
    SettingSpec(
        "product_url",
        "Product page address",
        "Your shop's product page with {sku} or {handle}, e.g. "
        "https://myshop.com/products/{handle}",
        required=True,
    ),
    SettingSpec("shop_url", "Shop address", "Your shop's home page."),
    SettingSpec("country", "Store country", "Two-letter code of the country you sell from (US)."),
    SettingSpec(
        "target_countries",
        "Countries you sell to",
        "Two-letter codes separated by commas; blank: the store country.",
    ),
    SettingSpec(
        "enable_checkout",
        "Checkout in ChatGPT",
        "yes only once OpenAI has approved checkout for your shop.",
        default="no",
        choices=("no", "yes"),
    ),
    SettingSpec("privacy_policy_url", "Privacy policy address", "Needed for checkout."),
    SettingSpec("terms_url", "Terms of service address", "Needed for checkout."),
    SettingSpec("return_policy_url", "Return policy address", "Needed for checkout."),
    SettingSpec("return_days", "Return window (days)", "Written with the original spec."),
)


def _checkout_on(settings: ChannelSettings) -> bool:
    return settings.get("enable_checkout").lower() == "yes"


def _checkout_setting(key: str, words: str) -> Rule:
    return Rule(
        f"setting.{key}",
        None,
        ERROR,
        f"{CHANNEL} checkout needs {words}. Fill it in under Settings ▸ Channels ▸ {CHANNEL}, "
        "or turn checkout off.",
        lambda _p, s: bool(s.get(key)) or not _checkout_on(s),
        scope=Scope.SETTINGS,
    )


def _short_attribute(name: str, limit: int) -> Rule:
    return Rule(
        f"{name}.too_long",
        "attributes",
        ERROR,
        f"{CHANNEL} allows at most {limit} characters in the {name}. Shorten the attribute "
        f"{name} in the Product Editor.",
        lambda p, _s: len(attribute(p, name)) <= limit,
    )


def _rules(resolver: CategoryResolver) -> tuple[Rule, ...]:
    return (
        id_max_length(CHANNEL, 100),
        required(CHANNEL, "title"),
        max_length(CHANNEL, "title", 150),
        required(CHANNEL, "description"),
        plain_max_length(CHANNEL, "description", 5000),
        link_rule(CHANNEL),
        required(CHANNEL, "brand"),
        max_length(CHANNEL, "brand", 70),
        *image_rules(CHANNEL),
        *price_rules(CHANNEL),
        stock_rule(CHANNEL),
        gtin_rule(CHANNEL),
        identifier_rule(CHANNEL),
        max_length(CHANNEL, "mpn", 70),
        condition_rule(CHANNEL),
        resolver.rule(CHANNEL),
        _short_attribute("color", 40),
        _short_attribute("size", 20),
        _short_attribute("material", 100),
        Rule(
            "setting.seller_name",
            None,
            ERROR,
            f"{CHANNEL} needs your shop's name (at most 70 characters). Fill it in under "
            f"Settings ▸ Channels ▸ {CHANNEL}.",
            lambda _p, s: 0 < len(s.get("seller_name")) <= 70,
            scope=Scope.SETTINGS,
        ),
        Rule(
            "setting.country",
            None,
            WARNING,
            f"{CHANNEL} wants the country your store sells from. Fill in Store country under "
            f"Settings ▸ Channels ▸ {CHANNEL}.",
            lambda _p, s: bool(s.get("country")),
            scope=Scope.SETTINGS,
        ),
        _checkout_setting("privacy_policy_url", "your privacy policy's address"),
        _checkout_setting("terms_url", "your terms of service's address"),
        _checkout_setting("return_policy_url", "your return policy's address"),
    )


class OpenAIFeedChannel(RulesCheck):
    """The ChatGPT product feed (jsonl.gz or csv.gz, current or original spec)."""

    key: str = "openai"
    label: str = "ChatGPT (OpenAI product feed)"
    formats: tuple[str, ...] = ("jsonl.gz", "csv.gz")
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
        spec = SPECS.get(settings.get("spec", CURRENT).lower())
        if spec is None:
            raise InvalidValueError(
                f"unknown {self.label} spec {settings.get('spec')!r}",
                f"Set Feed spec to {CURRENT} or {ORIGINAL}.",
            )
        written = 0
        # a fixed name and time in the gzip header: the same catalog gives the same bytes
        with (
            target.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed,
            io.TextIOWrapper(packed, encoding="utf-8", newline="") as out,
        ):
            if fmt == "csv.gz":
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(spec.columns)
                for item in self.items(products, settings, spec):
                    writer.writerow([_csv(item.get(name)) for name in spec.columns])
                    written += 1
            else:
                for item in self.items(products, settings, spec):
                    out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
                    out.write("\n")
                    written += 1
        return written

    def items(
        self, products: Iterable[ChannelProduct], settings: ChannelSettings, spec: Spec
    ) -> Iterator[dict[str, Any]]:
        """One feed record per listed item, unknown values left out, keys in file order."""
        seller = _seller_fields(settings, spec)
        checkout = _checkout_on(settings) and all(settings.get(k) for k in CHECKOUT_POLICIES)
        for product in products:
            if product.is_parent:
                continue
            record = self._record(product, settings, spec, checkout)
            record.update(seller)
            yield {name: record[name] for name in spec.columns if name in record}

    def _record(
        self, product: ChannelProduct, settings: ChannelSettings, spec: Spec, checkout: bool
    ) -> dict[str, Any]:
        values = product.values
        searchable = values.get("status") in (None, "active")
        record: dict[str, Any] = {
            spec.search: searchable,
            spec.checkout: searchable and checkout,
            spec.id: product.sku,
        }
        title = product.text("title")
        if title:
            record["title"] = title
        description = values.get("description")
        if description:
            record["description"] = plain_text(str(description), 5000)
        link = settings.product_url(product)
        if link:
            record[spec.link] = link
        brand = product.text("brand")
        if brand:
            record["brand"] = brand
        if product.images:
            record[spec.image] = product.images[0]
            if len(product.images) > 1:
                record[spec.images] = list(product.images[1:])
        currency = product.text("currency")
        price = values.get("price")
        if price is not None and currency:
            record["price"] = price_with_currency(price, currency)
            sale = values.get("sale_price")
            if sale is not None:
                record["sale_price"] = price_with_currency(sale, currency)
                period = sale_period(product)
                if period:
                    record["sale_price_effective_date"] = period
        record["availability"] = availability(product)
        stock = values.get("stock")
        if stock is not None:
            record["inventory_quantity"] = max(int(stock), 0)
        condition = product.text("condition")
        if condition:
            record["condition"] = condition
        category = self.resolver.of(product)
        path = category.path if category is not None else product.text("category_path")
        if path:
            record["product_category"] = path
        for name in ("gtin", "mpn"):
            text = product.text(name)
            if text:
                record[name] = text
        if product.parent_sku:
            record[spec.group] = product.parent_sku
            record["listing_has_variations"] = True
        for name in ("color", "size", "material"):
            text = attribute(product, name)
            if text:
                record[name] = text
        weight = values.get("weight_g")
        if weight is not None:
            record["weight"] = f"{number(weight)} g"
        return record


def _seller_fields(settings: ChannelSettings, spec: Spec) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, key in (
        ("seller_name", "seller_name"),
        ("seller_url", "shop_url"),
        ("seller_privacy_policy", "privacy_policy_url"),
        ("seller_tos", "terms_url"),
        ("return_policy", "return_policy_url"),
    ):
        value = settings.get(key).strip()
        if value:
            fields[name] = value
    country = settings.get("country").strip().upper()
    if country:
        fields["store_country"] = country
    targets = [c.strip().upper() for c in settings.get("target_countries").split(",") if c.strip()]
    if targets or country:
        fields["target_countries"] = targets or [country]
    days = settings.get("return_days").strip()
    if days.isdigit():
        fields["return_window"] = int(days)
    return {name: value for name, value in fields.items() if name in spec.columns}


def _csv(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        return cell(",".join(str(v) for v in value))
    return cell(str(value))


def make(taxonomy: Taxonomy) -> OpenAIFeedChannel:
    return OpenAIFeedChannel(taxonomy)
