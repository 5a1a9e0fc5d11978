"""Catalog-style product photos drawn with Pillow: one simple, shaded object on pure white."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PIL import Image

from sellerdesk.demo.canvas import Canvas
from sellerdesk.demo.shapes import DRAWERS
from sellerdesk.demo.vocabulary import Vocabulary, load_vocabulary

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

__all__ = ["DRAWERS", "draw_product_image", "safe_filename", "write_demo_images"]


def draw_product_image(
    shape: str, color: tuple[int, int, int], size: int = 800, *, seed: int = 0
) -> Image.Image:
    """A ``size`` x ``size`` RGB product photo of ``shape`` in ``color`` on pure white.

    Unknown shapes are drawn as a box. ``seed`` varies details (speckles, wood grain, leaves).
    """
    if size < 16:
        raise ValueError("image size must be at least 16 pixels")
    canvas = Canvas(size, (int(color[0]), int(color[1]), int(color[2])), seed)
    DRAWERS.get(shape, DRAWERS["box"])(canvas)
    return canvas.finish()


def safe_filename(sku: str) -> str:
    """``sku`` with every character that is unsafe in a file name replaced by ``_``."""
    name = _SAFE_NAME.sub("_", sku).strip("._") or "product"
    return name[:120]


def write_demo_images(
    products: Iterable[dict[str, Any]],
    directory: Path,
    *,
    size: int = 600,
    vocabulary: Vocabulary | None = None,
) -> dict[str, list[Path]]:
    """Write ``directory/<sku>.png`` for every product; returns sku -> [paths written].

    The shape comes from the product's ``_shape`` key (a box if missing), the color from
    ``attributes["color"]`` looked up in the vocabulary's swatches (neutral grey if unknown).
    """
    vocab = vocabulary if vocabulary is not None else load_vocabulary()
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[Path]] = {}
    used: set[str] = set()
    for product in products:
        sku = str(product["sku"])
        attributes = product.get("attributes") or {}
        color = vocab.rgb(attributes.get("color") if isinstance(attributes, dict) else None)
        shape = str(product.get("_shape") or "box")
        name = safe_filename(sku)
        candidate, n = name, 1
        while candidate.casefold() in used:
            n += 1
            candidate = f"{name}-{n}"
        used.add(candidate.casefold())
        path = directory / f"{candidate}.png"
        image = draw_product_image(shape, color, size, seed=zlib.crc32(sku.encode("utf-8")))
        image.save(path, format="PNG", optimize=False, compress_level=3)
        written.setdefault(sku, []).append(path)
    return written
