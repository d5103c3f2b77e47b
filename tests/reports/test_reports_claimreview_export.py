"""`export claimreview`: every rated claim with a published fact-check, as ClaimReview JSON-LD.

The JSON schema (`data/claimreview.schema.json`) is schema.org's vocabulary for
each type plus the fields Google documents as required; every export here is
validated against it, and the fixed scenario is snapshotted.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from claims.errors import InvalidInput
from claims.ledger import Ledger
from claims.models import Appearance, Claim, Source, SourceRef, Verdict
from reports.claimreview import claim_review, claimreview_json, export_claimreview, export_claimreviews
from reports.ratings import RATING_VALUE

SCHEMA: dict[str, Any] = json.loads((Path(__file__).parent / "data" / "claimreview.schema.json").read_text("utf-8"))
ORG = {"@type": "Organization", "name": "Desk", "url": "https://desk.example.org"}
BRIDGE, SCHOOLS = "c0000000007", "c0000000009"
REVIEW = "https://factdesk.example.org/checks/bridge-opening"


def validate(item: dict[str, Any]) -> None:
    """The schema, plus what JSON schema cannot say: firstAppearance is one of the appearances, rating in range."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(item, SCHEMA, cls=jsonschema.Draft202012Validator)
    claim = item["itemReviewed"]
    if "firstAppearance" in claim:
        assert claim["firstAppearance"] == claim["appearance"][0]
    rating = item["reviewRating"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


@pytest.fixture
def reviewed(fixed_ledger: Ledger) -> Ledger:
    """The fixed scenario with the bridge claim's fact-check published, and a second, earlier appearance.

    The schools claim keeps a verdict without a fact-check URL: the export skips it.
    """
    earlier = Source(
        id="s0000000009", title="Radio interview", url="https://radio.example.com/interview", outlet="Example Radio",
        published="2022-10-20", text="", content_hash="h-radio", kind="manual",
    )
    fixed_ledger.add_source(earlier)
    fixed_ledger.add_appearance(BRIDGE, Appearance(source=SourceRef(id=earlier.id), claim_date="2022-10-20"))
    fixed_ledger.rate(
        BRIDGE, "Mostly False", by="Desk B", rationale="Opening ceremony was on time; traffic came later.",
        review_url=REVIEW, review_title="Did the bridge open on time?", published=dt.date(2022, 12, 3),
        at=dt.datetime(2022, 12, 2, 9, 45, tzinfo=dt.UTC),
    )
    return fixed_ledger


def test_export_uses_the_published_fact_check(reviewed: Ledger) -> None:
    result = export_claimreviews(reviewed)
    assert [i["claimReviewed"] for i in result.items] == ["The bridge opened on time"]
    (bridge,) = result.items
    validate(bridge)
    assert bridge["url"] == REVIEW
    assert bridge["headline"] == "Did the bridge open on time?"
    assert bridge["datePublished"] == "2022-12-03"  # the fact-check's day, not the export's or the verdict's
    assert bridge["reviewRating"]["ratingValue"] == 2 and bridge["reviewRating"]["alternateName"] == "Mostly false"
    assert bridge["itemReviewed"]["author"] == {"@type": "Person", "name": "Jonas Berg", "jobTitle": "mayor"}


def test_every_appearance_and_the_earliest_first(reviewed: Ledger) -> None:
    (bridge,) = export_claimreview(reviewed)
    claim = bridge["itemReviewed"]
    assert [a["url"] for a in claim["appearance"]] == [
        "https://radio.example.com/interview",  # 2022-10-20, stored after the article but earlier
        "https://herald.example.net/bridge",  # 2022-11
    ]
    assert claim["firstAppearance"]["url"] == "https://radio.example.com/interview"
    assert claim["firstAppearance"]["datePublished"] == "2022-10-20"


def test_a_claim_without_a_fact_check_url_is_skipped_with_a_reason(reviewed: Ledger) -> None:
    result = export_claimreviews(reviewed)
    assert [s.claim_id for s in result.skipped] == [SCHOOLS]
    assert "--review-url" in result.skipped[0].reason
    assert all(not i["url"].startswith("https://factdesk.example.org/claims/") for i in result.items)


def test_published_defaults_to_the_day_the_verdict_was_recorded(fixed_ledger: Ledger) -> None:
    fixed_ledger.rate(SCHOOLS, "TRUE", review_url="https://factdesk.example.org/checks/schools",
                      at=dt.datetime(2022, 9, 6, 23, 0, tzinfo=dt.UTC))
    (item,) = [i for i in export_claimreview(fixed_ledger) if i["claimReviewed"].startswith("Schools")]
    validate(item)
    assert item["datePublished"] == "2022-09-06"


def test_snapshot(reviewed: Ledger, file_regression: Any) -> None:
    reviewed.rate(SCHOOLS, "true", review_url="https://factdesk.example.org/checks/schools",
                  at=dt.datetime(2022, 9, 6, 8, 0, tzinfo=dt.UTC))
    items = export_claimreview(reviewed)
    for item in items:
        validate(item)
    file_regression.check(claimreview_json(items), basename="claimreview_export", extension=".json")


def test_options_override_settings(reviewed: Ledger) -> None:
    items = export_claimreview(reviewed, org_name="Other Desk", org_url="https://other.example.com/")
    assert [i["author"] for i in items] == [{"@type": "Organization", "name": "Other Desk",
                                            "url": "https://other.example.com/"}]


def test_url_template_setting(fixed_ledger: Ledger) -> None:
    """A desk whose fact-checks live at a predictable address says so once; then no claim is skipped."""
    fixed_ledger.set_setting("claimreview.url_template", "{org_url}/checks/{claim_id}.html")
    result = export_claimreviews(fixed_ledger)
    assert not result.skipped and len(result.items) == 2
    assert all(i["url"].endswith(".html") for i in result.items)


def test_no_organisation_is_a_clear_error(ledger: Ledger) -> None:
    with pytest.raises(InvalidInput, match=r"config set org\.name"):
        export_claimreview(ledger)


@pytest.mark.parametrize("rating", list(RATING_VALUE))
def test_every_rating_maps_and_validates(rating: str) -> None:
    claim = Claim(id="c1234567890", text="A claim", claimant="Someone", claimant_role=None)
    verdict = Verdict(claim_id=claim.id, rating=rating, at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
                      review_url="https://desk.example.org/c1")
    item = claim_review(claim, verdict, org=ORG)
    validate(item)
    assert item["reviewRating"].get("ratingValue") == RATING_VALUE[rating]


def test_claim_review_without_a_url_refuses() -> None:
    claim = Claim(id="c1234567890", text="A claim", claimant="Someone")
    verdict = Verdict(claim_id=claim.id, rating="false", at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
    with pytest.raises(InvalidInput, match="no fact-check URL"):
        claim_review(claim, verdict, org=ORG)


@pytest.mark.parametrize(
    "broken",
    [
        {"url": None},
        {"claimReviewed": ""},
        {"reviewRating": {"@type": "Rating", "ratingValue": 1}},
        {"datePublished": "03/12/2022"},
        {"author": {"@type": "Organization"}},
        {"rating": "made-up property"},
        {"url": "javascript:alert(1)"},
    ],
)
def test_the_schema_catches_what_google_or_schema_org_would_refuse(broken: dict[str, Any]) -> None:
    claim = Claim(id="c1234567890", text="A claim", claimant="Someone")
    verdict = Verdict(claim_id=claim.id, rating="false", review_url="https://desk.example.org/c1",
                      published=dt.date(2024, 1, 2))
    item = claim_review(claim, verdict, org=ORG) | broken
    item = {k: v for k, v in item.items() if v is not None}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(item, SCHEMA, cls=jsonschema.Draft202012Validator)
