"""Which way a date without a year or week points: the governing verb's tense, aspect and meaning.

`tense_of` (pipeline.nlp.context) reads the verb's tense; three readings it cannot
give are added here, for the direction of "Friday", "Dec. 7" and "the summer":

- a reduced relative or adjectival participle ("the injunction issued Thursday")
  describes something done: past;
- a verb of planning or scheduling not in the simple past ("a vote is scheduled for
  Tuesday", "she has scheduled a briefing Thursday") points ahead;
- a forward-looking word right before the date ("effective Dec. 7", "payable Dec.
  1", "due Nov. 22", "starting Monday") points ahead too;
- a negated past modal on a verb of comment or contact ("could not be reached
  Wednesday", "would not comment Friday", "neither could be located Tuesday") reports an
  attempt already made: past, though a bare modal points ahead ("would not close Friday").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.nlp.context.document import tense_of
from pipeline.nlp.temporal.values import Tense

_PLANNING = frozenset({"plan", "schedule", "slate", "expect", "intend", "reschedule", "postpone", "due"})
_PAST_MODALS = frozenset({"could", "would"})
_NEGATIONS = frozenset({"not", "n't", "never", "neither", "nor"})
# What a reporter tries and fails to get: a comment, an answer, the person.
_COMMENT_VERBS = frozenset(
    {"comment", "say", "disclose", "confirm", "discuss", "elaborate", "reveal", "identify", "reach", "locate",
     "find", "contact", "respond", "answer", "speculate", "specify", "release", "return"}
)  # fmt: skip
_FORWARD_CUES = frozenset({"effective", "payable", "due", "starting", "beginning", "expiring", "maturing", "until"})


def _governor(span: Span) -> Token | None:
    tok: Token = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def direction_of(span: Span) -> Tense:
    """The tense that decides which way a weekday, a yearless date or a season points."""
    doc = span.doc
    before = [doc[i].lower_ for i in range(max(0, span.start - 2), span.start)]
    if before and (before[-1] in _FORWARD_CUES or (len(before) == 2 and before[0] in _FORWARD_CUES)):
        return "future"
    tense = tense_of(span)
    verb = _governor(span)
    if verb is None:
        return tense
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    negated = any(t.lower_ in _NEGATIONS for t in doc[verb.left_edge.i : verb.i])
    if verb.lemma_ in _COMMENT_VERBS and negated and any(a.lower_ in _PAST_MODALS for a in auxes):
        return "past"  # "could not be reached Wednesday": the attempt was made, not planned
    planning = verb.lemma_ in _PLANNING or (verb.head.lemma_ in _PLANNING and verb.dep_ in ("xcomp", "acl"))
    present_aux = any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "MD") for c in verb.children)
    if planning and (tense != "past" or present_aux):
        return "future"  # "has scheduled a news conference Thursday"; a past "planned for Saturday" may be over
    if tense == "present" and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "past"  # "the injunction issued Thursday"
    return tense
