"""Engines: where a ledger lives (a path or a URL) and how each backend is set up.

Both backends get the same concurrency model, "one writer at a time, readers
never wait": SQLite through WAL and `BEGIN IMMEDIATE`, PostgreSQL through a
transaction-scoped advisory lock. Read transactions opt out with the
`readonly` execution option (see `Ledger.read`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from claims.errors import NotALedger

DEFAULT_DB = "claimtrack.db"
# Any fixed 32-bit key; with the schema's hash it names the lock all writers of one ledger share.
_PG_WRITER_LOCK = 0x636C6169


def resolve_url(db: str | None) -> str:
    """Turn a path, a URL or nothing (./claimtrack.db) into an SQLAlchemy URL, checking the path.

    The environment is not read here: the command line's settings read `CLAIMTRACK_DB` once and pass it.
    """
    target = db or DEFAULT_DB
    if "://" in target:
        if target.startswith("postgres://"):
            target = "postgresql://" + target[len("postgres://") :]
        if target.startswith("postgresql://"):
            target = "postgresql+psycopg://" + target[len("postgresql://") :]
        return target
    path = Path(target).expanduser()
    if path.is_dir():
        raise NotALedger(f"database path {target} is a directory, not a file")
    if not path.parent.exists():
        raise NotALedger(f"database directory {path.parent} does not exist")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise NotALedger(f"{target} is not a claimtrack database (not an SQLite file)")
    return f"sqlite:///{path}"


def create_engine(url: str) -> sa.Engine:
    """An engine for a resolved URL, with the backend's writer discipline installed."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 60})
        _sqlite_setup(engine)
        return engine
    engine = sa.create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "postgresql":
        _postgres_setup(engine)
    return engine


def _sqlite_setup(engine: sa.Engine) -> None:
    """WAL, a busy timeout and explicit BEGIN IMMEDIATE, so concurrent writers queue instead of failing."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA busy_timeout = 60000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        mode = "DEFERRED" if conn.get_execution_options().get("readonly") else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


def _postgres_setup(engine: sa.Engine) -> None:
    """Serialise write transactions with a transaction-scoped advisory lock.

    This gives PostgreSQL the same "one writer at a time, readers never wait" model
    as SQLite's BEGIN IMMEDIATE, so read-then-write steps (duplicate-source checks,
    status refreshes that read links written by another process) see every commit
    before them. Writes are short (the NLP runs outside them), so little is lost.
    The lock is per schema (ledgers in other schemas of the database never wait),
    and a writer gives up after a minute, like SQLite's busy timeout, rather than
    hang forever behind a stuck one.
    """

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        if not conn.get_execution_options().get("readonly"):
            conn.exec_driver_sql("SET LOCAL lock_timeout = '60s'")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITER_LOCK}, hashtext(current_schema()))")


def first_line(exc: BaseException) -> str:
    """The first line of a database error, for a one-line message."""
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
