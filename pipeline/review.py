"""The review queue as a library: what `claimtrack review` and a notebook call.

The linker stores a link it is not sure enough of (calibrated confidence below
the auto threshold) as a *suggestion*: shown with its reason, counting for no
status. A person lists the pending suggestions, then accepts one (it counts for
status from then on, optionally with another stance) or rejects it (the pair is
never suggested again). Each decision is a link event that keeps the linker's
reason and confidence, the person's name and note; relinking and re-ingest
leave it alone. A suggestion's id is a hash of its claim pair (`r` and ten hex
digits, see `claims.review_store.suggestion_id`): stable across relinks, and
any unique prefix may be typed.

    from pipeline.review import list_suggestions, accept, reject
    for s in list_suggestions(ledger, limit=10):
        print(s.id, s.stance, s.confidence, s.reason)
    accept(ledger, "r3f2a", by="Ana", note="same vote, two outlets")
"""

from __future__ import annotations

from typing import Literal

from claims.ledger import Ledger
from claims.models import Link, Model, Status
from claims.review_store import REVIEW_ORDERS, Suggestion, suggestion_id

__all__ = ["REVIEW_ORDERS", "Decision", "Suggestion", "accept", "list_suggestions", "reject"]


class Decision(Model):
    """A person's decision on a suggestion, and the status it left the earlier claim in."""

    id: str
    decision: Literal["accepted", "rejected"]
    link: Link
    status: Status  # of the claim the link points to (`link.to_id`): the one a decision can change


def list_suggestions(ledger: Ledger, *, order: str = "newest", limit: int | None = None) -> list[Suggestion]:
    """The pending suggestions, newest first (`order="confidence"`: most confident first)."""
    return ledger.suggestions(order=order, limit=limit)


def accept(
    ledger: Ledger, suggestion: str, *, by: str, note: str | None = None, stance: str | None = None
) -> Decision:
    """Accept a pending suggestion, optionally as another stance; statuses follow in the same transaction."""
    with ledger.transaction() as conn:
        link = ledger.accept_suggestion(suggestion, by=by, note=note, stance=stance, conn=conn)
        status = ledger.get_claim(link.to_id, conn=conn).status
    return Decision(id=suggestion_id(link.from_id, link.to_id), decision="accepted", link=link, status=status)


def reject(ledger: Ledger, suggestion: str, *, by: str, note: str | None = None) -> Decision:
    """Reject a pending suggestion (the note is kept); linking never proposes the pair again."""
    with ledger.transaction() as conn:
        link = ledger.reject_suggestion(suggestion, by=by, note=note, conn=conn)
        status = ledger.get_claim(link.to_id, conn=conn).status
    return Decision(id=suggestion_id(link.from_id, link.to_id), decision="rejected", link=link, status=status)
