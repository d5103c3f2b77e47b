"""`PartialDate`: the one date type of claimtrack.

News rarely dates things to the day. "In January 2022", "late 2021" and "last
week" each carry a different granularity, and rounding them to a day would
invent precision the evidence does not have. A `PartialDate` keeps the ISO 8601
value at the granularity the text supports, plus an optional modifier, and
orders chronologically (a month sorts before its own days).

String form: the bare ISO value (``2022-04``), or the modifier, a space and the
value (``end 2021``, ``approx 2012``) so it round-trips through one text field.

Besides ISO 8601's years, months, weeks, days and minutes, the coarse periods
news and TimeML use have their own spellings: quarters and halves (``1989-Q3``,
``1990-H1``), seasons (``1998-SU``; winter runs from December into the next
year), decades (``199``: the 1990s), centuries (``19``: 1900-1999) and parts of
a day (``1998-02-06TMO``: morning, ``TAF``, ``TEV``, ``TNI``). `iso_value` is the
nearest plain ISO 8601 value for formats that accept nothing else. A weekend is
its ISO week with ``-WE`` (``1990-W32-WE``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache, total_ordering
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from claims.errors import InvalidDate

Granularity = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day", "daypart", "minute"
]
MODIFIERS: tuple[str, ...] = ("approx", "start", "mid", "end", "before", "after")
# Real time zones run from UTC-12:00 to UTC+14:00; a larger offset is a typo or an attack.
MAX_OFFSET_HOURS = 14

# Coarse granularities sort before fine ones that start on the same instant. One digit each: the rank is
# part of `sort_key`, which the ledger stores, so the original six keep their digits and the newer
# periods share the digit of the one they start with (a decade starts with its first year).
_RANK: dict[str, int] = {
    "century": 0, "decade": 0, "year": 0, "half": 1, "quarter": 1, "season": 2, "month": 2, "week": 3,
    "weekend": 4, "day": 4, "daypart": 5, "minute": 5,
}  # fmt: skip
# In memory the order can be finer: a century before its decade, a season before its first month.
_ORDER: dict[str, int] = {g: i for i, g in enumerate(
    ("century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day", "daypart", "minute")
)}  # fmt: skip
SEASONS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # first/last month
DAYPARTS: dict[str, tuple[int, int]] = {"MO": (6, 11), "AF": (12, 17), "EV": (18, 23), "NI": (21, 23)}  # hours
_MOD_RANK: dict[str | None, int] = {
    "before": 0,
    "start": 1,
    None: 2,
    "approx": 2,
    "mid": 3,
    "end": 4,
    "after": 5,
}

_PATTERNS: list[tuple[Granularity, re.Pattern[str]]] = [
    ("century", re.compile(r"^(?P<c>\d{2})$")),
    ("decade", re.compile(r"^(?P<c>\d{3})$")),
    ("year", re.compile(r"^(?P<y>\d{4})$")),
    ("half", re.compile(r"^(?P<y>\d{4})-H(?P<h>\d)$")),
    ("season", re.compile(r"^(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)$")),
    ("daypart", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})T(?P<p>MO|AF|EV|NI)$")),
    ("quarter", re.compile(r"^(?P<y>\d{4})-Q(?P<q>\d)$")),
    ("week", re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{2})$")),
    ("weekend", re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{2})-WE$")),
    ("month", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")),
    ("day", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")),
    (
        "minute",
        re.compile(
            r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[T ](?P<H>\d{2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?"
            r"(?:Z|[+-](?P<oh>\d{2}):?(?P<om>\d{2}))?$"
        ),
    ),
]


@total_ordering
class PartialDate:
    """An ISO 8601 date at its true granularity, with an optional modifier."""

    __slots__ = ("_end", "_start", "granularity", "modifier", "value")

    value: str
    granularity: Granularity
    modifier: str | None

    def __init__(self, value: str, modifier: str | None = None) -> None:
        text = value.strip()
        if modifier is None:
            head, _, rest = text.partition(" ")
            if head in MODIFIERS and rest:
                modifier, text = head, rest.strip()
        if modifier is not None and modifier not in MODIFIERS:
            raise InvalidDate(f"unknown date modifier {modifier!r}: use one of {', '.join(MODIFIERS)}")
        granularity, start, end, canonical = _parse(text)
        self.value = canonical
        self.granularity = granularity
        self.modifier = modifier
        self._start = start
        self._end = end
        # "before 0001" and "after 9999-12-31T23:59" sort one minute outside the calendar Python can
        # represent; refuse them here, once, rather than let every report fail later with OverflowError.
        try:
            self.anchor  # noqa: B018
        except OverflowError:
            raise InvalidDate(f"invalid date {value.strip()!r}: outside the years 0001-9999") from None

    # -- construction helpers -------------------------------------------------
    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Coerce a string, date, datetime or PartialDate; raise `InvalidDate`."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            return cls(_minute(value))
        if isinstance(value, dt.date):
            return cls(value.isoformat())
        if isinstance(value, int) and 1 <= value <= 9999:
            return cls(f"{value:04d}")
        if not isinstance(value, str):
            raise InvalidDate(f"invalid date {value!r}: expected an ISO 8601 string")
        return cls(value)

    @classmethod
    def from_date(cls, day: dt.date, granularity: Granularity = "day", modifier: str | None = None) -> PartialDate:
        """Build a PartialDate that contains `day`, at the given granularity."""
        if granularity == "year":
            text = f"{day.year:04d}"
        elif granularity == "quarter":
            text = f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
        elif granularity == "half":
            text = f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
        elif granularity == "decade":
            text = f"{day.year // 10:03d}"
        elif granularity == "century":
            text = f"{day.year // 100:02d}"
        elif granularity in ("season", "daypart"):
            raise InvalidDate(f"a {granularity} needs its name, not only a day: build it from its value")
        elif granularity == "month":
            text = f"{day.year:04d}-{day.month:02d}"
        elif granularity in ("week", "weekend"):
            iso = day.isocalendar()
            text = f"{iso.year:04d}-W{iso.week:02d}" + ("-WE" if granularity == "weekend" else "")
        elif granularity == "minute" and isinstance(day, dt.datetime):
            text = _minute(day)
        else:
            text = day.isoformat()[:10]
        return cls(text, modifier)

    # -- views ------------------------------------------------------------------
    @property
    def start(self) -> dt.datetime:
        """First instant the value covers."""
        return self._start

    @property
    def end(self) -> dt.datetime:
        """Last minute the value covers."""
        return self._end

    @property
    def iso_value(self) -> str:
        """The value in plain ISO 8601 (for schema.org and other strict readers): a season or half as its
        year, a part of the day as its day; centuries ("19") are ISO already, decades ("199") stay as
        they are (EDTF's reading), since no ISO value covers exactly ten years."""
        if self.granularity in ("half", "season"):
            return self.value[:4]
        if self.granularity == "daypart":
            return self.value[:10]
        if self.granularity == "weekend":
            return self.value[:8]
        return self.value

    @property
    def first_day(self) -> dt.date:
        return self._start.date()

    @property
    def last_day(self) -> dt.date:
        return self._end.date()

    def with_modifier(self, modifier: str | None) -> PartialDate:
        return PartialDate(self.value, modifier)

    @property
    def anchor(self) -> dt.datetime:
        """The instant the date sorts at: its start, moved into the part a modifier names.

        "end 2021" sorts after 2021-08 and before 2021-12-31; "before 2023" before 2023.
        """
        span = self._end - self._start
        if self.modifier == "mid":
            return self._start + span / 3
        if self.modifier == "end":
            return self._start + span * 2 / 3
        if self.modifier == "before":
            return self._start - dt.timedelta(minutes=1)
        if self.modifier == "after":
            return self._end + dt.timedelta(minutes=1)
        return self._start

    def sort_key(self) -> str:
        """A string that sorts like the dates themselves (for SQL ORDER BY)."""
        return f"{_minute(self.anchor)}|{_RANK[self.granularity]}|{_MOD_RANK[self.modifier]}"

    def _key(self) -> tuple[dt.datetime, int, int]:
        return (self.anchor.replace(second=0, microsecond=0), _ORDER[self.granularity], _MOD_RANK[self.modifier])

    def __str__(self) -> str:
        return f"{self.modifier} {self.value}" if self.modifier else self.value

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            try:
                other = PartialDate(other)
            except InvalidDate:
                return False
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.value == other.value and self.modifier == other.modifier

    def __lt__(self, other: object) -> bool:
        if isinstance(other, str):
            other = PartialDate(other)
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash((self.value, self.modifier))

    # -- pydantic integration -----------------------------------------------------
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def validate(value: Any) -> PartialDate:
            try:
                return cls.parse(value)
            except InvalidDate as exc:
                raise ValueError(str(exc)) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
            json_schema_input_schema=core_schema.str_schema(),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "format": "partial-date"}


