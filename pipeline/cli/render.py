"""Rendering command results: Rich tables, JSON and CSV, shared by every command.

Commands return pydantic models; this module turns them into text. JSON goes
to stdout unwrapped (never through Rich, which would wrap long lines).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # annotations only: building the models is most of the command line's start-up
    from claims.models import Claim, ClaimDetail, Source

console = Console(soft_wrap=False)
err_console = Console(stderr=True)


def dump_json(data: BaseModel | Sequence[BaseModel] | dict[str, Any] | list[Any]) -> str:
    """JSON text for a model, a list of models or plain data (two-space indent)."""
    if isinstance(data, BaseModel):
        return data.model_dump_json(indent=2)
    if isinstance(data, dict):
        return json.dumps(data, indent=2, ensure_ascii=False, default=str)
    items = [d.model_dump(mode="json") if isinstance(d, BaseModel) else d for d in data]
    return json.dumps(items, indent=2, ensure_ascii=False, default=str)


def echo(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def claim_json(claim: Claim) -> dict[str, Any]:
    """The JSON claim object of the CLI contract (drops internal retrieval fields)."""
    data = claim.model_dump(mode="json", exclude={"lemmas"})
    return data


def claims_table(claims: Iterable[Claim], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for name in ("id", "date", "claimant", "claim", "polarity", "status"):
        table.add_column(name, overflow="fold")
    for c in claims:
        table.add_row(
            c.id,
            str(c.claim_date) if c.claim_date else "",
            c.claimant or "",
            c.text if len(c.text) <= 100 else c.text[:97] + "...",
            c.polarity,
            c.status,
        )
    return table


CSV_FIELDS = (
    "id",
    "claim_date",
    "claimant",
    "claimant_role",
    "text",
    "polarity",
    "quote",
    "status",
    "rating",
    "source_id",
    "source_title",
    "source_url",
)


def claims_csv(claims: Iterable[Claim]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for c in claims:
        writer.writerow(
            {
                "id": c.id,
                "claim_date": str(c.claim_date) if c.claim_date else "",
                "claimant": c.claimant or "",
                "claimant_role": c.claimant_role or "",
                "text": c.text,
                "polarity": c.polarity,
                "quote": c.quote,
                "status": c.status,
                "rating": c.verdict.rating if c.verdict else "",
                "source_id": c.source_id or "",
                "source_title": c.source.title if c.source and c.source.title else "",
                "source_url": c.source.url if c.source and c.source.url else "",
            }
        )
    return out.getvalue()


def claim_text(detail: ClaimDetail) -> str:
    """A readable description of one claim, with its verdict and link history."""
    lines = [
        f"{detail.id}  [{detail.status}]",
        f"  claim:     {detail.text}",
        f"  claimant:  {detail.claimant or '-'}" + (f" ({detail.claimant_role})" if detail.claimant_role else ""),
        f"  date:      {detail.claim_date or '-'}",
        f"  polarity:  {detail.polarity}   quote: {detail.quote}",
    ]
    if detail.event_dates:
        lines.append(f"  events:    {', '.join(str(d) for d in detail.event_dates)}")
    if detail.entities:
        lines.append(f"  entities:  {', '.join(detail.entities)}")
    if detail.source:
        s = detail.source
        parts = [p for p in (s.title, s.outlet, str(s.published) if s.published else None, s.url) if p]
        lines.append(f"  source:    {s.id}  " + " | ".join(parts))
    for app in detail.appearances:
        parts = [p for p in (app.source.title, app.source.outlet, str(app.claim_date) if app.claim_date else None) if p]
        lines.append(f"  also in:   {app.source.id}  " + " | ".join(parts))
    if detail.verdict_history:
        lines.append("  verdicts:")
        for v in detail.verdict_history:
            extra = f" — {v.rationale}" if v.rationale else ""
            by = f" by {v.by}" if v.by else ""
            lines.append(f"    {v.at:%Y-%m-%d %H:%M} {v.rating}{by}{extra}")
            for url in v.evidence:
                lines.append(f"      evidence: {url}")
    if detail.links:
        lines.append("  links:")
        for link in detail.links:
            arrow = (
                f"{link.claim_id} {link.stance} this"
                if link.direction == "from"
                else f"this {link.stance} {link.claim_id}"
            )
            lines.append(f"    {arrow}  ({link.origin})")
            if link.reason:
                lines.append(f"      why: {format_reason(link.reason)}")
    if detail.link_history:
        lines.append("  link history:")
        for ev in detail.link_history:
            what = "rejected" if ev.rejected else ev.stance
            by = f" by {ev.by}" if ev.by else ""
            note = f" — {ev.note}" if ev.note else ""
            at = f"{ev.at:%Y-%m-%d %H:%M}" if ev.at else ""
            lines.append(f"    {at} {ev.from_id} → {ev.to_id}: {what} ({ev.origin}){by}{note}")
    return "\n".join(lines)


def format_reason(reason: dict[str, Any]) -> str:
    """One line from a link's stored reason: shared entities, cue, polarity, score."""
    parts = []
    for key, value in reason.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{key}: {value}")
    return "; ".join(parts)


def sources_table(sources: Iterable[Source]) -> Table:
    table = Table()
    for name in ("id", "published", "title", "outlet", "kind", "parent"):
        table.add_column(name, overflow="fold")
    for s in sources:
        table.add_row(s.id, str(s.published or ""), s.title or "", s.outlet or "", s.kind, s.parent_id or "")
    return table


def source_text(source: Source) -> str:
    lines = [f"{source.id}  ({source.kind})"]
    for label, value in (
        ("title", source.title),
        ("url", source.url),
        ("outlet", source.outlet),
        ("author", source.author),
        ("published", source.published),
        ("parent", source.parent_id),
        ("revision of", source.revision_of),
        ("path", source.path),
    ):
        if value:
            lines.append(f"  {label + ':':<12} {value}")
    lines.append("")
    lines.append(source.text)
    return "\n".join(lines)
