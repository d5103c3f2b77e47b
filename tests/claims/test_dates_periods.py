"""The coarse periods `PartialDate` learned for TimeML: halves, seasons, decades, centuries, weekends,
parts of the day.

Each parses, orders, prints back as it came in, survives the ledger (both backends) and renders in the
ClaimReview export and the timeline.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claims.dates import PartialDate
from claims.errors import InvalidDate
from claims.ledger import Ledger
from claims.models import Claim, ClaimFilter, Verdict
from reports.claimreview import claim_review
from reports.models import DisputedClaim, EvidenceItem
from reports.timeline import timeline_svg

PERIODS = [
    # value, granularity, first day, last day, plain ISO value
    ("1990-H1", "half", "1990-01-01", "1990-06-30", "1990"),
    ("1990-H2", "half", "1990-07-01", "1990-12-31", "1990"),
    ("1998-SU", "season", "1998-06-01", "1998-08-31", "1998"),
    ("1998-WI", "season", "1998-12-01", "1999-02-28", "1998"),
    ("199", "decade", "1990-01-01", "1999-12-31", "199"),
    ("19", "century", "1900-01-01", "1999-12-31", "19"),
    ("1998-02-06TMO", "daypart", "1998-02-06", "1998-02-06", "1998-02-06"),
    ("1990-W32-WE", "weekend", "1990-08-11", "1990-08-12", "1990-W32"),
]


@pytest.mark.parametrize(("value", "granularity", "first", "last", "iso"), PERIODS)
def test_period_parses_and_prints_back(value: str, granularity: str, first: str, last: str, iso: str) -> None:
    date = PartialDate(value)
    assert (date.granularity, str(date), date.iso_value) == (granularity, value, iso)
    assert (date.first_day.isoformat(), date.last_day.isoformat()) == (first, last)
    assert PartialDate(f"end {value}").modifier == "end"


def test_periods_order_with_the_others() -> None:
    dates = [PartialDate(v) for v in ("1998-06", "1998-SU", "199", "1998-H1", "1998", "1998-02-06TMO", "19")]
    assert [str(d) for d in sorted(dates)] == ["19", "199", "1998", "1998-H1", "1998-02-06TMO", "1998-SU", "1998-06"]


@pytest.mark.parametrize("bad", ["1998-H3", "1998-XX", "1998-02-06TXX", "1"])
def test_bad_period_is_invalid(bad: str) -> None:
    with pytest.raises(InvalidDate):
        PartialDate(bad)


def test_from_date_builds_the_numbered_periods() -> None:
    day = dt.date(1995, 8, 3)
    assert [PartialDate.from_date(day, g).value for g in ("half", "decade", "century", "weekend")] == [
        "1995-H2",
        "199",
        "19",
        "1995-W31-WE",
    ]


def test_periods_round_trip_through_the_ledger(ledger: Ledger) -> None:
    values = [v for v, *_ in PERIODS]
    made = ledger.add_claims([Claim(text=f"Claim {i}.", claim_date=PartialDate(v)) for i, v in enumerate(values)])
    got = {c.id: str(c.claim_date) for c in ledger.list_claims()}
    assert got == {c.id: v for c, v in zip(made, values, strict=True)}
    window = ClaimFilter(since=PartialDate("1998"), until=PartialDate("1998"))
    in_1998 = {str(c.claim_date) for c in ledger.list_claims(window)}
    assert {"1998-SU", "1998-02-06TMO"} <= in_1998


def test_claimreview_exports_a_plain_iso_date() -> None:
    claim = Claim(id="c1234567890", text="A claim", claimant="Someone", claim_date=PartialDate("1998-SU"))
    verdict = Verdict(
        claim_id=claim.id, rating="false", at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC), review_url="https://d.example/c1"
    )
    item = claim_review(claim, verdict, org={"@type": "Organization", "name": "Desk", "url": "https://d.example"})
    assert item["itemReviewed"]["datePublished"] == "1998"


def test_timeline_draws_a_season_as_a_bar() -> None:
    season = EvidenceItem(
        id="c0000000001", text="then", claim_date=PartialDate("1998-SU"), stance="supports", origin="manual",
        direction="from",
    )  # fmt: skip
    thread = DisputedClaim(id="c9999999999", text="A claim", claim_date=PartialDate("1998-10-02"), evidence=[season])
    svg = timeline_svg(thread)
    assert '<rect class="period"' in svg and "summer 1998" in svg  # a bar over the season, named in words
