"""Small SQL helpers shared by the ledger and the retrieval index."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa


def among(conn: sa.Connection, column: sa.ColumnElement[Any], values: Sequence[str]) -> sa.ColumnElement[bool]:
    """`column IN values`, on PostgreSQL as `column = ANY(array)`.

    An IN-list gives every count of values its own statement text, and psycopg
    parses each new text again: a tenth of a million-claim report's time. One
    array parameter keeps the text the same whatever the count. SQLite has no
    arrays, and its IN-list costs nothing comparable.
    """
    if conn.dialect.name == "postgresql":
        # Imported here: the PostgreSQL dialect costs a tenth of start-up, and an SQLite ledger never needs it.
        from sqlalchemy.dialects import postgresql

        return column == sa.any_(sa.bindparam(None, list(values), type_=postgresql.ARRAY(sa.Text)))
    return column.in_(values)


def live(claims: sa.FromClause) -> sa.ColumnElement[bool]:
    """The claims (of `claims`, the table or an alias of it) neither retracted nor merged into another.

    Lists, reports, linking and statuses see only these; curation hides a claim this way, never deletes it.
    """
    return sa.and_(claims.c.retracted == 0, claims.c.merged_into.is_(None))
