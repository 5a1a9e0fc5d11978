"""Sales records from sales reports: stored per import batch, linked to products by title.

A record is visible while its batch is not undone; when a report is imported again, the newest
visible record of an order is the current one, so undoing the re-import brings the old one back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Connection, Table, func, insert, select

from sellerdesk.db.database import Database
from sellerdesk.db.dialect import DialectHelper
from sellerdesk.db.models import SaleRecord
from sellerdesk.db.types import utcnow
from sellerdesk.importers.drafts import SaleDraft
from sellerdesk.services import tables as t

sales: Table = SaleRecord.__table__  # type: ignore[assignment]

#: A title match links a sale to a product only at or above this score (0-100) ...
MATCH_SCORE = 90
#: ... and only when the runner-up is at least this much worse.
MATCH_MARGIN = 5

_COMPARED = (
    "status",
    "title",
    "sold_on",
    "canceled_on",
    "completed_on",
    "ship_to",
    "ship_from",
    "currency",
    "item_price",
    "net_proceeds",
    "amounts",
)


@dataclass(frozen=True)
class Sale:
    id: int
    channel: str
    order_id: str
    status: str
    title: str | None
    sold_on: date | None
    completed_on: date | None
    canceled_on: date | None
    currency: str
    item_price: Decimal | None
    net_proceeds: Decimal | None
    ship_to: str | None
    sku: str | None
    match_score: int | None
    amounts: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "channel": self.channel,
            "order_id": self.order_id,
            "status": self.status,
            "title": self.title,
            "sold_on": self.sold_on.isoformat() if self.sold_on else None,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "canceled_on": self.canceled_on.isoformat() if self.canceled_on else None,
            "currency": self.currency,
            "item_price": None if self.item_price is None else f"{self.item_price:.2f}",
            "net_proceeds": None if self.net_proceeds is None else f"{self.net_proceeds:.2f}",
            "ship_to": self.ship_to,
            "sku": self.sku,
            "match_score": self.match_score,
            "amounts": self.amounts,
        }


def _visible(channel: str | None = None) -> Any:
    live = (
        select(func.max(sales.c.id).label("id"))
        .join(t.batches, t.batches.c.id == sales.c.batch_id)
        .where(t.batches.c.state == "done")
        .group_by(sales.c.channel, sales.c.order_id)
    )
    if channel is not None:
        live = live.where(sales.c.channel == channel)
    return live.subquery()


def current_records(
    conn: Connection, channel: str, order_ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    live = _visible(channel)
    result: dict[str, dict[str, Any]] = {}
    for part in t.chunked(order_ids):
        rows = conn.execute(
            select(sales).join(live, live.c.id == sales.c.id).where(sales.c.order_id.in_(part))
        ).mappings()
        result.update({row["order_id"]: dict(row) for row in rows})
    return result


def _draft_values(draft: SaleDraft) -> dict[str, Any]:
    return {
        "status": draft.status,
        "title": draft.title,
        "sold_on": draft.sold_on,
        "canceled_on": draft.canceled_on,
        "completed_on": draft.completed_on,
        "ship_to": draft.ship_to,
        "ship_from": draft.ship_from,
        "currency": draft.currency,
        "item_price": draft.item_price,
        "net_proceeds": draft.net_proceeds,
        "amounts": draft.amounts or None,
    }


def match_product(conn: Connection, helper: DialectHelper, title: str) -> tuple[int, int] | None:
    """(product id, score) of the one product whose title clearly matches, if any."""
    words = sorted((w for w in title.split() if len(w) > 2 and w.isalnum()), key=len)
    if not words:
        return None
    candidates = conn.execute(
        select(t.products.c.id, t.products.c.title)
        .where(helper.search_condition(t.products.c.id, words[-1]))
        .limit(500)
    ).all()
    scored = sorted(
        ((fuzz.token_sort_ratio(title, str(ptitle or "")), pid) for pid, ptitle in candidates),
        reverse=True,
    )
    if not scored or scored[0][0] < MATCH_SCORE:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - MATCH_MARGIN:
        return None
    return scored[0][1], round(scored[0][0])


class SalesApplier:
    """Stores a report's sales under the import batch; unchanged orders are not stored again."""

    def __init__(
        self, conn: Connection, helper: DialectHelper, batch_id: int, channel: str
    ) -> None:
        self.conn = conn
        self.helper = helper
        self.batch_id = batch_id
        self.channel = channel
        self.counts: Counter[str] = Counter()
        #: match by title (reports repeat titles; products don't change during an import)
        self._matches: dict[str, tuple[int, int] | None] = {}

    def apply(self, drafts: Sequence[SaleDraft]) -> int:
        """Store the new and changed sales; returns how many records were written."""
        current = current_records(self.conn, self.channel, [d.order_id for d in drafts])
        rows: list[dict[str, Any]] = []
        now = utcnow()
        for draft in drafts:
            values = _draft_values(draft)
            existing = current.get(draft.order_id)
            if existing is not None and all(existing[k] == values[k] for k in _COMPARED):
                self.counts["unchanged"] += 1
                continue
            self.counts["updated" if existing is not None else "new"] += 1
            match = self._match(draft.title) if draft.title else None
            rows.append(
                {
                    **values,
                    "batch_id": self.batch_id,
                    "channel": self.channel,
                    "order_id": draft.order_id,
                    "product_id": match[0] if match else None,
                    "match_score": match[1] if match else None,
                    "created_at": now,
                }
            )
            if match:
                self.counts["linked"] += 1
        if rows:
            self.conn.execute(insert(sales), rows)
        return len(rows)

    def _match(self, title: str) -> tuple[int, int] | None:
        if title not in self._matches:
            self._matches[title] = match_product(self.conn, self.helper, title)
        return self._matches[title]

    def attach_run(self, run_id: int) -> None:
        self.conn.execute(
            sales.update().where(sales.c.batch_id == self.batch_id).values(import_run_id=run_id)
        )


def list_sales(db: Database, channel: str | None = None, status: str | None = None) -> list[Sale]:
    live = _visible(channel)
    query = (
        select(sales, t.products.c.sku)
        .join(live, live.c.id == sales.c.id)
        .outerjoin(t.products, t.products.c.id == sales.c.product_id)
        .order_by(sales.c.sold_on, sales.c.order_id)
    )
    if status is not None:
        query = query.where(sales.c.status == status)
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        Sale(
            id=row["id"],
            channel=row["channel"],
            order_id=row["order_id"],
            status=row["status"],
            title=row["title"],
            sold_on=row["sold_on"],
            completed_on=row["completed_on"],
            canceled_on=row["canceled_on"],
            currency=row["currency"],
            item_price=row["item_price"],
            net_proceeds=row["net_proceeds"],
            ship_to=row["ship_to"],
            sku=row["sku"],
            match_score=row["match_score"],
            amounts=row["amounts"] or {},
        )
        for row in rows
    ]


def proceeds_total(records: Sequence[Sale], status: str = "completed") -> Decimal:
    return sum(
        (r.net_proceeds for r in records if r.status == status and r.net_proceeds is not None),
        Decimal(0),
    )
