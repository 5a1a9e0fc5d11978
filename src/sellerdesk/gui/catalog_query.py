"""What the catalog table's result for a query depends on (which fields can move a product in
or out of it, whether it filters at all) and the id lists the model loads for it."""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from sellerdesk.db.dialect import FTS_COLUMNS
from sellerdesk.services.product_problems import CHECKED_COLUMNS
from sellerdesk.services.queries import CatalogQuery


@dataclass(frozen=True)
class LoadedHead:
    count: int
    total: int
    ids: array[int]


@dataclass(frozen=True)
class LoadedIds:
    total: int
    ids: array[int]


def is_filtered(query: CatalogQuery) -> bool:
    return bool(
        query.text.strip()
        or query.brand
        or query.category
        or query.max_stock is not None
        or query.missing
        or query.problem
    )


def fields_ordering(query: CatalogQuery) -> set[str]:
    """Fields whose change can move a product in, out of or within this query's result."""
    names = {query.sort}
    if query.text.strip():
        names |= set(FTS_COLUMNS)
    if query.brand:
        names.add("brand")
    if query.category:
        names |= {"category_id", "category_path"}
    if query.max_stock is not None:
        names.add("stock")
    if query.missing:
        names.add(query.missing)
    if query.problem:
        names |= {*CHECKED_COLUMNS, "images"}
    return names
