"""Where a column of an imported file can go: product fields plus a few import-only targets."""

from __future__ import annotations

from sellerdesk.core.fields import FIELD_NAMES

#: Image URLs (one or more per cell, several columns allowed).
IMAGES = "images"
#: Manufacturer's suggested price: the selling price when the file has no other price column,
#: otherwise kept as the ``msrp`` attribute.
MSRP = "msrp"
#: SKU of the parent product (variants).
PARENT_SKU = "parent_sku"
#: Kept under the column's header in the product's attributes.
ATTRIBUTE = "attribute"

#: Targets that several columns may share; their values are combined.
MULTI_TARGETS = frozenset({IMAGES, "bullets", "keywords", ATTRIBUTE})

TARGETS: tuple[str, ...] = (*FIELD_NAMES, IMAGES, MSRP, PARENT_SKU, ATTRIBUTE)

TARGET_LABELS: dict[str, str] = {
    IMAGES: "Image URLs",
    MSRP: "MSRP / list price",
    PARENT_SKU: "Parent SKU",
    ATTRIBUTE: "Attribute (keep as is)",
}
