"""The `claimtrack` command line: the root command, its error handling, and the command groups.

Each command parses its options, calls one library function that returns
pydantic models, and hands them to a renderer (`pipeline.cli.render`). One
module per command group (`cmd_*.py`). Errors the user can cause
(`ClaimtrackError`, validation errors) become a one-line message on stderr and
exit code 1; usage errors exit 2 (Click's convention). No traceback reaches a user.

Start-up stays light: nothing here or in the command modules imports spaCy or
dateparser at module level (tests/cli/test_startup.py), so `--help` and the
ledger-only commands do not pay for the NLP. The command groups (`claims`,
`report`, ...) are imported and built only when named (`SafeGroup`): typer reads
every command's signature to build it, and building all of them cost a ledger
command a tenth of its start-up.
"""

from __future__ import annotations

import importlib
import sys
from difflib import get_close_matches
from typing import Annotated, Any

import pydantic
import typer
from typer._click.exceptions import UsageError  # typer's own copy of click, which it raises
from typer.core import TyperGroup
from typer.main import get_group_from_info
from typer.models import TyperInfo

from claims.errors import ClaimtrackError
from pipeline.cli import cmd_dates, cmd_ingest, cmd_links, cmd_serve
from pipeline.cli import render as output
from pipeline.cli.common import close_ledger, state
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


class SafeGroup(TyperGroup):
    """The root command group: turns expected errors into one line and an exit code.

    It builds a command group (`GROUPS`) only when a command line names it,
    exactly as typer's `add_typer` would have built it; the root `--help` lists
    each group by its name and help alone.
    """

    _listing = False

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return [*(name for name in super().list_commands(ctx) if name not in GROUPS), *GROUPS]

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            # typer suggests among the commands built so far; suggest among them all, as it did before.
            if self.suggest_commands and args and exc.message.startswith("No such command"):
                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    message = exc.message.split(". Did you mean", 1)[0].rstrip(".")
                    exc.message = f"{message}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        if cmd_name in self.commands or cmd_name not in GROUPS:
            return super().get_command(ctx, cmd_name)
        sub = group_app(cmd_name)
        if self._listing:  # the root --help reads only the name and the help text
            return TyperGroup(name=cmd_name, help=sub.info.help, rich_markup_mode=self.rich_markup_mode)
        built = get_group_from_info(
            TyperInfo(sub, name=cmd_name),
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
            suggest_commands=app.suggest_commands,
        )
        self.add_command(built, cmd_name)
        return built

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

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
# The groups (GROUPS) are added by SafeGroup when named; the single commands are built with the root.
cmd_links.register(app)
cmd_dates.register(app)
cmd_ingest.register(app)
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
