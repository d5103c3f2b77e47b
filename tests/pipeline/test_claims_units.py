"""Polarity, check-worthiness, claimant resolution and the threshold, on single sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.dates import PartialDate
from pipeline.nlp.claims.checkworthiness import checkworthiness
from pipeline.nlp.claims.component import ClaimExtractor
from pipeline.nlp.claims.polarity import polarity
from pipeline.nlp.context.docmeta import make_doc

pytestmark = pytest.mark.slow


def _attrs(nlp: Language, text: str) -> list[tuple[str | None, str | None, str]]:
    doc = nlp(make_doc(nlp, text, published=PartialDate("2025-01-10"), outlet="Test Wire"))
    facts = [a._.attribution for a in doc.spans["attributions"]]
    return [(f.claimant, f.claimant_role, f.quote) for f in facts]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The firm did not conclude contracts with the shipyard.", "negated"),
        ("No decision on the closure has been taken.", "negated"),
        ("The bridge would not open before May.", "negated"),
        ("The firm never paid the fee.", "negated"),
        ("The firm signed contracts with the shipyard.", "affirmed"),
        ("The minister, who did not attend, signed the deal.", "affirmed"),
    ],
)
def test_polarity_of_a_clause(claims_nlp: Language, sentence: str, expected: str) -> None:
    assert polarity(claims_nlp(sentence)[:]) == expected


def test_a_denial_cue_flips_polarity(claims_nlp: Language) -> None:
    doc = claims_nlp("The mayor denied that the city sold the land. The mayor denied that the city did not sell it.")
    first, second = list(doc.sents)
    deny1 = next(t for t in first if t.lemma_ == "deny")
    deny2 = next(t for t in second if t.lemma_ == "deny")
    clause1 = [t for t in first if t.i > deny1.i + 1 and not t.is_punct]
    clause2 = [t for t in second if t.i > deny2.i + 1 and not t.is_punct]
    assert polarity(clause1, deny1) == "negated"
    assert polarity(clause2, deny2) == "affirmed"


def test_checkworthiness_prefers_facts_to_opinion(claims_nlp: Language) -> None:
    fact = checkworthiness(claims_nlp("Chile bought two frigates from Norway in 2023 for 90 million dollars."))
    opinion = checkworthiness(claims_nlp("The government should tread carefully with its neighbours."))
    question = checkworthiness(claims_nlp("What does this mean for the region?"))
    assert fact >= 0.8 > 0.5 > opinion
    assert question < 0.3
    quoted = checkworthiness(claims_nlp("We should tread carefully with our neighbours."), attributed=True)
    assert quoted > opinion  # what a named speaker said is checkable in itself


def test_threshold_from_config(claims_nlp: Language) -> None:
    text = "Chile bought two frigates from Norway in 2023. The port is big and busy these days."
    doc = claims_nlp(make_doc(claims_nlp, text, outlet="Test Wire"))
    loose = ClaimExtractor(0.0)(doc).spans["claims"]
    strict = ClaimExtractor(0.99)(doc).spans["claims"]
    assert len(loose) == 2 and len(strict) == 0


def test_build_nlp_takes_settings_as_arguments_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library never reads the environment: an unset threshold stays the factory default."""
    from pipeline.nlp import build

    seen: list[tuple[str, object]] = []
    monkeypatch.setattr(build, "_build", lambda model, overrides: seen.append((model, overrides)))
    monkeypatch.setenv("CLAIMTRACK_MIN_CHECKWORTHINESS", "0.9")
    build.build_nlp("some_model", min_checkworthiness=0.3)
    build.build_nlp("some_model", config={"ct_claims": {"min_checkworthiness": 0.2}})
    build.build_nlp("some_model")
    monkeypatch.setenv("CLAIMTRACK_MIN_CHECKWORTHINESS", "not a number")
    build.build_nlp("some_model")
    thresholds = [dict(dict(o).get("ct_claims", ())).get("min_checkworthiness") for _, o in seen]
    assert thresholds == [0.3, 0.2, None, None]
    assert {m for m, _ in seen} == {"some_model"}
    with pytest.raises(ValueError, match="no claimtrack component"):
        build.build_nlp("some_model", config={"ct_nonesuch": {}})


def test_claimants_surname_appositive_pronoun_and_company(claims_nlp: Language) -> None:
    text = (
        "The veteran harbour master, Ines Calder, told the council that the quay had cracked. "
        "Calder said repairs would take a year. She added that the budget was spent.\n\n"
        "Orvin Shipyards built the quay in 2019. The company said the concrete met every standard."
    )
    got = _attrs(claims_nlp, text)
    assert got[0] == ("Ines Calder", "veteran harbour master", "reported")
    assert got[1][0] == "Ines Calder" and got[2][0] == "Ines Calder"
    assert got[3][0] == "Orvin Shipyards"


def test_transcript_speaker_labels(claims_nlp: Language) -> None:
    text = (
        "Its director, Paula Reyes, spoke to us on Monday.\n\nHOST: Will the quay reopen this summer?\n\n"
        "REYES: The quay will reopen in July after the repairs."
    )
    got = _attrs(claims_nlp, text)
    assert ("Paula Reyes", "direct") in [(c, q) for c, _, q in got]
