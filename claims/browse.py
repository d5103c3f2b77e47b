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

from claims import index, schema
from claims.claim_store import filter_conditions
from claims.dates import PartialDate
from claims.errors import InvalidInput
from claims.index.fulltext import match, match_count, matching_docs
from claims.models import Model, Status
from claims.sql import among, live
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


def _contradicting(lk: sa.Table) -> sa.ColumnElement[bool]:
    """A current, counted (not merely suggested) contradiction."""
    return sa.and_(lk.c.stance == "contradicts", _live(lk), sa.not_(_suggested(lk)))


def _touching(lk: sa.Table, cid: Any) -> sa.ColumnElement[bool]:
    return sa.or_(lk.c.to_id == cid, lk.c.from_id == cid)


def live_literal(t: sa.Table) -> sa.ColumnElement[bool]:
    """`claims.sql.live` with its constants written into the SQL, so the partial indexes of
    `claims.browse_indexes` apply (SQLite matches a partial index's condition only without parameters)."""
    return sa.and_(t.c.retracted == sa.literal_column("0"), t.c.merged_into.is_(None))


def _newest(t: sa.Table, conn: sa.Connection) -> list[sa.ColumnElement[Any]]:
    """Claim date newest first, undated last, then id: the order of the `browse_indexes` read backwards."""
    if conn.dialect.name == "postgresql":
        return [t.c.date_start.desc().nulls_last(), t.c.id.desc()]
    return [t.c.date_start.desc(), t.c.id.desc()]


def _endpoints(cond: sa.ColumnElement[bool]) -> sa.CompoundSelect:
    """The claim ids at either end of the links matching `cond` (an IN-set the planner builds once)."""
    lk = schema.links
    return sa.union(sa.select(lk.c.to_id).where(cond), sa.select(lk.c.from_id).where(cond))


