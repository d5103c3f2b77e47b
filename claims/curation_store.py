"""Curation rows: editing a claim's stored values, retracting, merging, and searching claim text.

Every change here is a change of the claim's *current* row plus one event in
`claim_events` (written by the caller through `claims.history.record`), so
the previous values stay readable in the history. Nothing is deleted: a
retracted claim keeps its row, links and verdicts, and is only left out of
what `claims.sql.live` selects; a merge records what it added so that
`unmerge` can take exactly that away again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from claims import index, schema
from claims.errors import InvalidInput
from claims.link_store import LinkRequest, write_links
from claims.models import Claim, ClaimFilter
from claims.rows import claim_row, iso, now, to_claim
from claims.status_store import refresh

# The columns an edit may change (the claims row keeps the current value; the event keeps both).
EDITABLE = ("text", "claimant", "claimant_role", "claim_date", "polarity", "quote", "entities", "lemmas")


def row_of(cid: str, *, conn: sa.Connection) -> Any:
    """The claims row of a whole id (the caller resolved it)."""
    return conn.execute(sa.select(schema.claims).where(schema.claims.c.id == cid)).mappings().one()


def describe(row: Any) -> str:
    """Why a hidden claim cannot be changed, or "" when it is live."""
    if row["merged_into"]:
        return f"claim {row['id']} is merged into {row['merged_into']}: unmerge it first"
    if row["retracted"]:
        return f"claim {row['id']} is retracted: restore it first"
    return ""


def update_claim(cid: str, claim: Claim, *, conn: sa.Connection) -> dict[str, dict[str, Any]]:
    """Store `claim`'s editable values on claim `cid`; return {column: {"old", "new"}} of what changed.

    The claimant key, date range, entity rows and retrieval index follow in the
    same transaction (the full-text index follows the text by itself).
    """
    t = schema.claims
    before = row_of(cid, conn=conn)
    after = claim_row(claim.model_copy(update={"id": cid}))
    changed = {
        col: {"old": before[col], "new": after[col]} for col in EDITABLE if before[col] != after[col]
    }
    if not changed:
        return {}
    derived = ("claimant_key", "date_start", "date_end")
    values = {col: after[col] for col in (*changed, *derived)}
    conn.execute(sa.update(t).where(t.c.id == cid).values(**values))
    if "entities" in changed:
        ents = schema.claim_entities
        conn.execute(sa.delete(ents).where(ents.c.claim_id == cid))
        names = sorted(set(json.loads(after["entities"])))
        if names:
            conn.execute(sa.insert(ents), [{"entity": e, "claim_id": cid} for e in names])
    if {"text", "entities", "lemmas"} & set(changed):
        index.reindex([cid], conn=conn)
    return {col: _shown(col, diff) for col, diff in changed.items()}


def _shown(col: str, diff: dict[str, Any]) -> dict[str, Any]:
    """An edit's old/new values as the history shows them (lists as lists, not stored JSON text)."""
    if col == "entities":
        return {k: json.loads(v or "[]") for k, v in diff.items()}
    if col == "lemmas":
        return {k: (v or "").split() for k, v in diff.items()}
    return diff


def set_retracted(cid: str, retracted: bool, *, conn: sa.Connection) -> None:
    """Hide or show a claim; the claims it links to get their statuses derived again."""
    t = schema.claims
    conn.execute(sa.update(t).where(t.c.id == cid).values(retracted=int(retracted)))
    refresh({cid, *_targets(cid, conn)}, conn=conn)


def _targets(cid: str, conn: sa.Connection) -> set[str]:
    lk = schema.links
    return {r[0] for r in conn.execute(sa.select(lk.c.to_id).where(lk.c.from_id == cid))}


def _partners(cid: str, conn: sa.Connection) -> list[Any]:
    lk = schema.links
    query = sa.select(lk).where(sa.or_(lk.c.from_id == cid, lk.c.to_id == cid)).order_by(lk.c.from_id, lk.c.to_id)
    return list(conn.execute(query).mappings())


