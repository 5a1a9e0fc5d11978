"""Loading products as feed channels see them, in chunks (a million products never at once)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Connection, func, select

from sellerdesk.channels.model import ChannelProduct
from sellerdesk.core.fields import FIELD_BY_NAME, FIELD_NAMES, Kind
from sellerdesk.db.database import Database
from sellerdesk.db.types import stored_to_decimal
from sellerdesk.services import queries
from sellerdesk.services import tables as t

CHUNK = 2_000
_VALUE_FIELDS = tuple(name for name in FIELD_NAMES if name != "sku")


def _variants(conn: Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for part in t.chunked(list(ids)):
        rows = conn.execute(
            select(t.products.c.parent_id, t.products.c.sku)
            .where(t.products.c.parent_id.in_(part))
            .order_by(t.products.c.parent_id, t.products.c.id)
        )
        for parent_id, sku in rows:
            found.setdefault(parent_id, []).append(sku)
    return found


def load_chunk(conn: Connection, ids: Sequence[int]) -> list[ChannelProduct]:
    """ChannelProducts for ``ids``, in the order given (missing ids are skipped)."""
    rows = queries.rows_by_id(conn, ids, FIELD_NAMES)
    images = t.load_images(conn, ids)
    variants = _variants(conn, ids)
    result: list[ChannelProduct] = []
    for product_id in ids:
        row = rows.get(product_id)
        if row is None:
            continue
        values = {name: row[name] for name in _VALUE_FIELDS}
        result.append(
            ChannelProduct(
                id=product_id,
                sku=row["sku"],
                values=values,
                images=tuple(str(image["uri"]) for image in images.get(product_id, ())),
                parent_sku=row["parent_sku"],
                variant_skus=tuple(variants.get(product_id, ())),
            )
        )
    return result


def iter_products(
    db: Database, ids: Sequence[int], chunk: int = CHUNK
) -> Iterator[list[ChannelProduct]]:
    """Chunks of ChannelProducts for ``ids``, each read in its own short read transaction
    (``iter_all_products`` reads every product)."""
    wanted = list(ids)
    for start in range(0, len(wanted), chunk):
        with db.read() as conn:
            yield load_chunk(conn, wanted[start : start + chunk])


def count_products(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(t.products)).scalar_one())


def variant_ids(conn: Connection, parent_ids: Sequence[int]) -> dict[int, list[int]]:
    """Ids of each parent's variants, in creation order."""
    found: dict[int, list[int]] = {}
    for part in t.chunked(list(parent_ids)):
        rows = conn.execute(
            select(t.products.c.parent_id, t.products.c.id)
            .where(t.products.c.parent_id.in_(part))
            .order_by(t.products.c.id)
        )
        for parent_id, product_id in rows:
            found.setdefault(parent_id, []).append(product_id)
    return found


_KINDS = {name: FIELD_BY_NAME[name].kind for name in _VALUE_FIELDS}
_DECIMALS = frozenset(n for n, k in _KINDS.items() if k in (Kind.MONEY, Kind.DECIMAL))
_JSON = frozenset(n for n, k in _KINDS.items() if k in (Kind.LIST, Kind.DICT))


def product_id_ranges(db: Database, size: int) -> list[tuple[int, int]]:
    """Every product's id cut into ranges of ``size`` products (first and last id of each),
    found by walking the primary key (no list of every id)."""
    ranges: list[tuple[int, int]] = []
    with db.read() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        first, highest = raw.execute("SELECT min(id), max(id) FROM products").fetchone()
        while first is not None:
            found = raw.execute(
                "SELECT id FROM products WHERE id >= ? ORDER BY id LIMIT 1 OFFSET ?",
                (first, size - 1),
            ).fetchone()
            last = highest if found is None else found[0]
            ranges.append((first, last))
            first = raw.execute("SELECT min(id) FROM products WHERE id > ?", (last,)).fetchone()[0]
    return ranges


def iter_all_products(
    db: Database, chunk: int = CHUNK, id_range: tuple[int, int] | None = None
) -> Iterator[list[ChannelProduct]]:
    """Every product (or those with ids in ``id_range``, both ends included), parents before
    variants, read in one pass of three ordered queries (no per-chunk id lists): the fast path
    of whole-catalog checks and feed exports."""
    names = _VALUE_FIELDS
    decimal_names = [name for name in names if name in _DECIMALS]
    json_names = [name for name in names if name in _JSON]
    columns = ", ".join(f"p.{name}" for name in names)
    bounds: tuple[int, ...] = id_range or ()
    within = " BETWEEN ? AND ?" if id_range else " IS NOT NULL"
    with db.read() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        variants: dict[int, list[str]] = {}
        for parent_id, sku in raw.execute(
            f"SELECT parent_id, sku FROM products WHERE parent_id{within} ORDER BY parent_id, id",
            bounds,
        ):
            variants.setdefault(parent_id, []).append(sku)
        images = raw.cursor()
        images.execute(
            f"SELECT product_id, uri FROM product_images WHERE product_id{within} "
            "ORDER BY product_id, position",
            bounds,
        )
        pending = images.fetchone()
        rows = raw.cursor()
        rows.execute(
            f"SELECT p.id, p.sku, parent.sku, {columns} FROM products p "
            f"LEFT JOIN products parent ON parent.id = p.parent_id WHERE p.id{within} "
            "ORDER BY p.id",
            bounds,
        )
        amounts: dict[int, Decimal] = {}
        batch: list[ChannelProduct] = []
        while True:
            block = rows.fetchmany(chunk)
            if not block:
                break
            for row in block:
                product_id = row[0]
                values: dict[str, Any] = dict(zip(names, row[3:], strict=True))
                for name in decimal_names:
                    value = values[name]
                    if value is not None:
                        found = amounts.get(value)
                        if found is None:
                            found = amounts[value] = stored_to_decimal(value)
                        values[name] = found
                for name in json_names:
                    value = values[name]
                    if value is not None:
                        values[name] = orjson.loads(value)
                uris: list[str] = []
                while pending is not None and pending[0] <= product_id:
                    if pending[0] == product_id:
                        uris.append(pending[1])
                    pending = images.fetchone()
                batch.append(
                    ChannelProduct(
                        product_id,
                        row[1],
                        values,
                        tuple(uris),
                        row[2],
                        tuple(variants.get(product_id, ())),
                    )
                )
            yield batch
            batch = []


def families_of(db: Database, chunk: Sequence[ChannelProduct]) -> dict[int, list[ChannelProduct]]:
    """Each parent's variants: from the chunk itself when they are all in it (variants are
    created right after their parent), else read."""
    parents = [product for product in chunk if product.is_parent]
    if not parents:
        return {}
    by_parent: dict[str, list[ChannelProduct]] = {}
    for product in chunk:
        if product.parent_sku is not None:
            by_parent.setdefault(product.parent_sku, []).append(product)
    found: dict[int, list[ChannelProduct]] = {}
    missing: list[int] = []
    for parent in parents:
        variants = by_parent.get(parent.sku, [])
        if len(variants) == len(parent.variant_skus):
            found[parent.id] = variants
        else:
            missing.append(parent.id)
    if missing:
        with db.read() as conn:
            children = variant_ids(conn, missing)
            loaded = {
                p.id: p for p in load_chunk(conn, [i for ids in children.values() for i in ids])
            }
        for parent_id, ids in children.items():
            found[parent_id] = [loaded[i] for i in ids if i in loaded]
    return found
