"""Unit tests of the temporal resolver: one expression, its anchors and tense, no spaCy."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from claims.dates import PartialDate
from pipeline.nlp.temporal.dateparse import parse_calendar
from pipeline.nlp.temporal.resolve import Resolution, resolve, shift

BASE = dt.date(2023, 3, 22)  # a Wednesday


def r(
    text: str,
    base: dt.date = BASE,
    anchor: str | None = None,
    tense: str = "past",
    prefix: str = "",
) -> Resolution:
    words = tuple(w for w in re.findall(r"[\w']+|[^\w\s]", text.lower()) if re.match(r"[\w']", w))
    return resolve(text, words, base, PartialDate(anchor) if anchor else None, tense, tuple(prefix.lower().split()))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("January 2022", "2022-01"),
        ("2019", "2019"),
        ("May 3, 2021 at 9:40 am", "2021-05-03T09:40"),
        ("Aug. 7, 1998", "1998-08-07"),
        ("March of this year", "2023-03"),
        ("the third quarter of 2021", "2021-Q3"),
        ("Christmas 2020", "2020-12-25"),
    ],
)
def test_explicit_expressions_keep_their_granularity(text: str, value: str) -> None:
    res = r(text)
    assert (res.value, res.relative, res.vague) == (value, res.relative, False)


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("last year", "past", "2022"),
        ("this month", "past", "2023-03"),
        ("earlier this month", "past", "2023-03"),
        ("this week", "past", "2023-W12"),
        ("last week", "past", "2023-W11"),
        ("yesterday", "past", "2023-03-21"),
        ("today", "present", "2023-03-22"),
        ("Monday", "past", "2023-03-20"),
        ("Wednesday", "past", "2023-03-22"),
        ("Friday", "future", "2023-03-24"),
        ("next Tuesday", "future", "2023-03-28"),
        ("last Friday", "past", "2023-03-17"),
        ("two weeks ago", "past", "2023-03-08"),
        ("three days ago", "past", "2023-03-19"),
        ("these days", "present", "2023-03"),
    ],
)
def test_relative_to_publication(text: str, tense: str, value: str) -> None:
    res = r(text, tense=tense)
    assert res.value == value
    assert res.relative == "publication"


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("Two days later", "2022-03-07", "2022-03-09"),
        ("Two years later", "2018", "2020"),
        ("the following day", "2021-11-30", "2021-12-01"),
        ("the next day", "2021-11-30", "2021-12-01"),
        ("That day", "2021-10-02", "2021-10-02"),
        ("that year", "2021-10-02", "2021"),
        ("the previous year", "2019-08", "2018"),
        ("a week earlier", "2022-03-07", "2022-W09"),
    ],
)
def test_relative_to_the_story(text: str, anchor: str, value: str) -> None:
    res = r(text, anchor=anchor)
    assert (res.value, res.relative) == (value, "story")


def test_story_relative_without_a_story_counts_from_publication() -> None:
    res = r("the following day")
    assert (res.value, res.relative) == ("2023-03-23", "publication")


def test_offset_with_explicit_date_takes_the_date_and_backdates_the_earlier_event() -> None:
    res = r("only two days later, on March 12", anchor="2023-02")
    assert res.value == "2023-03-12"
    assert res.backdate == "2023-03-10"


def test_offset_with_month_infers_the_year_after_the_anchor() -> None:
    res = r("Four months later, in June", anchor="2021-02")
    assert res.value == "2021-06"
    assert res.backdate == "2021-02"


@pytest.mark.parametrize(
    ("text", "prefix", "value", "modifier"),
    [
        ("late 2021", "", "2021", "end"),
        ("early March 2020", "", "2020-03", "start"),
        ("mid-2019", "", "2019", "mid"),
        ("the end of 2021", "", "2021", "end"),
        ("a decade ago", "", "2013", "approx"),
        ("2023", "by", "2023", "before"),
        ("2015", "since", "2015", "after"),
        ("Christmas", "before", "2022-12-25", "before"),
        ("2018", "already back in", "2018", None),
    ],
)
def test_modifiers(text: str, prefix: str, value: str, modifier: str | None) -> None:
    res = r(text, prefix=prefix)
    assert (res.value, res.modifier) == (value, modifier)
    assert str(res.partial_date) == (f"{modifier} {value}" if modifier else value)


@pytest.mark.parametrize(
    "text",
    ["the last few years", "the following months or years", "recent years", "the future", "now", "Weeks"],
)
def test_vague_expressions_have_no_value(text: str) -> None:
    res = r(text)
    assert res.value is None
    assert res.vague


@pytest.mark.parametrize(("text", "prefix"), [("six weeks", ""), ("within twelve months", ""), ("two years", "for")])
def test_durations_are_not_dates(text: str, prefix: str) -> None:
    res = r(text, prefix=prefix)
    assert (res.type, res.value, res.vague) == ("DURATION", None, False)


def test_sets_are_not_dates() -> None:
    assert r("every year").type == "SET"
    assert r("daily").type == "SET"


@pytest.mark.parametrize(
    ("text", "base", "tense", "value"),
    [
        ("April 28", BASE, "past", "2022-04-28"),
        ("April 2", BASE, "past", "2023-04-02"),  # eleven days ahead beats the tense
        ("September 3", BASE, "past", "2022-09-03"),
        ("September 3", BASE, "future", "2023-09-03"),
        ("December", dt.date(2022, 1, 10), "past", "2021-12"),
        ("Jan. 14", dt.date(2000, 1, 7), "past", "2000-01-14"),  # a week away beats the tense
        ("June", dt.date(2021, 10, 15), "present", "2021-06"),
    ],
)
def test_year_inference(text: str, base: dt.date, tense: str, value: str) -> None:
    assert r(text, base=base, tense=tense).value == value


def test_deadline_prefix_points_forward() -> None:
    assert r("Tuesday", prefix="until", tense="past").value == "2023-03-28"


def test_times_take_the_day_of_their_anchor() -> None:
    res = r("10:35 a.m.", anchor="2023-03-20")
    assert (res.value, res.type) == ("2023-03-20T10:35", "TIME")
    assert r("9 a.m. Tuesday", tense="future").value == "2023-03-28T09:00"


def test_numbers_that_are_not_years() -> None:
    assert r("0735").value is None
    assert r("25").value is None


def test_shift_clamps_month_ends() -> None:
    assert shift(dt.date(2022, 1, 31), 1, "month") == dt.date(2022, 2, 28)
    assert shift(dt.date(2020, 2, 29), -1, "year") == dt.date(2019, 2, 28)


def test_dateparse_fast_paths_and_granularity() -> None:
    year = parse_calendar("2019", BASE)
    assert year is not None and (year.period, year.has_year) == ("year", True)
    day = parse_calendar("2021-10-02", BASE)
    assert day is not None and day.when == dt.datetime(2021, 10, 2)
    month = parse_calendar("March 2021", BASE)
    assert month is not None and (month.period, month.has_year) == ("month", True)
    yearless = parse_calendar("October 2", BASE)
    assert yearless is not None and not yearless.has_year


def test_offsets_off_the_calendar_give_no_value() -> None:
    assert r("9999 years later", anchor="2020").value is None
    assert r("10000 years ago").value is None


def test_counted_stretches_ahead_are_durations() -> None:
    assert r("the next five years").type == "DURATION"
    assert r("the following three days", anchor="2021-02-01").type == "DURATION"
