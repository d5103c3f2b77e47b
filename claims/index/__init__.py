"""The retrieval index: which stored claims share entities or content lemmas with a claim.

Linking must compare each new claim with a handful of plausible partners, never
with the whole ledger, so candidates come from an inverted index kept in the
database and written in the same transaction as the claims (`add_claims` calls
`index_claims`). One interface (`backend.IndexBackend`), one module per dialect:

- SQLite (`fts5.py`): an FTS5 table ranked by bm25, entities weighted higher;
- PostgreSQL (`pgterms.py`): a term table ranked by summed term weights.

These tables are derived data: `reindex()` rebuilds them from `claims`, and the
migration "0002_retrieval_index" (`create_index`) creates and backfills them.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Sequence

import sqlalchemy as sa

from claims import schema
from claims.index.backend import IndexBackend
from claims.index.fts5 import Fts5Index, claim_docs
from claims.index.pgterms import TermTableIndex, claim_terms
from claims.index.terms import (
    ENTITY_WEIGHT,
    LEMMA_WEIGHT,
    MAX_QUERY_TERMS,
    RARE_DF,
    STOP_LEMMAS,
    claim_terms_of,
    entity_stem,
    entity_term,
    lemma_terms,
)
from claims.models import Claim
from claims.rows import CHUNK, chunks

__all__ = [
    "ENTITY_WEIGHT",
    "LEMMA_WEIGHT",
    "MAX_QUERY_TERMS",
    "MIGRATION",
    "RARE_DF",
    "STOP_LEMMAS",
    "IndexBackend",
    "backend_for",
    "candidates",
    "claim_docs",
    "claim_terms",
    "claim_terms_of",
    "count_terms",
    "create_index",
    "entity_stem",
    "entity_term",
    "index_claims",
    "lemma_terms",
    "query_terms",
    "reindex",
    "unindex_claims",
]

MIGRATION = "0002_retrieval_index"

_FTS5 = Fts5Index()
_TERM_TABLE = TermTableIndex()


def backend_for(conn: sa.Connection) -> IndexBackend:
    """The index backend of this connection's dialect."""
    return _FTS5 if conn.dialect.name == "sqlite" else _TERM_TABLE


# -- writing ----------------------------------------------------------------------------
def index_claims(claims: Sequence[Claim], *, conn: sa.Connection) -> None:
    """Add claims to the index (they must already be in `claims`)."""
    if claims:
        backend_for(conn).add(claims, conn=conn)


def unindex_claims(ids: Iterable[str], *, conn: sa.Connection) -> None:
    """Remove claims from the index (by id lookups, no scan)."""
    backend = backend_for(conn)
    for chunk in chunks(list(ids)):
        backend.remove(chunk, conn=conn)


def reindex(ids: Sequence[str] | None = None, *, conn: sa.Connection) -> int:
    """Rebuild the index rows of `ids` (or of every claim) from the claims table; return the count.

    For bulk loaders that insert claim rows directly, and for the migration's backfill.
    """
    t = schema.claims
    query = sa.select(t.c.id, t.c.text, t.c.entities, t.c.lemmas).order_by(t.c.id)
    if ids is not None:
        unindex_claims(ids, conn=conn)
        batches: Iterable[Sequence[str]] = list(chunks(ids))
    else:
        backend_for(conn).clear(conn)
        batches = [[]]
    count = 0
    for chunk in batches:
        q = query.where(t.c.id.in_(chunk)) if ids is not None else query
        result = conn.execute(q)
        while rows := result.fetchmany(CHUNK):
            claims = [
                Claim(id=r.id, text=r.text, entities=json.loads(r.entities or "[]"), lemmas=(r.lemmas or "").split())
                for r in rows
            ]
            index_claims(claims, conn=conn)
            count += len(claims)
    return count


def create_index(conn: sa.Connection) -> None:
    """The migration step: create the dialect's index tables and backfill them from the claims already stored."""
    backend_for(conn).create(conn)
    reindex(conn=conn)


