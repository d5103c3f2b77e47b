"""Verdicts and derived statuses: every write that can change a claim's status keeps it current here.

The rules themselves are in `claims.status`; this module reads what they need
(incoming links, verdicts, claimants) in bulk and writes only the statuses that
changed, in the writer's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import cast

import sqlalchemy as sa

from claims import claimants as speakers
from claims import schema
from claims.errors import InvalidInput
from claims.lookup import claim_id
from claims.models import COUNTING_ORIGINS, RATINGS, Link, Status, Verdict, rating_of
from claims.rows import chunks, now, verdict_row
from claims.sql import among, live
from claims.status import IncomingLink, derive_status, escalate

# Built once: an alias copies every column, which costs more than the query it serves.
_SRC_CLAIMS = schema.claims.alias("src")


def rate(
    cid: str,
    rating: str,
    *,
    rationale: str | None,
    by: str | None,
    evidence: Sequence[str],
    label: str | None,
    at: dt.datetime | None,
    review_url: str | None = None,
    review_title: str | None = None,
    published: dt.date | None = None,
    conn: sa.Connection,
) -> Verdict:
    """Append a verdict (the newest is the claim's verdict) and re-derive the claim's status.

    `rating` is read case-insensitively, with spaces or hyphens ("Mostly True" is mostly-true).
    """
    known = rating_of(rating)
    if known is None:
        raise InvalidInput(f"unknown rating {rating!r}: use one of {', '.join(RATINGS)}")
    cid = claim_id(cid, conn=conn)
    verdict = Verdict(
        claim_id=cid,
        rating=known,
        rationale=rationale, by=by, at=at or now(),
        evidence=list(evidence),
        label=label,
        review_url=review_url,
        review_title=review_title,
        published=published,
    )
    conn.execute(sa.insert(schema.verdicts).values(**verdict_row(verdict)))
    refresh([cid], conn=conn)
    return verdict


def refresh(ids: Iterable[str], *, conn: sa.Connection) -> None:
    """Recompute the derived status of these claims from their counting links (not suggestions) and verdicts."""
    ids = sorted(set(ids))
    if not ids:
        return
    t, lk, v = schema.claims, schema.links, schema.verdicts
    changed: list[dict[str, str]] = []
    for chunk in chunks(ids):
        rows = conn.execute(sa.select(t.c.id, t.c.claimant, t.c.status).where(among(conn, t.c.id, chunk))).all()
        claimants = {r[0]: r[1] for r in rows}
        current = {r[0]: r[2] for r in rows}
        rated = {
            r[0] for r in conn.execute(sa.select(v.c.claim_id).where(among(conn, v.c.claim_id, chunk)).distinct())
        }
        # A merge brings the other claim's verdicts along.
        rated |= {
            r[0]
            for r in conn.execute(
                sa.select(t.c.merged_into)
                .join(v, v.c.claim_id == t.c.id)
                .where(among(conn, t.c.merged_into, chunk), t.c.merged_into.is_not(None))
            )
        }
        src = _SRC_CLAIMS
        incoming: dict[str, list[IncomingLink]] = {}
        query = (
            sa.select(lk.c.to_id, lk.c.stance, src.c.claimant)
            .join(src, src.c.id == lk.c.from_id)
            # A suggestion is shown but changes no status until a person accepts it.
            .where(
                among(conn, lk.c.to_id, chunk), lk.c.rejected == 0, live(src), lk.c.origin.in_(COUNTING_ORIGINS)
            )
        )
        for to_id, stance, claimant in conn.execute(query):
            incoming.setdefault(to_id, []).append(IncomingLink(stance=stance, from_claimant=claimant))
        # One person under two names (claimant aliases) is one speaker, not independent evidence.
        names = [*claimants.values(), *(link.from_claimant for links in incoming.values() for link in links)]
        persons = speakers.persons(names, conn=conn)
        for cid, claimant in claimants.items():
            status = derive_status(claimant, cid in rated, incoming.get(cid, []), persons)
            if status != current[cid]:
                changed.append({"b_id": cid, "b_status": status})
    _set_status(changed, conn=conn)


def escalate_for(added: Sequence[Link], *, conn: sa.Connection) -> None:
    """Update the status of the targets of newly added (not replaced) links with `status.escalate`.

    Exact because every write refreshes the stored status in its own transaction, so it
    always agrees with the claim's links and verdicts; one read of the claims involved
    replaces reading every link into a popular claim.
    """
    added = [link for link in added if not link.rejected and link.origin in COUNTING_ORIGINS]
    if not added:
        return
    t = schema.claims
    ids = sorted({i for link in added for i in (link.from_id, link.to_id)})
    known: dict[str, tuple[str | None, str]] = {}
    hidden: set[str] = set()
    for chunk in chunks(ids):
        for cid, claimant, current, shown in conn.execute(
            sa.select(t.c.id, t.c.claimant, t.c.status, live(t)).where(among(conn, t.c.id, chunk))
        ):
            known[cid] = (claimant, current)
            if not shown:
                hidden.add(cid)
    incoming: dict[str, list[IncomingLink]] = {}
    for link in added:
        if link.from_id in hidden:
            continue  # a retracted or merged-away claim's links count for nobody
        incoming.setdefault(link.to_id, []).append(IncomingLink(link.stance or "", known[link.from_id][0]))
    if not incoming:
        return
    persons = speakers.persons([claimant for claimant, _ in known.values()], conn=conn)
    changed: list[dict[str, str]] = []
    for cid, links in incoming.items():
        claimant, current = known[cid]
        status = escalate(cast(Status, current), claimant, links, persons)  # the ledger stores only valid statuses
        if status != current:
            changed.append({"b_id": cid, "b_status": status})
    _set_status(changed, conn=conn)


def _set_status(changed: list[dict[str, str]], *, conn: sa.Connection) -> None:
    """One executemany for the claims whose status changed (a statement per claim was most of linking's SQL)."""
    if changed:
        t = schema.claims
        conn.execute(
            sa.update(t).where(t.c.id == sa.bindparam("b_id")).values(status=sa.bindparam("b_status")), changed
        )
