"""Command groups whose commands are built only when run: typer's eager build was a tenth of start-up.

Typer turns every registered command into a Click command before it parses
the command line: it reads each function's signature and evaluates its type
hints (twice), about a millisecond and a half per command, for the sixty-odd
commands of `claimtrack` on every run. A `LazyGroup` keeps typer's own
registrations (`CommandInfo`, a sub-app's `typer.Typer`) and builds one with
typer's own functions when the command line names it, so `claims list` builds
`claims list` and nothing else. A group's `--help` lists its commands by name
and help text alone (`_stub`), which is all the listing reads.

The built commands are the ones `add_typer` and `@app.command` would have
built; `tests/cli/test_docs.py` walks them all.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import typer
from typer._click.exceptions import UsageError  # typer's own copy of click, which it raises
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command_from_info, get_command_name, get_group_from_info, solve_typer_info_defaults
from typer.models import CommandInfo, TyperInfo

# A lazy entry: a registered command, or a function that returns a command group's typer app.
Entry = CommandInfo | Callable[[], typer.Typer]


class LazyGroup(TyperGroup):
    """A typer group whose `entries` (name -> Entry, in listing order) are built on first use."""

    entries: dict[str, Entry]
    pretty_exceptions_short = True
    _listing = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries = {}

    def add_entries(self, typer_app: typer.Typer) -> None:
        """Make the commands registered on `typer_app` (not its groups) entries of this group."""
        for info in typer_app.registered_commands:
            assert info.callback is not None, "a command needs a function"
            self.entries[info.name or get_command_name(info.callback.__name__)] = info

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return [*(name for name in self.commands if name not in self.entries), *self.entries]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        if cmd_name in self.commands or cmd_name not in self.entries:
            return super().get_command(ctx, cmd_name)
        entry = self.entries[cmd_name]
        if self._listing:
            return self._stub(cmd_name, entry)
        built = self._build(cmd_name, entry)
        self.add_command(built, cmd_name)
        return built

    def _build(self, name: str, entry: Entry) -> Any:
        if isinstance(entry, CommandInfo):
            return get_command_from_info(
                entry, pretty_exceptions_short=self.pretty_exceptions_short, rich_markup_mode=self.rich_markup_mode
            )
        return lazy_group(name, entry(), pretty_exceptions_short=self.pretty_exceptions_short,
                          rich_markup_mode=self.rich_markup_mode, suggest_commands=self.suggest_commands)

    def _stub(self, name: str, entry: Entry) -> Any:
        """What a help listing reads of a command: its name, help, short help, and whether it is hidden."""
        if isinstance(entry, CommandInfo):
            assert entry.callback is not None
            text = inspect.getdoc(entry.callback) if entry.help is None else inspect.cleandoc(entry.help)
            return TyperCommand(
                name=name, help=text, short_help=entry.short_help, hidden=entry.hidden, deprecated=entry.deprecated,
                rich_help_panel=entry.rich_help_panel, rich_markup_mode=self.rich_markup_mode,
            )
        info = solve_typer_info_defaults(TyperInfo(entry(), name=name))
        return TyperGroup(
            name=name, help=info.help, short_help=info.short_help, hidden=info.hidden, deprecated=info.deprecated,
            rich_help_panel=info.rich_help_panel, rich_markup_mode=self.rich_markup_mode,
        )

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            # typer suggests among the commands built so far; suggest among them all, as it did before.
            if self.suggest_commands and args and exc.message.startswith("No such command"):
                from difflib import get_close_matches

                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    message = exc.message.split(". Did you mean", 1)[0].rstrip(".")
                    exc.message = f"{message}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise


def lazy_group(
    name: str, sub: typer.Typer, *, pretty_exceptions_short: bool, rich_markup_mode: Any, suggest_commands: bool
) -> LazyGroup:
    """The group `add_typer(sub, name=name)` would build, with its commands left to build on use.

    Typer builds the group itself (options, callback, help) from a copy of `sub`
    that has no commands; the commands become the group's entries.
    """
    if sub.registered_groups:
        raise NotImplementedError(f"command group {name!r} has groups of its own: build them lazily too")
    shell = typer.Typer()
    shell.info = sub.info
    shell.registered_callback = sub.registered_callback
    info = TyperInfo(shell, name=name, cls=LazyGroup)
    group = get_group_from_info(
        info, pretty_exceptions_short=pretty_exceptions_short, rich_markup_mode=rich_markup_mode,
        suggest_commands=suggest_commands,
    )
    assert isinstance(group, LazyGroup)
    group.pretty_exceptions_short = pretty_exceptions_short
    group.add_entries(sub)
    return group
