"""The retrieval index: which stored claims share entities or content lemmas with a claim.

Linking must compare each new claim with a handful of plausible partners, never
with the whole ledger, so candidates come from an inverted index kept in the
database and written in the same transaction as the claims (a `CLAIM_HOOKS`
entry). Two dialects, one API:

- SQLite: an FTS5 table (`claim_fts`) with an `entities` and a `lemmas` column,
  ranked by bm25 with entities weighted higher. Its rowids come from
  `claim_docs`, a plain table mapping claim ids to stable integers (a claims
  rowid may change on VACUUM; an INTEGER PRIMARY KEY does not).
- PostgreSQL: a term table (`claim_terms`, primary key (term, claim_id)), ranked
  by the summed weight of the matching terms; the btree answers each term's
  postings directly.

These tables are derived data: `reindex()` rebuilds them from `claims`, and the
migration "0002_retrieval_index" creates and backfills them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from claims import migrations, schema
from claims.models import Claim

MIGRATION = "0002_retrieval_index"
ENTITY_WEIGHT = 3.0
LEMMA_WEIGHT = 1.0
MAX_QUERY_TERMS = 24
_CHUNK = 500

# Lemmas too common to say anything about which claims belong together.
STOP_LEMMAS: frozenset[str] = frozenset(
    "say tell state add note claim report announce statement accord be have do will would can could may might "
    "also not no year day time week month thing way people side".split()
)

_TOKEN = re.compile(r"[^0-9a-z_]+")

_meta = sa.MetaData()
claim_docs = sa.Table(
    "claim_docs",
    _meta,
    sa.Column("doc", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.Text, nullable=False, unique=True),
)
claim_terms = sa.Table(
    "claim_terms",
    _meta,
    sa.Column("term", sa.Text, nullable=False),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.PrimaryKeyConstraint("term", "claim_id"),
    sa.Index("ix_claim_terms_claim", "claim_id"),
)


def entity_term(entity: str) -> str:
    """One index token per normalised entity ("baykar makina" -> "baykar_makina")."""
    return _TOKEN.sub("_", entity.casefold()).strip("_")


def lemma_terms(lemmas: Iterable[str]) -> list[str]:
    """Index tokens for content lemmas: folded, split on punctuation, stop lemmas dropped."""
    out: list[str] = []
    for lemma in lemmas:
        for part in _TOKEN.sub(" ", lemma.casefold()).split():
            if len(part) > 1 and part not in STOP_LEMMAS and part not in out:
                out.append(part)
    return out


def claim_terms_of(claim: Claim) -> tuple[list[str], list[str]]:
    """The (entity, lemma) index tokens of a claim, each list deduplicated in order."""
    entities = list(dict.fromkeys(t for t in (entity_term(e) for e in claim.entities) if t))
    return entities, lemma_terms(claim.lemmas)


# -- writing ----------------------------------------------------------------------------
def index_claims(conn: sa.Connection, claims: Sequence[Claim]) -> None:
    """Add claims to the index (they must already be in `claims`)."""
    if not claims:
        return
    if conn.dialect.name == "sqlite":
        for claim in claims:
            entities, lemmas = claim_terms_of(claim)
            doc = conn.execute(sa.insert(claim_docs).values(claim_id=claim.id)).inserted_primary_key[0]
            conn.exec_driver_sql(
                "INSERT INTO claim_fts(rowid, entities, lemmas) VALUES (?, ?, ?)",
                (doc, " ".join(entities), " ".join(lemmas)),
            )
        return
    rows: list[dict[str, Any]] = []
    for claim in claims:
        entities, lemmas = claim_terms_of(claim)
        weights = {t: LEMMA_WEIGHT for t in lemmas} | {t: ENTITY_WEIGHT for t in entities}
        rows.extend({"term": t, "claim_id": claim.id, "weight": w} for t, w in weights.items())
    if rows:
        conn.execute(sa.insert(claim_terms), rows)


def unindex_claims(conn: sa.Connection, ids: Iterable[str]) -> None:
    """Remove claims from the index (by id lookups, no scan)."""
    ids = list(ids)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        if conn.dialect.name == "sqlite":
            docs = [r[0] for r in conn.execute(sa.select(claim_docs.c.doc).where(claim_docs.c.claim_id.in_(chunk)))]
            for doc in docs:
                conn.exec_driver_sql("DELETE FROM claim_fts WHERE rowid = ?", (doc,))
            conn.execute(sa.delete(claim_docs).where(claim_docs.c.claim_id.in_(chunk)))
        else:
            conn.execute(sa.delete(claim_terms).where(claim_terms.c.claim_id.in_(chunk)))


def drop_claims(conn: sa.Connection, ids: Iterable[str]) -> None:
    """Delete claims that turned out to be repeats of stored ones, with their index rows.

    Only for claims stored moments ago in the same transaction (no verdicts, no
    manual links yet): linking merges them into the earlier claim as appearances.
    """
    ids = list(ids)
    unindex_claims(conn, ids)
    t, ents, lk = schema.claims, schema.claim_entities, schema.links
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        conn.execute(sa.delete(lk).where(sa.or_(lk.c.from_id.in_(chunk), lk.c.to_id.in_(chunk))))
        conn.execute(sa.delete(ents).where(ents.c.claim_id.in_(chunk)))
        conn.execute(sa.delete(t).where(t.c.id.in_(chunk)))


def reindex(conn: sa.Connection, ids: Sequence[str] | None = None) -> int:
    """Rebuild the index rows of `ids` (or of every claim) from the claims table; return the count.

    For bulk loaders that insert claim rows directly, and for the migration's backfill.
    """
    t = schema.claims
    query = sa.select(t.c.id, t.c.text, t.c.entities, t.c.lemmas).order_by(t.c.id)
    if ids is not None:
        unindex_claims(conn, ids)
        batches: Iterable[Sequence[str]] = [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    else:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DELETE FROM claim_fts")
            conn.execute(sa.delete(claim_docs))
        else:
            conn.execute(sa.delete(claim_terms))
        batches = [[]]
    count = 0
    for chunk in batches:
        q = query.where(t.c.id.in_(chunk)) if ids is not None else query
        result = conn.execute(q)
        while rows := result.fetchmany(_CHUNK):
            claims = [
                Claim(id=r.id, text=r.text, entities=json.loads(r.entities or "[]"), lemmas=(r.lemmas or "").split())
                for r in rows
            ]
            index_claims(conn, claims)
            count += len(claims)
    return count


def _ledger_hook(_ledger: object, conn: sa.Connection, stored: list[Claim]) -> None:
    index_claims(conn, stored)


# -- reading ----------------------------------------------------------------------------
def candidates(conn: sa.Connection, claim: Claim, limit: int = 50) -> list[str]:
    """Ids of stored claims sharing index terms with `claim`, best first, never `claim` itself.

    An index lookup ranked in the database (bm25 on SQLite, summed term weights
    on PostgreSQL) and cut at `limit`; the ledger is never scanned.
    """
    entities, lemmas = claim_terms_of(claim)
    entities, lemmas = entities[:MAX_QUERY_TERMS], lemmas[: max(0, MAX_QUERY_TERMS - len(entities))]
    if not entities and not lemmas:
        return []
    if conn.dialect.name == "sqlite":
        parts = []
        if entities:
            parts.append("entities : (" + " OR ".join(f'"{t}"' for t in entities) + ")")
        if lemmas:
            parts.append("lemmas : (" + " OR ".join(f'"{t}"' for t in lemmas) + ")")
        rows = conn.exec_driver_sql(
            f"SELECT d.claim_id FROM claim_fts JOIN claim_docs d ON d.doc = claim_fts.rowid "
            f"WHERE claim_fts MATCH ? ORDER BY bm25(claim_fts, {ENTITY_WEIGHT}, {LEMMA_WEIGHT}) LIMIT ?",
            (" OR ".join(parts), limit + 1),
        )
        ids = [r[0] for r in rows]
    else:
        ct = claim_terms
        score = sa.func.sum(ct.c.weight)
        query = (
            sa.select(ct.c.claim_id)
            .where(ct.c.term.in_(entities + lemmas))
            .group_by(ct.c.claim_id)
            .order_by(score.desc(), ct.c.claim_id)
            .limit(limit + 1)
        )
        ids = [r[0] for r in conn.execute(query)]
    return [i for i in ids if i != claim.id][:limit]


# -- the migration ----------------------------------------------------------------------
def _create(conn: sa.Connection) -> None:
    """Create the dialect's index tables and backfill them from the claims already stored."""
    if conn.dialect.name == "sqlite":
        claim_docs.create(conn)
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE claim_fts USING fts5(entities, lemmas, tokenize=\"unicode61 tokenchars '_'\")"
        )
    else:
        claim_terms.create(conn)
    reindex(conn)


migrations.register(migrations.Migration(MIGRATION, extra=_create))


def install_hook(hooks: list[Any]) -> None:
    """Register the index writer in the ledger's claim hooks (idempotent)."""
    if _ledger_hook not in hooks:
        hooks.append(_ledger_hook)
