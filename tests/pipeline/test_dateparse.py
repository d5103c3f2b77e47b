"""The month-name fast path must be indistinguishable from dateparser, and year-bearing parses shared across bases."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from pipeline.nlp.temporal import dateparse
from pipeline.nlp.temporal.dateparse import Prefer, _dateparser, _month_name, parse_calendar

_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Jan.", "Feb.", "Apr.", "Sept.", "Dec.",
]  # fmt: skip
_BASES = [dt.date(2022, 3, 1), dt.date(2023, 12, 31), dt.date(2024, 2, 29), dt.date(2021, 6, 15)]
_PREFERS: list[Prefer] = ["past", "future", "current_period"]


def _ordinal(day: int) -> str:
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd', 21: 'st', 22: 'nd', 23: 'rd', 31: 'st'}.get(day, 'th') }"


def _generated(count: int, seed: int = 7) -> list[str]:
    """Strings in every fast-path form, with odd casing, impossible days and both comma styles."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        month = rng.choice(_NAMES)
        month = rng.choice([month, month.lower(), month.upper()])
        day = rng.choice([rng.randint(1, 31), 29, 30, 31])
        day_text = _ordinal(day) if rng.random() < 0.2 else str(day)
        year = rng.choice([1999, 2020, 2021, 2022, 2023, 2024])
        forms = [
            f"{month} {day_text}, {year}",
            f"{month} {day_text} {year}",
            f"{day_text} {month} {year}",
            f"{month} {year}",
            f"{month} of {year}",
            f"{month} {day_text}",
            f"{day_text} {month}",
            f"{_ordinal(day)} of {month}",
        ]
        out.append(rng.choice(forms))
    return out


def test_month_name_fast_path_matches_dateparser() -> None:
    texts = _generated(400)
    taken = 0
    for text in texts:
        for base in _BASES:
            for prefer in _PREFERS:
                fast = _month_name(text, base, prefer)
                if fast is None:
                    continue  # falls through to dateparser, trivially identical
                taken += 1
                assert fast == _dateparser(text, base, prefer), (text, base, prefer)
    assert taken > 2000  # most generated strings must really exercise the fast path


@pytest.mark.parametrize("text", ["February 30, 2022", "Feb 29", "April 31", "2nd of May"])
def test_awkward_inputs_agree_with_dateparser(text: str) -> None:
    for base in _BASES:
        for prefer in _PREFERS:
            parse_calendar.cache_clear()
            assert parse_calendar(text, base, prefer) == _dateparser(text, base, prefer)


def test_year_bearing_parse_is_shared_across_bases(monkeypatch: pytest.MonkeyPatch) -> None:
    dateparse.clear_caches()
    calls: list[str] = []
    real = dateparse._dateparser

    def counting(text: str, base: dt.date, prefer: Prefer) -> dateparse.Parsed | None:
        calls.append(text)
        return real(text, base, prefer)

    monkeypatch.setattr(dateparse, "_dateparser", counting)
    first = parse_calendar("May 3, 2021 at 9:40 am", dt.date(2022, 1, 1))
    second = parse_calendar("May 3, 2021 at 9:40 am", dt.date(2023, 6, 1))
    assert first == second and first is not None and first.has_year
    assert calls == ["May 3, 2021 at 9:40 am"]
    parse_calendar("Aug. 7 at noon", dt.date(2022, 1, 1))
    parse_calendar("Aug. 7 at noon", dt.date(2023, 6, 1))
    assert calls.count("Aug. 7 at noon") == 2  # no year: the base matters, so no sharing
    dateparse.clear_caches()
