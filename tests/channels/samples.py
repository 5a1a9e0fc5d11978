"""Channel products shared by the channel tests: a ready product, a parent with two variants,
a product full of spreadsheet-formula payloads, and a bare one that fails most rules."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from sellerdesk.channels.model import ChannelProduct, ChannelSettings
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.resources import default_taxonomy_path

SETTINGS = ChannelSettings(
    {
        "seller_name": "Kiln & Co",
        "product_url": "https://kilnandco.example/products/{handle}",
        "shop_url": "https://kilnandco.example",
        "privacy_policy_url": "https://kilnandco.example/privacy",
        "terms_url": "https://kilnandco.example/terms",
        "return_policy_url": "https://kilnandco.example/returns",
        "return_days": "30",
        "country": "US",
        "currency": "USD",
        "shipping_price": "4.95",
    }
)

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "feeds"


def taxonomy() -> Taxonomy:
    return Taxonomy.from_file(default_taxonomy_path())


def product(pid: int, sku: str, images: tuple[str, ...] = (), **values: Any) -> ChannelProduct:
    base: dict[str, Any] = {"currency": "USD"}
    base.update(values)
    parent = base.pop("parent_sku", None)
    variants = tuple(base.pop("variant_skus", ()))
    return ChannelProduct(pid, sku, base, images, parent, variants)


MUG = product(
    1,
    "MUG-SAGE-12OZ",
    (
        "https://cdn.kilnandco.example/mug-sage-1.jpg",
        "https://cdn.kilnandco.example/mug-sage-2.jpg",
    ),
    title="Stoneware Mug 12 oz, Sage",
    brand="Kiln & Co",
    gtin="012345678905",
    mpn="KC-MUG-12-SG",
    price=Decimal("24.00"),
    sale_price=Decimal("19.50"),
    stock=14,
    category_id=2169,
    category_path="Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
    description="<p>Wheel-thrown <b>stoneware</b> mug.</p><ul><li>Dishwasher safe</li></ul>",
    bullets=["Holds 12 oz", "Dishwasher safe"],
    keywords=["mug", "stoneware"],
    attributes={"color": "Sage", "material": "Stoneware"},
    condition="new",
    status="active",
    weight_g=Decimal("380"),
)

TEE = product(
    2,
    "TEE-CLASSIC",
    ("https://cdn.kilnandco.example/tee.jpg",),
    title="Classic Cotton Tee",
    brand="Kiln & Co",
    category_id=212,
    category_path="Apparel & Accessories > Clothing > Shirts & Tops",
    description="Soft cotton tee.",
    condition="new",
    status="active",
    variant_skus=("TEE-CLASSIC-RED-M", "TEE-CLASSIC-BLUE-L"),
)

TEE_RED_M = product(
    3,
    "TEE-CLASSIC-RED-M",
    ("https://cdn.kilnandco.example/tee-red.jpg",),
    parent_sku="TEE-CLASSIC",
    title="Classic Cotton Tee - Red / M",
    brand="Kiln & Co",
    gtin="4006381333931",
    price=Decimal("21.99"),
    stock=5,
    category_id=212,
    category_path="Apparel & Accessories > Clothing > Shirts & Tops",
    description="Soft cotton tee.",
    attributes={"Color": "Red", "Size": "M"},
    condition="new",
    status="active",
)

TEE_BLUE_L = product(
    4,
    "TEE-CLASSIC-BLUE-L",
    ("https://cdn.kilnandco.example/tee-blue.jpg",),
    parent_sku="TEE-CLASSIC",
    title="Classic Cotton Tee - Blue / L",
    brand="Kiln & Co",
    gtin="4006381333948",
    price=Decimal("21.99"),
    stock=0,
    category_id=212,
    category_path="Apparel & Accessories > Clothing > Shirts & Tops",
    description="Soft cotton tee.",
    attributes={"Color": "Blue", "Size": "L"},
    condition="new",
    status="active",
)

#: From ../shared/samples/messy/dirty_everything.csv: nothing here may run in a spreadsheet.
FORMULAS = product(
    5,
    "D-5",
    ("https://img.example.com/d5.jpg",),
    title='=HYPERLINK("http://evil.example","Click")',
    brand="+cmd",
    description="@SUM(1+1)",
    gtin="840012345672",
    price=Decimal("9.99"),
    stock=1,
    category_id=2169,
    condition="new",
)

BARE = product(6, "BARE-1", title=None)

ALL = (MUG, TEE, TEE_RED_M, TEE_BLUE_L, FORMULAS, BARE)
READY = (MUG, TEE, TEE_RED_M, TEE_BLUE_L)


def changed(
    base: ChannelProduct,
    sku: str | None = None,
    images: tuple[str, ...] | None = None,
    **values: Any,
) -> ChannelProduct:
    return replace(
        base,
        sku=base.sku if sku is None else sku,
        images=base.images if images is None else images,
        values={**base.values, **values},
    )


def settings(**values: str) -> ChannelSettings:
    return ChannelSettings({**SETTINGS.values, **values})


def golden(name: str, data: bytes) -> None:
    """Compare with the golden file (SELLERDESK_UPDATE_GOLDEN=1 writes it instead)."""
    path = GOLDEN / name
    if os.environ.get("SELLERDESK_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes()
