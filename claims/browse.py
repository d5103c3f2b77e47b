"""The reads a browsing desk needs that `claims list` does not: more filters, other orders, counts, the queue.

Every query returns ids (or small aggregates) and leaves the full claims to
`hydrate`, so a page costs one indexed select of `limit + 1` ids plus the
hydrate of one page, whatever the size of the ledger. Pages are LIMIT/OFFSET;
the extra row tells the desk whether there is a next page without a count(*)
over a million claims.
"""

from __future__ import annotations

from typing import Any, Literal

import sqlalchemy as sa

from claims import schema
from claims.claim_store import filter_conditions
from claims.dates import PartialDate
from claims.errors import InvalidInput
from claims.index.fulltext import match
from claims.models import Model, Status
from claims.sql import live
from claims.status import claimant_key

Sort = Literal["relevance", "date", "evidence", "checkworthiness"]
SORTS: tuple[str, ...] = ("relevance", "date", "evidence", "checkworthiness")


class BrowseFilter(Model):
    """What the desk's claims list selects and sorts on (all optional, combined with AND)."""

    status: Status | None = None
    claimant: str | None = None
    entity: str | None = None
    outlet: str | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    contradicted: bool = False
    pending: bool = False
    text: str | None = None
    source_id: str | None = None
    undated: bool = False
    include_retracted: bool = False
    sort: Sort = "date"
    limit: int = 50
    offset: int = 0


class EvidenceCounts(Model):
    """How many current, counted links support or contradict a claim, and how many wait for a person."""

    supports: int = 0
    contradicts: int = 0
    related: int = 0
    suggested: int = 0


def _live(lk: sa.Table) -> sa.ColumnElement[bool]:
    return sa.and_(lk.c.rejected == 0, lk.c.stance.is_not(None))


def _suggested(lk: sa.Table) -> sa.ColumnElement[bool]:
    """A link waiting for a person: origin "suggested", or an older ledger's unsure automatic link."""
    legacy = sa.and_(lk.c.origin == "auto", sa.func.coalesce(lk.c.reason, "").like('%"auto": false%'))
    return sa.or_(lk.c.origin == "suggested", legacy)


def _touching(lk: sa.Table, cid: Any) -> sa.ColumnElement[bool]:
    return sa.or_(lk.c.to_id == cid, lk.c.from_id == cid)


def browse_query(flt: BrowseFilter, *, conn: sa.Connection) -> sa.Select[Any]:
    """The ids of one page of claims matching `flt` (limit + 1 rows: the last says there is a next page)."""
    t, lk = schema.claims, schema.links
    query = sa.select(t.c.id)
    rank: Any = None
    if flt.text:
        if not any(ch.isalnum() for ch in flt.text):
            raise InvalidInput("search text is empty: give at least one word")
        cond, rank, frm = match(conn, t, flt.text)  # the ledger's full-text index (FTS5 / tsvector)
        query = query.select_from(frm).where(cond)
    if not flt.include_retracted:
        # `live()` written so no planner walks ix_claims_merged_into for it: nearly every claim has
        # merged_into NULL, and that walk (then a sort) is what made a page cost a second at a million claims.
        query = query.where(t.c.retracted == 0, sa.func.coalesce(t.c.merged_into, "") == "")
    # The desk's entity box takes any case; stored entity keys are folded.
    folded = flt.model_copy(update={"entity": flt.entity.casefold()}) if flt.entity else flt
    query = query.where(*filter_conditions(folded))
    if flt.outlet:
        src = schema.sources
        query = query.where(
            t.c.source_id.in_(sa.select(src.c.id).where(sa.func.lower(src.c.outlet) == flt.outlet.casefold()))
        )
    if flt.contradicted:
        query = query.where(
            sa.exists().where(_touching(lk, t.c.id), _live(lk), lk.c.stance == "contradicts",
                              sa.not_(_suggested(lk)))
        )
    if flt.pending:
        query = query.where(sa.exists().where(_touching(lk, t.c.id), _live(lk), _suggested(lk)))
    newest = t.c.date_start.desc().nulls_last() if conn.dialect.name == "postgresql" else t.c.date_start.desc()
    if flt.sort == "relevance" and rank is not None:
        query = query.order_by(rank.desc(), t.c.id)
    elif flt.sort == "checkworthiness":
        query = query.order_by(t.c.checkworthiness.desc(), newest, t.c.id.desc())
    elif flt.sort == "evidence":
        # Only claims with evidence, newest link first: the links table is small next to the claims, so
        # aggregating it and joining by primary key stays fast where a per-claim max() would scan them all.
        ends = sa.union_all(
            sa.select(lk.c.to_id.label("cid"), lk.c.at).where(_live(lk)),
            sa.select(lk.c.from_id.label("cid"), lk.c.at).where(_live(lk)),
        ).subquery()
        latest = sa.select(ends.c.cid, sa.func.max(ends.c.at).label("last")).group_by(ends.c.cid).subquery()
        query = query.join(latest, latest.c.cid == t.c.id).order_by(latest.c.last.desc(), t.c.id)
    else:
        # The date index read backwards: the first page costs a few index steps, not a sort of the ledger.
        query = query.order_by(newest, t.c.id.desc())
    return query.limit(flt.limit + 1).offset(flt.offset)


