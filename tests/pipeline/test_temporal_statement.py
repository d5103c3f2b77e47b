"""Statement dates against content dates, story-relative offsets without a story, the per-doc date cache."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.dates import PartialDate
from pipeline.nlp.claims.component import doc_to_claims
from pipeline.nlp.context.docmeta import make_doc
from pipeline.nlp.temporal.component import _dated_in, _doc_dates, statement_date

pytestmark = pytest.mark.slow


def _doc(nlp: Language, text: str, published: str = "2025-04-10"):
    return nlp(make_doc(nlp, text, published=PartialDate(published), outlet="Test Wire"))


def test_a_date_inside_a_rejected_claim_is_an_event_date(claims_nlp: Language) -> None:
    doc = _doc(
        claims_nlp, "The mayor of Brindle, Ada Quill, rejected the claim that the city had sold the land in 2023."
    )
    (claim,) = doc_to_claims(doc, "t")
    assert claim.claim_date == "2025-04-10"
    assert claim.event_dates == ["2023"]


def test_the_same_holds_for_a_speech_noun_object(claims_nlp: Language) -> None:
    doc = _doc(claims_nlp, "The company on Monday dismissed reports that it had closed its Osterby plant in May.")
    assert str(statement_date(next(iter(doc.sents)))) == "2025-04-07"


def test_later_with_nothing_earlier_falls_back_to_publication(claims_nlp: Language) -> None:
    doc = _doc(claims_nlp, "Two days later, the Fenwick Rowing Club said it would close its boathouse.")
    (span,) = [s for s in doc.spans["dates"] if "later" in s.text]
    assert span._.date.value is None and span._.date.vague
    (claim,) = doc_to_claims(doc, "t")
    assert claim.claim_date == "2025-04-10"


def test_later_after_a_dated_event_still_counts_from_it(claims_nlp: Language) -> None:
    doc = _doc(
        claims_nlp,
        "The club met on March 3. Two days later, the Fenwick Rowing Club said it would close its boathouse.",
    )
    claims = doc_to_claims(doc, "t")
    assert [c.claim_date for c in claims if c.claimant == "Fenwick Rowing Club"] == ["2025-03-05"]


def test_the_end_of_the_year_is_a_point_in_the_current_year(claims_nlp: Language) -> None:
    doc = _doc(claims_nlp, "The council will close the Brindle library at the end of the year, councillor Jo Ray said.")
    (span,) = [s for s in doc.spans["dates"] if "end" in s.text]
    assert str(span._.date.partial_date) == "end 2025"


def test_date_spans_are_built_once_per_doc(claims_nlp: Language) -> None:
    doc = _doc(claims_nlp, "On March 3 the club met. On March 5 it voted. On March 9 it closed.")
    first = _doc_dates(doc)
    assert _doc_dates(doc) is not None and _doc_dates(doc) is first
    sents = list(doc.sents)
    assert [d.span.text for d in _dated_in(sents[1])] == ["March 5"]
    assert [d.span.text for d in _dated_in(doc[:])] == ["March 3", "March 5", "March 9"]


def test_a_day_number_the_model_left_out_is_taken_back(claims_nlp: Language) -> None:
    doc = _doc(
        claims_nlp, "Title\n\nOsterby, 12 September 2023 — The Osterby council will close the pool.", "2023-09-12"
    )
    assert [(s.text, s._.date.value) for s in doc.spans["dates"]] == [("12 September 2023", "2023-09-12")]


@pytest.mark.parametrize("cue", ["repeated", "reiterated", "insisted", "maintained", "conceded", "acknowledged"])
def test_common_reporting_verbs_date_their_statement(claims_nlp: Language, cue: str) -> None:
    text = f"Trade minister Anna Berg {cue} on Monday that the city had bought 40 new trams from Osterby."
    (claim,) = doc_to_claims(_doc(claims_nlp, text, "2025-03-12"), "t")
    assert (claim.claimant, str(claim.claim_date)) == ("Anna Berg", "2025-03-10")
