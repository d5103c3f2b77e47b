"""`claimtrack report disputed|status`: the reports fact-checkers hand to an editor."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.common import ledger, parse_date, write_out

report_app = typer.Typer(no_args_is_help=True, help="Reports: disputed claims, status.")


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"


class StatusFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


@report_app.command("disputed")
def report_disputed(
    fmt: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.md,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Claims made on or after this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Claims made on or before this date.")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Claims about this entity.")] = None,
    claimant: Annotated[str | None, typer.Option("--claimant", help="Claims by this claimant.")] = None,
    include_rated: Annotated[
        bool, typer.Option("--include-rated", help="Also show disputed claims that now have a verdict.")
    ] = False,
) -> None:
    """Disputed claims with the evidence for and against them (HTML adds a timeline per claim)."""
    from reports.disputed import build_disputed_report
    from reports.render import render_disputed

    report = build_disputed_report(
        ledger(),
        since=parse_date(since),
        until=parse_date(until),
        entity=entity,
        claimant=claimant,
        include_rated=include_rated,
    )
    write_out(render_disputed(report, fmt.value), out)


@report_app.command("status")
def report_status(
    fmt: Annotated[StatusFormat, typer.Option("--format")] = StatusFormat.md,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Counts by status, claims per month, most disputed claimants and entities, verdicts by rating."""
    from reports.render import render_status
    from reports.status import build_status_report

    write_out(render_status(build_status_report(ledger()), fmt.value), out)
