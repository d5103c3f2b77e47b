"""`claimtrack users add|list|disable|enable|passwd|role|token|tokens|revoke-token`: who may use the web desk and API.

Passwords are prompted twice with the input hidden, or read from the first line
of `--password-file` (`-` for stdin) so scripts never put one on the command
line, where `ps` and shell history would show it. The ledger keeps only the
argon2 hash. An API token is printed once, when it is made.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from pipeline.cli import render as output
from pipeline.cli.common import TableJson, ledger

if TYPE_CHECKING:
    from claims.users import ApiToken, User

users_app = typer.Typer(no_args_is_help=True, help="Accounts for the web desk and the JSON API.")


PasswordFile = Annotated[
    Path | None,
    typer.Option(
        "--password-file", help="Read the password from this file's first line ('-': stdin) instead of prompting."
    ),
]


def read_password(password_file: Path | None) -> str:
    """The new password: from the file's first line, or typed twice at a hidden prompt."""
    from claims.errors import InvalidInput
    from claims.passwords import check_password

    if password_file is None:
        typed = typer.prompt("Password", hide_input=True, confirmation_prompt=True, default="", show_default=False)
        return check_password(typed)
    if str(password_file) == "-":
        text = sys.stdin.readline()
    else:
        with password_file.open(encoding="utf-8", errors="strict") as f:
            text = f.readline()
    if not text.strip("\r\n"):
        raise InvalidInput(f"the password file {password_file} is empty")
    return check_password(text.rstrip("\r\n"))


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(metavar="NAME")],
    role: Annotated[str, typer.Option("--role", help="viewer|checker|editor|admin")],
    password_file: PasswordFile = None,
) -> None:
    """Create an account; the password is prompted twice unless --password-file is given."""
    from claims.errors import InvalidInput
    from claims.users import check_name, check_role

    led = ledger()
    name, role = check_name(name), check_role(role)
    if led.find_user(name) is not None:  # say so before asking for a password
        raise InvalidInput(f"user {name!r} already exists")
    user = led.add_user(name, role, read_password(password_file))
    output.echo(f"added {user.name} ({user.role})")


@users_app.command("list")
def users_list(fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table) -> None:
    """List accounts with their roles and whether they are disabled."""
    found = ledger().list_users()
    if fmt is TableJson.json:
        output.echo(output.dump_json(found))
    else:
        output.console.print(_users_table(found))


@users_app.command("disable")
def users_disable(name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
    """Disable an account: no login, no API token, and its sessions end now."""
    user = ledger().set_user_disabled(name, True)
    output.echo(f"disabled {user.name}")


@users_app.command("enable")
def users_enable(name: Annotated[str, typer.Argument(metavar="NAME")]) -> None:
    """Enable a disabled account again."""
    user = ledger().set_user_disabled(name, False)
    output.echo(f"enabled {user.name}")


@users_app.command("passwd")
def users_passwd(name: Annotated[str, typer.Argument(metavar="NAME")], password_file: PasswordFile = None) -> None:
    """Set a new password (prompted twice unless --password-file); the user's sessions end."""
    led = ledger()
    user = led.get_user(name)  # an unknown name fails before the prompt
    led.set_password(user.name, read_password(password_file))
    output.echo(f"password changed for {user.name}")


@users_app.command("role")
def users_role(
    name: Annotated[str, typer.Argument(metavar="NAME")],
    role: Annotated[str, typer.Argument(metavar="ROLE", help="viewer|checker|editor|admin")],
) -> None:
    """Give an account another role."""
    user = ledger().set_user_role(name, role)
    output.echo(f"{user.name} is now {user.role}")


@users_app.command("token")
def users_token(
    name: Annotated[str, typer.Argument(metavar="NAME")],
    label: Annotated[str | None, typer.Option("--label", help="What the token is for (a CMS, a tipline).")] = None,
) -> None:
    """Create an API token for NAME and print it once (send it as `Authorization: Bearer TOKEN`)."""
    made = ledger().create_token(name, label=label)
    typer.echo(made.secret)
    typer.echo(f"token {made.token.id} for {made.token.user}: store it now, it is not shown again", err=True)


@users_app.command("tokens")
def users_tokens(
    name: Annotated[str, typer.Argument(metavar="NAME")],
    fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table,
) -> None:
    """List a user's API tokens (their first characters, never the whole token)."""
    found = ledger().list_tokens(name)
    if fmt is TableJson.json:
        output.echo(output.dump_json(found))
    else:
        output.console.print(_tokens_table(found))


@users_app.command("revoke-token")
def users_revoke_token(token_id: Annotated[int, typer.Argument(metavar="TOKEN_ID", min=1)]) -> None:
    """Revoke an API token by its number (from `users tokens`); it is refused from now on."""
    token = ledger().revoke_token(token_id)
    output.echo(f"revoked token {token.id} of {token.user}")


def _users_table(found: list[User]) -> Table:
    table = Table()
    for column in ("name", "role", "disabled", "created"):
        table.add_column(column, overflow="fold")
    for u in found:
        created = u.created_at.isoformat() if u.created_at else ""
        table.add_row(*(Text(output.term(v)) for v in (u.name, u.role, "yes" if u.disabled else "", created)))
    return table


def _tokens_table(found: list[ApiToken]) -> Table:
    table = Table()
    for column in ("id", "prefix", "label", "created", "last used", "revoked"):
        table.add_column(column, overflow="fold")
    for t in found:
        when = [d.isoformat() if d else "" for d in (t.created_at, t.last_used, t.revoked_at)]
        table.add_row(*(Text(output.term(v)) for v in (t.id, t.prefix + "…", t.label or "", *when)))
    return table
