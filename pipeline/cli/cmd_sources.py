"""`claimtrack sources list|show`: the ingested articles and the comments and pingbacks under them."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import TableJson, TextJson, ledger

sources_app = typer.Typer(no_args_is_help=True, help="List and show ingested sources.")


@sources_app.command("list")
def sources_list(fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table) -> None:
    """List sources (articles, and the comments and pingbacks under them)."""
    found = ledger().list_sources()
    if fmt is TableJson.json:
        output.echo(output.dump_json([s.model_dump(mode="json", exclude={"text"}) for s in found]))
    else:
        output.console.print(output.sources_table(found))


@sources_app.command("show")
def sources_show(
    source_id: Annotated[str, typer.Argument(metavar="ID")],
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Show one source with its text."""
    source = ledger().get_source(source_id)
    if fmt is TextJson.json:
        output.echo(output.dump_json(source))
    else:
        output.echo(output.source_text(source))