def conditions(
    flt: BrowseFilter, *, conn: sa.Connection, walk: bool = False
) -> tuple[list[sa.ColumnElement[bool]], Any, Any]:
    """(WHERE conditions, text rank or None, FROM) of the claims matching `flt`; no order, no limit.

    `walk` writes the outlet and link filters so that no index can serve them (`claims.id || ''`, SQLite's
    way of saying "test, don't look up"): the planner then reads the sort's index and tests each claim.
    """
    t, lk = schema.claims, schema.links

    def bare(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        return column.op("||")("") if walk else column

    def by_id(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
        # PostgreSQL would join a hidden id to the link set in a nested loop (its estimate of the expression
        # fails); its hash of the set then primary-key lookups and a top-N sort are the better plan there.
        return bare(column) if conn.dialect.name == "sqlite" else column

    conds: list[sa.ColumnElement[bool]] = []
    rank: Any = None
    frm: Any = t
    if flt.text:
        if not any(ch.isalnum() for ch in flt.text):
            raise InvalidInput("search text is empty: give at least one word")
        if flt.sort != "relevance" and conn.dialect.name == "sqlite":
            # Sorted by something else, the matches are a set the sort's index is tested against.
            # Each claim read finds its document number (claim_docs' unique claim_id) and tests it against the
            # matches' numbers, which FTS5 lists once without ranking them.
            docs = index.claim_docs
            doc_of = sa.select(docs.c.doc).where(docs.c.claim_id == t.c.id).scalar_subquery()
            conds.append(doc_of.in_(matching_docs(flt.text)) if walk else
                         t.c.id.in_(sa.select(docs.c.claim_id).where(docs.c.doc.in_(matching_docs(flt.text)))))
        else:
            cond, rank, frm = match(conn, t, flt.text)  # the ledger's full-text index (FTS5 / tsvector)
            conds.append(cond)
    if not flt.include_retracted:
        conds.append(live_literal(t))
    # The desk's entity box takes any case; stored entity keys are folded.
    folded = flt.model_copy(update={"entity": flt.entity.casefold()}) if flt.entity else flt
    conds.extend(filter_conditions(folded))
    if flt.outlet:
        src = schema.sources
        conds.append(
            bare(t.c.source_id).in_(sa.select(src.c.id).where(sa.func.lower(src.c.outlet) == flt.outlet.casefold()))
        )
    # Links that contradict or wait are a small part of the links: their ends are collected once and
    # probed as a set while the date index is read, instead of two link lookups per claim read.
    if flt.contradicted:
        conds.append(by_id(t.c.id).in_(_endpoints(_contradicting(lk))))
    if flt.pending:
        conds.append(by_id(t.c.id).in_(_endpoints(sa.and_(_live(lk), _suggested(lk)))))
    return conds, rank, frm


def browse_query(flt: BrowseFilter, *, conn: sa.Connection) -> sa.Select[Any]:
    """The ids of one page of claims matching `flt` (limit + 1 rows: the last says there is a next page).

    The latest-evidence sort is not one query: `Ledger.browse` walks the links newest first
    (`evidence_page`) and asks this module only which of their claims match.
    """
    t = schema.claims
    walk = flt.sort != "relevance" and not flt.include_retracted and _dense(flt, conn)
    conds, rank, frm = conditions(flt, conn=conn, walk=walk)
    query = sa.select(t.c.id).select_from(frm).where(*conds)
    if flt.sort == "relevance" and rank is not None:
        query = query.order_by(rank.desc(), t.c.id)
    elif flt.sort == "checkworthiness":
        query = query.order_by(t.c.checkworthiness.desc(), *_newest(t, conn))
    else:
        # An index of `browse_indexes` read in order: the first page costs ~51 index steps, not a sort.
        query = query.order_by(*_newest(t, conn))
    return query.limit(flt.limit + 1).offset(flt.offset)


DENSE = 1000  # candidates above which reading the sort's index beats sorting the candidates


def _dense(flt: BrowseFilter, conn: sa.Connection) -> bool:
    """Whether a text, outlet or link filter leaves so many claims that the page is best found by reading the
    sort's index and testing each claim (SQLite's planner would fetch every candidate and sort them).

    Counted cheaply first: a sparse filter read that way would test every claim of the ledger.
    """
    lk, src = schema.links, schema.sources
    counts: list[int] = []
    if flt.text and conn.dialect.name == "sqlite":  # PostgreSQL's planner weighs the text condition itself
        counts.append(match_count(conn, flt.text))
    if flt.outlet:
        folded = sa.func.lower(src.c.outlet) == flt.outlet.casefold()
        # About ten claims an article: a hundred articles are enough.
        counts.append(10 * conn.execute(sa.select(sa.func.count()).where(folded)).scalar_one())
    for wanted, cond in ((flt.contradicted, _contradicting(lk)), (flt.pending, sa.and_(_live(lk), _suggested(lk)))):
        if wanted:
            counts.append(2 * conn.execute(sa.select(sa.func.count()).select_from(lk).where(cond)).scalar_one())
    return bool(counts) and min(counts) >= DENSE


def evidence_page(flt: BrowseFilter, *, conn: sa.Connection, batch: int | None = None) -> list[str]:
    """The ids of one page of `flt`'s claims, latest evidence first (limit + 1, as `browse_query`).

    A claim's latest evidence is its newest current link (suggestions included). The
    current links are read newest first from `ix_links_live_at`, a batch at a time;
    a claim's first appearance there is its latest evidence, and each batch's new
    claims are checked against the filter in one query. Claims without evidence
    are not listed. A page therefore costs a few index reads, not an aggregate over
    every link of the ledger.
    """
    lk, t = schema.links, schema.claims
    want = flt.offset + flt.limit + 1
    # A link names two claims: a first batch of `want` links usually fills an unfiltered page; filters grow it.
    batch = batch or max(64, want)
    seen: set[str] = set()
    found: list[str] = []
    conds, _rank, frm = conditions(flt.model_copy(update={"sort": "date"}), conn=conn)
    current = sa.and_(lk.c.rejected == sa.literal_column("0"), lk.c.stance.is_not(None))  # ix_links_live_at's
    walk = sa.select(lk.c.from_id, lk.c.to_id).where(current)
    walk = walk.order_by(lk.c.at.desc(), lk.c.from_id.desc(), lk.c.to_id.desc())
    offset = 0
    while len(found) < want:
        rows = conn.execute(walk.limit(batch).offset(offset)).all()
        offset += len(rows)
        fresh = list(dict.fromkeys(cid for row in rows for cid in sorted(row, reverse=True) if cid not in seen))
        seen.update(fresh)
        if fresh:
            query = sa.select(t.c.id).select_from(frm).where(*conds, among(conn, t.c.id, fresh))
            hits = {r[0] for r in conn.execute(query)}
            found.extend(cid for cid in fresh if cid in hits)
        if len(rows) < batch:
            break
        batch = min(batch * 4, 50_000)
    return found[flt.offset : want]


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


_OUTLETS = sa.text(
    "WITH RECURSIVE o(outlet) AS ("
    " SELECT min(outlet) FROM sources WHERE outlet > ''"
    " UNION ALL"
    " SELECT (SELECT min(s.outlet) FROM sources s WHERE s.outlet > o.outlet) FROM o WHERE o.outlet IS NOT NULL"
    ") SELECT outlet FROM o WHERE outlet IS NOT NULL LIMIT :limit"
)


def outlets(*, conn: sa.Connection, limit: int = 500) -> list[str]:
    """The outlets named by sources, for the filter's suggestions, in order.

    A loose index scan in one statement (each step is the next outlet after the
    last, one probe of `ix_sources_outlet`), so a hundred thousand articles from
    a few outlets cost a few probes, not a pass over every article.
    """
    return [r[0] for r in conn.execute(_OUTLETS, {"limit": limit})]


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
