"""The `ct_temporal` spaCy component: every temporal expression, resolved and anchored.

It runs after the model's `ner` and writes `doc.spans["dates"]`, in document
order, each span carrying one frozen `span._.date` (`DateFacts`: value,
modifier, vague, type, anchor, and `.partial_date`). "Now" is the source's
publication date (`Doc._.published`); the clock is never read. The factory is
registered in `pipeline/nlp/factories.py`.

Story time: relative expressions ("two days later", "that day") count from the
last dated event before them. "N days later, on <date>" also back-dates the
statement it counts from: the nearest earlier reported statement without a date
of its own gets <date> − N days (`Doc._.backdated`, sentence start → date).
"N days later" with no dated event before it has nothing to count from: it gets no
value (marked vague) rather than publication + N, so the claim date falls back to
the publication date instead of a made-up one. ("The following day" keeps counting
from the publication date: in a preview it means tomorrow.)

A date inside what was reported is an event date, never the statement date: a
reporting verb's complement, a speech noun's "that"-clause ("rejected the claim
that … in 2023"), and the clause a trailing frame reports ("X happened in May, the
mayor said on Monday": May is content, Monday the statement's date).

`statement_date(sent)` and `event_dates(span)` are what the claim pipeline uses.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claims.dates import PartialDate
from pipeline.nlp.context.docmeta import published_of
from pipeline.nlp.context.document import DocContext, context_of, tense_of
from pipeline.nlp.extensions import DateFacts
from pipeline.nlp.temporal.discourse import (
    PeriodInDiscussion,
    WeekdaysSeen,
    compares_periods,
    date_periods_by_end,
)
from pipeline.nlp.temporal.patterns import build_matcher, candidate_spans
from pipeline.nlp.temporal.resolve import Resolution, resolve
from pipeline.nlp.temporal.tense import direction_of

SPANS_KEY = "dates"
PUBLICATION = "publication date"
# Any date works for the parser when there is no publication date: results relative to it are discarded.
_NO_BASE = dt.date(2000, 1, 1)


class TemporalNormaliser:
    """Finds, resolves and anchors temporal expressions; see the module docstring."""

    def __init__(self, nlp: Language, span_key: str = SPANS_KEY) -> None:
        self.matcher = build_matcher(nlp)
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        published = published_of(doc)
        base = published.first_day if published else None
        spans = candidate_spans(doc, self.matcher)
        anchor: PartialDate | None = None
        anchor_text: str | None = None
        period = PeriodInDiscussion()
        weekdays = WeekdaysSeen()
        ctx = context_of(doc)
        backdated: dict[int, str] = {}
        dated: list[Span] = []  # the spans so far with a value, for back-dating
        for span in spans:
            words = tuple(t.lower_ for t in span if not (t.is_punct or t.is_space))
            prefix = tuple(t.lower_ for t in doc[max(0, span.start - 3) : span.start] if not t.is_space)
            sent = ctx.sent_index(span.start)
            topic = period.at(sent, compares_periods(span.text))
            tense = direction_of(span)
            res = resolve(span.text, words, base or _NO_BASE, anchor, tense, prefix, topic)
            res = weekdays.keep(words, res, tense)
            if base is None and res.relative == "publication":
                res = Resolution(None, None, False, res.type, res.relative)
            _annotate(span, res, anchor_text)
            if res.period and res.value:
                period.name(PartialDate(res.value), sent, base)
            if res.value and res.type in ("DATE", "TIME") and not res.flashback and _anchors(res.value):
                anchor, anchor_text = PartialDate(res.value), span.text
            if res.backdate:
                for target in backdate_targets(context_of(doc), span, dated):
                    backdated.setdefault(target.start, res.backdate)
            if res.value:
                dated.append(span)
        date_periods_by_end(doc, spans)
        doc.spans[self.span_key] = spans
        doc._.backdated = backdated or None
        return doc


_NOT_ANCHORS = frozenset({"half", "season", "decade", "century", "weekend"})


def _anchors(value: str) -> bool:
    """Whether a resolved date can date the story's next events ("two days later" after "the summer" cannot)."""
    return PartialDate(value).granularity not in _NOT_ANCHORS


def _annotate(span: Span, res: Resolution, anchor_text: str | None) -> None:
    if res.relative == "story":
        anchor: str | None = anchor_text or PUBLICATION
    elif res.relative == "publication":
        anchor = PUBLICATION
    else:
        anchor = None
    span._.date = DateFacts(type=res.type, value=res.value, modifier=res.modifier, vague=res.vague, anchor=anchor)


def backdate_targets(ctx: DocContext, expr: Span, dated_spans: list[Span]) -> list[Span]:
    """The earlier statement "N days later, on <date>" counts from, plus the quotation it introduces.

    Walks back from the expression's sentence to the nearest reported statement (a sentence
    with a reporting verb outside quotes), skipping quoted sentences (they belong to the
    statement that introduces them); gives up at a sentence that already has a date.
    """
    here = ctx.sent_index(expr.start)
    dated = {ctx.sent_index(s.start) for s in dated_spans}
    quoted: list[Span] = []
    for i in range(here - 1, max(-1, here - 15), -1):
        sent = ctx.sents[i]
        if ctx.is_quoted(sent):
            quoted.append(sent)
            continue
        if i in dated and not ctx.reporting_verbs(sent):
            return []
        if ctx.reporting_verbs(sent):
            if i in dated and any(not ctx.is_content(s) for s in dated_spans if sent.start <= s.start < sent.end):
                return []  # it has its own statement date
            return [sent, *reversed(quoted)]
    return []


