"""A claim's history: claim events, link events and verdicts read back as one timeline."""

from __future__ import annotations

import datetime as dt

from claims.ledger import Ledger
from claims.models import Claim, Evidence, review_state


def test_history_merges_events_links_and_verdicts(ledger: Ledger) -> None:
    a = ledger.add_claim(Claim(text="The bridge will close in May.", claimant="A. Mayor"))
    b = ledger.add_claim(Claim(text="The bridge will not close in May.", claimant="B. Engineer"))
    start = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    ledger.record_event(a.id, "edited", by="ana", detail={"claimant": ["A. Mayor", "Ann Mayor"]})
    ledger.link(b.id, a.id, "contradicts", by="ana")
    ledger.rate(a.id, "false", by="ben")

    kinds = [e.kind for e in ledger.history(a.id)]
    assert kinds == ["edited", "linked", "rated"]
    assert ledger.history(a.id)[0].detail == {"claimant": ["A. Mayor", "Ann Mayor"]}
    assert [e.kind for e in ledger.history(b.id)] == ["linked"]
    assert ledger.histories([a.id, b.id])[b.id][0].by == "ana"

    changed = ledger.changed_since(start)
    assert set(changed) == {a.id, b.id}
    assert ledger.changed_since(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)) == {}


def test_review_state_reads_old_unsure_auto_links_as_suggestions() -> None:
    claim = Claim(text="x")
    assert review_state("auto", {"auto": False, "confidence": 0.6}) == "suggested"
    assert review_state("auto", {"auto": True}) == "automatic"
    assert review_state("suggested", None) == "suggested"
    assert review_state("accepted", None) == "accepted"
    ev = Evidence(claim=claim, stance="supports", origin="auto", direction="to", reason={"confidence": 0.93})
    assert ev.review_state == "automatic" and ev.confidence == 0.93
