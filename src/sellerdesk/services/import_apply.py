"""Deciding what each imported product does to the catalog, and doing it inside one batch.

Rows match existing products by SKU (exact, case-sensitive), else by GTIN. The conflict policy
says what a match does: ``update`` the imported values, ``skip`` the row, or ``fill-empty`` only
the fields the catalog lacks. A manual (or accepted AI) value is never replaced unless the
seller asks for it with ``override_manual``; blank cells never erase catalog values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from sellerdesk.core.changes import Source
from sellerdesk.core.fields import FIELD_BY_NAME
from sellerdesk.importers.drafts import ProductDraft, problem
from sellerdesk.importers.model import Severity
from sellerdesk.importers.problem_log import ProblemLog
from sellerdesk.services import tables as t
from sellerdesk.services.change_writer import ChangeWriter

NEW = "new"
UPDATE = "update"
UNCHANGED = "unchanged"
SKIP = "skip"

_STRONGER = (Source.MANUAL.value, Source.AI.value)


@dataclass
class Decision:
    action: str
    product_id: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    #: fields whose stronger (manual/AI) value must be withdrawn first (override_manual)
    withdraw: list[tuple[str, str]] = field(default_factory=list)
    kept_manual: list[str] = field(default_factory=list)


def gtin_forms(code: str) -> list[str]:
    bare = code.lstrip("0")
    return list(dict.fromkeys([code, *(bare.zfill(n) for n in (8, 12, 13, 14) if len(bare) <= n)]))


def match_existing(
    conn: Connection,
    drafts: Sequence[ProductDraft],
    by_gtin: bool = True,
    gtin_max_id: int | None = None,
) -> dict[int, int]:
    """Draft index -> existing product id, by SKU first, then by GTIN."""
    by_sku = t.ids_for_skus(conn, [d.sku for d in drafts])
    found = {i: by_sku[d.sku] for i, d in enumerate(drafts) if d.sku in by_sku}
    if not by_gtin:
        return found
    wanted: dict[str, list[int]] = {}
    for i, draft in enumerate(drafts):
        gtin = draft.values.get("gtin")
        if i not in found and gtin:
            for form in gtin_forms(str(gtin)):
                wanted.setdefault(form, []).append(i)
    if wanted:
        for part in t.chunked(list(wanted)):
            query = select(t.products.c.gtin, t.products.c.id).where(t.products.c.gtin.in_(part))
            if gtin_max_id is not None:
                query = query.where(t.products.c.id <= gtin_max_id)
            rows = conn.execute(query)
            for gtin, product_id in rows:
                for i in wanted.get(gtin, []):
                    found.setdefault(i, product_id)
    return found


def decide(
    conn: Connection,
    drafts: Sequence[ProductDraft],
    matches: dict[int, int],
    policy: str,
    override_manual: bool,
) -> list[Decision]:
    ids = list(dict.fromkeys(matches.values()))
    current = t.load_products(conn, ids) if ids else {}
    sources = t.load_provenance(conn, ids) if ids else {}
    decisions: list[Decision] = []
    for i, draft in enumerate(drafts):
        product_id = matches.get(i)
        if product_id is None:
            decisions.append(Decision(NEW))
            continue
        if policy == "skip":
            decisions.append(Decision(SKIP, product_id))
            continue
        decisions.append(
            _compare(
                draft, current[product_id], sources.get(product_id, {}), policy, override_manual
            )
        )
        decisions[-1].product_id = product_id
    return decisions


def _compare(
    draft: ProductDraft,
    row: dict[str, Any],
    sources: t.ProvenanceMap,
    policy: str,
    override_manual: bool,
) -> Decision:
    decision = Decision(UNCHANGED)
    imported = sources.get(Source.IMPORT.value, {})
    for name, value in draft.values.items():
        current = row.get(name)
        if name == "sku" or (policy == "fill-empty" and current is not None):
            continue
        stronger = [s for s in _STRONGER if name in sources.get(s, {})]
        if stronger and not override_manual:
            # The file's value is kept beside the seller's own, which stays in effect.
            if FIELD_BY_NAME[name].to_json(value) != imported.get(name):
                decision.changes[name] = value
            if current != value:
                decision.kept_manual.append(name)
            continue
        if current == value:
            continue
        decision.withdraw.extend((name, s) for s in stronger)
        decision.changes[name] = value
    if decision.changes:
        decision.action = UPDATE
    return decision


class ProductApplier:
    """Applies chunks of drafts through one ChangeWriter (one batch, one transaction)."""

    def __init__(
        self,
        conn: Connection,
        writer: ChangeWriter,
        log: ProblemLog,
        policy: str,
        override_manual: bool,
    ) -> None:
        self.conn = conn
        self.writer = writer
        self.log = log
        self.policy = policy
        self.override_manual = override_manual
        self.counts: Counter[str] = Counter()
        self.orphans: list[ProductDraft] = []
        # Only products that were in the catalog before this import are matched: rows of the
        # same file never "update" each other (duplicates are handled before they get here).
        self.max_id_before = int(
            conn.execute(select(func.coalesce(func.max(t.products.c.id), 0))).scalar_one()
        )
        self.had_products = self.max_id_before > 0
        self.had_gtins = (
            conn.execute(
                select(t.products.c.id).where(t.products.c.gtin.is_not(None)).limit(1)
            ).first()
            is not None
        )

    def apply(self, drafts: Sequence[ProductDraft], repeats: Sequence[ProductDraft] = ()) -> None:
        if drafts:
            matches = (
                match_existing(self.conn, drafts, self.had_gtins, self.max_id_before)
                if self.had_products
                else {}
            )
            decisions = decide(self.conn, drafts, matches, self.policy, self.override_manual)
            self._write(drafts, decisions)
        if repeats:
            matches = match_existing(self.conn, repeats, by_gtin=False)
            decisions = decide(self.conn, repeats, matches, "update", self.override_manual)
            self._write(repeats, decisions, repeated=True)

    def finish(self) -> None:
        """Variants whose parent never appeared are imported on their own."""
        orphans, self.orphans = self.orphans, []
        known = t.ids_for_skus(self.conn, [d.parent_sku for d in orphans if d.parent_sku])
        for draft in orphans:
            if draft.parent_sku not in known:
                self.log.add(
                    problem(
                        draft.row,
                        "parent_sku",
                        "parent.unknown",
                        f"Parent product {draft.parent_sku!r} is neither in the file nor in the "
                        "catalog; the variant was imported on its own.",
                        Severity.WARNING,
                        draft.sku,
                    )
                )
                draft.parent_sku = None
        self._create(orphans)

    def _write(
        self, drafts: Sequence[ProductDraft], decisions: Sequence[Decision], repeated: bool = False
    ) -> None:
        creates: list[ProductDraft] = []
        changes: dict[int, dict[str, Any]] = {}
        withdrawals: list[tuple[int, str, str, None, str]] = []
        for draft, decision in zip(drafts, decisions, strict=True):
            if decision.kept_manual:
                names = ", ".join(FIELD_BY_NAME[n].label for n in decision.kept_manual)
                self.log.add(
                    problem(
                        draft.row,
                        decision.kept_manual[0],
                        "kept.manual",
                        f"Kept your own edit of {names}; the file's value was not applied.",
                        Severity.WARNING,
                        draft.sku,
                    )
                )
            if repeated:
                if decision.action == UPDATE and decision.product_id is not None:
                    changes[decision.product_id] = decision.changes
                continue
            self.counts[decision.action] += 1
            if decision.action == NEW:
                creates.append(draft)
            elif decision.action == UPDATE and decision.product_id is not None:
                changes[decision.product_id] = decision.changes
                withdrawals.extend(
                    (decision.product_id, name, source, None, draft.sku)
                    for name, source in decision.withdraw
                )
        if withdrawals:
            self.writer.restore_fields(withdrawals)
        if changes:
            self.writer.set_fields(changes, source=Source.IMPORT)
        self._create(creates)

    def _create(self, drafts: Sequence[ProductDraft]) -> None:
        ready: list[dict[str, Any]] = []
        waiting = self._known_parents(drafts)
        for draft in drafts:
            if draft.parent_sku and draft.parent_sku not in waiting:
                self.orphans.append(draft)
                continue
            item: dict[str, Any] = dict(draft.values)
            if draft.parent_sku:
                item["parent_sku"] = draft.parent_sku
            if draft.images:
                item["images"] = draft.images
            ready.append(item)
        if ready:
            self.writer.create_many(ready, source=Source.IMPORT)

    def _known_parents(self, batch: Sequence[ProductDraft]) -> set[str]:
        wanted = {d.parent_sku for d in batch if d.parent_sku}
        if not wanted:
            return set()
        in_chunk: set[str] = set()
        seen: set[str] = set()
        for draft in batch:
            if draft.parent_sku and draft.parent_sku in seen:
                in_chunk.add(draft.parent_sku)
            seen.add(draft.sku)
        known = set(t.ids_for_skus(self.conn, wanted - in_chunk)) | in_chunk
        return known
