"""Shopify product CSV: the columns of Shopify's own product template, and the checks an import
into Shopify needs to pass.

A product without variants is one row (option ``Title`` = ``Default Title``). A parent and its
variants share one Handle: one row per variant, the product-level columns on the first row only,
options from the variants' attributes, and the product's further photos as image-only rows.
A price on sale is written as Shopify means it: Variant Price = sale price, Compare At = price.

The family helpers (``families``, ``shop_attributes``, ``option_names``) are in
``shop_families``, shared with the WooCommerce writer, which groups products the same way.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from sellerdesk.channels.common import (
    CategoryResolver,
    amount,
    cell,
    chosen_format,
    price_rules,
    web_url,
)
from sellerdesk.channels.feed_values import number
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
from sellerdesk.channels.shop_families import (
    Family,
    families,
    is_variant,
    option_names,
    same_currency,
    shop_attributes,
    web_images,
)
from sellerdesk.core.escaping import FORMULA_TRIGGERS
from sellerdesk.core.gtin import valid_gtin
from sellerdesk.core.taxonomy import Category, Taxonomy

__all__ = [
    "COLUMNS",
    "KEY",
    "LABEL",
    "NAME",
    "SETTINGS",
    "Family",
    "ShopifyCsv",
    "body_html",
    "families",
    "handle_for",
    "is_handle_like",
    "make",
    "shop_attributes",
]

KEY = "shopify"
LABEL = "Shopify product CSV"
NAME = "Shopify"

#: The header of Shopify's product template, in its order.
COLUMNS: tuple[str, ...] = (
    "Handle",
    "Title",
    "Body (HTML)",
    "Vendor",
    "Product Category",
    "Type",
    "Tags",
    "Published",
    "Option1 Name",
    "Option1 Value",
    "Option2 Name",
    "Option2 Value",
    "Option3 Name",
    "Option3 Value",
    "Variant SKU",
    "Variant Grams",
    "Variant Inventory Tracker",
    "Variant Inventory Qty",
    "Variant Inventory Policy",
    "Variant Fulfillment Service",
    "Variant Price",
    "Variant Compare At Price",
    "Variant Requires Shipping",
    "Variant Taxable",
    "Variant Barcode",
    "Image Src",
    "Image Position",
    "Image Alt Text",
    "Gift Card",
    "SEO Title",
    "SEO Description",
    "Google Shopping / Google Product Category",
    "Google Shopping / Gender",
    "Google Shopping / Age Group",
    "Google Shopping / MPN",
    "Google Shopping / Condition",
    "Google Shopping / Custom Product",
    "Variant Image",
    "Variant Weight Unit",
    "Variant Tax Code",
    "Cost per item",
    "Included / United States",
    "Price / United States",
    "Compare At Price / United States",
    "Included / International",
    "Price / International",
    "Compare At Price / International",
    "Status",
)
_AT = {name: index for index, name in enumerate(COLUMNS)}
HANDLE = _AT["Handle"]
TITLE = _AT["Title"]
BODY = _AT["Body (HTML)"]
VENDOR = _AT["Vendor"]
CATEGORY = _AT["Product Category"]
TYPE = _AT["Type"]
TAGS = _AT["Tags"]
PUBLISHED = _AT["Published"]
OPTION_NAMES = (_AT["Option1 Name"], _AT["Option2 Name"], _AT["Option3 Name"])
OPTION_VALUES = (_AT["Option1 Value"], _AT["Option2 Value"], _AT["Option3 Value"])
SKU = _AT["Variant SKU"]
GRAMS = _AT["Variant Grams"]
TRACKER = _AT["Variant Inventory Tracker"]
QTY = _AT["Variant Inventory Qty"]
POLICY = _AT["Variant Inventory Policy"]
FULFILLMENT = _AT["Variant Fulfillment Service"]
PRICE = _AT["Variant Price"]
COMPARE_AT = _AT["Variant Compare At Price"]
REQUIRES_SHIPPING = _AT["Variant Requires Shipping"]
TAXABLE = _AT["Variant Taxable"]
BARCODE = _AT["Variant Barcode"]
IMAGE_SRC = _AT["Image Src"]
IMAGE_POSITION = _AT["Image Position"]
GIFT_CARD = _AT["Gift Card"]
GOOGLE_CATEGORY = _AT["Google Shopping / Google Product Category"]
GENDER = _AT["Google Shopping / Gender"]
AGE_GROUP = _AT["Google Shopping / Age Group"]
MPN = _AT["Google Shopping / MPN"]
CONDITION = _AT["Google Shopping / Condition"]
CUSTOM_PRODUCT = _AT["Google Shopping / Custom Product"]
VARIANT_IMAGE = _AT["Variant Image"]
WEIGHT_UNIT = _AT["Variant Weight Unit"]
COST = _AT["Cost per item"]
INCLUDED = (_AT["Included / United States"], _AT["Included / International"])
STATUS = _AT["Status"]

TITLE_LIMIT = 255
VENDOR_LIMIT = 255
HANDLE_LIMIT = 255
TAG_LIMIT = 255
TAGS_PER_PRODUCT = 250
OPTION_LIMIT = 3
#: Shopify's variant limit per product (2048 since the 2025-10 docs); integrations built on the
#: legacy REST API still see at most 100.
VARIANT_LIMIT = 2048
LEGACY_VARIANT_LIMIT = 100
WEIGHT_UNITS = ("g", "kg", "lb", "oz")
INVENTORY_POLICIES = ("deny", "continue")


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "currency",
        "Store currency",
        "The currency your Shopify store sells in (e.g. USD). Shopify reads prices in it, so "
        "products priced in another currency are flagged.",
    ),
    SettingSpec(
        "weight_unit",
        "Weight unit shown in Shopify",
        "Weights are always sent in grams; this is the unit Shopify shows them in.",
        default="g",
        choices=WEIGHT_UNITS,
    ),
    SettingSpec(
        "inventory_policy",
        "When a variant is sold out",
        "deny: stop selling it; continue: keep taking orders.",
        default="deny",
        choices=INVENTORY_POLICIES,
    ),
)

_HANDLE_LIKE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_NOT_HANDLE = re.compile(r"[^a-z0-9]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


# ------------------------------------------------------------------------------- formatting
def handle_for(sku: str) -> str:
    """The SKU itself when it is already a handle (letters, digits, single dashes), else the SKU
    in lower case with dashes for everything else."""
    if len(sku) <= HANDLE_LIMIT and _HANDLE_LIKE.fullmatch(sku):
        return sku
    text = unicodedata.normalize("NFKD", sku).encode("ascii", "ignore").decode().lower()
    return _NOT_HANDLE.sub("-", text).strip("-")[:HANDLE_LIMIT].strip("-") or "product"


def is_handle_like(sku: str) -> bool:
    return len(sku) <= HANDLE_LIMIT and _HANDLE_LIKE.fullmatch(sku) is not None


def body_html(product: ChannelProduct) -> str:
    """The description as HTML: the imported HTML when there is one, a description that already
    is HTML as it is, else the text as escaped paragraphs."""
    own = product.attributes.get("description_html")
    if own:
        return str(own)
    text = product.text("description").replace("\r\n", "\n").strip()
    if not text or _HTML_TAG.search(text):
        return text
    paragraphs: list[str] = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines = [html.escape(line.strip(), quote=False) for line in block.split("\n")]
        body = "<br>".join(line for line in lines if line)
        if body:
            paragraphs.append(f"<p>{body}</p>")
    return "".join(paragraphs)


def _starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


# ------------------------------------------------------------------------------------ rules
def _tags_fit(product: ChannelProduct) -> bool:
    keywords = product.get("keywords") or ()
    return len(keywords) <= TAGS_PER_PRODUCT and all(len(k) <= TAG_LIMIT for k in keywords)


def _no_formula(product: ChannelProduct) -> bool:
    if _starts_like_formula(product.sku):
        return False
    if is_variant(product):
        return True
    return not (
        _starts_like_formula(product.text("title")) or _starts_like_formula(product.text("brand"))
    )


def _rules(resolver: CategoryResolver) -> tuple[Rule, ...]:
    category = resolver.rule(NAME)
    category_test = category.test
    return (
        Rule(
            "title.missing",
            "title",
            ERROR,
            "Shopify needs a title for every product. Fill in Title.",
            lambda p, _s: is_variant(p) or bool(p.text("title").strip()),
        ),
        Rule(
            "title.too_long",
            "title",
            ERROR,
            f"Shopify allows at most {TITLE_LIMIT} characters in a product title. Shorten Title.",
            lambda p, _s: is_variant(p) or len(p.text("title")) <= TITLE_LIMIT,
        ),
        Rule(
            "brand.too_short",
            "brand",
            ERROR,
            "Shopify needs a vendor of at least 2 characters. Fill in the full Brand, or clear it.",
            lambda p, _s: is_variant(p) or len(p.text("brand").strip()) != 1,
        ),
        Rule(
            "brand.too_long",
            "brand",
            ERROR,
            f"Shopify allows at most {VENDOR_LIMIT} characters in the vendor. Shorten Brand.",
            lambda p, _s: is_variant(p) or len(p.text("brand")) <= VENDOR_LIMIT,
        ),
        *(rule for rule in price_rules(NAME) if rule.code != "currency.missing"),
        Rule(
            "currency.not_store",
            "currency",
            ERROR,
            "Shopify reads every price in your store's currency (Settings ▸ Channels ▸ Shopify), "
            "and this product is priced in another one. Convert Price and Sale price, or fix "
            "Currency.",
            same_currency,
            scope=Scope.LISTED,
        ),
        Rule(
            "sale_price.no_dates",
            "sale_price",
            WARNING,
            "Shopify's product file has no sale dates: the sale price stays until you change "
            "it. Clear Sale price when the sale ends.",
            lambda p, _s: (
                p.get("sale_price") is None
                or not (p.attributes.get("sale_start") or p.attributes.get("sale_end"))
            ),
            scope=Scope.LISTED,
        ),
        Rule(
            "weight_g.missing",
            "weight_g",
            WARNING,
            "Shopify works out shipping rates from the weight. Fill in Weight (g).",
            lambda p, _s: p.get("weight_g") is not None,
            scope=Scope.LISTED,
        ),
        Rule(
            "gtin.invalid",
            "gtin",
            WARNING,
            "The GTIN's check digit is wrong, so Shopify's Google channel will refuse it. "
            "Check GTIN against the barcode on the product.",
            lambda p, _s: not p.text("gtin") or valid_gtin(p.text("gtin")),
            scope=Scope.LISTED,
        ),
        Rule(
            "images.missing",
            "images",
            WARNING,
            "Shopify shows this product without a photo. Add a photo in the Product Editor.",
            lambda p, _s: is_variant(p) or bool(p.images),
        ),
        Rule(
            "images.not_web",
            "images",
            WARNING,
            "Shopify fetches photos from the web, so photos kept only on this computer are left "
            "out of the file. Upload them to your shop or an image host and use their https:// "
            "addresses.",
            lambda p, _s: all(web_url(uri) for uri in p.images),
        ),
        Rule(
            "keywords.too_long",
            "keywords",
            WARNING,
            f"Shopify allows at most {TAGS_PER_PRODUCT} tags of up to {TAG_LIMIT} characters each. "
            "Shorten or remove some Keywords.",
            lambda p, _s: is_variant(p) or _tags_fit(p),
        ),
        Rule(
            "keywords.comma",
            "keywords",
            WARNING,
            "Shopify separates tags with commas, so a keyword with a comma becomes two tags. "
            "Remove the comma from Keywords or split the keyword.",
            lambda p, _s: is_variant(p) or not any("," in k for k in p.get("keywords") or ()),
        ),
        Rule(
            "text.formula",
            "title",
            WARNING,
            "A Title, Brand or SKU starting with =, +, - or @ is written with a leading "
            "apostrophe so spreadsheets don't run it as a formula, and Shopify keeps that "
            "apostrophe. Remove the leading sign from Title, Brand or SKU.",
            lambda p, _s: _no_formula(p),
        ),
        Rule(
            "handle.from_sku",
            "sku",
            WARNING,
            "Shopify names a product with variants by its handle (letters, digits and dashes), "
            "so this SKU is turned into one and the product comes back from Shopify under it. "
            "Use only letters, digits and dashes in SKU to keep it the same.",
            lambda p, _s: not p.is_parent or is_handle_like(p.sku),
        ),
        Rule(
            "options.missing",
            "attributes",
            WARNING,
            "Shopify tells variants apart by their options (Color, Size...). Add an attribute "
            "such as Color or Size to this variant in Attributes; until then its SKU is used.",
            lambda p, _s: not is_variant(p) or bool(shop_attributes(p)),
        ),
        Rule(
            "options.too_many",
            "attributes",
            WARNING,
            f"Shopify allows at most {OPTION_LIMIT} options per product (e.g. Color, Size, "
            f"Material). Only the first {OPTION_LIMIT} attributes that differ between the "
            "variants become options; remove the others from Attributes.",
            lambda p, _s: not is_variant(p) or len(shop_attributes(p)) <= OPTION_LIMIT,
        ),
        Rule(
            "variants.too_many",
            None,
            ERROR,
            f"Shopify allows at most {VARIANT_LIMIT:,} variants per product. Split the variants "
            "over two products.",
            lambda p, _s: len(p.variant_skus) <= VARIANT_LIMIT,
        ),
        Rule(
            "variants.over_100",
            None,
            WARNING,
            f"This product has more than {LEGACY_VARIANT_LIMIT} variants: Shopify takes them, "
            "but apps built on Shopify's older API see only the first 100.",
            lambda p, _s: len(p.variant_skus) <= LEGACY_VARIANT_LIMIT,
        ),
        dataclasses.replace(category, test=lambda p, s: is_variant(p) or category_test(p, s)),
    )


# ----------------------------------------------------------------------------------- writer
class _Handles:
    """Handles already used in the file: Shopify merges rows that share one."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, sku: str) -> str:
        base = handle_for(sku)
        handle, n = base, 1
        while handle.lower() in self.used:
            n += 1
            handle = f"{base}-{n}"
        self.used.add(handle.lower())
        return handle


