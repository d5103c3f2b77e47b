"""Claims: storing them (with their entities, index terms and appearances) and reading them back whole.

`hydrate` is the one way a full `Claim` is built (source, verdict, links,
appearances), in a fixed number of queries per chunk of ids however many claims
are asked for. `load_claims` is the light read linking uses for stance scoring.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from functools import lru_cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from claims import claimants, history, index, schema
from claims.dates import PartialDate
from claims.ids import random_id
from claims.lookup import claim_id
from claims.models import Appearance, Claim, ClaimDetail, ClaimFilter, LinkedClaim, LinkRef, SourceRef, Verdict
from claims.rows import CHUNK, chunks, claim_row, iso, now, parse_pd, paused_gc, to_claim, to_link, to_verdict
from claims.source_store import source_refs
from claims.sql import among, live
from claims.status import claimant_key

if TYPE_CHECKING:
    from claims.browse import BrowseFilter


# -- writing --------------------------------------------------------------------------------
def add_claims(claims: Sequence[Claim], *, conn: sa.Connection) -> list[Claim]:
    """Store claims in one batch (fresh ids where missing); their entities and terms feed the index."""
    stored: list[Claim] = []
    rows: list[dict[str, Any]] = []
    entity_rows: list[dict[str, str]] = []
    created = now()
    for claim in claims:
        claim = claim.model_copy(update={"id": claim.id or random_id("c"), "created_at": claim.created_at or created})
        stored.append(claim)
        rows.append(claim_row(claim))
        entity_rows.extend({"entity": e, "claim_id": claim.id} for e in sorted(set(claim.entities)))
    if not rows:
        return stored
    conn.execute(sa.insert(schema.claims), rows)
    if entity_rows:
        conn.execute(sa.insert(schema.claim_entities), entity_rows)
    index.index_claims(stored, conn=conn)
    return stored


def add_appearances(appearances: Sequence[tuple[str, Appearance]], *, conn: sa.Connection) -> None:
    """Record (claim id, appearance) pairs in one statement: the same claim made again elsewhere."""
    rows = [
        {
            "claim_id": cid,
            "source_id": appearance.source.id,
            "span_start": (appearance.span or (None, None))[0],
            "span_end": (appearance.span or (None, None))[1],
            "claim_date": str(appearance.claim_date) if appearance.claim_date else None,
            "created_at": iso(None),
        }
        for cid, appearance in appearances
    ]
    if rows:
        conn.execute(sa.insert(schema.appearances), rows)


def drop_claims(ids: Sequence[str], *, conn: sa.Connection) -> None:
    """Delete claims that turned out to be repeats of stored ones, with their index rows and links.

    Only for claims stored moments ago in the same transaction (no verdicts, no
    manual links yet): linking merges them into the earlier claim as appearances.
    """
    ids = list(ids)
    index.unindex_claims(ids, conn=conn)
    t, ents, lk = schema.claims, schema.claim_entities, schema.links
    for chunk in chunks(ids):
        conn.execute(sa.delete(lk).where(sa.or_(lk.c.from_id.in_(chunk), lk.c.to_id.in_(chunk))))
        conn.execute(sa.delete(ents).where(ents.c.claim_id.in_(chunk)))
        conn.execute(sa.delete(t).where(t.c.id.in_(chunk)))


# -- reading ids ----------------------------------------------------------------------------
def claim_exists(cid: str, *, conn: sa.Connection) -> bool:
    return conn.execute(sa.select(schema.claims.c.id).where(schema.claims.c.id == cid)).first() is not None


def count_claims(*, upto: int | None = None, conn: sa.Connection) -> int:
    """How many claims the ledger holds, or `upto` if it holds at least that many (a bounded read: a caller that
    only needs to know whether a share is countable need not count a million rows)."""
    if upto is None:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.claims)).scalar_one()
    first = sa.select(schema.claims.c.id).limit(upto).subquery()
    return conn.execute(sa.select(sa.func.count()).select_from(first)).scalar_one()


def claim_id_chunks(*, conn: sa.Connection) -> Iterator[list[str]]:
    """Every claim id in id order, a chunk at a time (streamed, never all in memory)."""
    t = schema.claims
    result = conn.execute(sa.select(t.c.id).order_by(t.c.id))
    while rows := result.fetchmany(CHUNK):
        yield [r[0] for r in rows]


def unnamed_by_claimant(claimant: str | None, *, exclude: str | None, limit: int, conn: sa.Connection) -> list[str]:
    """The ids of the claimant's newest claims that name no entity (the claimant index answers it)."""
    key = claimant_key(claimant)
    if key is None:
        return []
    t = schema.claims
    query = (
        sa.select(t.c.id)
        .where(t.c.claimant_key == key, t.c.entities == "[]", t.c.id != (exclude or ""), live(t))
        .order_by(t.c.created_at.desc(), t.c.id.desc())
        .limit(limit)
    )
    return [r[0] for r in conn.execute(query)]


