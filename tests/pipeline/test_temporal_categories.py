"""One regression test per category of issue 15, on expressions and sentences written for these tests.

The resolver tests need no spaCy; the story tests (a period under discussion, a period dated by its
end, direction from the verb) run the real component and are marked slow.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from spacy.language import Language

from claims.dates import PartialDate
from pipeline.nlp.context.docmeta import make_doc
from pipeline.nlp.temporal.discourse import WeekdaysSeen
from pipeline.nlp.temporal.resolve import Resolution, resolve
from pipeline.nlp.temporal.spoken import spoken_year

BASE = dt.date(2011, 10, 19)  # a Wednesday in the fourth quarter


def r(text: str, tense: str = "past", period: str | None = None, base: dt.date = BASE) -> Resolution:
    words = tuple(w for w in re.findall(r"\w+|'s|[^\w\s]", text.lower()) if re.match(r"[\w']", w))
    return resolve(text, words, base, None, tense, (), PartialDate(period) if period else None)


@pytest.mark.parametrize(
    ("text", "tense", "period", "value"),
    [
        ("the second quarter", "past", None, "2011-Q2"),
        ("second-quarter", "past", None, "2011-Q2"),
        ("the fourth quarter", "future", None, "2011-Q4"),
        ("the first quarter of 2009", "past", None, "2009-Q1"),
        ("the latest quarter", "past", None, "2011-Q3"),
        ("the current quarter", "present", None, "2011-Q4"),
        ("the quarter", "past", "2011-Q3", "2011-Q3"),
        ("the latest period", "past", "2011-Q3", "2011-Q3"),
        ("the year-ago quarter", "past", "2011-Q3", "2010-Q3"),
        ("a year earlier", "past", "2011-Q3", "2010-Q3"),
        ("a year ago", "past", "2011-H1", "2010-H1"),
        ("last year's quarter", "past", "2011-Q2", "2010-Q2"),
        ("the year-earlier period", "past", "2011-Q3", "2010-Q3"),
        ("the 2009 quarter", "past", "2011-Q3", "2009-Q3"),
        ("the year-ago second quarter", "past", None, "2010-Q2"),
        ("year-earlier", "past", "2011", "2010"),
        ("fiscal 2012", "future", None, "2012"),
        ("the current fiscal year", "present", None, "2011"),
        ("last fiscal year", "past", None, "2010"),
        ("the full year", "future", None, "2011"),
        ("the first half", "past", None, "2011-H1"),
        ("the first two quarters of 2012", "future", None, "2012-H1"),
    ],
)
def test_financial_periods(text: str, tense: str, period: str | None, value: str) -> None:
    assert r(text, tense, period).value == value


def test_last_year_alone_stays_a_year_even_with_a_quarter_in_discussion() -> None:
    assert r("last year", "past", "2011-Q3").value == "2010"
    assert r("a year ago", "past").value == "2010"  # no period under discussion: a year


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nineteen ninety-six", "1996"),
        ("January nineteen ninety-seven", "1997-01"),
        ("the year two thousand", "2000"),
        ("two thousand and three", "2003"),
        ("nineteen oh five", "1905"),
    ],
)
def test_spoken_years(text: str, value: str) -> None:
    assert r(text).value == value


@pytest.mark.parametrize("words", ["twenty five", "nineteen", "three thousand", "fifteen minutes"])
def test_counts_are_not_spoken_years(words: str) -> None:
    assert spoken_year(words.split()) is None


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("this summer", "past", "2011-SU"),
        ("last winter", "past", "2010-WI"),
        ("next spring", "future", "2012-SP"),
        ("the summer of 2004", "past", "2004-SU"),
        ("last fall", "past", "2010-FA"),
        ("the 1980s", "past", "198"),
        ("the '70s", "past", "197"),
        ("the nineties", "past", "199"),
        ("the 19th century", "past", "18"),
        ("the twenty-first century", "present", "20"),
    ],
)
def test_seasons_decades_centuries(text: str, tense: str, value: str) -> None:
    assert r(text, tense).value == value


def test_on_a_sunday_last_week_is_the_one_that_just_ended() -> None:
    sunday = dt.date(2011, 10, 23)
    assert (r("last week", base=sunday).value, r("this week", base=sunday).value) == ("2011-W42", "2011-W43")


def test_an_age_is_not_a_decade() -> None:
    assert r("his 40s").value is None


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("two weeks ago", "past", "2011-10-05"),
        ("the past year", "past", "2010"),
        ("noon Friday", "future", "2011-10-21T12:00"),
        ("this morning", "past", "2011-10-19TMO"),
        ("yesterday afternoon", "past", "2011-10-18TAF"),
        ("Friday night", "past", "2011-10-14"),  # a weekday at the head: the day, as TimeML annotators do
        ("the weekend", "past", "2011-W41-WE"),
        ("next weekend", "future", "2011-W42-WE"),
        ("earlier in the year", "past", "2011"),
        ("the week of Oct. 3", "past", "2011-W40"),
    ],
)
def test_relative_spans_and_times_of_day(text: str, tense: str, value: str) -> None:
    assert r(text, tense).value == value


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Tuesday", "past", "2011-10-18"),
        ("Tuesday", "future", "2011-10-25"),
        ("Nov. 4", "future", "2011-11-04"),
        ("Nov. 4", "past", "2011-11-04"),  # two weeks ahead is nearer than a year back
        ("Aug. 30", "future", "2012-08-30"),
    ],
)
def test_direction_of_weekdays_and_dates_without_a_year(text: str, tense: str, value: str) -> None:
    assert r(text, tense).value == value


# --- the story: what the component sees across sentences ------------------------------------------

STORY = (
    "Northwind Freight said Tuesday that its profit rose 12% in the third quarter.\n\n"
    "Sales for the quarter were $40 million, up from $35 million a year earlier. "
    "The company expects the year-ago quarter's one-time charge not to recur.\n\n"
    "For the nine months ended Sept. 30, profit was $9 million. "
    "Results for the year ending June 30, 2012 will be reported in August.\n\n"
    "The shares will be payable Dec. 7 to holders of record Nov. 22. "
    "The contract issued Thursday covers the winter."
)


@pytest.mark.slow
def test_story_periods_and_directions(nlp_temporal: Language) -> None:
    doc = nlp_temporal(make_doc(nlp_temporal, STORY, published=PartialDate("2011-10-19")))
    got = {s.text: s._.date.value for s in doc.spans["dates"]}
    assert got["Tuesday"] == "2011-10-18"
    assert got["the third quarter"] == "2011-Q3"
    assert got["the quarter"] == "2011-Q3"  # the period under discussion
    assert got["a year earlier"] == "2010-Q3"  # compared with the same quarter a year before
    assert got["Sept. 30"] == "2011-09-30"
    assert got["the year"] is None  # July 2011 to June 2012: twelve months, not a calendar year
    assert got["June 30, 2012"] == "2012-06-30"
    assert got["Dec. 7"] == "2011-12-07"  # "payable" points ahead
    assert got["Nov. 22"] == "2011-11-22"
    assert got["Thursday"] == "2011-10-13"  # a participle describes what was done


def test_a_story_names_one_week_for_each_bare_weekday() -> None:
    seen = WeekdaysSeen()
    first = seen.keep(("friday", "night"), r("Friday night", "past"), "past")
    again = seen.keep(("friday",), r("Friday", "present"), "present")  # no verb of its own: the same Friday
    other = seen.keep(("friday",), r("Friday", "future"), "future")  # a verb pointing ahead: the next one
    assert (first.value, again.value, other.value) == ("2011-10-14", "2011-10-14", "2011-10-21")
    assert seen.keep(("last", "friday"), r("last Friday"), "past").value == "2011-10-14"


# --- finding expressions, and the direction a comment verb gives (issue 15, second round) ------------

FOUND = (
    "A spokeswoman for Brightwater Mills could not be reached Tuesday. "
    "The plant will close Friday, the union said. "
    "Tour bookings fell after the Sept. 12 storm closed the coast road. "
    "The day before last Thursday's board meeting, the chairman resigned. "
    "The mayor spoke at the March for Clean Water. "
    "Such rules shape today's youth, the minister said. "
    "Net income rose 8% in the fiscal second-quarter. "
    "In the latest period, sales were $12 million."
)


@pytest.mark.slow
def test_expressions_the_model_misses_and_comment_verbs(nlp_temporal: Language) -> None:
    doc = nlp_temporal(make_doc(nlp_temporal, FOUND, published=PartialDate("2011-10-19")))
    got = {s.text: s._.date.value for s in doc.spans["dates"]}
    assert got["Tuesday"] == "2011-10-18"  # "could not be reached": an attempt already made
    assert got["Friday"] == "2011-10-21"  # a bare future stays ahead
    assert got["Sept. 12"] == "2011-09-12"  # a month and day the model reads as part of a name
    assert got["The day before last Thursday's"] == "2011-10-12"  # one day counted back from the date
    assert got["the fiscal second-quarter"] == "2011-Q2"
    assert got["the latest period"] == "2011-Q2"  # the period under discussion, named again
    assert "March" not in got and "today" not in got  # a name and a generation, not dates


def test_the_day_after_a_holiday() -> None:
    assert r("the day after Christmas", "past").value == "2010-12-26"
    assert r("the night before Election Day", "past").value == "2010-11-01"


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("the next three years or so", "future", None),  # a stretch of time, hedged
        ("a month or so ago", "past", "2011-09"),
        ("afternoon yesterday", "past", "2011-10-18TAF"),
        ("mid-morning today", "present", "2011-10-19TMO"),
    ],
)
def test_hedged_spans_and_a_part_of_the_day_before_its_day(text: str, tense: str, value: str | None) -> None:
    assert r(text, tense).value == value


def test_hours_move_the_day_only_past_midnight() -> None:
    assert r("two hours ago").value == "2011-10-19"  # not two days ago
    assert r("36 hours ago").value == "2011-10-18"
    late = PartialDate("2011-10-14T23:00")
    words = ("three", "hours", "later")
    assert resolve("three hours later", words, BASE, late, "past", (), None).value == "2011-10-15"
    assert resolve("three hours later", words, BASE, PartialDate("2011-10-14"), "past", (), None).value == "2011-10-14"
