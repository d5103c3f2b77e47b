"""The indexes the desk's claim pages read, one per sort order (migration "0008_desk").

A page of 50 claims out of a million is fast only when an index yields the
rows already in the page's order, so the database reads about 51 entries and
stops. Each sort the desk offers gets such an index over the *live* claims
(neither retracted nor merged: the only ones lists show), ending in the id so
that ties break the same way and the page's ids come from the index alone:

- claim date, newest first (undated last);
- status, then claim date (the status filter, the commonest one);
- check-worthiness, then claim date.

The links get one too: current links (not rejected, with a stance) by time,
which the latest-evidence sort walks newest first.

They are written per dialect because the order matters: PostgreSQL stores
"newest first, undated last" as ``DESC NULLS LAST`` so a forward scan matches
the query's ORDER BY; SQLite puts NULLs first in ascending order, so its plain
ascending index read backwards gives the same order. The condition of a
partial index must appear word for word in a query (SQLite matches it by
text, without bound parameters): `LIVE_SQL` is that condition, and
`claims.browse.live_literal` writes it.
"""

from __future__ import annotations

import sqlalchemy as sa

MIGRATION = "0008_desk"
LIVE_SQL = "retracted = 0 AND merged_into IS NULL"
LINK_LIVE_SQL = "rejected = 0 AND stance IS NOT NULL"
NAMES = (
    "ix_claims_live_date",
    "ix_claims_live_status",
    "ix_claims_live_checkworthiness",
    "ix_links_live_at",
    "ix_sources_outlet",
    "ix_sources_outlet_folded",
)


def _ddl(dialect: str) -> list[str]:
    newest = "date_start, id" if dialect == "sqlite" else "date_start DESC NULLS LAST, id DESC"
    worth = "checkworthiness" if dialect == "sqlite" else "checkworthiness DESC"
    return [
        f"CREATE INDEX ix_claims_live_date ON claims ({newest}) WHERE {LIVE_SQL}",
        f"CREATE INDEX ix_claims_live_status ON claims (status, {newest}) WHERE {LIVE_SQL}",
        f"CREATE INDEX ix_claims_live_checkworthiness ON claims ({worth}, {newest}) WHERE {LIVE_SQL}",
        f"CREATE INDEX ix_links_live_at ON links (at, from_id, to_id) WHERE {LINK_LIVE_SQL}",
        # The outlet filter's suggestions (distinct outlets without reading every article) and the filter itself.
        "CREATE INDEX ix_sources_outlet ON sources (outlet)",
        "CREATE INDEX ix_sources_outlet_folded ON sources (lower(outlet), id)",
    ]


def create_browse_indexes(conn: sa.Connection) -> None:
    """The migration step (and bulk loaders after a load): create the desk's indexes."""
    for ddl in _ddl(conn.dialect.name):
        conn.exec_driver_sql(ddl)
    if conn.dialect.name == "sqlite":
        # Fresh statistics for the new indexes (a ledger that was never analysed is left so).
        present = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
        if present:
            for name in NAMES:
                conn.exec_driver_sql(f"ANALYZE {name}")


def drop_browse_indexes(conn: sa.Connection) -> None:
    """For bulk loaders: drop the desk's indexes before a load (one sort afterwards beats a million inserts)."""
    for name in NAMES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
