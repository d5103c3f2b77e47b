"""What every temporal rule module shares: the `Resolution` result, unit arithmetic, small word tests.

Split out of `resolve.py` so each family of rules (deictic, story, explicit
calendar, financial, spoken, periods) can live in its own module without
importing the dispatcher.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from claims.dates import Granularity, PartialDate
from pipeline.nlp.temporal.lexicon import MONTHS, NUMBERS, UNITS, WEEKDAYS

Tense = Literal["past", "present", "future"]
DateType = Literal["DATE", "TIME", "DURATION", "SET"]
Relative = Literal["absolute", "publication", "story"]

_RANK: dict[str, int] = {
    "century": 0, "decade": 1, "year": 2, "half": 3, "quarter": 4, "season": 5, "month": 6, "week": 7, "weekend": 8,
    "day": 9, "daypart": 10, "minute": 11,
}  # fmt: skip
UNIT_GRAIN: dict[str, Granularity] = {
    "day": "day", "fortnight": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year",
    "decade": "year", "century": "year", "hour": "day", "minute": "day", "weekend": "day", "daypart": "day",
}  # fmt: skip


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
    # "the third quarter", "fiscal 1989": a reporting period later expressions ("the year-ago quarter") count from
    period: bool = False

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
    """`day` moved by n units (months clamp to the month's last day; hours and minutes by whole days
    only: "two hours later" than a day is most likely that day)."""
    if unit == "hour":
        return day + dt.timedelta(days=int(n / 24))
    if unit == "minute":
        return day + dt.timedelta(days=int(n / 1440))
    if unit in ("day", "daypart"):
        return day + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return day + dt.timedelta(days=14 * n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def is_decade(w: str) -> bool:
    """ "1990s", "'90s", "90s", "30s" (a decade, or an age group: no PartialDate either way)."""
    digits = w.lstrip("'")
    return digits.endswith("0s") and digits[:-1].isdigit() and len(digits) in (3, 5)


def has_count(ws: list[str]) -> bool:
    """A number right before a unit word ("two years", "24 hours")."""
    return any(number(ws[i]) is not None and ws[i + 1] in UNITS for i in range(len(ws) - 1))


def calendar_word(ws: list[str]) -> bool:
    return any(w in MONTHS or w in WEEKDAYS or (w.isdigit() and len(w) == 4) for w in ws)


def at(day: dt.date, grain: Granularity, relative: Relative, modifier: str | None = None) -> Resolution:
    return Resolution(str(PartialDate.from_date(day, grain).value), modifier, False, "DATE", relative)


def weekday_from(target: int, base: dt.date, direction: str) -> dt.date:
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
