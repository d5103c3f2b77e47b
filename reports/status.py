"""Build the status report: counts by status, claims per month, who and what is most disputed, verdicts."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from claims.ledger import Ledger
from claims.models import RATINGS, STATUSES, ClaimFilter
from reports.models import Count, StatusReport, report_time

TOP_N = 10


def build_status_report(ledger: Ledger, *, generated_at: dt.datetime | None = None, top: int = TOP_N) -> StatusReport:
    """Roll the whole ledger up into counts. Claims per month use the month the claim date starts in."""
    claims = ledger.list_claims(ClaimFilter())
    by_status: Counter[str] = Counter(c.status for c in claims)
    months = Counter(f"{c.claim_date.start:%Y-%m}" for c in claims if c.claim_date)
    disputed = [c for c in claims if c.status == "disputed"]
    claimants = Counter(c.claimant for c in disputed if c.claimant)
    entities = Counter(e for c in disputed for e in set(c.entities))
    ratings: Counter[str] = Counter(c.verdict.rating for c in claims if c.verdict)
    return StatusReport(
        generated_at=report_time(generated_at),
        total=len(claims),
        by_status=[Count(key=s, count=by_status.get(s, 0)) for s in STATUSES],
        by_month=[Count(key=m, count=n) for m, n in sorted(months.items())],
        undated=sum(1 for c in claims if not c.claim_date),
        top_disputed_claimants=_top(claimants, top),
        top_disputed_entities=_top(entities, top),
        verdicts_by_rating=[Count(key=r, count=ratings[r]) for r in RATINGS if ratings.get(r)],
    )


def _top(counter: Counter[str], n: int) -> list[Count]:
    # Ties break alphabetically so the report is stable between runs.
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
    return [Count(key=k, count=v) for k, v in ranked[:n]]
