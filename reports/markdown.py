"""Markdown rendering: clean enough to paste into an editor's message.

Claim text is escaped just enough that it cannot turn into markup (emphasis,
links, inline HTML); URLs become links only when they are http(s). The words
themselves (statements, evidence sentences, verdicts) come from the built
report (`reports.wording`), the same words every format prints.
"""

from __future__ import annotations

import re

from claims.context import SourceContext
from claims.models import SourceRef
from reports.escape import safe_href
from reports.models import Count, DisputedClaim, DisputedReport, EvidenceItem, StatusReport, TocEntry
from reports.phrasing import day_words, moment_words, source_words
from reports.wording import rating_words

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&!~])")
# Controls, zero-width characters and bidi overrides: invisible in a rendered report, but they
# hide or reorder what an editor reads.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# In a link destination, anything that could end it or start a new line is percent-encoded.
_HREF_UNSAFE = re.compile("[\x00-\x20\x7f-\x9f<>\\\\\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
KIND_WORDS = {"denial": "denial", "quote": "direct quote", "paraphrase": "paraphrase (reported speech)"}


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
    """A source as a link to its URL when known, else in words: outlet, “title”, date."""
    words = source_words(src)
    if src is not None and src.url and safe_href(src.url):
        return md_link(src.url, words)
    return md(words)


def context_line(ctx: SourceContext | None) -> str:
    """The source sentence with the claim's part in bold."""
    if ctx is None:
        return ""
    parts = ctx.parts()
    if parts is None:
        return md(ctx.sentence)
    before, part, after = parts
    gap_before = " " if before[-1:].isspace() else ""
    gap_after = " " if after[:1].isspace() else ""
    return f"{md(before)}{gap_before}**{md(part)}**{gap_after}{md(after)}".strip()


def filter_words(report: DisputedReport) -> dict[str, str]:
    """The filters a report was built with, as words (defaults left out)."""
    out = {}
    for key, value in report.filters.model_dump(exclude_defaults=True).items():
        if key == "changed_since":
            value = f"{moment_words(value)} {value:%H:%M} UTC"
        elif value is True:
            value = "yes"
        out[key] = str(value)
    return out


def disputed_markdown(report: DisputedReport) -> str:
    """The disputed-claims report as Markdown: overview, contents, then one section per thread."""
    lines = ["# Disputed claims", "", f"Generated {md(moment_words(report.generated_at))}"]
    lines[-1] += f" ({report.generated_at.isoformat()})"
    bits = [f"{k.replace('_', ' ')}: {md(v)}" for k, v in filter_words(report).items()]
    if bits:
        lines[-1] += " · " + ", ".join(bits)
    lines += ["", *_overview(report), ""]
    if not report.claims:
        lines += ["No disputed claims.", ""]
    for n, thread in enumerate(report.claims, 1):
        lines += _thread(n, thread, report)
    return "\n".join(lines).rstrip() + "\n"


def _toc_line(e: TocEntry, tail: str) -> str:
    # A bullet with the thread's own number: a Markdown "4." list item would be renumbered from 1.
    return f"- {e.n}. [{md(e.heading)}](#claim-{e.id}){tail}"


def _overview(report: DisputedReport) -> list[str]:
    o = report.overview
    counts = ", ".join(f"{c.count} {c.key}" for c in o.by_status) or "none"
    lines = ["## Overview", "", f"- **{o.total}** claim thread(s): {counts}."]
    if o.by_kind:
        lines.append(
            "- As reported: " + ", ".join(f"{c.count} {KIND_WORDS.get(c.key, c.key)}" for c in o.by_kind) + "."
        )
    if o.new_since:
        lines.append(
            f"- Since {moment_words(o.new_since)}: {o.new_disputes} newly contradicted, {o.changed} with changes."
        )
    if o.held_back:
        lines.append(
            f"- {o.held_back} more claim(s) are marked disputed only by unreviewed suggestions; "
            "`--include-suggestions` lists them."
        )
    if o.recently_disputed:
        lines += ["", "### Most recently disputed", ""]
        for e in o.recently_disputed:
            last = report.claims[e.n - 1].last_disputed
            lines.append(_toc_line(e, f" — last contradicted {md(_date(last))}"))
    if o.contents:
        order = "latest evidence first" if report.filters.order == "latest-evidence" else "by claim date"
        lines += ["", f"### Contents ({order})", ""]
        for e in o.contents:
            state = f"rated {rating_words(e.rating)}" if e.rating else e.status
            lines.append(_toc_line(e, f" — {state}; latest evidence {md(_date(e.latest_evidence))}"))
    return lines


def _date(date: object) -> str:
    return day_words(date) if date is not None else "undated"  # type: ignore[arg-type]


def _thread(n: int, c: DisputedClaim, report: DisputedReport) -> list[str]:
    said = c.said
    heading = said.statement if said else c.text
    status = f"**{c.status.capitalize()}**"
    if c.verdict:
        status = f"**Rated {rating_words(c.verdict.rating).upper()}**"
    lines = [
        # The anchor sits inside the heading: a line of its own would start with markup.
        f'## {n}. <a id="claim-{c.id}"></a>{md(heading)}',
        "",
        f"- **Status:** {status} · {KIND_WORDS.get(said.kind, '') if said else ''} · id `{c.id}`",
        f"- **Source:** {source_line(c.source)}",
    ]
    if said and said.context:
        lines.append(f"- **In context:** “{context_line(said.context)}”")
    lines.append("")
    if c.verdict_words:
        lines += [f"**Verdict:** {md(c.verdict_words)}", ""]
    if c.evidence:
        lines += ["**Evidence, in date order:**", ""]
        lines += [_evidence(ev) for ev in c.evidence]
        lines.append("")
    if len(c.verdict_history) > 1:
        lines += ["**Earlier verdicts:**", ""]
        for v in c.verdict_history[:-1]:
            at = f"{moment_words(v.at)}" if v.at else "undated"
            lines.append(
                f"- {md(at)}: rated {rating_words(v.rating)}"
                + (f" by {md(v.by)}" if v.by else "")
                + (f": {md(v.rationale)}" if v.rationale else "")
            )
        lines.append("")
    if c.changes and report.overview.new_since:
        lines += [f"**What changed since {moment_words(report.overview.new_since)}:**", ""]
        lines += [f"- {md(moment_words(ch.at))}: {md(ch.text)}" for ch in c.changes]
        lines.append("")
    return lines


def _evidence(ev: EvidenceItem) -> str:
    line = f"- {md(ev.sentence)} ({md(ev.review)})"
    if ev.why:
        line += f" Why linked: {md(ev.why)}."
    line += f" Source: {source_line(ev.source)}."
    if ev.said and ev.said.context:
        line += f"\n  In context: “{context_line(ev.said.context)}”"
    return line


def _count_table(rows: list[Count], key: str) -> list[str]:
    if not rows:
        return ["None.", ""]
    out = [f"| {key} | claims |", "| --- | ---: |"]
    out += [f"| {md(r.key)} | {r.count} |" for r in rows]
    return [*out, ""]


def status_markdown(report: StatusReport) -> str:
    """The status report as Markdown tables."""
    when = f"{moment_words(report.generated_at)} ({report.generated_at.isoformat()})"
    lines = ["# Ledger status", "", f"Generated {when} · {report.total} claims", ""]
    lines += ["## By status", "", *_count_table(report.by_status, "status")]
    lines += [
        "## Claims per period",
        "",
        "Each claim counts in the period its date names: a date known only "
        "to the year counts under the year, not under its January.",
        "",
    ]
    lines += _count_table(report.by_month, "period")
    if report.undated:
        lines += [f"Undated claims: {report.undated}", ""]
    lines += ["## Claimants", ""]
    if report.scorecards:
        lines += ["| claimant | claims | disputed | rated | rated false |", "| --- | ---: | ---: | ---: | ---: |"]
        lines += [
            f"| {md(s.claimant)} | {s.claims} | {s.disputed} | {s.rated} | {s.rated_false} |" for s in report.scorecards
        ]
        lines.append("")
    else:
        lines += ["None.", ""]
    if report.not_claimants:
        lines += [
            "Not counted as claimants (documents and other sources that cannot speak): "
            + ", ".join(f"{md(c.key)} ({c.count})" for c in report.not_claimants),
            "",
        ]
    lines += ["## Entities with the most disputed claims", "", *_count_table(report.top_disputed_entities, "entity")]
    lines += ["## Verdicts by rating", "", *_count_table(report.verdicts_by_rating, "rating")]
    return "\n".join(lines).rstrip() + "\n"
