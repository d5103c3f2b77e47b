"""Issue 14 round 3: negation scope, frames of frames and name variants, on sentences of our own."""

from __future__ import annotations

import pytest

from claims.index.terms import acronym_term, claim_terms_of
from claims.models import Claim
from pipeline.linking import proposition as props
from pipeline.linking.stance import _same_entity


@pytest.mark.parametrize(
    "text",
    [
        "The mayor adopted a stray dog so it would not go to the shelter",
        "Ferrow bought Lintel, that messaging app nobody uses",
        "The council fined the bakery for not cleaning its ovens",
        "The ranger filmed the bears without their knowledge",
        "The union says the strike is not a hoax",
    ],
)
def test_negations_outside_the_claims_own_scope_do_not_negate_it(text: str) -> None:
    assert not props.build(text).false_side


@pytest.mark.parametrize(
    "text",
    [
        "The bridge did not open in May",
        "Officials say the photo of the flooded square was made up",
        "Harbour staff shoot down claims that the ferry sank",
    ],
)
def test_negations_and_debunks_of_the_claim_itself_still_count(text: str) -> None:
    assert props.build(text).false_side


def test_shooting_down_an_aircraft_is_no_debunk() -> None:
    assert not props.build("The navy shot down two drones over the bay").debunk


def test_a_denied_debunk_affirms() -> None:
    p = props.build("The clinic denies hoax claims about the new scanner")
    assert not p.debunk and not p.deny and not p.negated


def test_an_alternative_question_holds_the_claim_neither_way() -> None:
    p = props.build("Giant eel in the canal: real or hoax?")
    assert p.double_hedge and not p.false_side


def test_a_bare_denial_cue_is_governed_by_another_verb() -> None:
    """"refused to confirm or deny that P" is stored as P with the cue "deny": neither way, unlike "denied"."""
    hedged = props.build("The board had agreed terms with Ferrow", polarity="negated", cue="deny")
    denied = props.build("The board had agreed terms with Ferrow", polarity="negated", cue="denied")
    assert hedged.double_hedge and not hedged.false_side
    assert denied.false_side


def test_acronyms_meet_the_names_they_abbreviate() -> None:
    assert _same_entity("hp", "hewlett-packard")
    assert _same_entity("nato", "north atlantic treaty organization")
    assert not _same_entity("hp", "harbour authority board")
    assert acronym_term("hewlett_packard") == acronym_term("hp") == "acr_hp"
    assert acronym_term("lintel") is None
    _, terms = claim_terms_of(Claim(text="x", entities=["hewlett-packard"]))
    assert "acr_hp" in terms


def test_country_short_forms_fold_into_the_country() -> None:
    from pipeline.nlp.entities import entity_key

    assert entity_key("US", "GPE") == entity_key("the United States", "GPE") == entity_key("America", "GPE")
    assert entity_key("UK", "GPE") == entity_key("Britain", "GPE")
    assert entity_key("us", "GPE") != entity_key("US", "GPE")  # the pronoun is no country
