"""The one place for database-specific SQL: SQLite pragmas, FTS5, backup and integrity checks.

Everything else in SellerDesk speaks portable SQLAlchemy; team mode adds a PostgreSQL helper
with the same interface.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Text, event, literal_column, text
from sqlalchemy.sql.elements import ColumnElement

from sellerdesk.core.errors import UnsupportedDatabaseError
from sellerdesk.core.escaping import FORMULA_TRIGGERS

FTS_COLUMNS = ("sku", "gtin", "title", "brand", "description")
LIST_SEPARATOR = " | "
BUSY_TIMEOUT_MS = 10_000
_TOKEN = re.compile(r"\S+")


class DialectHelper(Protocol):
    name: str

    def install_connection_hooks(self, engine: Engine) -> None: ...
    def create_search_index(self, conn: Connection) -> None: ...
    def drop_search_index(self, conn: Connection) -> None: ...
    def rebuild_search_index(self, conn: Connection) -> None: ...
    def search_condition(self, id_column: Any, query: str) -> ColumnElement[bool]: ...
    def search_index_mismatches(self, conn: Connection) -> int: ...
    def migration_scope(self, engine: Engine) -> AbstractContextManager[Connection]: ...
    def executemany(
        self, conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None: ...
    def stored_datetime(self, moment: datetime) -> Any: ...
    def search_index_deferred(self, conn: Connection) -> AbstractContextManager[None]: ...
    def index_products(self, conn: Connection, ids: Sequence[int]) -> None: ...
    def unindex_products(self, conn: Connection, ids: Sequence[int]) -> None: ...
    def amount_text(self, column: Any) -> ColumnElement[str]: ...
    def formula_safe(self, column: Any) -> ColumnElement[str]: ...
    def csv_record(self, fields: Sequence[tuple[Any, str]]) -> ColumnElement[str]: ...
    def stream_rows(
        self, conn: Connection, statement: Any, size: int
    ) -> Iterator[list[tuple[Any, ...]]]: ...
    def joined_list(self, column: Any, separator: str) -> ColumnElement[str]: ...


def fts_query(user_text: str) -> str:
    """An FTS5 MATCH expression: every word must match, each as a prefix, all syntax quoted."""
    terms = [t.replace('"', '""') for t in _TOKEN.findall(user_text)]
    return " ".join(f'"{t}"*' for t in terms if t.strip('"'))


class SqliteHelper:
    """SQLite: WAL, synchronous=FULL, foreign keys, busy timeout, BEGIN IMMEDIATE for writes."""

    name = "sqlite"

    def install_connection_hooks(self, engine: Engine) -> None:
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            # Take transaction control from the driver so BEGIN is ours (see reliability §2.2).
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            for pragma in (
                "journal_mode=WAL",
                "synchronous=FULL",
                "foreign_keys=ON",
                f"busy_timeout={BUSY_TIMEOUT_MS}",
                "temp_store=MEMORY",
                "cache_size=-65536",
            ):
                cursor.execute(f"PRAGMA {pragma}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            immediate = conn.info.get("write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    def create_search_index(self, conn: Connection) -> None:
        cols = ", ".join(FTS_COLUMNS)
        new_cols = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
        old_cols = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS products_fts USING fts5({cols}, "
            "content='products', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER IF NOT EXISTS products_fts_ai AFTER INSERT ON products BEGIN "
            f"INSERT INTO products_fts(rowid, {cols}) VALUES (new.id, {new_cols}); END"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER IF NOT EXISTS products_fts_ad AFTER DELETE ON products BEGIN "
            f"INSERT INTO products_fts(products_fts, rowid, {cols}) "
            f"VALUES ('delete', old.id, {old_cols}); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER IF NOT EXISTS products_fts_au AFTER UPDATE OF {cols} ON products "
            f"BEGIN INSERT INTO products_fts(products_fts, rowid, {cols}) "
            f"VALUES ('delete', old.id, {old_cols}); "
            f"INSERT INTO products_fts(rowid, {cols}) VALUES (new.id, {new_cols}); END"
        )

    @contextmanager
    def search_index_deferred(self, conn: Connection) -> Iterator[None]:
        """Inside: inserts and deletes of products skip the per-row index triggers.

        FTS5 fed one row per trigger call is several times slower than one INSERT ... SELECT,
        so bulk writes drop the insert/delete triggers, write, re-index the same rows with
        ``index_products``/``unindex_products`` and put the triggers back, all inside one write
        transaction: SQLite's DDL is transactional, so the index is in step at every commit.
        """
        for trigger in ("products_fts_ai", "products_fts_ad"):
            conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
        try:
            yield
        finally:
            self.create_search_index(conn)

    def index_products(self, conn: Connection, ids: Sequence[int]) -> None:
        """Add these (already inserted) products to the search index in bulk."""
        cols = ", ".join(FTS_COLUMNS)
        for part in _id_chunks(ids):
            conn.exec_driver_sql(
                f"INSERT INTO products_fts(rowid, {cols}) SELECT id, {cols} FROM products "
                f"WHERE id IN ({part})"
            )

    def unindex_products(self, conn: Connection, ids: Sequence[int]) -> None:
        """Remove these (still present) products from the search index in bulk."""
        cols = ", ".join(FTS_COLUMNS)
        for part in _id_chunks(ids):
            conn.exec_driver_sql(
                f"INSERT INTO products_fts(products_fts, rowid, {cols}) "
                f"SELECT 'delete', id, {cols} FROM products WHERE id IN ({part})"
            )

    def stream_rows(
        self, conn: Connection, statement: Any, size: int
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Blocks of plain driver rows for ``statement`` (no result-object overhead)."""
        compiled = statement.compile(dialect=conn.dialect)
        names = compiled.positiontup or []
        params = [compiled.params[name] for name in names]
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(str(compiled), params)
            while block := cursor.fetchmany(size):
                yield list(block)  # sqlite3 rows are tuples
        finally:
            cursor.close()

    def csv_record(self, fields: Sequence[tuple[Any, str]]) -> ColumnElement[str]:
        """One CSV record per row, quoted as Python's csv module does (QUOTE_MINIMAL) and with
        spreadsheet formulas neutralized in text, so big exports never build per-cell objects.

        ``fields`` pairs an expression with its role: "number" (never needs quoting), "text",
        or "list" (a JSON list column, written as its items joined by " | ").
        """
        starts = ", ".join(f"'{c}'" for c in FORMULA_TRIGGERS if c.isprintable())
        starts += ", char(9), char(13), char(10)"
        parts: list[str] = []
        for expression, role in fields:
            x = _sql(expression)
            if role == "number":
                parts.append(f"coalesce(CAST({x} AS TEXT), '')")
            elif role == "list":
                joined = f"group_concat(value, '{LIST_SEPARATOR}')"
                parts.append(
                    f"coalesce((SELECT CASE WHEN substr({joined}, 1, 1) IN ({starts}) "
                    f"THEN '\"''' ELSE '\"' END || replace({joined}, '\"', '\"\"') || '\"' "
                    f"FROM json_each({x})), '')"
                )
            else:
                safe = f"(CASE WHEN substr({x}, 1, 1) IN ({starts}) THEN '''' || {x} ELSE {x} END)"
                needs_quotes = (
                    f"instr({x}, '\"') OR instr({x}, ',') OR instr({x}, char(10)) "
                    f"OR instr({x}, char(13))"
                )
                parts.append(
                    f"(CASE WHEN {x} IS NULL THEN '' WHEN {needs_quotes} "
                    f"THEN '\"' || replace({safe}, '\"', '\"\"') || '\"' ELSE {safe} END)"
                )
        return literal_column(" || ',' || ".join(parts), type_=Text())

    def formula_safe(self, column: Any) -> ColumnElement[str]:
        """Text a spreadsheet would run as a formula, prefixed with a quote (the SQL twin of
        ``core.escaping.neutralize_formula``)."""
        starts = ", ".join(f"'{c}'" for c in FORMULA_TRIGGERS if c.isprintable())
        return text_clause_for(  # type: ignore[no-any-return]
            f"CASE WHEN substr({{c}}, 1, 1) IN ({starts}, char(9), char(13), char(10)) "
            "THEN '''' || {c} ELSE {c} END",
            column,
        )

    def amount_text(self, column: Any) -> ColumnElement[str]:
        """A stored amount (integer ten-thousandths) as text: 2 decimals, or 4 when needed."""
        return text_clause_for(  # type: ignore[no-any-return]
            "CASE WHEN {c} IS NULL THEN NULL WHEN {c} % 100 = 0 "
            "THEN printf('%d.%02d', {c} / 10000, ({c} % 10000) / 100) "
            "ELSE rtrim(printf('%d.%04d', {c} / 10000, {c} % 10000), '0') END",
            column,
        )

    def joined_list(self, column: Any, separator: str) -> ColumnElement[str]:
        """A JSON list column as its items joined by ``separator`` (NULL stays NULL)."""
        escaped = separator.replace("'", "''")
        return text_clause_for(  # type: ignore[no-any-return]
            f"(SELECT group_concat(value, '{escaped}') FROM json_each({{c}}))", column
        )

    def drop_search_index(self, conn: Connection) -> None:
        for trigger in ("products_fts_ai", "products_fts_ad", "products_fts_au"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        conn.exec_driver_sql("DROP TABLE IF EXISTS products_fts")

    def rebuild_search_index(self, conn: Connection) -> None:
        conn.exec_driver_sql("INSERT INTO products_fts(products_fts) VALUES ('rebuild')")

    def search_condition(self, id_column: Any, query: str) -> ColumnElement[bool]:
        match = fts_query(query)
        if not match:
            return text("1=1")  # type: ignore[return-value]
        sub = text("SELECT rowid FROM products_fts WHERE products_fts MATCH :fts_q").bindparams(
            fts_q=match
        )
        return id_column.in_(sub)  # type: ignore[no-any-return]

    @contextmanager
    def migration_scope(self, engine: Engine) -> Iterator[Connection]:
        """A write transaction with foreign keys off, as SQLite's table rebuilds require.

        With foreign keys on, the DROP TABLE inside a batch rebuild would cascade-delete child
        rows; the pragma only works outside a transaction, so it is set on the raw connection.
        """
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            try:
                conn.info["write"] = True
                with conn.begin():
                    yield conn
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke {len(broken)} foreign keys")
            finally:
                conn.info["write"] = False
                raw.execute("PRAGMA foreign_keys=ON")

    def stored_datetime(self, moment: datetime) -> Any:
        """A UTC datetime as the UTCDateTime column stores it (for driver-level writes)."""
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    def executemany(
        self, conn: Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """Bulk insert of already-stored-form values straight through the driver (fast path)."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        finally:
            cursor.close()

    def search_index_mismatches(self, conn: Connection) -> int:
        """0 when the FTS index agrees with the products table, else a positive count."""
        try:
            conn.exec_driver_sql(
                "INSERT INTO products_fts(products_fts, rank) VALUES ('integrity-check', 1)"
            )
        except Exception:
            return 1
        return 0


def _sql(expression: Any) -> str:
    return str(expression.compile(compile_kwargs={"literal_binds": True}))


def text_clause_for(template: str, column: Any) -> Any:
    """``template`` with ``{c}`` standing for ``column``, as one SQL expression."""
    return literal_column(template.replace("{c}", _sql(column)), type_=Text())


def _id_chunks(ids: Sequence[int], size: int = 20_000) -> Iterator[str]:
    """Comma-joined integer ids (safe to inline: each passes through int())."""
    for start in range(0, len(ids), size):
        yield ", ".join(str(int(i)) for i in ids[start : start + size])


def helper_for(dialect_name: str) -> DialectHelper:
    if dialect_name == "sqlite":
        return SqliteHelper()
    raise UnsupportedDatabaseError(
        f"SellerDesk cannot use a {dialect_name!r} database yet",
        "Use a catalog file (a plain path) for now; shared PostgreSQL arrives with team mode.",
    )


def sqlite_file_of(engine: Engine) -> Path | None:
    """The database file behind a SQLite engine (None for in-memory or other dialects)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database)


def sqlite_backup(
    source: Path, target: Path, progress: Callable[[int, int], None] | None = None
) -> None:
    """Copy a live SQLite file with the online backup API into ``target`` (made atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(partial)
        try:

            def _progress(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            src.backup(dst, pages=4096, progress=_progress)
            dst.execute("PRAGMA journal_mode=DELETE")
            result = dst.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise sqlite3.DatabaseError(f"backup copy failed its check: {result}")
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)


def sqlite_quick_check(path: Path) -> list[str]:
    """Problems SQLite's quick_check finds in ``path`` (empty when the file is healthy)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("PRAGMA quick_check(20)").fetchall()
    finally:
        conn.close()
    messages = [str(r[0]) for r in rows]
    return [] if messages == ["ok"] else messages


SQLITE_HEADER = b"SQLite format 3\x00"


def looks_like_sqlite(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == SQLITE_HEADER
