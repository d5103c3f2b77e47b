"""Quote regions and paragraph sentence breaks, on the tokenizer alone (no model needed)."""

from __future__ import annotations

import spacy

from pipeline.nlp.context.quotes import quote_regions
from pipeline.nlp.context.sentences import SentenceFixer

NLP = spacy.blank("en")


def _texts(text: str) -> list[str]:
    doc = NLP(text)
    return [doc[a:b].text for a, b in quote_regions(doc)]


def test_a_quote_reopened_in_each_paragraph_is_one_region() -> None:
    text = "She said:\n\n“First part of it.\n\n“Second part of it.”\n\nAfter."
    assert _texts(text) == ["“First part of it.\n\n“Second part of it.”"]


def test_a_quote_closed_in_the_next_paragraph_without_reopening_is_one_region() -> None:
    text = 'He said:\n\n"One thing here.\n\nAnother thing there."\n\nAfter.'
    assert _texts(text) == ['"One thing here.\n\nAnother thing there."']


def test_mixed_straight_and_curly_marks_pair_up() -> None:
    assert _texts('"We see no link at all,” the mayor said.') == ['"We see no link at all,”']


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    assert _texts("“No end in sight here\n\nNext paragraph.") == ["“No end in sight here"]


def test_short_scare_quotes_are_regions_too() -> None:
    assert _texts("the so-called “big deal” of the year") == ["“big deal”"]


def test_line_breaks_start_sentences() -> None:
    doc = SentenceFixer()(NLP("A heading\n\nThe first sentence. More text\nNext line"))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:1] == ["A"]
    assert "The" in starts and "Next" in starts
