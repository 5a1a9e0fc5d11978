"""The one path every catalog change takes: provenance, effective values and the change log.

A ``ChangeWriter`` lives inside one write transaction and makes one change batch. Change-log
values are wrapped: ``[value]`` when the source had a value, ``null`` when it had none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Text, delete, func, insert, select, text, type_coerce, update

from sellerdesk.core.changes import ChangeSummary, Source
from sellerdesk.core.errors import ConflictError, InvalidValueError, NotFoundError
from sellerdesk.core.fields import FIELD_BY_NAME, SOURCED_FIELDS
from sellerdesk.db.dialect import DialectHelper
from sellerdesk.db.types import utcnow
from sellerdesk.services import tables as t
from sellerdesk.services.change_writer_values import (
    _MEMBER,
    _STORE,
    Snapshot,
    Wrapped,
    _dump,
    _encode_text,
    _encoded,
    _image_params,
    _image_snapshot,
    _images_json,
    _parents_first,
    _storable_effective,
)

_INSERT_COLUMNS = ("id", "parent_id", "sku", *SOURCED_FIELDS, "version", "created_at", "updated_at")
_PROVENANCE_COLUMNS = ("product_id", "source", "values", "updated_at")
_IMAGE_COLUMNS = (
    "product_id",
    "position",
    "uri",
    "sha256",
    "width",
    "height",
    "alt_text",
    "created_at",
)


def wrap(values: Mapping[str, Any], name: str) -> Wrapped:
    return [values[name]] if name in values else None


class ChangeWriter:
    """Applies creates, field updates and deletes, logging each under one batch."""

    def __init__(
        self,
        conn: Connection,
        helper: DialectHelper,
        name: str,
        source: Source | str,
        replay_batch: int | None = None,
    ) -> None:
        self.conn = conn
        self.helper = helper
        self._logged_rows = 0
        self.source = Source(source).value
        self.now: datetime = utcnow()
        self._log: list[dict[str, Any]] = []
        self.replay = replay_batch is not None
        self.batch_id: int
        if replay_batch is not None:
            self.batch_id = replay_batch
            self.summary = ChangeSummary(batch_id=replay_batch, batch_name=name, source=self.source)
            return
        conn.execute(
            update(t.batches).where(t.batches.c.state == "undone").values(state="discarded")
        )
        self.batch_id = conn.execute(
            insert(t.batches).values(
                name=name,
                source=self.source,
                state="done",
                created_at=self.now,
                product_count=0,
                change_count=0,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        self.summary = ChangeSummary(batch_id=self.batch_id, batch_name=name, source=self.source)

    # ----------------------------------------------------------------- create
    def create_many(
        self, items: Iterable[Mapping[str, Any]], source: Source | str | None = None
    ) -> list[int]:
        """Insert products (typed field values, optional ``parent_sku``/``images``)."""
        src = Source(source).value if source is not None else self.source
        rows = list(items)
        if not rows:
            return []
        skus = [str(row["sku"]) for row in rows]
        self._check_new_skus(skus)
        first_id = (
            int(self.conn.execute(select(func.coalesce(func.max(t.products.c.id), 0))).scalar_one())
            + 1
        )
        parents = self._parent_ids(rows, skus, first_id)
        stamp = self.helper.stored_datetime(self.now)
        encoders = [
            (
                n,
                _encode_text(n) + ":",
                _MEMBER[FIELD_BY_NAME[n].kind],
                _STORE[FIELD_BY_NAME[n].kind],
            )
            for n in SOURCED_FIELDS
        ]
        product_rows: list[tuple[Any, ...]] = []
        provenance_rows: list[tuple[Any, ...]] = []
        image_params: list[dict[str, Any]] = []
        for offset, row in enumerate(rows):
            product_id = first_id + offset
            members: list[str] = []
            stored: list[Any] = [product_id, parents.get(offset), skus[offset]]
            for name, key, to_member, to_store in encoders:
                value = row.get(name)
                if value is None:
                    stored.append(None)
                else:
                    column_value = to_store(value)
                    stored.append(column_value)
                    members.append(key + to_member(value, column_value))
            stored.extend((1, stamp, stamp))
            product_rows.append(tuple(stored))
            # The provenance JSON object is assembled from parts already encoded above.
            provenance_rows.append((product_id, src, "{" + ",".join(members) + "}", stamp))
            for position, image in enumerate(row.get("images") or ()):
                image_params.append(_image_params(product_id, position, image, self.now))
        helper = self.helper
        last_id = first_id + len(rows) - 1
        created = list(range(first_id, last_id + 1))
        with helper.search_index_deferred(self.conn):
            helper.executemany(self.conn, "products", _INSERT_COLUMNS, product_rows)
        helper.index_products(self.conn, created)
        helper.executemany(self.conn, "field_provenance", _PROVENANCE_COLUMNS, provenance_rows)
        if image_params:
            self.conn.execute(insert(t.images), image_params)
        # Creations are logged without a snapshot; undo captures one before deleting.
        self.conn.execute(
            text(
                "INSERT INTO change_log (batch_id, product_id, sku, op) "
                "SELECT :batch, id, sku, 'create' FROM products WHERE id BETWEEN :first AND :last"
            ),
            {"batch": self.batch_id, "first": first_id, "last": last_id},
        )
        self._logged_rows += len(rows)
        self.summary.created.extend(created)
        return created

    def _insert_products(self, params: list[dict[str, Any]]) -> None:
        rows = [tuple(row.get(name) for name in _INSERT_COLUMNS) for row in params]
        with self.helper.search_index_deferred(self.conn):
            self.helper.executemany(self.conn, "products", _INSERT_COLUMNS, rows)
        self.helper.index_products(self.conn, [row["id"] for row in params])

    def _check_new_skus(self, skus: list[str]) -> None:
        repeated = sorted(sku for sku, n in Counter(skus).items() if n > 1)
        if repeated:
            raise ConflictError(f"SKU {repeated[0]!r} appears more than once in this change")
        existing = t.ids_for_skus(self.conn, skus)
        if existing:
            sku = sorted(existing)[0]
            raise ConflictError(
                f"a product with SKU {sku!r} already exists",
                "Choose another SKU, or edit the existing product.",
            )

    def _parent_ids(
        self, rows: list[Mapping[str, Any]], skus: list[str], first_id: int
    ) -> dict[int, int]:
        """Row index -> parent id, for parents in the catalog or earlier in ``rows``."""
        wanted = {i: str(r["parent_sku"]) for i, r in enumerate(rows) if r.get("parent_sku")}
        if not wanted:
            return {}
        existing = t.ids_for_skus(self.conn, wanted.values())
        position = {sku: index for index, sku in enumerate(skus)}
        result: dict[int, int] = {}
        for index, parent_sku in wanted.items():
            if parent_sku in existing:
                result[index] = existing[parent_sku]
            elif position.get(parent_sku, index) < index:
                result[index] = first_id + position[parent_sku]
            else:
                raise NotFoundError(
                    f"parent product {parent_sku!r} of {skus[index]!r} does not exist",
                    "Create the parent first, or list it before its variants.",
                )
        return result

    # ----------------------------------------------------------------- update
    def set_fields(
        self,
        changes: Mapping[int, Mapping[str, Any]],
        source: Source | str | None = None,
        expected_versions: Mapping[int, int] | None = None,
    ) -> None:
        """Set typed field values for ``source`` on many products (missing products raise)."""
        src = Source(source).value if source is not None else self.source
        ids = list(changes)
        current = t.load_products(self.conn, ids)
        missing = [i for i in ids if i not in current]
        if missing:
            raise NotFoundError(f"product #{missing[0]} does not exist (it may have been deleted)")
        if expected_versions:
            for product_id, version in expected_versions.items():
                if current[product_id]["version"] != version:
                    raise ConflictError(
                        f"{current[product_id]['sku']} was changed elsewhere meanwhile",
                        "Reload and make the edit again.",
                    )
        sources = t.load_provenance(self.conn, ids)
        for product_id, fields in changes.items():
            if "sku" in fields:
                self.rename(product_id, current[product_id]["sku"], fields["sku"])
            stored = sources[product_id].setdefault(src, {})
            touched: list[str] = []
            for name, value in fields.items():
                if name == "sku":
                    continue
                spec = FIELD_BY_NAME.get(name)
                if spec is None:
                    raise InvalidValueError(f"unknown field {name!r}")
                new_json = spec.to_json(value)
                old = wrap(stored, name)
                if old == [new_json]:
                    continue
                stored[name] = new_json
                touched.append(name)
                self._log.append(
                    self._log_row(
                        product_id, current[product_id]["sku"], "update", name, src, old, [new_json]
                    )
                )
            if touched:
                self._store(product_id, current[product_id], sources[product_id], src, touched)

    def restore_fields(self, changes: Sequence[tuple[int, str, str, Wrapped, str]]) -> None:
        """Put source values back: (product id, field, source, ``[value]`` or ``None`` for
        "the source had no value", sku), applied in order. Used by undo and redo."""
        ids = list(dict.fromkeys(change[0] for change in changes))
        current = t.load_products(self.conn, ids)
        sources = t.load_provenance(self.conn, current)
        touched: dict[tuple[int, str], list[str]] = {}
        for product_id, name, source, value, sku in changes:
            if product_id not in current:
                raise NotFoundError(f"product {sku!r} no longer exists")
            stored = sources[product_id].setdefault(source, {})
            old = wrap(stored, name)
            if old == value:
                continue
            if value is None:
                stored.pop(name, None)
            else:
                stored[name] = value[0]
            self._log.append(self._log_row(product_id, sku, "update", name, source, old, value))
            touched.setdefault((product_id, source), []).append(name)
        for (product_id, source), names in touched.items():
            self._store(product_id, current[product_id], sources[product_id], source, names)

    def _store(
        self,
        product_id: int,
        current: dict[str, Any],
        sources: t.ProvenanceMap,
        source: str,
        touched: list[str],
    ) -> None:
        effective = t.effective_values(sources)
        column_changes = {n: effective[n] for n in touched if effective[n] != current[n]}
        values = sources.get(source, {})
        if values:
            self._upsert_provenance(product_id, source, values)
        else:
            self.conn.execute(
                delete(t.provenance).where(
                    (t.provenance.c.product_id == product_id) & (t.provenance.c.source == source)
                )
            )
        result = self.conn.execute(
            update(t.products)
            .where((t.products.c.id == product_id) & (t.products.c.version == current["version"]))
            .values(**column_changes, version=current["version"] + 1, updated_at=self.now)
        )
        if result.rowcount != 1:
            raise ConflictError(f"{current['sku']} was changed elsewhere meanwhile", "Try again.")
        current.update(column_changes, version=current["version"] + 1)
        self.summary.updated.setdefault(product_id, set()).update(touched)

    def _upsert_provenance(self, product_id: int, source: str, values: dict[str, Any]) -> None:
        result = self.conn.execute(
            update(t.provenance)
            .where((t.provenance.c.product_id == product_id) & (t.provenance.c.source == source))
            .values({"values": values, "updated_at": self.now})
        )
        if result.rowcount == 0:
            self.conn.execute(
                insert(t.provenance).values(
                    product_id=product_id, source=source, values=values, updated_at=self.now
                )
            )

    def rename(self, product_id: int, old_sku: str, new_sku: Any) -> None:
        sku = FIELD_BY_NAME["sku"].parse(new_sku)
        if sku == old_sku:
            return
        if t.ids_for_skus(self.conn, [sku]):
            raise ConflictError(f"a product with SKU {sku!r} already exists")
        self.conn.execute(
            update(t.products)
            .where(t.products.c.id == product_id)
            .values(sku=sku, version=t.products.c.version + 1, updated_at=self.now)
        )
        self._log.append(self._log_row(product_id, sku, "update", "sku", None, [old_sku], [sku]))
        self.summary.updated.setdefault(product_id, set()).add("sku")

    # ----------------------------------------------------------------- images
    def set_images(self, product_id: int, images: Sequence[Mapping[str, Any]]) -> None:
        """Replace a product's photos (in order), logging the old and new lists for undo."""
        current = t.load_products(self.conn, [product_id]).get(product_id)
        if current is None:
            raise NotFoundError(f"product #{product_id} does not exist (it may have been deleted)")
        before = [
            _image_snapshot(image, position)
            for position, image in enumerate(
                t.load_images(self.conn, [product_id]).get(product_id, [])
            )
        ]
        after = [_image_snapshot(image, position) for position, image in enumerate(images)]
        if before == after:
            return
        self._replace_images(product_id, after)
        self._log.append(
            self._log_row(product_id, current["sku"], "images", None, None, [before], [after])
        )
        self.conn.execute(
            update(t.products)
            .where(t.products.c.id == product_id)
            .values(version=t.products.c.version + 1, updated_at=self.now)
        )
        self.summary.updated.setdefault(product_id, set()).add("images")

    def restore_images(self, product_id: int, images: Sequence[Mapping[str, Any]]) -> None:
        """Put a logged photo list back (undo and redo)."""
        self._replace_images(product_id, images)
        self.conn.execute(
            update(t.products)
            .where(t.products.c.id == product_id)
            .values(version=t.products.c.version + 1, updated_at=self.now)
        )
        self.summary.updated.setdefault(product_id, set()).add("images")

    def _replace_images(self, product_id: int, images: Sequence[Mapping[str, Any]]) -> None:
        self.conn.execute(delete(t.images).where(t.images.c.product_id == product_id))
        if images:
            self.conn.execute(
                insert(t.images),
                [
                    _image_params(product_id, position, image, self.now)
                    for position, image in enumerate(images)
                ],
            )

    # ----------------------------------------------------------------- delete
    def delete_many(self, ids: Iterable[int]) -> None:
        """Delete products and their variants, keeping full snapshots for undo."""
        wanted = list(dict.fromkeys(ids))
        ordered = self._with_descendants(wanted)
        if not self.replay:  # undo/redo replays a logged batch: nothing new to log
            snapshots = self.snapshot_texts(ordered)
            missing = [pid for pid in wanted if pid not in snapshots]
            if missing:
                raise NotFoundError(f"product #{missing[0]} does not exist")
            skus = t.skus_for_ids(self.conn, ordered)
            for product_id in ordered:
                snapshot = "[" + snapshots[product_id] + "]"
                self._log.append(
                    self._log_row(
                        product_id, skus[product_id], "delete", None, None, snapshot, None
                    )
                )
        self.helper.unindex_products(self.conn, ordered)
        with self.helper.search_index_deferred(self.conn):
            for part in t.chunked(ordered):
                self.conn.execute(delete(t.products).where(t.products.c.id.in_(part)))
        self.summary.deleted.extend(ordered)

    def _with_descendants(self, ids: list[int]) -> list[int]:
        """``ids`` preceded by their variants (and theirs), deepest first."""
        seen = set(ids)
        levels = [ids]
        while levels[-1]:
            found = [
                pid
                for part in t.chunked(levels[-1])
                for (pid,) in self.conn.execute(
                    select(t.products.c.id).where(t.products.c.parent_id.in_(part))
                )
                if pid not in seen
            ]
            seen.update(found)
            levels.append(found)
        return [pid for level in reversed(levels) for pid in level]

    def snapshot_texts(self, ids: list[int]) -> dict[int, str]:
        """Each product's snapshot (identity, every source's values, images) as JSON text,
        assembled from the stored JSON without decoding it."""
        p, prov = t.products.c, t.provenance.c
        sources: dict[int, list[str]] = {}
        rows: list[tuple[Any, ...]] = []
        for part in t.chunked(ids):
            rows.extend(
                self.conn.execute(
                    select(p.id, p.sku, p.parent_id, type_coerce(p.created_at, Text())).where(
                        p.id.in_(part)
                    )
                )
            )
            found = self.conn.execute(
                select(prov.product_id, prov.source, type_coerce(prov["values"], Text())).where(
                    prov.product_id.in_(part)
                )
            )
            for product_id, source, values in found:
                sources.setdefault(product_id, []).append(f"{_encode_text(source)}:{values}")
        pictures = t.load_images(self.conn, [row[0] for row in rows])
        return {
            pid: (
                f'{{"id":{pid},"sku":{_encode_text(sku)},"parent_id":{_dump(parent)},'
                f'"created_at":{_encode_text(str(created))},'
                f'"provenance":{{{",".join(sources.get(pid, ()))}}},'
                f'"images":{_images_json(pictures.get(pid, []))}}}'
            )
            for pid, sku, parent, created in rows
        }

    def restore_snapshots(self, snapshots: list[Snapshot]) -> None:
        """Re-insert deleted (or undone) products with their original ids. Used by undo/redo."""
        snapshots = _parents_first(snapshots)
        taken = t.ids_for_skus(self.conn, [snap["sku"] for snap in snapshots])
        if taken:
            sku = sorted(taken)[0]
            raise ConflictError(f"cannot bring back {sku!r}: another product now uses that SKU")
        stamp = self.helper.stored_datetime(self.now)
        params = []
        provenance_rows: list[tuple[Any, ...]] = []
        image_rows: list[tuple[Any, ...]] = []
        for snap in snapshots:
            sources: t.ProvenanceMap = snap["provenance"]
            row = _storable_effective(t.effective_values(sources))
            created = datetime.fromisoformat(snap["created_at"])
            if created.tzinfo is None:  # stored timestamps are UTC without a zone
                created = created.replace(tzinfo=UTC)
            row.update(id=snap["id"], parent_id=snap["parent_id"], sku=snap["sku"], version=1)
            row["created_at"] = self.helper.stored_datetime(created)
            row["updated_at"] = stamp
            params.append(row)
            for source, values in sources.items():
                provenance_rows.append((snap["id"], source, _dump(values), stamp))
            for image in snap["images"]:
                picture = _image_params(snap["id"], image["position"], image, self.now)
                picture["created_at"] = stamp
                image_rows.append(tuple(picture[c] for c in _IMAGE_COLUMNS))
        self._insert_products(params)
        self.helper.executemany(self.conn, "field_provenance", _PROVENANCE_COLUMNS, provenance_rows)
        self.helper.executemany(self.conn, "product_images", _IMAGE_COLUMNS, image_rows)

    def keep_snapshots(self, entries: Sequence[tuple[int, str]]) -> None:
        """Store snapshot texts in their change-log entries (entry id, text), for redo."""
        self.conn.execute(
            text("UPDATE change_log SET new_value = :value WHERE id = :entry"),
            [{"entry": entry, "value": "[" + snapshot + "]"} for entry, snapshot in entries],
        )

    # ----------------------------------------------------------------- finish
    def _log_row(
        self,
        product_id: int,
        sku: str,
        op: str,
        name: str | None,
        source: str | None,
        old: Wrapped | str,
        new: Wrapped | str,
    ) -> dict[str, Any]:
        """A change-log row; values are wrapped values or JSON text already encoded."""
        return {
            "batch_id": self.batch_id,
            "product_id": product_id,
            "sku": sku,
            "op": op,
            "field": name,
            "source": source,
            "old_value": _encoded(old),
            "new_value": _encoded(new),
        }

    def record_external(self, count: int) -> None:
        """Count rows that belong to this batch but live outside the change log (sales
        records); they keep the batch, and hide with it when it is undone."""
        self._logged_rows += count

    def finish(self) -> ChangeSummary:
        """Write the change log; drop the batch if nothing changed."""
        if self.replay:
            return self.summary
        if not self._log and not self._logged_rows:
            self.conn.execute(delete(t.batches).where(t.batches.c.id == self.batch_id))
            self.summary.batch_id = None
            return self.summary
        if self._log:
            self.conn.execute(
                text(
                    "INSERT INTO change_log (batch_id, product_id, sku, op, field, source, "
                    "old_value, new_value) VALUES (:batch_id, :product_id, :sku, :op, :field, "
                    ":source, :old_value, :new_value)"
                ),
                self._log,
            )
        self.conn.execute(
            update(t.batches)
            .where(t.batches.c.id == self.batch_id)
            .values(
                product_count=len(self.summary.product_ids),
                change_count=len(self._log) + self._logged_rows,
            )
        )
        return self.summary
