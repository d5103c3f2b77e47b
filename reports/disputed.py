"""Build the disputed-claims report from the ledger.

A claim is in the report when its derived status is `disputed` and at least one
piece of evidence against it counts: an automatic, accepted or hand-made link
(an unreviewed suggestion is not evidence unless `include_suggestions`). With
`include_rated`, claims that were disputed before someone rated them are kept
too, so an editor sees how the dispute was settled. With `changed_since`, the
selection is what changed in the ledger's event history after that moment
(new evidence, verdicts, rejected links), not what was *said* after it.

Threads are ordered by their latest evidence, newest first (`order="claim-date"`
gives the claim-date order). The report is built once; `reports.render` turns it
into each format, and the wording lives in `reports.wording`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Literal

import sqlalchemy as sa

from claims.context import SourceContext
from claims.dates import PartialDate
from claims.ledger import Ledger, paused_gc
from claims.models import Claim, ClaimFilter, Evidence, HistoryEntry
from claims.status import independent
from reports import wording
from reports.models import (
    Count,
    DisputedClaim,
    DisputedReport,
    EvidenceItem,
    Overview,
    ReportFilters,
    TocEntry,
    report_time,
)

Order = Literal["latest-evidence", "claim-date"]
RECENT_N = 10
NEW_DAYS = 7


def build_disputed_report(
    ledger: Ledger,
    *,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    entity: str | None = None,
    claimant: str | None = None,
    include_rated: bool = False,
    include_suggestions: bool = False,
    changed_since: dt.datetime | None = None,
    order: Order = "latest-evidence",
    generated_at: dt.datetime | None = None,
) -> DisputedReport:
    """Every disputed claim (filtered), worded, with its evidence, verdicts, changes and an overview."""
    at = report_time(generated_at)
    new_since = changed_since or at - dt.timedelta(days=NEW_DAYS)
    base = ClaimFilter(since=since, until=until, entity=entity.casefold() if entity else None, claimant=claimant)
    # Thousands of claims and evidence items are built at once: collecting garbage after, not during.
    with ledger.read() as conn, paused_gc():
        changes = ledger.changed_since(new_since, conn=conn)
        if changed_since is not None:
            selected = _changed(ledger, conn, base, changes, include_rated)
        else:
            selected = ledger.list_claims(base.model_copy(update={"status": "disputed"}), conn=conn)
            if include_rated:
                rated = ledger.list_claims(base.model_copy(update={"status": "rated"}), conn=conn)
                selected.extend(c for c in rated if _was_disputed(ledger, conn, c))
        # All evidence in a few queries: a round per claim is seconds on a million-claim ledger.
        evidence = ledger.evidence_for_many(selected, conn=conn)
        threads = [_thread(ledger, conn, claim, evidence[claim.id], include_suggestions) for claim in selected]
        contexts = ledger.claim_contexts([*threads, *(e for t in threads for e in t.evidence)], conn=conn)
        # Claimant aliases: one person under two names is one speaker, as in the stored statuses.
        speakers = [*(t.claimant for t in threads), *(e.claimant for t in threads for e in t.evidence)]
        persons = ledger.persons(speakers, conn=conn)
    held_back = sum(1 for t in threads if t.status == "disputed" and not _counted_against(t, persons))
    threads = [t for t in threads if t.status != "disputed" or _counted_against(t, persons) or include_suggestions]
    for thread in threads:
        _word(thread, contexts, changes.get(thread.id, []), include_suggestions)
    threads.sort(key=_claim_date_key)
    if order == "latest-evidence":
        threads.sort(key=lambda t: t.latest_evidence.anchor.isoformat() if t.latest_evidence else "", reverse=True)
    filters = ReportFilters(
        since=str(since) if since else None,
        until=str(until) if until else None,
        entity=entity,
        claimant=claimant,
        include_rated=include_rated,
        include_suggestions=include_suggestions,
        changed_since=changed_since,
        order=order,
    )
    overview = _overview(threads, new_since, held_back if not include_suggestions else 0)
    return DisputedReport(generated_at=at, filters=filters, overview=overview, claims=threads)


def _changed(
    ledger: Ledger, conn: sa.Connection, base: ClaimFilter, changes: dict[str, list[HistoryEntry]], rated: bool
) -> list[Claim]:
    """Claims with recorded changes that are disputed, rated (when asked, or rated in the period) or lost a link.

    Disputed and rated claims come from the same filtered listing as the full report (so whatever
    `ClaimFilter` leaves out, retracted claims for one, stays out); only claims whose link was
    rejected are read by id.
    """
    out = []
    for status in ("disputed", "rated"):
        for claim in ledger.list_claims(base.model_copy(update={"status": status}), conn=conn):
            kinds = {e.kind for e in changes.get(claim.id, [])}
            if kinds and (status == "disputed" or rated or "rated" in kinds):
                out.append(claim)
    seen = {c.id for c in out}
    lost = sorted(cid for cid, entries in changes.items()
                  if cid not in seen and any(e.kind == "link-rejected" for e in entries))
    if lost:
        keep = {c.id for c in ledger.list_claims(base, conn=conn)} if base != ClaimFilter() else None
        out += [c for c in ledger.hydrate(lost, conn=conn) if keep is None or c.id in keep]
    return out


def _thread(
    ledger: Ledger, conn: sa.Connection, claim: Claim, found: list[Evidence], suggestions: bool
) -> DisputedClaim:
    evidence = []
    for e in found:
        state = e.review_state
        if state == "suggested" and not suggestions:
            continue
        evidence.append(
            EvidenceItem.of(
                e.claim,
                stance=e.stance,
                origin=e.origin,
                direction=e.direction,
                reason=e.reason,
                note=e.note,
                review_state=state,
                confidence=e.confidence,
                counts=state != "suggested",
            )
        )
    history = ledger.verdict_history(claim.id, conn=conn) if claim.verdict else []
    return DisputedClaim.of(claim, evidence=evidence, verdict_history=history)


def _counted_against(thread: DisputedClaim, persons: Mapping[str, str]) -> bool:
    """Does a counting contradiction from an independent claimant (another person) stand against this claim?"""
    return any(
        e.counts
        and e.stance == "contradicts"
        and e.direction == "from"
        and independent(thread.claimant, e.claimant, persons)
        for e in thread.evidence
    )


def _word(
    thread: DisputedClaim, contexts: dict[str, SourceContext], changes: list[HistoryEntry], suggestions: bool
) -> None:
    """Word one thread (statements, evidence, verdict, changes) and date its latest evidence."""
    thread.said = wording.said(thread, contexts.get(thread.id))
    for ev in thread.evidence:
        wording.word_evidence(ev, contexts.get(ev.id))
    thread.verdict_words = wording.verdict_words(thread.verdict_history[-1] if thread.verdict_history else None)
    dated = [e.claim_date for e in thread.evidence if e.claim_date]
    thread.latest_evidence = max(dated, key=lambda d: d.anchor) if dated else thread.claim_date
    against = [
        e.claim_date for e in thread.evidence if e.claim_date and e.stance == "contradicts" and e.direction == "from"
    ]
    thread.last_disputed = max(against, key=lambda d: d.anchor) if against else None
    names = {e.id: wording.phrasing.who(e.claimant, e.claimant_role, e.source) for e in thread.evidence}
    for entry in changes:
        if entry.kind == "linked" and wording.link_state(entry.detail) == "suggested" and not suggestions:
            continue
        change = wording.change_words(thread, entry, names)
        if change is not None:
            thread.changes.append(change)


def _overview(threads: list[DisputedClaim], new_since: dt.datetime, held_back: int) -> Overview:
    statuses = Counter(t.status for t in threads)
    kinds = Counter(t.said.kind for t in threads if t.said)
    new = sum(
        1
        for t in threads
        if any(c.kind == "linked" and c.text.startswith("New evidence: contradicted") for c in t.changes)
    )
    entries = [_toc(n, t) for n, t in enumerate(threads, 1)]
    recent = sorted(
        (e for e, t in zip(entries, threads, strict=True) if t.last_disputed),
        key=lambda e: threads[e.n - 1].last_disputed.anchor.isoformat(),  # type: ignore[union-attr]
        reverse=True,
    )
    return Overview(
        total=len(threads),
        by_status=[
            Count(key=k, count=statuses[k])
            for k in ("disputed", "rated", "corroborated", "unverified")
            if statuses.get(k)
        ],
        by_kind=[Count(key=k, count=kinds[k]) for k in ("paraphrase", "quote", "denial") if kinds.get(k)],
        new_since=new_since,
        new_disputes=new,
        changed=sum(1 for t in threads if t.changes),
        held_back=held_back,
        recently_disputed=recent[:RECENT_N],
        contents=entries,
    )


def _toc(n: int, t: DisputedClaim) -> TocEntry:
    return TocEntry(
        n=n,
        id=t.id,
        heading=t.said.statement if t.said else t.text,
        status=t.status,
        rating=t.verdict.rating if t.verdict else None,
        latest_evidence=t.latest_evidence,
    )


def _was_disputed(ledger: Ledger, conn: sa.Connection, claim: Claim) -> bool:
    """Would this rated claim be disputed without its verdict?"""
    # The hydrated links tell cheaply whether any contradicting link points here;
    # only then fetch the other claims to compare claimants.
    if not any(link.stance == "contradicts" and link.direction == "from" for link in claim.links):
        return False
    against = [e for e in ledger.evidence_for(claim, conn=conn) if e.stance == "contradicts" and e.direction == "from"]
    persons = ledger.persons([claim.claimant, *(e.claim.claimant for e in against)], conn=conn) if against else {}
    return any(independent(claim.claimant, e.claim.claimant, persons) for e in against)


def _claim_date_key(claim: Claim) -> tuple[int, str, str]:
    date = claim.claim_date
    return (0 if date else 1, date.sort_key() if date else "", claim.id)