def reindex_all(conn: sa.Connection) -> None:
    """A migration step: rebuild every claim's index rows when the terms a claim is indexed under change."""
    reindex(conn=conn)


# -- reading ----------------------------------------------------------------------------
def query_terms(claim: Claim) -> tuple[list[str], list[str]]:
    """The (entity, lemma) terms `candidates` asks the index about for `claim`."""
    entities, lemmas = claim_terms_of(claim)
    return entities[:MAX_QUERY_TERMS], lemmas[: max(0, MAX_QUERY_TERMS - len(entities))]


# Terms counted per statement (SQLite allows 500 SELECTs in one UNION ALL).
COUNT_CHUNK = 200


def count_terms(claims: Iterable[Claim], *, known: Container[str] = (), conn: sa.Connection) -> dict[str, int]:
    """Each query term's document count (capped as `candidates` caps it), for the claims `candidates` will
    ask about: a source's claims counted in a few statements instead of one per claim.

    Pass the result to `candidates(..., counted=)` while nothing is written to the index: the
    counts are what `candidates` would count itself then. Terms in `known` (counted already) are not counted.
    """
    terms: dict[str, None] = {}
    for claim in claims:
        entities, lemmas = query_terms(claim)
        if entities:
            terms.update(dict.fromkeys([*entities, *lemmas]))
    backend = backend_for(conn)
    counted: dict[str, int] = {}
    wanted = [t for t in terms if t not in known]
    for start in range(0, len(wanted), COUNT_CHUNK):
        chunk = wanted[start : start + COUNT_CHUNK]
        counted.update(dict.fromkeys(chunk, 0) | backend.doc_freq(chunk, cap=RARE_DF + 1, conn=conn))
    return counted


def candidates(
    claim: Claim,
    *,
    limit: int = 50,
    df_cache: dict[str, int] | None = None,
    counted: dict[str, int] | None = None,
    conn: sa.Connection,
) -> list[str]:
    """Ids of stored claims naming an entity of `claim` (or a variant of it), best first, never `claim` itself.

    Stance needs a shared entity, so only such claims are candidates; shared
    lemmas rank them. Index lookups only, so the cost does not grow with the ledger:

    1. each query term's document frequency, counted through the index and only
       up to `RARE_DF + 1` (`df_cache` lets one source's claims share the counts);
    2. claims naming a rare entity are ranked in the database on all rare terms
       (bm25 on SQLite, summed term weights on PostgreSQL): their postings are short;
    3. if that leaves room, the newest claims naming the two rarest *common*
       entities together fill it (FTS5 walks its doclist from the end and stops).
       A very common name alone ("a country") carries little evidence, and
       ranking all its postings is what would make retrieval slow.
    """
    entities, lemmas = query_terms(claim)
    if not entities:
        return []
    backend = backend_for(conn)
    df = df_cache if df_cache is not None else {}
    missing = [t for t in [*entities, *lemmas] if t not in df]
    if missing and counted is not None:  # counted in advance (`count_terms`): taken as if counted now
        df.update({t: counted[t] for t in missing if t in counted})
        missing = [t for t in missing if t not in df]
    if missing:
        df.update(dict.fromkeys(missing, 0) | backend.doc_freq(missing, cap=RARE_DF + 1, conn=conn))
    rare_e = [t for t in entities if 0 < df[t] <= RARE_DF]
    rare_l = [t for t in lemmas if 0 < df[t] <= RARE_DF]
    anchors = rare_e + [t for t in rare_l if t.startswith("stem_")]
    common = sorted((t for t in entities if df[t] > RARE_DF), key=lambda t: (df[t], t))[:2]
    want = limit + 1
    ids: list[str] = []
    if anchors:
        ids = backend.ranked(anchors, rare_e, rare_l, want=want, conn=conn)
    if len(ids) < want and common:
        seen = set(ids)
        more = backend.newest(common, want=want + len(ids), conn=conn)
        ids += [i for i in more if i not in seen][: want - len(ids)]
    return [i for i in ids if i != claim.id][:limit]
