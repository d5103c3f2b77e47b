"""`ct_lemma_table` must give every token the lemma the model's own Lemmatizer gives it, and save and reload."""

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

# Words whose lemma hinges on the rules, the exceptions, the index or the base-form shortcut.
VARIED_TEXTS: list[str] = [
    "The geese were flying; the mice ran. Oxen, children and women had gone. Analyses of the criteria differ.",
    "She was better, he was best; the worse option was worst. They're running faster than the runners ran.",
    "He has been being studied. We'd studied studies; she studies. Buses bussed. The bus's buses were busier.",
    "Ministers resigned, resigning, resigns. The minister's resignation was resigned to history.",
    "I saw a saw. They left the left lane. Does he do it? Did they? Done, doing, does, did.",
    "Quickly, quicker, quickest. Leaves leave; a leaf leaves. The axes of the axes were axed.",
]


@pytest.fixture(scope="module")
def nlp_stock() -> Language:
    """The model with only the attribute table swapped in: the stock lemmatizer runs."""
    nlp = spacy.load(model_name())
    _swap_attribute_ruler(nlp)
    return nlp


@pytest.fixture(scope="module")
def nlp_table() -> Language:
    """The model with both swaps (own instance), the lemmatizer's only change being the table."""
    nlp = spacy.load(model_name())
    _swap_attribute_ruler(nlp)
    _swap_lemmatizer(nlp)
    return nlp


@pytest.fixture(scope="module")
def nlp_unswapped() -> Iterator[Language]:
    """The full `build_nlp()` pipeline as it would be without `_swap_lemmatizer` (not cached, own model)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.nlp.build, "_swap_lemmatizer", lambda nlp: None)
        nlp = pipeline.nlp.build._build.__wrapped__(model_name(), ())
    assert "lemmatizer" in nlp.pipe_names
    yield nlp


def _lemmas(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


def _model_lemmatizer(nlp: Language) -> EnglishLemmatizer:
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, EnglishLemmatizer)
    return lemmatizer


def test_model_lemmatizer_is_replaced_in_place(nlp_stock: Language, nlp_table: Language) -> None:
    position = nlp_stock.pipe_names.index("lemmatizer")
    assert nlp_table.pipe_names[position] == "lemma_table"
    assert "lemmatizer" not in nlp_table.pipe_names
    assert "lemma_table" in build_nlp().pipe_names
    assert "lemmatizer" not in build_nlp().pipe_names


def test_model_identical_on_varied_odd_and_generated_text(nlp_stock: Language, nlp_table: Language) -> None:
    texts = VARIED_TEXTS + ODD_TEXTS + generated(12, seed=3)
    assert_same(nlp_stock, nlp_table, texts, _lemmas)
    assert_same(nlp_stock, nlp_table, [t.upper() for t in VARIED_TEXTS], _lemmas)


def test_full_pipeline_identical_on_articles(claims_nlp: Language, nlp_unswapped: Language) -> None:
    assert_same(nlp_unswapped, claims_nlp, articles() + VARIED_TEXTS, _lemmas)


def test_identical_on_shared_corpus(claims_nlp: Language, nlp_unswapped: Language) -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not present at {SHARED_CORPUS}")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED_CORPUS.glob("*.txt"))]
    if not texts:
        pytest.skip("shared corpus has no .txt files")
    assert_same(nlp_unswapped, claims_nlp, texts, _lemmas)


def test_saves_and_reloads_with_the_pipeline(nlp_stock: Language, nlp_table: Language, tmp_path: Path) -> None:
    nlp_table.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "lemma_table" / "lookups" / "lookups.bin").is_file()
    reloaded = spacy.load(tmp_path / "nlp")
    assert reloaded.pipe_names == nlp_table.pipe_names
    table = reloaded.get_pipe("lemma_table")
    assert isinstance(table, LemmaTable) and not table.memo
    assert_same(nlp_stock, reloaded, VARIED_TEXTS + generated(4, seed=13), _lemmas)
    original = nlp_table.get_pipe("lemma_table")
    assert isinstance(original, LemmaTable)
    back = LemmaTable(reloaded.vocab).from_bytes(original.to_bytes())
    assert back.lookups.to_bytes() == original.lookups.to_bytes()


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


def test_existing_lemmas_kept_and_overwrite_honoured(nlp_stock: Language) -> None:
    model = _model_lemmatizer(nlp_stock)
    for overwrite in (False, True):
        original = EnglishLemmatizer(model.vocab, None, mode="rule", overwrite=overwrite)
        original.lookups = model.lookups
        want, got = original(_hand_doc(model.vocab)), LemmaTable.wrapping(original)(_hand_doc(model.vocab))
        assert _lemmas(got) == _lemmas(want)
        assert (got[2].lemma_ == "preset") is (not overwrite)
    assert [t.lemma_ for t in want][:5] == ["the", "minister", "were", "run", "run"]  # AUX has no English rules
    assert [t.lemma_ for t in want][6:8] == ["bus", "buses"]  # same ORTH and POS, the morphology decides


def test_memo_stays_bounded(nlp_stock: Language, nlp_table: Language) -> None:
    model = _model_lemmatizer(nlp_stock)
    table = LemmaTable.wrapping(model, max_keys=8)
    texts = generated(4, seed=5)
    base = nlp_table.pipe_names.index("lemma_table")
    before = [_lemmas(d) for d in nlp_table.pipe(texts)]
    with nlp_table.select_pipes(disable=nlp_table.pipe_names[base:]):
        docs = list(nlp_table.pipe(texts))
    for doc in docs:
        table(doc)
        assert len(table.memo) <= 8
        assert len(table.lemmatizer.cache) <= 8
    assert [_lemmas(d) for d in docs] == before


def test_memory_zone_falls_back_exactly(nlp_stock: Language, nlp_table: Language) -> None:
    texts = ODD_TEXTS[:3] + generated(2, seed=9)
    want = [_lemmas(d) for d in nlp_stock.pipe(texts)]
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
    patched.lemmatize = lambda token: [token.text]  # type: ignore[method-assign]
    with pytest.raises(Unwrappable):
        check_wrappable(patched)
    with pytest.raises(Unwrappable):
        check_wrappable(object())
