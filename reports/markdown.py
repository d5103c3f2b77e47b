"""Markdown rendering: clean enough to paste into an editor's message.

Claim text is escaped just enough that it cannot turn into markup (emphasis,
links, inline HTML); URLs become links only when they are http(s).
"""

from __future__ import annotations

import re

from claims.models import SourceRef
from reports.csv import format_reason
from reports.escape import safe_href
from reports.models import Count, DisputedClaim, DisputedReport, StatusReport

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&!~])")
# Controls, zero-width characters and bidi overrides: invisible in a rendered report, but they
# hide or reorder what an editor reads.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# In a link destination, anything that could end it or start a new line is percent-encoded.
_HREF_UNSAFE = re.compile("[\x00-\x20\x7f-\x9f<>\\\\\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def md(text: object) -> str:
    """Text with Markdown's structural characters backslash-escaped, on one line, with no hidden characters."""
    return _MD_SPECIAL.sub(r"\\\1", _HIDDEN.sub("", " ".join(str(text).split())))


def md_link(url: str | None, label: str | None = None) -> str:
    """A Markdown link for an http(s)/mailto URL; any other URL is shown as escaped text, not linked.

    The destination is written in `<...>` with every character that could close it
    or break the line (whitespace, controls, `<`, `>`, `\\`) percent-encoded, so a
    newline in a stored URL cannot start a new Markdown line of its own.
    """
    href = safe_href(url)
    if href is None:
        return md(label or url or "")
    dest = _HREF_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), href)
    return f"[{md(label or href)}](<{dest}>)"


def source_line(src: SourceRef | None) -> str:
    if src is None or not (src.title or src.url or src.outlet):
        return "unknown source"
    parts = [md_link(src.url, src.title or src.url) if src.url else md(src.title or "untitled")]
    extra = [md(p) for p in (src.outlet, str(src.published) if src.published else None) if p]
    return parts[0] + (f" ({', '.join(extra)})" if extra else "")


def _claimant(name: str | None, role: str | None) -> str:
    who = md(name) if name else "unknown claimant"
    return f"{who} ({md(role)})" if role else who


def disputed_markdown(report: DisputedReport) -> str:
    """The disputed-claims report as Markdown."""
    lines = [f"# Disputed claims ({len(report.claims)})", "", f"Generated {report.generated_at.isoformat()}"]
    filters = report.filters.model_dump(exclude_defaults=True)
    if filters:
        lines[-1] += " · " + ", ".join(f"{k.replace('_', ' ')}: {md(v)}" for k, v in filters.items())
    lines.append("")
    if not report.claims:
        lines += ["No disputed claims.", ""]
    for n, thread in enumerate(report.claims, 1):
        lines += _thread(n, thread)
    return "\n".join(lines).rstrip() + "\n"


def _thread(n: int, c: DisputedClaim) -> list[str]:
    lines = [
        f"## {n}. {md(c.text)}",
        "",
        f"- **Claimant:** {_claimant(c.claimant, c.claimant_role)}",
        f"- **Date:** {c.claim_date or 'undated'}",
        f"- **Source:** {source_line(c.source)}",
        f"- **Status:** {c.status} · id `{c.id}`",
        "",
    ]
    if c.evidence:
        lines += ["**Evidence, in date order:**", ""]
        for ev in c.evidence:
            arrow = "" if ev.direction == "from" else " (this claim → it)"
            who = _claimant(ev.claimant, ev.claimant_role)
            line = (
                f"- {ev.claim_date or 'undated'} · **{ev.stance}**{arrow} · {who}: "
                f"“{md(ev.text)}” — {source_line(ev.source)}"
            )
            reason = format_reason(ev.reason) or (ev.note or "")
            if reason:
                line += f" · _why: {md(reason)}_"
            lines.append(line)
        lines.append("")
    if c.verdict_history:
        lines += ["**Verdict history:**", ""]
        for v in c.verdict_history:
            at = f"{v.at:%Y-%m-%d %H:%M}" if v.at else "undated"
            by = f" by {md(v.by)}" if v.by else ""
            label = f" (“{md(v.label)}”)" if v.label and v.label != v.rating else ""
            why = f": {md(v.rationale)}" if v.rationale else ""
            lines.append(f"- {at} · **{v.rating}**{label}{by}{why}")
        lines.append("")
    return lines


def _count_table(rows: list[Count], key: str) -> list[str]:
    if not rows:
        return ["None.", ""]
    out = [f"| {key} | claims |", "| --- | ---: |"]
    out += [f"| {md(r.key)} | {r.count} |" for r in rows]
    return [*out, ""]


def status_markdown(report: StatusReport) -> str:
    """The status report as Markdown tables."""
    lines = ["# Ledger status", "", f"Generated {report.generated_at.isoformat()} · {report.total} claims", ""]
    lines += ["## By status", "", *_count_table(report.by_status, "status")]
    lines += ["## Claims per month", "", *_count_table(report.by_month, "month")]
    if report.undated:
        lines += [f"Undated claims: {report.undated}", ""]
    lines += [
        "## Claimants with the most disputed claims",
        "",
        *_count_table(report.top_disputed_claimants, "claimant"),
    ]
    lines += ["## Entities with the most disputed claims", "", *_count_table(report.top_disputed_entities, "entity")]
    lines += ["## Verdicts by rating", "", *_count_table(report.verdicts_by_rating, "rating")]
    return "\n".join(lines).rstrip() + "\n"
