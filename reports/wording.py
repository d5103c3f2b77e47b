"""Fill a built thread with its words: statements, evidence sentences, verdict and changes.

`reports.phrasing` decides how a claim is worded; this module applies it to the
report models once, so every renderer (and the web desk) prints the same words.
"""

from __future__ import annotations

from claims.context import SourceContext
from claims.models import Claim, HistoryEntry, Verdict, review_state
from reports import phrasing
from reports.models import Change, DisputedClaim, EvidenceItem, Said

RATING_WORDS = {
    "true": "true",
    "mostly-true": "mostly true",
    "mixed": "mixed",
    "misleading": "misleading",
    "mostly-false": "mostly false",
    "false": "false",
    "unproven": "unproven",
}


def _verbatim(context: SourceContext | None) -> str | None:
    """The claim's own words as its source sentence gives them, when they were located there."""
    parts = context.parts() if context is not None else None
    return parts[1] if parts is not None else None


def said(claim: Claim, context: SourceContext | None) -> Said:
    """What a claim says, worded for reports, with the source sentence it came from."""
    verbatim = _verbatim(context)
    kind = phrasing.kind_of(claim)
    return Said(
        kind=kind,  # type: ignore[arg-type]
        statement=phrasing.statement(claim, verbatim),
        quote=(verbatim or claim.text) if kind == "quote" else None,
        context=context,
        source_text=phrasing.source_words(claim.source),
    )


def word_evidence(ev: EvidenceItem, context: SourceContext | None) -> None:
    """Give one evidence item its sentence, its reason in words and how the link came about."""
    ev.said = said(ev, context)
    verbatim = _verbatim(context) or ev.said.quote
    ev.sentence = phrasing.evidence_sentence(ev.stance, ev.direction, ev, verbatim)
    ev.why = phrasing.link_why(ev.reason, ev.note)
    ev.review = phrasing.review_words(ev.review_state, ev.confidence)


def verdict_words(verdict: Verdict | None) -> str:
    """ "Rated false by Desk B on 2 December 2022: <rationale>" (empty when there is no verdict)."""
    if verdict is None:
        return ""
    words = f"Rated {rating_words(verdict.rating)}"
    if verdict.label and verdict.label.casefold() != rating_words(verdict.rating).casefold():
        words += f" (“{verdict.label}”)"
    if verdict.by:
        words += f" by {verdict.by}"
    if verdict.at:
        words += f" on {phrasing.moment_words(verdict.at)}"
    return words + (f": {verdict.rationale}" if verdict.rationale else ".")


def rating_words(rating: str) -> str:
    return RATING_WORDS.get(rating, rating)


def change_words(thread: DisputedClaim, entry: HistoryEntry, names: dict[str, str]) -> Change | None:
    """One history entry as a sentence about this thread; None for a change the report leaves out."""
    d = entry.detail
    by = f" by {entry.by}" if entry.by else ""
    if entry.kind in ("linked", "link-rejected"):
        incoming = d.get("to_id") == thread.id
        other = d.get("from_id") if incoming else d.get("to_id")
        name = names.get(str(other), "another claim")
        stance = str(d.get("stance") or "related")
        if entry.kind == "link-rejected":
            text = f"A link with {name} was rejected{by}."
        elif incoming:
            state = phrasing.REVIEW_WORDS.get(link_state(d), "")
            text = f"New evidence: {phrasing.STANCE_PAST[stance].lower()} by {name} ({state})."
        else:
            text = f"Linked: this claim {stance} what {name} said."
        return Change(at=entry.at, kind=entry.kind, text=text)
    if entry.kind == "rated":
        rating = rating_words(str(d.get("rating")))
        why = f": {d['rationale']}" if d.get("rationale") else "."
        return Change(at=entry.at, kind="rated", text=f"Rated {rating}{by}{why}")
    if entry.kind == "edited":
        fields = ", ".join(sorted(k for k in d if k not in ("by",))) or "details"
        return Change(at=entry.at, kind="edited", text=f"Edited{by}: {fields}.")
    return Change(at=entry.at, kind=entry.kind, text=f"{entry.kind.replace('-', ' ').capitalize()}{by}.")


def link_state(detail: dict[str, object]) -> str:
    """The review state of a link as a history entry's detail records it."""
    reason = detail.get("reason")
    return review_state(str(detail.get("origin") or "manual"), reason if isinstance(reason, dict) else None)
