"""The one place claimtrack calls dateparser.

dateparser is good at the many spellings of a calendar date ("Aug. 7", "May 3,
2021 at 9:40 am", "Oct 1996") but costs ~1 ms a call and ~0.2 s to load its
language data, and it reads any short word as a date if allowed ("we" becomes a
Wednesday). So it only ever sees a short expression the temporal rules already
isolated, never raw text (no `search_dates`); each (expression, base, preference)
is parsed once per process; ISO dates and plain years skip it entirely.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

Prefer = Literal["past", "future", "current_period"]

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")


@dataclass(frozen=True)
class Parsed:
    """What dateparser made of an expression: the instant, its granularity and which parts the text gave."""

    when: dt.datetime
    period: str  # "year" | "month" | "week" | "day" | "time"
    has_year: bool
    has_day: bool


@lru_cache(maxsize=64)
def _parser(base: dt.date, prefer: Prefer) -> DateDataParser:
    """A `DateDataParser` for one base date and tense preference (cheap once the language data is loaded)."""
    from dateparser.date import DateDataParser  # deferred: importing dateparser loads its data (~0.2 s)

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": True,
            "DATE_ORDER": "MDY",
            "STRICT_PARSING": False,
            "NORMALIZE": True,
        },
    )


@lru_cache(maxsize=16384)
def parse_calendar(text: str, base: dt.date, prefer: Prefer = "past") -> Parsed | None:
    """Parse an explicit calendar expression (no relative words), or None if dateparser cannot.

    `base` fills in missing parts (the caller re-infers a missing year itself, see `has_year`).
    """
    text = text.strip()
    fast = _fast_path(text)
    if fast is not None:
        return fast
    data = _parser(base, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    parts = set(data.parts or ())
    period = data.period or "day"
    if period == "part_of_day":
        period = "day"  # "Friday morning": TimeML-style TMO suffixes are not PartialDate values
    return Parsed(
        when=data.date_obj.replace(tzinfo=None),
        period=period,
        has_year="year" in parts,
        has_day="day" in parts,
    )


def _fast_path(text: str) -> Parsed | None:
    """ISO days and plain years need no parser."""
    if _YEAR.match(text):
        return Parsed(dt.datetime(int(text), 1, 1), "year", True, False)
    match = _ISO_DAY.match(text)
    if match:
        try:
            day = dt.datetime(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        return Parsed(day, "day", True, True)
    return None


def warm_up() -> None:
    """Load dateparser's language data now (about 0.2-2.5 s) rather than inside the first document."""
    _parser(dt.date(2000, 1, 1), "past").get_date_data("January 5")
