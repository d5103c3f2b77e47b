"""Links: append-only link events, the current link of each claim pair, and the rules that guard them.

One rule path (`write_links`) serves a single manual link (`Ledger.link`) and
linking's bulk writes (`Ledger.link_many`) alike: an automatic link never overrides a manual link or a rejection
(of the pair, or of the reverse pair), and an automatic link identical to the
current one is not written again. Statuses follow in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa

from claims import schema
from claims.errors import InvalidInput, UnknownId
from claims.lookup import claim_id
from claims.models import STANCES, Link, Origin, Stance
from claims.rows import chunks, link_row, now, reason_json, to_link
from claims.sql import among
from claims.status_store import escalate_for, refresh


@dataclass(frozen=True)
class LinkRequest:
    """One link to write: whole claim ids, the stance, and why."""

    from_id: str
    to_id: str
    stance: str
    reason: dict[str, Any] | None = None
    note: str | None = None


@dataclass
class AutoLinkChanges:
    """What `sync_auto_links` changed. Unchanged links were not touched at all."""

    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    refused: int = 0


def current_link(from_id: str, to_id: str, *, conn: sa.Connection) -> Link | None:
    lk = schema.links
    row = conn.execute(sa.select(lk).where(lk.c.from_id == from_id, lk.c.to_id == to_id)).mappings().first()
    return to_link(row) if row else None


def write_links(
    requests: Sequence[LinkRequest], *, origin: str, by: str | None, conn: sa.Connection
) -> list[Link | None]:
    """Write links with the ledger's rules; per request, the stored link or None when refused.

    Ids must be whole ids. The checks read the involved claims and their current
    links in one pass per chunk, the writes are two executemany statements, and
    statuses are updated once: a link at a time would be a dozen queries each.
    """
    for request in requests:
        if request.stance not in STANCES:
            raise InvalidInput(f"unknown stance {request.stance!r}: use one of {', '.join(STANCES)}")
    state = _current_pairs(requests, conn)
    out: list[Link | None] = []
    written: list[Link] = []
    replaced: set[tuple[str, str]] = set()
    for r in requests:
        if r.from_id == r.to_id:
            raise InvalidInput("a claim cannot be linked to itself")
        current, reverse = state.get((r.from_id, r.to_id)), state.get((r.to_id, r.from_id))
        if origin == "auto":
            if current is not None and (current.origin == "manual" or current.rejected):
                out.append(None)
                continue
            if current is not None and current.stance == r.stance and current.reason == r.reason:
                out.append(current)
                continue
            if reverse is not None and (reverse.origin == "manual" or reverse.rejected):
                out.append(None)
                continue
        if current is not None:
            replaced.add((r.from_id, r.to_id))
        link = Link(
            from_id=r.from_id,
            to_id=r.to_id,
            stance=cast(Stance, r.stance),  # checked against STANCES above
            origin=cast(Origin, origin),
            reason=r.reason,
            note=r.note,
            by=by,
            at=now(),
        )
        state[(r.from_id, r.to_id)] = link
        written.append(link)
        out.append(link)
    _store(written, replaced, conn)
    return out


def _current_pairs(requests: Sequence[LinkRequest], conn: sa.Connection) -> dict[tuple[str, str], Link]:
    """The current links of the requested pairs, both ways; raises `UnknownId` for a missing claim."""
    lk, t = schema.links, schema.claims
    ids = sorted({i for r in requests for i in (r.from_id, r.to_id)})
    # The involved claims' outgoing links (the primary key answers it); only the pairs asked about,
    # both ways, become models. (A row-value IN over the pairs reads less, but SQLite answers it
    # with a scan of all links.)
    pairs = {p for r in requests for p in ((r.from_id, r.to_id), (r.to_id, r.from_id))}
    found: set[str] = set()
    state: dict[tuple[str, str], Link] = {}
    for chunk in chunks(ids):
        found.update(r[0] for r in conn.execute(sa.select(t.c.id).where(among(conn, t.c.id, chunk))))
        for row in conn.execute(sa.select(lk).where(among(conn, lk.c.from_id, chunk))).mappings():
            if (row["from_id"], row["to_id"]) in pairs:
                state[(row["from_id"], row["to_id"])] = to_link(row)
    missing = sorted(set(ids) - found)
    if missing:
        raise UnknownId(f"unknown claim id {missing[0]!r}")
    return state


def _store(written: list[Link], replaced: set[tuple[str, str]], conn: sa.Connection) -> None:
    """Append the events, make them the pairs' current links and bring the targets' statuses up to date."""
    if not written:
        return
    lk = schema.links
    rows = [link_row(link) for link in written]
    conn.execute(sa.insert(schema.link_events), rows)
    if replaced:
        pair = sa.and_(lk.c.from_id == sa.bindparam("b_from"), lk.c.to_id == sa.bindparam("b_to"))
        conn.execute(sa.delete(lk).where(pair), [{"b_from": f, "b_to": t} for f, t in sorted(replaced)])
    # The last event per pair is its current state.
    conn.execute(sa.insert(lk), list({(r["from_id"], r["to_id"]): r for r in rows}.values()))
    # A link changes only its target's status. Targets that merely gained links climb from their
    # stored status; a replaced link may lower one, so those are derived again from all their links.
    rederive = {t for _, t in replaced}
    refresh(rederive, conn=conn)
    escalate_for([link for link in written if link.to_id not in rederive], conn=conn)


def reject_link(from_prefix: str, to_prefix: str, *, by: str | None, conn: sa.Connection) -> Link:
    """Record that a link is wrong (either way round). It stays rejected when linking runs again."""
    from_id, to_id = claim_id(from_prefix, conn=conn), claim_id(to_prefix, conn=conn)
    current = current_link(from_id, to_id, conn=conn)
    if current is None:
        reverse = current_link(to_id, from_id, conn=conn)
        if reverse is not None and not reverse.rejected:
            from_id, to_id, current = to_id, from_id, reverse
    rejection = Link(
        from_id=from_id,
        to_id=to_id,
        stance=current.stance if current else None,
        origin="manual",
        rejected=True,
        by=by,
        at=now(),
    )
    values = link_row(rejection)
    lk = schema.links
    conn.execute(sa.insert(schema.link_events).values(**values))
    conn.execute(sa.delete(lk).where(lk.c.from_id == from_id, lk.c.to_id == to_id))
    conn.execute(sa.insert(lk).values(**values))
    refresh([from_id, to_id], conn=conn)
    return rejection


def auto_links(*, conn: sa.Connection) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """Every current automatic link: (from, to) -> (stance, stored reason JSON)."""
    lk = schema.links
    query = sa.select(lk.c.from_id, lk.c.to_id, lk.c.stance, lk.c.reason).where(
        lk.c.origin == "auto", lk.c.rejected == 0
    )
    return {(r.from_id, r.to_id): (r.stance, r.reason) for r in conn.execute(query)}


def remove_links(pairs: Iterable[tuple[str, str]], *, conn: sa.Connection) -> int:
    """Drop these current automatic links (the events stay in the history) and re-derive their targets."""
    pairs = sorted(set(pairs))
    if not pairs:
        return 0
    lk = schema.links
    cond = sa.and_(
        lk.c.from_id == sa.bindparam("b_from"), lk.c.to_id == sa.bindparam("b_to"), lk.c.origin == "auto"
    )
    conn.execute(sa.delete(lk).where(cond, lk.c.rejected == 0), [{"b_from": f, "b_to": t} for f, t in pairs])
    refresh({i for pair in pairs for i in pair}, conn=conn)
    return len(pairs)


def remove_auto_links(claim_ids: Iterable[str], *, conn: sa.Connection) -> int:
    """Drop the current automatic links touching these claims; rejections and manual links are untouched."""
    lk = schema.links
    ids = list(claim_ids)
    count = 0
    touched: set[str] = set()
    for chunk in chunks(ids):
        cond = sa.and_(
            lk.c.origin == "auto",
            lk.c.rejected == 0,
            sa.or_(among(conn, lk.c.from_id, chunk), among(conn, lk.c.to_id, chunk)),
        )
        for row in conn.execute(sa.select(lk.c.from_id, lk.c.to_id).where(cond)):
            touched.update(row)
        count += conn.execute(sa.delete(lk).where(cond)).rowcount or 0
    refresh(touched, conn=conn)
    return count


def sync_auto_links(desired: Mapping[tuple[str, str], LinkRequest], *, conn: sa.Connection) -> AutoLinkChanges:
    """Make the current automatic links exactly `desired` (by (from, to)), touching only what differs.

    Stale links are removed, links whose stance or reason changed are replaced,
    new ones are added (unless a manual link or rejection refuses them); links
    that are already as desired are left alone, events and all.
    """
    changes = AutoLinkChanges()
    current = auto_links(conn=conn)
    changes.removed = sorted(pair for pair in current if pair not in desired)
    remove_links(changes.removed, conn=conn)
    todo: list[LinkRequest] = []
    for pair, request in sorted(desired.items()):
        before = current.get(pair)
        if before is not None and before == (request.stance, reason_json(request.reason)):
            changes.unchanged += 1
        else:
            todo.append(request)
    for request, written in zip(todo, write_links(todo, origin="auto", by=None, conn=conn), strict=True):
        pair = (request.from_id, request.to_id)
        if written is None:
            changes.refused += 1
        elif pair in current:
            changes.changed.append(pair)
        else:
            changes.added.append(pair)
    return changes
