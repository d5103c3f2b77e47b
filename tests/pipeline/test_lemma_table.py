"""`ct_lemma_table` must give every token the lemma the model's own Lemmatizer gives it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

import pipeline.nlp.build
from pipeline.nlp.build import _swap_attribute_ruler, _swap_lemmatizer, build_nlp
from pipeline.nlp.model import model_name
from pipeline.nlp.tables.lemmas import LemmaTable, Unwrappable, check_wrappable
from tests.pipeline.exactness_texts import ODD_TEXTS, articles, assert_same, generated

ROOT = Path(__file__).resolve().parents[2]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def nlp_table() -> Language:
    """The model with both swaps (own instance), the model lemmatizer's only change being the wrapper."""
    nlp = spacy.load(model_name())
    _swap_attribute_ruler(nlp)
    _swap_lemmatizer(nlp)
    return nlp


@pytest.fixture(scope="module")
def nlp_unswapped() -> Iterator[Language]:
    """The full `build_nlp()` pipeline as it would be without `_swap_lemmatizer` (not cached, own model)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.nlp.build, "_swap_lemmatizer", lambda nlp: None)
        nlp = build_nlp.__wrapped__()
    assert "lemmatizer" in nlp.pipe_names
    yield nlp


def _lemmas(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


def _assert_same(want_nlp: Language, got_nlp: Language, texts: list[str]) -> None:
    assert_same(want_nlp, got_nlp, texts, _lemmas)


def test_model_lemmatizer_is_replaced_in_place(nlp_base: Language, nlp_table: Language) -> None:
    if "lemmatizer" not in nlp_base.pipe_names:
        pytest.skip("this model has no lemmatizer")
    position = nlp_base.pipe_names.index("lemmatizer")
    assert nlp_table.pipe_names[position] == "lemma_table"
    assert "lemmatizer" not in nlp_table.pipe_names
    assert "lemma_table" in build_nlp().pipe_names
    assert "lemmatizer" not in build_nlp().pipe_names


def test_full_pipeline_identical_on_articles(claims_nlp: Language, nlp_unswapped: Language) -> None:
    _assert_same(nlp_unswapped, claims_nlp, articles())


def test_full_pipeline_identical_on_odd_text(claims_nlp: Language, nlp_unswapped: Language) -> None:
    _assert_same(nlp_unswapped, claims_nlp, ODD_TEXTS)


def test_model_identical_on_articles_and_odd_text(nlp_base: Language, nlp_table: Language) -> None:
    _assert_same(nlp_base, nlp_table, articles() + generated(12, seed=3) + ODD_TEXTS)


def test_identical_on_shared_corpus(claims_nlp: Language, nlp_unswapped: Language) -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not present at {SHARED_CORPUS}")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED_CORPUS.glob("*.txt"))]
    if not texts:
        pytest.skip("shared corpus has no .txt files")
    _assert_same(nlp_unswapped, claims_nlp, texts)


def _model_lemmatizer(nlp_table: Language) -> EnglishLemmatizer:
    lemmatizer = nlp_table.get_pipe("lemma_table").lemmatizer
    assert isinstance(lemmatizer, EnglishLemmatizer)
    return lemmatizer


def _hand_doc(vocab: spacy.vocab.Vocab) -> Doc:
    """Tokens whose lemma hinges on POS and morphology alone (no tagger), some with a lemma already set."""
    words = ["The", "Ministers", "were", "running", "ran", "better", "buses", "buses", "Bus", "and", "gone"]
    pos = ["DET", "NOUN", "AUX", "VERB", "VERB", "ADJ", "NOUN", "NOUN", "PROPN", "CCONJ", "VERB"]
    morphs = ["", "Number=Plur", "", "VerbForm=Ger", "Tense=Past|VerbForm=Fin", "Degree=Cmp"]
    morphs += ["Number=Plur", "Number=Sing", "Number=Sing", "", "Tense=Past|VerbForm=Part"]
    doc = Doc(vocab, words=words, pos=pos, morphs=morphs)
    doc[2].lemma_ = "preset"  # kept unless overwrite, as the original does
    doc[9].lemma_ = "also-preset"
    return doc


def test_existing_lemmas_kept_and_overwrite_honoured(nlp_table: Language) -> None:
    model = _model_lemmatizer(nlp_table)
    for overwrite in (False, True):
        original = EnglishLemmatizer(model.vocab, None, mode="rule", overwrite=overwrite)
        original.lookups = model.lookups
        want, got = original(_hand_doc(model.vocab)), LemmaTable(original)(_hand_doc(model.vocab))
        assert _lemmas(got) == _lemmas(want)
        assert (got[2].lemma_ == "preset") is (not overwrite)
    assert [t.lemma_ for t in want][:5] == ["the", "minister", "were", "run", "run"]  # AUX has no English rules
    assert [t.lemma_ for t in want][6:8] == ["bus", "buses"]  # same ORTH and POS, the morphology decides


def test_memo_stays_bounded(nlp_table: Language) -> None:
    model = _model_lemmatizer(nlp_table)
    table = LemmaTable(model, max_keys=8)
    texts = generated(4, seed=5)
    base = nlp_table.pipe_names.index("lemma_table")
    before = [_lemmas(d) for d in nlp_table.pipe(texts)]
    with nlp_table.select_pipes(disable=nlp_table.pipe_names[base:]):
        docs = list(nlp_table.pipe(texts))
    for doc in docs:
        table(doc)
        assert len(table.memo) <= 8
        assert len(model.cache) <= 8
    assert [_lemmas(d) for d in docs] == before


def test_memory_zone_falls_back_exactly(nlp_base: Language, nlp_table: Language) -> None:
    texts = ODD_TEXTS[:3] + generated(2, seed=9)
    want = [_lemmas(d) for d in nlp_base.pipe(texts)]
    with nlp_table.memory_zone():
        got = [_lemmas(d) for d in nlp_table.pipe(texts)]
    assert got == want


def test_unknown_lemmatizers_are_kept() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    _swap_lemmatizer(nlp)
    assert nlp.pipe_names == ["lemmatizer"]
    with pytest.raises(Unwrappable):
        check_wrappable(Lemmatizer(nlp.vocab, None, mode="rule"))  # base class: not an audited one
    patched = EnglishLemmatizer(nlp.vocab, None, mode="rule")
    patched.lemmatize = lambda token: [token.text]
    with pytest.raises(Unwrappable):
        check_wrappable(patched)
    with pytest.raises(Unwrappable):
        check_wrappable(object())


# Its speed against the original is measured by bench/lemma_table.py (no test is timed).
