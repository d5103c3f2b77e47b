"""`claimtrack ingest`: read articles, extract dated, attributed claims and link them into the ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import TextJson, ledger, settings

if TYPE_CHECKING:
    from claims.ledger import Ledger
    from pipeline.ingest_result import IngestResult


def ingest_cmd(
    paths: Annotated[
        list[str] | None, typer.Argument(metavar="PATH...", help="Files, directories (recursive) or - for stdin.")
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", help="CSV with columns path,published,outlet,url,title,author: one row per file."),
    ] = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date (overrides the file).")] = None,
    allow_future: Annotated[
        bool, typer.Option("--allow-future", help="Accept publication dates after today.")
    ] = False,
    url: Annotated[str | None, typer.Option("--url", callback=output.url_option)] = None,
    outlet: Annotated[str | None, typer.Option("--outlet")] = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
    author: Annotated[str | None, typer.Option("--author")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parse in N processes.")] = 1,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", min=1, help="Largest file accepted (default 20 MB).")
    ] = None,
    no_link: Annotated[bool, typer.Option("--no-link", help="Store claims without linking them.")] = False,
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Read articles, extract dated, attributed claims and link them to the ledger."""
    from pipeline.ingest import IngestOptions, count_inputs, ingest_paths
    from pipeline.ingest_dates import FutureDate
    from pipeline.ingest_manifest import ingest_manifest
    from sources.document import Overrides

    paths = paths or []
    if bool(paths) == (manifest is not None):
        raise typer.BadParameter("give PATH... or --manifest FILE (one of them)")
    config = settings()
    overrides = Overrides(published=published, url=url, outlet=outlet, title=title, author=author)
    if overrides.published is not None and not allow_future and overrides.published.start.date() > dt.date.today():
        raise FutureDate(f"--published {published} is after today; give --allow-future if it is right")
    limit = max_bytes if max_bytes is not None else config.max_bytes  # an explicit option wins over the env
    options = IngestOptions(
        overrides=overrides,
        max_bytes=limit,
        workers=workers,
        link=not no_link,
        model=config.spacy_model,
        min_checkworthiness=config.min_checkworthiness,
        allow_future=allow_future,
    )
    if manifest is not None:
        # A manifest that cannot be used (no such file, a wrong header) stops here, before anything is read.
        led = ledger()
        result = ingest_manifest(led, manifest, options, keep=fmt is TextJson.json)
        _report(led, result, fmt)
        return
    led = ledger()
    total = count_inputs(paths) if "-" not in paths else 1
    # Only JSON output lists what was stored; the text summary counts, so memory stays flat over any corpus.
    keep = fmt is TextJson.json
    if total > 1 and fmt is TextJson.text:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=output.err_console, transient=True) as bar:
            task = bar.add_task("ingest", total=total)
            result = ingest_paths(led, paths, options, progress=lambda n: bar.update(task, completed=n), keep=keep)
    else:
        result = ingest_paths(led, paths, options, keep=keep)
    _report(led, result, fmt)


def _report(led: Ledger, result: IngestResult, fmt: TextJson) -> None:
    """Notes and failures on stderr, then the summary (text) or everything stored (JSON); exit 1 if any failed."""
    for note in result.notes:
        typer.echo(output.safe_message(f"note: {note}"), err=True)
    for failure in result.failed:
        typer.echo(output.safe_message(f"Error: {failure.message}"), err=True)
    summary = result.summary()
    if fmt is TextJson.json:
        claims = led.hydrate_ids([c.id for c in result.claims if c.id]) if result.claims else []
        data = {
            "summary": summary,
            "notes": result.notes,
            "sources": [s.model_dump(mode="json") for s in result.sources],
            "claims": [output.claim_json(c) for c in claims],
        }
        output.echo(output.dump_json(data))
    else:
        output.echo(
            f"sources added: {summary['added']} (revised: {summary['revised']}), unchanged: {summary['unchanged']}, "
            f"failed: {summary['failed']}; claims: {summary['claims']}, links: {summary['links']}"
        )
    if result.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
