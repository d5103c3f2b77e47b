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

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from claims.dates import Granularity, PartialDate
from pipeline.nlp.temporal.dateparse import parse_calendar
from pipeline.nlp.temporal.lexicon import (
    BACKWARD,
    FIXED_HOLIDAYS,
    FORWARD,
    HEDGES,
    INNER_MODIFIERS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PREFIX_MODIFIERS,
    SEASONS,
    SET_WORDS,
    UNITS,
    VAGUE_WORDS,
    WEEKDAYS,
)

Tense = Literal["past", "present", "future"]
DateType = Literal["DATE", "TIME", "DURATION", "SET"]
Relative = Literal["absolute", "publication", "story"]

_RANK: dict[str, int] = {"year": 0, "quarter": 1, "month": 2, "week": 3, "day": 4, "minute": 5}
_UNIT_GRAIN: dict[str, Granularity] = {
    "day": "day", "fortnight": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year",
    "decade": "year", "century": "year", "hour": "day", "minute": "day", "weekend": "day", "daypart": "day",
}  # fmt: skip
# "the next day" counts from the story, "next week" from the publication date: keep "the" before these.
_KEEP_THE = frozenset({"next", "following", "previous", "preceding", "same", "last", "past"})


@dataclass(frozen=True)
class Resolution:
    """The reading of one expression."""

    value: str | None = None  # PartialDate value without modifier
    modifier: str | None = None
    vague: bool = False
    type: DateType = "DATE"
    relative: Relative = "absolute"
    # "two days later, on March 12": the explicit date is the value; the offset dates the event it counts from.
    backdate: str | None = None
    # "the previous year", "a week earlier": background, so the story's time does not move back to it
    flashback: bool = False

    @property
    def partial_date(self) -> PartialDate | None:
        return PartialDate(self.value, self.modifier) if self.value else None


VAGUE = Resolution(vague=True)
DURATION = Resolution(type="DURATION")
SET = Resolution(type="SET")


def coarser(a: Granularity, b: Granularity) -> Granularity:
    """The coarser of two granularities (a shift cannot add precision its anchor lacks)."""
    return a if _RANK[a] <= _RANK[b] else b


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """`day` moved by n units (months clamp to the month's last day)."""
    if unit in ("day", "hour", "minute", "daypart"):
        return day + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return day + dt.timedelta(days=14 * n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


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
) -> Resolution:
    """Resolve one expression (`words`: its lower-cased tokens without punctuation; `text` as written)."""
    ws, inner, hedged = _clean(words)
    if not ws:
        return VAGUE
    if inner and ws in (["year"], ["month"], ["week"]):
        ws = ["this", ws[0]]  # "at the end of the year" is a point in the current year, not a stretch of time
    outer = prefix_modifier(prefix)
    if prefix[-1:] in (("until",), ("till",)) or prefix[-3:] == ("as", "soon", "as"):
        tense = "future"  # "postponed until Tuesday": a deadline lies ahead whatever the verb's tense
    try:
        res = _resolve_core(text, ws, base, anchor, tense, prefix)
    except (ValueError, OverflowError):
        return VAGUE  # "9999 years later" runs off the calendar: no value rather than a crashed document
    if res.value is None:
        return res
    modifier = res.modifier or inner or outer or ("approx" if hedged and res.relative != "absolute" else None)
    if modifier != res.modifier:
        res = Resolution(res.value, modifier, res.vague, res.type, res.relative, res.backdate, res.flashback)
    return res


def _resolve_core(
    text: str, ws: list[str], base: dt.date, anchor: PartialDate | None, tense: Tense, prefix: tuple[str, ...]
) -> Resolution:
    wset = set(ws)
    # "two days later, on March 12": value from the explicit part, the offset back-dates the earlier event.
    split = _compound_split(ws)
    if split is not None:
        return _compound(text, ws, split, base, anchor, tense)
    if wset & SET_WORDS:
        return SET
    if wset & SEASONS or any(_is_decade(w) for w in ws):
        return VAGUE  # no PartialDate granularity for seasons or decades
    if ws in (["these", "days"], ["nowadays"], ["this", "time"]):
        return _at(base, "month", "publication")
    if ws[0] in ("within", "over") or (prefix and prefix[-1] in ("for", "within", "during") and _has_count(ws)):
        return DURATION if not wset & VAGUE_WORDS else VAGUE
    holiday = _holiday(ws, base, tense, None)
    if holiday is not None:
        return holiday
    deictic = _deictic(ws, base, tense)
    if deictic is not None:
        return deictic
    story = _story(ws, base, anchor)
    if story is not None:
        return story
    if wset & VAGUE_WORDS:
        return VAGUE
    if _has_count(ws) or (ws[-1] in UNITS and len(ws) <= 3 and not _calendar_word(ws)):
        # "six weeks", "the past year", "days": spans of time, not points
        return VAGUE if ws[-1].endswith("s") and not _has_count(ws) else DURATION
    return _calendar(text, ws, base, anchor, tense)


