"""Sanity for a claim's date: never after publication, one story day, no dates borrowed from background.

The temporal component dates a statement from its own frame ("said on
Monday"), the sentence introducing a quote, or the story time of the
paragraph around it. Three things go wrong on real reporting, and are put
right here, after the fact, per claim:

- a claim cannot be made after the article reporting it was published: a
  later date (a misread weekday, a forecast) falls back to the story day;
- a year or a month, or a bounded range ("before the November election"),
  borrowed from a neighbouring background sentence ("who was first elected in
  2003") is no statement date: unless the frame sentence itself carries it,
  the statement is dated by the story day;
- a statement with no date of its own, in a paragraph with no date, belongs
  to the occasion the story is about: the lede's day ("met on Wednesday
  night"), not a background date a paragraph earlier, and not the publication
  date when the lede names the day.

The story day is read once per document: the first frame-level, day-precise
date of the opening paragraph that is not after publication and at most two
weeks before it. Every claim without its own date gets that same day, so
"Monday night" and "Monday" in one story resolve alike.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token

from claims.dates import PartialDate
from pipeline.nlp.context.document import context_of

DATES_KEY = "dates"
STORY_DAY_REACH = dt.timedelta(days=14)


def _parse(value: str | PartialDate | None) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    try:
        return PartialDate(value)
    except ValueError:
        return None


def story_day(doc: Doc, published: PartialDate | str | None) -> PartialDate | None:
    """The day the story is about: the first frame-level day in the opening paragraph, near publication."""
    pub = _parse(published)
    if pub is None:
        return None
    ctx = context_of(doc)
    if not ctx.sents:
        return None
    lede = ctx.paragraph(ctx.sents[0].start)
    for span in sorted(doc.spans.get(DATES_KEY, []), key=lambda s: s.start):
        if ctx.paragraph(span.start) > lede:
            break
        date = partial_date(span)
        if date is None or date.granularity != "day" or date.modifier or ctx.is_content(span):
            continue
        if date.first_day <= pub.last_day and pub.first_day - date.first_day <= STORY_DAY_REACH:
            return date
    return None


def _frame_dates(doc: Doc, sent: Span, reach: int = 0) -> list[str]:
    """The dates written up to the end of `sent` in its paragraph (and `reach` paragraphs before), str form."""
    ctx = context_of(doc)
    para = ctx.paragraph(sent.start)
    out: list[str] = []
    for span in doc.spans.get(DATES_KEY, []):
        if span.end <= sent.end and para - reach <= ctx.paragraph(span.start) <= para and not _background(span):
            date = partial_date(span)
            if date is not None:
                out.append(str(date))
    return out


def partial_date(span: Span) -> PartialDate | None:
    """The calendar value ct_temporal gave a date span (its `DateFacts`), or None."""
    facts = span._.date
    return facts.partial_date if facts is not None else None


RANGE_PREPS = {"from", "between", "until", "till", "through"}


def _background(span: Span) -> bool:
    """A date that describes, not dates the story: a relative clause ("who was first elected in 2003"),
    a range ("from 2009 to 2017") or a role ("As governor in 2012, …")."""
    root = span.root
    if any(t.dep_ in {"relcl", "acl"} for t in root.ancestors):
        return True
    head = root.head
    if head.lower_ in RANGE_PREPS or (head.lower_ == "to" and any(c.lower_ == "from" for c in head.head.children)):
        return True
    return any(t.dep_ == "prep" and t.lower_ == "as" for t in root.ancestors)


def _in_sentence(doc: Doc, sent: Span, value: str) -> bool:
    return any(
        sent.start <= s.start and s.end <= sent.end and str(date) == value
        for s in doc.spans.get(DATES_KEY, [])
        if (date := partial_date(s)) is not None
    )


# How a date hangs off the reporting verb when it dates the saying ("said on Monday", "In a 2015 interview,
# X said", "Speaking last week, X said"); a date under the verb's object or clause is what was said about.
ADVERBIAL_DEPS = {"prep", "npadvmod", "advmod", "advcl", "tmod", "obl", "nmod"}


def _attached(span: Span, cue: Token) -> bool:
    """The date modifies the saying itself: it reaches the cue (or a clause above it) through adverbials only."""
    verb = cue.head if cue.lower_ == "according" else cue
    above = {t.i for t in verb.ancestors} | {verb.i}
    tok = span.root
    for _ in range(12):
        if tok.head.i == tok.i:
            return False
        if tok.head.i in above:
            return tok.dep_ in ADVERBIAL_DEPS
        tok = tok.head
    return False


def present_tense(cue: Token) -> bool:
    """The reporting verb is present or present perfect ("says", "has said"), so the statement stands now."""
    verb = cue.head if cue.lower_ == "according" else cue
    if verb.tag_ in {"VBZ", "VBP"}:
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in verb.children)


def _adverbial(span: Span) -> bool:
    """The date says when its clause happened ("increased in 2021", "On Monday, …"), not which thing it names."""
    if _background(span):
        return False  # "filed on April 2", "who was elected in 2003": when something else happened
    tok = span.root
    for _ in range(6):  # "In a phone interview on Monday, X said": through the phrases to the verb
        if tok.dep_ not in ADVERBIAL_DEPS | {"pobj"} or tok.head.i == tok.i:
            return False
        if tok.head.pos_ in {"VERB", "AUX"}:
            return tok.dep_ in ADVERBIAL_DEPS
        tok = tok.head
    return False


def settle(
    doc: Doc,
    frame_sent: Span,
    claim_date: str | None,
    published: PartialDate | str | None,
    story: PartialDate | str | None,
    cue: Token | None = None,
) -> str | None:
    """The claim date after the checks of the module docstring (`story`: the story day, or None)."""
    day = _parse(story)
    pub = _parse(published)
    date = _parse(claim_date)
    fallback = str(day) if day is not None else (str(pub) if pub is not None else claim_date)
    if date is None:
        return fallback
    if pub is not None and date.first_day > pub.last_day:
        return fallback  # said after the article reporting it was published: impossible
    value = str(date)
    if cue is not None and (day is None or date != day) and (pub is None or date != pub):
        here = [s for s in doc.spans.get(DATES_KEY, []) if frame_sent.start <= s.start and s.end <= frame_sent.end
                and str(partial_date(s)) == value]  # fmt: skip
        if here and not any(_attached(s, cue) for s in here):
            return fallback  # "stressed her support of the 2011 raid and said": the year is the raid's
        if not here and present_tense(cue):
            return fallback  # "X has said", "X says": said now, whatever the paragraph before was about
        if not here:
            ctx = context_of(doc)
            there = [s for s in doc.spans.get(DATES_KEY, []) if s.end <= frame_sent.start
                     and str(partial_date(s)) == value]  # fmt: skip
            # a date inside someone's words ("X said Y voted for it in 2019") is what they spoke about
            if there and not any(_adverbial(s) and not ctx.is_content(s) for s in there):
                return fallback  # story time read off "the 2014 National Climate Assessment": a name, not a time
    if date.modifier is not None and not _in_sentence(doc, frame_sent, value):
        return fallback  # "before the November election" bounds the story; it is not the day anything was said
    if date.granularity != "day" and value not in _frame_dates(doc, frame_sent, reach=1):
        return fallback  # a year from a background clause ("who was first elected in 2003") is not when it was said
    if day is not None and pub is not None and date == pub and value not in _frame_dates(doc, frame_sent):
        return str(day)  # no date of its own: the occasion the story is about, not the day it was printed
    if day is not None and value not in _frame_dates(doc, frame_sent) and date.first_day < day.first_day:
        return str(day)  # a background date from an earlier paragraph
    return value
