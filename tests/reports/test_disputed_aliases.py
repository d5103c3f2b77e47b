"""The disputed report tells speakers apart as the statuses do: a claimant's aliases are one person."""

from __future__ import annotations

from claims.ledger import Ledger
from claims.models import Claim
from reports.disputed import build_disputed_report


def _claim(ledger: Ledger, text: str, claimant: str) -> str:
    return ledger.add_claim(Claim(text=text, claimant=claimant, entities=["harbour"])).id


def test_rated_claim_contradicted_only_by_its_author_was_never_disputed(ledger: Ledger) -> None:
    said = _claim(ledger, "The harbour reopens in May", "Ines Varga")
    denial = _claim(ledger, "The harbour stays shut in May", "Mayor Ines Varga")
    ledger.link(denial, said, "contradicts", by="ed")
    ledger.rate(said, "false", by="ed")
    assert [t.id for t in build_disputed_report(ledger, include_rated=True).claims] == [said]
    ledger.alias_claimant("Ines Varga", "Mayor Ines Varga", by="ed")
    assert build_disputed_report(ledger, include_rated=True).claims == []
    critic = _claim(ledger, "The harbour cannot reopen before autumn", "Tomas Ruud")
    ledger.link(critic, said, "contradicts", by="ed")
    report = build_disputed_report(ledger, include_rated=True)
    assert [t.id for t in report.claims] == [said]
    assert {e.id for e in report.claims[0].evidence} == {denial, critic}


def test_alias_takes_a_claim_out_of_the_report(ledger: Ledger) -> None:
    said = _claim(ledger, "The harbour reopens in May", "Ines Varga")
    ledger.link(_claim(ledger, "The harbour stays shut", "Madam Mayor"), said, "contradicts", by="ed")
    assert [t.id for t in build_disputed_report(ledger).claims] == [said]
    ledger.alias_claimant("Ines Varga", "Madam Mayor", by="ed")
    report = build_disputed_report(ledger)
    assert report.claims == [] and report.overview.held_back == 0
