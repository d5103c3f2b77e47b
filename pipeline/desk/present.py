"""Turning ledger objects into what a checker reads: link reasons in words, passages with the claim marked.

Pure functions over pydantic models, shared by the claim page, the review
queue and the article view; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claims.models import Claim, HistoryEntry

PASSAGE_CHARS = 320


@dataclass(frozen=True)
class Segment:
    """A piece of an article's text: plain, or a claim's span (with the claim's id and status)."""

    text: str
    claim_id: str | None = None
    status: str | None = None


def reason_text(reason: dict[str, Any] | None) -> str:
    """A link's stored reason as one readable line ("why" sentence first, then the features that fired)."""
    if not reason:
        return ""
    parts: list[str] = []
    if isinstance(reason.get("text"), str):
        parts.append(reason["text"])
    shared = reason.get("entities") or reason.get("shared")
    if isinstance(shared, list) and shared:
        parts.append("shared: " + ", ".join(str(s) for s in shared[:6]))
    if isinstance(reason.get("cue"), str) and reason["cue"]:
        parts.append(f"cue “{reason['cue']}”")
    if reason.get("polarity") == "opposite":
        parts.append("opposite polarity")
    if isinstance(reason.get("relation"), str):
        parts.append(f"predicates: {reason['relation']}")
    return " · ".join(parts)


def confidence_text(reason: dict[str, Any] | None) -> str:
    """The linker's confidence as a percentage, or "" when it gave none."""
    for key in ("confidence", "score"):
        value = (reason or {}).get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{round(float(value) * 100)}%"
    return ""


def passage(text: str, span: tuple[int, int] | None, chars: int = PASSAGE_CHARS) -> tuple[str, str, str] | None:
    """(before, the claim, after) around a claim's span in its source text, cut at word boundaries."""
    if not text or span is None or not (0 <= span[0] < span[1] <= len(text)):
        return None
    start, end = span
    lo = max(0, start - chars)
    hi = min(len(text), end + chars)
    if lo > 0:
        lo = text.find(" ", lo) + 1 or lo
    if hi < len(text):
        hi = text.rfind(" ", end, hi) if text.rfind(" ", end, hi) > end else hi
    before = ("… " if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + (" …" if hi < len(text) else "")
    return before, text[start:end], after


def segments(text: str, claims: list[Claim]) -> list[Segment]:
    """An article's text cut into plain pieces and claim spans (overlapping spans: the first one wins)."""
    out: list[Segment] = []
    at = 0
    spans = sorted((c.span[0], c.span[1], c) for c in claims if c.span and 0 <= c.span[0] < c.span[1] <= len(text))
    for start, end, claim in spans:
        if start < at:
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], claim.id, claim.status))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def history_line(entry: HistoryEntry) -> str:
    """One history entry in words: what changed, without who and when (the template shows those)."""
    d = entry.detail
    if entry.kind in ("linked", "link-rejected", "link-accepted", "link-removed"):
        other = d.get("from_id") if d.get("to_id") == entry.claim_id else d.get("to_id")
        arrow = "from" if d.get("to_id") == entry.claim_id else "to"
        note = f" — {d['note']}" if d.get("note") else ""
        if entry.kind == "link-rejected":
            return f"link {arrow} {other} rejected" + note
        if entry.kind == "link-removed":
            return f"link {arrow} {other} removed" + note
        if entry.kind == "link-accepted":
            return f"accepted link {arrow} {other}: {d.get('stance', '')}" + note
        return f"{d.get('origin', '')} link {arrow} {other}: {d.get('stance', '')}" + note
    if entry.kind == "rated":
        text = f"rated {d.get('rating', '')}"
        return text + (f" — {d['rationale']}" if d.get("rationale") else "")
    if entry.kind == "edited" and isinstance(d.get("changes"), dict):
        return "edited " + ", ".join(f"{k}: {v}" for k, v in d["changes"].items())
    shown = ", ".join(f"{k}: {v}" for k, v in d.items() if v not in (None, "", [], {}))
    return entry.kind + (f" ({shown})" if shown else "")
