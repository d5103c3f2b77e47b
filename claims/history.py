"""One claim's history, and what changed since a date: claim events, link events and verdicts in one timeline.

Every change is append-only. Claims keep their own events (`claim_events`:
edits, retractions, merges, revisions), links keep `link_events`, and verdicts
are never overwritten. This module reads the three tables into one list of
`HistoryEntry`, so the CLI's `claims show`, the reports' `--changed-since` and
the desk's history panel all tell the same story.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from claims import schema
from claims.lookup import claim_id
from claims.models import HistoryEntry
from claims.rows import chunks, iso, now, parse_dt
from claims.sql import among


def record(
    cid: str, kind: str, *, by: str | None, detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None, conn: sa.Connection,
) -> HistoryEntry:
    """Append one event to a claim's history (the caller has resolved `cid` to a whole id)."""
    entry = HistoryEntry(claim_id=cid, kind=kind, by=by, at=at or now(), detail=detail or {})
    conn.execute(
        sa.insert(schema.claim_events).values(
            claim_id=cid, kind=kind, by=by, at=iso(entry.at), detail=json.dumps(entry.detail, sort_keys=True)
        )
    )
    return entry


def _claim_entries(ids: list[str] | None, since: str | None, conn: sa.Connection) -> list[HistoryEntry]:
    ev = schema.claim_events
    q = sa.select(ev)
    if ids is not None:
        q = q.where(among(conn, ev.c.claim_id, ids))
    if since is not None:
        q = q.where(ev.c.at > since)
    return [
        HistoryEntry(
            claim_id=r["claim_id"], kind=r["kind"], by=r["by"], at=parse_dt(r["at"]) or now(),
            detail=json.loads(r["detail"] or "{}"),
        )
        for r in conn.execute(q.order_by(ev.c.id)).mappings()
    ]


def _link_kind(row: Any) -> str:
    """A link event's kind: a person's rejection or acceptance, a withdrawn machine link, or a link written."""
    if row["rejected"]:
        return "link-rejected"
    if row.get("removed"):
        return "link-removed"
    if row["origin"] == "accepted":
        return "link-accepted"
    return "linked"


def _link_entries(ids: list[str] | None, since: str | None, conn: sa.Connection) -> list[HistoryEntry]:
    le = schema.link_events
    q = sa.select(le)
    if ids is not None:
        q = q.where(sa.or_(among(conn, le.c.from_id, ids), among(conn, le.c.to_id, ids)))
    if since is not None:
        q = q.where(le.c.at > since)
    out: list[HistoryEntry] = []
    wanted = set(ids) if ids is not None else None
    for r in conn.execute(q.order_by(le.c.id)).mappings():
        kind = _link_kind(r)
        reason = json.loads(r["reason"]) if r["reason"] else None
        detail = {
            "from_id": r["from_id"], "to_id": r["to_id"], "stance": r["stance"], "origin": r["origin"],
            "note": r["note"], "reason": reason,
        }
        # A link belongs to both claims' histories; the status it can change is the target's.
        for cid in (r["to_id"], r["from_id"]):
            if wanted is None or cid in wanted:
                out.append(HistoryEntry(claim_id=cid, kind=kind, by=r["by"], at=parse_dt(r["at"]) or now(),
                                        detail=detail))
    return out


def _verdict_entries(ids: list[str] | None, since: str | None, conn: sa.Connection) -> list[HistoryEntry]:
    v = schema.verdicts
    q = sa.select(v)
    if ids is not None:
        q = q.where(among(conn, v.c.claim_id, ids))
    if since is not None:
        q = q.where(v.c.at > since)
    return [
        HistoryEntry(
            claim_id=r["claim_id"], kind="rated", by=r["by"], at=parse_dt(r["at"]) or now(),
            detail={"rating": r["rating"], "label": r["label"], "rationale": r["rationale"]}
            | {k: r[k] for k in ("review_url", "review_title", "published") if r.get(k)},
        )
        for r in conn.execute(q.order_by(v.c.id)).mappings()
    ]


def _gather(ids: list[str] | None, since: str | None, conn: sa.Connection) -> list[HistoryEntry]:
    entries = _claim_entries(ids, since, conn) + _link_entries(ids, since, conn) + _verdict_entries(ids, since, conn)
    return sorted(entries, key=lambda e: e.at)


def history(prefix: str, *, conn: sa.Connection) -> list[HistoryEntry]:
    """Every recorded change to one claim, oldest first."""
    cid = claim_id(prefix, conn=conn)
    return _gather([cid], None, conn)


def histories(ids: Iterable[str], *, conn: sa.Connection) -> dict[str, list[HistoryEntry]]:
    """Per whole claim id, its history oldest first (one query per table and chunk)."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, list[HistoryEntry]] = {cid: [] for cid in wanted}
    for chunk in chunks(wanted):
        for entry in _gather(list(chunk), None, conn):
            out[entry.claim_id].append(entry)
    return out


def changed_since(when: dt.datetime, *, conn: sa.Connection) -> dict[str, list[HistoryEntry]]:
    """Per claim id, the changes recorded strictly after `when`, oldest first.

    Built on the event tables, not on claim dates: this is the weekly "what's new".
    """
    out: dict[str, list[HistoryEntry]] = {}
    for entry in _gather(None, iso(when), conn):
        out.setdefault(entry.claim_id, []).append(entry)
    return out
