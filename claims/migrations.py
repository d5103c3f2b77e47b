"""Named, transactional, recorded schema migrations.

The schema in `schema.py` is the single description of the tables. Each table,
column or index may carry ``info={"since": "NNNN_name"}``; migration N creates
exactly the items introduced at N (new tables, ``ALTER TABLE ... ADD COLUMN``,
new indexes), then runs its own extra step if it has one (full-text indexes,
data fixes). A fresh ledger runs every migration in order, so "fresh" and
"upgraded" ledgers are built by the same code and cannot drift apart.

Each migration runs in the caller's transaction and is recorded in
``ct_migrations``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa

from claims import schema


@dataclass(frozen=True)
class Migration:
    name: str
    extra: Callable[[sa.Connection], None] | None = field(default=None)


FIRST = "0001_initial"

MIGRATIONS: list[Migration] = [
    Migration(FIRST),
]


def register(migration: Migration) -> None:
    """Add a migration at the end of the sequence (used by modules that own extra steps)."""
    if any(m.name == migration.name for m in MIGRATIONS):
        return
    MIGRATIONS.append(migration)
    MIGRATIONS.sort(key=lambda m: m.name)


def _since(item: sa.Table | sa.Column | sa.Index) -> str:
    return item.info.get("since", FIRST)


def _index_since(index: sa.Index) -> str:
    own = index.info.get("since")
    return max([own or FIRST, *(_since(c) for c in index.columns)])


def names() -> list[str]:
    return [m.name for m in MIGRATIONS]


def applied(conn: sa.Connection) -> list[str]:
    """Names of the migrations recorded in this database, in order."""
    if not sa.inspect(conn).has_table(schema.migrations.name):
        return []
    rows = conn.execute(sa.select(schema.migrations.c.name).order_by(schema.migrations.c.name))
    return [r[0] for r in rows]


def pending(conn: sa.Connection) -> list[Migration]:
    done = set(applied(conn))
    return [m for m in MIGRATIONS if m.name not in done]


def apply(conn: sa.Connection, migration: Migration) -> None:
    """Create what `migration` introduces, run its extra step and record it."""
    name = migration.name
    for table in schema.metadata.sorted_tables:
        table_since = _since(table)
        if table_since > name:
            continue
        if table_since == name:
            temp = sa.MetaData()
            columns = [c._copy() for c in table.columns if _since(c) <= name]
            copy = sa.Table(table.name, temp, *columns)
            for index in table.indexes:
                if _index_since(index) <= name:
                    sa.Index(index.name, *[copy.c[c.name] for c in index.columns], unique=index.unique)
            copy.create(conn)
            continue
        for column in table.columns:
            if _since(column) == name:
                ddl = sa.schema.CreateColumn(column).compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {ddl}")
        for index in table.indexes:
            if _index_since(index) == name:
                index.create(conn)
    if migration.extra is not None:
        migration.extra(conn)
    conn.execute(
        sa.insert(schema.migrations).values(name=name, applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    )


def migrate(conn: sa.Connection, upto: str | None = None) -> list[str]:
    """Apply every pending migration (up to and including `upto`); return their names."""
    done: list[str] = []
    for migration in pending(conn):
        if upto is not None and migration.name > upto:
            break
        apply(conn, migration)
        done.append(migration.name)
    return done
