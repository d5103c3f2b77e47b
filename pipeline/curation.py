"""Curation, the library the command line and the web desk share: fix what the machine got wrong.

Edit a claim, retract one that is not a claim, merge duplicates, search claim
text, and see one claimant's claims under all their names. Every change is
append-only: the ledger keeps the current values on the claim and one event per
change in its history (who, when, why, the old and new values).

Each function checks its input before it writes and does its writing in one
transaction, so nothing is half-stored when it refuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from claims.claimants import ClaimantName
from claims.dates import PartialDate
from claims.errors import InvalidInput, UnknownId
from claims.ledger import Ledger
from claims.models import Claim, ClaimFilter, HistoryEntry, Status
from claims.text import visible
from pipeline.linking.link import RelinkSummary, relink_claim

if TYPE_CHECKING:
    from spacy.language import Language

# The words a person uses, and the values the ledger stores.
POLARITY_WORDS: dict[str, str] = {"affirmed": "affirmed", "denied": "negated", "negated": "negated"}
QUOTE_WORDS: dict[str, str] = {"direct": "direct", "paraphrase": "reported", "reported": "reported", "none": "none"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class ClaimChanges(_Model):
    """What an edit changes; None leaves a field as it is."""

    text: str | None = None
    claimant: str | None = None
    role: str | None = None
    date: str | None = None
    polarity: str | None = None
    quote: str | None = None


class EditResult(_Model):
    """What `edit_claim` did: the claim as it now reads, the event (None: nothing changed), the relinking."""

    claim: Claim
    event: HistoryEntry | None = None
    links_added: int = 0
    links_removed: int = 0
    links_changed: int = 0


class SearchHit(_Model):
    """One search result: the claim and its rank score (higher is better)."""

    claim: Claim
    score: float


class ClaimantView(_Model):
    """`claimants show`: one person, all their names, and their claims oldest first."""

    claimant: ClaimantName
    claims: list[Claim] = Field(default_factory=list)


def _by(by: str) -> str:
    if not visible(by):
        raise InvalidInput("--by is empty: say who makes the change")
    return by.strip()


def _apply(claim: Claim, changes: ClaimChanges) -> dict[str, Any]:
    """The model fields `changes` sets, checked (raises InvalidInput / InvalidDate naming the problem)."""
    update: dict[str, Any] = {}
    if changes.text is not None:
        if not visible(changes.text):
            raise InvalidInput("claim text is empty (no visible characters)")
        update["text"] = changes.text
    if changes.claimant is not None:
        if not visible(changes.claimant):
            raise InvalidInput("claimant is empty (no visible characters)")
        update["claimant"] = changes.claimant.strip()
    if changes.role is not None:
        update["claimant_role"] = changes.role.strip() or None
    if changes.date is not None:
        update["claim_date"] = PartialDate.parse(changes.date) if changes.date.strip() else None
    if changes.polarity is not None:
        if changes.polarity not in POLARITY_WORDS:
            raise InvalidInput(f"unknown polarity {changes.polarity!r}: use affirmed or denied")
        update["polarity"] = POLARITY_WORDS[changes.polarity]
    if changes.quote is not None:
        if changes.quote not in QUOTE_WORDS:
            raise InvalidInput(f"unknown quote kind {changes.quote!r}: use direct or paraphrase")
        update["quote"] = QUOTE_WORDS[changes.quote]
    if not update:
        raise InvalidInput("nothing to change: give --text, --claimant, --role, --date, --polarity or --quote")
    return update


def edit_claim(
    ledger: Ledger,
    claim_id: str,
    changes: ClaimChanges,
    by: str,
    note: str | None = None,
    *,
    nlp: Language | None = None,
) -> EditResult:
    """Record a revision of a claim, then recompute its automatic links.

    A new text is parsed again (entities, lemmas and, unless given, polarity), as
    imported claims are. Manual links, rejections and verdicts stay. A retracted
    or merged-away claim is refused.
    """
    who = _by(by)
    current = ledger.stored_claim(claim_id)
    if current.merged_into:
        raise InvalidInput(f"claim {current.id} is merged into {current.merged_into}: unmerge it first")
    if current.retracted:
        raise InvalidInput(f"claim {current.id} is retracted: restore it first")
    update = _apply(current, changes)
    edited = current.model_copy(update=update)
    if "text" in update and edited.text != current.text:
        from pipeline.annotate import annotate_claims  # loads spaCy: only an edit of the text needs it

        parsed = annotate_claims([edited], nlp=nlp)[0]
        keep: dict[str, Any] = {"entities": parsed.entities, "lemmas": parsed.lemmas}
        if "polarity" not in update:
            keep["polarity"] = parsed.polarity
        edited = edited.model_copy(update=keep)
    with ledger.transaction() as conn:
        event = ledger.update_claim(current.id, edited, by=who, note=note, conn=conn)
        relinked = relink_claim(ledger, current.id, conn=conn) if event is not None else RelinkSummary()
    return EditResult(
        claim=ledger.get_claim(current.id), event=event, links_added=relinked.added,
        links_removed=relinked.removed, links_changed=relinked.changed,
    )


def retract_claim(ledger: Ledger, claim_id: str, by: str, reason: str) -> HistoryEntry:
    """Hide a claim that is not a claim from lists, reports, linking and statuses; it is kept, with who and why."""
    return ledger.retract(claim_id, by=_by(by), reason=reason)


def restore_claim(ledger: Ledger, claim_id: str, by: str) -> HistoryEntry:
    """Undo a retraction; the claim's automatic links are recomputed."""
    who = _by(by)
    with ledger.transaction() as conn:
        event = ledger.restore(claim_id, by=who, conn=conn)
        relink_claim(ledger, event.claim_id, conn=conn)
    return event


