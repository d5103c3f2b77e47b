"""`claimtrack report disputed|status`: the reports fact-checkers hand to an editor."""

from __future__ import annotations

import datetime as dt
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
    csv = "csv"


class Order(StrEnum):
    latest_evidence = "latest-evidence"
    claim_date = "claim-date"


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
    include_suggestions: Annotated[
        bool,
        typer.Option("--include-suggestions", help="Show the linker's unreviewed suggestions as evidence too."),
    ] = False,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            help="Only claims whose evidence, verdicts or status changed after this date (UTC), saying what changed.",
        ),
    ] = None,
    order: Annotated[
        Order, typer.Option("--order", help="latest-evidence (newest first) or claim-date (oldest claim first).")
    ] = Order.latest_evidence,
) -> None:
    """Disputed claims: who said what and when, the evidence for and against, verdicts, an overview on top."""
    from reports.disputed import build_disputed_report
    from reports.render import render_disputed

    changed = parse_date(changed_since)
    report = build_disputed_report(
        ledger(),
        since=parse_date(since),
        until=parse_date(until),
        entity=entity,
        claimant=claimant,
        include_rated=include_rated,
        include_suggestions=include_suggestions,
        changed_since=changed.start.replace(tzinfo=dt.UTC) if changed else None,
        order=order.value,  # type: ignore[arg-type]
    )
    write_out(render_disputed(report, fmt.value), out)


@report_app.command("status")
def report_status(
    fmt: Annotated[StatusFormat, typer.Option("--format")] = StatusFormat.md,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Counts by status, claims per period, claimant scorecards, disputed entities, verdicts by rating."""
    from reports.render import render_status
    from reports.status import build_status_report

    write_out(render_status(build_status_report(ledger()), fmt.value), out)
