"""`claimtrack claimants list|show|alias|merge`: the people behind the claims, under all their names."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import MAX_ROWS, TableJson, TextJson, ledger

claimants_app = typer.Typer(no_args_is_help=True, help="List claimants, show one's claims, unify their names.")

BY = typer.Option("--by", help="Who makes the change (recorded).")


@claimants_app.command("list")
def claimants_list(
    limit: Annotated[int | None, typer.Option("--limit", min=1, max=MAX_ROWS)] = None,
    fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table,
) -> None:
    """Every claimant, with their other names and how many claims they made, most claims first."""
    from pipeline.cli.render_curation import claimants_table
    from pipeline.curation import list_claimants

    people = list_claimants(ledger(), limit=limit)
    if fmt is TableJson.json:
        output.echo(output.dump_json(people))
    else:
        output.console.print(claimants_table(people))


@claimants_app.command("show")
def claimants_show(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Any name of the claimant.")],
    include_retracted: Annotated[bool, typer.Option("--include-retracted")] = False,
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """One claimant's claims with their statuses and verdicts, oldest first."""
    from pipeline.cli.render_curation import claimant_text
    from pipeline.curation import claimant_view

    view = claimant_view(ledger(), name, include_retracted=include_retracted)
    if fmt is TextJson.json:
        claims = [output.claim_json(c) for c in view.claims]
        data = {"claimant": view.claimant.model_dump(mode="json"), "claims": claims}
        output.echo(output.dump_json(data))
    else:
        output.echo(claimant_text(view))


@claimants_app.command("alias")
def claimants_alias(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A claimant's name.")],
    alias: Annotated[str, typer.Argument(metavar="ALIAS", help="Another name of the same person.")],
    by: Annotated[str, BY],
) -> None:
    """Record another name of a claimant (e.g. a title or a full name)."""
    from pipeline.curation import alias_claimant

    canonical, names = alias_claimant(ledger(), name, alias, by)
    output.echo(f"{canonical}: now also {', '.join(names)}")


@claimants_app.command("merge")
def claimants_merge(
    keep: Annotated[str, typer.Argument(metavar="A", help="The name to keep.")],
    other: Annotated[str, typer.Argument(metavar="B", help="Another name of the same person.")],
    by: Annotated[str, BY],
) -> None:
    """Unify two claimant names of one person: B's claims show under A."""
    from pipeline.curation import merge_claimants

    canonical, names = merge_claimants(ledger(), keep, other, by)
    output.echo(f"{canonical}: merged {', '.join(names)}")
