"""`import claimreview` on messy markup we wrote to mimic real pages: wrappers, lists, strings, relative URLs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claims.imports import ImportResult
from claims.ledger import Ledger
from pipeline.importers import import_items
from reports.claimreview_import import claimreview_entries, parse_claimreview


def import_claimreview(ledger: Ledger, paths: list[Path], **options: Any) -> ImportResult:
    """What `claimtrack import claimreview` does: parse file by file (reports/), store (pipeline/)."""
    return import_items(ledger, (e for p in paths for e in claimreview_entries(p)), **options)


PAGE = """<!DOCTYPE html><html><head>
<link rel="canonical" href="https://checks.example.org/2023/bridge-claim">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebPage", "name": "x"}</script>
<script type='application/ld+json'>
{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "name": "Example Checks"},
  {"@type": ["ClaimReview"], "url": "/2023/bridge-claim",
   "claimReviewed": "The new bridge\\n was   finished on time",
   "datePublished": "2023-05-02 14:05",
   "name": "Was the bridge on time?",
   "author": {"@type": "Organization", "name": "Example Checks", "url": "/"},
   "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": "5", "worstRating": "1",
                    "alternateName": "Misleading"},
   "itemReviewed": {"@type": "CreativeWork",
                    "author": {"@type": "Person", "name": ["Jane Roe", "city councillor"]},
                    "datePublished": "2023-04-28T09:00:00+0530",
                    "appearance": [{"@type": "CreativeWork", "url": "/archive/post-1"}, "https://social.example.com/p/2"]}}
]}
</script>
<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": "broken",}</script>
</head><body>page</body></html>"""

API = {
    "claims": [
        {
            "text": "Turnout was the highest ever",
            "claimant": "Party spokesperson",
            "claimDate": "2022-11-09T00:00:00Z",
            "claimReview": [
                {
                    "publisher": {"name": "Truth Desk", "site": "truthdesk.example.net"},
                    "url": "https://truthdesk.example.net/turnout",
                    "title": "Turnout record?",
                    "reviewDate": "2022-11-12T10:00:00Z",
                    "textualRating": "Pants on Fire",
                },
                {
                    "publisher": {"site": "other.example.org"},
                    "url": "https://other.example.org/t",
                    "textualRating": "Ce n'est pas clair du tout",
                },
            ],
        },
        {"text": "No reviews here", "claimReview": []},
    ]
}

FEED = [
    {
        "@context": "http://schema.org",
        "@type": "ClaimReview",
        "url": "https://scale.example.org/a",
        "claimReviewed": "Rents doubled",
        "datePublished": "June 3, 2021",
        "author": {"@type": "Organization", "name": "Scale Checks"},
        "reviewRating": {"@type": "Rating", "ratingValue": 7, "bestRating": 10, "worstRating": 0},
        "itemReviewed": {"@type": "Claim", "author": "Landlords' association", "datePublished": "31-5-2021"},
    },
    {
        "@context": "http://schema.org",
        "@type": "ClaimReview",
        "url": "https://scale.example.org/b",
        "claimReviewed": "x",
    },
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "page": tmp_path / "page.html",
        "api": tmp_path / "api.json",
        "feed": tmp_path / "feed.json",
        "other": tmp_path / "other.json",
        "capture": tmp_path / "capture.json",
    }
    paths["page"].write_text(PAGE, encoding="utf-8")
    paths["api"].write_text(json.dumps(API), encoding="utf-8")
    paths["feed"].write_text(json.dumps(FEED), encoding="utf-8")
    paths["other"].write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    # A scraper capture: the page's URL next to its HTML, which states no canonical URL itself.
    bare = PAGE.replace('<link rel="canonical" href="https://checks.example.org/2023/bridge-claim">', "")
    paths["capture"].write_text(json.dumps({"url": "https://mirror.example.org/x/y", "page": bare}), encoding="utf-8")
    return paths


def test_messy_page_is_read_fully(ledger: Ledger, files: dict[str, Path]) -> None:
    result = import_claimreview(ledger, [files["page"]])
    assert result.imported == 1
    assert [s.reason for s in result.skipped] == [
        "invalid JSON-LD (Expecting property name enclosed in double quotes at line 1)"
    ]
    claim = ledger.get_claim(result.claim_ids[0])
    assert claim.text == "The new bridge was finished on time"
    assert (claim.claimant, claim.claimant_role) == ("Jane Roe", "city councillor")
    assert str(claim.claim_date) == "2023-04-28T09:00"
    assert claim.source.url == "https://checks.example.org/2023/bridge-claim"
    assert claim.source.outlet == "Example Checks"
    assert str(claim.source.published) == "2023-05-02T14:05"
    assert claim.verdict.rating == "misleading" and claim.verdict.label == "Misleading"
    detail = ledger.claim_detail(claim.id)
    assert detail.verdict_history[-1].evidence == [
        "https://checks.example.org/archive/post-1",
        "https://social.example.com/p/2",
    ]


def test_relative_urls_resolve_against_the_captured_page_url(ledger: Ledger, files: dict[str, Path]) -> None:
    result = import_claimreview(ledger, [files["capture"]])
    claim = ledger.get_claim(result.claim_ids[0])
    assert claim.source.url == "https://mirror.example.org/2023/bridge-claim"


def test_fact_check_tools_api_response(ledger: Ledger, files: dict[str, Path]) -> None:
    result = import_claimreview(ledger, [files["api"]])
    assert result.imported == 2
    assert [s.reason for s in result.skipped] == ["claim has no claimReview entries"]
    assert len(result.notes) == 1 and "not recognised" in result.notes[0].reason
    by_url = {c.source.url: c for c in ledger.list_claims()}
    fire = by_url["https://truthdesk.example.net/turnout"]
    assert fire.verdict.rating == "false" and fire.verdict.label == "Pants on Fire"
    assert fire.claimant == "Party spokesperson" and str(fire.claim_date) == "2022-11-09"
    assert fire.source.outlet == "Truth Desk"
    unclear = by_url["https://other.example.org/t"]
    assert unclear.verdict.rating == "unproven" and unclear.verdict.label == "Ce n'est pas clair du tout"


def test_numeric_scale_odd_dates_and_missing_rating(ledger: Ledger, files: dict[str, Path]) -> None:
    result = import_claimreview(ledger, [files["feed"]])
    assert result.imported == 1
    assert [(s.item, s.reason) for s in result.skipped] == [("[1]", "no reviewRating")]
    claim = ledger.get_claim(result.claim_ids[0])
    assert claim.verdict.rating == "mostly-true"  # 7 on 0..10 → 3.8 → 4 of 5
    assert str(claim.claim_date) == "2021-05-31"
    assert str(claim.source.published) == "2021-06-03"
    assert claim.claimant == "Landlords' association"


def test_files_without_claimreview_are_reported(ledger: Ledger, files: dict[str, Path]) -> None:
    result = import_claimreview(ledger, [files["other"]])
    assert result.imported == 0
    assert [s.reason for s in result.skipped] == ["no ClaimReview found (no ClaimReview JSON-LD or API claims)"]


def test_importing_twice_skips_what_is_there(ledger: Ledger, files: dict[str, Path]) -> None:
    first = import_claimreview(ledger, [files["page"], files["api"], files["feed"]])
    second = import_claimreview(ledger, [files["page"], files["api"], files["feed"]])
    assert first.imported == 4 and second.imported == 0
    assert sum("already in the ledger" in s.reason for s in second.skipped) == 4
    assert len(ledger.list_claims()) == 4


def test_entries_are_parsed_without_a_ledger(files: dict[str, Path]) -> None:
    """Parsing gives the claim, its fact-check source and the verdict; storing is pipeline.importers' job."""
    from claims.imports import ImportItem

    entries = claimreview_entries(files["page"])
    items = [e for e in entries if isinstance(e, ImportItem)]
    assert items and all(i.claim.source_id == i.source.id for i in items if i.source)
    assert all(i.source.kind == "factcheck" for i in items if i.source)


def test_parse_rejects_items_without_text() -> None:
    from reports.claimreview_import import Skip

    with pytest.raises(Skip, match="no claimReviewed"):
        parse_claimreview({"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}})
