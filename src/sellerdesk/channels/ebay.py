"""eBay File Exchange: the rules eBay applies to a listing, and the File Exchange CSV that
Seller Hub ▸ Reports ▸ Uploads takes (and SellerDesk's importer reads back).

One row per listing. A product with variants is a listing row followed by one
``Relationship=Variation`` row per variant; the listing row names the options
(``Color=Red;Blue|Size=M;L``), each variation row its own values (``Color=Red|Size=M``).
eBay categories are eBay's own numbers (attribute ``ebay_category``): a Google category can't be
converted offline, so a missing number is an error that names the product's Google category.

The helpers for families of variants (``listings``, ``options``, ``family_options``,
``FamilyRule``), for cells (``flat``, ``line_cell``) and ``scoped`` are shared with the
Amazon and Etsy modules.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    options,
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
from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.taxonomy import Taxonomy

KEY = "ebay"
LABEL = "eBay File Exchange"
NAME = "eBay"


# ---------------------------------------------------------------------------------- site
@dataclass(frozen=True, slots=True)
class Site:
    site_id: str
    country: str
    currency: str
    #: item-specific names for Brand, MPN, Type, Color, Size, Material, Style, Pattern,
    #: Model, Department (eBay names them in the site's language)
    specifics: tuple[str, ...]


_ENGLISH = ("Brand", "MPN", "Type", "Color", "Size", "Material", "Style", "Pattern", "Model")
SITES = {
    "US": Site("US", "US", "USD", (*_ENGLISH, "Department")),
    "UK": Site("UK", "GB", "GBP", (*_ENGLISH[:3], "Colour", *_ENGLISH[4:], "Department")),
    "DE": Site(
        "Germany",
        "DE",
        "EUR",
        (
            "Marke",
            "Herstellernummer",
            "Produktart",
            "Farbe",
            "Größe",
            "Material",
            "Stil",
            "Muster",
            "Modell",
            "Abteilung",
        ),
    ),
}
#: attribute name (lower case, without a ``C:`` prefix) -> index in Site.specifics
_SPECIFIC_INDEX = {
    "type": 2,
    "product type": 2,
    "color": 3,
    "colour": 3,
    "color_name": 3,
    "size": 4,
    "size_name": 4,
    "material": 5,
    "materials": 5,
    "material_type": 5,
    "style": 6,
    "pattern": 7,
    "model": 8,
    "department": 9,
}
_CONDITION_IDS = {"new": "1000", "refurbished": "2500", "used": "3000"}
MAX_TITLE = 80
MAX_PHOTOS = 24
MAX_OPTIONS = 5
MAX_VARIATIONS = 250
MAX_DESCRIPTION = 500_000
MIN_PRICE = Decimal("0.99")
_ACTIVE_CONTENT = ("<script", "<iframe", "<object", "<embed", "<form", "<applet", "javascript:")
_RELATIONSHIP_MARKS = frozenset("|;=")
_HTML_TAG = re.compile(r"<[A-Za-z/!][^>]*>")


def site_of(settings: ChannelSettings) -> Site:
    code = settings.get("site", "US").upper()
    site = SITES.get(code)
    if site is None:
        raise InvalidValueError(
            f"eBay site {code!r} is not one SellerDesk writes files for",
            f"Pick {', '.join(SITES)} under Settings ▸ Channels ▸ {NAME}.",
        )
    return site


# --------------------------------------------------------------------------------- tests
def _category_ok(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return attribute(p, "ebay_category").isdigit()


def _active_content_free(p: ChannelProduct, _s: ChannelSettings) -> bool:
    text = p.values.get("description")
    if not text or ("<" not in text and ":" not in text):
        return True
    lower = text.lower()
    return not any(mark in lower for mark in _ACTIVE_CONTENT)


def _currency_ok(p: ChannelProduct, s: ChannelSettings) -> bool:
    site = SITES.get(s.get("site", "US").upper())
    return site is None or p.values.get("currency") == site.currency


def _photos_https(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return all(image.startswith("https://") for image in p.images)


def _stock_listed(p: ChannelProduct, _s: ChannelSettings) -> bool:
    stock = p.values.get("stock")
    return stock is None or int(stock) > 0


def _plain_options(p: ChannelProduct, _s: ChannelSettings) -> bool:
    return all(_RELATIONSHIP_MARKS.isdisjoint(n + v) for n, v in options(p))


def _price_reasonable(p: ChannelProduct, _s: ChannelSettings) -> bool:
    price = p.values.get("price")
    return price is None or Decimal(price) >= MIN_PRICE


def _setting(key: str, words: str, severity: str = ERROR) -> Rule:
    return Rule(
        f"setting.{key}",
        None,
        severity,
        f"{words}. Fill it in under Settings ▸ Channels ▸ {LABEL}.",
        lambda _p, s: bool(s.get(key)),
    )


def _same_options(_parent: ChannelProduct, variants: Sequence[ChannelProduct]) -> bool:
    names = {tuple(sorted(name for name, _ in options(v))) for v in variants}
    return len(names) <= 1


class EbayChannel(RulesCheck):
    key = KEY
    label = LABEL
    formats: tuple[str, ...] = ("csv",)
    settings: tuple[SettingSpec, ...] = (
        SettingSpec(
            "site",
            "eBay site",
            "Where the listings go: US (ebay.com, USD), UK (ebay.co.uk, GBP) or DE (ebay.de, EUR).",
            required=True,
            default="US",
            choices=tuple(SITES),
        ),
        SettingSpec(
            "location",
            "Item location",
            "The postal code or city your items ship from, e.g. 97201 or Portland, OR.",
            required=True,
        ),
        SettingSpec(
            "shipping_profile",
            "Shipping policy",
            "The name of your eBay shipping policy (Seller Hub ▸ Account ▸ Business policies).",
            required=True,
        ),
        SettingSpec(
            "return_profile",
            "Return policy",
            "The name of your eBay return policy (Seller Hub ▸ Account ▸ Business policies).",
            required=True,
        ),
        SettingSpec(
            "payment_profile",
            "Payment policy",
            "The name of your eBay payment policy, if you use one.",
        ),
    )

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.categories = common.CategoryResolver(taxonomy)
        self.rules: tuple[Rule, ...] = scoped(
            listing=self._listing_rules(),
            general=self._product_rules(),
            variant=self._variation_rules(),
            settings=(
                _setting("location", f"{NAME} needs the location your items ship from"),
                _setting("shipping_profile", f"{NAME} needs the name of your shipping policy"),
                _setting("return_profile", f"{NAME} needs the name of your return policy"),
                _setting(
                    "payment_profile",
                    f"{NAME} listings usually name a payment policy; none is set",
                    WARNING,
                ),
            ),
        )
        self.family_rules: tuple[FamilyRule, ...] = (
            FamilyRule(
                "variants.too_many",
                None,
                ERROR,
                f"{NAME} allows at most {MAX_VARIATIONS} variations in one listing. "
                "Split the variants over two products.",
                lambda _p, variants: len(variants) <= MAX_VARIATIONS,
            ),
            FamilyRule(
                "variants.mixed_options",
                "attributes",
                ERROR,
                f"{NAME} needs every variation of a listing to have the same options "
                "(e.g. all Color and Size). Give the variants the same option attributes.",
                _same_options,
            ),
        )

    def _listing_rules(self) -> tuple[Rule, ...]:
        """Rules on what the listing row carries (a product on its own, or a parent)."""
        return (
            Rule(
                "title.missing",
                "title",
                ERROR,
                f"{NAME} needs a title. Fill in Title.",
                lambda p, _s: bool(p.values.get("title")),
            ),
            Rule(
                "title.too_long",
                "title",
                ERROR,
                f"{NAME} allows at most {MAX_TITLE} characters in a title. Shorten Title.",
                lambda p, _s: len(p.values.get("title") or "") <= MAX_TITLE,
            ),
            Rule(
                "ebay_category.missing",
                "attributes",
                ERROR,
                f"{NAME} needs its own category number; SellerDesk can't convert a Google "
                "category offline. Look the number up on eBay and set the attribute "
                "ebay_category (e.g. 20625).",
                _category_ok,
                suggest=self._category_hint,
            ),
            Rule(
                "condition.missing",
                "condition",
                WARNING,
                f"{NAME} needs the item's condition; without one it is listed as New. "
                "Fill in Condition.",
                lambda p, _s: bool(p.values.get("condition")),
            ),
            Rule(
                "description.missing",
                "description",
                ERROR,
                f"{NAME} needs a description. Fill in Description.",
                lambda p, _s: bool(p.values.get("description")),
            ),
            Rule(
                "description.too_long",
                "description",
                ERROR,
                f"{NAME} allows at most {MAX_DESCRIPTION:,} characters in a description. "
                "Shorten Description.",
                lambda p, _s: len(p.values.get("description") or "") <= MAX_DESCRIPTION,
            ),
            Rule(
                "description.active_content",
                "description",
                WARNING,
                f"{NAME} blocks scripts, frames and forms in descriptions. Remove them from "
                "Description.",
                _active_content_free,
            ),
            Rule(
                "images.missing",
                "images",
                ERROR,
                f"{NAME} needs at least 1 photo. Add a photo in the Product Editor.",
                lambda p, _s: bool(p.images),
            ),
            Rule(
                "images.not_https",
                "images",
                ERROR,
                f"{NAME} fetches photos from the web and takes only https:// addresses. "
                "Upload the photos to your shop and use those addresses.",
                _photos_https,
            ),
            Rule(
                "images.too_many",
                "images",
                WARNING,
                f"{NAME} takes at most {MAX_PHOTOS} photos; only the first {MAX_PHOTOS} are "
                "sent. Remove some photos.",
                lambda p, _s: len(p.images) <= MAX_PHOTOS,
            ),
            Rule(
                "brand.missing",
                "brand",
                WARNING,
                f"{NAME} asks for the Brand item specific in most categories. Fill in Brand "
                "(Unbranded for unbranded items).",
                lambda p, _s: bool(p.values.get("brand")),
            ),
            Rule(
                "mpn.missing",
                "mpn",
                WARNING,
                f"{NAME} asks for the MPN item specific in most categories. Fill in MPN "
                "(Does not apply for items without one).",
                lambda p, _s: bool(p.values.get("mpn")),
            ),
        )

    def _product_rules(self) -> tuple[Rule, ...]:
        """Rules on what every row carries (prices and quantities are per variation)."""
        return (
            Rule(
                "price.missing",
                "price",
                ERROR,
                f"{NAME} needs a price. Fill in Price.",
                lambda p, _s: p.values.get("price") is not None and p.values["price"] > 0,
                scope=Scope.LISTED,
            ),
            Rule(
                "price.too_low",
                "price",
                WARNING,
                f"{NAME} doesn't take fixed prices below {MIN_PRICE}. Raise Price.",
                _price_reasonable,
                scope=Scope.LISTED,
            ),
            Rule(
                "currency.site",
                "currency",
                ERROR,
                f"{NAME} needs prices in the eBay site's currency (USD on US, GBP on UK, EUR "
                "on DE). Change Currency or the eBay site in Settings ▸ Channels.",
                _currency_ok,
                scope=Scope.LISTED,
            ),
            sale_ignored_rule(
                f"{NAME} File Exchange has no sale price: the listing uses Price. Run a "
                "markdown sale in Seller Hub, or clear Sale price."
            ),
            stock_rule(NAME, ERROR, f"{NAME} needs the quantity you have. Fill in Stock."),
            Rule(
                "stock.zero",
                "stock",
                WARNING,
                f"{NAME} ends a listing with quantity 0 unless Out-of-stock control is on in "
                "your eBay selling preferences. Fill in Stock, or turn that option on.",
                _stock_listed,
                scope=Scope.SINGLE,  # (a variant's stock rides on its parent's listing)
            ),
            archived_rule(
                f"the {NAME} file leaves it out. End its listing in Seller Hub, or set Status "
                "to active to keep selling it."
            ),
        )

    def _variation_rules(self) -> tuple[Rule, ...]:
        """Rules on a variant's options (its Relationship details)."""
        return (
            *option_rules(
                NAME,
                "variation",
                MAX_OPTIONS,
                f"{NAME} allows at most {MAX_OPTIONS} options per variation (e.g. Color, "
                "Size). Remove some option attributes.",
            ),
            Rule(
                "variation.bad_characters",
                "attributes",
                ERROR,
                f"{NAME} can't take | ; or = in variation options. Remove them from the "
                "option attributes.",
                _plain_options,
            ),
        )

    def _category_hint(self, product: ChannelProduct) -> str | None:
        category = self.categories.of(product)
        if category is None:
            return self.categories.suggestion(product)
        return (
            f"Your Google category is “{category.path}”: find the matching eBay category "
            "number in eBay's category lookup."
        )

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
        writer = _Writer(site_of(settings), settings)
        written = 0
        with target.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(writer.header)
            for parent, variants in listings(products):
                rows = writer.rows(parent, variants)
                out.writerows(rows)
                written += len(rows)
        return written


