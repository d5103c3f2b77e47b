"""Export → import into an empty ledger keeps every rated claim, claimant, claim date, rating and URL."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import Claim
from pipeline.importers import import_items
from reports.claimreview import claimreview_json, export_claimreview
from reports.claimreview_import import claimreview_entries


def _rated(ledger: Ledger) -> set[tuple]:
    return {
        (c.text, c.claimant, str(c.claim_date) if c.claim_date else None, c.verdict.rating)
        for c in ledger.list_claims()
        if c.verdict
    }


def _add_every_rating(ledger: Ledger) -> None:
    """One rated claim per rating, with assorted date granularities, roles and no claimant at all."""
    dates = ["2021", "2021-06", "2021-W23", "2021-Q3", "2021-06-07", "2021-06-07T08:30", None]
    ratings = ["true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unproven"]
    with ledger.transaction() as conn:
        for n, (rating, date) in enumerate(zip(ratings, dates, strict=True)):
            cid = f"c10000000{n:02d}"
            ledger.add_claims(
                [
                    Claim(
                        id=cid,
                        text=f"Round-trip claim number {n}",
                        claimant=None if n == 6 else f"Person {n}",
                        claimant_role="spokesperson" if n % 2 else None,
                        claim_date=PartialDate(date) if date else None,
                    )
                ],
                conn=conn,
            )
            review = f"https://factdesk.example.org/checks/{n}"
            ledger.rate(cid, rating, rationale=f"why {n}", by="Desk", review_url=review, conn=conn)


def test_round_trip_keeps_claims_claimants_dates_ratings_urls(
    fixed_ledger: Ledger, fresh_db: Callable[[str], str], tmp_path: Path
) -> None:
    _add_every_rating(fixed_ledger)
    # The scenario's own two verdicts carry no fact-check URL: the desk's address pattern supplies one.
    fixed_ledger.set_setting("claimreview.url_template", "{org_url}/claims/{claim_id}")
    exported = export_claimreview(fixed_ledger)
    out = tmp_path / "claimreview.json"
    out.write_text(claimreview_json(exported), encoding="utf-8")

    fresh = Ledger.open(fresh_db("fresh"))
    try:
        result = import_items(fresh, claimreview_entries(out))
        assert result.imported == len(exported) == 9
        assert result.skipped == [] and result.notes == []
        assert _rated(fresh) == _rated(fixed_ledger)
        urls = {c.source.url for c in fresh.list_claims()}
        assert urls == {item["url"] for item in exported}
        # and once more: the re-export of the imported ledger says the same thing
        again = json.loads(claimreview_json(export_claimreview(fresh, org_name="Second Desk")))
        key = ("claimReviewed", "url")
        assert {tuple(i[k] for k in key) for i in again} == {tuple(i[k] for k in key) for i in exported}
        assert {i["reviewRating"].get("ratingValue") for i in again} == {
            i["reviewRating"].get("ratingValue") for i in exported
        }
    finally:
        fresh.close()
