"""The catalog database handle: an engine with its dialect helper and unit-of-work scopes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import make_url

from sellerdesk.db.dialect import DialectHelper, helper_for, sqlite_file_of


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL for ``target``: a URL is kept, a plain path means a SQLite file."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


@dataclass
class Database:
    """One catalog database. Writes run in ``write()`` scopes (BEGIN IMMEDIATE on SQLite)."""

    engine: Engine
    helper: DialectHelper

    @classmethod
    def connect(cls, target: str | Path) -> Database:
        url = make_url(database_url(target))
        helper = helper_for(url.get_backend_name())
        path = Path(url.database) if url.database and helper.name == "sqlite" else None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, hide_parameters=True)
        helper.install_connection_hooks(engine)
        return cls(engine=engine, helper=helper)

    @property
    def path(self) -> Path | None:
        """The SQLite file behind this database, if it is one."""
        return sqlite_file_of(self.engine)

    @property
    def display_name(self) -> str:
        path = self.path
        return str(path) if path is not None else self.engine.url.render_as_string(True)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write unit of work: all or nothing, holding the write lock from its start."""
        with self.engine.connect() as conn:
            conn.info["write"] = True
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info["write"] = False

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only unit of work with a consistent snapshot."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()
