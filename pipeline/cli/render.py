"""Rendering command results: Rich tables, JSON and CSV, shared by every command.

Commands return pydantic models; this module turns them into text. JSON goes
to stdout unwrapped (never through Rich, which would wrap long lines).

Everything printed comes from articles, imports or other people's input, so
nothing stored may act on the terminal: `term` is the one function every
stored value passes through before it is shown. It drops control characters
(ESC sequences can recolour, retitle or hyperlink a terminal; CR and
backspace overwrite what was printed), bidi overrides and zero-width
characters (which reorder or hide text), and turns line breaks inside a value
into spaces, so a value cannot fake a line of the output. Rich never
interprets stored text as markup: the consoles have markup, emoji and
highlighting off, and table cells are plain `Text`, so `[/b]` or
`[link=...]` in a claim is printed as typed. JSON escapes the same characters
(`reports.escape.json_safe`), so the data survives unchanged.

Rich and pydantic load on first use (`console`, `err_console` and the table
builders; `dump_json`): commands that print plain text start without them.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from claims.errors import InvalidInput
from claims.redact import redact
from reports.escape import json_safe

if TYPE_CHECKING:  # annotations only: building the models is most of the command line's start-up
    from pydantic import BaseModel
    from rich.table import Table

    from claims.models import Claim, ClaimDetail, Source
    from pipeline.cli.console import SafeConsole

    console: SafeConsole
    err_console: SafeConsole

# C0 and C1 controls and DEL (tab and newline handled apart), zero-width characters,
# bidi embeddings, overrides and isolates, line/paragraph separators, BOM.
_UNPRINTABLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_HIDDEN = re.compile(f"[{_UNPRINTABLE}]")
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")


def term(value: object) -> str:
    """A stored value made safe to show on one line of a terminal (see the module docstring)."""
    if value is None:
        return ""
    return _HIDDEN.sub("", _BREAKS.sub(" ", str(value)))


def term_block(text: str) -> str:
    """Multi-line text (an article, a whole report) safe for a terminal: keeps newlines and tabs."""
    return _HIDDEN.sub("", text.replace("\r\n", "\n"))


def safe_message(text: str) -> str:
    """An error or status message: credentials redacted, nothing that acts on a terminal."""
    return term_block(redact(text))


def __getattr__(name: str) -> Any:
    """`console`, `err_console` and `SafeConsole` (`pipeline.cli.console`), Rich imported on first use."""
    if name in ("console", "err_console", "SafeConsole"):
        from pipeline.cli import console as consoles

        return getattr(consoles, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def dump_json(data: BaseModel | Sequence[BaseModel] | dict[str, Any] | list[Any]) -> str:
    """JSON text for a model, a list of models or plain data (two-space indent, `json_safe`)."""
    from pydantic import BaseModel

    if isinstance(data, BaseModel):
        return json_safe(data.model_dump_json(indent=2))
    if isinstance(data, dict):
        return json_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    items = [d.model_dump(mode="json") if isinstance(d, BaseModel) else d for d in data]
    return json_safe(json.dumps(items, indent=2, ensure_ascii=False, default=str))


def echo(text: str) -> None:
    """Print to stdout, terminal-safe (`term_block`); JSON and reports keep their meaning."""
    text = term_block(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _check_http_url(value: str | None) -> str | None:
    """`claims.models.check_http_url`, imported on first use (the models are slow to build at start-up)."""
    from claims.models import check_http_url

    return check_http_url(value)


def url_option(value: str | list[str] | None) -> str | list[str] | None:
    """Typer callback for options that take a URL: only http(s) is stored (`check_http_url`)."""
    values = value if isinstance(value, list) else [value]
    for item in values:
        try:
            _check_http_url(item)
        except ValueError as exc:
            raise typer.BadParameter(f"{exc} ({term(item)!r})") from None
    if isinstance(value, list):
        return [_check_http_url(v) or "" for v in value]
    return _check_http_url(value)


def claim_json(claim: Claim) -> dict[str, Any]:
    """The JSON claim object of the CLI contract (drops internal retrieval fields)."""
    data = claim.model_dump(mode="json", exclude={"lemmas"})
    return data


def claims_table(claims: Iterable[Claim], title: str | None = None) -> Table:
    """`claims list` as a table that fits an 80-column terminal: one line per claim, long cells cut with "…".

    Columns: id, date, claimant, outlet (the source's), claim, status. Nothing wraps, so a list of
    thousands of claims scrolls one claim per line; `--format json|csv` has every field in full.
    """
    from rich.table import Table
    from rich.text import Text

    # No box: one space between columns leaves the claim itself as much of the 80 columns as possible.
    table = Table(title=title, box=None, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0), header_style="bold")
    widths = {"id": (11, 11), "date": (4, 10), "claimant": (6, 14), "outlet": (4, 12), "claim": (10, None),
              "status": (5, 12)}  # (min, max) characters
    for name, (least, most) in widths.items():
        # Only the claim column gives way when the terminal is narrow; every cell is cut, never wrapped.
        table.add_column(name, no_wrap=name != "claim", overflow="ellipsis", min_width=least, max_width=most)
    for c in claims:
        outlet = c.source.outlet if c.source is not None else None
        state = "retracted" if c.retracted else "merged" if c.merged_into else c.status
        cells = (c.id, str(c.claim_date) if c.claim_date else "", term(c.claimant), term(outlet), term(c.text), state)
        table.add_row(*(Text(v or "", no_wrap=True, overflow="ellipsis") for v in cells))
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
    """`claims list --format csv`, through the one CSV writer (quoted, formula-neutralised)."""
    from reports.csv import write_csv

    return write_csv(
        CSV_FIELDS,
        (
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
            for c in claims
        ),
    )


def claim_text(detail: ClaimDetail) -> str:
    """A readable description of one claim, with its verdict and link history."""
    lines = [
        f"{detail.id}  [{detail.status}]",
        f"  claim:     {term(detail.text)}",
        f"  claimant:  {term(detail.claimant) or '-'}"
        + (f" ({term(detail.claimant_role)})" if detail.claimant_role else ""),
        f"  date:      {detail.claim_date or '-'}",
        f"  polarity:  {detail.polarity}   quote: {detail.quote}",
    ]
    if detail.event_dates:
        lines.append(f"  events:    {', '.join(str(d) for d in detail.event_dates)}")
    if detail.entities:
        lines.append(f"  entities:  {', '.join(term(e) for e in detail.entities)}")
    if detail.source:
        s = detail.source
        parts = [p for p in (s.title, s.outlet, str(s.published) if s.published else None, s.url) if p]
        lines.append(f"  source:    {s.id}  " + " | ".join(term(p) for p in parts))
    for app in detail.appearances:
        parts = [p for p in (app.source.title, app.source.outlet, str(app.claim_date) if app.claim_date else None) if p]
        lines.append(f"  also in:   {app.source.id}  " + " | ".join(term(p) for p in parts))
    if detail.verdict_history:
        lines.append("  verdicts:")
        for v in detail.verdict_history:
            extra = f" — {term(v.rationale)}" if v.rationale else ""
            by = f" by {term(v.by)}" if v.by else ""
            lines.append(f"    {v.at:%Y-%m-%d %H:%M} {v.rating}{by}{extra}")
            for url in v.evidence:
                lines.append(f"      evidence: {term(url)}")
            if v.review_url or v.review_title or v.published:
                said = " | ".join(term(p) for p in (v.review_title, v.published, v.review_url) if p)
                lines.append(f"      fact-check: {said}")
    if detail.links:
        from pipeline.cli.render_curation import linked_line

        linked = {c.id: c for c in detail.linked}
        lines.append("  links:")
        for link in detail.links:
            arrow = (
                f"{link.claim_id} {link.stance} this"
                if link.direction == "from"
                else f"this {link.stance} {link.claim_id}"
            )
            lines.append(f"    {arrow}  ({link.origin})")
            if link.claim_id in linked:
                lines.append(linked_line(linked[link.claim_id]))
            if link.reason:
                lines.append(f"      why: {term(format_reason(link.reason))}")
    if detail.link_history:
        lines.append("  link history:")
        for ev in detail.link_history:
            what = "rejected" if ev.rejected else f"{ev.stance} withdrawn" if ev.removed else ev.stance
            by = f" by {term(ev.by)}" if ev.by else ""
            note = f" — {term(ev.note)}" if ev.note else ""
            at = f"{ev.at:%Y-%m-%d %H:%M}" if ev.at else ""
            lines.append(f"    {at} {ev.from_id} → {ev.to_id}: {what} ({ev.origin}){by}{note}")
    if detail.retracted or detail.merged_into:
        lines.insert(1, "  RETRACTED" if detail.retracted else f"  MERGED into {detail.merged_into}")
    from pipeline.cli.render_curation import history_lines

    lines.extend(history_lines([e for e in detail.history if e.kind not in ("linked", "link-rejected", "rated")]))
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
    from rich.table import Table
    from rich.text import Text

    table = Table()
    for name in ("id", "published", "title", "outlet", "kind", "parent"):
        table.add_column(name, overflow="fold")
    for s in sources:
        values = (s.id, s.published or "", s.title, s.outlet, s.kind, s.parent_id)
        table.add_row(*(Text(term(v)) for v in values))
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
            lines.append(f"  {label + ':':<12} {term(value)}")
    lines.append("")
    lines.append(term_block(source.text))
    return "\n".join(lines)


def write_output(text: str, out: Path) -> None:
    """Write `text` to `out` atomically: a temporary file beside it, then a rename.

    On any failure (disk full, permissions, interrupted) the temporary file is
    removed, `out` is left as it was, and the error names the file.
    """
    if not out.parent.exists():
        raise InvalidInput(f"output directory {out.parent} does not exist")
    tmp = out.with_name(out.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(out)
    except OSError as exc:
        raise InvalidInput(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


def interactive() -> bool:
    """True when a person is at the terminal (stdin and stderr are TTYs) and can answer a question."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def confirmer(yes: bool) -> Callable[[str], bool] | None:
    """The question asker for destructive commands: none with --yes or when no one is at a terminal."""
    if yes or not interactive():
        return None
    return lambda question: typer.confirm(safe_message(question), default=False, err=True)


def notify(message: str) -> None:
    """A status line on stderr (stdout stays for results)."""
    typer.echo(safe_message(message), err=True)