def merge(keep: str, other: str, *, by: str | None, conn: sa.Connection) -> dict[str, Any]:
    """Make claim `other` an appearance of `keep`: its appearances and links move over; verdicts follow on read.

    Returns what was added (appearance row ids, link pairs), for the event and for `unmerge`.
    """
    if keep == other:
        raise InvalidInput("a claim cannot be merged into itself")
    t, a = schema.claims, schema.appearances
    keep_row, other_row = row_of(keep, conn=conn), row_of(other, conn=conn)
    for row in (keep_row, other_row):
        if why := describe(row):
            raise InvalidInput(why)
    if conn.execute(sa.select(t.c.id).where(t.c.merged_into == other, t.c.merged_into.is_not(None)).limit(1)).first():
        raise InvalidInput(f"claims are merged into {other}: unmerge them first")
    added: list[int] = []
    own = [(other_row["source_id"], other_row["span_start"], other_row["span_end"], other_row["claim_date"])]
    moved = conn.execute(sa.select(a).where(a.c.claim_id == other).order_by(a.c.id)).mappings()
    own += [(r["source_id"], r["span_start"], r["span_end"], r["claim_date"]) for r in moved]
    for source_id, start, end, date in own:
        if source_id is None:
            continue
        values = {"claim_id": keep, "source_id": source_id, "span_start": start, "span_end": end,
                  "claim_date": date, "created_at": iso(now())}
        added.append(conn.execute(sa.insert(a).values(**values).returning(a.c.id)).scalar_one())
    kept = {r["to_id"] if r["from_id"] == keep else r["from_id"] for r in _partners(keep, conn)}
    note = f"merged from {other}"
    by_origin: dict[str, list[LinkRequest]] = {}
    for r in _partners(other, conn):
        partner = r["to_id"] if r["from_id"] == other else r["from_id"]
        if r["rejected"] or partner in (keep, *kept):
            continue
        from_id, to_id = (keep, partner) if r["from_id"] == other else (partner, keep)
        reason = json.loads(r["reason"]) if r["reason"] else None
        request = LinkRequest(from_id, to_id, stance=r["stance"], reason=reason, note=note)
        by_origin.setdefault(r["origin"], []).append(request)
    pairs: list[list[str]] = []
    for origin, requests in sorted(by_origin.items()):
        for link in write_links(requests, origin=origin, by=by, conn=conn):
            if link is not None:
                pairs.append([link.from_id, link.to_id])
    conn.execute(sa.update(t).where(t.c.id == other).values(merged_into=keep))
    refresh({keep, other, *_targets(other, conn), *(p[1] for p in pairs)}, conn=conn)
    return {"keep": keep, "other": other, "appearances": added, "links": pairs}


def unmerge(other: str, undo: dict[str, Any], *, conn: sa.Connection) -> str:
    """Undo `merge` of `other` (whose merge event detail is `undo`); return the claim it had been merged into."""
    t, a, lk = schema.claims, schema.appearances, schema.links
    row = row_of(other, conn=conn)
    keep = row["merged_into"]
    if not keep:
        raise InvalidInput(f"claim {other} is not merged into another claim")
    ids = [int(i) for i in undo.get("appearances", [])]
    if ids:
        conn.execute(sa.delete(a).where(a.c.id.in_(ids), a.c.claim_id == keep))
    note = f"merged from {other}"
    for from_id, to_id in undo.get("links", []):
        # Only the links the merge wrote, if nobody has decided on the pair since.
        conn.execute(
            sa.delete(lk).where(lk.c.from_id == from_id, lk.c.to_id == to_id, lk.c.note == note, lk.c.rejected == 0)
        )
    conn.execute(sa.update(t).where(t.c.id == other).values(merged_into=None))
    refresh({keep, other, *_targets(other, conn), *(p[1] for p in undo.get("links", []))}, conn=conn)
    return str(keep)


def auto_links_of(cid: str, *, conn: sa.Connection) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """The current automatic links touching one claim: (from, to) -> (stance, stored reason JSON)."""
    lk = schema.links
    query = sa.select(lk.c.from_id, lk.c.to_id, lk.c.stance, lk.c.reason).where(
        sa.or_(lk.c.from_id == cid, lk.c.to_id == cid), lk.c.origin == "auto", lk.c.rejected == 0
    )
    return {(r.from_id, r.to_id): (r.stance, r.reason) for r in conn.execute(query)}


def search(text: str, flt: ClaimFilter, *, limit: int, conn: sa.Connection) -> list[tuple[str, float]]:
    """(claim id, score) of the claims whose text matches `text`, best first, through the full-text index.

    `flt` narrows by status, claimant (with aliases), claim date and retraction: the
    desk's search (`claims.browse_search.search_page`) with the command line's filter.
    """
    from claims.browse import BrowseFilter
    from claims.browse_search import search_page  # browse reads claim_store, as this module does

    shared = ("status", "claimant", "since", "until", "entity", "source_id", "undated", "include_retracted")
    fields = {name: getattr(flt, name) for name in shared}
    page = BrowseFilter(**fields, text=text, sort="relevance", limit=max(1, limit), offset=flt.offset)
    return search_page(page, conn=conn)[:limit]


def article_claims(source_ids: Sequence[str], *, conn: sa.Connection) -> list[Claim]:
    """Every claim stored from these sources (hidden ones too), in text order (the revisions of one article)."""
    t = schema.claims
    query = sa.select(t).where(t.c.source_id.in_(list(source_ids))).order_by(t.c.span_start, t.c.created_at, t.c.id)
    return [to_claim(r) for r in conn.execute(query).mappings()]


def revision_chain(source_id: str, *, conn: sa.Connection) -> list[str]:
    """This source's id and the ids of the revisions it revises, newest first (one primary-key probe each)."""
    s = schema.sources
    chain: list[str] = []
    current: str | None = source_id
    while current is not None and current not in chain:
        chain.append(current)
        current = conn.execute(sa.select(s.c.revision_of).where(s.c.id == current)).scalar()
    return chain
