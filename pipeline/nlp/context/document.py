"""Where a sentence stands in its story: paragraphs, quotations, reporting verbs, tense.

Claim dates depend on structure the parse gives: whether a date hangs off the
reporting verb ("Speaking on Monday, X said") or sits inside what was reported
("X said the deal closed in late 2021"), whether a sentence continues a quotation
introduced earlier, and which paragraph it is in. One `DocContext` per document
holds these facts (built from token arrays, not text scans) and is cached for the
last few documents, since `statement_date` is called once per sentence. The answers
per sentence and per date span are memoised too: the same sentence's reporting verbs
are asked for by its statement date, its event dates and the story time after it,
and walking its tokens again builds a new `Token` object per token each time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from functools import cached_property
from typing import Literal

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import load
from pipeline.nlp.context.quotes import QUOTE_OPENERS, quote_regions
from pipeline.nlp.temporal.lexicon import FUTURE_AUX

Tense = Literal["past", "present", "future"]

# One list of reporting verbs for every component (pipeline/lexicon/data/reporting_verbs.txt).
REPORTING_LEMMAS: frozenset[str] = load("reporting_verbs")
_CONTENT_DEPS = frozenset({"ccomp", "csubj", "parataxis"})
_THAT_DEPS = frozenset({"ccomp", "acl"})
_MODALS = frozenset({"would", "might", "could", "may", "can", "should", "must"})
_FUTURE_HEADS = frozenset({"go", "expect", "plan", "schedule", "set", "due", "intend", "hope", "aim"})
# Token arrays hold string hashes: compare hashes, so finding cues needs no Token objects.
_REPORTING_IDS = frozenset(get_string_id(w) for w in REPORTING_LEMMAS)
_ACCORDING, _TO = np.uint64(get_string_id("according")), np.uint64(get_string_id("to"))


def tense_of(span: Span) -> Tense:
    """Tense of the verb governing a date expression (its direction for "Friday", "March 12")."""
    tok: Token = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "present"
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX or a.lower_ in _MODALS for a in auxes):
        return "future"
    if tok.dep_ == "xcomp" and tok.head.lemma_ in _FUTURE_HEADS:
        return "future"
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    if tok.tag_ == "VBN" and tok.head.tag_ == "VBD":
        return "past"
    return "present"


class DocContext:
    """Sentences, paragraphs and quotations of one parsed document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        flags = doc.to_array([IS_SPACE, POS, LEMMA, LOWER])
        spaces = np.nonzero(flags[:, 0])[0]
        self._space = flags[:, 0].tolist()
        self._breaks = [int(i) for i in spaces if "\n" in doc[int(i)].text]
        # The one quote detector (context/quotes.py), shared with attribution.
        self.quote_regions: list[tuple[int, int]] = quote_regions(doc)
        self._quotes = self.quote_regions
        # Candidate cues of the whole document, in token order; `reporting_verbs` keeps a sentence's share.
        verbs = np.nonzero((flags[:, 1] == VERB) | (flags[:, 1] == AUX))[0].tolist()
        lemmas = flags[:, 2]
        self._verb_cues = [i for i in verbs if int(lemmas[i]) in _REPORTING_IDS]
        lower = flags[:, 3]
        self._according = np.nonzero((lower[:-1] == _ACCORDING) & (lower[1:] == _TO))[0].tolist()
        self._reporting: dict[tuple[int, int], list[Token]] = {}
        self._content: dict[tuple[int, int], bool] = {}
        self._quoted: dict[tuple[int, int], bool] = {}

    @cached_property
    def text(self) -> str:
        """The document's text, built once (`Doc.text` joins every token again on each access)."""
        return self.doc.text

    # -- positions -------------------------------------------------------------------
    def paragraph(self, i: int) -> int:
        return bisect_right(self._breaks, i)

    def sent_index(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def sent_of(self, i: int) -> Span:
        """The sentence of token `i`, as `Token.sent` gives it (which slices the doc and rescans it on each call)."""
        return self.sents[self.sent_index(i)]

    def in_quote(self, i: int) -> bool:
        for start, end in self._quotes:
            if start <= i < end:
                return True
            if start > i:
                return False
        return False

    def is_quoted(self, sent: Span) -> bool:
        """The sentence is (the start of) quoted speech, not the narrator's own frame."""
        key = (sent.start, sent.end)
        quoted = self._quoted.get(key)
        if quoted is None:
            first = next((i for i in range(sent.start, sent.end) if not self._space[i]), None)
            opens = first is not None and self.doc[first].text in QUOTE_OPENERS
            quoted = first is not None and ((first > 0 and self.in_quote(first)) or opens)
            self._quoted[key] = quoted
        return quoted

    # -- reporting ---------------------------------------------------------------------
    def reporting_verbs(self, sent: Span) -> list[Token]:
        """Reporting verbs of the sentence outside quotations ("said", "issued a statement", "according to").

        Verbs first, then "according" cues, each in token order. A new list per call (callers may keep it).
        """
        key = (sent.start, sent.end)
        verbs = self._reporting.get(key)
        if verbs is None:
            doc = self.doc
            verbs = [doc[i] for i in _within(self._verb_cues, sent) if not self.in_quote(i)]
            verbs += [doc[i] for i in _within(self._according, sent)]
            self._reporting[key] = verbs
        return list(verbs)

    def is_content(self, span: Span) -> bool:
        """The date is part of what was reported (inside a quotation or a reporting verb's complement)."""
        key = (span.start, span.end)
        content = self._content.get(key)
        if content is None:
            content = self._content[key] = self._is_content(span)
        return content

    def _is_content(self, span: Span) -> bool:
        if self.in_quote(span.root.i):
            return True
        tok = span.root
        below: Token | None = None  # the token under the root on the date's path up
        for _ in range(12):
            if tok.head.i == tok.i:
                # "According to the ledger, costs rose in 2017": the clause the phrase frames is what was reported
                according = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "according"]
                if according and below is not None and below.i != according[0].i:
                    return True
                return _trailing_frame(tok)
            if tok.dep_ in _CONTENT_DEPS and tok.head.lemma_ in REPORTING_LEMMAS:
                return True
            # "said that …", and a noun's complement clause: "rejected the claim that … in 2023"
            if tok.dep_ in _THAT_DEPS and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
                return True
            if tok.dep_ in ("conj", "parataxis") and tok.head.i < tok.i and _is_trailing_cue(tok):
                return False  # the date hangs off the trailing frame itself ("…, the mayor said on Monday")
            below, tok = tok, tok.head
        return False


