"""One data file per word list, one loader, and every component reading the same list."""

from __future__ import annotations

import pytest

from pipeline import lexicon
from pipeline.lexicon import LexiconMissing, load


@pytest.mark.parametrize("name", lexicon.names())
def test_word_lists_are_clean(name: str) -> None:
    words = load(name)
    assert isinstance(words, frozenset) and words
    assert all(w == w.strip().lower() and w for w in words), name
    path = lexicon.resources.files("pipeline.lexicon").joinpath("data", f"{name}.txt")
    entries = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    entries = [e for e in entries if not e.startswith("#")]
    assert len(entries) == len(set(entries)), f"{name} lists an entry twice"


def test_loaded_once_and_unknown_names_fail() -> None:
    assert load("reporting_verbs") is load("reporting_verbs")
    with pytest.raises(LexiconMissing, match="no word list named 'nonesuch'"):
        load("nonesuch")


def test_one_reporting_verb_list_for_attribution_and_dates() -> None:
    from pipeline.nlp.attribution.cues import SPEECH_VERBS
    from pipeline.nlp.context.document import REPORTING_LEMMAS

    assert SPEECH_VERBS == REPORTING_LEMMAS == load("reporting_verbs")


def test_one_set_of_person_pronouns() -> None:
    from pipeline.nlp.attribution import claimants
    from pipeline.nlp.claims import component

    assert claimants.PERSON_PRONOUNS == component.PERSON_PRONOUNS == load("person_pronouns")


def test_one_stop_list_for_stance_and_the_retrieval_index() -> None:
    """claims/ cannot import pipeline/: the index keeps its own copy, which must equal the data file."""
    from claims.index import STOP_LEMMAS
    from pipeline.linking.stance import lexicon as stance_lexicon

    assert stance_lexicon().stop == load("stop_lemmas")
    assert load("stop_lemmas") == STOP_LEMMAS, (
        "claims/index/terms.py STOP_LEMMAS differs from pipeline/lexicon/data/stop_lemmas.txt: "
        f"only in the index {sorted(STOP_LEMMAS - load('stop_lemmas'))}, "
        f"only in the file {sorted(load('stop_lemmas') - STOP_LEMMAS)}"
    )
