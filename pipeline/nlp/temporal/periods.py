"""Periods with names rather than numbers: seasons, decades, centuries and parts of the day.

TimeML values them as `1998-SU`, `199` (the 1990s), `19` (the 20th century) and
`1998-02-06TMO`; `PartialDate` holds each at that granularity. Which season
"last summer" is depends on the publication date and, for a bare "the summer",
on the tense: the one under way or just past in a past-tense sentence, the next
one in a future-tense one.
"""

from __future__ import annotations

import datetime as dt

from claims.dates import PartialDate
from pipeline.nlp.temporal.spoken import DECADE_WORDS, ordinal_of
from pipeline.nlp.temporal.values import VAGUE, Resolution, Tense

SEASON_CODES: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAYPART_CODES: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_SEASON_FILLERS = frozenset({"the", "this", "last", "past", "next", "coming", "of", "'s", "s", "year", "same"})


def season(ws: list[str], base: dt.date, tense: Tense) -> Resolution | None:
    """ "this summer", "last fall", "the winter of 1998", "next spring"; None unless a season is all they name."""
    names = [w for w in ws if w in SEASON_CODES]
    if len(names) != 1:
        return None
    years = [int(w) for w in ws if w.isdigit() and len(w) == 4]
    others = [w for w in ws if w not in SEASON_CODES and w not in _SEASON_FILLERS and not w.isdigit()]
    if others or len(years) > 1:
        return None  # "summer jobs", "fall of the Berlin Wall" (the latter has no year: kept out by "fall")
    code = SEASON_CODES[names[0]]
    if years:
        return Resolution(f"{years[0]:04d}-{code}")
    if names[0] == "fall" and not set(ws) & {"this", "last", "next", "past", "coming"}:
        return None  # a bare "the fall" is too often a drop, not autumn
    this_year = base.year - 1 if code == "WI" and base.month <= 2 else base.year

    def instance(year: int) -> PartialDate:
        return PartialDate(f"{year:04d}-{code}")

    if set(ws) & {"last", "past"}:
        year = this_year if instance(this_year).end.date() < base else this_year - 1
    elif set(ws) & {"next", "coming"}:
        year = this_year if instance(this_year).first_day > base else this_year + 1
    else:
        year = this_year
        if tense == "past" and instance(year).first_day > base:
            year -= 1
        elif tense == "future" and instance(year).last_day < base:
            year += 1
    return Resolution(instance(year).value, relative="publication")


def decade(ws: list[str], base: dt.date, spoken_the: bool) -> Resolution | None:
    """ "the 1990s", "the '90s", "the nineties" -> `199`; "the 20th century" -> `19`. None if neither."""
    for w in ws:
        digits = w.lstrip("'")
        if digits.endswith("0s") and digits[:-1].isdigit():
            if len(digits) == 5:
                return Resolution(digits[:3])
            if len(digits) == 3 and (w.startswith("'") or spoken_the):
                return _recent_decade(int(digits[:2]), base)
            return VAGUE  # "in his 30s": an age
        if w in DECADE_WORDS and spoken_the:
            return _recent_decade(DECADE_WORDS[w], base)
    if ws[-1] in ("century", "centuries") and len(ws) >= 2:
        n = ordinal_of(ws[-3:-1]) or ordinal_of(ws[-2:-1])
        if n is not None and 1 <= n <= 30:
            return Resolution(f"{n - 1:02d}")
    return None


def _recent_decade(tens: int, base: dt.date) -> Resolution:
    """ "the nineties" said in 1998 or 2005: the latest such decade that has begun."""
    century = base.year // 100 * 100
    start = century + tens if century + tens <= base.year else century - 100 + tens
    return Resolution(f"{start // 10:03d}", relative="publication")


_DEICTIC_DAYS = frozenset({"this", "yesterday", "tomorrow", "today"})


def with_daypart(value: str, ws: list[str]) -> str:
    """A day's value with the part of the day the words name: "this morning" -> `...TMO`.

    Only when the part of the day is what the expression points at from now ("this evening",
    "yesterday afternoon"); with a weekday or date at its head ("Friday night", "the night of
    Oct. 23") TimeML annotators mostly value the day, so the day is kept.
    """
    parts = [DAYPART_CODES[w] for w in ws if w in DAYPART_CODES and w != "tonight"]
    if len(parts) != 1 or len(value) != 10 or not set(ws) & _DEICTIC_DAYS:
        return value
    return f"{value}T{parts[0]}"


def weekend(ws: list[str], base: dt.date, tense: Tense) -> Resolution | None:
    """ "the weekend", "last weekend", "this weekend", "next weekend" as TimeML's `YYYY-Www-WE`."""
    if not ws or ws[-1] != "weekend" or len(ws) > 2:
        return None
    step = ws[0] if len(ws) == 2 else None
    on_weekend = base.weekday() >= 5
    if step in ("last", "past", "previous"):
        day = base - dt.timedelta(days=7)
    elif step in ("next", "coming", "following"):
        day = base + dt.timedelta(days=7) if on_weekend else base
    elif step in ("this", "that", None):
        # a bare "the weekend": the one just past in a past-tense sentence, the nearer one in the present
        back = tense == "past" or (tense == "present" and base.weekday() <= 2)
        day = base - dt.timedelta(days=7) if step is None and back and not on_weekend else base
    else:
        return None
    return Resolution(PartialDate.from_date(day, "weekend").value, relative="publication")
