"""Expressions that count from the story's last dated event: "two days later", "that day", "the next week"."""

from __future__ import annotations

import datetime as dt

from claims.dates import PartialDate
from pipeline.nlp.temporal.explicit import calendar_date
from pipeline.nlp.temporal.lexicon import (
    BACKWARD,
    FORWARD,
    MONTHS,
    UNITS,
)
from pipeline.nlp.temporal.values import (
    DURATION,
    UNIT_GRAIN,
    VAGUE,
    Relative,
    Resolution,
    Tense,
    at,
    calendar_word,
    coarser,
    number,
    shift,
)


def story(ws: list[str], base: dt.date, anchor: PartialDate | None) -> Resolution | None:
    """Expressions that count from the story's last dated event ("two days later", "that day")."""
    relative: Relative = "story" if anchor is not None else "publication"
    ref = anchor or PartialDate.from_date(base)
    ref_day, ref_grain = ref.first_day, ref.granularity
    if ref_grain in ("minute", "daypart"):
        ref_grain = "day"
    units = [w for w in ws if w in UNITS]
    if not units or any(w in MONTHS for w in ws):
        return None
    unit = UNITS[units[-1]]
    forward, backward = bool(set(ws) & FORWARD), bool(set(ws) & BACKWARD)
    # "that day", "the same day", "that same year", "later that year", "that morning"
    # "earlier in the year", "later in the week": a part of the story's own period, not a step away
    in_period = ws[0] in ("earlier", "later") and ws[1:-1] in (["in"], ["in", "the"])
    if ws[0] == "that" or "same" in ws or ws[:2] in (["later", "that"], ["earlier", "that"]) or in_period:
        if unit == "daypart":
            unit = "day"
        grain = coarser(ref_grain, UNIT_GRAIN[unit])
        return at(ref_day, grain, relative)
    if not (forward or backward):
        return None
    counts = [c for c in (number(w) for w in ws) if c is not None]
    if (units[-1].endswith("s") or units[-1] == "ago") and not counts:
        return VAGUE  # "days later", "weeks after"
    if counts and ws[-1] in UNITS and {"next", "following"} & set(ws[:2]):
        return DURATION  # "the next five years" is a stretch of time, not a point
    n = counts[0] if counts else 1
    if unit == "daypart":
        unit = "day"
    grain = coarser(ref_grain, UNIT_GRAIN[unit])
    if forward and ws[0] in ("next", "following") and len(ws) == 2 and anchor is None:
        return None  # "next week" without a story is deictic (handled before) -- safety
    if forward and anchor is None and not {"next", "following"} & set(ws):
        # "Two days later" with nothing dated before it counts from an event we cannot see: publication
        # + 2 would be a made-up date. Null (vague) instead, so a claim date falls back to publication.
        return VAGUE
    step = n if forward else -n
    if unit in ("hour", "minute") and ref.granularity == "minute":
        # "an hour later" than "10 p.m. Friday": the clock decides whether it is still that day
        ref_day = (ref.start + dt.timedelta(**{f"{unit}s": step})).date()
        step = 0
    res = at(shift(ref_day, step, unit), grain, relative)
    return Resolution(res.value, None, False, "DATE", relative, flashback=step < 0 and anchor is not None)


def compound_split(ws: list[str]) -> int | None:
    """Index where the explicit part of "two days later, on March 12" starts, else None."""
    for i, w in enumerate(ws[:-1]):
        if w in ("later", "earlier", "afterwards", "after") and i >= 1 and ws[i - 1] in UNITS:
            rest = ws[i + 1 :]
            if rest and rest[0] in ("on", "in", "at"):
                rest = rest[1:]
            if rest and (calendar_word(rest) or any(w2.isdigit() for w2 in rest)):
                return len(ws) - len(rest)
    return None


def compound(
    text: str, ws: list[str], split: int, base: dt.date, anchor: PartialDate | None, tense: Tense
) -> Resolution:
    explicit_words = ws[split:]
    explicit_text = " ".join(explicit_words)
    # The explicit part lies after (or before) the anchor; infer its year from the publication date first.
    res = calendar_date(
        explicit_text, explicit_words, base, anchor, tense, later_than=anchor if "earlier" not in ws else None
    )
    if res.value is None:
        return res
    offset = story(ws[:split], base, PartialDate(res.value))  # forward offset applied to the explicit date
    backdate = None
    if offset is not None and offset.value is not None:
        # Mirror the offset: "two days later, on March 12" -> the earlier event is March 10.
        counts = [number(w) for w in ws[:split] if number(w) is not None]
        units = [UNITS[w] for w in ws[:split] if w in UNITS]
        if counts and units:
            n = counts[0] or 1
            step = -n if "earlier" not in ws else n
            value = PartialDate(res.value)
            grain = coarser(value.granularity if value.granularity != "minute" else "day", UNIT_GRAIN[units[0]])
            backdate = str(PartialDate.from_date(shift(value.first_day, step, units[0]), grain))
    # the value is the explicit date's: anchored where its year came from, not to the offset's anchor
    return Resolution(res.value, res.modifier, False, res.type, res.relative, backdate)
