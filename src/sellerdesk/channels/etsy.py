"""Etsy: the rules Etsy applies to a listing, and the Etsy listings CSV (the layout of Etsy's
own listings download, which SellerDesk's importer reads back).

One row per listing. Etsy's CSV has no rows per variant: a product with variants is one row
whose VARIATION columns list the variants' option values, with the lowest variant price and the
variants' total quantity. Who made the item, when, and its Etsy category have no column: the
seller sets them on Etsy (or keeps them in the attributes ``etsy_who_made``,
``etsy_when_made`` and ``etsy_taxonomy_id`` for later API use).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from sellerdesk.channels import common
from sellerdesk.channels.families import (
    FamilyRule,
    attribute,
    family_options,
    family_photos,
    flat,
    line_cell,
    listings,
    option_label,
    option_rules,
    run_family_rules,
    scoped,
)
from sellerdesk.channels.feed_values import archived_rule, sale_ignored_rule, stock_rule
from sellerdesk.channels.model import (
    ERROR,
    WARNING,
    ChannelProblem,
    ChannelProduct,
    ChannelSettings,
    FeedChannel,
    Rule,
    RulesCheck,
    Scope,
    SettingSpec,
)
from sellerdesk.core.taxonomy import Taxonomy

KEY = "etsy"
LABEL = "Etsy"

MAX_TITLE = 140
MAX_TAGS = 13
MAX_TAG_LENGTH = 20
MAX_MATERIALS = 13
MAX_PHOTOS = 10
MAX_OPTIONS = 2
MAX_CAPS_WORDS = 3
MAX_QUANTITY = 999
MIN_PRICE = Decimal("0.20")
MAX_PRICE = Decimal("50000")
_FORBIDDEN_IN_TITLE = frozenset("$^`")
_ONCE_IN_TITLE = frozenset("%:&+")
#: Tags take letters, numbers, spaces, - ' ™ © ® only.
_BAD_TAG = re.compile(r"[^\w \-'™©®]|_")
_WHO_MADE = frozenset({"i_did", "someone_else", "collective"})
_WHEN_MADE = re.compile(r"made_to_order|before_\d{4}|\d{4}_\d{4}|\d{3}0s")
_MATERIAL_KEYS = ("material", "materials", "material_type")

COLUMNS = (
    "TITLE",
    "DESCRIPTION",
    "PRICE",
    "CURRENCY_CODE",
    "QUANTITY",
    "TAGS",
    "MATERIALS",
    *(f"IMAGE{n}" for n in range(1, MAX_PHOTOS + 1)),
    "VARIATION 1 TYPE",
    "VARIATION 1 NAME",
    "VARIATION 1 VALUES",
    "VARIATION 2 TYPE",
    "VARIATION 2 NAME",
    "VARIATION 2 VALUES",
    "SKU",
)
#: Etsy's own variation properties; any other option is a custom one.
_OPTION_TYPES = {"color": "Color", "colour": "Color", "size": "Size"}


# --------------------------------------------------------------------------------- tests
def materials(product: ChannelProduct) -> list[str]:
    for name, value in product.attributes.items():
        if value and name.lower() in _MATERIAL_KEYS:
            return [part.strip() for part in str(value).split(",") if part.strip()]
    return []


def _few_materials(p: ChannelProduct, _s: ChannelSettings) -> bool:
    if not p.attributes:
        return True
    return len(materials(p)) <= MAX_MATERIALS


def _caps_ok(p: ChannelProduct, _s: ChannelSettings) -> bool:
    title = p.text("title")
    return sum(1 for word in title.split() if len(word) > 1 and word.isupper()) <= MAX_CAPS_WORDS


def _symbols_once(p: ChannelProduct, _s: ChannelSettings) -> bool:
    title = p.text("title")
    if _ONCE_IN_TITLE.isdisjoint(title):
        return True
    return all(title.count(mark) <= 1 for mark in _ONCE_IN_TITLE)


def _tags_valid(p: ChannelProduct, _s: ChannelSettings) -> bool:
    tags = p.values.get("keywords")
    return not tags or _BAD_TAG.search("".join(tags)) is None


def _price_range(p: ChannelProduct, _s: ChannelSettings) -> tuple[bool, bool]:
    price = p.values.get("price")
    if price is None:
        return True, True
    value = Decimal(price)
    return value >= MIN_PRICE, value <= MAX_PRICE


def _quantity_ok(p: ChannelProduct, _s: ChannelSettings) -> bool:
    stock = p.values.get("stock")
    if stock is None:
        return True
    lowest = 0 if p.parent_sku is not None else 1
    return lowest <= int(stock) <= MAX_QUANTITY


def _shop_currency(p: ChannelProduct, s: ChannelSettings) -> bool:
    shop = s.get("currency")
    return not shop or p.values.get("currency") == shop


def _details_set(p: ChannelProduct, _s: ChannelSettings) -> bool:
    attributes = p.attributes
    return bool(
        attributes.get("etsy_who_made")
        and attributes.get("etsy_when_made")
        and attributes.get("etsy_taxonomy_id")
    )


def _details_valid(p: ChannelProduct, _s: ChannelSettings) -> bool:
    attributes = p.attributes
    if not (
        attributes.get("etsy_who_made")
        or attributes.get("etsy_when_made")
        or attributes.get("etsy_taxonomy_id")
    ):
        return True
    who = attribute(p, "etsy_who_made")
    when = attribute(p, "etsy_when_made")
    taxonomy_id = attribute(p, "etsy_taxonomy_id")
    return (
        (not who or who in _WHO_MADE)
        and (not when or _WHEN_MADE.fullmatch(when) is not None)
        and (not taxonomy_id or taxonomy_id.isdigit())
    )


def _same_prices(_parent: ChannelProduct, variants: Sequence[ChannelProduct]) -> bool:
    prices = {v.money("price") for v in variants if v.values.get("price") is not None}
    return len(prices) <= 1


class EtsyChannel(RulesCheck):
    key = KEY
    label = LABEL
    formats: tuple[str, ...] = ("csv",)
    settings: tuple[SettingSpec, ...] = (
        SettingSpec(
            "currency",
            "Shop currency",
            "The currency of your Etsy shop (Shop Manager ▸ Settings ▸ Info & Appearance), "
            "e.g. USD. Prices must be in it.",
            required=True,
        ),
    )

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.categories = common.CategoryResolver(taxonomy)
        self.rules: tuple[Rule, ...] = scoped(
            listing=self._listing_rules(),
            general=self._product_rules(),
            variant=self._variation_rules(),
            settings=(common.setting_rule(LABEL, "currency", "your shop's currency"),),
        )
        self.family_rules: tuple[FamilyRule, ...] = (
            FamilyRule(
                "variants.prices_differ",
                "price",
                WARNING,
                f"{LABEL}'s CSV holds one price per listing and these variants' prices "
                "differ: the listing gets the lowest. Set the other prices on Etsy after the "
                "upload, or give the variants one Price.",
                _same_prices,
            ),
        )

    def _listing_rules(self) -> tuple[Rule, ...]:
        """Rules on what the listing row carries (a product on its own, or a parent)."""
        return (
            Rule(
                "title.missing",
                "title",
                ERROR,
                f"{LABEL} needs a title. Fill in Title.",
                lambda p, _s: bool(p.values.get("title")),
            ),
            Rule(
                "title.too_long",
                "title",
                ERROR,
                f"{LABEL} allows at most {MAX_TITLE} characters in a title. Shorten Title.",
                lambda p, _s: len(p.values.get("title") or "") <= MAX_TITLE,
            ),
            Rule(
                "title.bad_characters",
                "title",
                ERROR,
                f"{LABEL} doesn't allow $, ^ or ` in a title. Remove them from Title.",
                lambda p, _s: _FORBIDDEN_IN_TITLE.isdisjoint(p.values.get("title") or ""),
            ),
            Rule(
                "title.repeated_symbols",
                "title",
                ERROR,
                f"{LABEL} allows each of %, :, & and + only once in a title. Edit Title.",
                _symbols_once,
            ),
            Rule(
                "title.all_caps",
                "title",
                WARNING,
                f"{LABEL} asks for titles with at most {MAX_CAPS_WORDS} words in capitals. "
                "Write Title in normal case.",
                _caps_ok,
            ),
            Rule(
                "description.missing",
                "description",
                ERROR,
                f"{LABEL} needs a description. Fill in Description.",
                lambda p, _s: bool(p.values.get("description")),
            ),
            Rule(
                "keywords.missing",
                "keywords",
                WARNING,
                f"{LABEL} search finds listings by their tags. Add up to {MAX_TAGS} Keywords.",
                lambda p, _s: bool(p.values.get("keywords")),
            ),
            Rule(
                "keywords.too_many",
                "keywords",
                WARNING,
                f"{LABEL} takes at most {MAX_TAGS} tags; only the first {MAX_TAGS} Keywords "
                "are sent. Remove some Keywords.",
                lambda p, _s: len(p.values.get("keywords") or ()) <= MAX_TAGS,
            ),
            Rule(
                "keywords.too_long",
                "keywords",
                ERROR,
                f"{LABEL} allows at most {MAX_TAG_LENGTH} characters in a tag. Shorten the "
                "long Keywords.",
                lambda p, _s: all(
                    len(tag) <= MAX_TAG_LENGTH for tag in p.values.get("keywords") or ()
                ),
            ),
            Rule(
                "keywords.bad_characters",
                "keywords",
                ERROR,
                f"{LABEL} tags take only letters, numbers, spaces, - and '. Edit Keywords.",
                _tags_valid,
            ),
            Rule(
                "materials.too_many",
                "attributes",
                WARNING,
                f"{LABEL} takes at most {MAX_MATERIALS} materials; only the first "
                f"{MAX_MATERIALS} are sent. Shorten the material attribute.",
                _few_materials,
            ),
            Rule(
                "images.missing",
                "images",
                ERROR,
                f"{LABEL} needs at least 1 photo. Add a photo in the Product Editor.",
                lambda p, _s: bool(p.images),
            ),
            Rule(
                "images.not_web",
                "images",
                ERROR,
                f"{LABEL} fetches photos from the web: they need https:// addresses. Upload "
                "the photos to your shop and use those addresses.",
                lambda p, _s: all(common.web_url(image) for image in p.images),
            ),
            Rule(
                "images.too_many",
                "images",
                WARNING,
                f"{LABEL} takes at most {MAX_PHOTOS} photos; only the first {MAX_PHOTOS} are "
                "sent. Remove some photos.",
                lambda p, _s: len(p.images) <= MAX_PHOTOS,
            ),
            Rule(
                "etsy_details.missing",
                "attributes",
                WARNING,
                f"{LABEL} needs who made the item, when it was made and its Etsy category; "
                "the CSV has no place for them. Set them on Etsy after the upload (or keep "
                "them in the attributes etsy_who_made, etsy_when_made and etsy_taxonomy_id).",
                _details_set,
                suggest=self._category_hint,
            ),
            Rule(
                "etsy_details.invalid",
                "attributes",
                WARNING,
                f"{LABEL} takes etsy_who_made as i_did, someone_else or collective, "
                "etsy_when_made like made_to_order or 2020_2025, and etsy_taxonomy_id as a "
                "number. Correct those attributes.",
                _details_valid,
            ),
        )

    def _product_rules(self) -> tuple[Rule, ...]:
        """Rules on each sellable product (prices and quantities are per variant)."""
        return (
            Rule(
                "price.missing",
                "price",
                ERROR,
                f"{LABEL} needs a price. Fill in Price.",
                lambda p, _s: p.values.get("price") is not None,
                scope=Scope.LISTED,
            ),
            Rule(
                "price.too_low",
                "price",
                ERROR,
                f"{LABEL} needs a price of at least {MIN_PRICE}. Raise Price.",
                lambda p, s: _price_range(p, s)[0],
                scope=Scope.LISTED,
            ),
            Rule(
                "price.too_high",
                "price",
                ERROR,
                f"{LABEL} allows prices up to {MAX_PRICE:,}. Lower Price.",
                lambda p, s: _price_range(p, s)[1],
                scope=Scope.LISTED,
            ),
            Rule(
                "currency.shop",
                "currency",
                ERROR,
                f"{LABEL} needs prices in your shop's currency (Settings ▸ Channels ▸ "
                f"{LABEL}). Change Currency.",
                _shop_currency,
                scope=Scope.LISTED,
            ),
            sale_ignored_rule(
                f"{LABEL}'s CSV has no sale price: the listing uses Price. Run a sale on Etsy "
                "(Marketing ▸ Sales and discounts), or clear Sale price."
            ),
            stock_rule(LABEL, ERROR, f"{LABEL} needs the quantity you have. Fill in Stock."),
            Rule(
                "stock.out_of_range",
                "stock",
                ERROR,
                f"{LABEL} lists 1 to {MAX_QUANTITY} of an item (a variant may have 0); a "
                "sold-out product can't be listed. Change Stock.",
                _quantity_ok,
                scope=Scope.LISTED,
            ),
            archived_rule(f"the {LABEL} file leaves it out. Set Status to active to list it."),
        )

    def _variation_rules(self) -> tuple[Rule, ...]:
        """Rules on a variant's options (the listing's VARIATION columns)."""
        return (
            *option_rules(
                LABEL,
                "variant",
                MAX_OPTIONS,
                f"{LABEL} listings vary by at most {MAX_OPTIONS} options (e.g. Color and "
                "Size). Remove the other option attributes.",
            ),
        )

    def _category_hint(self, product: ChannelProduct) -> str | None:
        category = self.categories.of(product)
        if category is None:
            return self.categories.suggestion(product)
        return f"Your Google category is “{category.path}”: pick the Etsy category closest to it."

    def check_family(
        self, parent: ChannelProduct, variants: Sequence[ChannelProduct]
    ) -> list[ChannelProblem]:
        """Problems of a parent and its variants together (attach them to the parent)."""
        return run_family_rules(self.key, self.family_rules, parent, variants)

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        common.chosen_format(LABEL, self.formats, fmt)
        shop_currency = settings.get("currency")
        written = 0
        with target.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(COLUMNS)
            for parent, variants in listings(products):
                if parent is None or parent.values.get("status") == "archived":
                    continue
                if parent.is_parent and not variants:
                    continue
                out.writerow(_row(parent, variants, shop_currency))
                written += 1
        return written


def _row(product: ChannelProduct, variants: list[ChannelProduct], shop_currency: str) -> list[str]:
    currency = shop_currency or product.text("currency") or "USD"
    sellable = variants or [product]
    prices = [Decimal(v.values["price"]) for v in sellable if v.values.get("price") is not None]
    price = min(prices) if prices else None
    stocks = [int(v.values["stock"]) for v in sellable if v.values.get("stock") is not None]
    quantity = sum(max(stock, 0) for stock in stocks)
    photos = family_photos(product, variants)[:MAX_PHOTOS]
    tags = [flat(tag).replace(",", " ") for tag in product.values.get("keywords") or ()]
    row = [
        line_cell(product.text("title")),
        common.cell(common.plain_text(product.text("description"))),
        "" if price is None else common.amount(price, currency),
        currency,
        str(quantity) if stocks else "",
        common.cell(",".join(tags[:MAX_TAGS])),
        common.cell(",".join(materials(product)[:MAX_MATERIALS])),
        *(common.cell(photo) for photo in photos),
        *([""] * (MAX_PHOTOS - len(photos))),
    ]
    axes = family_options(variants)[:MAX_OPTIONS] if variants else []
    for name, values in axes:
        row.extend(
            (
                _OPTION_TYPES.get(name.lower(), "Custom"),
                line_cell(option_label(name)),
                common.cell(",".join(v.replace(",", " ") for v in values)),
            )
        )
    row.extend([""] * (3 * (MAX_OPTIONS - len(axes))))
    row.append(common.cell(product.sku))
    return row


def make(taxonomy: Taxonomy) -> FeedChannel:
    return EtsyChannel(taxonomy)
