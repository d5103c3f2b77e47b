"""Attribution relations (who said what) as a spaCy component: `ct_attribution`.

Each relation is a cue (a speech verb, "according to", a speech noun such as
"the announcement that"), a source (the cue's subject, found through the
parse) and a content span. Results go to `doc.spans["attributions"]`, one span
per content, each with one frozen `span._.attribution` (`AttributionFacts`).
Cues are found with PhraseMatchers on lemmas; everything else walks the parse:

- `cues.py`: the word lists, the `Relation` record and shared parse helpers;
- `verbs.py`: relations of verb cues; `phrases.py`: of "according to", speech
  nouns and transcript labels;
- `assemble.py`: merging, deduplication, claimant resolution, the spans;
- `claimants.py`: who a source mention is.

The factory is registered in `pipeline/nlp/factories.py`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.nlp.attribution.assemble import (
    _dedupe,
    _merge_nested,
    _orphan_quotes,
    _resolve,
    _speaker_inside_quote,
    _to_span,
)
from pipeline.nlp.attribution.cues import CONTINUATION_CUES, SPEECH_ACTS, SPEECH_NOUNS, SPEECH_VERBS, Relation
from pipeline.nlp.attribution.phrases import _according, _noun_relation, _transcript_turn
from pipeline.nlp.attribution.verbs import _act_relation, _verb_relations
from pipeline.nlp.context.document import context_of

SPAN_KEY = "attributions"


class AttributionFinder:
    """Finds attribution relations with a Matcher for cues and the dependency parse for the rest."""

    def __init__(self, nlp: Language, span_key: str = SPAN_KEY) -> None:
        self.span_key = span_key
        # PhraseMatchers are hash look-ups per token; a Matcher with IN-lists costs a predicate per token
        vocab = nlp.vocab
        self.lemmas = PhraseMatcher(vocab, attr="LEMMA")
        cues = sorted(set(SPEECH_VERBS) | SPEECH_ACTS | CONTINUATION_CUES)
        self.lemmas.add("VERB", [Doc(vocab, words=[w], lemmas=[w]) for w in cues])
        self.lemmas.add("NOUN", [Doc(vocab, words=[w], lemmas=[w]) for w in sorted(SPEECH_NOUNS)])
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.phrases.add("ACCORDING", [Doc(vocab, words=["according", "to"])])
        self.phrases.add("SPEAKER", [Doc(vocab, words=[":"])])

    def __call__(self, doc: Doc) -> Doc:
        regions = context_of(doc).quote_regions  # the one quote detector, computed once per doc
        relations: list[Relation] = []
        matches = sorted([*self.lemmas(doc), *self.phrases(doc)], key=lambda m: m[1])
        for match_id, start, _end in matches:
            kind = doc.vocab.strings[match_id]
            tok = doc[start]
            if kind == "VERB" and tok.pos_ in {"VERB", "AUX"}:
                lemma = tok.lemma_.lower()
                found = _verb_relations(tok, regions)
                if lemma not in SPEECH_VERBS:  # a speech act reports a clause only when someone performs it
                    found = [r for r in found if r.source is not None and not r.passive]
                act = _act_relation(tok) if not found and lemma in SPEECH_ACTS else None
                relations.extend(found or ([act] if act else []))
            elif kind == "SPEAKER":
                rel = _transcript_turn(tok)
                if rel:
                    relations.append(rel)
            elif kind == "ACCORDING":
                rel = _according(tok)
                if rel:
                    relations.append(rel)
            elif kind == "NOUN" and tok.pos_ == "NOUN":
                rel = _noun_relation(tok)
                if rel:
                    relations.append(rel)
        relations = [r for r in relations if not _speaker_inside_quote(r, regions)]
        relations.extend(_orphan_quotes(doc, regions, relations))
        relations = _dedupe(_merge_nested(relations))
        _resolve(doc, relations)
        doc.spans[self.span_key] = [_to_span(doc, rel) for rel in relations]
        return doc
