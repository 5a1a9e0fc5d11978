"""Known file layouts (Shopify, WooCommerce, Amazon, eBay, Etsy, Mercari) recognised by header.

A known layout maps its columns with no questions asked. Targets starting with ``_`` are
layout-internal columns (Shopify's Handle, WooCommerce's Type...) that the assemblers read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

PRODUCTS = "products"
SALES = "sales"


@dataclass(frozen=True)
class Layout:
    key: str
    label: str
    kind: str = PRODUCTS
    #: lower-case header -> target
    columns: Mapping[str, str] = field(default_factory=dict)
    #: (regex over the lower-case header, target) for numbered or prefixed columns
    patterns: tuple[tuple[str, str], ...] = ()
    #: all of these lower-case headers present: the layout is recognised
    required: tuple[frozenset[str], ...] = ()
    #: a test on the header cells (lower-case), when a set of names is not enough
    signature: Callable[[Sequence[str]], bool] | None = None

    def target_for(self, header: str) -> str | None:
        key = header.strip().lower()
        if key in self.columns:
            return self.columns[key]
        for pattern, target in self.patterns:
            if re.fullmatch(pattern, key):
                return target
        return None

    def recognises(self, headers: Sequence[str]) -> bool:
        names = {h.strip().lower() for h in headers if h.strip()}
        if self.signature is not None and self.signature(sorted(names)):
            return True
        return any(required <= names for required in self.required)


SHOPIFY = Layout(
    key="shopify",
    label="Shopify product CSV",
    columns={
        "handle": "_handle",
        "title": "title",
        "body (html)": "description",
        "vendor": "brand",
        "product category": "category_path",
        "type": "_type",
        "tags": "keywords",
        "published": "_published",
        "option1 name": "_option1_name",
        "option1 value": "_option1_value",
        "option2 name": "_option2_name",
        "option2 value": "_option2_value",
        "option3 name": "_option3_name",
        "option3 value": "_option3_value",
        "variant sku": "sku",
        "variant grams": "weight_g",
        "variant inventory qty": "stock",
        "variant price": "price",
        "variant compare at price": "_compare_at",
        "variant barcode": "gtin",
        "image src": "images",
        "image alt text": "_image_alt",
        "variant image": "_variant_image",
        "seo title": "_seo_title",
        "seo description": "_seo_description",
        "google shopping / google product category": "category_id",
        "google shopping / mpn": "mpn",
        "google shopping / condition": "condition",
        "cost per item": "cost",
        "status": "status",
    },
    required=(
        frozenset({"handle", "title", "variant sku"}),
        frozenset({"handle", "variant price"}),
    ),
)

_WOO_COLUMNS = {
    "id": "_id",
    "type": "_type",
    "sku": "sku",
    "name": "title",
    "published": "_published",
    "short description": "_short_description",
    "description": "description",
    "stock": "stock",
    "sale price": "sale_price",
    "regular price": "price",
    "categories": "_categories",
    "tags": "keywords",
    "images": "images",
    "parent": "_parent",
    "weight (kg)": "weight_g",
    "length (cm)": "length_cm",
    "width (cm)": "width_cm",
    "height (cm)": "height_cm",
    "gtin, upc, ean, or isbn": "gtin",
    "brands": "brand",
}
#: WooCommerce's exporter writes translated headers on a translated admin (de, es, fr).
_WOO_LOCALIZED = {
    "typ": "_type",
    "artikelnummer": "sku",
    "veröffentlicht": "_published",
    "kurzbeschreibung": "_short_description",
    "beschreibung": "description",
    "bestand": "stock",
    "angebotspreis": "sale_price",
    "regulärer preis": "price",
    "kategorien": "_categories",
    "schlagwörter": "keywords",
    "bilder": "images",
    "übergeordnetes produkt": "_parent",
    "gewicht (kg)": "weight_g",
    "tipo": "_type",
    "inventario": "stock",
    "precio rebajado": "sale_price",
    "precio normal": "price",
    "categorías": "_categories",
    "etiquetas": "keywords",
    "imágenes": "images",
    "superior": "_parent",
    "nombre": "title",
    "descripción": "description",
    "prix promo": "sale_price",
    "tarif régulier": "price",
    "catégories": "_categories",
    "étiquettes": "keywords",
    "parent": "_parent",
    "nom": "title",
    "unité de gestion des stocks": "sku",
    "ugs": "sku",
}
WOOCOMMERCE = Layout(
    key="woocommerce",
    label="WooCommerce product CSV",
    columns={**_WOO_COLUMNS, **_WOO_LOCALIZED},
    patterns=(
        (r"attribute (\d+) name", "_attribute_name"),
        (r"attribute (\d+) value\(s\)", "_attribute_value"),
        (r"attribut (\d+) name", "_attribute_name"),
        (r"attribut (\d+) wert\(e\)", "_attribute_value"),
        (r"nombre del atributo (\d+)", "_attribute_name"),
        (r"valor\(es\) del atributo (\d+)", "_attribute_value"),
    ),
    required=(
        frozenset({"type", "sku", "name", "regular price"}),
        frozenset({"typ", "artikelnummer", "name", "regulärer preis"}),
        frozenset({"tipo", "sku", "nombre", "precio normal"}),
    ),
)

AMAZON = Layout(
    key="amazon",
    label="Amazon flat file",
    columns={
        "item_sku": "sku",
        "brand_name": "brand",
        "item_name": "title",
        "external_product_id": "gtin",
        "external_product_id_type": "_id_type",
        "standard_price": "price",
        "sale_price": "sale_price",
        "quantity": "stock",
        "main_image_url": "images",
        "product_description": "description",
        "generic_keywords": "keywords",
        "parent_sku": "parent_sku",
        "part_number": "mpn",
        "manufacturer": "_manufacturer",
        "condition_type": "condition",
        "item_type": "attribute",
        "feed_product_type": "attribute",
        "color_name": "attribute",
        "size_name": "attribute",
        "material_type": "attribute",
        "currency": "currency",
    },
    patterns=(
        (r"bullet_point\d+", "bullets"),
        (r"other_image_url\d+", "images"),
        (r"generic_keywords\d+", "keywords"),
    ),
    required=(frozenset({"item_sku", "item_name"}), frozenset({"feed_product_type", "item_sku"})),
)


def _is_ebay(headers: Sequence[str]) -> bool:
    return any(h.lstrip("*").startswith("action(") for h in headers)


EBAY = Layout(
    key="ebay",
    label="eBay File Exchange CSV",
    columns={
        "customlabel": "sku",
        "*title": "title",
        "title": "title",
        "*startprice": "price",
        "startprice": "price",
        "*quantity": "stock",
        "quantity": "stock",
        "picurl": "images",
        "*description": "description",
        "description": "description",
        "*conditionid": "condition",
        "conditionid": "condition",
        "product:upc": "gtin",
        "product:ean": "gtin",
        "product:isbn": "gtin",
        "product:brand": "brand",
        "c:brand": "brand",
        "product:mpn": "mpn",
        "c:mpn": "mpn",
        "*category": "_ebay_category",
        "category": "_ebay_category",
        "relationship": "_relationship",
        "relationshipdetails": "_relationship_details",
        "itemid": "_item_id",
    },
    patterns=((r"\*?c:.+", "attribute"),),
    signature=_is_ebay,
)

ETSY = Layout(
    key="etsy",
    label="Etsy listings CSV",
    columns={
        "title": "title",
        "description": "description",
        "price": "price",
        "currency_code": "currency",
        "quantity": "stock",
        "tags": "keywords",
        "materials": "attribute",
        "sku": "sku",
        "variation 1 type": "attribute",
        "variation 1 name": "attribute",
        "variation 1 values": "attribute",
        "variation 2 type": "attribute",
        "variation 2 name": "attribute",
        "variation 2 values": "attribute",
    },
    patterns=((r"image\d+", "images"),),
    required=(frozenset({"title", "description", "price", "currency_code", "quantity", "tags"}),),
)

MERCARI = Layout(
    key="mercari",
    label="Mercari sales report",
    kind=SALES,
    columns={
        "item id": "order_id",
        "sold date": "sold_on",
        "canceled date": "canceled_on",
        "completed date": "completed_on",
        "item title": "title",
        "order status": "order_status",
        "shipped to state": "ship_to",
        "shipped from state": "ship_from",
        "item price": "item_price",
        "net seller proceeds": "net_proceeds",
    },
    patterns=(
        (r".*\bfees?\b.*", "amount"),
        (r".*charged to (buyer|seller).*", "amount"),
        (r".*tax.*", "amount"),
    ),
    required=(frozenset({"item id", "sold date", "item title", "net seller proceeds"}),),
)

GENERIC = Layout(key="generic", label="Product list")

KNOWN_LAYOUTS: tuple[Layout, ...] = (SHOPIFY, WOOCOMMERCE, AMAZON, EBAY, ETSY, MERCARI)
LAYOUT_BY_KEY: dict[str, Layout] = {layout.key: layout for layout in (*KNOWN_LAYOUTS, GENERIC)}


@dataclass(frozen=True)
class LayoutMatch:
    layout: Layout
    header_index: int


def detect_layout(rows: Sequence[Sequence[str]], scan: int = 30) -> LayoutMatch | None:
    """A known layout whose header row is among the first ``scan`` rows, if any."""
    for index, row in enumerate(rows[:scan]):
        for layout in KNOWN_LAYOUTS:
            if layout.recognises(row):
                return LayoutMatch(layout, index)
    return None
