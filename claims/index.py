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

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from claims import migrations, schema
from claims.dates import PartialDate
from claims.models import Claim
from claims.sql import among

MIGRATION = "0002_retrieval_index"
ENTITY_WEIGHT = 3.0
LEMMA_WEIGHT = 1.0
MAX_QUERY_TERMS = 24
# A term in more claims than this is too common to rank all its postings on every lookup.
RARE_DF = 1000
STEM_CHARS = 5
_CHUNK = 500

# Lemmas too common to say anything about which claims belong together. A copy of
# pipeline/lexicon/data/stop_lemmas.txt (claims/ imports nothing from pipeline/; a test keeps them equal):
# the index's own, because stored postings must be tokenised the same whoever adds the claim.
STOP_LEMMAS: frozenset[str] = frozenset(
    (
        "say",
        "tell",
        "state",
        "add",
        "note",
        "claim",
        "report",
        "announce",
        "statement",
        "accord",
        "be",
        "have",
        "do",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "also",
        "not",
        "no",
        "year",
        "day",
        "time",
        "week",
        "month",
        "thing",
        "way",
        "people",
        "side",
        "issue",
        "question",
        "news",
        "information",
        "earlier",
        "later",
        "last",
        "new",
        "other",
        "such",
    )
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


@lru_cache(maxsize=65536)
def entity_term(entity: str) -> str:
    """One index token per normalised entity ("brask motors" -> "brask_motors")."""
    return _TOKEN.sub("_", entity.casefold()).strip("_")


def lemma_terms(lemmas: Iterable[str]) -> list[str]:
    """Index tokens for content lemmas: folded, split on punctuation, stop lemmas dropped."""
    out: list[str] = []
    for lemma in lemmas:
        for part in _lemma_parts(lemma):
            if part not in out:
                out.append(part)
    return out


@lru_cache(maxsize=65536)
def _lemma_parts(lemma: str) -> tuple[str, ...]:
    # Cached: each claim's terms are needed to index it, to query with it and to count it.
    return tuple(p for p in _TOKEN.sub(" ", lemma.casefold()).split() if len(p) > 1 and p not in STOP_LEMMAS)


def entity_stem(term: str) -> str | None:
    """A coarse stem token so that variant keys still meet in retrieval (orlavian / orlavia -> "stem_orlav")."""
    return f"stem_{term[:STEM_CHARS]}" if len(term) >= STEM_CHARS else None


def claim_terms_of(claim: Claim) -> tuple[list[str], list[str]]:
    """The (entity, lemma) index tokens of a claim, each list deduplicated in order.

    Entity stems ride with the lemmas (lower weight): they widen recall for keys
    the extractor did not fold together, and stance scoring decides whether they match.
    """
    entities = list(dict.fromkeys(t for t in (entity_term(e) for e in claim.entities) if t))
    stems = [st for st in (entity_stem(t) for t in entities) if st]
    return entities, list(dict.fromkeys([*stems, *lemma_terms(claim.lemmas)]))


# -- writing ----------------------------------------------------------------------------
def index_claims(conn: sa.Connection, claims: Sequence[Claim]) -> None:
    """Add claims to the index (they must already be in `claims`)."""
    if not claims:
        return
    if conn.dialect.name == "sqlite":
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
def candidates(
    conn: sa.Connection, claim: Claim, limit: int = 50, *, df_cache: dict[str, int] | None = None
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
    entities, lemmas = claim_terms_of(claim)
    entities, lemmas = entities[:MAX_QUERY_TERMS], lemmas[: max(0, MAX_QUERY_TERMS - len(entities))]
    if not entities:
        return []
    sqlite = conn.dialect.name == "sqlite"
    df = df_cache if df_cache is not None else {}
    missing = [t for t in [*entities, *lemmas] if t not in df]
    if missing:
        df.update(dict.fromkeys(missing, 0) | (_df_sqlite if sqlite else _df_pg)(conn, missing))
    rare_e = [t for t in entities if 0 < df[t] <= RARE_DF]
    rare_l = [t for t in lemmas if 0 < df[t] <= RARE_DF]
    anchors = rare_e + [t for t in rare_l if t.startswith("stem_")]
    common = sorted((t for t in entities if df[t] > RARE_DF), key=lambda t: (df[t], t))[:2]
    want = limit + 1
    ids: list[str] = []
    if anchors:
        ids = (_ranked_sqlite if sqlite else _ranked_pg)(conn, anchors, rare_e, rare_l, want)
    if len(ids) < want and common:
        seen = set(ids)
        more = (_newest_sqlite if sqlite else _newest_pg)(conn, common, want + len(ids))
        ids += [i for i in more if i not in seen][: want - len(ids)]
    return [i for i in ids if i != claim.id][:limit]


def _df_sqlite(conn: sa.Connection, terms: list[str]) -> dict[str, int]:
    # Counting stops at the cap: FTS5 walks a doclist lazily (fts5vocab would walk all of it).
    one = "SELECT ?, (SELECT count(*) FROM (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ? LIMIT ?))"
    params: list[object] = []
    for term in terms:
        params += [term, f'"{term}"', RARE_DF + 1]
    return {r[0]: r[1] for r in conn.exec_driver_sql(" UNION ALL ".join([one] * len(terms)), tuple(params))}


def _df_pg(conn: sa.Connection, terms: list[str]) -> dict[str, int]:
    sql = sa.text(
        "SELECT t.term, (SELECT count(*) FROM (SELECT 1 FROM claim_terms c WHERE c.term = t.term LIMIT :cap) s) "
        "FROM unnest(CAST(:terms AS text[])) AS t(term)"
    )
    return {r[0]: r[1] for r in conn.execute(sql, {"terms": terms, "cap": RARE_DF + 1})}


def _match(column: str, terms: list[str], op: str = "OR") -> str:
    return f"{column} : (" + f" {op} ".join(f'"{t}"' for t in terms) + ")"


def _ranked_sqlite(
    conn: sa.Connection, anchors: list[str], entities: list[str], lemmas: list[str], want: int
) -> list[str]:
    anchor = " OR ".join(f'"{t}"' for t in anchors)  # entity tokens and stems: both columns may hold them
    parts = ([_match("entities", entities)] if entities else []) + ([_match("lemmas", lemmas)] if lemmas else [])
    rows = conn.exec_driver_sql(
        f"SELECT d.claim_id FROM claim_fts JOIN claim_docs d ON d.doc = claim_fts.rowid "
        f"WHERE claim_fts MATCH ? ORDER BY bm25(claim_fts, {ENTITY_WEIGHT}, {LEMMA_WEIGHT}) LIMIT ?",
        (f"({anchor}) AND ({' OR '.join(parts)})", want),
    )
    return [r[0] for r in rows]


def _newest_sqlite(conn: sa.Connection, entities: list[str], want: int) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT d.claim_id FROM claim_fts JOIN claim_docs d ON d.doc = claim_fts.rowid "
        "WHERE claim_fts MATCH ? ORDER BY claim_fts.rowid DESC LIMIT ?",
        (_match("entities", entities, "AND"), want),
    )
    return [r[0] for r in rows]


def _ranked_pg(conn: sa.Connection, anchors: list[str], entities: list[str], lemmas: list[str], want: int) -> list[str]:
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


def _newest_pg(conn: sa.Connection, entities: list[str], want: int) -> list[str]:
    ct = claim_terms
    query = sa.select(ct.c.claim_id).where(ct.c.term == entities[0])
    for term in entities[1:]:
        other = claim_terms.alias()
        query = query.join(other, sa.and_(other.c.claim_id == ct.c.claim_id, other.c.term == term))
    return [r[0] for r in conn.execute(query.order_by(ct.c.claim_id.desc()).limit(want))]


_t = schema.claims
_LOAD = sa.select(
    *(_t.c[name] for name in ("id", "text", "claimant", "claimant_role", "claim_date", "polarity", "source_id",
                               "span_start", "span_end", "entities", "cue", "lemmas", "created_at"))
)  # fmt: skip


@lru_cache(maxsize=65536)
def _date(value: str) -> PartialDate:
    return PartialDate(value)


def load_claims(conn: sa.Connection, ids: Sequence[str]) -> dict[str, Claim]:
    """The fields stance scoring needs, for `ids`, by primary key (lighter than `Ledger.hydrate`).

    Linking loads ~50 candidates per new claim, so dates are parsed once per value (cached).
    """
    out: dict[str, Claim] = {}
    for i in range(0, len(ids), _CHUNK):
        for r in conn.execute(_LOAD.where(among(conn, _t.c.id, ids[i : i + _CHUNK]))):
            out[r.id] = Claim(
                id=r.id,
                text=r.text,
                claimant=r.claimant,
                claimant_role=r.claimant_role,
                claim_date=_date(r.claim_date) if r.claim_date else None,
                polarity=r.polarity,
                source_id=r.source_id,
                span=(r.span_start, r.span_end) if r.span_start is not None else None,
                entities=json.loads(r.entities or "[]"),
                cue=r.cue,
                lemmas=(r.lemmas or "").split(),
                created_at=dt.datetime.fromisoformat(r.created_at) if r.created_at else None,
            )
    return out


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
