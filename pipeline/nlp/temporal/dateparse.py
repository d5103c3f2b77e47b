"""The one place claimtrack calls dateparser.

dateparser is good at the many spellings of a calendar date ("Aug. 7", "May 3,
2021 at 9:40 am", "Oct 1996") but costs ~1 ms a call and ~0.2 s to load its
language data, and it reads any short word as a date if allowed ("we" becomes a
Wednesday). So it only ever sees a short expression the temporal rules already
isolated, never raw text (no `search_dates`); each (expression, base, preference)
is parsed once per process; ISO dates, plain years and the common English
month-name spellings ("April 30, 2022", "30 Apr. 2022", "Sept. 5", "April 2022")
skip it entirely, and a parse that names its year is shared across base dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

Prefer = Literal["past", "future", "current_period"]

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")

# Spellings dateparser reads for each month (checked against it by tests/pipeline/test_dateparse.py).
_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_NUMBERS: dict[str, int] = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_NUMBERS.update({name[:3]: number for name, number in _MONTH_NUMBERS.items() if name != "may"})
_MONTH_NUMBERS["sept"] = 9
_MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
_DAY = r"(?P<day>[0-9]{1,2})(?P<suffix>st|nd|rd|th)?"
_YEAR_PART = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_MONTH_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"^{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR_PART}$",  # April 30, 2022 / Apr. 30 2022
        rf"^{_DAY}\s+{_MONTH}\s+{_YEAR_PART}$",  # 30 April 2022
        rf"^{_MONTH}\s+(?:of\s+)?{_YEAR_PART}$",  # April 2022 / April of 2022
        rf"^{_MONTH}\s+{_DAY}$",  # April 30 / April 30th
        rf"^{_DAY}\s+(?:of\s+)?{_MONTH}$",  # 30 April / 30th of April
    )
)
_SUFFIXES = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}

# Parses that name their year do not depend on the base date, so they are shared across bases.
# Bounded (oldest dropped first) so memory stays flat over a long ingest.
_WITH_YEAR: OrderedDict[tuple[str, Prefer], Parsed | None] = OrderedDict()
_WITH_YEAR_MAX = 16384


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
    fast = _fast_path(text) or _month_name(text, base, prefer)
    if fast is not None:
        return fast
    key = (text, prefer)
    if key in _WITH_YEAR:
        _WITH_YEAR.move_to_end(key)
        return _WITH_YEAR[key]
    parsed = _dateparser(text, base, prefer)
    if parsed is not None and parsed.has_year:
        _WITH_YEAR[key] = parsed
        if len(_WITH_YEAR) > _WITH_YEAR_MAX:
            _WITH_YEAR.popitem(last=False)
    return parsed


def clear_caches() -> None:
    """Forget every cached parse, so a benchmark run pays for its own dateparser calls."""
    parse_calendar.cache_clear()
    _WITH_YEAR.clear()


def _dateparser(text: str, base: dt.date, prefer: Prefer) -> Parsed | None:
    """The dateparser reading of `text`, uncached (the fast paths are checked against it in tests)."""
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


def _month_name(text: str, base: dt.date, prefer: Prefer) -> Parsed | None:
    """English month-name dates ("April 30, 2022", "30 Apr. 2022", "Sept. 5", "April 2022") as dateparser reads them.

    Anything unusual (an impossible day, a wrong ordinal suffix, February 29 without a year) returns None so
    dateparser decides; for a missing year the year dateparser would pick from `base` and `prefer` is
    reproduced, although the only caller re-infers it anyway.
    """
    if not text or not text[0].isalnum():
        return None
    for form in _MONTH_FORMS:
        match = form.match(text)
        if match is not None:
            break
    else:
        return None
    groups = match.groupdict()
    month = _MONTH_NUMBERS[groups["month"].lower().rstrip(".")]
    if groups.get("day") is None:
        return Parsed(dt.datetime(int(groups["year"]), month, 1), "month", True, False)
    day = int(groups["day"])
    suffix = groups.get("suffix")
    if suffix is not None and suffix.lower() != _SUFFIXES.get(day, "th"):
        return None
    if groups.get("year") is not None:
        try:
            return Parsed(dt.datetime(int(groups["year"]), month, day), "day", True, True)
        except ValueError:
            return None
    if month == 2 and day == 29:
        return None  # dateparser's leap-year choice for a yearless Feb 29 follows rules not worth copying
    try:
        when = dt.date(base.year, month, day)
    except ValueError:
        return None
    if prefer == "past" and when > base:
        when = when.replace(year=base.year - 1)
    elif prefer == "future" and when <= base:
        when = when.replace(year=base.year + 1)
    return Parsed(dt.datetime.combine(when, dt.time()), "day", False, True)


def warm_up() -> None:
    """Load dateparser's language data now (about 0.2-2.5 s) rather than inside the first document."""
    _parser(dt.date(2000, 1, 1), "past").get_date_data("January 5")
