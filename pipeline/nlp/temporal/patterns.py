"""Finding temporal expressions: the model's DATE/TIME entities, our phrase patterns, non-date filters.

The small English model finds most dates but misses anaphoric ones ("That day",
"the previous year", "These days") and splits compounds ("two days later" +
"on March 12"; "May 3, 2021" + "9:40 am"). Phrase patterns add the former and
`merge_compounds` joins the latter; `is_non_date` drops numbers the model takes
for years inside names ("Expo 2020") and codes like "6×6".
"""

from __future__ import annotations

import itertools
from typing import cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.nlp.temporal.lexicon import GENERIC_NOW_NOUNS, MONTHS, UNITS, WEEKDAYS

_ANAPHORIC_UNITS = ("day", "morning", "afternoon", "evening", "night", "week", "month", "year", "weekend")
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OFFSET_WORDS = ("later", "earlier", "ago", "afterwards")
_ORDINALS = ("first", "second", "third", "fourth")


def _product(*parts: tuple[str, ...]) -> list[str]:
    return [" ".join(words).strip() for words in itertools.product(*parts)]


# Fixed phrases, matched with a PhraseMatcher on LOWER (fast: no per-token Python predicates).
PHRASES: dict[str, list[str]] = {
    "these_days": ["these days", "nowadays"],
    "that_unit": _product(("that", "that same", "the same", "later that", "earlier that"), _ANAPHORIC_UNITS),
    "story_step": _product(("the previous", "the preceding", "the following", "the next"), _ANAPHORIC_UNITS)
    + _product(("the day", "the week", "the month", "the year"), ("before", "after")),
    "this_period": _product(("earlier", "later", "early", "late"), ("this", "last", "next"), ("week", "month", "year"))
    + _product(("this", "last", "next"), ("week", "month", "year", "weekend")),
    # "two days later": the number before the unit is added by `_with_count`
    "offset": _product(tuple(sorted(UNITS)), _OFFSET_WORDS),
    "deictic": ["today", "yesterday", "tomorrow", "tonight"],
    "holiday": [
        *_product(("", "last", "next", "this"), ("thanksgiving", "christmas", "halloween"), ("", "day", "eve")),
        *["election day", "independence day", "boxing day", "new year's day", "new year's eve"],
    ],
    "weekday": _product(("", "last", "next", "this"), _FULL_WEEKDAYS),
    # an earnings story's period named again, which the model does not tag: see financial.py
    "period": _product(("the latest", "the most recent", "the year-ago", "the year-earlier"), ("period", "quarter"))
    + [f"{fiscal}{nth}{sep}quarter" for fiscal in ("", "fiscal ") for nth in _ORDINALS for sep in (" ", "-")],
    # a month name whose day number the model took for part of a name ("the Aug. 7 bombings"): see _month_day
    "month": sorted({m.title() for m in MONTHS} | {f"{m.title()}." for m in MONTHS if len(m) <= 4}),
}

_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X"})
# What may stand between "two days later" and "on March 12", or "May 3, 2021" and "9:40 am".
_COMPOUND_GAP = frozenset({",", "on", "in", "at", "around", "about"})


