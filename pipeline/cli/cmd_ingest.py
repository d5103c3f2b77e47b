"""`claimtrack ingest`: read articles, extract dated, attributed claims and link them into the ledger."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import TextJson, ledger, settings


def ingest_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, directories (recursive) or - for stdin.")
    ],
    published: Annotated[str | None, typer.Option("--published", help="Publication date (overrides the file).")] = None,
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
    from sources.document import Overrides

    config = settings()
    overrides = Overrides(published=published, url=url, outlet=outlet, title=title, author=author)
    limit = max_bytes if max_bytes is not None else config.max_bytes  # an explicit option wins over the env
    options = IngestOptions(
        overrides=overrides,
        max_bytes=limit,
        workers=workers,
        link=not no_link,
        model=config.spacy_model,
        min_checkworthiness=config.min_checkworthiness,
    )
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
    for failure in result.failed:
        typer.echo(output.safe_message(f"Error: {failure.message}"), err=True)
    summary = result.summary()
    if fmt is TextJson.json:
        claims = led.hydrate_ids([c.id for c in result.claims if c.id]) if result.claims else []
        data = {
            "summary": summary,
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
