"""Small pieces: rating vocabulary and scaling, loose dates, JSON-LD discovery, the status roll-up."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.ledger import Ledger
from reports.jsonld import Found, Problem, find_in_html, find_items, page_url
from reports.loosedates import parse_loose_date
from reports.models import report_time
from reports.ratings import rating_for, rating_from_number, rating_from_text
from reports.status import build_status_report


@pytest.mark.parametrize(
    ("label", "rating"),
    [
        ("False", "false"),
        ("  FALSO ", "false"),
        ("Pants on Fire!", "false"),
        ("Mostly False", "mostly-false"),
        ("Half True", "mixed"),
        ("Engañoso", "misleading"),
        ("Missing context: the photo is old", "misleading"),
        ("False. The video is from 2015", "false"),
        ("Falsehood in the making", None),
        ("錯誤", "false"),
        ("Supported", "true"),
        ("Not Enough Evidence", "unproven"),
        ("Something else entirely", None),
        ("", None),
    ],
)
def test_textual_ratings(label: str, rating: str | None) -> None:
    assert rating_from_text(label) == rating


@pytest.mark.parametrize(
    ("value", "best", "worst", "rating"),
    [
        ("1", "5", "1", "false"),
        (5, 5, 1, "true"),
        ("3", None, None, "mixed"),
        (7, 10, 0, "mostly-true"),
        ("2,0", "5", "1", "mostly-false"),
        ("", "5", "1", None),
        (9, 5, 1, None),
        (3, 1, 5, None),
        (True, 5, 1, None),
    ],
)
def test_numeric_ratings(value: object, best: object, worst: object, rating: str | None) -> None:
    assert rating_from_number(value, best, worst) == rating


def test_text_wins_over_number() -> None:
    assert rating_for("Falso", 4, 6) == "false"
    assert rating_for("Unrecognised words", 4, 5) == "mostly-true"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-06-23 20:02", "2020-06-23T20:02"),
        ("2020-03-18T14:00:00+0200", "2020-03-18T14:00"),
        ("2020-06-22T12:26:08+5:30", "2020-06-22"),
        ("2020-06-13T00:00:00+02:00", "2020-06-13"),
        ("31-10-2020", "2020-10-31"),
        ("1-2-2021", "2021-02-01"),
        ("10/31/2020", "2020-10-31"),
        ("June 20, 2019", "2019-06-20"),
        ("20190620", "2019-06-20"),
        ("2022-Q2", "2022-Q2"),
        ("approx 2022", "approx 2022"),
        ("2020-13-45", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_loose_dates(text: str | None, expected: str | None) -> None:
    date, _ = parse_loose_date(text)
    assert (str(date) if date else None) == expected


def test_find_items_walks_graphs_feeds_lists_and_wrappers() -> None:
    data = {
        "url": "https://base.example.org/page",
        "jsonld": [
            {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": ["ClaimReview"], "n": 1}]},
            {"@type": "DataFeedItem", "item": [{"@type": "schema:ClaimReview", "n": 2}]},
        ],
    }
    found = [f for f in find_items(data) if isinstance(f, Found)]
    assert [f.data["n"] for f in found] == [1, 2]
    assert {f.base_url for f in found} == {"https://base.example.org/page"}


def test_html_blocks_canonical_and_bad_json() -> None:
    page = (
        '<html><head><meta property="og:url" content="https://x.example/a?b=1&amp;c=2">'
        '<script type="application/ld+json"><!-- {"@type": "ClaimReview", "claimReviewed": "x"} --></script>'
        '<script type="application/ld+json">{"@type": "ClaimReview", oops}</script></head></html>'
    )
    assert page_url(page) == "https://x.example/a?b=1&c=2"
    items = list(find_in_html(page))
    assert isinstance(items[0], Found) and items[0].base_url == "https://x.example/a?b=1&c=2"
    assert isinstance(items[1], Problem) and items[1].reason.startswith("invalid JSON-LD")


def test_status_roll_up(fixed_ledger: Ledger) -> None:
    report = build_status_report(fixed_ledger, generated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    assert report.total == 9
    assert {c.key: c.count for c in report.by_status} == {"unverified": 5, "corroborated": 0, "disputed": 2, "rated": 2}
    assert report.undated == 1
    assert [(c.key, c.count) for c in report.top_disputed_claimants] == [("Ana Petrova", 2)]
    assert {c.key for c in report.verdicts_by_rating} == {"true", "mostly-false"}


def test_report_time_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    fixed = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    assert report_time(fixed) == fixed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert report_time() == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
