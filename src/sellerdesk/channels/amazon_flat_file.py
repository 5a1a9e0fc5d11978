"""Amazon's tab-delimited inventory flat file, for a manual upload in Seller Central (which
SellerDesk's importer reads back): three template rows, then one row per listing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from sellerdesk.channels import common
from sellerdesk.channels.amazon_common import (
    _CONDITIONS,
    _ID_TYPES,
    MAX_BULLETS,
    MAX_DESCRIPTION,
    MAX_OTHER_IMAGES,
    _Context,
    _family_rows,
    _gtin,
    _sale_dates,
    color_of,
    product_type,
    size_of,
)
from sellerdesk.channels.families import attribute, line_cell
from sellerdesk.channels.model import ChannelProduct

FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("feed_product_type", "Product Type"),
    ("item_sku", "Seller SKU"),
    ("brand_name", "Brand Name"),
    ("item_name", "Product Name"),
    ("external_product_id", "Product ID"),
    ("external_product_id_type", "Product ID Type"),
    ("item_type", "Item Type Keyword"),
    ("standard_price", "Standard Price"),
    ("currency", "Currency"),
    ("quantity", "Quantity"),
    ("condition_type", "Item Condition"),
    ("main_image_url", "Main Image URL"),
    *((f"other_image_url{n}", "Other Image URL") for n in range(1, MAX_OTHER_IMAGES + 1)),
    *((f"bullet_point{n}", "Bullet Point") for n in range(1, MAX_BULLETS + 1)),
    ("product_description", "Product Description"),
    ("generic_keywords", "Search Terms"),
    ("part_number", "Manufacturer Part Number"),
    ("sale_price", "Sale Price"),
    ("sale_from_date", "Sale Start Date"),
    ("sale_end_date", "Sale End Date"),
    ("parent_child", "Parentage"),
    ("parent_sku", "Parent SKU"),
    ("relationship_type", "Relationship Type"),
    ("variation_theme", "Variation Theme"),
    ("color_name", "Color"),
    ("size_name", "Size"),
    ("website_shipping_weight", "Shipping Weight"),
    ("website_shipping_weight_unit_of_measure", "Website Shipping Weight Unit Of Measure"),
    ("update_delete", "Update Delete"),
)
_TEMPLATE_ROW = (
    "TemplateType=fptcustom",
    "Version=2024.0319",
    "The top 3 rows are for Amazon.com use only. Do not modify or delete the top 3 rows.",
)


def _write_flat_file(products: Iterable[ChannelProduct], target: Path, context: _Context) -> int:
    written = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t")
        out.writerow(_TEMPLATE_ROW)
        out.writerow(label for _name, label in FLAT_COLUMNS)
        out.writerow(name for name, _label in FLAT_COLUMNS)
        for product, parentage, themes in _family_rows(products):
            out.writerow(_flat_row(product, parentage, themes[1], context))
            written += 1
    return written


def _flat_row(product: ChannelProduct, parentage: str, theme: str, context: _Context) -> list[str]:
    child_or_single = parentage != "parent"
    gtin = _gtin(product) if child_or_single else ""
    asin = attribute(product, "asin") if child_or_single and not gtin else ""
    price = product.money("price") if child_or_single else None
    currency = product.text("currency") or context.currency
    stock = product.values.get("stock")
    condition = _CONDITIONS.get(product.text("condition") or "new", _CONDITIONS["new"])
    images = [line_cell(image) for image in product.images[: MAX_OTHER_IMAGES + 1]]
    images += [""] * (MAX_OTHER_IMAGES + 1 - len(images))
    bullets = [line_cell(b) for b in product.values.get("bullets") or ()][:MAX_BULLETS]
    bullets += [""] * (MAX_BULLETS - len(bullets))
    sale = product.money("sale_price") if child_or_single else None
    dates = _sale_dates(product)
    if sale is None or dates is None or price is None or sale >= price:
        sale, dates = None, None
    weight = product.money("weight_g") if child_or_single else None
    return [
        line_cell(product_type(product, context.settings).lower()),
        line_cell(product.sku),
        line_cell(product.text("brand")),
        line_cell(product.text("title")),
        gtin or asin,
        ("ASIN" if asin else _ID_TYPES[len(gtin)].upper()) if gtin or asin else "",
        line_cell(attribute(product, "item_type") or attribute(product, "amazon_item_type")),
        "" if price is None else common.amount(price, currency),
        currency if price is not None else "",
        "" if stock is None or not child_or_single else str(max(int(stock), 0)),
        condition[1] if child_or_single else "",
        *images,
        *bullets,
        line_cell(common.plain_text(product.text("description"), MAX_DESCRIPTION)),
        line_cell(" ".join(product.values.get("keywords") or ())),
        line_cell(product.text("mpn")),
        "" if sale is None else common.amount(sale, currency),
        "" if dates is None else dates[0][:10],
        "" if dates is None else dates[1][:10],
        parentage.capitalize(),
        line_cell(product.parent_sku or "") if parentage == "child" else "",
        "Variation" if parentage == "child" else "",
        line_cell(theme) if parentage else "",
        line_cell(color_of(product)) if child_or_single else "",
        line_cell(size_of(product)) if child_or_single else "",
        "" if weight is None else format(weight.normalize(), "f"),
        "GR" if weight is not None else "",
        "Delete" if product.values.get("status") == "archived" else "Update",
    ]
