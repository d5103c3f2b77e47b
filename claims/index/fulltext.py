"""Full-text search over claim text (`claims search`): FTS5 on SQLite, a tsvector GIN index on PostgreSQL.

The retrieval index (`fts5.py`, `pgterms.py`) holds entity and lemma *terms*
for linking; a person searching types words of the claim, so search needs the
text itself indexed. Both are kept current by the database, not by callers:

- SQLite: `claim_search` (FTS5) shares its rowids with `claim_docs`. Triggers
  on `claim_docs` add and drop a claim's text as the retrieval index adds and
  drops the claim, and a trigger on `claims` follows edits of the text, so bulk
  loaders, `reindex` and backups keep it right without knowing it exists.
- PostgreSQL: a GIN index on the stored, generated column ``text_vector``
  (``to_tsvector('english', text)``, since "0008_desk"; before it, an
  expression index), which the database keeps current and ranking reads.

Created by the migration "0004_curation" (`create_fulltext`).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

# The expression the PostgreSQL index of migration 0004 was built on; since "0008_desk" the vector is stored in
# the generated column `claims.text_vector` (`claims.browse_indexes`), which queries read and rank.
PG_VECTOR = "to_tsvector('english'::regconfig, claims.text)"
PG_STORED_VECTOR = "claims.text_vector"

_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE claim_search USING fts5(text, tokenize='porter unicode61')",
    "CREATE TRIGGER claim_search_add AFTER INSERT ON claim_docs BEGIN "
    "INSERT INTO claim_search(rowid, text) SELECT new.doc, text FROM claims WHERE id = new.claim_id; END",
    "CREATE TRIGGER claim_search_drop AFTER DELETE ON claim_docs BEGIN "
    "DELETE FROM claim_search WHERE rowid = old.doc; END",
    "CREATE TRIGGER claim_search_edit AFTER UPDATE OF text ON claims BEGIN "
    "UPDATE claim_search SET text = new.text WHERE rowid IN (SELECT doc FROM claim_docs WHERE claim_id = new.id); END",
    "INSERT INTO claim_search(rowid, text) SELECT d.doc, c.text FROM claim_docs d JOIN claims c ON c.id = d.claim_id",
)


def create_fulltext(conn: sa.Connection) -> None:
    """The migration step: create (and backfill) the dialect's full-text index over claim text."""
    if conn.dialect.name == "sqlite":
        for ddl in _SQLITE_DDL:
            conn.exec_driver_sql(ddl)
    else:
        conn.exec_driver_sql(f"CREATE INDEX ix_claims_text_fts ON claims USING gin (({PG_VECTOR}))")


def fts5_query(text: str) -> str:
    """The user's words as an FTS5 query: each word quoted (no operators), all required."""
    words = ["".join(ch for ch in w if ch.isalnum() or ch in "'-") for w in text.split()]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words if w)


def match(conn: sa.Connection, claims: sa.Table, text: str) -> tuple[sa.ColumnElement[bool], Any, Any]:
    """(condition, rank expression, extra FROM) for "claims whose text matches `text`", best rank first.

    On SQLite the rank is bm25 (smaller is better), so it is negated: callers sort descending on both.
    """
    if conn.dialect.name == "sqlite":
        fts = sa.table("claim_search", sa.column("rowid"))
        docs = sa.table("claim_docs", sa.column("doc"), sa.column("claim_id"))
        joined = fts.join(docs, docs.c.doc == fts.c.rowid).join(claims, claims.c.id == docs.c.claim_id)
        cond = sa.literal_column("claim_search").op("MATCH")(fts5_query(text))
        return cond, -sa.func.bm25(sa.literal_column("claim_search")), joined
    vector: sa.ColumnElement[Any] = sa.literal_column(PG_STORED_VECTOR)
    query = sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), text)
    return vector.op("@@")(query), sa.func.ts_rank(vector, query), claims


def tail_docs(conn: sa.Connection, text: str, *, below: int | None, limit: int, at_least: int = 0) -> Any:
    """The `limit` most recently indexed claim_docs numbers (under `below`) whose text matches `text`, with
    their bm25 scores, newest first (SQLite).

    FTS5 walks the word's doclist backwards and scores only the rows it returns: the cost is `limit`, not
    the word's every match, which is what `ORDER BY bm25` costs.
    """
    query = (
        "SELECT rowid, -bm25(claim_search) AS score FROM claim_search "
        f"WHERE claim_search MATCH ? AND rowid >= ?{' AND rowid < ?' if below is not None else ''} "
        "ORDER BY rowid DESC LIMIT ?"
    )
    params = (fts5_query(text), at_least, *(() if below is None else (below,)), limit)
    return conn.exec_driver_sql(query, params)


def matching_docs(text: str) -> sa.Select[Any]:
    """The claim_docs numbers whose claim text matches `text`, unranked (SQLite): a set to test claims against."""
    fts = sa.table("claim_search", sa.column("rowid"))
    return sa.select(fts.c.rowid).where(sa.literal_column("claim_search").op("MATCH")(fts5_query(text)))


def match_count(conn: sa.Connection, text: str) -> int:
    """How many claims' text matches `text` (SQLite; FTS5 counts postings without ranking them)."""
    query = "SELECT count(*) FROM claim_search WHERE claim_search MATCH ?"
    return int(conn.exec_driver_sql(query, (fts5_query(text),)).scalar_one())
