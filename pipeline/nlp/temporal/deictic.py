"""Expressions that count from the publication date: "yesterday", "last week", "Friday", "two weeks ago"."""

from __future__ import annotations

import datetime as dt

from pipeline.nlp.temporal.lexicon import (
    MONTHS,
    UNITS,
    WEEKDAYS,
)
from pipeline.nlp.temporal.values import (
    UNIT_GRAIN,
    VAGUE,
    Resolution,
    Tense,
    at,
    number,
    shift,
    weekday_from,
)


def deictic(ws: list[str], base: dt.date, tense: Tense) -> Resolution | None:
    """Expressions that count from the publication date."""
    head = ws[-1] if len(ws) == 2 and ws[0] in ("later", "earlier", "early", "late") else ws[0]
    if head in ("noon", "midday", "midnight") and len(ws) == 1:
        hour = "00:00" if head == "midnight" else "12:00"
        return Resolution(f"{base.isoformat()}T{hour}", None, False, "TIME", "publication")
    if head in ("today", "tonight", "tonite") or ws[:2] in (
        ["this", "morning"],
        ["this", "afternoon"],
        ["this", "evening"],
    ):
        return at(base, "day", "publication")
    if head == "yesterday":
        return at(base - dt.timedelta(days=1), "day", "publication")
    if head == "tomorrow":
        return at(base + dt.timedelta(days=1), "day", "publication")
    if ws[:3] == ["day", "before", "yesterday"]:
        return at(base - dt.timedelta(days=2), "day", "publication")
    if ws in (["the", "past", "year"], ["the", "last", "year"]):
        return at(shift(base, -1, "year"), "year", "publication")  # TimeML dates "the past year" to the last one
    # "N units ago", "a decade ago"
    if ws[-1] == "ago":
        if len(ws) >= 3 and number(ws[-3]) is not None and ws[-2] in UNITS:
            n, unit = number(ws[-3]) or 1, UNITS[ws[-2]]
            modifier = "approx" if unit in ("decade", "century") else None
            # "two weeks ago" is a day (the day two weeks back), not a calendar week
            grain = "day" if unit in ("week", "fortnight") else UNIT_GRAIN[unit]
            return at(shift(base, -n, unit), grain, "publication", modifier)
        if len(ws) == 2 and ws[0] in UNITS:
            return (
                VAGUE
                if ws[0].endswith("s")
                else at(shift(base, -1, UNITS[ws[0]]), UNIT_GRAIN[UNITS[ws[0]]], "publication")
            )
        return VAGUE
    # "(earlier|later|early) this/last/next week|month|year|quarter"
    rest = ws[1:] if ws[0] in ("earlier", "later", "early", "late") and len(ws) > 2 else ws
    modifier = {"early": "start", "late": "end"}.get(ws[0]) if rest is not ws else None
    if len(rest) == 2 and rest[0] in ("this", "last", "next", "coming", "current") and rest[1] in UNITS:
        if rest[1].endswith("s") or UNITS[rest[1]] in ("decade", "century"):
            return VAGUE  # "the coming years", "this century"
        step = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[rest[0]]
        unit = UNITS[rest[1]]
        if unit == "daypart":
            return at(base, "day", "publication") if step == 0 else None
        if unit == "week" and base.weekday() == 6:
            # News weeks start on Sunday: on a Sunday "last week" is the one that ended yesterday, "this
            # week" the one starting today (in ISO weeks, which start on Monday, one later).
            base += dt.timedelta(days=1)
        return at(shift(base, step, unit), UNIT_GRAIN[unit], "publication", modifier)
    # weekdays: "Monday", "last Friday", "next Tuesday", "Friday morning"
    days = [w for w in ws if w in WEEKDAYS]
    if days and not any(w in MONTHS or w.isdigit() for w in ws):
        if "last" in ws or "past" in ws:
            direction = "last"
        elif "next" in ws or "coming" in ws:
            direction = "next"
        else:
            direction = {"past": "past", "future": "future", "present": "nearest"}[tense]
        day = weekday_from(WEEKDAYS[days[0]], base, direction)
        if "noon" in ws:  # "noon Thursday" is a clock time; "midday" is only a part of the day
            return Resolution(f"{day.isoformat()}T12:00", None, False, "TIME", "publication")
        return at(day, "day", "publication")
    # "last November", "next May", "this March"
    if len(ws) == 2 and ws[0] in ("last", "next", "this") and ws[1] in MONTHS:
        month = MONTHS[ws[1]]
        year = base.year
        if ws[0] == "last":
            year = base.year if month < base.month else base.year - 1
        elif ws[0] == "next":
            year = base.year if month > base.month else base.year + 1
        return at(dt.date(year, month, 1), "month", "publication")
    return None
