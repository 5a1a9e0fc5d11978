"""The catalog service: create, edit, bulk edit, delete, search, undo/redo and history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from sellerdesk.core.bulk_ops import BulkOperation
from sellerdesk.core.changes import PRIORITY, ChangeSummary, Source
from sellerdesk.core.errors import InvalidValueError, NotFoundError
from sellerdesk.core.fields import FIELD_BY_NAME, FIELD_NAMES, FIELDS, Kind, field
from sellerdesk.db.database import Database
from sellerdesk.services import queries, undo
from sellerdesk.services import tables as t
from sellerdesk.services.change_writer import ChangeWriter
from sellerdesk.services.gc_pause import paused_gc
from sellerdesk.services.media import store_image
from sellerdesk.services.product_problems import (
    CHECKED_COLUMNS,
    Check,
    ProductFacts,
    problems_of,
)
from sellerdesk.services.queries import CatalogQuery


@dataclass(frozen=True)
class HistoryEntry:
    batch_id: int
    batch_name: str
    batch_state: str
    at: datetime
    sku: str
    op: str
    field: str | None
    source: str | None
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "batch": self.batch_name,
            "state": self.batch_state,
            "at": self.at.isoformat(),
            "sku": self.sku,
            "op": self.op,
            "field": self.field,
            "source": self.source,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class ProductDetail:
    """One product as the editor shows it: effective values, each source's values, images."""

    id: int
    values: dict[str, Any]
    provenance: dict[str, dict[str, Any]]
    images: list[dict[str, Any]]
    variants: list[str]

    def source_of(self, name: str) -> str | None:
        return t.winning_source(self.provenance, name)


_PASSTHROUGH = frozenset({"parent_sku", "images"})
_MONEY_FIELDS = tuple(spec.name for spec in FIELDS if spec.kind is Kind.MONEY)


def _has_money(product: Mapping[str, Any]) -> bool:
    return any(product.get(name) is not None for name in _MONEY_FIELDS)


def _parse_all(values: Mapping[str, Any]) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    specs = FIELD_BY_NAME
    for name, raw in values.items():
        spec = specs.get(name)
        if spec is None:
            if name not in _PASSTHROUGH and not name.startswith("_"):
                field(name)  # raises "unknown field" with the list of known ones
            parsed[name] = raw
        elif raw is None and not spec.required:
            parsed[name] = None
        else:
            parsed[name] = spec.parse(raw)
    if not parsed.get("sku"):
        raise InvalidValueError("every product needs a SKU")
    return parsed


