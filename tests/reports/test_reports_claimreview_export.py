"""`export claimreview`: every rated claim as ClaimReview JSON-LD that validates against the required fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jsonschema
import pytest

from claims.errors import InvalidInput
from claims.ledger import Ledger
from claims.models import Claim
from reports.claimreview import claim_review, export_claimreview
from reports.ratings import RATING_VALUE

_URL = {"type": "string", "pattern": "^https?://"}
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?|-W\d{2}|-Q[1-4])?$"}
CLAIMREVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "claimReviewed",
        "url",
        "datePublished",
        "author",
        "reviewRating",
        "itemReviewed",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "ClaimReview"},
        "claimReviewed": {"type": "string", "minLength": 1},
        "url": _URL,
        "datePublished": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "author": {
            "type": "object",
            "required": ["@type", "name"],
            "properties": {"@type": {"const": "Organization"}, "name": {"type": "string", "minLength": 1}, "url": _URL},
        },
        "reviewRating": {
            "type": "object",
            "required": ["@type", "bestRating", "worstRating", "alternateName"],
            "properties": {
                "@type": {"const": "Rating"},
                "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
                "bestRating": {"const": 5},
                "worstRating": {"const": 1},
                "alternateName": {"type": "string", "minLength": 1},
            },
            # Only an "unproven" verdict may leave out the number (see reports.ratings).
            "anyOf": [{"required": ["ratingValue"]}, {"properties": {"alternateName": {"const": "Unproven"}}}],
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type"],
            "properties": {
                "@type": {"const": "Claim"},
                "author": {
                    "type": "object",
                    "required": ["@type", "name"],
                    "properties": {
                        "@type": {"enum": ["Person", "Organization"]},
                        "name": {"type": "string", "minLength": 1},
                        "jobTitle": {"type": "string"},
                    },
                },
                "datePublished": _DATE,
                "appearance": {
                    "type": "array",
                    "items": {"type": "object", "required": ["@type", "url"], "properties": {"url": _URL}},
                },
                "firstAppearance": {"type": "object", "required": ["@type", "url"], "properties": {"url": _URL}},
            },
        },
    },
}


def test_export_validates_and_covers_every_rated_claim(fixed_ledger: Ledger) -> None:
    items = export_claimreview(fixed_ledger)
    for item in items:
        jsonschema.validate(item, CLAIMREVIEW_SCHEMA)
    rated = [c for c in fixed_ledger.list_claims() if c.status == "rated"]
    assert sorted(i["claimReviewed"] for i in items) == sorted(c.text for c in rated)
    bridge = next(i for i in items if "bridge" in i["claimReviewed"])
    assert bridge["reviewRating"]["ratingValue"] == 2
    assert bridge["itemReviewed"]["author"] == {"@type": "Person", "name": "Jonas Berg", "jobTitle": "mayor"}
    assert bridge["itemReviewed"]["firstAppearance"]["url"] == "https://herald.example.net/bridge"


def test_options_override_settings(fixed_ledger: Ledger) -> None:
    items = export_claimreview(fixed_ledger, org_name="Other Desk", org_url="https://other.example.com/")
    assert {i["author"]["name"] for i in items} == {"Other Desk"}
    assert all(i["url"].startswith("https://other.example.com/claims/") for i in items)


def test_url_template_setting(fixed_ledger: Ledger) -> None:
    fixed_ledger.set_setting("claimreview.url_template", "{org_url}/checks/{claim_id}.html")
    assert all(i["url"].endswith(".html") for i in export_claimreview(fixed_ledger))


def test_no_organisation_is_a_clear_error(ledger: Ledger) -> None:
    with pytest.raises(InvalidInput, match="org-name"):
        export_claimreview(ledger)


@pytest.mark.parametrize("rating", list(RATING_VALUE))
def test_every_rating_maps_and_validates(rating: str) -> None:
    from claims.models import Verdict

    claim = Claim(id="c1234567890", text="A claim", claimant="Someone", claimant_role=None)
    verdict = Verdict(claim_id=claim.id, rating=rating, at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
    org = {"@type": "Organization", "name": "Desk", "url": "https://desk.example.org"}
    item = claim_review(claim, verdict, org=org)
    jsonschema.validate(item, CLAIMREVIEW_SCHEMA)
    assert item["reviewRating"].get("ratingValue") == RATING_VALUE[rating]
