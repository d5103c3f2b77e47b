"""The `claimtrack` command line: the root command, its error handling, and the command groups.

Each command parses its options, calls one library function that returns
pydantic models, and hands them to a renderer (`pipeline.cli.render`). One
module per command group (`cmd_*.py`). Errors the user can cause
(`ClaimtrackError`, validation errors) become a one-line message on stderr and
exit code 1; usage errors exit 2 (Click's convention). No traceback reaches a user.

Start-up stays light: nothing here or in the command modules imports spaCy or
dateparser at module level (tests/cli/test_startup.py), so `--help` and the
ledger-only commands do not pay for the NLP.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import pydantic
import typer
from typer.core import TyperGroup

from claims.errors import ClaimtrackError
from pipeline.cli import cmd_curation, cmd_dates, cmd_ingest, cmd_links, cmd_serve
from pipeline.cli import render as output
from pipeline.cli.cmd_claimants import claimants_app
from pipeline.cli.cmd_claims import claims_app
from pipeline.cli.cmd_config import config_app
from pipeline.cli.cmd_db import db_app
from pipeline.cli.cmd_exchange import export_app, import_app
from pipeline.cli.cmd_report import report_app
from pipeline.cli.cmd_review import review_app
from pipeline.cli.cmd_sources import sources_app
from pipeline.cli.cmd_users import users_app
from pipeline.cli.common import close_ledger, state
from pipeline.cli.settings import Settings


class SafeGroup(TyperGroup):
    """The root command group: turns expected errors into one line and an exit code."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        # Python hands undecodable argv bytes over as lone surrogates, which no database or terminal
        # can encode; refuse them here, once, rather than fail deep inside a command.
        given = list(sys.argv[1:] if args is None else args)
        for n, arg in enumerate(given, 1):
            if isinstance(arg, str) and any("\ud800" <= ch <= "\udfff" for ch in arg):
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                typer.echo(f"Error: argument {n} ({shown}) is not valid UTF-8", err=True)
                sys.exit(2)
        return super().main(given, *rest, **kwargs)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ClaimtrackError as exc:
            _fail(str(exc), exc.exit_code)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            msg = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
            _fail(f"invalid {where}: {msg}" if where else msg)
        except OSError as exc:
            _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
        except Exception as exc:
            # SQLAlchemy is imported only by commands that open the ledger, so its errors are matched lazily.
            sa_exc = sys.modules.get("sqlalchemy.exc")
            if sa_exc is None or not isinstance(exc, sa_exc.SQLAlchemyError):
                raise
            text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            _fail(f"database error: {text[0] if text else type(exc).__name__}")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(output.safe_message(f"Error: {message}"), err=True)
    raise typer.Exit(code)


app = typer.Typer(
    cls=SafeGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Track dated, attributed claims and the evidence for and against them.",
)
app.add_typer(claims_app, name="claims")
cmd_curation.register(claims_app)
app.add_typer(claimants_app, name="claimants")
cmd_links.register(app)
app.add_typer(sources_app, name="sources")
cmd_dates.register(app)
cmd_ingest.register(app)
app.add_typer(report_app, name="report")
app.add_typer(review_app, name="review")
app.add_typer(db_app, name="db")
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")
app.add_typer(config_app, name="config")
app.add_typer(users_app, name="users")
cmd_serve.register(app)


def _print_version(value: bool) -> None:
    if value:
        import pipeline

        typer.echo(f"claimtrack {pipeline.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="CLAIMTRACK_DB", help="Ledger: an SQLite path or a postgresql:// URL."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    # The environment is read here, once per command; everything below gets parameters.
    state.settings = Settings.from_env(db=db)
    state._ledger = None
    ctx.call_on_close(close_ledger)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="claimtrack")


if __name__ == "__main__":
    main()
