"""`claimtrack db migrate|export|import`: ledger maintenance and moving a ledger between backends."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import ledger

db_app = typer.Typer(no_args_is_help=True, help="Ledger maintenance: migrate, export, import.")


@db_app.command("migrate")
def db_migrate() -> None:
    """Upgrade the ledger's schema in place (one transaction)."""
    done = ledger(check_schema=False).migrate()
    output.echo(f"applied: {', '.join(done)}" if done else "the ledger is up to date")


@db_app.command("export")
def db_export(file: Annotated[Path, typer.Argument(metavar="FILE", help="JSON Lines file to write.")]) -> None:
    """Write the whole ledger (history included) to a JSON Lines file."""
    from claims.backup import export_file

    counts = export_file(ledger(), file)
    output.echo(f"exported {sum(counts.values())} rows ({counts.get('claims', 0)} claims) to {file}")


@db_app.command("import")
def db_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="JSON Lines file from `db export`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a ledger that is not empty (a backup export is written first).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before replacing a ledger on a terminal.")] = False,
) -> None:
    """Load a `db export` file into an empty ledger (one transaction; every row is checked first)."""
    from claims.backup import import_file

    counts = import_file(ledger(), file, force=force, confirm=output.confirmer(yes), notify=output.notify)
    output.echo(f"imported {sum(counts.values())} rows ({counts.get('claims', 0)} claims) from {file}")
