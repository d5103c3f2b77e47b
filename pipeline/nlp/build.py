"""The claimtrack spaCy pipeline: model → sentences → temporal → attribution → claims.

Built once per process (loading the model is the slow part). Our components
are added by factory name, so `nlp.analyze_pipes` can check that each one's
`requires` are met by an earlier component. Every model component is needed
(the tagger and lemmatizer for cues, the parser for sources and contents, the
entity recogniser for claimants and entity keys), so none is disabled.

The model's `attribute_ruler` is swapped in place for `ct_attribute_table`
(pipeline/attribute_table.py), compiled from the ruler's own patterns: same
results, a fraction of the cost. If the ruler holds a rule the table cannot
reproduce exactly, the original ruler stays.

Likewise the model's `lemmatizer` is swapped in place for `ct_lemma_table`
(pipeline/lemma_table.py), which wraps the same Lemmatizer object and asks it
once per distinct (ORTH, POS, MORPH) key instead of running Python per token.
Only a rule-mode lemmatizer of an audited class is wrapped; any other stays.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import pipeline.nlp.attribution.component
import pipeline.nlp.claims.component
import pipeline.nlp.context.sentences
import pipeline.nlp.temporal.component  # noqa: F401  (importing registers the factories)
from pipeline.nlp.model import load_model, model_name
from pipeline.nlp.tables.attributes import Uncompilable
from pipeline.nlp.tables.lemmas import Unwrappable

COMPONENTS: tuple[str, ...] = ("ct_sentences", "ct_temporal", "ct_attribution", "ct_claims")


@lru_cache(maxsize=4)
def build_nlp(model: str | None = None, *, min_checkworthiness: float | None = None) -> Language:
    """The full claimtrack pipeline on top of the spaCy model `model` (default: `model_name()`'s choice).

    `min_checkworthiness` replaces `ct_claims`' default threshold when given.
    """
    nlp = _own_model(model)
    _swap_attribute_ruler(nlp)
    _swap_lemmatizer(nlp)
    nlp.add_pipe("ct_sentences", before="parser")
    nlp.add_pipe("ct_temporal")
    nlp.add_pipe("ct_attribution")
    claims_config = {} if min_checkworthiness is None else {"min_checkworthiness": min_checkworthiness}
    nlp.add_pipe("ct_claims", config=claims_config)
    return nlp


def _swap_attribute_ruler(nlp: Language) -> None:
    """Replace the model's `attribute_ruler` with the equivalent `ct_attribute_table`, at the same position.

    Keeps the original when compiling meets a rule whose effect a per-token table cannot
    reproduce exactly (`Uncompilable`): slower but correct.
    """
    _swap(nlp, "attribute_ruler", "ct_attribute_table", "attribute_table", Uncompilable)


def _swap_lemmatizer(nlp: Language) -> None:
    """Replace the model's `lemmatizer` with `ct_lemma_table` wrapping it, at the same position.

    Keeps the original when it is not one whose per-token inputs we audited
    (`Unwrappable`: another class, lookup mode, a patched method).
    """
    _swap(nlp, "lemmatizer", "ct_lemma_table", "lemma_table", Unwrappable)


def _swap(nlp: Language, original: str, factory: str, name: str, refusal: type[Exception]) -> None:
    """Put `factory` (built from the `original` pipe) in that pipe's place; do nothing if either is missing."""
    if original not in nlp.pipe_names:
        return
    try:
        nlp.add_pipe(factory, name=name, after=original)
    except refusal:
        return
    nlp.remove_pipe(original)


def _own_model(model: str | None) -> Language:
    """A model instance of our own: `load_model()`'s is shared, and adding our pipes to it would leak."""
    name = model or model_name()
    try:
        return spacy.load(name)
    except OSError:
        return load_model(name)  # raises ModelMissing with install advice
