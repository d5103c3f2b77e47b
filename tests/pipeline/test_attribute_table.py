"""`ct_attribute_table` must be indistinguishable from the model's AttributeRuler, token by token."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from pipeline.nlp.build import _swap_attribute_ruler, build_nlp
from pipeline.nlp.model import model_name
from pipeline.nlp.tables.attributes import AttributeTable, Uncompilable
from tests.pipeline.exactness_texts import ODD_TEXTS, articles, assert_same

ROOT = Path(__file__).resolve().parents[2]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def nlp_table() -> Language:
    """The model with its attribute_ruler swapped for the table (own instance: no parser changes)."""
    nlp = spacy.load(model_name())
    _swap_attribute_ruler(nlp)
    return nlp


def _view(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.ent_type_, t.norm_) for t in doc]


def _assert_same(nlp_base: Language, nlp_table: Language, texts: list[str]) -> None:
    assert_same(nlp_base, nlp_table, texts, _view)


def test_model_ruler_is_replaced_in_place(nlp_base: Language, nlp_table: Language) -> None:
    if "attribute_ruler" not in nlp_base.pipe_names:
        pytest.skip("this model has no attribute_ruler")
    position = nlp_base.pipe_names.index("attribute_ruler")
    assert nlp_table.pipe_names[position] == "attribute_table"
    assert "attribute_ruler" not in nlp_table.pipe_names
    assert "attribute_table" in build_nlp().pipe_names


def test_identical_on_articles(nlp_base: Language, nlp_table: Language) -> None:
    _assert_same(nlp_base, nlp_table, articles())


def test_identical_on_odd_text(nlp_base: Language, nlp_table: Language) -> None:
    _assert_same(nlp_base, nlp_table, ODD_TEXTS)


def test_identical_on_shared_corpus(nlp_base: Language, nlp_table: Language) -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not present at {SHARED_CORPUS}")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED_CORPUS.glob("*.txt"))]
    if not texts:
        pytest.skip("shared corpus has no .txt files")
    _assert_same(nlp_base, nlp_table, texts)


def _tiny_ruler() -> AttributeRuler:
    """Overlapping rules: later ones must win attribute by attribute, index 1 must hit the second token."""
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "LEMMA": "tagged", "MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": "bank"}]], {"POS": "PROPN"})
    ruler.add([[{"LOWER": "the"}, {"LOWER": "bank"}]], {"LEMMA": "riverbank"}, index=1)
    ruler.add([[{"TAG": "NN", "LOWER": "bank"}]], {"MORPH": "Number=Plur"})
    ruler.add([[{"LOWER": {"IN": ["river", "sea"]}}]], {"POS": "X"})
    ruler.add([[{"TAG": "NN"}, {"LOWER": "bank"}]], {"POS": "ADJ"}, index=-2)
    ruler.add([[{"TAG": {"NOT_IN": ["NN"]}, "LOWER": "bank"}]], {"LEMMA": "not-nn", "POS": "VERB"})
    return ruler


def _tiny_doc(vocab: spacy.vocab.Vocab) -> Doc:
    words = ["The", "bank", "by", "the", "river", "bank", "BANK", "sea", "bank"]
    tags = ["DT", "NN", "IN", "DT", "NN", "NN", "NNP", "NN", "VB"]
    return Doc(vocab, words=words, tags=tags)


def test_precedence_matches_tiny_ruler() -> None:
    ruler = _tiny_ruler()
    table = AttributeTable.from_ruler(ruler)
    assert len(table.matcher) == 2  # only the two-token rules; IN / NOT_IN are decided per distinct token
    want, got = ruler(_tiny_doc(ruler.vocab)), table(_tiny_doc(ruler.vocab))
    assert _view(got) == _view(want)
    # Spelled out: "bank" after "the" gets PROPN (rule 1), riverbank (rule 2), Plur (rule 3 over rule 0).
    bank = want[1]
    assert (bank.pos_, bank.lemma_, str(bank.morph)) == ("PROPN", "riverbank", "Number=Plur")
    assert (want[6].pos_, want[6].lemma_, want[8].lemma_) == ("VERB", "not-nn", "not-nn")
    assert (want[4].pos_, want[4].lemma_) == ("ADJ", "tagged")  # index -2 rule is later than the IN rule


def test_lexeme_level_attrs_are_refused() -> None:
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add([[{"TAG": "NN"}]], {"NORM": "n"})
    ruler.add([[{"LOWER": "x"}]], {"LOWER": "y"})
    with pytest.raises(Uncompilable):
        AttributeTable.from_ruler(ruler)