def filter_query(flt: ClaimFilter) -> sa.Select[Any]:
    """The ids of the claims matching `flt`, in claim-date order (undated last)."""
    t = schema.claims
    query = sa.select(t.c.id)
    if not flt.include_retracted:
        query = query.where(live(t))
    query = query.where(*filter_conditions(flt))
    query = query.order_by(t.c.date_start.is_(None), t.c.date_start, t.c.created_at, t.c.id)
    if flt.limit is not None:
        query = query.limit(flt.limit)
    if flt.offset:
        query = query.offset(flt.offset)
    return query


def filter_conditions(flt: ClaimFilter | BrowseFilter) -> list[sa.ColumnElement[bool]]:
    """The WHERE conditions of a filter's shared fields, for `claims list`, the desk's pages and search alike.

    Status, claimant (a part of a name, or any name of the same person: claimant aliases), claim-date
    range, entity, source and undated. Hiding retracted and merged claims is left to the caller,
    whose query plan decides how best to write it.
    """
    t = schema.claims
    conds: list[sa.ColumnElement[bool]] = []
    if flt.status:
        conds.append(t.c.status == flt.status)
    if flt.claimant:
        key = claimant_key(flt.claimant) or ""
        conds.append(sa.or_(t.c.claimant_key.like(f"%{key}%"), claimants.group_condition(t.c.claimant_key, key)))
    if flt.since:
        conds.append(t.c.date_end >= flt.since.start.isoformat())
    if flt.until:
        conds.append(t.c.date_start <= flt.until.end.isoformat())
    if flt.entity:
        ents = schema.claim_entities
        conds.append(t.c.id.in_(sa.select(ents.c.claim_id).where(ents.c.entity == flt.entity)))
    if flt.source_id:
        conds.append(t.c.source_id == flt.source_id)
    if flt.undated:
        conds.append(t.c.claim_date.is_(None))
    return conds


# -- whole claims ---------------------------------------------------------------------------
def hydrate(ids: Sequence[str], *, conn: sa.Connection) -> list[Claim]:
    """Full claim objects (source, verdict, links, appearances) for exact ids, in the given order."""
    if not ids:
        return []
    with paused_gc():
        return _hydrate(ids, conn)


def _hydrate(ids: Sequence[str], conn: sa.Connection) -> list[Claim]:
    t = schema.claims
    rows: dict[str, Any] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        for row in conn.execute(sa.select(t).where(among(conn, t.c.id, chunk))).mappings():
            rows[row["id"]] = row
    present = [i for i in ids if i in rows]
    verdicts = _latest_verdicts(present, conn)
    links = _link_refs(present, conn)
    appearances = _appearances(present, conn)
    source_ids = {rows[i]["source_id"] for i in present if rows[i]["source_id"]}
    source_ids |= {a.source.id for apps in appearances.values() for a in apps if a.source.id}
    sources = source_refs(source_ids, conn=conn)
    out: list[Claim] = []
    for cid in present:
        row = rows[cid]
        apps = [
            a.model_copy(update={"source": sources[a.source.id]}) if a.source.id in sources else a
            for a in appearances.get(cid, [])
        ]
        out.append(
            to_claim(
                row,
                verdict=verdicts[cid].ref() if cid in verdicts else None,
                source=sources.get(row["source_id"]) if row["source_id"] else None,
                links=links.get(cid, []),
                appearances=apps,
            )
        )
    return out


def merged_owners(ids: Sequence[str], conn: sa.Connection) -> dict[str, str]:
    """Per claim id: itself, and each claim merged into it -> it (a merge brings the other's verdicts along)."""
    t = schema.claims
    owner = {cid: cid for cid in ids}
    for chunk in chunks(list(ids)):
        merged = sa.and_(among(conn, t.c.merged_into, chunk), t.c.merged_into.is_not(None))
        # The partial index on merged_into answers this (EXPLAIN QUERY PLAN on a million-claim ledger after
        # ANALYZE: SEARCH ... USING INDEX ix_claims_merged_into). An `INDEXED BY` hint once written here was
        # never rendered: SQLAlchemy's SQLite compiler ignores `with_hint`.
        query = sa.select(t.c.id, t.c.merged_into).where(merged)
        for other, keep in conn.execute(query):
            owner[other] = keep
    return owner


def _latest_verdicts(ids: Sequence[str], conn: sa.Connection) -> dict[str, Verdict]:
    v = schema.verdicts
    out: dict[str, Verdict] = {}
    owner = merged_owners(ids, conn)
    for chunk in chunks(list(owner)):
        for row in conn.execute(sa.select(v).where(among(conn, v.c.claim_id, chunk)).order_by(v.c.id)).mappings():
            out[owner[row["claim_id"]]] = to_verdict(row)
    return out