def _within(positions: list[int], span: Span) -> list[int]:
    """The sorted `positions` that fall inside the span."""
    return positions[bisect_left(positions, span.start) : bisect_left(positions, span.end)]


def _is_trailing_cue(verb: Token) -> bool:
    """A reporting verb after its content, with a subject of its own and no "and" before it.

    "The service has been suspended since May, the mayor told the paper on Monday": the parser
    often makes "told" a conjunct of "suspended" instead of making "suspended" its complement.
    """
    if verb.lemma_ not in REPORTING_LEMMAS or verb.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    head = verb.head
    return not any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children)


def _trailing_frame(root: Token) -> bool:
    """The clause of `root` is the content of a reporting verb that follows it as a conjunct."""
    return any(c.dep_ in ("conj", "parataxis") and c.i > root.i and _is_trailing_cue(c) for c in root.children)


_CACHE: OrderedDict[int, tuple[Doc, DocContext]] = OrderedDict()


def context_of(doc: Doc) -> DocContext:
    """The (cached) context of a document; the cache keeps the last 8 documents."""
    hit = _CACHE.get(id(doc))
    if hit is not None and hit[0] is doc:
        _CACHE.move_to_end(id(doc))
        return hit[1]
    ctx = DocContext(doc)
    _CACHE[id(doc)] = (doc, ctx)
    while len(_CACHE) > 8:
        _CACHE.popitem(last=False)
    return ctx
