"""Every claimtrack spaCy factory, registered in one place.

The component classes live in their own modules and register nothing; this
module declares, for each factory, what it `requires` and `assigns` (so
`nlp.analyze_pipes()` can check the order) and its `default_config`: span keys
and thresholds are configuration, never read from the environment here. The
same functions are exposed as `spacy_factories` entry points (pyproject.toml),
so `spacy.load()` of a saved claimtrack pipeline finds them without importing
claimtrack first.

`doc._.published` (and outlet, author, source_id) are not in any `requires`:
no component assigns them, `make_doc` sets them before the pipeline runs.

| factory | span group / output | extension |
| --- | --- | --- |
| `ct_sentences` | sentence starts, `doc._.datelines` | |
| `ct_temporal` | `doc.spans["dates"]`, `doc._.backdated` | `span._.date` |
| `ct_attribution` | `doc.spans["attributions"]` | `span._.attribution` |
| `ct_claims` | `doc.spans["claims"]` | `span._.claim` |
| `ct_attribute_table` | token attributes, as the model's `attribute_ruler` | |
| `ct_lemma_table` | `token.lemma`, as the model's rule `lemmatizer` | |
"""

from __future__ import annotations

from spacy.language import Language

from pipeline.nlp.attribution.component import SPAN_KEY as ATTRIBUTIONS_KEY
from pipeline.nlp.attribution.component import AttributionFinder
from pipeline.nlp.claims.component import DEFAULT_THRESHOLD, ClaimExtractor
from pipeline.nlp.claims.component import SPAN_KEY as CLAIMS_KEY
from pipeline.nlp.context.sentences import SentenceFixer
from pipeline.nlp.entities import load_country_table
from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.tables.attributes import AttributeTable
from pipeline.nlp.tables.lemmas import DEFAULT_MAX_KEYS, LemmaTable
from pipeline.nlp.temporal.component import SPANS_KEY as DATES_KEY
from pipeline.nlp.temporal.component import TemporalNormaliser

__all__ = [
    "make_attribute_table",
    "make_attribution",
    "make_claims",
    "make_lemma_table",
    "make_sentences",
    "make_temporal",
]

register_extensions()


@Language.factory(
    "ct_sentences",
    assigns=["token.is_sent_start", "doc._.datelines"],
    default_config={},
)
def make_sentences(nlp: Language, name: str) -> SentenceFixer:
    """Paragraph, heading and dateline boundaries, set before the parser (which keeps them)."""
    return SentenceFixer()


@Language.factory(
    "ct_temporal",
    requires=["doc.ents", "token.dep", "token.tag", "token.pos", "token.lemma", "doc.sents"],
    assigns=["doc.spans", "span._.date", "doc._.backdated"],
    default_config={"span_key": DATES_KEY},
)
def make_temporal(nlp: Language, name: str, span_key: str) -> TemporalNormaliser:
    """Temporal expressions resolved against `doc._.published`, into `doc.spans[span_key]`."""
    return TemporalNormaliser(nlp, span_key=span_key)


@Language.factory(
    "ct_attribution",
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents", "token.is_sent_start", "doc._.datelines"],
    assigns=["doc.spans", "span._.attribution"],
    default_config={"span_key": ATTRIBUTIONS_KEY},
)
def make_attribution(nlp: Language, name: str, span_key: str) -> AttributionFinder:
    """Who said what: cues, sources, contents and resolved claimants, into `doc.spans[span_key]`."""
    return AttributionFinder(nlp, span_key=span_key)


@Language.factory(
    "ct_claims",
    requires=[
        "doc.spans",
        "span._.attribution",
        "span._.date",
        "doc._.backdated",
        "doc._.datelines",
        "token.dep",
        "token.pos",
        "token.lemma",
        "doc.ents",
    ],
    assigns=["doc.spans", "span._.claim"],
    default_config={
        "min_checkworthiness": DEFAULT_THRESHOLD,
        "author_claims": True,
        "span_key": CLAIMS_KEY,
        "attributions_key": ATTRIBUTIONS_KEY,
        "dates_key": DATES_KEY,
    },
)
def make_claims(
    nlp: Language,
    name: str,
    min_checkworthiness: float,
    author_claims: bool,
    span_key: str,
    attributions_key: str,
    dates_key: str,
) -> ClaimExtractor:
    """Check-worthy claims from attributions and the author's own sentences, into `doc.spans[span_key]`."""
    load_country_table()  # a component's data loads with the pipeline, not inside its first document
    return ClaimExtractor(
        min_checkworthiness,
        author_claims,
        span_key=span_key,
        attributions_key=attributions_key,
        dates_key=dates_key,
    )


@Language.factory(
    "ct_attribute_table",
    assigns=["token.pos", "token.tag", "token.morph", "token.lemma", "token.dep"],
    requires=["token.tag", "token.dep"],
    default_config={},
)
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """An empty table; `initialize(patterns=ruler.patterns)` or `from_disk` fills it (see build.py)."""
    return AttributeTable(nlp.vocab, name=name)


@Language.factory(
    "ct_lemma_table",
    assigns=["token.lemma"],
    # No `requires`: the model's lemmatizer declares none either, and we stand in for it as-is.
    default_config={"overwrite": False, "max_keys": DEFAULT_MAX_KEYS},
)
def make_lemma_table(nlp: Language, name: str, overwrite: bool, max_keys: int) -> LemmaTable:
    """An empty table; `initialize(lookups=lemmatizer.lookups)` or `from_disk` fills it (see build.py)."""
    return LemmaTable(nlp.vocab, name=name, overwrite=overwrite, max_keys=max_keys)
