"""Curation in the ledger: retraction hides a claim from evidence and statuses, aliases stay flat, edits re-index."""

from __future__ import annotations

from claims.ledger import Ledger
from claims.models import Claim, ClaimFilter


def _two(ledger: Ledger) -> tuple[str, str]:
    a, b = ledger.add_claims(
        [
            Claim(text="The tunnel will open in June", claimant="Mayor Ines Varga", entities=["tunnel"]),
            Claim(text="The tunnel will not open this year", claimant="Tomas Ruud", entities=["tunnel"]),
        ]
    )
    ledger.link(b.id, a.id, "contradicts", by="ed")
    return a.id, b.id


def test_retraction_hides_evidence_statuses_and_candidates(ledger: Ledger) -> None:
    a, b = _two(ledger)
    first = ledger.get_claim(a)
    assert first.status == "disputed" and [e.claim.id for e in ledger.evidence_for(first)] == [b]
    ledger.retract(b, by="ed", reason="noise")
    first = ledger.get_claim(a)
    assert first.status == "unverified" and ledger.evidence_for(first) == [] and first.links == []
    assert [c.id for c in ledger.claims()] == [a]
    assert {c.id for c in ledger.claims(ClaimFilter(include_retracted=True))} == {a, b}
    assert b not in ledger.load_claims([a, b])  # linking never loads it
    ledger.restore(b, by="ed")
    assert ledger.get_claim(a).status == "disputed"
    kinds = [e.kind for e in ledger.history(b)]
    assert kinds.index("retracted") < kinds.index("restored")


def test_update_claim_keeps_old_values_and_reindexes(ledger: Ledger) -> None:
    a, _ = _two(ledger)
    current = ledger.stored_claim(a)
    event = ledger.update_claim(a, current.model_copy(update={"text": "The ferry will open in June"}), by="ed")
    assert event is not None and event.detail["changes"]["text"]["old"] == "The tunnel will open in June"
    assert [c.id for c, _ in ledger.search("ferry")] == [a]
    assert ledger.search("tunnel june") == []
    assert ledger.update_claim(a, ledger.stored_claim(a), by="ed") is None  # nothing changed, nothing recorded


def test_aliases_stay_flat(ledger: Ledger) -> None:
    ledger.add_claims([Claim(text="Taxes will fall", claimant="Bill Clinton"),
                       Claim(text="Taxes fell", claimant="William J. Clinton")])
    ledger.alias_claimant("William J. Clinton", "President Clinton", by="ed")
    ledger.alias_claimant("Bill Clinton", "William J. Clinton", by="ed", kind="merge")
    person, claims = ledger.claimant("president clinton")
    assert person.name == "Bill Clinton" and len(claims) == 2
    assert set(person.aliases) == {"William J. Clinton", "President Clinton"}
    people = ledger.claimants()
    assert [(p.name, p.claims) for p in people] == [("Bill Clinton", 2)]