def build_matcher(nlp: Language) -> PhraseMatcher:
    """A PhraseMatcher (on lower-case text) with every phrase above, one match id per family."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    tokenizer = cast(Tokenizer, nlp.tokenizer)  # typed as a bare callable; the model's Tokenizer has pipe
    for name, phrases in PHRASES.items():
        matcher.add(name, list(tokenizer.pipe(sorted(set(phrases)))))
    return matcher


def candidate_spans(doc: Doc, matcher: PhraseMatcher) -> list[Span]:
    """DATE/TIME entities plus pattern matches, longest-first without overlaps, trimmed, non-dates dropped."""
    found = [_with_day(ent) for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    month_id = doc.vocab.strings["month"]
    for match_id, start, end in matcher(doc):
        if match_id != month_id:
            found.append(_with_count(Span(doc, start, end, label="DATE")))
        elif (day := _month_day(doc, start, end)) is not None:
            found.append(day)
    spans = [part for span in filter_spans(found) for part in split_ranges(span) for part in split_period_end(part)]
    spans = [span for span in map(_trim, spans) if span is not None and not is_non_date(span)]
    return merge_compounds(sorted(spans, key=lambda s: s.start))


def _month_day(doc: Doc, start: int, end: int) -> Span | None:
    """ "Aug. 7" written as a month name and a day number, which the model left out of its dates.

    Only a capitalised month ("May 5", not "may 5") followed by a day number that is not itself the
    start of something longer ("Aug. 7 1/2", "March 12-14" stay to the model). The model's own
    DATE entities win over this one in `filter_spans` when they are longer.
    """
    if end >= len(doc) or not doc[start].is_title:
        return None
    day = doc[end]
    if not (day.is_digit and len(day.text) <= 2 and 1 <= int(day.text) <= 31):
        return None
    if end + 1 < len(doc) and not doc[end].whitespace_ and not doc[end + 1].is_punct:
        return None
    return Span(doc, start, end + 1, label="DATE")


def _with_day(span: Span) -> Span:
    """Take back a day number the model left out as a CARDINAL: "12" + "September 2023"."""
    if span.start == 0 or span[0].lower_.rstrip(".") not in MONTHS:
        return span
    day = span.doc[span.start - 1]
    if day.is_digit and len(day.text) <= 2 and 1 <= int(day.text) <= 31 and day.whitespace_:
        return Span(span.doc, span.start - 1, span.end, label=span.label_)
    return span


_RANGE_WORDS = frozenset({"and", "to", "through", "or", "-", "–", "until", "till"})
_RANGE_LEAD = frozenset({"between", "from"})


def split_ranges(span: Span) -> list[Span]:
    """ "between 1994 and 1997", "1991 to 1997", "1994, 1995 and 1996": one expression per date.

    Commas split only lists of plain years, so "May 3, 2021" stays whole.
    """
    words = {t.lower_ for t in span}
    if not words & _RANGE_WORDS and "," not in words:
        return [span]
    years_only = all(t.is_punct or t.lower_ in _RANGE_WORDS | _RANGE_LEAD or _is_year(t) for t in span)
    cuts = set(_RANGE_WORDS) | ({","} if years_only else set())
    parts: list[Span] = []
    start = span.start
    for tok in span:
        if tok.lower_ in cuts or (tok.i == span.start and tok.lower_ in _RANGE_LEAD):
            if tok.i > start:
                parts.append(Span(span.doc, start, tok.i, label=span.label_))
            start = tok.i + 1
    if start < span.end:
        parts.append(Span(span.doc, start, span.end, label=span.label_))
    datelike = [p for p in parts if any(_is_year(t) or t.lower_.strip(".") in MONTHS for t in p)]
    return parts if len(datelike) >= 2 and len(datelike) == len(parts) else [span]


_PERIOD_END = frozenset({"ended", "ending"})


def split_period_end(span: Span) -> list[Span]:
    """ "the quarter ended Sept. 30": two expressions, the period and its closing date (TimeML marks both)."""
    for tok in span[1:-1]:
        if tok.lower_ in _PERIOD_END:
            head = Span(span.doc, span.start, tok.i, label=span.label_)
            tail = Span(span.doc, tok.i + 1, span.end, label=span.label_)
            if any(t.lower_.strip(".") in MONTHS or t.like_num for t in tail) or tail[-1].lower_ == "tomorrow":
                return [head, tail]
            return [span]
    return [span]


def _is_year(tok: Token) -> bool:
    return tok.is_digit and len(tok.text) == 4


def _with_count(span: Span) -> Span:
    """ "days later" -> "two days later" / "a day later" when a count stands before the unit."""
    if span.start == 0 or span[-1].lower_ not in _OFFSET_WORDS:
        return span
    prev = span.doc[span.start - 1]
    if prev.like_num or prev.lower_ in ("a", "an"):
        return Span(span.doc, span.start - 1, span.end, label=span.label_)
    return span


def _trim(span: Span) -> Span | None:
    """Drop leading/trailing whitespace and punctuation tokens ("5:59 am\\n\\n")."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].is_punct):
        end -= 1
    if start == end:
        return None
    return Span(span.doc, start, end, label=span.label_) if (start, end) != (span.start, span.end) else span


