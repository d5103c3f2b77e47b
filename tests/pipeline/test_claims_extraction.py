"""Claim extraction on our own short articles: speech, denials, organisations, quotes, author assertions."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.models import Claim
from tests.pipeline.claims_helpers import OUTLET, article_claims, by_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def claims(claims_nlp: Language) -> dict[str, list[Claim]]:
    return article_claims(claims_nlp)


def test_reported_speech_names_the_full_claimant_and_role(claims: dict[str, list[Claim]]) -> None:
    signed = by_text(claims["speech"], "signed a contract for four electric ferries")
    assert signed.claimant == "Tomas Arrieta Vidal"
    assert signed.claimant_role == "Chilean transport minister"
    assert signed.text.startswith("The government had signed")  # the frame "told parliament that" is cut
    assert signed.quote == "reported"
    later = by_text(claims["speech"], "first vessel would be delivered")
    assert later.claimant == "Tomas Arrieta Vidal"  # a surname resolves to the fullest name
    assert [str(d) for d in later.event_dates] == ["2026-03"]


def test_pronouns_and_quotes_after_the_cue(claims: dict[str, list[Claim]]) -> None:
    price = by_text(claims["speech"], "twice the market rate")
    assert price.claimant == "Maren Dahlvik"  # "She told the local newspaper"
    quoted = by_text(claims["speech"], "We have seen no documents")
    assert (quoted.claimant, quoted.quote, quoted.polarity) == ("Maren Dahlvik", "direct", "negated")


def test_denials_and_negations_are_negated(claims: dict[str, list[Claim]]) -> None:
    denied = by_text(claims["denials"], "planned to close the terminal")
    assert (denied.claimant, denied.polarity, denied.cue) == ("Kestrel Ports", "negated", "denied")
    assert denied.text == "Kestrel Ports planned to close the terminal"  # "it" named so the claim reads alone
    talks = by_text(claims["denials"], "open talks on job cuts")
    assert (talks.claimant, talks.polarity) == ("Kestrel Ports", "negated")  # "the company said"
    assert by_text(claims["denials"], "No decision on the northern terminal").polarity == "negated"
    assert by_text(claims["denials"], "sold the land").polarity == "negated"  # "rejected the claim that"
    assert by_text(claims["denials"], "northern terminal would close").polarity == "affirmed"


def test_organisation_statements_and_according_to(claims: dict[str, list[Claim]]) -> None:
    ministry = by_text(claims["organisations"], "did not buy drones")
    assert ministry.claimant == "Norwegian Ministry of Defence"  # "issued a statement in which it said"
    assert ministry.text.startswith("The armed forces")  # nested "according to the available data" folded out
    assert ministry.polarity == "negated"
    worth = by_text(claims["organisations"], "40 million euros")
    assert worth.claimant == "procurement agency"
    approved = by_text(claims["organisations"], "approved by the cabinet")
    assert approved.claimant == "procurement agency"  # "The agency said" → the fuller earlier mention
    assert "halvorsen aero" in by_text(claims["organisations"], "did not buy drones").entities
    assert "poland" in by_text(claims["organisations"], "twelve drones").entities  # "Polish" → Poland


def test_a_quote_after_a_colon_runs_over_paragraphs(claims: dict[str, list[Claim]]) -> None:
    quoted = [c for c in claims["quotes"] if c.claimant == "Jan Wierzbowski" and c.quote == "direct"]
    texts = [c.text for c in quoted]
    assert "Norway sent six patrol boats to Latvia in 2025." in texts
    assert any(t.startswith("We will discuss the matter") for t in texts)  # second paragraph of the quote
    assert not any(t.startswith("Yes") for t in texts)  # too short to check
    assert all(c.claimant_role == "Polish deputy foreign minister" for c in quoted)
    assert by_text(claims["quotes"], "cooperation between our navies").claimant == "Jan Wierzbowski"


def test_nested_according_to_a_people(claims: dict[str, list[Claim]]) -> None:
    offer = by_text(claims["quotes"], "offered to train forty naval officers")
    assert offer.claimant == "Latvia"
    assert offer.text.startswith("The Norwegian side offered")
    assert {"norway"} <= set(offer.entities)


def test_author_assertions_are_kept_and_opinion_is_not(claims: dict[str, list[Claim]]) -> None:
    texts = [c.text for c in claims["author"]]
    delivered = by_text(claims["author"], "delivered nine patrol vessels")
    assert (delivered.claimant, delivered.quote) == (OUTLET, "none")
    frigates = by_text(claims["author"], "two Norwegian frigates")
    assert "end 2023" in [str(d) for d in frigates.event_dates]
    assert str(frigates.claim_date) == "2025-06-12"  # the claim date is not the event date
    assert not any("should tread carefully" in t for t in texts)
    assert not any(t.endswith("?") for t in texts)
    assert not any(t == "Shipbuilding is a difficult business." for t in texts)
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in claims["author"])


def test_comment_children_speak_for_their_own_outlet(claims: dict[str, list[Claim]]) -> None:
    parent = claims["pingback"]
    assert by_text(parent, "We will not pay the penalty fees").claimant == "Paula Reyes"
    assert by_text(parent, "delay had cost the port").claimant == "port authority of Antofagasta"
    for key, outlet in (("pingback-child0", "Coastal Ledger"), ("pingback-child1", "Pacific Freight Weekly")):
        assert claims[key], f"no claim from {key}"
        assert {c.claimant for c in claims[key]} == {outlet}
    everything = [c for cs in claims.values() for c in cs]
    assert not any(c.claimant == "Lena Vikstrom" for c in everything)  # the parent's author says nothing


def test_ids_are_stable_and_tied_to_the_source(claims_nlp: Language, claims: dict[str, list[Claim]]) -> None:
    again = article_claims(claims_nlp)
    assert [c.id for c in again["speech"]] == [c.id for c in claims["speech"]]
    ids = [c.id for cs in claims.values() for c in cs]
    assert len(ids) == len(set(ids))
    assert all(c.id.startswith("c") and len(c.id) == 11 for c in claims["speech"])
