"""Reporting periods of business news: quarters, halves, fiscal years and "the year-ago quarter".

An earnings story is about one period, named once ("the third quarter", "fiscal
1989") and then referred to ("the quarter", "the latest period") and compared
with the same period a year before ("a year earlier", "the year-ago quarter",
"last year's quarter", "year-earlier results"). TimeML values these at the
period's granularity: "a year ago" said of a quarter is that quarter one year
back (1988-Q3), not a year.

`financial(ws, base, tense, period)` takes the cleaned words, the publication
date, the governing verb's tense and the period under discussion (the last one
named, passed by the component while it is recent), and returns a `Resolution`
or None when the words are not about a reporting period.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from claims.dates import PartialDate
from pipeline.nlp.temporal.lexicon import NUMBERS, ORDINALS
from pipeline.nlp.temporal.values import VAGUE, Resolution, Tense

# Words that may surround a period without changing which period it is.
_NEUTRAL = frozenset(
    {"the", "a", "an", "one", "'s", "same", "corresponding", "comparable", "fiscal", "period", "periods",
     "quarter", "results", "of", "in", "from", "financial", "calendar", "reporting", "quarterly"}
)  # fmt: skip
# "a year ago", "a year earlier", "year-ago", "year-before", "last year", "the previous year", "prior-year"
_YEAR_BACK = (("year", "ago"), ("year", "earlier"), ("year", "before"), ("last", "year"), ("previous", "year"),
              ("prior", "year"), ("year", "previous"))  # fmt: skip
# "the latest quarter", "the most recent period": the last period reported on.
_LATEST = frozenset({"latest", "recent", "most", "last", "just", "ended", "completed", "reported"})
_CURRENT = frozenset({"current", "this", "present", "ongoing"})
_PERIOD_WORDS = frozenset({"quarter", "period", "half"})


def financial(
    ws: list[str], base: dt.date, tense: Tense, period: PartialDate | None, possessive: bool = False
) -> Resolution | None:
    """The reporting period the words name, or None when they name none (`possessive`: "last year's")."""
    wset = set(ws)
    if ws in (["year", "end"], ["year-end"], ["yearend"]):
        return Resolution(f"{base.year:04d}", "end", relative="publication")
    if possessive:
        ws = [*ws, "'s"]
    if "quarters" in wset and {"two", "first"} <= wset:
        return _half(1, ws, base, tense)  # "the first two quarters of 1990"
    if _year_back(ws):
        return _year_back_of(ws, base, period)
    if "quarter" in wset or "half" in wset:
        return _named_period(ws, base, tense, period)
    if "fiscal" in wset:
        return _fiscal_year(ws, base, period)
    if wset & {"full", "whole", "entire"} and ws[-1] == "year" and len(ws) == 2:
        return _year(period.first_day.year if period else base.year)
    if ws[-1] == "period" and period is not None and (len(ws) == 1 or set(ws[:-1]) <= _LATEST | _CURRENT | _NEUTRAL):
        return Resolution(period.value, relative="story", period=True)
    return None


def _year(year: int) -> Resolution:
    return Resolution(f"{year:04d}", relative="publication", period=True)


def _explicit_year(ws: list[str]) -> int | None:
    years = [int(w) for w in ws if w.isdigit() and len(w) == 4]
    return years[0] if years else None


def _has_year_back(ws: list[str]) -> bool:
    return any((a, b) in _YEAR_BACK for a, b in pairwise(ws))


def _year_back(ws: list[str]) -> bool:
    """A one-year step back, alone or with period words: "a year ago", "the year-earlier quarter"."""
    if not _has_year_back(ws):
        return False
    steps = ("year", "ago", "earlier", "before", "last", "previous", "prior")
    if not all(w in _NEUTRAL or w in steps for w in ws):
        return False
    # "last year" alone is the calendar year; "last year's", "the quarter last year" compare periods
    return not (set(ws) & {"last", "previous"} and not set(ws) & (_PERIOD_WORDS | {"'s"}))


def _year_back_of(ws: list[str], base: dt.date, period: PartialDate | None) -> Resolution | None:
    """The period under discussion one year back; without one, leave the words to the general rules."""
    if period is None:
        if "quarter" in ws and ws[-2:] != ["year", "ago"]:
            return VAGUE  # "the year-ago quarter" with no quarter named: which one is unknown
        return None
    year = period.first_day.year - 1
    value = f"{year:04d}{period.value[4:]}" if period.granularity in ("quarter", "half") else f"{year:04d}"
    return Resolution(value, relative="story", flashback=True)  # a comparison: the story stays where it is


def _named_period(ws: list[str], base: dt.date, tense: Tense, period: PartialDate | None) -> Resolution | None:
    """ "the third quarter", "fourth-quarter", "the first half of 1990", "the quarter", "the latest quarter"."""
    unit = "quarter" if "quarter" in ws else "half"
    i = ws.index(unit)
    n = ORDINALS.get(ws[i - 1]) if i > 0 else None
    if n is None and i > 0 and ws[i - 1] in ("fiscal",) and i > 1:
        n = ORDINALS.get(ws[i - 2])
    if n is not None:
        if unit == "half" and n > 2:
            return None
        res = _half(n, ws, base, tense) if unit == "half" else _quarter(n, ws, base, tense)
        if _has_year_back(ws) and res.value:  # "the year-ago third quarter"
            res = Resolution(f"{int(res.value[:4]) - 1:04d}{res.value[4:]}", relative=res.relative, period=True)
        return res
    year = _explicit_year(ws)
    if year is not None and period is not None and period.granularity == unit:
        return Resolution(f"{year:04d}{period.value[4:]}", relative="story")  # "the 1988 quarter"
    others = set(ws) - _NEUTRAL - {"half"}
    if unit == "half" and not others & (_LATEST | _CURRENT):
        return None  # "half" alone is a share more often than a period
    if others & {"next", "coming", "following"} or any(w in NUMBERS or w.isdigit() for w in others):
        return None  # "the next quarter", "two quarters": left to the relative rules
    latest_ended = not others & _LATEST or (period is not None and period.last_day < base)
    if period is not None and period.granularity == unit and others <= _LATEST | {"this"} and latest_ended:
        return Resolution(period.value, relative="story", period=True)  # mentioned again: still the topic
    if unit == "quarter" and others & _CURRENT:
        return Resolution(PartialDate.from_date(base, "quarter").value, relative="publication", period=True)
    if unit == "quarter" and others and others <= _LATEST:
        # the last quarter that has ended by the publication date
        last = PartialDate.from_date(base, "quarter").first_day - dt.timedelta(days=1)
        return Resolution(PartialDate.from_date(last, "quarter").value, relative="publication", period=True)
    return None


def _quarter(n: int, ws: list[str], base: dt.date, tense: Tense) -> Resolution:
    """Quarter n of the year named, else the latest one begun by the publication date (the next one ahead
    in a future-tense sentence)."""
    year = _explicit_year(ws)
    if year is not None:
        return Resolution(f"{year:04d}-Q{n}", relative="absolute", period=True)
    year = base.year
    start = dt.date(year, 3 * n - 2, 1)
    end = dt.date(year + (3 * n) // 12, (3 * n) % 12 + 1, 1)  # the day after it ends
    if tense == "future":
        if end <= base - dt.timedelta(days=183):  # long over: a future verb means next year's
            year += 1
    elif start > base:
        year -= 1
    return Resolution(f"{year:04d}-Q{n}", relative="publication", period=True)


def _half(n: int, ws: list[str], base: dt.date, tense: Tense) -> Resolution:
    year = _explicit_year(ws)
    if year is not None:
        return Resolution(f"{year:04d}-H{n}", relative="absolute", period=True)
    year = base.year
    if tense == "future":
        if n == 1 and base.month > 6:
            year += 1
    elif n == 2 and base.month <= 6:
        year -= 1
    return Resolution(f"{year:04d}-H{n}", relative="publication", period=True)


def _fiscal_year(ws: list[str], base: dt.date, period: PartialDate | None) -> Resolution | None:
    """ "fiscal 1989", "fiscal year 1990", "the current fiscal year", "last fiscal year", "fiscal '90"."""
    year = _explicit_year(ws)
    if year is None:
        short = [w.lstrip("'") for w in ws if w.startswith("'") and w[1:].isdigit() and len(w) == 3]
        if short:
            year = 1900 + int(short[0]) if int(short[0]) > (base.year % 100) + 10 else 2000 + int(short[0])
            year = year if abs(year - base.year) < 50 else year - 100
    if year is not None:
        return Resolution(f"{year:04d}", relative="absolute", period=True)
    if "year" not in ws:
        return None
    others = set(ws) - _NEUTRAL - {"year"}
    if not others or others <= _CURRENT:
        ref = period.first_day.year if period is not None and not others else base.year
        return _year(ref)
    if others <= {"last", "previous", "prior", "past"}:
        return _year(base.year - 1)
    if others <= {"next", "coming"}:
        return _year(base.year + 1)
    return None
