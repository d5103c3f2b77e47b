"""Explicit calendar expressions: years, months, days, clock times, quarters, holidays (dateparser for spellings)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from claims.dates import Granularity, PartialDate
from pipeline.nlp.temporal.dateparse import parse_calendar
from pipeline.nlp.temporal.lexicon import (
    FIXED_HOLIDAYS,
    MONTHS,
    ORDINALS,
    WEEKDAYS,
)
from pipeline.nlp.temporal.values import (
    VAGUE,
    Relative,
    Resolution,
    Tense,
    at,
    calendar_word,
    weekday_from,
)


def infer_year(month: int, day: int | None, base: dt.date, tense: Tense, later_than: PartialDate | None) -> int:
    """The year that puts a yearless month/day nearest its anchor, in the tense's direction.

    A candidate within `NEAR_DAYS` of the base wins outright: "Jan. 14" in a report of
    Jan. 7 is next week even when the parse calls the verb past. With `later_than` (the
    "N days later, on <date>" case) the date must fall after the story's anchor instead.
    """
    candidates = []
    years = range(base.year - 1, base.year + 2)
    if later_than is not None:  # the story may be set years before the publication date
        years = range(min(later_than.first_day.year, base.year - 1), max(later_than.first_day.year + 2, base.year + 2))
    for year in years:
        d = min(day or 1, calendar.monthrange(year, month)[1])
        start = dt.date(year, month, d)
        end = start if day else dt.date(year, month, calendar.monthrange(year, month)[1])
        candidates.append((year, start, end))
    if later_than is not None:
        after = [c for c in candidates if c[2] >= later_than.first_day]
        if after:
            return after[0][0]  # "N days later, on <date>": the first such date after the story's anchor

    def distance(c: tuple[int, dt.date, dt.date]) -> int:
        return 0 if c[1] <= base <= c[2] else min(abs((c[1] - base).days), abs((c[2] - base).days))

    nearest = min(candidates, key=distance)
    if later_than is None and distance(nearest) <= NEAR_DAYS:
        return nearest[0]
    if tense == "past":
        past = [c for c in candidates if c[1] <= base]
        if past:
            return past[-1][0]
    elif tense == "future":
        future = [c for c in candidates if c[2] >= base]
        if future:
            return future[0][0]
    return nearest[0]


def calendar_date(
    text: str,
    ws: list[str],
    base: dt.date,
    anchor: PartialDate | None,
    tense: Tense,
    later_than: PartialDate | None = None,
) -> Resolution:
    """Explicit calendar expressions: years, months, days, times, quarters, holidays."""
    relative: Relative = "absolute"
    # "March of this year", "May last year": name the year, then parse
    for phrase, step in ((("this", "year"), 0), (("last", "year"), -1), (("next", "year"), 1)):
        for i in range(1, len(ws) - 1):
            if tuple(ws[i : i + 2]) == phrase:
                ws = [*(w for w in ws[:i] if w not in ("of", "in")), str(base.year + step)]
                text = " ".join(ws)
                relative = "publication"
                break
    # "last Oct. 23", "next March 5": the word only says which way to look
    if len(ws) > 1 and ws[0] in ("last", "next", "this", "past", "coming"):
        tense = "future" if ws[0] in ("next", "coming") else "past"
        ws = ws[1:]
        text = " ".join(ws)
    found = quarter(ws, base, tense)
    if found is not None:
        return found
    if not (calendar_word(ws) or any(w[:1].isdigit() for w in ws)):
        return VAGUE
    if len(ws) == 1 and ws[0].isdigit() and len(ws[0]) != 4:
        return VAGUE  # a bare day number ("25") needs context we do not track
    if any(w.isdigit() and len(w) == 4 and int(w) < 1000 for w in ws):
        return VAGUE  # "0735": a clock time or a code, not a year
    weekday = next((w for w in ws if w in WEEKDAYS), None)
    if weekday is not None and not any(w in MONTHS for w in ws):
        # "9 a.m. Tuesday": the day from the weekday rule, the clock time from the parser
        direction = "future" if tense == "future" else "past"
        day = weekday_from(WEEKDAYS[weekday], base, direction)
        rest = " ".join(w for w in text.split() if w.lower().strip(".,'s") not in WEEKDAYS)
        clock = parse_calendar(for_parser(rest), day, "current_period") if rest.strip() else None
        if clock is not None and clock.period == "time":
            return Resolution(f"{day.isoformat()}T{clock.when:%H:%M}", None, False, "TIME", "publication")
        return at(day, "day", "publication")
    prefer = {"past": "past", "future": "future", "present": "current_period"}[tense]
    parsed = parse_calendar(for_parser(text), base, prefer)
    if parsed is None:
        return VAGUE
    when = parsed.when.date()
    grains: dict[str, Granularity] = {"year": "year", "month": "month", "week": "week", "day": "day"}
    grain = grains.get(parsed.period, "day")
    if not parsed.has_year and grain in ("month", "day"):
        year = infer_year(when.month, when.day if grain == "day" else None, base, tense, later_than)
        when = when.replace(year=year, day=min(when.day, calendar.monthrange(year, when.month)[1]))
        relative = "publication"
    if parsed.period == "time":
        if not any(w in MONTHS or "/" in w or w.count("-") == 2 for w in ws):  # a clock time alone
            dated = anchor is not None and anchor.granularity in ("day", "daypart", "minute")
            day = anchor.first_day if dated and anchor is not None else base
            relative = "story" if day is not base else "publication"
            stamp = dt.datetime.combine(day, parsed.when.time())
        else:
            stamp = dt.datetime.combine(when, parsed.when.time())
        return Resolution(stamp.strftime("%Y-%m-%dT%H:%M"), None, False, "TIME", relative)
    return at(when, grain, relative)


NEAR_DAYS = 31  # a month: a yearless date this close to the publication date is the nearer one
_FILLERS = re.compile(
    r"^(?:(?:on|in|at|of|the|from|during|since|by|early|late|mid|end|beginning|start|middle|just|only|already"
    r"|back|about|around|nearly|almost|some|between|post|pre)(?:\s+|-))+",
    re.IGNORECASE,
)


def for_parser(text: str) -> str:
    """Trim what dateparser misreads: leading fillers ("late-November"), possessives, a second date ("24 and 25")."""
    text = text.replace("’", "'").replace("'s", "").strip(" .,;:")
    text = _FILLERS.sub("", text)
    for joiner in (" and ", " to ", " or "):
        text = text.split(joiner)[0]
    return text.strip(" .,;:")


def quarter(ws: list[str], base: dt.date, tense: Tense) -> Resolution | None:
    if "quarter" not in ws:
        return None
    i = ws.index("quarter")
    n = ORDINALS.get(ws[i - 1]) if i > 0 else None
    if n is None:
        return None
    years = [int(w) for w in ws if w.isdigit() and len(w) == 4]
    year = years[0] if years else base.year
    if not years and tense == "past" and dt.date(year, 3 * n - 2, 1) > base:
        year -= 1
    return Resolution(f"{year:04d}-Q{n}", None, False, "DATE", "absolute" if years else "publication")


def holiday(ws: list[str], base: dt.date, tense: Tense, later_than: PartialDate | None) -> Resolution | None:
    if ws[0] in ("last", "next", "this") and len(ws) > 1:
        tense = "future" if ws[0] == "next" else "past"
        ws = ws[1:]
    key = tuple(w.replace("'", "") for w in ws if w not in ("s", "'s"))
    years = [int(w) for w in key if w.isdigit() and len(w) == 4]
    key = tuple(w for w in key if not w.isdigit())
    if key in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[key]
        year = years[0] if years else infer_year(month, day, base, tense, later_than)
        return at(dt.date(year, month, day), "day", "absolute" if years else "publication")
    if key in (("thanksgiving",), ("thanksgiving", "day"), ("election", "day")):
        year = years[0] if years else infer_year(11, 25, base, tense, later_than)
        first = dt.date(year, 11, 1)
        if key[0] == "thanksgiving":
            holiday = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        else:
            holiday = first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
        return at(holiday, "day", "absolute" if years else "publication")
    return None