def evidence_counts(ids: list[str], *, conn: sa.Connection) -> dict[str, EvidenceCounts]:
    """Per claim id, its current links by stance (suggestions counted apart: they do not count for status)."""
    lk = schema.links
    out = {cid: EvidenceCounts() for cid in ids}
    if not ids:
        return out
    cond = sa.and_(sa.or_(lk.c.from_id.in_(ids), lk.c.to_id.in_(ids)), _live(lk))
    query = sa.select(lk.c.from_id, lk.c.to_id, lk.c.stance, _suggested(lk).label("waiting")).where(cond)
    for row in conn.execute(query):
        for cid in {row.from_id, row.to_id} & out.keys():
            counts = out[cid]
            if row.waiting:
                counts.suggested += 1
            elif row.stance in ("supports", "contradicts", "related"):
                setattr(counts, row.stance, getattr(counts, row.stance) + 1)
    return out


def claimant_counts(*, text: str | None, limit: int, offset: int, conn: sa.Connection) -> list[tuple[str, int]]:
    """(claimant as written, number of claims) for the claimants page, most claims first."""
    t = schema.claims
    query = sa.select(sa.func.min(t.c.claimant), sa.func.count()).where(t.c.claimant_key.is_not(None), live(t))
    if text:
        query = query.where(t.c.claimant_key.like(f"%{claimant_key(text) or ''}%"))
    query = query.group_by(t.c.claimant_key).order_by(sa.func.count().desc(), t.c.claimant_key)
    return [(r[0], r[1]) for r in conn.execute(query.limit(limit + 1).offset(offset))]


def claimant_scorecard(name: str, *, conn: sa.Connection) -> dict[str, dict[str, int]]:
    """A claimant's claims counted by status and their current verdicts counted by rating."""
    t, v = schema.claims, schema.verdicts
    key = claimant_key(name)
    statuses = sa.select(t.c.status, sa.func.count()).where(t.c.claimant_key == key, live(t)).group_by(t.c.status)
    by_status = {r[0]: r[1] for r in conn.execute(statuses)}
    latest = (
        sa.select(sa.func.max(v.c.id))
        .where(v.c.claim_id.in_(sa.select(t.c.id).where(t.c.claimant_key == key, live(t))))
        .group_by(v.c.claim_id)
    )
    by_rating = {
        r[0]: r[1]
        for r in conn.execute(sa.select(v.c.rating, sa.func.count()).where(v.c.id.in_(latest)).group_by(v.c.rating))
    }
    return {"status": by_status, "rating": by_rating}


def outlets(*, conn: sa.Connection, limit: int = 500) -> list[str]:
    """The outlets named by sources, for the filter's suggestions."""
    src = schema.sources
    query = sa.select(src.c.outlet).where(src.c.outlet.is_not(None)).group_by(src.c.outlet).order_by(src.c.outlet)
    return [r[0] for r in conn.execute(query.limit(limit))]


def source_page(*, limit: int, offset: int, conn: sa.Connection) -> list[dict[str, Any]]:
    """Articles (not comments) newest first, with their claim counts, without their text."""
    src, t = schema.sources, schema.claims
    count = sa.select(sa.func.count()).where(t.c.source_id == src.c.id, live(t)).scalar_subquery()
    query = (
        sa.select(src.c.id, src.c.title, src.c.url, src.c.outlet, src.c.published, src.c.kind, count.label("claims"))
        .where(src.c.parent_id.is_(None))
        .order_by(src.c.created_at.desc(), src.c.id)
        .limit(limit + 1)
        .offset(offset)
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def source_claim_ids(source_id: str, *, conn: sa.Connection) -> list[str]:
    """The ids of the claims extracted from one source, in text order."""
    t = schema.claims
    query = sa.select(t.c.id).where(t.c.source_id == source_id).order_by(t.c.span_start, t.c.id)
    return [r[0] for r in conn.execute(query)]


def source_texts(ids: list[str], *, conn: sa.Connection) -> dict[str, str]:
    """The stored text of these sources (the queue shows each claim's passage)."""
    src = schema.sources
    if not ids:
        return {}
    return {r[0]: r[1] for r in conn.execute(sa.select(src.c.id, src.c.text).where(src.c.id.in_(ids)))}
