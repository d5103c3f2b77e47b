"""The reporting frame kept out of claims: datelines, trailing attributions, cited evidence, speakers.

Each case is a short fictional sentence of our own; the full pipeline runs once per session.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.dates import PartialDate
from claims.models import Claim
from pipeline.nlp.claims.component import doc_to_claims
from pipeline.nlp.context.docmeta import make_doc

pytestmark = pytest.mark.slow


def _claims(nlp: Language, text: str, published: str = "2024-06-05", outlet: str | None = "Test Wire") -> list[Claim]:
    doc = nlp(make_doc(nlp, text, published=PartialDate(published), outlet=outlet))
    return doc_to_claims(doc, "test")


def _one(claims: list[Claim], fragment: str) -> Claim:
    hits = [c for c in claims if fragment in c.text]
    assert len(hits) == 1, [c.text for c in claims]
    return hits[0]


@pytest.mark.parametrize(
    "dateline",
    ["Brindlemoor, 5 June 2024 — ", "BRINDLEMOOR (Fen Wire) - ", "Brindlemoor, Wednesday, June 5, 2024 -- "],
)
def test_a_dateline_is_not_part_of_the_claim(claims_nlp: Language, dateline: str) -> None:
    text = (
        f"Headline\n\n{dateline}The Brindlemoor water board will raise its fees by 12 percent in October, "
        "chairman Olek Tamm said on Wednesday."
    )
    doc = claims_nlp(make_doc(claims_nlp, text, published=PartialDate("2024-06-05")))
    assert doc._.datelines and doc[doc._.datelines[0][0]].text.lower() == "brindlemoor"
    claim = _one(doc_to_claims(doc, "t"), "water board")
    assert claim.text.startswith("The Brindlemoor water board will raise")
    assert claim.claimant == "Olek Tamm"
    assert claim.claim_date == "2024-06-05"


def test_a_dateline_place_is_not_a_speaker(claims_nlp: Language) -> None:
    text = "Title\n\nOsterby, 5 June 2024 — Velt Cables denied on Wednesday that it had bought the Marrow plant."
    claim = _one(_claims(claims_nlp, text), "Marrow plant")
    assert claim.claimant == "Velt Cables"
    assert claim.text == "Velt Cables had bought the Marrow plant"
    assert claim.polarity == "negated"


def test_a_transcript_label_is_not_a_dateline(claims_nlp: Language) -> None:
    doc = claims_nlp(make_doc(claims_nlp, "HOST: Welcome back to the programme about the harbour."))
    assert doc._.datelines is None


def test_attribution_after_the_content(claims_nlp: Language) -> None:
    text = (
        "The bridge over the Oller has been closed since the start of March, the town's mayor, Ilse Marr, "
        "told the Fenwick Gazette on Tuesday. She said repairs would cost 2 million euros."
    )
    claims = _claims(claims_nlp, text, published="2025-04-10")
    claim = _one(claims, "bridge over the Oller")
    assert claim.text == "The bridge over the Oller has been closed since the start of March"
    assert (claim.claimant, claim.claimant_role) == ("Ilse Marr", "mayor")
    assert claim.claim_date == "2025-04-08"  # that Tuesday, not the content's March
    assert claim.event_dates == ["start 2025-03"]
    follow = _one(claims, "epairs would cost")
    assert follow.claim_date == "2025-04-08"


def test_an_and_joined_clause_is_not_a_trailing_frame(claims_nlp: Language) -> None:
    claims = _claims(claims_nlp, "The Fenwick ferry stopped running in March, and the mayor told reporters nothing.")
    assert all(c.claimant != "mayor" for c in claims)


def test_according_to_cited_records_folds_into_the_speaker(claims_nlp: Language) -> None:
    text = (
        "The Lisk port authority confirmed on Monday that trawlers landed 40 tonnes of cod every week in April, "
        "according to its published landing logs."
    )
    claims = _claims(claims_nlp, text)
    assert len(claims) == 1, [c.text for c in claims]
    assert claims[0].claimant == "Lisk port authority"
    assert claims[0].text == "Trawlers landed 40 tonnes of cod every week in April"


def test_a_citing_participle_is_not_a_second_claim(claims_nlp: Language) -> None:
    text = (
        "Garrow exported 300 tractors to Velmark in March, the Garrow statistics office said on Monday, "
        "citing its trade figures."
    )
    claims = _claims(claims_nlp, text)
    assert [c.text for c in claims] == ["Garrow exported 300 tractors to Velmark in March"]
    assert claims[0].claimant == "Garrow statistics office"


def test_a_quote_before_its_speaker_keeps_the_speaker_out_of_the_text(claims_nlp: Language) -> None:
    text = (
        "Title\n\nVelt Cables denied the report on Monday.\n\n"
        '"We have never bought a plant in Osterby," the company\'s finance director, Runa Holt, told the Osterby Post.'
    )
    claim = _one(_claims(claims_nlp, text), "never bought")
    assert claim.text == "We have never bought a plant in Osterby"
    assert (claim.claimant, claim.claimant_role, claim.quote) == ("Runa Holt", "finance director", "direct")


def test_a_name_the_tagger_misread_still_meets_its_surname(claims_nlp: Language) -> None:
    text = (
        "The Brindle council will sell the old depot next year, councillor Petra Voss said on Tuesday.\n\n"
        "Voss, who chairs the planning committee, said the site needed repairs the town could not afford."
    )
    claims = _claims(claims_nlp, text, published="2023-09-12")
    names = {c.claimant for c in claims if c.quote != "none"}
    assert names == {"Petra Voss"}


def test_no_comma_before_the_final_stop(claims_nlp: Language) -> None:
    from pipeline.nlp.claims.component import _text

    doc = claims_nlp("The logs list four crossings , .")
    assert _text(list(doc)) == "The logs list four crossings."
