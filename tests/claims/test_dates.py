"""PartialDate: parsing, validation, ordering and serialisation."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel

from claims.dates import PartialDate
from claims.errors import InvalidDate


@pytest.mark.parametrize(
    ("text", "granularity"),
    [
        ("2022", "year"),
        ("2022-04", "month"),
        ("2022-04-27", "day"),
        ("2022-06-14T13:15", "minute"),
        ("2022-W17", "week"),
        ("2022-Q2", "quarter"),
    ],
)
def test_granularities_round_trip(text: str, granularity: str) -> None:
    date = PartialDate(text)
    assert date.granularity == granularity
    assert str(date) == text


def test_timestamps_keep_minutes_and_drop_seconds_and_zone() -> None:
    assert str(PartialDate("2022-06-14T13:15:42+02:00")) == "2022-06-14T13:15"
    assert str(PartialDate("2022-06-14 13:15")) == "2022-06-14T13:15"


@pytest.mark.parametrize("bad", ["2022-13-45", "2022-02-30", "2022-W54", "2022-Q5", "22-04", "April 2022", "", "0000"])
def test_invalid_dates_are_rejected_clearly(bad: str) -> None:
    with pytest.raises(InvalidDate, match="invalid date"):
        PartialDate(bad)


def test_modifiers() -> None:
    late = PartialDate("end 2021")
    assert late.value == "2021" and late.modifier == "end"
    assert str(late) == "end 2021"
    assert PartialDate("2012", "approx") == PartialDate("approx 2012")
    with pytest.raises(InvalidDate, match="modifier"):
        PartialDate("2012", "roughly")


def test_chronological_order_month_before_its_days() -> None:
    values = ["2022-04-27", "2022", "2022-04", "2021-12-31", "2022-W17", "2022-Q2", "2022-04-27T09:00", "end 2021"]
    assert PartialDate("before 2023") < PartialDate("2023") < PartialDate("after 2022-12")
    ordered = [str(d) for d in sorted(PartialDate(v) for v in values)]
    assert ordered == [
        "end 2021",
        "2021-12-31",
        "2022",
        "2022-Q2",
        "2022-04",
        "2022-W17",
        "2022-04-27",
        "2022-04-27T09:00",
    ]
    assert sorted(ordered, key=lambda v: PartialDate(v).sort_key()) == ordered


def test_bounds() -> None:
    week = PartialDate("2022-W17")
    assert week.first_day == dt.date(2022, 4, 25) and week.last_day == dt.date(2022, 5, 1)
    assert PartialDate("2024-02").last_day == dt.date(2024, 2, 29)
    assert PartialDate("2022-Q4").first_day == dt.date(2022, 10, 1)


def test_from_date() -> None:
    day = dt.date(2022, 4, 27)
    assert str(PartialDate.from_date(day, "month")) == "2022-04"
    assert str(PartialDate.from_date(day, "week")) == "2022-W17"
    assert str(PartialDate.from_date(day, "quarter")) == "2022-Q2"
    assert str(PartialDate.from_date(dt.datetime(2022, 4, 27, 8, 5), "minute")) == "2022-04-27T08:05"


def test_pydantic_field_serialises_as_string() -> None:
    class Holder(BaseModel):
        when: PartialDate | None = None

    holder = Holder(when="2022-04")
    assert holder.model_dump(mode="json") == {"when": "2022-04"}
    assert holder.model_dump_json() == '{"when":"2022-04"}'
    with pytest.raises(ValueError, match="invalid date"):
        Holder(when="2022-13-45")
