"""Export every rated claim as schema.org ClaimReview JSON-LD.

Field mapping (one ClaimReview per rated claim, its current verdict):

- `claimReviewed`: the claim text; `headline`: the verdict's `review_title`;
- `url`: the published fact-check. A verdict recorded here carries it
  (`claimtrack verdict ID RATING --review-url U`); claims imported from a
  fact-check keep that page's URL; a ledger whose fact-checks live at a
  predictable address may set `claimreview.url_template` (with `{org_url}` and
  `{claim_id}`). A claim with none of these is *skipped*, with a reason: an
  address made up from the organisation's URL would point at no page;
- `datePublished`: the verdict's `published` day (`--published`), else the day
  it was recorded; an imported fact-check keeps its own date;
- `author`: the organisation (`--org-name`/`--org-url`, else the settings
  `claimreview.org_name`/`claimreview.org_url` that `claimtrack config set
  org.name|org.url` writes). A verdict imported from another fact-checker
  keeps that fact-checker as author, never ours;
- `reviewRating`: `ratingValue` from `reports.ratings.RATING_VALUE` (unproven
  has none, see there), `bestRating` 5, `worstRating` 1, `alternateName` the
  verdict's original label, else our rating's name;
- `itemReviewed`: a `Claim` with `author` (a `Person` with `jobTitle` when the
  claimant has a role, else a `Person` or an `Organization` by the look of
  the name), `datePublished` (the claim date's ISO value; a modifier such as
  "approx" cannot be expressed and is dropped), `appearance` (every place the
  claim appeared, earliest first, each with its date when known) and
  `firstAppearance` (the earliest of them).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from claims.dates import PartialDate
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
        raise InvalidInput("no organisation name: run `claimtrack config set org.name NAME` once, or give --org-name")
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


@dataclass(frozen=True)
class SkippedReview:
    """A rated claim the export left out, and why (the command prints these)."""

    claim_id: str
    reason: str


@dataclass
class ClaimReviewExport:
    """What `export_claimreviews` produced: the ClaimReview objects and the rated claims it skipped."""

    items: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[SkippedReview] = field(default_factory=list)


def export_claimreviews(
    ledger: Ledger, *, org_name: str | None = None, org_url: str | None = None
) -> ClaimReviewExport:
    """A ClaimReview object for every rated claim that has a fact-check URL, in claim-date order."""
    org = organisation(ledger, org_name, org_url)
    template = ledger.get_setting(SETTING_URL_TEMPLATE)
    out = ClaimReviewExport()
    with ledger.read() as conn:
        rated = ledger.list_claims(ClaimFilter(status="rated"), conn=conn)
        sources = ledger.sources_by_id([c.source_id for c in rated if c.source_id], conn=conn)
        kinds = {s.id: s.kind for s in sources.values()}
        for claim in rated:
            verdict = _current_verdict(ledger, conn, claim)
            if verdict is None:
                continue
            imported = kinds.get(claim.source_id or "") == FACTCHECK_KIND
            if review_url(claim, verdict, org, template, imported) is None:
                out.skipped.append(SkippedReview(claim.id, _NO_URL))
                continue
            out.items.append(claim_review(claim, verdict, org=org, url_template=template, imported=imported))
    return out


_NO_URL = "no fact-check URL: record one with `claimtrack verdict ID RATING --review-url URL`"


def export_claimreview(
    ledger: Ledger, *, org_name: str | None = None, org_url: str | None = None
) -> list[dict[str, Any]]:
    """The ClaimReview objects of `export_claimreviews` (skipped claims left out silently)."""
    return export_claimreviews(ledger, org_name=org_name, org_url=org_url).items


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
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    url = review_url(claim, verdict, org, url_template, imported)
    if url is None:
        raise InvalidInput(f"claim {claim.id} has no fact-check URL: {_NO_URL.split(': ', 1)[1]}")
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "url": url,
        "datePublished": _review_date(claim, verdict, imported),
        "author": {"@type": "Organization", "name": verdict.by} if imported and verdict.by else org,
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if verdict.review_title:
        review["headline"] = verdict.review_title
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


def _appearances(claim: Claim, verdict: Verdict, imported: bool) -> list[dict[str, Any]]:
    """Every place the claim appeared, as CreativeWorks, earliest first (undated ones last, in stored order)."""
    dated: list[tuple[str | None, PartialDate | None]] = []
    if imported:
        dated.extend((u, None) for u in verdict.evidence)
    else:
        if claim.source and claim.source.url:
            dated.append((claim.source.url, claim.source.published or claim.claim_date))
        dated.extend((a.source.url, a.source.published or a.claim_date) for a in claim.appearances)
    seen: set[str] = set()
    works: list[tuple[tuple[int, str], int, dict[str, Any]]] = []
    for n, (url, when) in enumerate(dated):
        # Only http(s): a ledger written before URLs were checked may still hold other schemes.
        if not url or url in seen or not is_http_url(url):
            continue
        seen.add(url)
        work: dict[str, Any] = {"@type": "CreativeWork", "url": url}
        if when is not None:
            work["datePublished"] = when.iso_value
        works.append(((0, when.sort_key()) if when is not None else (1, ""), n, work))
    return [work for _, _, work in sorted(works, key=lambda w: (w[0], w[1]))]


def review_url(
    claim: Claim, verdict: Verdict, org: dict[str, Any], template: str | None, imported: bool
) -> str | None:
    """The published fact-check's URL, or None when the ledger does not know it (the claim is skipped)."""
    if verdict.review_url and is_http_url(verdict.review_url):
        return verdict.review_url
    if imported and claim.source and is_http_url(claim.source.url):
        return str(claim.source.url)
    if template:
        org_url = str(org.get("url") or "").rstrip("/")
        return _http(template.format(org_url=org_url, claim_id=claim.id), f"the review URL of claim {claim.id}")
    return None


def _review_date(claim: Claim, verdict: Verdict, imported: bool) -> str:
    if verdict.published is None and imported and claim.source and claim.source.published:
        return claim.source.published.value[:10]
    day = verdict.published_on
    return day.isoformat() if day is not None else ""