def merge_claims(ledger: Ledger, keep: str, other: str, by: str, note: str | None = None) -> HistoryEntry:
    """Turn `other` into an appearance of `keep`: its links, verdicts and appearances come along."""
    return ledger.merge(keep, other, by=_by(by), note=note)


def unmerge_claim(ledger: Ledger, other: str, by: str) -> HistoryEntry:
    """Undo a merge: `other` is a claim of its own again; its automatic links are recomputed."""
    who = _by(by)
    with ledger.transaction() as conn:
        event = ledger.unmerge(other, by=who, conn=conn)
        relink_claim(ledger, event.claim_id, conn=conn)
    return event


def search_claims(
    ledger: Ledger,
    text: str,
    *,
    status: Status | None = None,
    claimant: str | None = None,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    limit: int = 20,
    include_retracted: bool = False,
) -> list[SearchHit]:
    """Full-text search over claim text, ranked (bm25 on SQLite, ts_rank on PostgreSQL), best first."""
    flt = ClaimFilter(status=status, claimant=claimant, since=since, until=until, include_retracted=include_retracted)
    return [SearchHit(claim=c, score=s) for c, s in ledger.search(text, flt, limit=limit)]


def list_claimants(ledger: Ledger, *, limit: int | None = None) -> list[ClaimantName]:
    """Every person with claims (names unified through aliases), most claims first."""
    return ledger.claimants(limit=limit)


def claimant_view(ledger: Ledger, name: str, *, include_retracted: bool = False) -> ClaimantView:
    """One person's claims with their statuses and verdicts, oldest first, found by any of their names."""
    if not visible(name):
        raise InvalidInput("claimant name is empty")
    person, claims = ledger.claimant(name, include_retracted=include_retracted)
    if not claims and not ledger.claimant_keys_known(name):
        raise UnknownId(f"unknown claimant {name!r}")
    return ClaimantView(claimant=person, claims=claims)


def alias_claimant(ledger: Ledger, name: str, alias: str, by: str) -> tuple[str, list[str]]:
    """Record that `alias` is another name of `name`'s person (append-only); return (name, names unified)."""
    who = _by(by)
    if not visible(alias):
        raise InvalidInput("alias is empty")
    if not ledger.claimant_keys_known(name):
        raise UnknownId(f"unknown claimant {name!r}")
    return ledger.alias_claimant(name, alias, by=who)


def merge_claimants(ledger: Ledger, keep: str, other: str, by: str) -> tuple[str, list[str]]:
    """Unify two names of one person: `other` (and its aliases) become names of `keep`."""
    who = _by(by)
    for name in (keep, other):
        if not visible(name) or not ledger.claimant_keys_known(name):
            raise UnknownId(f"unknown claimant {name!r}")
    return ledger.alias_claimant(keep, other, by=who, kind="merge")


__all__ = [
    "POLARITY_WORDS",
    "QUOTE_WORDS",
    "ClaimChanges",
    "ClaimantView",
    "EditResult",
    "SearchHit",
    "alias_claimant",
    "claimant_view",
    "edit_claim",
    "list_claimants",
    "merge_claimants",
    "merge_claims",
    "restore_claim",
    "retract_claim",
    "search_claims",
    "unmerge_claim",
]
