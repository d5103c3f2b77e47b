"""Resolving one temporal expression to a `PartialDate`, given its anchors and tense.

Pure functions over the expression's lower-cased words, so results cache per
(expression, context) and tests need no spaCy. The component
(`pipeline/temporal.py`) finds the expressions and supplies the context:

- `base`: the publication date ("now"): "yesterday", "last week", "on Monday";
- `anchor`: the last dated event of the story: "two days later", "that day";
- `tense`: which way a bare "Friday" or "March 12" points.

Calendar spellings ("Aug. 7", "May 3, 2021 at 9:40 am") go to dateparser via
`pipeline.nlp.temporal.dateparse`; everything relative is computed here, so granularity is
exactly what the words give ("last week" is a week, not a day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

from claims.dates import PartialDate
from pipeline.nlp.temporal.deictic import deictic
from pipeline.nlp.temporal.explicit import calendar_date, holiday
from pipeline.nlp.temporal.financial import financial
from pipeline.nlp.temporal.lexicon import (
    HEDGES,
    INNER_MODIFIERS,
    PREFIX_MODIFIERS,
    SEASONS,
    SET_WORDS,
    UNITS,
    VAGUE_WORDS,
)
from pipeline.nlp.temporal.periods import DAYPART_CODES, decade, season, weekend, with_daypart
from pipeline.nlp.temporal.spoken import spoken_to_digits
from pipeline.nlp.temporal.story import compound, compound_split, story
from pipeline.nlp.temporal.values import (
    DURATION,
    SET,
    VAGUE,
    Resolution,
    Tense,
    at,
    calendar_word,
    has_count,
    is_decade,
    shift,
)

__all__ = ["Resolution", "resolve", "shift"]

_KEEP_THE = frozenset({"next", "following", "previous", "preceding", "same", "last", "past"})


def _clean(words: tuple[str, ...]) -> tuple[list[str], str | None, bool]:
    """Drop fillers; return (words, inner modifier, hedged)."""
    out: list[str] = []
    modifier: str | None = None
    hedged = False
    for i, w in enumerate(words):
        w = w.strip(".").replace("’", "'")
        if not w or w in ("'s", "'", "-", "s"):
            continue
        if not out and (w == "of" or (w == "the" and (i + 1 == len(words) or words[i + 1] not in _KEEP_THE))):
            continue
        if w in ("just", "only", "already", "back", "more", "than", "over", "within", "nearly", "almost"):
            hedged = hedged or w in HEDGES
            if w in ("within", "over") and i == 0:
                out.append(w)
            continue
        if w in HEDGES and i + 1 < len(words):
            hedged = True
            continue
        if w in INNER_MODIFIERS and not out and i + 1 < len(words):
            modifier = INNER_MODIFIERS[w]
            continue
        if w.startswith("mid-"):
            modifier, w = "mid", w[4:]
        out.append(w)
    for i in range(1, len(out) - 1):
        if out[i : i + 2] in (["or", "so"], ["or", "more"]):
            # "the next two years or so", "a week or so ago": a hedge on the span, not a date word
            out, hedged = out[:i] + out[i + 2 :], True
            break
    # "the end of 2021": drop the "of" (and "the") left behind by an inner modifier
    while modifier and out and out[0] in ("of", "the"):
        out.pop(0)
    return out, modifier, hedged


def prefix_modifier(prefix: tuple[str, ...]) -> str | None:
    """A bounding word right before the expression ("by 2023", "since 2015", "back in 2018" has none)."""
    for w in reversed(prefix[-2:]):
        if w in PREFIX_MODIFIERS:
            return PREFIX_MODIFIERS[w]
        if w not in ("in", "the", "of", "early", "late", "mid"):
            return None
    return None


@lru_cache(maxsize=16384)
def resolve(
    text: str,
    words: tuple[str, ...],
    base: dt.date,
    anchor: PartialDate | None = None,
    tense: Tense = "past",
    prefix: tuple[str, ...] = (),
    period: PartialDate | None = None,
) -> Resolution:
    """Resolve one expression (`words`: its lower-cased tokens without punctuation; `text` as written).

    `period` is the reporting period under discussion ("the third quarter" named a sentence or two
    before), which "the quarter" and "a year earlier" refer to.
    """
    ws, inner, hedged = _clean(words)
    if not ws:
        return VAGUE
    if inner and ws in (["year"], ["month"], ["week"]):
        ws = ["this", ws[0]]  # "at the end of the year" is a point in the current year, not a stretch of time
    if len(ws) == 2 and ws[0] in DAYPART_CODES and ws[1] in ("yesterday", "today", "tomorrow"):
        ws = [ws[1], ws[0]]  # "afternoon yesterday" is "yesterday afternoon"
    outer = prefix_modifier(prefix)
    if prefix[-1:] in (("until",), ("till",)) or prefix[-3:] == ("as", "soon", "as"):
        tense = "future"  # "postponed until Tuesday": a deadline lies ahead whatever the verb's tense
    try:
        res = _resolve_core(text, ws, base, anchor, tense, prefix, period)
    except (ValueError, OverflowError):
        return VAGUE  # "9999 years later" runs off the calendar: no value rather than a crashed document
    value = res.value
    if value is None:
        return res
    modifier = res.modifier or inner or outer or ("approx" if hedged and res.relative != "absolute" else None)
    if modifier != res.modifier:
        res = replace(res, modifier=modifier)
    if res.type == "DATE" and len(value) == 10:
        res = replace(res, value=with_daypart(value, ws))  # "Friday morning", "tonight"
    return res


def _resolve_core(
    text: str,
    ws: list[str],
    base: dt.date,
    anchor: PartialDate | None,
    tense: Tense,
    prefix: tuple[str, ...],
    period: PartialDate | None,
) -> Resolution:
    if ws[:2] == ["week", "of"] and len(ws) > 2:  # "the week of March 6": the week that contains it
        day = _resolve_core(" ".join(ws[2:]), ws[2:], base, anchor, tense, prefix, period)
        if day.value and PartialDate(day.value).granularity == "day":
            return replace(day, value=PartialDate.from_date(PartialDate(day.value).first_day, "week").value)
    if len(ws) > 2 and ws[0] in ("day", "night") and ws[1] in ("before", "after"):
        # "the day before last Tuesday's hearing", "the night after Election Day": a day's step from a date
        day = _resolve_core(" ".join(ws[2:]), ws[2:], base, anchor, tense, prefix, period)
        if day.value and PartialDate(day.value).granularity == "day":
            step = dt.timedelta(days=-1 if ws[1] == "before" else 1)
            return replace(day, value=PartialDate.from_date(PartialDate(day.value).first_day + step).value)
        return VAGUE
    spelled = spoken_to_digits(ws)
    if spelled != ws:  # "January nineteen ninety-seven": the calendar rules read digits
        ws, text = spelled, " ".join(spelled)
    wset = set(ws)
    # "two days later, on March 12": value from the explicit part, the offset back-dates the earlier event.
    split = compound_split(ws)
    if split is not None:
        return compound(text, ws, split, base, anchor, tense)
    if wset & SET_WORDS:
        return SET
    found = financial(ws, base, tense, period, "'s" in text.lower() or "’s" in text.lower())
    if found is not None:
        return found
    spoken_the = "the" in text.lower().split() or prefix[-1:] == ("the",)  # "the nineties", not "his forties"
    found = season(ws, base, tense) or weekend(ws, base, tense) or decade(ws, base, spoken_the)
    if found is not None:
        return found
    if wset & SEASONS or any(is_decade(w) for w in ws):
        return VAGUE  # a season or decade word inside something else ("summer jobs")
    if ws in (["these", "days"], ["nowadays"], ["this", "time"]):
        return at(base, "month", "publication")
    if ws[0] in ("within", "over") or (prefix and prefix[-1] in ("for", "within", "during") and has_count(ws)):
        return DURATION if not wset & VAGUE_WORDS else VAGUE
    found = holiday(ws, base, tense, None)
    if found is not None:
        return found
    found = deictic(ws, base, tense)
    if found is not None:
        return found
    found = story(ws, base, anchor)
    if found is not None:
        return found
    if wset & VAGUE_WORDS:
        return VAGUE
    if has_count(ws) or (ws[-1] in UNITS and len(ws) <= 3 and not calendar_word(ws)):
        # "six weeks", "the past year", "days": spans of time, not points
        return VAGUE if ws[-1].endswith("s") and not has_count(ws) else DURATION
    return calendar_date(text, ws, base, anchor, tense)
