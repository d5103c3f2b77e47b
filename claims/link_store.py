"""Links: append-only link events, the current link of each claim pair, and the rules that guard them.

One rule path (`write_links`) serves a single manual link (`Ledger.link`) and
linking's bulk writes (`Ledger.link_many`) alike. The linker writes *machine*
links: `auto` (sure enough to count for status) and `suggested` (shown, but
counting for nothing until a person accepts it). A machine link never overrides
a person's decision (a manual or accepted link, or a rejection; of the pair or
of the reverse pair), and one identical to the current link is not written
again. Relinking withdraws machine links that are no longer found with a
`removed` event, so the history shows every change. Statuses follow in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa

from claims import schema
from claims.errors import InvalidInput, UnknownId
from claims.lookup import claim_id
from claims.models import MACHINE_ORIGINS, ORIGINS, STANCES, Link, Origin, Stance
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
    origin: str | None = None  # None: the origin the whole write is given


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
        if (request.origin or origin) not in ORIGINS:
            raise InvalidInput(f"unknown link origin {request.origin or origin!r}: use one of {', '.join(ORIGINS)}")
    state = _current_pairs(requests, conn)
    out: list[Link | None] = []
    written: list[Link] = []
    replaced: set[tuple[str, str]] = set()
    for r in requests:
        if r.from_id == r.to_id:
            raise InvalidInput("a claim cannot be linked to itself")
        current, reverse = state.get((r.from_id, r.to_id)), state.get((r.to_id, r.from_id))
        kind = r.origin or origin
        if kind in MACHINE_ORIGINS:
            if decided(current) or decided(reverse):
                out.append(None)  # a person decided this pair: the linker leaves it alone
                continue
            if (
                current is not None
                and (current.origin, current.stance, current.reason) == (kind, r.stance, r.reason)
            ):
                out.append(current)
                continue
        if current is not None:
            replaced.add((r.from_id, r.to_id))
        link = Link(
            from_id=r.from_id,
            to_id=r.to_id,
            stance=cast(Stance, r.stance),  # checked against STANCES above
            origin=cast(Origin, kind),  # checked against ORIGINS above
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


def decided(link: Link | None) -> bool:
    """Whether a person decided this pair (a manual or accepted link, or a rejection): machines keep off."""
    return link is not None and (link.rejected or link.origin not in MACHINE_ORIGINS)


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


def reject_link(
    from_prefix: str, to_prefix: str, *, by: str | None, note: str | None = None, conn: sa.Connection
) -> Link:
    """Record that a link is wrong (either way round), with the person's note. Linking never writes it again."""
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
        note=note,
        # The linker's reason stays beside the rejection: what was rejected, and why it was proposed.
        reason=current.reason if current else None,
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


def machine_links(*, conn: sa.Connection) -> dict[tuple[str, str], Link]:
    """Every current link the linker wrote (automatic or suggested), by (from, to)."""
    lk = schema.links
    query = sa.select(lk).where(lk.c.origin.in_(MACHINE_ORIGINS), lk.c.rejected == 0)
    return {(r["from_id"], r["to_id"]): to_link(r) for r in conn.execute(query).mappings()}


def withdraw(links: Iterable[Link], *, note: str, conn: sa.Connection) -> int:
    """Withdraw these current machine links: a `removed` event each, then the current rows go.

    Nothing is dropped silently: `Ledger.history` shows each removal with the
    stance, origin and reason it had. The targets' statuses are derived again.
    """
    gone = sorted({(lk.from_id, lk.to_id): lk for lk in links}.values(), key=lambda lk: (lk.from_id, lk.to_id))
    if not gone:
        return 0
    at = now()
    events = [
        link_row(lk.model_copy(update={"at": at, "by": None, "note": note})) | {"removed": 1} for lk in gone
    ]
    conn.execute(sa.insert(schema.link_events), events)
    lk = schema.links
    cond = sa.and_(
        lk.c.from_id == sa.bindparam("b_from"),
        lk.c.to_id == sa.bindparam("b_to"),
        # No IN (...) here: an expanding parameter cannot run as executemany.
        sa.or_(*(lk.c.origin == origin for origin in MACHINE_ORIGINS)),
        lk.c.rejected == 0,
    )
    conn.execute(sa.delete(lk).where(cond), [{"b_from": link.from_id, "b_to": link.to_id} for link in gone])
    refresh({link.to_id for link in gone}, conn=conn)
    return len(gone)


def remove_links(pairs: Iterable[tuple[str, str]], *, note: str = "removed", conn: sa.Connection) -> int:
    """Withdraw the current machine links of these pairs (see `withdraw`); other pairs are left alone."""
    wanted = set(pairs)
    if not wanted:
        return 0
    current = [lk for pair, lk in machine_links(conn=conn).items() if pair in wanted]
    return withdraw(current, note=note, conn=conn)


def remove_auto_links(claim_ids: Iterable[str], *, note: str = "removed", conn: sa.Connection) -> int:
    """Withdraw the machine links touching these claims; rejections, manual and accepted links are untouched."""
    lk = schema.links
    found: list[Link] = []
    for chunk in chunks(list(claim_ids)):
        cond = sa.and_(
            lk.c.origin.in_(MACHINE_ORIGINS),
            lk.c.rejected == 0,
            sa.or_(among(conn, lk.c.from_id, chunk), among(conn, lk.c.to_id, chunk)),
        )
        found.extend(to_link(row) for row in conn.execute(sa.select(lk).where(cond)).mappings())
    return withdraw(found, note=note, conn=conn)


RELINK_NOTE = "relink: no longer found"


def sync_auto_links(desired: Mapping[tuple[str, str], LinkRequest], *, conn: sa.Connection) -> AutoLinkChanges:
    """Make the current machine links exactly `desired` (by (from, to)), touching only what differs.

    Each request's `origin` says whether it is `auto` (the default) or `suggested`.
    Stale links are withdrawn with a `removed` event, links whose stance, origin
    or reason changed are replaced, new ones are added (unless a person's decision
    refuses them); links that are already as desired are left alone, events and all.
    """
    changes = AutoLinkChanges()
    current = machine_links(conn=conn)
    stale = [link for pair, link in current.items() if pair not in desired]
    changes.removed = sorted((link.from_id, link.to_id) for link in stale)
    withdraw(stale, note=RELINK_NOTE, conn=conn)
    todo: list[LinkRequest] = []
    for pair, request in sorted(desired.items()):
        before = current.get(pair)
        wanted = (request.origin or "auto", request.stance, reason_json(request.reason))
        if before is not None and (before.origin, before.stance, reason_json(before.reason)) == wanted:
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