def _link_refs(ids: Sequence[str], conn: sa.Connection) -> dict[str, list[LinkRef]]:
    lk = schema.links
    out: dict[str, list[LinkRef]] = {}
    for chunk in chunks(list(ids)):
        query = (
            sa.select(lk)
            .where(sa.or_(among(conn, lk.c.from_id, chunk), among(conn, lk.c.to_id, chunk)), lk.c.rejected == 0)
            .order_by(lk.c.at, lk.c.from_id, lk.c.to_id)
        )
        wanted = set(chunk)
        found = list(conn.execute(query).mappings())
        hidden = _hidden({i for r in found for i in (r["from_id"], r["to_id"])} - wanted, conn)
        for row in found:
            if row["from_id"] in hidden or row["to_id"] in hidden:
                continue
            reason = json.loads(row["reason"]) if row["reason"] else None
            common = {"stance": row["stance"], "origin": row["origin"], "reason": reason}
            if row["from_id"] in wanted:
                out.setdefault(row["from_id"], []).append(LinkRef(claim_id=row["to_id"], direction="to", **common))
            if row["to_id"] in wanted:
                out.setdefault(row["to_id"], []).append(LinkRef(claim_id=row["from_id"], direction="from", **common))
    return out


def _hidden(ids: set[str], conn: sa.Connection) -> set[str]:
    """Those of `ids` that are retracted or merged away (their links no longer show on other claims)."""
    t = schema.claims
    out: set[str] = set()
    for chunk in chunks(sorted(ids)):
        out.update(r[0] for r in conn.execute(sa.select(t.c.id).where(among(conn, t.c.id, chunk), ~live(t))))
    return out


def _appearances(ids: Sequence[str], conn: sa.Connection) -> dict[str, list[Appearance]]:
    a = schema.appearances
    out: dict[str, list[Appearance]] = {}
    for chunk in chunks(list(ids)):
        for row in conn.execute(sa.select(a).where(among(conn, a.c.claim_id, chunk)).order_by(a.c.id)).mappings():
            span = (row["span_start"], row["span_end"]) if row["span_start"] is not None else None
            out.setdefault(row["claim_id"], []).append(
                Appearance(source=SourceRef(id=row["source_id"]), claim_date=parse_pd(row["claim_date"]), span=span)
            )
    return out


def verdict_history(cid: str, *, conn: sa.Connection) -> list[Verdict]:
    """Every verdict of a claim (and of the claims merged into it), oldest first."""
    v = schema.verdicts
    owners = list(merged_owners([cid], conn))
    query = sa.select(v).where(among(conn, v.c.claim_id, owners)).order_by(v.c.id)
    return [to_verdict(r) for r in conn.execute(query).mappings()]


def claim_detail(prefix: str, *, conn: sa.Connection) -> ClaimDetail:
    """A claim with its whole verdict and link history, oldest first."""
    cid = claim_id(prefix, conn=conn)
    claim = hydrate([cid], conn=conn)[0]
    e = schema.link_events
    events = conn.execute(sa.select(e).where(sa.or_(e.c.from_id == cid, e.c.to_id == cid)).order_by(e.c.id))
    link_history = [to_link(r) for r in events.mappings()]
    partners = list(dict.fromkeys(link.claim_id for link in claim.links))
    linked = [
        LinkedClaim(id=c.id, text=c.text, claimant=c.claimant, claim_date=c.claim_date, status=c.status,
                    retracted=c.retracted, merged_into=c.merged_into)
        for c in hydrate(partners, conn=conn)
    ]
    return ClaimDetail(
        **claim.model_dump(), verdict_history=verdict_history(cid, conn=conn), link_history=link_history,
        linked=linked, history=history.history(cid, conn=conn),
    )


# -- the light read linking uses --------------------------------------------------------------
_t = schema.claims
_LOAD = sa.select(
    *(_t.c[name] for name in ("id", "text", "claimant", "claimant_role", "claim_date", "polarity", "source_id",
                               "span_start", "span_end", "entities", "cue", "lemmas", "created_at"))
)  # fmt: skip


@lru_cache(maxsize=65536)
def _date(value: str) -> PartialDate:
    return PartialDate(value)


def load_claims(ids: Sequence[str], *, conn: sa.Connection) -> dict[str, Claim]:
    """The fields stance scoring needs, for `ids`, by primary key (lighter than `hydrate`).

    Linking loads ~50 candidates per new claim, so dates are parsed once per value (cached).
    """
    out: dict[str, Claim] = {}
    for chunk in chunks(ids):
        # Retracted and merged-away claims are never linked to: they are not loaded.
        for r in conn.execute(_LOAD.where(among(conn, _t.c.id, chunk), live(_t))):
            out[r.id] = _loaded(r)
    return out


def _loaded(r: Any) -> Claim:
    """The light claim `load_claims` builds from a row (anything with the row's fields as attributes)."""
    return Claim(
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


def as_loaded(claims: Sequence[Claim]) -> dict[str, Claim]:
    """What `load_claims` would read back for `claims` right after `add_claims` stored them, without a query.

    Built from the very row `add_claims` writes (`claim_row`) by the very function `load_claims`
    uses, so the fields match what a re-read gives (sorted entities, lemmas split on
    whitespace, the timestamp to the second); retracted and merged-away claims are left out
    as `load_claims` leaves them out.
    """
    out: dict[str, Claim] = {}
    for claim in claims:
        row = claim_row(claim)
        if row["retracted"] or row["merged_into"] is not None:
            continue
        out[claim.id] = _loaded(SimpleNamespace(**row))
    return out
