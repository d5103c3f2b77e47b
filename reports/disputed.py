"""Build the disputed-claims report from the ledger.

A claim is in the report when its derived status is `disputed`. With
`include_rated`, claims that were disputed before someone rated them are kept
too (a contradicting link from a different claimant, now overruled by a
verdict), so an editor sees how the dispute was settled.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from claims.dates import PartialDate
from claims.ledger import Ledger, paused_gc
from claims.models import Claim, ClaimFilter, Evidence
from claims.status import independent
from reports.models import DisputedClaim, DisputedReport, EvidenceItem, ReportFilters, report_time


def build_disputed_report(
    ledger: Ledger,
    *,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    entity: str | None = None,
    claimant: str | None = None,
    include_rated: bool = False,
    generated_at: dt.datetime | None = None,
) -> DisputedReport:
    """Every disputed claim (filtered), with its evidence in date order and verdict history."""
    base = ClaimFilter(since=since, until=until, entity=entity.casefold() if entity else None, claimant=claimant)
    # Thousands of claims and evidence items are built at once: collecting garbage after, not during.
    with ledger.read() as conn, paused_gc():
        selected = ledger.list_claims(base.model_copy(update={"status": "disputed"}), conn=conn)
        if include_rated:
            rated = ledger.list_claims(base.model_copy(update={"status": "rated"}), conn=conn)
            selected.extend(c for c in rated if _was_disputed(ledger, conn, c))
            selected.sort(key=_claim_key)
        # All evidence in a few queries: a round per claim is seconds on a million-claim ledger.
        evidence = ledger.evidence_for_many(selected, conn=conn)
        threads = [_thread(ledger, conn, claim, evidence[claim.id]) for claim in selected]
    filters = ReportFilters(
        since=str(since) if since else None,
        until=str(until) if until else None,
        entity=entity,
        claimant=claimant,
        include_rated=include_rated,
    )
    return DisputedReport(generated_at=report_time(generated_at), filters=filters, claims=threads)


def _thread(ledger: Ledger, conn: sa.Connection, claim: Claim, found: list[Evidence]) -> DisputedClaim:
    evidence = [
        EvidenceItem.of(e.claim, stance=e.stance, origin=e.origin, direction=e.direction, reason=e.reason, note=e.note)
        for e in found
    ]
    history = ledger.verdict_history(claim.id, conn=conn) if claim.verdict else []
    return DisputedClaim.of(claim, evidence=evidence, verdict_history=history)


def _was_disputed(ledger: Ledger, conn: sa.Connection, claim: Claim) -> bool:
    """Would this rated claim be disputed without its verdict?"""
    # The hydrated links tell cheaply whether any contradicting link points here;
    # only then fetch the other claims to compare claimants.
    if not any(link.stance == "contradicts" and link.direction == "from" for link in claim.links):
        return False
    return any(
        e.stance == "contradicts" and e.direction == "from" and independent(claim.claimant, e.claim.claimant)
        for e in ledger.evidence_for(claim, conn=conn)
    )


def _claim_key(claim: Claim) -> tuple[int, str, str]:
    date = claim.claim_date
    return (0 if date else 1, date.sort_key() if date else "", claim.id)
