"""Dates as exchange formats write them, read into `PartialDate` without inventing precision.

Real ClaimReview markup and data sets write dates many ways: ISO with or
without a time, a space instead of "T", odd offsets ("+5:30", "+0200"),
day-first "31-10-2020" with no zero padding, "June 20, 2019". These are fixed
formats, so a handful of patterns read them; free-text date search
(dateparser) is neither needed nor wanted here.
"""

from __future__ import annotations

import datetime as dt
import re

from claims.dates import PartialDate
from claims.errors import InvalidDate

_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+|[A-Za-z]{1,4})(\d{1,2}):(\d{2}))?")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NAMED_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%d %B, %Y")


def parse_loose_date(value: object) -> tuple[PartialDate | None, dt.datetime | None]:
    """The date (at the granularity given) and, when a day is known, a naive datetime for it.

    Returns (None, None) for empty or unreadable values; callers decide whether
    that is worth a note. Day-first is assumed for numeric D-M-YYYY unless the
    second number cannot be a month.
    """
    if value is None:
        return None, None
    text = " ".join(str(value).split())
    if not text:
        return None, None
    try:
        date = PartialDate(text)
    except InvalidDate:
        date = None
    if date is not None:
        if date.granularity == "minute" and date.start.time() == dt.time():
            # A midnight timestamp is how CMSs write a bare date; keep it a date.
            return PartialDate.from_date(date.start.date(), "day", date.modifier), date.start
        return date, date.start
    match = _ISO_PREFIX.match(text)
    if match:
        y, m, d, hh, mm = match.groups()
        return _day(int(y), int(m), int(d), int(hh or 0), int(mm or 0))
    match = _NUMERIC.match(text)
    if match:
        a, b, y = (int(g) for g in match.groups())
        day, month = (a, b) if b <= 12 else (b, a)
        return _day(y, month, day)
    match = _COMPACT.match(text)
    if match:
        y, m, d = (int(g) for g in match.groups())
        return _day(y, m, d)
    for fmt in _NAMED_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return _day(parsed.year, parsed.month, parsed.day)
    return None, None


def _day(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> tuple[PartialDate | None, dt.datetime | None]:
    try:
        moment = dt.datetime(y, m, d, min(hh, 23), min(mm, 59))
    except ValueError:
        return None, None
    return PartialDate.from_date(moment.date(), "day"), moment
