"""The review queue in the ledger, on both backends: suggestions count for nothing until a person accepts them."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from claims import review_store, schema, status_store
from claims.errors import AmbiguousId, InvalidInput, UnknownId
from claims.ledger import Ledger, LinkRequest
from claims.models import Claim
from claims.review_store import suggestion_id


def _claims(ledger: Ledger, n: int = 3) -> list[str]:
    stored = ledger.add_claims(
        [Claim(text=f"The pier {i} reopened in spring", claimant=f"Speaker {i}") for i in range(n)]
    )
    return [c.id or "" for c in stored]


def _reason(confidence: float, auto: bool = False) -> dict[str, Any]:
    return {"text": "Speaker said so: the same proposition", "confidence": confidence, "auto": auto}


def _suggest(ledger: Ledger, from_id: str, to_id: str, stance: str = "contradicts", confidence: float = 0.7) -> None:
    request = LinkRequest(from_id, to_id, stance, _reason(confidence), origin="suggested")
    (written,) = ledger.link_many([request])
    assert written is not None and written.origin == "suggested"


def test_a_suggestion_is_listed_but_counts_for_no_status(ledger: Ledger) -> None:
    a, b, _ = _claims(ledger)
    _suggest(ledger, b, a)
    assert ledger.get_claim(a).status == "unverified"
    (s,) = ledger.suggestions()
    assert s.id == suggestion_id(b, a) and len(s.id) == 11 and s.id.startswith("r")
    assert (s.from_claim.id, s.to_claim.id, s.stance, s.confidence) == (b, a, "contradicts", 0.7)
    assert s.reason == "Speaker said so: the same proposition"
    # Evidence still lists it, with its review state, for consumers to filter.
    (ev,) = ledger.evidence_for(ledger.get_claim(a))
    assert ev.review_state == "suggested"


def test_accepting_counts_keeps_reason_and_note_and_is_history(ledger: Ledger) -> None:
    a, b, _ = _claims(ledger)
    _suggest(ledger, b, a)
    sid = suggestion_id(b, a)
    link = ledger.accept_suggestion(sid[:6], by="Maria", note="two outlets agree")
    assert (link.origin, link.stance, link.by, link.note) == ("accepted", "contradicts", "Maria", "two outlets agree")
    assert link.reason == _reason(0.7) and link.confidence == 0.7
    assert ledger.get_claim(a).status == "disputed"
    assert ledger.suggestions() == []
    kinds = [e.kind for e in ledger.history(a)]
    assert kinds == ["linked", "link-accepted"]
    with pytest.raises(InvalidInput, match="already accepted by Maria"):
        ledger.accept_suggestion(sid, by="Ola")
    with pytest.raises(InvalidInput, match="already accepted"):
        ledger.reject_suggestion(sid, by="Ola")


def test_accepting_as_the_other_stance(ledger: Ledger) -> None:
    a, b, _ = _claims(ledger)
    _suggest(ledger, b, a, "contradicts")
    link = ledger.accept_suggestion(suggestion_id(b, a), by="Maria", stance="supports")
    assert link.stance == "supports" and ledger.get_claim(a).status == "corroborated"


def test_rejecting_keeps_the_note_and_the_linker_stays_off(ledger: Ledger) -> None:
    a, b, _ = _claims(ledger)
    _suggest(ledger, b, a)
    sid = suggestion_id(b, a)
    rejection = ledger.reject_suggestion(sid, by="Maria", note="another pier")
    assert rejection.rejected and rejection.note == "another pier" and rejection.by == "Maria"
    assert ledger.get_claim(a).status == "unverified" and ledger.suggestions() == []
    entry = [e for e in ledger.history(a) if e.kind == "link-rejected"]
    assert entry and entry[0].detail["note"] == "another pier"
    # Neither an automatic link nor a suggestion is written over a rejection, either way round.
    assert ledger.link_many([LinkRequest(b, a, "contradicts", _reason(0.95, True), origin="auto")]) == [None]
    assert ledger.link_many([LinkRequest(a, b, "supports", _reason(0.6), origin="suggested")]) == [None]
    with pytest.raises(InvalidInput, match="already rejected by Maria"):
        ledger.accept_suggestion(sid, by="Ola")


def test_bad_ids_and_missing_names_are_refused(ledger: Ledger) -> None:
    a, b, c = _claims(ledger)
    _suggest(ledger, b, a)
    _suggest(ledger, c, a)
    with pytest.raises(UnknownId, match="unknown suggestion id"):
        ledger.accept_suggestion("rzzzz", by="Maria")
    with pytest.raises(UnknownId):
        ledger.reject_suggestion("  ", by="Maria")
    with pytest.raises(AmbiguousId):
        ledger.accept_suggestion("r", by="Maria")
    with pytest.raises(InvalidInput, match="--by"):
        ledger.accept_suggestion(suggestion_id(b, a), by=" ")
    with pytest.raises(InvalidInput, match="unknown stance"):
        ledger.accept_suggestion(suggestion_id(b, a), by="Maria", stance="related")
    assert len(ledger.suggestions()) == 2  # nothing was written


def test_an_accepted_link_is_never_replaced_by_the_linker(ledger: Ledger) -> None:
    a, b, _ = _claims(ledger)
    _suggest(ledger, b, a)
    ledger.accept_suggestion(suggestion_id(b, a), by="Maria")
    assert ledger.link_many([LinkRequest(b, a, "supports", _reason(0.99, True), origin="auto")]) == [None]
    changes = ledger.sync_auto_links({})
    assert changes.removed == [] and ledger.current_link(b, a).origin == "accepted"  # type: ignore[union-attr]


def test_sync_withdraws_a_stale_suggestion_with_an_event(ledger: Ledger) -> None:
    a, b, c = _claims(ledger)
    _suggest(ledger, b, a)
    _suggest(ledger, c, a, "supports", 0.6)
    keep = LinkRequest(c, a, "supports", _reason(0.6), origin="suggested")
    changes = ledger.sync_auto_links({(c, a): keep})
    assert changes.removed == [(b, a)] and changes.unchanged == 1
    assert ledger.current_link(b, a) is None
    removed = [e for e in ledger.history(b) if e.kind == "link-removed"]
    assert [(e.detail["stance"], e.detail["origin"]) for e in removed] == [("contradicts", "suggested")]
    assert [d.removed for d in ledger.claim_detail(b).link_history] == [False, True]
    # A suggestion that became sure enough is replaced by an automatic link, which counts.
    sure = LinkRequest(c, a, "supports", _reason(0.95, True), origin="auto")
    assert ledger.sync_auto_links({(c, a): sure}).changed == [(c, a)]
    assert ledger.get_claim(a).status == "corroborated"


def test_order_newest_or_most_confident(ledger: Ledger) -> None:
    """Suggested in the same second: the later statement comes first."""
    a, b, c = (
        c.id or ""
        for c in ledger.add_claims(
            [Claim(text=f"The pier {i} reopened", claimant=f"S{i}", claim_date=f"2024-0{i + 1}") for i in range(3)]
        )
    )
    _suggest(ledger, b, a, confidence=0.8)
    _suggest(ledger, c, a, confidence=0.6)
    assert [s.from_claim.id for s in ledger.suggestions()] == [c, b]
    assert [s.from_claim.id for s in ledger.suggestions(order="confidence")] == [b, c]
    assert [s.from_claim.id for s in ledger.suggestions(order="confidence", limit=1)] == [b]
    with pytest.raises(InvalidInput, match="unknown order"):
        ledger.suggestions(order="oldest")


def test_migration_turns_old_unsure_auto_links_into_suggestions(db_url: str) -> None:
    """Ledgers from before the review queue stored unsure links as "auto" with reason.auto false; they counted."""
    old = Ledger.open(db_url)
    a, b, c = _claims(old)
    old.link(b, a, "contradicts", origin="auto", reason=_reason(0.7, auto=False))
    old.link(c, a, "supports", origin="auto", reason=_reason(0.95, auto=True))
    with old.transaction() as conn:  # as a ledger from before 0005 held them: the unsure link stored as "auto"
        conn.execute(sa.update(schema.links).where(schema.links.c.origin == "suggested").values(origin="auto"))
        status_store.refresh([a], conn=conn)
    assert old.get_claim(a).status == "disputed"  # the old rule: every auto link counted
    with old.transaction() as conn:
        review_store.mark_unsure_auto_links(conn)  # migration 0005's data step
    assert old.current_link(b, a).origin == "suggested"  # type: ignore[union-attr]
    assert old.current_link(c, a).origin == "auto"  # type: ignore[union-attr]
    assert old.get_claim(a).status == "corroborated"
    assert [s.id for s in old.suggestions()] == [suggestion_id(b, a)]
    with old.read() as conn:
        columns = {col["name"] for col in sa.inspect(conn).get_columns(schema.link_events.name)}
    assert "removed" in columns
    old.close()
