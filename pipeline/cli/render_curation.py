"""Rendering curation results: history lines, linked claims, search hits and claimants.

Every stored value passes through `render.term` (see `pipeline.cli.render`), so
an edited claim text or a retraction reason cannot act on the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pipeline.cli.render import claim_json, claims_csv, claims_table, term

if TYPE_CHECKING:
    from rich.table import Table

    from claims.claimants import ClaimantName
    from claims.models import HistoryEntry, LinkedClaim
    from pipeline.curation import ClaimantView, SearchHit


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def event_summary(entry: HistoryEntry) -> str:
    """One line for a history entry: what changed, in words."""
    d = entry.detail
    if entry.kind == "edited":
        parts = [
            f"{col}: {_value(diff.get('old'))!r} → {_value(diff.get('new'))!r}"
            for col, diff in d.get("changes", {}).items()
            if col != "lemmas"
        ]
        if d.get("note"):
            parts.append(f"note: {d['note']}")
        return "edited " + "; ".join(parts)
    if entry.kind == "retracted":
        return f"retracted: {d.get('reason', '')}"
    if entry.kind in ("merged", "merged-into"):
        what = f"merged {d.get('other')} into {d.get('keep')}"
        moved = f" ({len(d.get('links', []))} links, {len(d.get('appearances', []))} appearances moved)"
        return what + moved + (f"; note: {d['note']}" if d.get("note") else "")
    if entry.kind == "unmerged":
        return f"unmerged {d.get('other')} from {d.get('keep')}"
    if entry.kind in ("linked", "link-rejected"):
        what = "rejected link" if entry.kind == "link-rejected" else f"{d.get('stance')} link"
        note = f" — {d['note']}" if d.get("note") else ""
        return f"{what} {d.get('from_id')} → {d.get('to_id')} ({d.get('origin')}){note}"
    if entry.kind == "rated":
        why = f" — {d['rationale']}" if d.get("rationale") else ""
        return f"rated {d.get('rating')}{why}"
    return entry.kind + (f" {d}" if d else "")


def history_lines(entries: Sequence[HistoryEntry]) -> list[str]:
    """The "history:" block of `claims show`, oldest first, with who and when."""
    if not entries:
        return []
    lines = ["  history:"]
    for e in entries:
        by = f" by {term(e.by)}" if e.by else ""
        lines.append(f"    {e.at:%Y-%m-%d %H:%M}{by}: {term(event_summary(e))}")
    return lines


def linked_line(claim: LinkedClaim | None) -> str:
    """The linked claim's text, claimant and date under its link in `claims show`."""
    if claim is None:
        return ""
    date = str(claim.claim_date) if claim.claim_date else "undated"
    hidden = " (retracted)" if claim.retracted else f" (merged into {claim.merged_into})" if claim.merged_into else ""
    return f"      “{term(claim.text)}” — {term(claim.claimant) or 'unknown claimant'}, {date}{hidden}"


def search_json(hits: Iterable[SearchHit]) -> list[dict[str, Any]]:
    return [{"score": round(h.score, 6), **claim_json(h.claim)} for h in hits]


def search_table(hits: Sequence[SearchHit], query: str) -> Table:
    return claims_table([h.claim for h in hits], title=f"{len(hits)} claims matching {term(query)!r}")


def search_csv(hits: Sequence[SearchHit]) -> str:
    return claims_csv([h.claim for h in hits])


def claimants_table(people: Iterable[ClaimantName]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="claimants")
    for name in ("claimant", "claims", "also known as"):
        table.add_column(name, overflow="fold")
    for p in people:
        table.add_row(Text(term(p.name)), Text(str(p.claims)), Text(term(", ".join(p.aliases))))
    return table


def claimant_text(view: ClaimantView) -> str:
    """`claimants show`: the person, their names, and each claim with status and verdict, oldest first."""
    person = view.claimant
    lines = [f"{term(person.name)}  ({len(view.claims)} claims)"]
    if person.aliases:
        lines.append(f"  also known as: {term(', '.join(person.aliases))}")
    for c in view.claims:
        date = str(c.claim_date) if c.claim_date else "undated"
        verdict = f"  verdict: {c.verdict.rating}" if c.verdict else ""
        hidden = "  (retracted)" if c.retracted else ""
        lines.append(f"  {date:<12} {c.id}  [{c.status}]{verdict}{hidden}")
        lines.append(f"      {term(c.text)}")
    return "\n".join(lines)
