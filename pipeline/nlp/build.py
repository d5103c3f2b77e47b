"""The claimtrack spaCy pipeline: model → sentences → temporal → attribution → claims.

Built once per process and per set of options (loading the model is the slow
part). Our components are added by factory name (`pipeline/nlp/factories.py`),
so `nlp.analyze_pipes` can check that each one's `requires` are met by an
earlier component. Every model component is needed (the tagger and lemmatizer
for cues, the parser for sources and contents, the entity recogniser for
claimants and entity keys), so none is disabled. `claimtrack dates` runs this
same pipeline with `select_pipes` (`dates_only`), never a second one.

The model's `attribute_ruler` is swapped in place for `ct_attribute_table`
(tables/attributes.py), initialised from the ruler's own patterns: same
results, a fraction of the cost, and it saves those patterns, so
`nlp.to_disk(d)` then `spacy.load(d)` gives the same pipeline back. If the
ruler holds a rule the table cannot reproduce exactly, the original ruler stays
and a warning is logged. The model's rule `lemmatizer` is swapped likewise for
`ct_lemma_table` (tables/lemmas.py), which asks the same rules once per
(word, part of speech, morphology) and saves the model's lookup tables.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

import pipeline.nlp.factories  # noqa: F401  (registers the factories when not installed as entry points)
from pipeline.nlp.model import load_model, model_name
from pipeline.nlp.tables.attributes import AttributeTable, Uncompilable
from pipeline.nlp.tables.lemmas import LemmaTable, Unwrappable, check_wrappable

log = logging.getLogger(__name__)

COMPONENTS: tuple[str, ...] = ("ct_sentences", "ct_temporal", "ct_attribution", "ct_claims")
# What `claimtrack dates` leaves out: dates need neither attributions nor claims.
DATES_DISABLED: tuple[str, ...] = ("ct_attribution", "ct_claims")

Overrides = tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]


def build_nlp(
    model: str | None = None,
    *,
    min_checkworthiness: float | None = None,
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> Language:
    """The full claimtrack pipeline on top of the spaCy model `model`, cached per set of arguments.

    `config` overrides our components' `default_config` by factory name, e.g.
    `{"ct_claims": {"author_claims": False}}`; `min_checkworthiness` is a shortcut for
    `{"ct_claims": {"min_checkworthiness": x}}`. What the caller leaves unset comes from the
    factories' defaults: nothing here reads the environment (the command line's settings do,
    once, and pass their values in).
    """
    overrides = {name: dict(cfg) for name, cfg in (config or {}).items()}
    unknown = sorted(set(overrides) - set(COMPONENTS))
    if unknown:
        raise ValueError(f"no claimtrack component named {', '.join(unknown)} (known: {', '.join(COMPONENTS)})")
    if min_checkworthiness is not None:
        overrides.setdefault("ct_claims", {})["min_checkworthiness"] = min_checkworthiness
    frozen: Overrides = tuple(sorted((k, tuple(sorted(v.items()))) for k, v in overrides.items() if v))
    return _build(model_name(model), frozen)


@lru_cache(maxsize=4)
def _build(model: str, overrides: Overrides) -> Language:
    config = {name: dict(items) for name, items in overrides}
    nlp = _own_model(model)
    _swap_attribute_ruler(nlp)
    _swap_lemmatizer(nlp)
    nlp.add_pipe("ct_sentences", before="parser", config=config.get("ct_sentences", {}))
    for name in COMPONENTS[1:]:
        nlp.add_pipe(name, config=config.get(name, {}))
    return nlp


@contextmanager
def dates_only(nlp: Language) -> Iterator[Language]:
    """`nlp` with attribution and claims switched off (`select_pipes`), for `claimtrack dates`.

    Every step dates depend on (sentences, the attribute table, the parser) runs as in ingest,
    so an expression resolves to the same value in both.
    """
    disabled = [name for name in DATES_DISABLED if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        yield nlp


def _swap_attribute_ruler(nlp: Language) -> None:
    """Replace the model's `attribute_ruler` with an equivalent `ct_attribute_table`, at the same position.

    Keeps the original (and logs a warning) when compiling meets a rule whose effect a per-token
    table cannot reproduce exactly (`Uncompilable`): slower but correct.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = cast(AttributeRuler, nlp.get_pipe("attribute_ruler"))  # get_pipe is typed as a bare callable
    table = nlp.add_pipe("ct_attribute_table", name="attribute_table", after="attribute_ruler")
    assert isinstance(table, AttributeTable)
    try:
        table.initialize(nlp=nlp, patterns=ruler.patterns)
    except Uncompilable as exc:
        log.warning("keeping the model's attribute_ruler (slower): %s", exc)
        nlp.remove_pipe("attribute_table")
        return
    nlp.remove_pipe("attribute_ruler")


def _swap_lemmatizer(nlp: Language) -> None:
    """Replace the model's `lemmatizer` with a `ct_lemma_table` holding its tables, at the same position.

    Keeps the original when it is not one whose per-token inputs we audited (`Unwrappable`:
    another class, lookup mode, a patched method).
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    try:
        model = check_wrappable(nlp.get_pipe("lemmatizer"))
    except Unwrappable as exc:
        log.info("keeping the model's lemmatizer: %s", exc)
        return
    table = nlp.add_pipe(
        "ct_lemma_table", name="lemma_table", after="lemmatizer", config={"overwrite": model.overwrite}
    )
    assert isinstance(table, LemmaTable)
    table.initialize(nlp=nlp, lookups=model.lookups)
    nlp.remove_pipe("lemmatizer")


def _own_model(name: str) -> Language:
    """A model instance of our own: `load_model()`'s is shared, and adding our pipes to it would leak."""
    try:
        return spacy.load(name)
    except OSError:
        return load_model(name)  # raises ModelMissing with install advice
