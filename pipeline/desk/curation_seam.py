"""The claim page's edit, retract, restore and merge actions, over the curation library (`pipeline.curation`).

One thin adapter, so the form fields map onto the library's `ClaimChanges`
in one place: a blank role or date clears it; the text and claimant are required.
"""

from __future__ import annotations

from claims.ledger import Ledger
from pipeline import curation


def edit(
    ledger: Ledger, claim_id: str, *, by: str, text: str, claimant: str, role: str, date: str, nlp: object = None
) -> str:
    """Change what differs (the library records the previous values in the history); returns a notice."""
    current = ledger.get_claim(claim_id)
    changes = curation.ClaimChanges(
        text=text if " ".join(text.split()) != current.text else None,
        claimant=claimant if claimant.strip() != (current.claimant or "") else None,
        role=role if role.strip() != (current.claimant_role or "") else None,
        date=date if date.strip() != (str(current.claim_date) if current.claim_date else "") else None,
    )
    if changes == curation.ClaimChanges():
        return "Nothing changed."
    result = curation.edit_claim(ledger, claim_id, changes, by, nlp=nlp)  # type: ignore[arg-type]
    moved = result.links_added + result.links_removed + result.links_changed
    return "Saved." + (f" {moved} automatic link(s) recomputed." if moved else "")


def retract(ledger: Ledger, claim_id: str, *, by: str, reason: str | None) -> None:
    curation.retract_claim(ledger, claim_id, by, reason or "retracted at the desk")


def restore(ledger: Ledger, claim_id: str, *, by: str) -> None:
    curation.restore_claim(ledger, claim_id, by)


def merge(ledger: Ledger, claim_id: str, into: str, *, by: str) -> str:
    """Merge `claim_id` into `into` (it becomes an appearance of it); returns the surviving claim's id."""
    event = curation.merge_claims(ledger, into, claim_id, by)
    return ledger.claim_id(into) if event else into
