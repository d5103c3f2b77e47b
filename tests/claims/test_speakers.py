"""Claimant aliases and statuses: one person under two names is one speaker, on both backends.

A claim corroborated or disputed only by its own author under another name is
not independently supported; aliasing the names derives such statuses again,
and links written after the alias are judged with it.
"""

from __future__ import annotations

from claims.ledger import Ledger
from claims.models import Claim


def _claim(ledger: Ledger, text: str, claimant: str) -> str:
    return ledger.add_claim(Claim(text=text, claimant=claimant, entities=["taxes"])).id


def test_alias_takes_back_self_corroboration(ledger: Ledger) -> None:
    said = _claim(ledger, "Taxes will fall next year", "Bill Clinton")
    again = _claim(ledger, "Taxes did fall", "William J. Clinton")
    ledger.link(again, said, "supports", by="ed")
    assert ledger.get_claim(said).status == "corroborated"  # two names, not yet known to be one person
    ledger.alias_claimant("Bill Clinton", "William J. Clinton", by="ed")
    assert ledger.get_claim(said).status == "unverified"
    other = _claim(ledger, "Taxes fell for most families", "Ines Varga")
    ledger.link(other, said, "supports", by="ed")
    assert ledger.get_claim(said).status == "corroborated"


def test_links_after_an_alias_are_judged_with_it(ledger: Ledger) -> None:
    """Both ways a link changes a status (automatic links escalate, manual ones re-derive) know the alias."""
    said = _claim(ledger, "Taxes will fall next year", "Bill Clinton")
    ledger.alias_claimant("Bill Clinton", "President Clinton", by="ed", kind="merge")
    denial = _claim(ledger, "Taxes will not fall", "President Clinton")
    ledger.link_many([(denial, said, "contradicts", None)])
    assert ledger.get_claim(said).status == "unverified"
    ledger.link(denial, said, "contradicts", by="ed")
    assert ledger.get_claim(said).status == "unverified"
    critic = _claim(ledger, "Taxes will rise", "Tomas Ruud")
    ledger.link_many([(critic, said, "contradicts", None)])
    assert ledger.get_claim(said).status == "disputed"
    assert ledger.persons(["the president clinton", "Tomas Ruud", None]) == {"president clinton": "bill clinton"}


def test_aliasing_the_canonical_name_elsewhere_keeps_one_speaker(ledger: Ledger) -> None:
    """A person merged into another (their aliases along) is one speaker with all those names."""
    said = _claim(ledger, "Taxes will fall next year", "W. J. Clinton")
    ledger.alias_claimant("W. J. Clinton", "President Clinton", by="ed")
    denial = _claim(ledger, "Taxes will not fall", "Bill Clinton")
    ledger.link(denial, said, "contradicts", by="ed")
    assert ledger.get_claim(said).status == "disputed"
    ledger.alias_claimant("Bill Clinton", "President Clinton", by="ed", kind="merge")  # the whole person moves
    assert ledger.get_claim(said).status == "unverified"