def _is_decade(w: str) -> bool:
    """ "1990s", "'90s", "90s", "30s" (a decade, or an age group: no PartialDate either way)."""
    digits = w.lstrip("'")
    return digits.endswith("0s") and digits[:-1].isdigit() and len(digits) in (3, 5)


def _has_count(ws: list[str]) -> bool:
    """A number right before a unit word ("two years", "24 hours")."""
    return any(_number(ws[i]) is not None and ws[i + 1] in UNITS for i in range(len(ws) - 1))


def _calendar_word(ws: list[str]) -> bool:
    return any(w in MONTHS or w in WEEKDAYS or (w.isdigit() and len(w) == 4) for w in ws)


def _at(day: dt.date, grain: Granularity, relative: Relative, modifier: str | None = None) -> Resolution:
    return Resolution(str(PartialDate.from_date(day, grain).value), modifier, False, "DATE", relative)


def _weekday(target: int, base: dt.date, direction: str) -> dt.date:
    """The weekday on/before (past), on/after (future), strictly before (last) or after (next) the base."""
    delta = (base.weekday() - target) % 7
    if direction == "past":
        return base - dt.timedelta(days=delta)
    if direction == "last":
        return base - dt.timedelta(days=delta or 7)
    ahead = (target - base.weekday()) % 7
    if direction == "next":
        return base + dt.timedelta(days=ahead or 7)
    if direction == "nearest":
        return base - dt.timedelta(days=delta) if delta <= ahead else base + dt.timedelta(days=ahead)
    return base + dt.timedelta(days=ahead)


