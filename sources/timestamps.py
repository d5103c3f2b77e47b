"""Dates as documents print them: comment timestamps, datelines, ISO metadata.

Comment and pingback timestamps come in a handful of fixed English shapes
("June 14, 2022 at 1:15 pm", "14 June 2022 at 13:15", "2022-06-14 13:15"), so a
regex reads them exactly and fast. Datelines vary more; for them the short
fragment the regex isolated (never the raw text) goes to dateparser, which is
loaded once per process on first use.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from claims.dates import PartialDate
from claims.errors import InvalidDate

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "[a-z]{0,6}" (not "*"): under IGNORECASE "monmonmon..." would otherwise be rescanned from every "mon".
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?,?\s++)?"
DATE = (
    rf"{_WEEKDAY}(?:(?P<mname1>{MONTH})\s++(?P<day1>{_DAY}),?\s++(?P<year1>\d{{4}})"
    rf"|(?P<day2>{_DAY})\s++(?:of\s++)?(?P<mname2>{MONTH}),?\s++(?P<year2>\d{{4}})"
    r"|(?P<year3>\d{4})[-/.](?P<month3>\d{1,2})[-/.](?P<day3>\d{1,2}))"
)
TIME = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
# "June 14, 2022 at 1:15 pm", "14 June 2022, 13:15", "2022-06-14 @ 13:15"
# One "\s*" on each side of the optional separator, never two in a row: "\s*(?:sep)?\s*" tried every split
# of a run of spaces after a date. Possessive "\s++"/"\s*+" never give a space back: what follows them
# (a digit, a month, a separator) never starts with one, so backtracking into them could only fail slowly.
TIMESTAMP = rf"{DATE}(?:\s*+(?:(?:at|@|,|-|–|—|\|)\s*+)?{TIME})?"
TIMESTAMP_RE = re.compile(TIMESTAMP, re.IGNORECASE)


def timestamp_from_match(match: re.Match[str]) -> PartialDate | None:
    """The PartialDate of a `TIMESTAMP_RE` match: minute granularity when it has a time, else day."""
    g = match.groupdict()
    try:
        if g.get("year3"):
            year, month, day = int(g["year3"]), int(g["month3"]), int(g["day3"])
        else:
            name = (g.get("mname1") or g.get("mname2") or "").lower().rstrip(".")
            month = _MONTHS[name]
            year = int(g.get("year1") or g.get("year2") or 0)
            day = int(re.sub(r"\D", "", g.get("day1") or g.get("day2") or ""))
        if g.get("hour") is None:
            return PartialDate(dt.date(year, month, day).isoformat())
        hour, minute = int(g["hour"]), int(g["minute"])
        ampm = (g.get("ampm") or "").lower()
        if ampm and not 1 <= hour <= 12:
            return None
        if ampm == "p" and hour != 12:
            hour += 12
        elif ampm == "a" and hour == 12:
            hour = 0
        return PartialDate(dt.datetime(year, month, day, hour, minute).strftime("%Y-%m-%dT%H:%M"))
    except (KeyError, ValueError, InvalidDate):
        return None


def parse_timestamp(fragment: str) -> PartialDate | None:
    """Read a comment-style timestamp that makes up the whole fragment; None if it is not one."""
    match = TIMESTAMP_RE.fullmatch(fragment.strip().rstrip(".:"))
    return timestamp_from_match(match) if match else None


def parse_iso(value: Any) -> PartialDate | None:
    """An ISO 8601 date or timestamp from page metadata, keeping HH:MM as written (offset dropped)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?", text)
    if not match:
        match4 = re.fullmatch(r"\d{4}(?:-\d{2})?", text)
        return _safe(text) if match4 else None
    day, clock = match.groups()
    # Midnight exactly is what CMSs write when they only know the day.
    if clock and clock != "00:00":
        return _safe(f"{day}T{clock}")
    return _safe(day)


def _safe(value: str) -> PartialDate | None:
    try:
        return PartialDate(value)
    except InvalidDate:
        return None


@cache
def _date_parser() -> Any:
    # Import and build lazily: dateparser costs seconds to load, and most inputs never need it.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False},
    )


_PERIOD = {"day": "day", "month": "month", "year": "year", "week": "day", "time": "day"}
_HAS_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")


def parse_fragment(fragment: str) -> PartialDate | None:
    """A short date phrase isolated by a regex (a dateline) → PartialDate at its granularity."""
    exact = parse_timestamp(fragment)
    if exact is not None:
        return exact
    if not re.search(r"\d{4}", fragment):
        # Without a year the date would be guessed relative to today: refuse rather than invent.
        return None
    data = _date_parser().get_date_data(fragment)
    if data is None or data.date_obj is None:
        return None
    when: dt.datetime = data.date_obj
    if _HAS_TIME.search(fragment):
        return _safe(when.strftime("%Y-%m-%dT%H:%M"))
    granularity = _PERIOD.get(data.period or "day", "day")
    return PartialDate.from_date(when.date(), granularity)  # type: ignore[arg-type]
