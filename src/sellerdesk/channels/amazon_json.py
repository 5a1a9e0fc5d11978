"""Amazon's ``JSON_LISTINGS_FEED`` document for the Selling Partner API Feeds API (schema
version 2.0, attributes shaped like the Listings Items API): one message per listing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sellerdesk.channels import common
from sellerdesk.channels.amazon_common import (
    _CONDITIONS,
    _ID_TYPES,
    LABEL,
    MAX_BULLETS,
    MAX_DESCRIPTION,
    MAX_OTHER_IMAGES,
    _Context,
    _exempt,
    _family_rows,
    _gtin,
    _sale_dates,
    color_of,
    product_type,
    size_of,
)
from sellerdesk.channels.families import attribute, flat
from sellerdesk.channels.model import ChannelProduct
from sellerdesk.core.errors import InvalidValueError

_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _write_json(products: Iterable[ChannelProduct], target: Path, context: _Context) -> int:
    if not context.seller_id:
        raise InvalidValueError(
            f"{LABEL}'s JSON listings feed needs your seller ID",
            f"Fill it in under Settings ▸ Channels ▸ {LABEL}, or write the txt flat file.",
        )
    header = {"sellerId": context.seller_id, "version": "2.0", "issueLocale": "en_US"}
    written = 0
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"header": ' + json.dumps(header) + ', "messages": [')
        for product, parentage, themes in _family_rows(products):
            written += 1
            message = _message(written, product, parentage, themes[0], context)
            handle.write(("\n" if written == 1 else ",\n") + _ENCODER.encode(message))
        handle.write("\n]}\n")
    return written


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _message(
    number: int, product: ChannelProduct, parentage: str, theme: str, context: _Context
) -> dict[str, Any]:
    if product.values.get("status") == "archived":
        return {"messageId": number, "sku": product.sku, "operationType": "DELETE"}
    return {
        "messageId": number,
        "sku": product.sku,
        "operationType": "UPDATE",
        "productType": product_type(product, context.settings).upper(),
        "requirements": "LISTING",
        "attributes": _attributes(product, parentage, theme, context),
    }


def _attributes(
    product: ChannelProduct, parentage: str, theme: str, context: _Context
) -> dict[str, Any]:
    market = context.marketplace_id
    language = context.language_tag

    def text(value: str) -> list[dict[str, Any]]:
        return [{"value": value, "language_tag": language, "marketplace_id": market}]

    attributes: dict[str, Any] = {}
    title = flat(product.text("title"))
    if title:
        attributes["item_name"] = text(title)
    brand = flat(product.text("brand"))
    if brand:
        attributes["brand"] = text(brand)
    if parentage != "parent":
        gtin = _gtin(product)
        asin = attribute(product, "asin")
        if gtin:
            attributes["externally_assigned_product_identifier"] = [
                {"type": _ID_TYPES[len(gtin)], "value": gtin, "marketplace_id": market}
            ]
        elif asin:
            attributes["merchant_suggested_asin"] = [{"value": asin, "marketplace_id": market}]
        elif _exempt(product):
            attributes["supplier_declared_has_product_identifier_exemption"] = [
                {"value": True, "marketplace_id": market}
            ]
    mpn = flat(product.text("mpn"))
    if mpn:
        attributes["part_number"] = [{"value": mpn, "marketplace_id": market}]
    bullets = [flat(b) for b in product.values.get("bullets") or ()]
    bullets = [b for b in bullets if b][:MAX_BULLETS]
    if bullets:
        attributes["bullet_point"] = [
            {"value": b, "language_tag": language, "marketplace_id": market} for b in bullets
        ]
    description = common.plain_text(product.text("description"), MAX_DESCRIPTION)
    if description:
        attributes["product_description"] = text(description)
    keywords = " ".join(flat(k) for k in product.values.get("keywords") or ())
    if keywords.strip():
        attributes["generic_keyword"] = text(keywords)
    if parentage != "parent":
        condition = _CONDITIONS.get(product.text("condition") or "new", _CONDITIONS["new"])
        attributes["condition_type"] = [{"value": condition[0], "marketplace_id": market}]
        price = product.money("price")
        if price is not None:
            attributes["purchasable_offer"] = [_offer(product, price, context)]
        stock = product.values.get("stock")
        attributes["fulfillment_availability"] = [
            {
                "fulfillment_channel_code": "DEFAULT",
                "quantity": 0 if stock is None else max(int(stock), 0),
            }
        ]
    if product.images:
        attributes["main_product_image_locator"] = [
            {"media_location": product.images[0], "marketplace_id": market}
        ]
        for n, image in enumerate(product.images[1 : MAX_OTHER_IMAGES + 1], start=1):
            attributes[f"other_product_image_locator_{n}"] = [
                {"media_location": image, "marketplace_id": market}
            ]
    weight = product.money("weight_g")
    if weight is not None and parentage != "parent":
        attributes["item_package_weight"] = [
            {"value": _number(weight), "unit": "grams", "marketplace_id": market}
        ]
    sizes = [product.money(name) for name in ("length_cm", "width_cm", "height_cm")]
    if parentage != "parent" and all(size is not None for size in sizes):
        length, width, height = (
            {"value": _number(size), "unit": "centimeters"} for size in sizes if size is not None
        )
        attributes["item_package_dimensions"] = [
            {"length": length, "width": width, "height": height, "marketplace_id": market}
        ]
    color = color_of(product)
    if color and parentage != "parent":
        attributes["color"] = text(color)
    size = size_of(product)
    if size and parentage != "parent":
        attributes["size"] = text(size)
    if parentage:
        attributes["parentage_level"] = [{"value": parentage, "marketplace_id": market}]
    if parentage == "child" and product.parent_sku:
        attributes["child_parent_sku_relationship"] = [
            {
                "child_relationship_type": "variation",
                "parent_sku": product.parent_sku,
                "marketplace_id": market,
            }
        ]
    if parentage and theme:
        attributes["variation_theme"] = [{"name": theme}]
    return attributes


def _offer(product: ChannelProduct, price: Decimal, context: _Context) -> dict[str, Any]:
    currency = product.text("currency") or context.currency
    offer: dict[str, Any] = {
        "currency": currency,
        "our_price": [{"schedule": [{"value_with_tax": _number(price)}]}],
        "marketplace_id": context.marketplace_id,
    }
    sale = product.money("sale_price")
    dates = _sale_dates(product)
    if sale is not None and dates is not None and sale < price:
        offer["discounted_price"] = [
            {
                "schedule": [
                    {"start_at": dates[0], "end_at": dates[1], "value_with_tax": _number(sale)}
                ]
            }
        ]
    return offer
