"""Core table handles and row conversions shared by the catalog services."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, select

from sellerdesk.core.changes import PRIORITY
from sellerdesk.core.fields import FIELD_BY_NAME, SOURCED_FIELDS, Kind
from sellerdesk.db.models import (
    ChangeBatch,
    ChangeLogEntry,
    FieldProvenance,
    Product,
    ProductImage,
)

products: Table = Product.__table__  # type: ignore[assignment]
provenance: Table = FieldProvenance.__table__  # type: ignore[assignment]
images: Table = ProductImage.__table__  # type: ignore[assignment]
batches: Table = ChangeBatch.__table__  # type: ignore[assignment]
change_log: Table = ChangeLogEntry.__table__  # type: ignore[assignment]

CHUNK = 500

ProvenanceMap = dict[str, dict[str, Any]]

T = TypeVar("T")


def chunked(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


#: Source names, weakest first: stronger sources overwrite weaker ones.
_WEAKEST_FIRST = tuple(source.value for source in reversed(PRIORITY))
_DECIMAL_FIELDS = frozenset(
    name for name in SOURCED_FIELDS if FIELD_BY_NAME[name].kind in (Kind.MONEY, Kind.DECIMAL)
)


def effective_values(sources: ProvenanceMap) -> dict[str, Any]:
    """The effective stored value of every sourced field (manual > AI > channel > import)."""
    result: dict[str, Any] = dict.fromkeys(SOURCED_FIELDS)
    for source in _WEAKEST_FIRST:
        values = sources.get(source)
        if values:
            result.update((name, value) for name, value in values.items() if name in result)
    for name in _DECIMAL_FIELDS:
        if result[name] is not None:
            result[name] = Decimal(str(result[name]))
    return result


def winning_source(sources: ProvenanceMap, name: str) -> str | None:
    for source in PRIORITY:
        values = sources.get(source.value)
        if values is not None and name in values:
            return source.value
    return None


def load_provenance(conn: Connection, ids: Iterable[int]) -> dict[int, ProvenanceMap]:
    result: dict[int, ProvenanceMap] = {}
    id_list = list(ids)
    for part in chunked(id_list):
        rows = conn.execute(
            select(provenance.c.product_id, provenance.c.source, provenance.c["values"]).where(
                provenance.c.product_id.in_(part)
            )
        )
        for product_id, source, values in rows:
            result.setdefault(product_id, {})[source] = values
    for product_id in id_list:
        result.setdefault(product_id, {})
    return result


def load_products(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Full product rows (every column) keyed by id."""
    result: dict[int, dict[str, Any]] = {}
    for part in chunked(list(ids)):
        for row in conn.execute(select(products).where(products.c.id.in_(part))).mappings():
            result[row["id"]] = dict(row)
    return result


def load_images(conn: Connection, ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    result: dict[int, list[dict[str, Any]]] = {}
    for part in chunked(list(ids)):
        query = select(images).where(images.c.product_id.in_(part)).order_by(images.c.position)
        for row in conn.execute(query).mappings():
            result.setdefault(row["product_id"], []).append(dict(row))
    return result


def ids_for_skus(conn: Connection, skus: Iterable[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(skus))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start : start + CHUNK]
        query = select(products.c.sku, products.c.id).where(products.c.sku.in_(part))
        found.update({sku: pid for sku, pid in conn.execute(query)})
    return found


def skus_for_ids(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for part in chunked(list(ids)):
        query = select(products.c.id, products.c.sku).where(products.c.id.in_(part))
        found.update({pid: sku for pid, sku in conn.execute(query)})
    return found
