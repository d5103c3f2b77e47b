"""`claimtrack config set|get|list`: the ledger's settings (the organisation ClaimReview exports name)."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import TextJson, ledger

config_app = typer.Typer(no_args_is_help=True, help="Settings kept in the ledger (org.name, org.url, ...).")


@config_app.command("set")
def config_set(
    key: Annotated[str, typer.Argument(metavar="KEY", help="org.name, org.url or review.url_template")],
    value: Annotated[str, typer.Argument(metavar="VALUE")],
) -> None:
    """Store a setting in the ledger (checked first: a bad URL is refused here, not at export)."""
    from pipeline.config import set_config

    output.echo(f"{key} = {set_config(ledger(), key, value)}")


@config_app.command("get")
def config_get(key: Annotated[str, typer.Argument(metavar="KEY")]) -> None:
    """Print one setting (exit 1 when it is not set)."""
    from pipeline.config import get_config

    value = get_config(ledger(), key)
    if value is None:
        typer.echo(f"{key} is not set", err=True)
        raise typer.Exit(1)
    output.echo(value)


@config_app.command("list")
def config_list(fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text) -> None:
    """Every setting and its value."""
    from pipeline.config import all_config

    values = all_config(ledger())
    if fmt is TextJson.json:
        output.echo(output.dump_json(values))
        return
    for key, value in values.items():
        output.echo(f"{key} = {value if value is not None else '(not set)'}")
