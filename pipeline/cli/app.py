"""The `claimtrack` command line: the root command, its error handling, and the command groups.

Each command parses its options, calls one library function that returns
pydantic models, and hands them to a renderer (`pipeline.cli.render`). One
module per command group (`cmd_*.py`). Errors the user can cause
(`ClaimtrackError`, validation errors) become a one-line message on stderr and
exit code 1; usage errors exit 2 (Click's convention). No traceback reaches a user.

Start-up stays light: nothing here or in the command modules imports spaCy or
dateparser at module level (tests/cli/test_startup.py), so `--help` and the
ledger-only commands do not pay for the NLP. The command groups (`claims`,
`report`, ...) are imported, and every command built, only when a command line
names them (`SafeGroup`, `pipeline.cli.lazy`): typer reads every command's
signature to build it, and building all of them cost a tenth of the start-up.
"""

from __future__ import annotations

import importlib
import sys
from functools import partial
from typing import Annotated, Any

import typer

from claims.errors import ClaimtrackError
from pipeline.cli import cmd_dates, cmd_ingest, cmd_links, cmd_serve
from pipeline.cli import render as output
from pipeline.cli.common import close_ledger, state
from pipeline.cli.lazy import LazyGroup
from pipeline.cli.settings import Settings

# The command groups, in the order `--help` lists them: name -> (module, its typer.Typer).
GROUPS: dict[str, tuple[str, str]] = {
    "claims": ("pipeline.cli.cmd_claims", "claims_app"),
    "claimants": ("pipeline.cli.cmd_claimants", "claimants_app"),
    "sources": ("pipeline.cli.cmd_sources", "sources_app"),
    "report": ("pipeline.cli.cmd_report", "report_app"),
    "review": ("pipeline.cli.cmd_review", "review_app"),
    "db": ("pipeline.cli.cmd_db", "db_app"),
    "export": ("pipeline.cli.cmd_exchange", "export_app"),
    "import": ("pipeline.cli.cmd_exchange", "import_app"),
    "config": ("pipeline.cli.cmd_config", "config_app"),
    "users": ("pipeline.cli.cmd_users", "users_app"),
}


def group_app(name: str) -> typer.Typer:
    """The typer app of command group `name`, its module imported now."""
    module, attribute = GROUPS[name]
    sub: typer.Typer = getattr(importlib.import_module(module), attribute)
    return sub


class SafeGroup(LazyGroup):
    """The root command group: turns expected errors into one line and an exit code.

    Its commands and command groups are built only when a command line names
    them (`pipeline.cli.lazy`), exactly as `@app.command` and `add_typer` would
    have built them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pretty_exceptions_short = app.pretty_exceptions_short
        self.add_entries(_commands)
        self.entries.update({name: partial(group_app, name) for name in GROUPS})

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
        except OSError as exc:
            _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
        except Exception as exc:
            # pydantic and SQLAlchemy are imported only by the commands that use them, so their errors
            # are matched lazily (a module not loaded raised nothing).
            core = sys.modules.get("pydantic_core")
            if core is not None and isinstance(exc, core.ValidationError):
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first.get("loc", ()))
                msg = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
                _fail(f"invalid {where}: {msg}" if where else msg)
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
# The root's own commands, in the order `--help` lists them (before the groups); SafeGroup builds them.
_commands = typer.Typer()
cmd_links.register(_commands)
cmd_dates.register(_commands)
cmd_ingest.register(_commands)
cmd_serve.register(_commands)


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
