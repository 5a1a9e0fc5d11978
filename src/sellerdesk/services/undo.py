"""Undo and redo by change batch: replay a batch's change log backwards or forwards."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from sqlalchemy import Connection, select, update

from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import NothingToDoError
from sellerdesk.db.dialect import DialectHelper
from sellerdesk.db.types import utcnow
from sellerdesk.services import tables as t
from sellerdesk.services.change_writer import ChangeWriter


def next_undo(conn: Connection) -> tuple[int, str] | None:
    """(batch id, name) that undo would revert, if any."""
    row = conn.execute(
        select(t.batches.c.id, t.batches.c.name)
        .where(t.batches.c.state == "done")
        .order_by(t.batches.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def next_redo(conn: Connection) -> tuple[int, str] | None:
    """(batch id, name) that redo would re-apply, if any."""
    row = conn.execute(
        select(t.batches.c.id, t.batches.c.name)
        .where(t.batches.c.state == "undone")
        .order_by(t.batches.c.id.asc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def undo(conn: Connection, helper: DialectHelper) -> ChangeSummary:
    target = next_undo(conn)
    if target is None:
        raise NothingToDoError("There is nothing to undo.")
    batch_id, name = target
    entries = _entries(conn, batch_id, descending=True)
    writer = ChangeWriter(conn, helper, f"Undo {name}", "manual", replay_batch=batch_id)
    for op, group in groupby(entries, key=lambda e: e["op"]):
        items = list(group)
        if op == "create":
            _capture_creations(writer, items)
            writer.delete_many([e["product_id"] for e in items])
        elif op == "delete":
            writer.restore_snapshots([e["old_value"][0] for e in reversed(items)])
        elif op == "images":
            for e in items:
                writer.restore_images(e["product_id"], e["old_value"][0])
        else:
            _apply_updates(writer, items, undoing=True)
    conn.execute(
        update(t.batches)
        .where(t.batches.c.id == batch_id)
        .values(state="undone", undone_at=utcnow())
    )
    return _summary_of(writer, entries, inverse=True)


def redo(conn: Connection, helper: DialectHelper) -> ChangeSummary:
    target = next_redo(conn)
    if target is None:
        raise NothingToDoError("There is nothing to redo.")
    batch_id, name = target
    entries = _entries(conn, batch_id, descending=False)
    writer = ChangeWriter(conn, helper, f"Redo {name}", "manual", replay_batch=batch_id)
    for op, group in groupby(entries, key=lambda e: e["op"]):
        items = list(group)
        if op == "create":
            writer.restore_snapshots([e["new_value"][0] for e in items])
        elif op == "delete":
            writer.delete_many([e["product_id"] for e in items])
        elif op == "images":
            for e in items:
                writer.restore_images(e["product_id"], e["new_value"][0])
        else:
            _apply_updates(writer, items, undoing=False)
    conn.execute(
        update(t.batches).where(t.batches.c.id == batch_id).values(state="done", undone_at=None)
    )
    return _summary_of(writer, entries, inverse=False)


def _capture_creations(writer: ChangeWriter, items: list[dict[str, Any]]) -> None:
    """Store each created product's snapshot in its log entry so redo can bring it back."""
    snapshots = writer.snapshot_texts([e["product_id"] for e in items])
    writer.keep_snapshots(
        [(e["id"], snapshots[e["product_id"]]) for e in items if e["product_id"] in snapshots]
    )


def _apply_updates(writer: ChangeWriter, entries: list[dict[str, Any]], undoing: bool) -> None:
    """Put logged field changes back (undo) or forward again (redo), in log order."""
    current, target = ("new_value", "old_value") if undoing else ("old_value", "new_value")
    for is_rename, run in groupby(entries, key=lambda e: e["field"] == "sku"):
        items = list(run)
        if is_rename:
            for e in items:
                writer.rename(e["product_id"], e[current][0], e[target][0])
        else:
            writer.restore_fields(
                [(e["product_id"], e["field"], e["source"], e[target], e["sku"]) for e in items]
            )


def _entries(conn: Connection, batch_id: int, descending: bool) -> list[dict[str, Any]]:
    order = t.change_log.c.id.desc() if descending else t.change_log.c.id.asc()
    rows = conn.execute(
        select(t.change_log).where(t.change_log.c.batch_id == batch_id).order_by(order)
    ).mappings()
    return [dict(r) for r in rows]


def _summary_of(
    writer: ChangeWriter, entries: list[dict[str, Any]], inverse: bool
) -> ChangeSummary:
    summary = writer.summary
    summary.updated = {}
    summary.created = []
    summary.deleted = []
    for entry in entries:
        pid = entry["product_id"]
        if entry["op"] == "update":
            summary.updated.setdefault(pid, set()).add(entry["field"])
        elif entry["op"] == "images":
            summary.updated.setdefault(pid, set()).add("images")
        elif (entry["op"] == "create") != inverse:
            summary.created.append(pid)
        else:
            summary.deleted.append(pid)
    return summary
