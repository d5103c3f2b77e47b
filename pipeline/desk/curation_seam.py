"""The claim page's edit, retract and merge actions, over the curation library (`pipeline.curation`).

One thin adapter, so the screens do not depend on the curation module's
exact signatures; when that module is absent the actions say so in one line.
"""

from __future__ import annotations

from claims.errors import InvalidInput
from claims.ledger import Ledger


def _curation():  # type: ignore[no-untyped-def]
    try:
        from pipeline import curation  # type: ignore[attr-defined]
    except ImportError:
        raise InvalidInput("editing, retracting and merging need the curation module (not installed)") from None
    return curation


def edit(
    ledger: Ledger, claim_id: str, *, by: str, text: str, claimant: str, role: str, date: str
) -> None:
    """Change what differs; blank claimant/role/date fields mean "leave unset"."""
    _curation().edit_claim(
        ledger, claim_id, by=by, text=text, claimant=claimant or None, claimant_role=role or None,
        claim_date=date or None,
    )


def retract(ledger: Ledger, claim_id: str, *, by: str, reason: str | None) -> None:
    _curation().retract_claim(ledger, claim_id, by=by, reason=reason)


def merge(ledger: Ledger, claim_id: str, into: str, *, by: str) -> str:
    """Merge `claim_id` into `into`; returns the surviving claim's id."""
    result = _curation().merge_claims(ledger, claim_id, into, by=by)
    return str(getattr(result, "id", None) or into)