class _Writer:
    """Row building for one file (the site and policies are fixed per file)."""

    def __init__(self, site: Site, settings: ChannelSettings) -> None:
        self.site = site
        self.header = [
            f"*Action(SiteID={site.site_id}|Country={site.country}|Currency={site.currency}"
            "|Version=1193|CC=UTF-8)",
            "ItemID",
            "CustomLabel",
            "*Category",
            "*Title",
            "*ConditionID",
            "*StartPrice",
            "*Quantity",
            "PicURL",
            "*Description",
            "Product:UPC",
            "Product:EAN",
            *(f"C:{name}" for name in site.specifics),
            "*Format",
            "*Duration",
            "*Location",
            "ShippingProfileName",
            "ReturnProfileName",
            "PaymentProfileName",
            "Relationship",
            "RelationshipDetails",
        ]
        self.width = len(self.header)
        self.tail = [
            "FixedPrice",
            "GTC",
            common.cell(settings.get("location")),
            common.cell(settings.get("shipping_profile")),
            common.cell(settings.get("return_profile")),
            common.cell(settings.get("payment_profile")),
        ]

    def rows(
        self, parent: ChannelProduct | None, variants: list[ChannelProduct]
    ) -> list[list[str]]:
        if parent is None or parent.values.get("status") == "archived":
            return []
        if not parent.is_parent:
            return [self.listing_row(parent, None, parent.images)]
        if not variants:
            return []
        axes = family_options(variants)
        names = [name for name, _ in axes]
        rows = [self.listing_row(parent, axes, family_photos(parent, variants))]
        rows.extend(self.variation_row(variant, names) for variant in variants)
        return rows

    def listing_row(
        self,
        product: ChannelProduct,
        axes: list[tuple[str, list[str]]] | None,
        photos: Sequence[str],
    ) -> list[str]:
        item_id = attribute(product, "ebay_item_id")
        row = [
            "Revise" if item_id else "Add",
            item_id,
            common.cell(product.sku),
            attribute(product, "ebay_category"),
            line_cell(product.text("title")),
            _CONDITION_IDS.get(product.text("condition"), "1000"),
            "",
            "",
            common.cell("|".join(image.replace("|", "%7C") for image in photos[:MAX_PHOTOS])),
            common.cell(_description(product.text("description"))),
            "",
            "",
        ]
        row.extend(self.specifics(product, {name for name, _ in axes or ()}))
        row.extend(self.tail)
        if axes is None:
            row[6] = self.price(product)
            row[7] = _quantity(product)
            row[10], row[11] = _barcode(product)
            row.extend(("", ""))
        else:
            details = "|".join(
                f"{_detail(option_label(name))}={';'.join(_detail(value) for value in values)}"
                for name, values in axes
            )
            row.extend(("", common.cell(details)))
        return row

    def variation_row(self, variant: ChannelProduct, names: list[str]) -> list[str]:
        row = [""] * self.width
        row[2] = common.cell(variant.sku)
        row[6] = self.price(variant)
        row[7] = _quantity(variant)
        row[10], row[11] = _barcode(variant)
        row[-2] = "Variation"
        pairs = ((name, attribute(variant, name)) for name in names)
        details = "|".join(
            f"{_detail(option_label(name))}={_detail(value)}" for name, value in pairs if value
        )
        row[-1] = common.cell(details)
        return row

    def price(self, product: ChannelProduct) -> str:
        price = product.money("price")
        return "" if price is None else common.amount(price, self.site.currency)

    def specifics(self, product: ChannelProduct, skip: set[str]) -> list[str]:
        values = [""] * len(self.site.specifics)
        values[0] = line_cell(product.text("brand"))
        values[1] = line_cell(product.text("mpn"))
        for name, value in product.attributes.items():
            if not value or name in skip:
                continue
            key = name.lower()
            if key.startswith("c:"):
                key = key[2:].strip()
            index = _SPECIFIC_INDEX.get(key)
            if index is not None and not values[index]:
                values[index] = line_cell(str(value))
        return values


def _detail(text: str) -> str:
    """An option name or value for RelationshipDetails, where | ; and = are separators."""
    if _RELATIONSHIP_MARKS.isdisjoint(text):
        return flat(text)
    return flat(text.replace("|", " ").replace(";", " ").replace("=", " "))


def _quantity(product: ChannelProduct) -> str:
    stock = product.values.get("stock")
    return "" if stock is None else str(max(int(stock), 0))


def _barcode(product: ChannelProduct) -> tuple[str, str]:
    """(UPC, EAN): 12 digits are a UPC, 8 and 13 an EAN; GTIN-14 has no File Exchange column."""
    gtin = product.text("gtin")
    if len(gtin) == 12:
        return gtin, ""
    if len(gtin) in (8, 13):
        return "", gtin
    return "", ""


def _description(text: str) -> str:
    """HTML on one line: HTML descriptions keep their markup, plain text is escaped and its
    line breaks become ``<br>``."""
    if not text:
        return ""
    if _HTML_TAG.search(text):
        return common.one_line(text)
    lines = (line.strip() for line in text.splitlines())
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def make(taxonomy: Taxonomy) -> FeedChannel:
    return EbayChannel(taxonomy)
