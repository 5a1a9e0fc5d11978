"""Helpers for the GUI tests: realistic products, waiting for the table, reading cells."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from pytestqt.qtbot import QtBot

from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.demo.vocabulary import load_vocabulary
from sellerdesk.gui.catalog_model import CatalogTableModel
from sellerdesk.gui.columns import COLUMN_INDEX
from sellerdesk.gui.main_window import MainWindow
from sellerdesk.resources import default_taxonomy_path


def _gtin13(rng: random.Random) -> str:
    body = f"{rng.randrange(10**11, 10**12):012d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def realistic_products(count: int, seed: int = 3) -> list[dict[str, Any]]:
    """``count`` products with unique SKUs, varied prices, stock levels, statuses, categories."""
    vocabulary = load_vocabulary()
    taxonomy = Taxonomy.from_file(default_taxonomy_path())
    rng = random.Random(seed)
    products: list[dict[str, Any]] = []
    for index in range(count):
        family = vocabulary.families[index % len(vocabulary.families)]
        category = taxonomy.get(family.category_id)
        material, noun = rng.choice(family.materials), rng.choice(family.nouns)
        color = rng.choice(family.colors)
        low, high = family.price_usd
        price = Decimal(rng.randrange(int(low), int(high))) + Decimal("0.99")
        products.append(
            {
                "sku": f"{family.sku_prefix}-{1001 + index}",
                "title": f"{material} {noun} – {rng.choice(family.taglines)}, {color}",
                "brand": rng.choice(vocabulary.brands),
                "gtin": _gtin13(rng),
                "price": price,
                "sale_price": (price * Decimal("0.8")).quantize(Decimal("0.01"))
                if index % 6 == 0
                else None,
                "currency": "USD",
                "stock": rng.choice((0, 2, 4, 7, 12, 18, 25, 40, 64, 120)),
                "category_id": family.category_id,
                "category_path": category.path if category else None,
                "description": family.description.format(
                    material=material,
                    material_lower=material.lower(),
                    noun=noun,
                    noun_lower=noun.lower(),
                ),
                "status": rng.choice(("active", "active", "active", "active", "draft", "archived")),
                "condition": "new",
            }
        )
    return products


def wait_settled(qtbot: QtBot, window: MainWindow, timeout: int = 10_000) -> None:
    """Until the model holds every id of its query and nothing is loading."""
    qtbot.waitUntil(lambda: model_settled(window.model), timeout=timeout)


def model_settled(model: CatalogTableModel) -> bool:
    return model.loaded and model.complete and not model.loading


def cell(model: CatalogTableModel, row: int, column: str) -> str:
    return str(model.index(row, COLUMN_INDEX[column]).data())


def column_values(model: CatalogTableModel, column: str) -> list[str]:
    return [cell(model, row, column) for row in range(model.rowCount())]
