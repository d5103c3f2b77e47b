"""The common-name gate: a pair tied only by one of the ledger's most frequent names is not linked (issue 14).

Hand-written sentences with fictional people and places; "the United States" stands for the very common
country name that ten real news articles shared between unrelated claims.
"""

from __future__ import annotations

import pytest

from claims.ledger import Ledger
from claims.models import Claim
from pipeline.linking import judge, stance
from pipeline.linking.link import link_new_claims

US = frozenset({"united_states"})


def c(text: str, who: str, ents: list[str], lemmas: list[str], **kw: object) -> Claim:
    return Claim(text=text, claimant=who, entities=ents, lemmas=lemmas, **kw)


def test_common_terms_take_a_share_of_the_ledger_with_a_floor() -> None:
    df = {"united_states": 40, "kestria": 4, "brask": 12}
    assert judge.common_terms(df, 348) == frozenset({"united_states"})  # 5% of 348 -> 18
    assert judge.common_terms(df, 100) == frozenset({"united_states", "brask"})  # the floor: 10
    assert judge.common_terms(df, 1000) == frozenset()  # 50
    assert judge.common_terms({"x": 1001}, 10**7) == frozenset({"x"})  # past retrieval's count cap: "common"


def test_distractors_sharing_only_a_country_are_not_linked() -> None:
    """A forceful contradicts/supports reading of two unrelated claims is dropped when the only tie is common."""
    earlier = c(
        "The United States was in breach of the fishing agreement",
        "Tribunal",
        ["united states"],
        ["united", "states", "breach", "fishing", "agreement"],
    )
    later = c(
        "Mara Quell is not fit to be president of the United States",
        "Oren Vale",
        ["mara quell", "united states"],
        ["mara", "quell", "fit", "president", "united", "states"],
    )
    f = judge.features_for(later, earlier)
    assert not judge.same_proposition(f)
    probs = {"none": 0.2, "supports": 0.1, "contradicts": 0.65, "observing": 0.05}
    assert judge.decide_pair(later, earlier, probs, f, {})[0] == "contradicts"  # the model alone would link
    assert judge.decide_pair(later, earlier, probs, f, {}, US) == ("none", 0.2)
    probs = {"none": 0.2, "supports": 0.7, "contradicts": 0.05, "observing": 0.05}
    assert judge.decide_pair(later, earlier, probs, f, {}, US)[0] == "none"  # supports too
    assert judge.only_common(later, earlier, US)
    assert stance.score(later, earlier, common=US) is None


def test_a_denial_sharing_a_rare_name_still_contradicts() -> None:
    earlier = c(
        "Vellmark Motors bought forty buses from Brask in the United States",
        "Ilse Dorn",
        ["vellmark motors", "brask", "united states"],
        ["vellmark", "motors", "buy", "forty", "bus", "brask", "united", "states"],
        cue="said",
    )
    later = c(
        "Vellmark Motors did not buy any buses from Brask",
        "Teo Marr",
        ["vellmark motors", "brask"],
        ["vellmark", "motors", "buy", "bus", "brask"],
        cue="said",
        polarity="negated",
    )
    assert not judge.only_common(later, earlier, US)  # "Vellmark Motors" and "Brask" are not common
    result = stance.score(later, earlier, common=US)
    assert result is not None and result.stance == "contradicts"


def test_the_same_proposition_passes_even_when_its_only_name_is_common() -> None:
    """A common name does not stop a pair whose predicate and theme align: the gate needs both to fail."""
    earlier = c(
        "The United States will close its embassy in the capital next month",
        "Ministry",
        ["united states"],
        ["united", "states", "close", "embassy", "capital", "month"],
        cue="said",
    )
    later = c(
        "The United States will not close its embassy in the capital",
        "Envoy",
        ["united states"],
        ["united", "states", "close", "embassy", "capital"],
        cue="said",
        polarity="negated",
    )
    f = judge.features_for(later, earlier)
    assert judge.same_proposition(f)
    result = stance.score(later, earlier, common=US)
    assert result is not None and result.stance == "contradicts"


def test_ingest_linking_uses_the_ledger_counts(ledger: Ledger) -> None:
    """Through `link_new_claims`: once a name is common in the ledger, a pair sharing only it is not written."""
    filler = [
        c(f"The United States signed treaty number {i} with Port Alder {i}", f"Clerk {i}", ["united states"], [])
        for i in range(12)
    ]
    link_new_claims(ledger, filler)
    earlier = c(
        "The United States was in breach of the fishing agreement",
        "Tribunal",
        ["united states"],
        ["united", "states", "breach", "fishing", "agreement"],
        cue="said",
    )
    later = c(
        "Mara Quell is not fit to be president of the United States",
        "Oren Vale",
        ["mara quell", "united states"],
        ["mara", "quell", "fit", "president", "united", "states"],
        cue="said",
        polarity="negated",
    )
    link_new_claims(ledger, [earlier])
    result = link_new_claims(ledger, [later])
    assert result.decisions == []


@pytest.mark.parametrize("claims", [3, 40, 348, 20_019, 20_020, 20_021, 1_000_000])
def test_a_count_bounded_at_share_counted_gives_the_same_common_names(claims: int) -> None:
    """Linking one claim counts the ledger only up to `SHARE_COUNTED`: past it the cut no longer moves."""
    df = {"a": 9, "b": 10, "c": 40, "d": 500, "e": 1000, "f": 1001}
    assert judge.common_terms(df, min(claims, judge.SHARE_COUNTED)) == judge.common_terms(df, claims)


def test_count_claims_stops_at_upto(ledger: Ledger) -> None:
    ledger.add_claims([Claim(id=f"c_{i}", text=f"Claim number {i}.") for i in range(5)])
    assert ledger.count_claims() == 5
    assert ledger.count_claims(upto=3) == 3
    assert ledger.count_claims(upto=10) == 5
