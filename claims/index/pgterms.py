"""The PostgreSQL retrieval index: a term table ranked by the summed weight of the matching terms.

`claim_terms` has the primary key (term, claim_id), so the btree answers each
term's postings directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from claims.index.terms import ENTITY_WEIGHT, LEMMA_WEIGHT, claim_terms_of
from claims.models import Claim
from claims.sql import among

_meta = sa.MetaData()
claim_terms = sa.Table(
    "claim_terms",
    _meta,
    sa.Column("term", sa.Text, nullable=False),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.PrimaryKeyConstraint("term", "claim_id"),
    sa.Index("ix_claim_terms_claim", "claim_id"),
)


class TermTableIndex:
    """`IndexBackend` for PostgreSQL."""

    def create(self, conn: sa.Connection) -> None:
        claim_terms.create(conn)

    def clear(self, conn: sa.Connection) -> None:
        conn.execute(sa.delete(claim_terms))

    def add(self, claims: Sequence[Claim], *, conn: sa.Connection) -> None:
        rows: list[dict[str, Any]] = []
        for claim in claims:
            entities, lemmas = claim_terms_of(claim)
            weights = {t: LEMMA_WEIGHT for t in lemmas} | {t: ENTITY_WEIGHT for t in entities}
            rows.extend({"term": t, "claim_id": claim.id, "weight": w} for t, w in weights.items())
        if rows:
            conn.execute(sa.insert(claim_terms), rows)

    def remove(self, ids: Sequence[str], *, conn: sa.Connection) -> None:
        conn.execute(sa.delete(claim_terms).where(claim_terms.c.claim_id.in_(ids)))

    def doc_freq(self, terms: list[str], *, cap: int, conn: sa.Connection) -> dict[str, int]:
        sql = sa.text(
            "SELECT t.term, (SELECT count(*) FROM (SELECT 1 FROM claim_terms c WHERE c.term = t.term LIMIT :cap) s) "
            "FROM unnest(CAST(:terms AS text[])) AS t(term)"
        )
        return {r[0]: r[1] for r in conn.execute(sql, {"terms": terms, "cap": cap})}

    def ranked(
        self, anchors: list[str], entities: list[str], lemmas: list[str], *, want: int, conn: sa.Connection
    ) -> list[str]:
        ct = claim_terms
        query = (
            sa.select(ct.c.claim_id)
            .where(among(conn, ct.c.term, list(dict.fromkeys([*entities, *lemmas]))))
            .group_by(ct.c.claim_id)
            .having(sa.func.bool_or(among(conn, ct.c.term, anchors)))
            .order_by(sa.func.sum(ct.c.weight).desc(), ct.c.claim_id)
            .limit(want)
        )
        return [r[0] for r in conn.execute(query)]

    def newest(self, entities: list[str], *, want: int, conn: sa.Connection) -> list[str]:
        ct = claim_terms
        query = sa.select(ct.c.claim_id).where(ct.c.term == entities[0])
        for term in entities[1:]:
            other = claim_terms.alias()
            query = query.join(other, sa.and_(other.c.claim_id == ct.c.claim_id, other.c.term == term))
        return [r[0] for r in conn.execute(query.order_by(ct.c.claim_id.desc()).limit(want))]
