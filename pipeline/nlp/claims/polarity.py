"""Polarity of a proposition: does it affirm or deny?

Read from the parse, not from word lists over the text: a `neg` dependent of
the main predicate ("did not conclude", "would not open"), a negative
determiner or pronoun as one of its arguments ("No decision … has been
taken", "nobody was hurt"), or a denial cue framing the content ("denied
that …", "rejected the claim that …"). A denial of a negated clause is an
affirmation, so the two are combined by parity.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

DENIAL_CUES = {"deny", "reject", "refute", "dismiss", "dispute", "contradict", "debunk", "rebut", "disavow"}
NEGATIVE_WORDS = {"no", "never", "nothing", "nobody", "none", "neither", "nor", "nowhere", "no one"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "pobj", "expl"}


def _predicates(span: Span | Iterable[Token]) -> list[Token]:
    """The main predicate(s) of a clause: tokens whose head lies outside it, plus their conjuncts."""
    tokens = list(span)
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    preds = list(roots)
    for root in roots:
        preds.extend(c for c in root.children if c.dep_ == "conj" and c.i in ids and c.pos_ in {"VERB", "AUX"})
    return preds


def is_negated_clause(tokens: Span | Iterable[Token]) -> bool:
    """True when the clause's own predicate is negated (not a negation buried in a sub-clause)."""
    for pred in _predicates(list(tokens)):
        for child in pred.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ in ARGUMENT_DEPS and _has_negative_determiner(child):
                return True
            if child.dep_ == "advmod" and child.lower_ == "never":
                return True
            # "with no evidence" (a prep's object) negates an adjunct, not the claim: not counted
    return False


def _has_negative_determiner(tok: Token) -> bool:
    if tok.lower_ in NEGATIVE_WORDS:
        return True
    return any(c.dep_ in {"det", "neg"} and c.lower_ in NEGATIVE_WORDS for c in tok.children)


def polarity(content: Span | Iterable[Token], cue: Token | None = None) -> str:
    """ "negated" or "affirmed" for content framed by `cue` (a denial cue flips the content's polarity)."""
    negated = is_negated_clause(content)
    if cue is not None and cue.lemma_.lower() in DENIAL_CUES:
        cue_negated = any(c.dep_ == "neg" for c in cue.children)
        negated = negated != (not cue_negated)
    return "negated" if negated else "affirmed"
