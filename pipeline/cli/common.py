"""What every command module shares: the per-command state (settings, the ledger), option types, output.

Kept free of spaCy, dateparser, SQLAlchemy, pydantic, Rich and the library
modules that load them, so `claimtrack --help` starts fast; commands import the library function
they call inside their body.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from claims.errors import InvalidDate
from pipeline.cli import render as output
from pipeline.cli.settings import Settings

if TYPE_CHECKING:
    from claims.dates import PartialDate
    from claims.ledger import Ledger


class _State:
    """Set up by the root callback for each invocation (CliRunner runs many in one process)."""

    settings: Settings = Settings()
    _ledger: Ledger | None = None


state = _State()


def settings() -> Settings:
    """The settings of the running command (environment read once, at its start)."""
    return state.settings


def ledger(*, check_schema: bool = True) -> Ledger:
    """The ledger named by --db / CLAIMTRACK_DB, opened once per command."""
    if state._ledger is None:
        from claims.ledger import Ledger  # SQLAlchemy loads here: `--help` never needs it

        state._ledger = Ledger.open(state.settings.db, check_schema=check_schema)
    return state._ledger


def close_ledger() -> None:
    if state._ledger is not None:
        state._ledger.close()
        state._ledger = None


def parse_date(value: str | None) -> PartialDate | None:
    """A `PartialDate` from an option, or None when not given; raises InvalidDate quoting the value."""
    if value is None or value == "":
        return None
    from claims.dates import PartialDate  # its patterns are compiled on import: `--help` never needs them

    return PartialDate.parse(value)


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A whole day (YYYY-MM-DD) from an option, or None; not after today (a publication cannot be ahead)."""
    if value is None or not value.strip():
        return None
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidDate(f"invalid {option} date {value!r}: use YYYY-MM-DD") from None
    if day > dt.date.today():
        raise InvalidDate(f"{option} {value} is after today")
    return day


def write_out(text: str, out: Path | None) -> None:
    """Write report text to --out (atomically) or stdout."""
    if out is None:
        output.echo(text)
        return
    output.write_output(text, out)
    typer.echo(output.safe_message(f"wrote {out}"), err=True)


# The largest --limit/--offset: a signed 64-bit integer is what SQLite and PostgreSQL accept.
MAX_ROWS = 2**63 - 1


class TextJson(StrEnum):
    text = "text"
    json = "json"


class TableJson(StrEnum):
    table = "table"
    json = "json"


class TableJsonCsv(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