def _deictic(ws: list[str], base: dt.date, tense: Tense) -> Resolution | None:
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
        return _at(base, "day", "publication")
    if head == "yesterday":
        return _at(base - dt.timedelta(days=1), "day", "publication")
    if head == "tomorrow":
        return _at(base + dt.timedelta(days=1), "day", "publication")
    if ws[:3] == ["day", "before", "yesterday"]:
        return _at(base - dt.timedelta(days=2), "day", "publication")
    # "N units ago", "a decade ago"
    if ws[-1] == "ago":
        if len(ws) >= 3 and _number(ws[-3]) is not None and ws[-2] in UNITS:
            n, unit = _number(ws[-3]) or 1, UNITS[ws[-2]]
            modifier = "approx" if unit in ("decade", "century") else None
            return _at(shift(base, -n, unit), _UNIT_GRAIN[unit], "publication", modifier)
        if len(ws) == 2 and ws[0] in UNITS:
            return (
                VAGUE
                if ws[0].endswith("s")
                else _at(shift(base, -1, UNITS[ws[0]]), _UNIT_GRAIN[UNITS[ws[0]]], "publication")
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
            return _at(base, "day", "publication") if step == 0 else None
        return _at(shift(base, step, unit), _UNIT_GRAIN[unit], "publication", modifier)
    # weekdays: "Monday", "last Friday", "next Tuesday", "Friday morning"
    days = [w for w in ws if w in WEEKDAYS]
    if days and not any(w in MONTHS or w.isdigit() for w in ws):
        if "last" in ws or "past" in ws:
            direction = "last"
        elif "next" in ws or "coming" in ws:
            direction = "next"
        else:
            direction = {"past": "past", "future": "future", "present": "nearest"}[tense]
        return _at(_weekday(WEEKDAYS[days[0]], base, direction), "day", "publication")
    # "last November", "next May", "this March"
    if len(ws) == 2 and ws[0] in ("last", "next", "this") and ws[1] in MONTHS:
        month = MONTHS[ws[1]]
        year = base.year
        if ws[0] == "last":
            year = base.year if month < base.month else base.year - 1
        elif ws[0] == "next":
            year = base.year if month > base.month else base.year + 1
        return _at(dt.date(year, month, 1), "month", "publication")
    return None


def _story(ws: list[str], base: dt.date, anchor: PartialDate | None) -> Resolution | None:
    """Expressions that count from the story's last dated event ("two days later", "that day")."""
    relative: Relative = "story" if anchor is not None else "publication"
    ref = anchor or PartialDate.from_date(base)
    ref_day, ref_grain = ref.first_day, ref.granularity
    if ref_grain == "minute":
        ref_grain = "day"
    units = [w for w in ws if w in UNITS]
    if not units or any(w in MONTHS for w in ws):
        return None
    unit = UNITS[units[-1]]
    forward, backward = bool(set(ws) & FORWARD), bool(set(ws) & BACKWARD)
    # "that day", "the same day", "that same year", "later that year", "that morning"
    if ws[0] == "that" or "same" in ws or ws[:2] in (["later", "that"], ["earlier", "that"]):
        if unit == "daypart":
            unit = "day"
        grain = coarser(ref_grain, _UNIT_GRAIN[unit])
        return _at(ref_day, grain, relative)
    if not (forward or backward):
        return None
    counts = [_number(w) for w in ws if _number(w) is not None]
    if (units[-1].endswith("s") or units[-1] == "ago") and not counts:
        return VAGUE  # "days later", "weeks after"
    if counts and ws[-1] in UNITS and {"next", "following"} & set(ws[:2]):
        return DURATION  # "the next five years" is a stretch of time, not a point
    n = counts[0] if counts else 1
    if unit == "daypart":
        unit = "day"
    grain = coarser(ref_grain, _UNIT_GRAIN[unit])
    if forward and ws[0] in ("next", "following") and len(ws) == 2 and anchor is None:
        return None  # "next week" without a story is deictic (handled before) -- safety
    if forward and anchor is None and not {"next", "following"} & set(ws):
        # "Two days later" with nothing dated before it counts from an event we cannot see: publication
        # + 2 would be a made-up date. Null (vague) instead, so a claim date falls back to publication.
        return VAGUE
    step = n if forward else -n
    res = _at(shift(ref_day, step, unit), grain, relative)
    return Resolution(res.value, None, False, "DATE", relative, flashback=step < 0 and anchor is not None)


def _compound_split(ws: list[str]) -> int | None:
    """Index where the explicit part of "two days later, on March 12" starts, else None."""
    for i, w in enumerate(ws[:-1]):
        if w in ("later", "earlier", "afterwards", "after") and i >= 1 and ws[i - 1] in UNITS:
            rest = ws[i + 1 :]
            if rest and rest[0] in ("on", "in", "at"):
                rest = rest[1:]
            if rest and (_calendar_word(rest) or any(w2.isdigit() for w2 in rest)):
                return len(ws) - len(rest)
    return None


def _compound(
    text: str, ws: list[str], split: int, base: dt.date, anchor: PartialDate | None, tense: Tense
) -> Resolution:
    explicit_words = ws[split:]
    explicit_text = " ".join(explicit_words)
    # The explicit part lies after (or before) the anchor; infer its year from the publication date first.
    res = _calendar(
        explicit_text, explicit_words, base, anchor, tense, later_than=anchor if "earlier" not in ws else None
    )
    if res.value is None:
        return res
    offset = _story(ws[:split], base, PartialDate(res.value))  # forward offset applied to the explicit date
    backdate = None
    if offset is not None and offset.value is not None:
        # Mirror the offset: "two days later, on March 12" -> the earlier event is March 10.
        counts = [_number(w) for w in ws[:split] if _number(w) is not None]
        units = [UNITS[w] for w in ws[:split] if w in UNITS]
        if counts and units:
            n = counts[0] or 1
            step = -n if "earlier" not in ws else n
            value = PartialDate(res.value)
            grain = coarser(value.granularity if value.granularity != "minute" else "day", _UNIT_GRAIN[units[0]])
            backdate = str(PartialDate.from_date(shift(value.first_day, step, units[0]), grain))
    # the value is the explicit date's: anchored where its year came from, not to the offset's anchor
    return Resolution(res.value, res.modifier, False, res.type, res.relative, backdate)


def _infer_year(month: int, day: int | None, base: dt.date, tense: Tense, later_than: PartialDate | None) -> int:
    """The year that puts a yearless month/day nearest its anchor, in the tense's direction.

    A candidate within `_NEAR_DAYS` of the base wins outright: "Jan. 14" in a report of
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
    if later_than is None and distance(nearest) <= _NEAR_DAYS:
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


def _calendar(
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
    quarter = _quarter(ws, base, tense)
    if quarter is not None:
        return quarter
    if not (_calendar_word(ws) or any(w[:1].isdigit() for w in ws)):
        return VAGUE
    if len(ws) == 1 and ws[0].isdigit() and len(ws[0]) != 4:
        return VAGUE  # a bare day number ("25") needs context we do not track
    if any(w.isdigit() and len(w) == 4 and int(w) < 1000 for w in ws):
        return VAGUE  # "0735": a clock time or a code, not a year
    weekday = next((w for w in ws if w in WEEKDAYS), None)
    if weekday is not None and not any(w in MONTHS for w in ws):
        # "9 a.m. Tuesday": the day from the weekday rule, the clock time from the parser
        direction = "future" if tense == "future" else "past"
        day = _weekday(WEEKDAYS[weekday], base, direction)
        rest = " ".join(w for w in text.split() if w.lower().strip(".,'s") not in WEEKDAYS)
        clock = parse_calendar(_for_parser(rest), day, "current_period") if rest.strip() else None
        if clock is not None and clock.period == "time":
            return Resolution(f"{day.isoformat()}T{clock.when:%H:%M}", None, False, "TIME", "publication")
        return _at(day, "day", "publication")
    prefer = {"past": "past", "future": "future", "present": "current_period"}[tense]
    parsed = parse_calendar(_for_parser(text), base, prefer)
    if parsed is None:
        return VAGUE
    when = parsed.when.date()
    grain: Granularity = {"year": "year", "month": "month", "week": "week", "day": "day"}.get(parsed.period, "day")
    if not parsed.has_year and grain in ("month", "day"):
        year = _infer_year(when.month, when.day if grain == "day" else None, base, tense, later_than)
        when = when.replace(year=year, day=min(when.day, calendar.monthrange(year, when.month)[1]))
        relative = "publication"
    if parsed.period == "time":
        if not any(w in MONTHS or "/" in w or w.count("-") == 2 for w in ws):  # a clock time alone
            day = anchor.first_day if anchor is not None and anchor.granularity in ("day", "minute") else base
            relative = "story" if day is not base else "publication"
            stamp = dt.datetime.combine(day, parsed.when.time())
        else:
            stamp = dt.datetime.combine(when, parsed.when.time())
        return Resolution(stamp.strftime("%Y-%m-%dT%H:%M"), None, False, "TIME", relative)
    return _at(when, grain, relative)


_NEAR_DAYS = 21
_FILLERS = re.compile(
    r"^(?:(?:on|in|at|of|the|from|during|since|by|early|late|mid|end|beginning|start|middle|just|only|already"
    r"|back|about|around|nearly|almost|some|between|post|pre)(?:\s+|-))+",
    re.IGNORECASE,
)


def _for_parser(text: str) -> str:
    """Trim what dateparser misreads: leading fillers ("late-November"), possessives, a second date ("24 and 25")."""
    text = text.replace("’", "'").replace("'s", "").strip(" .,;:")
    text = _FILLERS.sub("", text)
    for joiner in (" and ", " to ", " or "):
        text = text.split(joiner)[0]
    return text.strip(" .,;:")


def _quarter(ws: list[str], base: dt.date, tense: Tense) -> Resolution | None:
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


def _holiday(ws: list[str], base: dt.date, tense: Tense, later_than: PartialDate | None) -> Resolution | None:
    if ws[0] in ("last", "next", "this") and len(ws) > 1:
        tense = "future" if ws[0] == "next" else "past"
        ws = ws[1:]
    key = tuple(w.replace("'", "") for w in ws if w not in ("s", "'s"))
    years = [int(w) for w in key if w.isdigit() and len(w) == 4]
    key = tuple(w for w in key if not w.isdigit())
    if key in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[key]
        year = years[0] if years else _infer_year(month, day, base, tense, later_than)
        return _at(dt.date(year, month, day), "day", "absolute" if years else "publication")
    if key in (("thanksgiving",), ("thanksgiving", "day"), ("election", "day")):
        year = years[0] if years else _infer_year(11, 25, base, tense, later_than)
        first = dt.date(year, 11, 1)
        if key[0] == "thanksgiving":
            day = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
        else:
            day = first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
        return _at(day, "day", "absolute" if years else "publication")
    return None
