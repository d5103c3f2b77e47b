"""Named, transactional, recorded schema migrations, in one explicit ordered list.

The schema in `schema.py` is the single description of the tables. Each table,
column or index may carry ``info={"since": "NNNN_name"}``; migration N creates
exactly the items introduced at N (new tables, ``ALTER TABLE ... ADD COLUMN``,
new indexes), then runs its own extra step if it has one (full-text indexes,
data fixes). A fresh ledger runs every migration in order, so "fresh" and
"upgraded" ledgers are built by the same code and cannot drift apart.

Each migration runs in the caller's transaction and is recorded in
``ct_migrations``. A new migration is one more entry at the end of `MIGRATIONS`;
no module adds one as a side effect of being imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa

from claims import index, review_store, schema
from claims.browse_indexes import create_browse_indexes
from claims.index.fulltext import create_fulltext


@dataclass(frozen=True)
class Migration:
    name: str
    extra: Callable[[sa.Connection], None] | None = field(default=None)


FIRST = "0001_initial"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(FIRST),
    # The retrieval index's tables depend on the dialect, so its step creates and backfills them.
    Migration(index.MIGRATION, extra=index.create_index),
    Migration("0003_claim_events"),
    # Retraction, merges and claimant aliases; the full-text index `claims search` reads.
    Migration("0004_curation", extra=create_fulltext),
    # Link removals become events; the linker's unsure "auto" links of older ledgers become suggestions.
    Migration("0005_review", extra=review_store.mark_unsure_auto_links),
    # Verdicts carry the published fact-check: its URL, headline and publication date.
    Migration("0006_verdict_review"),
    Migration("0007_users"),
    # The desk's claim pages: one index per sort order, so a page reads ~51 index entries (`browse_indexes`).
    Migration("0008_desk", extra=create_browse_indexes),
    # Retrieval gained acronym terms ("HP" ~ "Hewlett-Packard"): the claims already stored are indexed again.
    Migration("0010_links", extra=index.reindex_all),
)


def _since(item: sa.Table | sa.Column | sa.Index) -> str:
    return item.info.get("since", FIRST)


def _index_since(ix: sa.Index) -> str:
    own = ix.info.get("since")
    return max([own or FIRST, *(_since(c) for c in ix.columns)])


def names() -> list[str]:
    return [m.name for m in MIGRATIONS]


def applied(*, conn: sa.Connection) -> list[str]:
    """Names of the migrations recorded in this database, in order."""
    if not sa.inspect(conn).has_table(schema.migrations.name):
        return []
    rows = conn.execute(sa.select(schema.migrations.c.name).order_by(schema.migrations.c.name))
    return [r[0] for r in rows]


def pending(*, conn: sa.Connection) -> list[Migration]:
    done = set(applied(conn=conn))
    return [m for m in MIGRATIONS if m.name not in done]


def apply(migration: Migration, *, conn: sa.Connection) -> None:
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
            for ix in table.indexes:
                if _index_since(ix) <= name:
                    sa.Index(
                        ix.name, *[copy.c[c.name] for c in ix.columns], unique=ix.unique,
                        **schema.partial_where(ix, conn.dialect.name),
                    )
            copy.create(conn)
            continue
        for column in table.columns:
            if _since(column) == name:
                ddl = sa.schema.CreateColumn(column).compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {ddl}")
        for ix in table.indexes:
            if _index_since(ix) == name:
                schema.create_index(ix, conn)
    if migration.extra is not None:
        migration.extra(conn)
    conn.execute(
        sa.insert(schema.migrations).values(name=name, applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    )


def migrate(upto: str | None = None, *, conn: sa.Connection) -> list[str]:
    """Apply every pending migration (up to and including `upto`); return their names."""
    done: list[str] = []
    for migration in pending(conn=conn):
        if upto is not None and migration.name > upto:
            break
        apply(migration, conn=conn)
        done.append(migration.name)
    return done
