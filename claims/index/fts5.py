"""The SQLite retrieval index: an FTS5 table ranked by bm25, entities weighted above lemmas.

`claim_fts` has an `entities` and a `lemmas` column. Its rowids come from
`claim_docs`, a plain table mapping claim ids to stable integers (a claims
rowid may change on VACUUM; an INTEGER PRIMARY KEY does not).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from claims.index.terms import ENTITY_WEIGHT, LEMMA_WEIGHT, claim_terms_of
from claims.models import Claim

_meta = sa.MetaData()
claim_docs = sa.Table(
    "claim_docs",
    _meta,
    sa.Column("doc", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.Text, nullable=False, unique=True),
)


def _match(column: str, terms: list[str], op: str = "OR") -> str:
    return f"{column} : (" + f" {op} ".join(f'"{t}"' for t in terms) + ")"


class Fts5Index:
    """`IndexBackend` for SQLite."""

    def create(self, conn: sa.Connection) -> None:
        claim_docs.create(conn)
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE claim_fts USING fts5(entities, lemmas, tokenize=\"unicode61 tokenchars '_'\")"
        )

    def clear(self, conn: sa.Connection) -> None:
        conn.exec_driver_sql("DELETE FROM claim_fts")
        conn.execute(sa.delete(claim_docs))

    def add(self, claims: Sequence[Claim], *, conn: sa.Connection) -> None:
        # Doc numbers are assigned here: SQLite write transactions are exclusive, so max()+1 is safe,
        # and both tables then take one executemany each (bulk loads index a million claims this way).
        start = conn.execute(sa.select(sa.func.coalesce(sa.func.max(claim_docs.c.doc), 0))).scalar_one()
        docs, fts = [], []
        for n, claim in enumerate(claims, start + 1):
            entities, lemmas = claim_terms_of(claim)
            docs.append({"doc": n, "claim_id": claim.id})
            fts.append((n, " ".join(entities), " ".join(lemmas)))
        conn.execute(sa.insert(claim_docs), docs)
        conn.exec_driver_sql("INSERT INTO claim_fts(rowid, entities, lemmas) VALUES (?, ?, ?)", fts)

    def remove(self, ids: Sequence[str], *, conn: sa.Connection) -> None:
        docs = [r[0] for r in conn.execute(sa.select(claim_docs.c.doc).where(claim_docs.c.claim_id.in_(ids)))]
        for doc in docs:
            conn.exec_driver_sql("DELETE FROM claim_fts WHERE rowid = ?", (doc,))
        conn.execute(sa.delete(claim_docs).where(claim_docs.c.claim_id.in_(ids)))

    def doc_freq(self, terms: list[str], *, cap: int, conn: sa.Connection) -> dict[str, int]:
        # Counting stops at the cap: FTS5 walks a doclist lazily (fts5vocab would walk all of it).
        one = "SELECT ?, (SELECT count(*) FROM (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ? LIMIT ?))"
        params: list[object] = []
        for term in terms:
            params += [term, f'"{term}"', cap]
        return {r[0]: r[1] for r in conn.exec_driver_sql(" UNION ALL ".join([one] * len(terms)), tuple(params))}

    def ranked(
        self, anchors: list[str], entities: list[str], lemmas: list[str], *, want: int, conn: sa.Connection
    ) -> list[str]:
        anchor = " OR ".join(f'"{t}"' for t in anchors)  # entity tokens and stems: both columns may hold them
        parts = ([_match("entities", entities)] if entities else []) + ([_match("lemmas", lemmas)] if lemmas else [])
        rows = conn.exec_driver_sql(
            f"SELECT d.claim_id FROM claim_fts JOIN claim_docs d ON d.doc = claim_fts.rowid "
            f"WHERE claim_fts MATCH ? ORDER BY bm25(claim_fts, {ENTITY_WEIGHT}, {LEMMA_WEIGHT}) LIMIT ?",
            (f"({anchor}) AND ({' OR '.join(parts)})", want),
        )
        return [r[0] for r in rows]

    def newest(self, entities: list[str], *, want: int, conn: sa.Connection) -> list[str]:
        # FTS5 walks its doclist from the end and stops at the limit.
        rows = conn.exec_driver_sql(
            "SELECT d.claim_id FROM claim_fts JOIN claim_docs d ON d.doc = claim_fts.rowid "
            "WHERE claim_fts MATCH ? ORDER BY claim_fts.rowid DESC LIMIT ?",
            (_match("entities", entities, "AND"), want),
        )
        return [r[0] for r in rows]
