"""Catalog queries: full-text search plus filters, sorting in SQL, and row fetching by id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, Select, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FIELD_BY_NAME, FIELD_NAMES, Kind
from sellerdesk.db.dialect import DialectHelper
from sellerdesk.services import tables as t
from sellerdesk.services.product_problems import CHECK_BY_CODE, has_problems_condition

SORTABLE = (*FIELD_NAMES, "id", "updated_at", "created_at")
MISSING_CHOICES = (*FIELD_NAMES, "images")


@dataclass(frozen=True)
class CatalogQuery:
    """What the seller is looking at: search text, filters and sort order."""

    text: str = ""
    brand: str | None = None
    category: str | None = None
    max_stock: int | None = None
    missing: str | None = None
    #: only products failing this readiness check ("any": any check)
    problem: str | None = None
    sort: str = "id"
    descending: bool = False

    def with_sort(self, sort: str, descending: bool = False) -> CatalogQuery:
        return replace(self, sort=sort, descending=descending)

    def validate(self) -> None:
        if self.sort not in SORTABLE:
            raise InvalidValueError(
                f"cannot sort by {self.sort!r}", f"Sortable: {', '.join(SORTABLE)}."
            )
        if self.problem is not None and self.problem != "any" and self.problem not in CHECK_BY_CODE:
            raise InvalidValueError(
                f"unknown problem {self.problem!r}",
                f"Choose 'any' or one of: {', '.join(CHECK_BY_CODE)}.",
            )
        if self.missing is not None and self.missing not in MISSING_CHOICES:
            raise InvalidValueError(
                f"unknown field {self.missing!r} for --missing",
                f"Choose one of: {', '.join(MISSING_CHOICES)}.",
            )


def conditions(query: CatalogQuery, helper: DialectHelper) -> list[ColumnElement[bool]]:
    query.validate()
    p = t.products.c
    conditions: list[ColumnElement[bool]] = []
    if query.text.strip():
        conditions.append(helper.search_condition(p.id, query.text))
    if query.brand:
        conditions.append(func.lower(p.brand) == query.brand.strip().lower())
    if query.category:
        category = query.category.strip()
        if category.isdigit():
            conditions.append(p.category_id == int(category))
        else:
            conditions.append(
                func.lower(p.category_path).like(_prefix(category.lower()), escape="\\")
            )
    if query.max_stock is not None:
        conditions.append(p.stock <= query.max_stock)
    if query.problem is not None:
        code = None if query.problem == "any" else query.problem
        conditions.append(has_problems_condition(code))
    if query.missing == "images":
        conditions.append(~exists().where(t.images.c.product_id == p.id))
    elif query.missing is not None:
        column = p[query.missing]
        if FIELD_BY_NAME[query.missing].kind in (Kind.TEXT, Kind.LONG_TEXT):
            conditions.append(or_(column.is_(None), column == ""))
        else:
            conditions.append(column.is_(None))
    return conditions


def _prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def ordering(query: CatalogQuery) -> list[Any]:
    column = t.products.c[query.sort]
    kind = FIELD_BY_NAME[query.sort].kind if query.sort in FIELD_BY_NAME else None
    key: Any = func.lower(column) if kind in (Kind.TEXT, Kind.LONG_TEXT) else column
    if query.sort == "id":
        return [t.products.c.id.desc() if query.descending else t.products.c.id]
    ordered = key.desc().nulls_last() if query.descending else key.asc().nulls_last()
    tie = t.products.c.id.desc() if query.descending else t.products.c.id
    return [ordered, tie]


def id_query(query: CatalogQuery, helper: DialectHelper) -> Select[Any]:
    return select(t.products.c.id).where(*conditions(query, helper)).order_by(*ordering(query))


def matching_ids(
    conn: Connection,
    query: CatalogQuery,
    helper: DialectHelper,
    limit: int | None = None,
    offset: int = 0,
) -> list[int]:
    """Ids of the products matching ``query``, in its sort order."""
    statement = id_query(query, helper)
    if limit is not None:
        statement = statement.limit(limit)
    if offset:
        statement = statement.offset(offset)
    return [row[0] for block in helper.stream_rows(conn, statement, 50_000) for row in block]


def count(conn: Connection, query: CatalogQuery, helper: DialectHelper) -> int:
    statement = select(func.count()).select_from(t.products).where(*conditions(query, helper))
    return int(conn.execute(statement).scalar_one())


def rows_by_id(
    conn: Connection, ids: Sequence[int], columns: Sequence[str] | None = None
) -> dict[int, dict[str, Any]]:
    """Product rows (chosen columns plus id, version and parent SKU) for ``ids``."""
    p = t.products.c
    parent = t.products.alias("parent")
    wanted = [p[c] for c in (columns or FIELD_NAMES) if c not in ("id", "parent_sku")]
    statement = select(
        p.id, p.version, p.updated_at, parent.c.sku.label("parent_sku"), *wanted
    ).select_from(t.products.outerjoin(parent, parent.c.id == p.parent_id))
    result: dict[int, dict[str, Any]] = {}
    for part in t.chunked(list(ids)):
        for row in conn.execute(statement.where(p.id.in_(part))).mappings():
            result[row["id"]] = dict(row)
    return result


def variant_counts(conn: Connection, ids: Sequence[int]) -> dict[int, int]:
    result: dict[int, int] = {}
    for part in t.chunked(list(ids)):
        statement = (
            select(t.products.c.parent_id, func.count())
            .where(t.products.c.parent_id.in_(part))
            .group_by(t.products.c.parent_id)
        )
        result.update({pid: n for pid, n in conn.execute(statement)})
    return result


def image_counts(conn: Connection, ids: Sequence[int]) -> dict[int, int]:
    result: dict[int, int] = {}
    for part in t.chunked(list(ids)):
        statement = (
            select(t.images.c.product_id, func.count())
            .where(t.images.c.product_id.in_(part))
            .group_by(t.images.c.product_id)
        )
        result.update({pid: n for pid, n in conn.execute(statement)})
    return result
