"""The demo catalog: a few hundred realistic generated products with product photos."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sellerdesk.core.changes import ChangeSummary, Source
from sellerdesk.services.catalog import CatalogService

if TYPE_CHECKING:
    from sellerdesk.demo.vocabulary import Vocabulary

DEMO_SEED = 2026
PHOTO_SIZE = 600


def demo_products(
    count: int, seed: int = DEMO_SEED, vocabulary: Vocabulary | None = None
) -> list[dict[str, Any]]:
    from sellerdesk.demo.generator import CatalogGenerator

    generator = CatalogGenerator(seed=seed, vocabulary=vocabulary)
    return list(generator.products(count, with_variants=True))


def fill_demo(
    catalog: CatalogService,
    media_dir: Path,
    count: int = 300,
    progress: Callable[[int, int], None] | None = None,
) -> ChangeSummary:
    """Add ``count`` demo products (with PNG photos in ``media_dir``) as one undoable batch."""
    from sellerdesk.demo.images import write_demo_images
    from sellerdesk.demo.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    products = demo_products(count, vocabulary=vocabulary)
    existing = catalog.existing_skus(p["sku"] for p in products)
    products = [p for p in products if p["sku"] not in existing]
    done = 0
    images: dict[str, list[Path]] = {}
    for start in range(0, len(products), 25):
        part = products[start : start + 25]
        images.update(write_demo_images(part, media_dir, size=PHOTO_SIZE, vocabulary=vocabulary))
        done += len(part)
        if progress is not None:
            progress(done, len(products) + 1)
    items = []
    for product in products:
        item = {k: v for k, v in product.items() if not k.startswith("_")}
        item["images"] = [
            {
                "uri": str(path),
                "width": PHOTO_SIZE,
                "height": PHOTO_SIZE,
                "alt_text": product.get("title"),
            }
            for path in images.get(product["sku"], [])
        ]
        items.append(item)
    summary = catalog.create_many(items, name="Add demo catalog", source=Source.IMPORT)
    if progress is not None:
        progress(len(products) + 1, len(products) + 1)
    return summary
