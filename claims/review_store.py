"""The review queue: the linker's unsure links (suggestions) and the decisions people make on them.

A link the linker is not sure enough of (its calibrated confidence is below the
auto threshold) is stored with origin `suggested`: it is shown with its reason,
but counts for no status. A person accepts it (origin `accepted`, optionally
with another stance; it then counts like a manual link) or rejects it (a
rejection, which linking never overrides). Both decisions are link events,
so they stay in the history, keep the linker's reason and confidence and the
person's note, and survive relinking and re-ingest.

A suggestion's id is derived from its claim pair (`suggestion_id`): the same
pair always has the same id, before and after relinking, and a person may type
any unique prefix of it, as with claim ids.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, Literal

import sqlalchemy as sa

from claims import schema
from claims.claim_store import hydrate
from claims.errors import AmbiguousId, InvalidInput, UnknownId
from claims.ids import stable_id
from claims.link_store import LinkRequest, reject_link, write_links
from claims.models import LINK_STANCES, Claim, Link, Model, Stance, link_confidence
from claims.rows import chunks, parse_dt, to_link
from claims.status_store import refresh
from claims.text import visible

ReviewOrder = Literal["newest", "confidence"]
REVIEW_ORDERS: tuple[str, ...] = ("newest", "confidence")


class Suggestion(Model):
    """A pending suggestion as `claimtrack review list` shows it: both claims, the stance and why."""

    id: str
    stance: Stance
    confidence: float | None = None
    reason: str | None = None  # the linker's sentence; the whole reason (features) is in `detail`
    detail: dict[str, Any] | None = None
    suggested_at: dt.datetime | None = None
    from_claim: Claim  # the later claim, which supports or contradicts
    to_claim: Claim  # the earlier claim, whose status an acceptance can change


def suggestion_id(from_id: str, to_id: str) -> str:
    """The short id people type for the suggestion between two claims (stable: a hash of the pair)."""
    return stable_id("r", from_id, to_id)


def _reviewable(conn: sa.Connection) -> list[Link]:
    """Every pair a suggestion id can name: pending suggestions and the decided ones (for clear errors)."""
    lk = schema.links
    cond = sa.or_(lk.c.origin.in_(("suggested", "accepted")), lk.c.rejected == 1)
    return [to_link(r) for r in conn.execute(sa.select(lk).where(cond)).mappings()]


def find(prefix: str, *, conn: sa.Connection) -> Link:
    """The current link of the pair a suggestion id (or unique prefix) names, decided or not."""
    wanted = prefix.strip().lower()
    if not wanted:
        raise UnknownId("no suggestion id given")
    found = [link for link in _reviewable(conn) if suggestion_id(link.from_id, link.to_id).startswith(wanted)]
    if not found:
        raise UnknownId(f"unknown suggestion id {prefix!r}: `claimtrack review list` shows the pending ones")
    if len(found) > 1:
        raise AmbiguousId(f"ambiguous suggestion id prefix {prefix!r}: type more characters")
    return found[0]


def pending(prefix: str, *, conn: sa.Connection) -> Link:
    """The pending suggestion an id names; a decided one is refused with who decided it."""
    link = find(prefix, conn=conn)
    sid = suggestion_id(link.from_id, link.to_id)
    if link.rejected or link.origin != "suggested":
        what = "rejected" if link.rejected else "accepted"
        by = f" by {link.by}" if link.by else ""
        raise InvalidInput(f"suggestion {sid} was already {what}{by}")
    return link


def suggestions(
    *, order: str = "newest", limit: int | None = None, conn: sa.Connection
) -> list[Suggestion]:
    """The pending suggestions, newest first (or most confident first), with both claims."""
    if order not in REVIEW_ORDERS:
        raise InvalidInput(f"unknown order {order!r}: use one of {', '.join(REVIEW_ORDERS)}")
    lk, t = schema.links, schema.claims
    query = (
        sa.select(lk.c.from_id, lk.c.to_id, lk.c.stance, lk.c.reason, lk.c.at, t.c.date_start, t.c.created_at)
        .join(t, t.c.id == lk.c.from_id)
        .where(lk.c.origin == "suggested", lk.c.rejected == 0)
    )
    found = list(conn.execute(query))
    # Newest first: the latest suggested (timestamps are to the second), then the latest statement
    # (the later claim's date, then when it was stored); the pair breaks the remaining ties.
    found.sort(key=lambda r: (r.at or "", r.date_start or "", r.created_at or "", r.from_id, r.to_id), reverse=True)
    rows = [(r.from_id, r.to_id, r.stance, json.loads(r.reason) if r.reason else None, r.at) for r in found]
    if order == "confidence":
        rows.sort(key=lambda r: -(link_confidence(r[3]) or 0.0))  # stable: newest first among equals
    if limit is not None:
        rows = rows[:limit]
    ids = list(dict.fromkeys(i for r in rows for i in r[:2]))
    claims: dict[str, Claim] = {}
    for chunk in chunks(ids):
        claims.update((c.id or "", c) for c in hydrate(list(chunk), conn=conn))
    out: list[Suggestion] = []
    for from_id, to_id, stance, reason, at in rows:
        if from_id in claims and to_id in claims:
            text = (reason or {}).get("text")
            out.append(
                Suggestion(
                    id=suggestion_id(from_id, to_id),
                    stance=stance,
                    confidence=link_confidence(reason),
                    reason=text if isinstance(text, str) else None,
                    detail=reason,
                    suggested_at=parse_dt(at),
                    from_claim=claims[from_id],
                    to_claim=claims[to_id],
                )
            )
    return out


def _person(by: str | None) -> str:
    if by is None or not visible(by):
        raise InvalidInput("say who decides: --by NAME (no visible characters given)")
    return by.strip()


def accept(
    prefix: str, *, by: str | None, note: str | None = None, stance: str | None = None, conn: sa.Connection
) -> Link:
    """Accept a pending suggestion (optionally with another stance): it counts for status from now on."""
    who = _person(by)
    if stance is not None and stance not in LINK_STANCES:
        raise InvalidInput(f"unknown stance {stance!r}: use one of {', '.join(LINK_STANCES)}")
    link = pending(prefix, conn=conn)
    request = LinkRequest(link.from_id, link.to_id, stance or link.stance or "", reason=link.reason, note=note)
    written = write_links([request], origin="accepted", by=who, conn=conn)[0]
    assert written is not None  # only machine links are ever refused
    return written


def reject(prefix: str, *, by: str | None, note: str | None = None, conn: sa.Connection) -> Link:
    """Reject a pending suggestion: it is never suggested again, and the note is kept."""
    who = _person(by)
    link = pending(prefix, conn=conn)
    return reject_link(link.from_id, link.to_id, by=who, note=note, conn=conn)


def mark_unsure_auto_links(conn: sa.Connection) -> None:
    """Migration 0005: links stored as origin "auto" with reason["auto"] false become suggestions.

    Ledgers linked before the review queue stored the linker's unsure links as
    automatic links that counted for status; from now on they wait for a person.
    The link events stay as written (history is append-only); the claims they
    pointed at get their statuses derived again.
    """
    lk = schema.links
    query = sa.select(lk.c.from_id, lk.c.to_id, lk.c.reason).where(
        lk.c.origin == "auto", lk.c.rejected == 0, lk.c.reason.like('%"auto": false%')
    )
    unsure: list[tuple[str, str]] = []
    for from_id, to_id, reason in conn.execute(query):
        if json.loads(reason).get("auto") is False:
            unsure.append((from_id, to_id))
    _set_origin(unsure, "suggested", conn)
    refresh({to_id for _, to_id in unsure}, conn=conn)


def _set_origin(pairs: Sequence[tuple[str, str]], origin: str, conn: sa.Connection) -> None:
    if pairs:
        lk = schema.links
        pair = sa.and_(lk.c.from_id == sa.bindparam("b_from"), lk.c.to_id == sa.bindparam("b_to"))
        conn.execute(
            sa.update(lk).where(pair).values(origin=origin), [{"b_from": f, "b_to": t} for f, t in pairs]
        )