class CatalogService:
    """Qt-free use cases over one catalog database."""

    def __init__(self, db: Database, default_currency: str = "USD") -> None:
        self.db = db
        self.default_currency = default_currency

    # ---------------------------------------------------------------- writes
    def create(
        self, values: Mapping[str, Any], source: Source | str = Source.MANUAL
    ) -> ChangeSummary:
        sku = values.get("sku")
        return self.create_many([values], name=f"Add {sku}", source=source)

    def create_many(
        self,
        items: Iterable[Mapping[str, Any]],
        name: str = "Add products",
        source: Source | str = Source.MANUAL,
    ) -> ChangeSummary:
        with paused_gc():
            parsed = [_parse_all(item) for item in items]
            for product in parsed:
                if product.get("currency") is None and _has_money(product):
                    product["currency"] = self.default_currency
            with self.db.write() as conn:
                writer = ChangeWriter(conn, self.db.helper, name, source)
                writer.create_many(parsed)
                return writer.finish()

    def update_field(
        self,
        product: str | int,
        name: str,
        value: Any,
        *,
        expected_version: int | None = None,
        source: Source | str = Source.MANUAL,
    ) -> ChangeSummary:
        spec = field(name)
        parsed = spec.parse(value)
        with self.db.write() as conn:
            product_id, sku = self._resolve(conn, product)
            writer = ChangeWriter(conn, self.db.helper, f"Edit {spec.label} of {sku}", source)
            versions = {product_id: expected_version} if expected_version is not None else None
            writer.set_fields({product_id: {name: parsed}}, expected_versions=versions)
            return writer.finish()

    def update_fields(
        self,
        changes: Mapping[int, Mapping[str, Any]],
        name: str = "Edit products",
        source: Source | str = Source.MANUAL,
        *,
        expected_versions: Mapping[int, int] | None = None,
    ) -> ChangeSummary:
        """Many fields of many products in one undoable batch (paste, fill down, imports);
        refused if a product's version is no longer the one in ``expected_versions``."""
        parsed = {
            pid: {n: field(n).parse(v) for n, v in fields.items()}
            for pid, fields in changes.items()
        }
        with self.db.write() as conn:
            writer = ChangeWriter(conn, self.db.helper, name, source)
            writer.set_fields(parsed, expected_versions=expected_versions)
            return writer.finish()

    def bulk_update(
        self,
        product_ids: Sequence[int],
        name: str,
        operation: BulkOperation,
        *,
        batch_name: str | None = None,
    ) -> ChangeSummary:
        spec = field(name)
        if name == "sku":
            raise InvalidValueError("SKUs are unique; change them one at a time")
        label = batch_name or f"{operation.describe(spec)} on {len(product_ids)} products"
        with self.db.write() as conn:
            rows = t.load_products(conn, product_ids)
            missing = [pid for pid in product_ids if pid not in rows]
            if missing:
                raise NotFoundError(f"product #{missing[0]} does not exist")
            changes: dict[int, dict[str, Any]] = {}
            for pid in product_ids:
                row = rows[pid]
                new = operation.apply(spec, row[name], row["currency"])
                if new != row[name]:
                    changes[pid] = {name: new}
            writer = ChangeWriter(conn, self.db.helper, label, Source.MANUAL)
            writer.set_fields(changes)
            return writer.finish()

    def set_images(
        self, product: str | int, images: Sequence[Mapping[str, Any]], name: str | None = None
    ) -> ChangeSummary:
        """Replace a product's photos, in order, as one undoable batch."""
        with self.db.write() as conn:
            product_id, sku = self._resolve(conn, product)
            writer = ChangeWriter(conn, self.db.helper, name or f"Change photos of {sku}", "manual")
            writer.set_images(product_id, images)
            return writer.finish()

    def attach_images(
        self, product: str | int, files: Sequence[Path], media_dir: Path
    ) -> ChangeSummary:
        """Add photo files after a product's existing photos (copied into ``media_dir``)."""
        stored = [store_image(Path(f), media_dir).as_record() for f in files]
        with self.db.write() as conn:
            product_id, sku = self._resolve(conn, product)
            current = t.load_images(conn, [product_id]).get(product_id, [])
            known = {image["sha256"] for image in current if image.get("sha256")}
            added = [image for image in stored if image["sha256"] not in known]
            label = f"Add {len(added)} photo{'s' if len(added) != 1 else ''} to {sku}"
            writer = ChangeWriter(conn, self.db.helper, label, "manual")
            writer.set_images(product_id, [*current, *added])
            return writer.finish()

    def prefer_source(self, product: str | int, name: str, source: Source | str) -> ChangeSummary:
        """Make ``source``'s value of field ``name`` the effective one by withdrawing the values
        of the stronger sources (the product editor's "use this value")."""
        spec = field(name)
        chosen = Source(source)
        stronger = [s.value for s in PRIORITY[: PRIORITY.index(chosen)]]
        with self.db.write() as conn:
            product_id, sku = self._resolve(conn, product)
            sources = t.load_provenance(conn, [product_id]).get(product_id, {})
            if name not in sources.get(chosen.value, {}):
                raise NotFoundError(f"{sku} has no {chosen.value} value for {spec.label}")
            label = f"Use {chosen.value} {spec.label} of {sku}"
            writer = ChangeWriter(conn, self.db.helper, label, Source.MANUAL)
            writer.restore_fields(
                [(product_id, name, s, None, sku) for s in stronger if name in sources.get(s, {})]
            )
            return writer.finish()

    def delete(self, products: Iterable[str | int]) -> ChangeSummary:
        with paused_gc(), self.db.write() as conn:
            resolved = self._resolve_many(conn, list(products))
            label = (
                f"Delete {resolved[0][1]}"
                if len(resolved) == 1
                else f"Delete {len(resolved)} products"
            )
            writer = ChangeWriter(conn, self.db.helper, label, Source.MANUAL)
            writer.delete_many([pid for pid, _ in resolved])
            return writer.finish()

    def undo(self) -> ChangeSummary:
        with paused_gc(), self.db.write() as conn:
            return undo.undo(conn, self.db.helper)

    def redo(self) -> ChangeSummary:
        with paused_gc(), self.db.write() as conn:
            return undo.redo(conn, self.db.helper)

    # ----------------------------------------------------------------- reads
    def undo_label(self) -> str | None:
        with self.db.read() as conn:
            target = undo.next_undo(conn)
        return None if target is None else target[1]

    def redo_label(self) -> str | None:
        with self.db.read() as conn:
            target = undo.next_redo(conn)
        return None if target is None else target[1]

    def ids(self, query: CatalogQuery = CatalogQuery(), limit: int | None = None) -> list[int]:
        with self.db.read() as conn:
            return queries.matching_ids(conn, query, self.db.helper, limit=limit)

    def count(self, query: CatalogQuery = CatalogQuery()) -> int:
        with self.db.read() as conn:
            return queries.count(conn, query, self.db.helper)

    def search(
        self,
        query: CatalogQuery = CatalogQuery(),
        limit: int | None = None,
        offset: int = 0,
        columns: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Matching products as rows (in the query's order)."""
        with self.db.read() as conn:
            ids = queries.matching_ids(conn, query, self.db.helper, limit=limit, offset=offset)
            rows = queries.rows_by_id(conn, ids, columns)
        return [rows[i] for i in ids if i in rows]

    def rows(
        self, ids: Sequence[int], columns: Sequence[str] | None = None
    ) -> dict[int, dict[str, Any]]:
        with self.db.read() as conn:
            return queries.rows_by_id(conn, ids, columns)

    def facet(self, name: str, limit: int = 200) -> list[tuple[str, int]]:
        """The most common values of ``brand`` or ``category_path`` with their product counts
        (the filter chips' choices)."""
        if name not in ("brand", "category_path"):
            raise InvalidValueError(f"no facet for {name!r}")
        column = t.products.c[name]
        statement = (
            select(column, func.count())
            .where(column.is_not(None), column != "")
            .group_by(column)
            .order_by(func.count().desc(), column)
            .limit(limit)
        )
        with self.db.read() as conn:
            return [(str(value), int(n)) for value, n in conn.execute(statement)]

    def problems(self, ids: Sequence[int]) -> dict[int, list[Check]]:
        """Readiness problems of these products (the table's problems column)."""
        return self.rows_and_problems(ids, CHECKED_COLUMNS)[1]

    def rows_and_problems(
        self, ids: Sequence[int], columns: Sequence[str]
    ) -> tuple[dict[int, dict[str, Any]], dict[int, list[Check]]]:
        """``rows(ids, columns)`` and ``problems(ids)`` from one read of the rows (``columns``
        must include ``CHECKED_COLUMNS``)."""
        with self.db.read() as conn:
            rows = queries.rows_by_id(conn, ids, columns)
            images = queries.image_counts(conn, ids)
            variants = queries.variant_counts(conn, ids)
        problems = {
            pid: problems_of(row, ProductFacts(images.get(pid, 0), variants.get(pid, 0)))
            for pid, row in rows.items()
        }
        return rows, problems

    def existing_skus(self, skus: Iterable[str]) -> set[str]:
        """Which of ``skus`` are already in the catalog."""
        with self.db.read() as conn:
            return set(t.ids_for_skus(conn, skus))

    def ids_of(self, products: Iterable[str | int]) -> list[int]:
        """Product ids for SKUs or ids, in one query; an unknown one raises NotFoundError."""
        with self.db.read() as conn:
            return [product_id for product_id, _ in self._resolve_many(conn, list(products))]

    def get(self, product: str | int) -> ProductDetail:
        with self.db.read() as conn:
            product_id, _ = self._resolve(conn, product)
            row = queries.rows_by_id(conn, [product_id])[product_id]
            sources = t.load_provenance(conn, [product_id])[product_id]
            pictures = t.load_images(conn, [product_id]).get(product_id, [])
            variants = list(
                conn.execute(
                    select(t.products.c.sku)
                    .where(t.products.c.parent_id == product_id)
                    .order_by(t.products.c.sku)
                ).scalars()
            )
        values = {n: row[n] for n in (*FIELD_NAMES, "parent_sku", "version", "updated_at")}
        return ProductDetail(product_id, values, sources, pictures, variants)

    def history(self, product: str | int | None = None, limit: int = 100) -> list[HistoryEntry]:
        with self.db.read() as conn:
            log, batch = t.change_log.c, t.batches.c
            statement = (
                select(t.change_log, batch.name, batch.state, batch.created_at)
                .join(t.batches, t.batches.c.id == log.batch_id)
                .order_by(log.id.desc())
                .limit(limit)
            )
            if product is not None:
                product_id = self._resolve_any(conn, product)
                statement = statement.where(log.product_id == product_id)
            rows = conn.execute(statement).mappings().all()
        return [
            HistoryEntry(
                batch_id=r["batch_id"],
                batch_name=r["name"],
                batch_state=r["state"],
                at=r["created_at"],
                sku=r["sku"],
                op=r["op"],
                field=r["field"],
                source=r["source"],
                old=_unwrap(r["old_value"], r["op"]),
                new=_unwrap(r["new_value"], r["op"]),
            )
            for r in rows
        ]

    # --------------------------------------------------------------- helpers
    def _resolve(self, conn: Connection, product: str | int) -> tuple[int, str]:
        if isinstance(product, int):
            row = conn.execute(
                select(t.products.c.id, t.products.c.sku).where(t.products.c.id == product)
            ).first()
        else:
            row = conn.execute(
                select(t.products.c.id, t.products.c.sku).where(t.products.c.sku == product)
            ).first()
        if row is None:
            raise NotFoundError(
                f"no product with SKU {product!r}"
                if isinstance(product, str)
                else f"no product #{product}",
                "Check the SKU with `sellerdesk list --search ...`.",
            )
        return int(row[0]), str(row[1])

    def _resolve_many(self, conn: Connection, products: list[str | int]) -> list[tuple[int, str]]:
        """(id, sku) for each product given by SKU or id; unknown ones raise NotFoundError."""
        by_sku = t.ids_for_skus(conn, [p for p in products if isinstance(p, str)])
        by_id = t.skus_for_ids(conn, [p for p in products if isinstance(p, int)])
        resolved: list[tuple[int, str]] = []
        for product in products:
            if isinstance(product, int) and product in by_id:
                resolved.append((product, by_id[product]))
            elif isinstance(product, str) and product in by_sku:
                resolved.append((by_sku[product], product))
            else:
                self._resolve(conn, product)  # raises the usual "no product" error
        return resolved

    def _resolve_any(self, conn: Connection, product: str | int) -> int:
        """A product id even for deleted products (from the change log), for history."""
        try:
            return self._resolve(conn, product)[0]
        except NotFoundError:
            if isinstance(product, int):
                return product
            found = conn.execute(
                select(t.change_log.c.product_id)
                .where(t.change_log.c.sku == product)
                .order_by(t.change_log.c.id.desc())
                .limit(1)
            ).scalar()
            if found is None:
                raise
            return int(found)


def _unwrap(value: Any, op: str) -> Any:
    if value is None:
        return None
    if op in ("create", "delete"):
        snapshot = value[0]
        return {"sku": snapshot["sku"], "provenance": snapshot["provenance"]}
    return value[0]
