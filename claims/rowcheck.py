"""Check one exported ledger row before `db import` writes anything.

An export file may have been edited by hand, truncated, or written by someone
else. A row that the database accepts but the ledger cannot read back (a
`claim_date` of "garbage", a rating outside the vocabulary, a `javascript:`
URL) would make every later `claims list` fail, so each row is checked twice:

1. against its table's columns: every value has the column's type (text,
   integer, number), no NOT NULL column is missing or null;
2. through the same pydantic models the command line reads the row into
   (`Claim`, `Source`, `Verdict`, `Link`, `PartialDate`), so a row that imports
   is a row that reads.

`check_row` raises `ValueError` with a message naming the column; the importer
adds the line number.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from typing import Any

import pydantic
import sqlalchemy as sa

from claims import schema
from claims.dates import PartialDate
from claims.errors import InvalidDate
from claims.models import Claim, Link, Source, Verdict

_INT_RANGE = (-(2**63), 2**63 - 1)


def check_row(table: sa.Table, row: dict[str, Any]) -> None:
    """Raise ValueError naming the column when `row` is not a valid row of `table`."""
    _check_columns(table, row)
    check = _MODEL_CHECKS.get(table.name)
    if check is None:
        return
    try:
        check(row)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        msg = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        raise ValueError(f"{where}: {msg}" if where else msg) from None
    except (InvalidDate, json.JSONDecodeError, TypeError) as exc:
        raise ValueError(str(exc)) from None


def _check_columns(table: sa.Table, row: dict[str, Any]) -> None:
    for column in table.columns:
        if column.name not in row:
            optional = column.nullable or column.server_default is not None or column.autoincrement is True
            if not optional and not (column.primary_key and isinstance(column.type, sa.Integer)):
                raise ValueError(f"column {column.name!r} is missing")
            continue
        value = row[column.name]
        if value is None:
            if not column.nullable or column.primary_key:
                raise ValueError(f"column {column.name!r} may not be null")
            continue
        if isinstance(column.type, sa.Integer):
            if isinstance(value, bool) or not isinstance(value, int) or not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
                raise ValueError(f"column {column.name!r} must be an integer, not {_short(value)}")
        elif isinstance(column.type, sa.Float):
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"column {column.name!r} must be a number, not {_short(value)}")
        elif isinstance(column.type, sa.Text | sa.String) and not isinstance(value, str):
            raise ValueError(f"column {column.name!r} must be text, not {_short(value)}")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def _date(value: str | None) -> PartialDate | None:
    return PartialDate(value) if value else None


def _when(value: str | None, column: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"column {column!r} is not an ISO date-time: {_short(value)}") from None


def _json(value: str | None, kind: type, column: str) -> Any:
    if value is None or value == "":
        return kind()
    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        raise ValueError(f"column {column!r} is not JSON") from None
    if not isinstance(data, kind):
        raise ValueError(f"column {column!r} must hold a JSON {kind.__name__}")
    return data


def _claim(row: dict[str, Any]) -> None:
    for column in ("date_start", "date_end"):
        _when(row.get(column), column)
    span = (row["span_start"], row["span_end"]) if row.get("span_start") is not None else None
    Claim(
        id=row["id"],
        text=row["text"],
        claimant=row.get("claimant"),
        claimant_role=row.get("claimant_role"),
        claim_date=_date(row.get("claim_date")),
        event_dates=[PartialDate(d) for d in _json(row.get("event_dates"), list, "event_dates")],
        polarity=row.get("polarity") or "affirmed",
        quote=row.get("quote") or "none",
        source_id=row.get("source_id"),
        span=span,
        entities=_json(row.get("entities"), list, "entities"),
        checkworthiness=row.get("checkworthiness", 1.0),
        cue=row.get("cue"),
        lemmas=(row.get("lemmas") or "").split(),
        status=row.get("status") or "unverified",
        created_at=_when(row.get("created_at"), "created_at"),
    )


def _source(row: dict[str, Any]) -> None:
    _when(row.get("published_start"), "published_start")
    Source(
        id=row["id"],
        title=row.get("title"),
        url=row.get("url"),
        outlet=row.get("outlet"),
        author=row.get("author"),
        published=_date(row.get("published")),
        parent_id=row.get("parent_id"),
        kind=row.get("kind") or "article",
        text=row.get("text") or "",
        content_hash=row.get("content_hash") or "",
        revision_of=row.get("revision_of"),
        path=row.get("path"),
        created_at=_when(row.get("created_at"), "created_at"),
    )


def _verdict(row: dict[str, Any]) -> None:
    Verdict(
        claim_id=row["claim_id"],
        rating=row["rating"],
        rationale=row.get("rationale"),
        by=row.get("by"),
        at=_when(row.get("at"), "at"),
        evidence=_json(row.get("evidence"), list, "evidence"),
        label=row.get("label"),
        review_url=row.get("review_url"),
        review_title=row.get("review_title"),
        published=row.get("published") or None,
    )


def _link(row: dict[str, Any]) -> None:
    reason = row.get("reason")
    Link(
        from_id=row["from_id"],
        to_id=row["to_id"],
        stance=row.get("stance"),
        origin=row["origin"],
        rejected=bool(row.get("rejected") or 0),
        removed=bool(row.get("removed") or 0),
        note=row.get("note"),
        reason=_json(reason, dict, "reason") if reason else None,
        by=row.get("by"),
        at=_when(row.get("at"), "at"),
    )


def _appearance(row: dict[str, Any]) -> None:
    _date(row.get("claim_date"))
    _when(row.get("created_at"), "created_at")


_MODEL_CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    schema.claims.name: _claim,
    schema.sources.name: _source,
    schema.verdicts.name: _verdict,
    schema.links.name: _link,
    schema.link_events.name: _link,
    schema.appearances.name: _appearance,
}
