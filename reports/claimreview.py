"""Export every rated claim as schema.org ClaimReview JSON-LD.

Field mapping (one ClaimReview per rated claim, its current verdict):

- `claimReviewed`: the claim text; `datePublished`: the verdict's date;
- `url`: the fact-check page. Claims imported from a fact-check keep that
  page's URL; claims rated here get `claimreview.url_template` (a setting, with
  `{org_url}` and `{claim_id}`) or, by default, `{org_url}/claims/{claim_id}`;
- `author`: the organisation (`--org-name`/`--org-url`, else the settings
  `claimreview.org_name`/`claimreview.org_url`). A verdict imported from
  another fact-checker keeps that fact-checker as author, never ours;
- `reviewRating`: `ratingValue` from `reports.ratings.RATING_VALUE` (unproven
  has none, see there), `bestRating` 5, `worstRating` 1, `alternateName` the
  verdict's original label, else our rating's name;
- `itemReviewed`: a `Claim` with `author` (a `Person` with `jobTitle` when the
  claimant has a role, else a `Person` or an `Organization` by the look of
  the name), `datePublished` (the claim date's ISO value; a modifier such as
  "approx" cannot be expressed and is dropped) and `appearance`/
  `firstAppearance` (where the claim appeared).
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa

from claims.errors import InvalidInput
from claims.ledger import Ledger
from claims.models import Claim, ClaimFilter, Verdict, check_http_url, is_http_url
from reports.escape import json_safe
from reports.models import FACTCHECK_KIND
from reports.ratings import BEST, RATING_LABEL, RATING_VALUE, WORST

SETTING_NAME = "claimreview.org_name"
SETTING_URL = "claimreview.org_url"
SETTING_URL_TEMPLATE = "claimreview.url_template"
CONTEXT = "https://schema.org"
_ORG_WORDS = re.compile(
    r"\b(ministry|office|committee|council|agency|department|government|party|press|news|media|inc|ltd|llc|"
    r"corporation|company|university|institute|association|union|bank|police|army|court|parliament|commission|"
    r"service|authority|organi[sz]ation|group|foundation|users|sources|page)\b",
    re.IGNORECASE,
)


def organisation(ledger: Ledger, name: str | None = None, url: str | None = None) -> dict[str, Any]:
    """The publishing organisation, from the options or the ledger's settings."""
    name = name or ledger.get_setting(SETTING_NAME)
    url = url or ledger.get_setting(SETTING_URL)
    if not name:
        raise InvalidInput(f"no organisation name: give --org-name or set the {SETTING_NAME} setting")
    org: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        org["url"] = _http(url, "the organisation URL")
    return org


def _http(url: str, what: str) -> str:
    """`url` if it is http(s); else InvalidInput naming `what` (only http(s) goes into JSON-LD)."""
    try:
        return check_http_url(url) or ""
    except ValueError as exc:
        raise InvalidInput(f"{what} {url!r}: {exc}") from None


def export_claimreview(
    ledger: Ledger, *, org_name: str | None = None, org_url: str | None = None
) -> list[dict[str, Any]]:
    """A ClaimReview object for every rated claim, in claim-date order."""
    org = organisation(ledger, org_name, org_url)
    template = ledger.get_setting(SETTING_URL_TEMPLATE)
    out = []
    with ledger.read() as conn:
        rated = ledger.list_claims(ClaimFilter(status="rated"), conn=conn)
        sources = ledger.sources_by_id([c.source_id for c in rated if c.source_id], conn=conn)
        kinds = {s.id: s.kind for s in sources.values()}
        for claim in rated:
            verdict = _current_verdict(ledger, conn, claim)
            if verdict is not None:
                imported = kinds.get(claim.source_id or "") == FACTCHECK_KIND
                out.append(claim_review(claim, verdict, org=org, url_template=template, imported=imported))
    return out


def claimreview_json(items: list[dict[str, Any]]) -> str:
    """The export as JSON text: a list of ClaimReview objects.

    Publishers paste this into a `<script type="application/ld+json">` element,
    so `<`, `>` and `&` are written as \\u escapes (`json_safe`): a claim that
    quotes `</script>` cannot close the element and run markup on their page.
    """
    return json_safe(json.dumps(items, indent=2, ensure_ascii=False)) + "\n"


def claim_review(
    claim: Claim,
    verdict: Verdict,
    *,
    org: dict[str, Any],
    url_template: str | None = None,
    imported: bool = False,
) -> dict[str, Any]:
    """One ClaimReview for a claim and its current verdict.

    `imported`: the claim came from a fact-check (its source is the fact-check
    page), so that page is the review's URL and its publisher the author.
    """
    rating: dict[str, Any] = {"@type": "Rating"}
    value = RATING_VALUE[verdict.rating]
    if value is not None:
        rating["ratingValue"] = value
    rating |= {"bestRating": BEST, "worstRating": WORST, "alternateName": verdict.label or RATING_LABEL[verdict.rating]}
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = _claimant(claim)
    if claim.claim_date:
        item["datePublished"] = claim.claim_date.iso_value  # a season or part of day as plain ISO
    appearances = _appearances(claim, verdict, imported)
    if appearances:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in appearances]
        item["firstAppearance"] = {"@type": "CreativeWork", "url": appearances[0]}
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "url": _review_url(claim, org, url_template, imported),
        "datePublished": _review_date(claim, verdict, imported),
        "author": {"@type": "Organization", "name": verdict.by} if imported and verdict.by else org,
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if verdict.rationale:
        review["reviewBody"] = verdict.rationale
    return review


def _current_verdict(ledger: Ledger, conn: sa.Connection, claim: Claim) -> Verdict | None:
    history = ledger.verdict_history(claim.id, conn=conn)
    return history[-1] if history else None


def _claimant(claim: Claim) -> dict[str, Any]:
    name = claim.claimant or ""
    if claim.claimant_role:
        return {"@type": "Person", "name": name, "jobTitle": claim.claimant_role}
    kind = "Organization" if _ORG_WORDS.search(name) else "Person"
    return {"@type": kind, "name": name}


def _appearances(claim: Claim, verdict: Verdict, imported: bool) -> list[str]:
    urls: list[str] = []
    if imported:
        urls.extend(verdict.evidence)
    else:
        if claim.source and claim.source.url:
            urls.append(claim.source.url)
        urls.extend(a.source.url for a in claim.appearances if a.source.url)
    # Only http(s): a ledger written before URLs were checked may still hold other schemes.
    return [u for n, u in enumerate(urls) if is_http_url(u) and u not in urls[:n]]


def _review_url(claim: Claim, org: dict[str, Any], template: str | None, imported: bool) -> str:
    if imported and claim.source and is_http_url(claim.source.url):
        return str(claim.source.url)
    org_url = str(org.get("url") or "").rstrip("/")
    if template:
        return _http(template.format(org_url=org_url, claim_id=claim.id), f"the review URL of claim {claim.id}")
    if not org_url:
        raise InvalidInput(
            f"claim {claim.id} was rated here and needs a fact-check URL: give --org-url "
            f"or set the {SETTING_URL} or {SETTING_URL_TEMPLATE} setting"
        )
    return f"{org_url}/claims/{claim.id}"


def _review_date(claim: Claim, verdict: Verdict, imported: bool) -> str:
    if imported and claim.source and claim.source.published:
        return claim.source.published.value[:10]
    if verdict.at is not None:
        return verdict.at.date().isoformat()
    return ""
