"""Seasons, decades and fiscal periods round-trip: ledger → claims list, reports (JSON, Markdown, CSV, status),
ClaimReview export; on both backends, through the commands a user runs.

A TimeML period (`1998-SU`, `199`, `1989-Q3`, `1990-H2`) is stored as written and comes back as written
wherever the ledger's own dates are printed. ClaimReview's `datePublished` wants plain ISO 8601, so the
export prints a season or a half as its year and a part of the day as its day (`PartialDate.iso_value`);
quarters, years, decades and centuries go out as stored (tests/reports/test_reports_roundtrip.py imports
a quarter back).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import Claim
from pipeline.cli.app import app
from reports.claimreview import claim_review

runner = CliRunner()
# value as stored, what the status report counts it under
PERIODS = {
    "1998-SU": "1998-SU",  # a season
    "199": "1990s",  # a decade
    "19": "20th century",
    "1989-Q3": "1989-Q3",  # a fiscal quarter
    "1990-H2": "1990-H2",  # a fiscal half
    "1989": "1989",  # a fiscal year
    "1998-W32-WE": "1998-08",  # a weekend
    "1998-02-06TMO": "1998-02",  # a part of the day
}


def run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stdout


@pytest.fixture
def dated(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A ledger with one disputed claim per period: each is contradicted by one later claim (dated a day)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714564800")
    ledger = Ledger.open(db_url)
    try:
        made = ledger.add_claims(
            [
                Claim(text=f"Period claim {i} about the harbour.", claim_date=PartialDate(v))
                for i, v in enumerate(PERIODS)
            ]
        )
        (rebuttal,) = ledger.add_claims(
            [Claim(text="The harbour was never dredged.", claim_date=PartialDate("2024-01-02"))]
        )
        for claim in made:
            ledger.link(rebuttal.id, claim.id, "contradicts")
    finally:
        ledger.close()
    return db_url


def test_claims_list_prints_each_period_as_stored(dated: str) -> None:
    rows = json.loads(run(dated, "claims", "list", "--format", "json"))
    assert sorted(r["claim_date"] for r in rows if r["claim_date"] != "2024-01-02") == sorted(PERIODS)


def test_disputed_report_keeps_the_periods_in_json_markdown_and_csv(dated: str) -> None:
    data = json.loads(run(dated, "report", "disputed", "--format", "json"))
    dates = [c["claim_date"] for c in data["claims"]]
    assert sorted(dates) == sorted(PERIODS)
    assert all(str(PartialDate(d)) == d for d in dates)  # each parses back to itself
    csv_text = run(dated, "report", "disputed", "--format", "csv")
    assert all(f',"{value}",' in csv_text for value in PERIODS)
    markdown = run(dated, "report", "disputed")
    for words in ("in summer 1998", "in the 1990s", "in the third quarter of 1989"):
        assert words in markdown  # each period named in words


def test_status_report_counts_each_period_at_its_own_granularity(dated: str) -> None:
    data = json.loads(run(dated, "report", "status", "--format", "json"))
    counted = {row["key"]: row["count"] for row in data["by_month"]}
    assert counted == {**dict.fromkeys(PERIODS.values(), 1), "2024-01": 1}


def test_a_period_filter_finds_the_periods_inside_it(dated: str) -> None:
    rows = json.loads(run(dated, "claims", "list", "--format", "json", "--since", "1998", "--until", "1998"))
    # a window keeps every date that overlaps it: the decade and the century contain 1998
    assert {r["claim_date"] for r in rows} == {"1998-SU", "1998-W32-WE", "1998-02-06TMO", "199", "19"}


@pytest.mark.parametrize(
    ("value", "iso"),
    [("1998-SU", "1998"), ("1990-H2", "1990"), ("199", "199"), ("1989-Q3", "1989-Q3"), ("1989", "1989")],
)
def test_claimreview_prints_a_period_as_an_iso_date(value: str, iso: str) -> None:
    from claims.models import Verdict

    claim = Claim(id="c1234567890", text="A claim", claimant="Someone", claim_date=PartialDate(value))
    verdict = Verdict(
        claim_id=claim.id, rating="false", at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC), review_url="https://d.example/c1"
    )
    item = claim_review(claim, verdict, org={"@type": "Organization", "name": "Desk", "url": "https://d.example"})
    assert item["itemReviewed"]["datePublished"] == iso
    assert _contains(PartialDate(iso), PartialDate(value))  # the period itself or the year around it


def test_export_gives_each_period_or_the_iso_period_around_it(dated: str, tmp_path: Path) -> None:
    ledger = Ledger.open(dated)
    try:
        for claim in ledger.list_claims():
            ledger.rate(claim.id, "false", rationale="checked", by="Desk", review_url=f"https://d.example/{claim.id}")
        stored = {c.text: c.claim_date for c in ledger.list_claims()}
    finally:
        ledger.close()
    out = tmp_path / "claimreview.json"
    run(dated, "export", "claimreview", "--org-name", "Desk", "--org-url", "https://d.example", "--out", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len(exported) == len(PERIODS) + 1
    for item in exported:
        date = stored[item["claimReviewed"]]
        assert date is not None
        published = PartialDate(item["itemReviewed"]["datePublished"])  # a date the ledger reads back
        assert _contains(published, date)
        if date.granularity not in ("season", "half", "daypart", "weekend"):
            assert published == date  # quarters, years, decades, centuries go out as they are stored


def _contains(outer: PartialDate, inner: PartialDate) -> bool:
    return outer.first_day <= inner.first_day and inner.last_day <= outer.last_day
