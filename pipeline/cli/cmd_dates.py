"""`claimtrack dates`: every temporal expression of some files, resolved; stores nothing."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import TableJson, parse_date, settings


def dates_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Files, directories (recursive) or - for stdin.")
    ],
    published: Annotated[str | None, typer.Option("--published", help="Publication date (overrides the file).")] = None,
    fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table,
) -> None:
    """Show every temporal expression of the files, resolved (stores nothing)."""
    from pipeline.dates import dates_table, find_dates, read_files
    from pipeline.nlp.build import build_nlp

    model = settings().spacy_model
    found = find_dates(read_files(paths, parse_date(published)), nlp=build_nlp(model) if model else None)
    if fmt is TableJson.json:
        output.echo(output.dump_json(found))
    else:
        output.console.print(dates_table(found))


def register(app: typer.Typer) -> None:
    app.command("dates")(dates_cmd)