def is_non_date(span: Span) -> bool:
    """Numbers the model calls dates but that are not: years glued to names, vehicle codes, ages; and
    idioms and names that only look like times ("today's youth", "high noon", "the March for Life")."""
    lowers = [t.lower_ for t in span]
    if any("×" in w or _is_code(w) for w in lowers):
        return True
    if "old" in lowers and ("year" in lowers or "years" in lowers):
        return True  # "57-year-old", "ten years old"
    if lowers[0] == "today" and _noun_after(span) in GENERIC_NOW_NOUNS:
        return True  # "today's youth": the present in general, not the day
    if lowers == ["noon"] and span.start > 0 and span.doc[span.start - 1].lower_ == "high":
        return True  # "high noon": a showdown, not midday
    if len(span) == 1 and span[0].is_title and lowers[0] in MONTHS and span.end + 1 < len(span.doc):
        after, named = span.doc[span.end], span.doc[span.end + 1]
        if after.lower_ in ("for", "on", "against") and named.is_title and named.lower_.strip(".") not in MONTHS:
            return True  # "the March for Life", "the March on Washington": a name, not the month
    if len(span) == 1 and span[0].like_num and len(span[0].text) == 4 and span.start > 0:
        prev = span.doc[span.start - 1]
        if prev.text in ("-", "–") and prev.i > 0:
            prev = span.doc[prev.i - 1]
        # "Expo 2020", "Euro 2016": a year right after a capitalised name is part of the name
        if prev.is_title and prev.pos_ in _NAME_POS and not prev.is_sent_start:
            return prev.lower_.strip(".") not in MONTHS and prev.lower_.strip(".") not in WEEKDAYS
    return False


def _noun_after(span: Span) -> str:
    """The word after an expression, past a possessive "'s" ("today's youth" -> "youth")."""
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].lower_ in ("'s", "’s"):
        i += 1
    return doc[i].lower_ if i < len(doc) else ""


def _is_code(word: str) -> bool:
    """ "8x8", "4x4": digits on both sides of an x."""
    left, sep, right = word.partition("x")
    return bool(sep) and left.isdigit() and right.isdigit()


def merge_compounds(spans: list[Span]) -> list[Span]:
    """Join "two days later" + ", on March 12", "May 3, 2021" + "at 9:40 am" and "the day before" +
    "Christmas" into one expression."""
    out: list[Span] = []
    for span in spans:
        if out and _joinable(out[-1], span):
            prev = out.pop()
            span = Span(
                span.doc, prev.start, span.end, label="TIME" if "TIME" in (prev.label_, span.label_) else "DATE"
            )
        out.append(span)
    return out


def _joinable(left: Span, right: Span) -> bool:
    gap = _words_between(left.doc, left.end, right.start, limit=4)
    if len(gap) > 3:
        return False
    if len(gap) == 1 and gap[0].lower_ in ("or", "and") and all(t.lower_ in UNITS for t in right):
        return True  # "the coming months" + "or years"
    if not gap and left[-1].lower_ in ("before", "after") and left[-2].lower_ in ("day", "night"):
        return True  # "the day before" + "last Tuesday's": one day counted from the other
    if any(t.lower_ not in _COMPOUND_GAP for t in gap):
        return False
    if {t.lower_ for t in left} & {"later", "earlier", "afterwards"}:
        return True  # "two days later, on March 12"
    # a date followed by its time, or a time followed by its day
    return (left.label_ == "DATE" and right.label_ == "TIME") or (left.label_ == "TIME" and right.label_ == "DATE")


def _words_between(doc: Doc, start: int, end: int, limit: int) -> list[Token]:
    """The non-space tokens in [start, end), at most `limit` of them: two dates can be pages apart."""
    words: list[Token] = []
    for i in range(start, end):
        tok = doc[i]
        if not tok.is_space:
            words.append(tok)
            if len(words) == limit:
                break
    return words
