"""Issue 13: what is not a claim, who the claimant is, and when it was said — on sentences written here."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.dates import PartialDate
from pipeline.nlp.claims.component import doc_to_claims
from pipeline.nlp.claims.filters import nested_repeats, not_a_claim
from pipeline.nlp.context.docmeta import make_doc


def _claims(nlp: Language, text: str, **meta):
    meta.setdefault("published", PartialDate("2024-05-09"))
    meta.setdefault("outlet", "Harbour Gazette")
    return doc_to_claims(nlp(make_doc(nlp, text, **meta)), "s1")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("What have the residents got to lose?", "question"),
        ("To close every library in the county", "fragment"),
        ("which closing the ferry terminal", "fragment"),
        ("is a question for the regulator as well as for us.", "fragment"),
        ("Those are fairy tales.", "characterisation"),
        ("These councillors are jokers.", "characterisation"),
        ("The dock workers were anxious.", "characterisation"),  # a mood, not a checkable fact
    ],
)
def test_not_a_claim(claims_nlp: Language, text: str, why: str) -> None:
    assert not_a_claim(list(claims_nlp(text))) == why


@pytest.mark.parametrize(
    "text",
    [
        "That statement is a lie.",  # a verdict on truth is a checkable denial
        "The ferry carried 3,000 passengers in May.",
        "Vote on the fourteenth.",  # a call to action
        "If you saw the crash, please ring the police.",
        "The total is eleven.",
    ],
)
def test_a_claim_is_kept(claims_nlp: Language, text: str) -> None:
    assert not_a_claim(list(claims_nlp(text))) is None


def test_small_clause_with_its_subject_is_kept(claims_nlp: Language) -> None:
    text = "A poll released on Monday by Westfield College showed Brenner leading by 4 points, within the margin."
    assert any("leading by 4 points" in c.text for c in _claims(claims_nlp, text))


def test_reported_question_is_not_a_claim(claims_nlp: Language) -> None:
    claims = _claims(claims_nlp, "Asked whether the depot had been sold, Ines Calloway said she did not know.\n\n"
                     "A reporter asked Ines Calloway whether the depot had been sold to a developer.")  # fmt: skip
    assert not any("sold to a developer" in c.text for c in claims)


def test_request_under_ask_is_not_a_question(claims_nlp: Language) -> None:
    tokens = list(claims_nlp("The mayor asked residents to report flooded cellars."))
    cue = next(t for t in tokens if t.lemma_ == "ask")
    content = [t for t in tokens if t.i > cue.i + 1 and not t.is_punct]
    assert not_a_claim(content, cue) is None


def test_nested_repeats_keep_the_outer_claim() -> None:
    assert nested_repeats([(0, 20, True), (5, 15, False), (30, 40, False)]) == {1}
    assert nested_repeats([(0, 20, True), (5, 15, True)]) == set()  # a named speaker inside: both kept


def test_document_is_via_and_its_owner_the_claimant(claims_nlp: Language) -> None:
    text = (
        "The Quarry Trust's annual report says that quarry traffic rose by 14 percent in 2023.\n\n"
        "Land registry records show that Fenwold Estates bought nine farms between 2019 and 2022."
    )
    claims = _claims(claims_nlp, text)
    traffic = next(c for c in claims if "14 percent" in c.text)
    farms = next(c for c in claims if "nine farms" in c.text)
    assert traffic.claimant == "Quarry Trust" or "Quarry Trust" in (traffic.claimant or "")
    assert "report" in (traffic.via or "")
    assert farms.claimant == "Harbour Gazette"  # the reporter's finding in the records
    assert "records" in (farms.via or "")


def test_first_person_piece_is_the_authors(claims_nlp: Language) -> None:
    text = (
        "I chaired the harbour board for nine years. I know what the dredging costs, and my own figures "
        "say it will cost 40 million pounds, not 25 million.\n\n"
        "I believe the board has underestimated the cost of the new quay by 12 million pounds."
    )
    claims = _claims(claims_nlp, text, author="Mirela Tanaka")
    assert claims
    assert all(c.claimant == "Mirela Tanaka" for c in claims)


def test_interview_turns_belong_to_the_interviewee(claims_nlp: Language) -> None:
    text = (
        "Osric Penhale runs the Lowmoor fishermen's cooperative. We spoke to him on Tuesday in Lowmoor.\n\n"
        "Q: How many boats still go out?\n\n"
        "Penhale: About 140 boats still fish from Lowmoor. In 2015 there were 300.\n\n"
        "Q: The ministry says catches have recovered. Is that right?\n\n"
        "Penhale: Our landings fell by a third last year, and the ministry's own data shows it."
    )
    claims = _claims(claims_nlp, text, published=PartialDate("2024-05-09"), outlet="Coast Weekly")
    boats = next(c for c in claims if "140 boats" in c.text)
    assert boats.claimant == "Osric Penhale"
    assert str(boats.claim_date) == "2024-05-07"  # "We spoke to him on Tuesday"
    assert not any(c.text.startswith("How many") for c in claims)


def test_pronoun_follows_the_previous_subject_not_the_nearest_name(claims_nlp: Language) -> None:
    text = (
        "Councillor Edda Marsh and Councillor Tobias Wren met voters in Fallow on Monday night.\n\n"
        "Marsh spoke first. She said the county had closed 14 bus routes since 2020."
    )
    claims = _claims(claims_nlp, text)
    routes = next(c for c in claims if "14 bus routes" in c.text)
    assert (routes.claimant or "").endswith("Edda Marsh")


def test_title_only_mention_is_the_person_with_that_title(claims_nlp: Language) -> None:
    text = (
        "The county's chief fire officer said on Wednesday that the sprinklers at the depot had failed.\n\n"
        "Chief Fire Officer Marta Lindqvist told reporters that the depot had passed an inspection in March."
    )
    claims = _claims(claims_nlp, text)
    sprinklers = next(c for c in claims if "sprinklers" in c.text)
    assert sprinklers.claimant == "Marta Lindqvist"


def test_claim_dates_never_after_publication_and_no_background_years(claims_nlp: Language) -> None:
    text = (
        "Candidate Orla Brandauer held a rally in Fenmouth on Tuesday.\n\n"
        "She was talking about Senator Piet Kalloway, who was first elected in 1998. "
        "Brandauer said Kalloway had voted for the toll increase six times."
    )
    claims = _claims(claims_nlp, text, published=PartialDate("2024-05-09"))
    tolls = next(c for c in claims if "toll increase" in c.text)
    assert str(tolls.claim_date) == "2024-05-07"
    assert all(c.claim_date is None or c.claim_date.first_day <= PartialDate("2024-05-09").last_day for c in claims)


def test_identical_claims_in_one_document_get_one_id(claims_nlp: Language) -> None:
    text = "Ilse Varga said the mill closed in 2019."
    doc = claims_nlp(make_doc(claims_nlp, text, published=PartialDate("2024-05-09")))
    spans = list(doc.spans["claims"])
    doc.spans["claims"] = spans + spans  # the same words reached through two attributions
    claims = doc_to_claims(doc, "s1")
    assert len(claims) == len({c.id for c in claims}) == len(spans)


def test_text_never_puts_the_speaker_in_another_persons_place(claims_nlp: Language) -> None:
    text = "Tobias Wren met voters in Fallow on Monday. He said she had brought 40 jobs to the town in 2019."
    jobs = next(c for c in _claims(claims_nlp, text) if "40 jobs" in c.text)
    assert jobs.claimant == "Tobias Wren"
    assert "Wren" not in jobs.text  # "she" is not the speaker: the pronoun stays
