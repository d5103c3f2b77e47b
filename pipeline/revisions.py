"""A revised article does not duplicate its claims: carry unchanged claims over, retract the ones removed.

When ingest stores a new revision of an article (same URL, other content), its
extracted claims are compared with the claims of the earlier revisions by text:

- a claim whose text is unchanged is the same claim: it keeps its id, links and
  verdicts, and the new copy is not stored;
- a claim that is new is stored and linked as usual;
- a claim that disappeared is retracted (kept, hidden) with the reason
  "removed in revision N", and restored if a later revision brings it back.

A claim a person retracted or merged stays so: a revision never brings it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from claims.ledger import Ledger
from claims.models import Claim, Source

REVISION_BY = "claimtrack (revision)"
REMOVED = "removed in revision {n}"


@dataclass
class RevisionOutcome:
    """What carrying a revision's claims over did (ids)."""

    kept: list[str] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)


def _key(claim: Claim) -> str:
    return " ".join(claim.text.casefold().split())


def _removed_by_revision(ledger: Ledger, claim_id: str, conn: sa.Connection) -> bool:
    """Whether the claim's latest retraction was a revision's (not a person's)."""
    retractions = [e for e in ledger.history(claim_id, conn=conn) if e.kind == "retracted"]
    return bool(retractions) and retractions[-1].by == REVISION_BY


def carry_over(
    ledger: Ledger, source: Source, claims: Sequence[Claim], *, conn: sa.Connection
) -> tuple[list[Claim], RevisionOutcome]:
    """The claims of revision `source` still to store, after matching them with the earlier revisions' claims."""
    outcome = RevisionOutcome()
    if not source.revision_of:
        return list(claims), outcome
    earlier = ledger.article_claims(source.revision_of, conn=conn)
    by_text: dict[str, Claim] = {}
    for claim in earlier:
        # A live claim wins over a hidden one with the same text.
        if _key(claim) not in by_text or not (claim.retracted or claim.merged_into):
            by_text[_key(claim)] = claim
    fresh: list[Claim] = []
    seen: set[str] = set()
    for claim in claims:
        match = by_text.get(_key(claim)) if claim.source_id == source.id else None
        if match is None:
            fresh.append(claim)
            continue
        seen.add(match.id)
        outcome.kept.append(match.id)
        if match.retracted and not match.merged_into and _removed_by_revision(ledger, match.id, conn):
            ledger.restore(match.id, by=REVISION_BY, conn=conn)
            outcome.restored.append(match.id)
    number = ledger.revision_number(source.id, conn=conn)
    for claim in earlier:
        if claim.id in seen or claim.retracted or claim.merged_into:
            continue
        if by_text.get(_key(claim)) is not claim:
            continue  # a duplicate text: the one kept decides
        ledger.retract(claim.id, by=REVISION_BY, reason=REMOVED.format(n=number), conn=conn)
        outcome.retracted.append(claim.id)
    return fresh, outcome


__all__ = ["REMOVED", "REVISION_BY", "RevisionOutcome", "carry_over"]