class ShopifyCsv(RulesCheck):
    """The Shopify product CSV channel."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.key = KEY
        self.label = LABEL
        self.formats: tuple[str, ...] = ("csv",)
        self.settings: tuple[SettingSpec, ...] = SETTINGS
        self.resolver = CategoryResolver(taxonomy)
        self.rules: tuple[Rule, ...] = _rules(self.resolver)

    def write(
        self,
        products: Iterable[ChannelProduct],
        target: Path,
        settings: ChannelSettings,
        fmt: str | None = None,
    ) -> int:
        chosen_format(LABEL, self.formats, fmt)
        written = 0
        handles = _Handles()
        policy = settings.get("inventory_policy", "deny")
        unit = settings.get("weight_unit", "g")
        with Path(target).open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(COLUMNS)
            for item in families(products):
                if isinstance(item, Family):
                    if not item.variants:
                        continue
                    rows = self._family_rows(item, handles.claim(item.parent_sku), policy, unit)
                    written += item.count
                else:
                    rows = self._single_rows(item, handles.claim(item.sku), policy, unit)
                    written += 1
                writer.writerows(rows)
        return written

    # ------------------------------------------------------------------------------ rows
    def _single_rows(
        self, product: ChannelProduct, handle: str, policy: str, unit: str
    ) -> list[list[str]]:
        row = [""] * len(COLUMNS)
        row[HANDLE] = handle
        images = web_images(product)
        self._product_cells(row, product, product, images)
        row[OPTION_NAMES[0]] = "Title"
        row[OPTION_VALUES[0]] = "Default Title"
        self._variant_cells(row, product, policy, unit)
        return [row, *_image_rows(handle, images)]

    def _family_rows(self, family: Family, handle: str, policy: str, unit: str) -> list[list[str]]:
        variants = family.variants
        head = family.parent or variants[0]
        names = option_names(variants)[:OPTION_LIMIT]
        images = web_images(head)
        rows: list[list[str]] = []
        for variant in variants:
            row = [""] * len(COLUMNS)
            row[HANDLE] = handle
            if names:
                own = shop_attributes(variant)
                for index, name in enumerate(names):
                    row[OPTION_VALUES[index]] = cell(own.get(name, ""))
            else:
                row[OPTION_VALUES[0]] = cell(variant.sku)
            self._variant_cells(row, variant, policy, unit)
            variant_images = web_images(variant)
            if variant_images:
                row[VARIANT_IMAGE] = variant_images[0]
            rows.append(row)
        first = rows[0]
        self._product_cells(first, head, variants[0], images)
        for index, name in enumerate(names or ["Variant"]):
            first[OPTION_NAMES[index]] = cell(name)
        rows.extend(_image_rows(handle, images))
        return rows

    def _product_cells(
        self, row: list[str], head: ChannelProduct, first: ChannelProduct, images: list[str]
    ) -> None:
        """The product-level columns (first row of a handle)."""
        row[TITLE] = cell(head.text("title"))
        row[BODY] = cell(body_html(head))
        row[VENDOR] = cell(head.text("brand"))
        category = self.resolver.of(head)
        if category is not None:
            row[CATEGORY] = cell(_category_path(head, category))
            row[GOOGLE_CATEGORY] = str(category.id)
        attributes = head.attributes
        row[TYPE] = cell(str(attributes.get("product_type") or ""))
        row[TAGS] = cell(", ".join(head.get("keywords") or ()))
        status = head.text("status") or "active"
        row[PUBLISHED] = "TRUE" if status == "active" else "FALSE"
        row[STATUS] = status
        if images:
            row[IMAGE_SRC] = images[0]
            row[IMAGE_POSITION] = "1"
        row[GIFT_CARD] = "FALSE"
        row[GENDER] = cell(str(attributes.get("gender") or "").lower())
        row[AGE_GROUP] = cell(str(attributes.get("age_group") or "").lower())
        row[MPN] = cell(first.text("mpn") or head.text("mpn"))
        row[CONDITION] = head.text("condition")
        no_identifier = str(attributes.get("identifier_exists") or "").lower() in ("no", "false")
        row[CUSTOM_PRODUCT] = "TRUE" if no_identifier else "FALSE"
        for index in INCLUDED:
            row[index] = "TRUE"

    @staticmethod
    def _variant_cells(row: list[str], product: ChannelProduct, policy: str, unit: str) -> None:
        row[SKU] = cell(product.sku)
        weight = product.get("weight_g")
        if weight is not None:
            row[GRAMS] = number(weight)
            row[WEIGHT_UNIT] = unit
        stock = product.get("stock")
        if stock is not None:
            row[TRACKER] = "shopify"
            row[QTY] = str(int(stock))
        row[POLICY] = policy
        row[FULFILLMENT] = "manual"
        currency = product.text("currency")
        price = product.money("price")
        sale = product.money("sale_price")
        if price is not None and sale is not None and sale < price:
            row[PRICE] = amount(sale, currency)
            row[COMPARE_AT] = amount(price, currency)
        elif price is not None:
            row[PRICE] = amount(price, currency)
        row[REQUIRES_SHIPPING] = "TRUE"
        row[TAXABLE] = "TRUE"
        row[BARCODE] = cell(product.text("gtin"))
        cost = product.money("cost")
        if cost is not None:
            row[COST] = amount(cost, currency)


def _category_path(product: ChannelProduct, category: Category) -> str:
    """The seller's category path when it has one (a Google path, or Shopify's own after a
    Shopify import), else the Google category's path."""
    return product.text("category_path") or category.path


def _image_rows(handle: str, images: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    for position, uri in enumerate(images[1:], start=2):
        row = [""] * len(COLUMNS)
        row[HANDLE] = handle
        row[IMAGE_SRC] = uri
        row[IMAGE_POSITION] = str(position)
        rows.append(row)
    return rows


def make(taxonomy: Taxonomy) -> ShopifyCsv:
    return ShopifyCsv(taxonomy)
