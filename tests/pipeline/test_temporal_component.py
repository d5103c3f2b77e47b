"""The `ct_temporal` component on short articles we wrote: spans, anchors, non-dates, claim dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from claims.dates import PartialDate
from pipeline.nlp.context.docmeta import make_doc
from pipeline.nlp.temporal.component import event_dates, statement_date

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).parent / "temporal_articles"
PUBLISHED = PartialDate("2023-03-22")  # a Wednesday


def run(nlp: Language, text: str, published: PartialDate | None = PUBLISHED) -> Doc:
    return nlp(make_doc(nlp, text, published=published))


def dates(doc: Doc) -> dict[str, str | None]:
    return {s.text: str(s._.date.partial_date) if s._.date.partial_date else None for s in doc.spans["dates"]}


def sentence(doc: Doc, needle: str) -> Span:
    return next(s for s in doc.sents if needle in s.text)


def test_component_is_registered_after_ner(nlp_temporal: Language) -> None:
    names = nlp_temporal.pipe_names
    assert names.index("ct_temporal") == names.index("ner") + 1
    meta = nlp_temporal.get_pipe_meta("ct_temporal")
    assert "doc.spans" in meta.assigns and "doc.ents" in meta.requires


def test_spans_in_document_order_with_extensions(nlp_temporal: Language) -> None:
    doc = run(nlp_temporal, "In June 2018 the port opened. Two years later, it closed for six weeks.")
    spans = list(doc.spans["dates"])
    assert [s.text for s in spans] == ["June 2018", "Two years later", "six weeks"]
    opened, later, weeks = spans
    assert (opened._.date.value, opened._.date.type, opened._.date.anchor) == ("2018-06", "DATE", None)
    assert (later._.date.value, later._.date.anchor) == ("2020", "June 2018")
    assert (weeks._.date.type, weeks._.date.value, weeks._.date.vague) == ("DURATION", None, False)


def test_story_anchors_and_non_dates(nlp_temporal: Language) -> None:
    doc = run(nlp_temporal, (ARTICLES / "harbour-timeline.txt").read_text().split("2 thoughts")[0])
    found = dates(doc)
    assert found["2015"] == "2015"
    assert found["Two years later"] == "2017"
    assert found["the following month"] == "2018-07"
    assert found["The previous year"] == "2017"
    assert found["2025"] == "before 2025"
    assert found["A decade ago"] == "approx 2013"
    assert found["late 2021"] == "end 2021"
    assert found["last year"] == "2022"
    assert found["Earlier this month"] == "2023-03"
    assert found["next Tuesday"] == "2023-03-28"
    assert found["the last few years"] is None
    assert found["the coming months or years"] is None
    # a year inside a name, vehicle codes and "We" are not dates
    assert not any(t in text for text in found for t in ("2019", "6×6", "4x4", "We"))


def test_vague_spans_are_marked(nlp_temporal: Language) -> None:
    doc = run(nlp_temporal, "In the last few years prices rose.")
    [span] = doc.spans["dates"]
    assert span._.date.vague and span._.date.value is None


def test_without_publication_date_relative_expressions_stay_unresolved(nlp_temporal: Language) -> None:
    doc = run(nlp_temporal, "Last year the dam was finished. In March 2019 it flooded.", published=None)
    assert dates(doc) == {"Last year": None, "March 2019": "2019-03"}


def test_statement_dates_with_backdating(nlp_temporal: Language) -> None:
    doc = run(nlp_temporal, (ARTICLES / "reactor-denial.txt").read_text())
    found = dates(doc)
    assert found["just two days later, on March 12"] == "2023-03-12"
    assert found["That day"] == "2023-03-12"
    # the minister's statement is dated from "two days later, on March 12", and so is the quote it introduces
    assert statement_date(sentence(doc, "told a parliamentary committee")) == PartialDate("2023-03-10")
    assert statement_date(sentence(doc, "The reactor is offline")) == PartialDate("2023-03-10")
    assert statement_date(sentence(doc, "the national regulator issued a statement")) == PartialDate("2023-03-12")
    # the narrator's own sentence falls back to the publication date
    assert statement_date(sentence(doc, "Engineers were surprised")) == PUBLISHED
    # a date on the reporting frame dates the statement; a date inside what was said is an event date
    chair = sentence(doc, "Speaking to reporters on Monday")
    assert statement_date(chair) == PartialDate("2023-03-20")
    assert event_dates(chair) == [PartialDate("2022", "end")]


def test_statement_relative_to_an_earlier_one(nlp_temporal: Language) -> None:
    text = (
        "Speaking to reporters on Monday, the mayor said the budget was balanced. "
        "Two days later, the auditor issued a statement rejecting the claim."
    )
    doc = run(nlp_temporal, text)
    assert statement_date(sentence(doc, "the mayor said")) == PartialDate("2023-03-20")
    assert statement_date(sentence(doc, "the auditor issued")) == PartialDate("2023-03-22")


def test_event_date_inside_the_report_is_not_the_statement_date(nlp_temporal: Language) -> None:
    doc = run(nlp_temporal, "The company said it bought the plant in late 2021.")
    sent = next(iter(doc.sents))
    assert statement_date(sent) == PUBLISHED
    assert event_dates(sent) == [PartialDate("2021", "end")]


def test_explicit_date_and_time_joined(nlp_temporal: Language) -> None:
    doc = run(nlp_temporal, "The ruling was published on May 3, 2021 at 9:40 am.")
    assert dates(doc) == {"May 3, 2021 at 9:40 am": "2021-05-03T09:40"}


def test_flashbacks_do_not_move_the_story_time(nlp_temporal: Language) -> None:
    text = (
        "In January 2019 the talks began. The year before, protests had spread. "
        "Two months later, in March, a deal was signed."
    )
    found = dates(run(nlp_temporal, text))
    assert found["The year before"] == "2018"
    assert found["Two months later, in March"] == "2019-03"