def _minute(moment: dt.datetime) -> str:
    """YYYY-MM-DDTHH:MM with a four-digit year: strftime's %Y drops the zeros of years before 1000."""
    return f"{moment.year:04d}-{moment:%m-%dT%H:%M}"


@lru_cache(maxsize=65536)
def _parse(text: str) -> tuple[Granularity, dt.datetime, dt.datetime, str]:
    # Cached: reports and linking read the same few thousand date values tens of thousands of times,
    # and the result (immutable datetimes and strings) can be shared; errors are not cached.
    for granularity, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        g = match.groupdict()
        try:
            if granularity in ("century", "decade"):
                return _span_of_years(granularity, int(g["c"]), text)
            year = int(g["y"])
            if year < 1:
                raise ValueError("year 0000 is not a calendar year")
            if granularity == "year":
                start = dt.datetime(year, 1, 1)
                end = dt.datetime(year, 12, 31, 23, 59)
                return granularity, start, end, f"{year:04d}"
            if granularity == "quarter":
                q = int(g["q"])
                if not 1 <= q <= 4:
                    raise ValueError(f"quarter {q} is not 1-4")
                start = dt.datetime(year, 3 * q - 2, 1)
                last_month = 3 * q
                end = dt.datetime(year, last_month, calendar.monthrange(year, last_month)[1], 23, 59)
                return granularity, start, end, f"{year:04d}-Q{q}"
            if granularity == "half":
                h = int(g["h"])
                if not 1 <= h <= 2:
                    raise ValueError(f"half {h} is not 1-2")
                start = dt.datetime(year, 6 * h - 5, 1)
                end = dt.datetime(year, 6 * h, 30 if h == 1 else 31, 23, 59)
                return granularity, start, end, f"{year:04d}-H{h}"
            if granularity == "season":
                first, last = SEASONS[g["s"]]
                start = dt.datetime(year, first, 1)
                end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
                end = dt.datetime(end_year, end_month, calendar.monthrange(end_year, end_month)[1], 23, 59)
                return granularity, start, end, f"{year:04d}-{g['s']}"
            if granularity == "week":
                w = int(g["w"])
                monday = dt.date.fromisocalendar(year, w, 1)
                start = dt.datetime.combine(monday, dt.time())
                end = start + dt.timedelta(days=6, hours=23, minutes=59)
                return granularity, start, end, f"{year:04d}-W{w:02d}"
            if granularity == "weekend":
                saturday = dt.date.fromisocalendar(year, int(g["w"]), 6)
                start = dt.datetime.combine(saturday, dt.time())
                return granularity, start, start + dt.timedelta(days=1, hours=23, minutes=59), f"{text}"
            month = int(g["m"])
            if granularity == "month":
                start = dt.datetime(year, month, 1)
                end = dt.datetime(year, month, calendar.monthrange(year, month)[1], 23, 59)
                return granularity, start, end, f"{year:04d}-{month:02d}"
            day = int(g["d"])
            if granularity == "day":
                start = dt.datetime(year, month, day)
                return granularity, start, start.replace(hour=23, minute=59), start.date().isoformat()
            if granularity == "daypart":
                first_hour, last_hour = DAYPARTS[g["p"]]
                start = dt.datetime(year, month, day, first_hour)
                end = dt.datetime(year, month, day, last_hour, 59)
                return granularity, start, end, f"{start.date().isoformat()}T{g['p']}"
            start = dt.datetime(year, month, day, int(g["H"]), int(g["M"]))
            if g.get("oh") is not None and (int(g["oh"]) > MAX_OFFSET_HOURS or int(g["om"]) > 59):
                raise ValueError(f"UTC offset {g['oh']}:{g['om']} is outside ±{MAX_OFFSET_HOURS}:00")
            return granularity, start, start, _minute(start)
        except ValueError as exc:
            raise InvalidDate(f"invalid date {text!r}: {exc}") from None
    raise InvalidDate(
        f"invalid date {text!r}: expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, YYYY-Www, YYYY-Qn, "
        "YYYY-Hn, a weekend (YYYY-Www-WE), a season (YYYY-SU), a decade (199), a century (19) "
        "or a part of day (YYYY-MM-DDTMO)"
    )


def _span_of_years(granularity: Granularity, lead: int, text: str) -> tuple[Granularity, dt.datetime, dt.datetime, str]:
    """A decade ("199": 1990-1999) or century ("19": 1900-1999); TimeML writes them by their leading digits."""
    size = 10 if granularity == "decade" else 100
    first = lead * size
    if first < 1:
        first = 1  # the first century and decade start in year 1: there is no year 0
    last = lead * size + size - 1
    canonical = f"{lead:03d}" if granularity == "decade" else f"{lead:02d}"
    return granularity, dt.datetime(first, 1, 1), dt.datetime(last, 12, 31, 23, 59), canonical