@dataclass(frozen=True, slots=True)
class Dated:
    """A resolved date span with the facts the claim pipeline reads, taken from `Span._` once per doc."""

    span: Span
    type: str | None
    date: PartialDate


@dataclass(frozen=True, slots=True)
class _DocDates:
    """One doc's resolved dates in document order: their starts for bisection, and their facts."""

    starts: list[int]
    facts: list[Dated]


_DATED: dict[int, tuple[Doc, object, _DocDates]] = {}


def _doc_dates(doc: Doc, key: str = SPANS_KEY) -> _DocDates:
    """The doc's resolved date spans with their starts and facts, built once per doc (not once per claim).

    Keyed on the doc and its current span group, so a re-run of the component is seen; the last
    few docs are kept (`nlp.pipe` finishes one doc's components before the next).
    """
    group = doc.spans.get(key)
    hit = _DATED.get(id(doc))
    if hit is not None and hit[0] is doc and hit[1] is group:
        return hit[2]
    facts: list[Dated] = []
    for s in group or []:  # document order (ct_temporal writes it so)
        date = s._.date
        if date is not None and date.value:
            facts.append(Dated(s, date.type, PartialDate(date.value, date.modifier)))
    dates = _DocDates([f.span.start for f in facts], facts)
    _DATED[id(doc)] = (doc, group, dates)
    while len(_DATED) > 8:
        del _DATED[next(iter(_DATED))]
    return dates


def _dated_in(span: Span, key: str = SPANS_KEY) -> list[Dated]:
    """The resolved dates inside `span`, with their facts."""
    dates = _doc_dates(span.doc, key)
    lo = bisect_left(dates.starts, span.start)
    hi = bisect_left(dates.starts, span.end)
    return [f for f in dates.facts[lo:hi] if f.span.end <= span.end]


def statement_date(sent: Span, key: str = SPANS_KEY) -> PartialDate | None:
    """The date on which the sentence's reported statement was made.

    In order: a back-dated statement ("N days later, on <date>" after it); a date attached to
    the sentence's reporting frame rather than to what was reported ("Speaking on Monday, X
    said..."; "Two days later, the company issued a statement"); for a sentence inside a
    quotation, the date of the sentence introducing it; for a past-tense report with no date
    of its own, the story's time in this or the previous paragraph; else the publication date.
    """
    doc = sent.doc
    backdated = doc._.backdated
    if backdated and sent.start in backdated:
        return PartialDate(backdated[sent.start])
    ctx = context_of(doc)
    reporting = ctx.reporting_verbs(sent)
    if reporting:
        for d in _dated_in(sent, key):
            if d.type in ("DATE", "TIME") and not ctx.is_content(d.span):
                return d.date
    if ctx.is_quoted(sent):
        intro = _introducer(ctx, sent)
        if intro is not None:
            return statement_date(intro, key)
    if any(_main_clause(v) and tense_of(doc[_verb(v).i : _verb(v).i + 1]) == "past" for v in reporting):
        story = _story_time(ctx, sent, key)
        if story is not None:
            return story
    return published_of(doc)


def _verb(cue: Token) -> Token:
    """The verb a reporting cue stands for ("according to X, ... expressed" -> "expressed")."""
    return cue.head if cue.lower_ == "according" else cue


def _main_clause(verb: Token) -> bool:
    """The reporting verb is the sentence's root or hangs directly off it ("According to X, ...")."""
    return verb.dep_ == "ROOT" or (verb.lower_ == "according" and verb.head.dep_ == "ROOT")


def _introducer(ctx: DocContext, sent: Span) -> Span | None:
    """The unquoted sentence that introduces a quotation (same or previous paragraph)."""
    i = ctx.sent_index(sent.start)
    para = ctx.paragraph(sent.start)
    for j in range(i - 1, max(-1, i - 12), -1):
        prev = ctx.sents[j]
        if ctx.paragraph(prev.start) < para - 1:
            return None
        if not ctx.is_quoted(prev):
            return prev if ctx.reporting_verbs(prev) or prev.text.rstrip().endswith(":") else None
    return None


def _story_time(ctx: DocContext, sent: Span, key: str = SPANS_KEY) -> PartialDate | None:
    """The last frame-level date before the sentence, in its paragraph or the one before."""
    para = ctx.paragraph(sent.start)
    # latest first; paragraphs only decrease going back, so stop at the first one out of reach
    for d in reversed(_dated_in(ctx.doc[: sent.start], key)):
        if ctx.paragraph(d.span.start) < para - 1:
            return None
        if d.type in ("DATE", "TIME") and not ctx.is_content(d.span):
            return d.date
    return None


def event_dates(span: Span, key: str = SPANS_KEY) -> list[PartialDate]:
    """Dates of what the span says happened: its resolved expressions, minus the statement's own frame date."""
    ctx = context_of(span.doc)
    frame_sent = ctx.sent_of(span.start) if span.end - span.start > 0 else None
    reporting = ctx.reporting_verbs(frame_sent) if frame_sent is not None else []
    out: list[PartialDate] = []
    for d in _dated_in(span, key):
        if d.type not in ("DATE", "TIME"):
            continue
        if reporting and not ctx.is_content(d.span):
            continue
        out.append(d.date)
    return out
