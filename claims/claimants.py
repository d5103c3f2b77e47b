"""Claimants and their aliases: one person under several names (Bill Clinton = William J. Clinton).

Claims keep the claimant name they were stored with; aliases are a separate,
append-only table read at query time, so unifying two names rewrites nothing
and every change stays in the table's history. A name's current mapping is its
newest row. Writers keep mappings flat (a canonical key is never itself an
alias), so a name resolves in one lookup and a person's names are one query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from claims import schema
from claims.errors import InvalidInput
from claims.models import Model
from claims.rows import chunks, iso, now
from claims.sql import among, live
from claims.status import claimant_key

_A = schema.claimant_aliases
_A2 = schema.claimant_aliases.alias("newer")


class ClaimantName(Model):
    """One person as `claimants list` shows them: the name, its aliases, how many (visible) claims."""

    name: str
    key: str
    aliases: list[str] = []
    claims: int = 0


def _current() -> sa.ColumnElement[bool]:
    """Rows that are the newest for their alias (a correlated max over the alias index)."""
    newest = sa.select(sa.func.max(_A2.c.id)).where(_A2.c.alias_key == _A.c.alias_key).scalar_subquery()
    return _A.c.id == newest


def root_expr(key: str) -> sa.ColumnElement[Any]:
    """SQL for the canonical key of `key` (itself when it is no alias)."""
    mapped = (
        sa.select(_A.c.canonical_key).where(_A.c.alias_key == key).order_by(_A.c.id.desc()).limit(1).scalar_subquery()
    )
    return sa.func.coalesce(mapped, key)


def group_condition(column: sa.ColumnElement[Any], key: str) -> sa.ColumnElement[bool]:
    """`column` (a claimant key) is one of the names of the person `key` names."""
    root = root_expr(key)
    names = sa.select(_A.c.alias_key).where(_A.c.canonical_key == root, _current())
    return sa.or_(column == root, column.in_(names))


def root_of(name: str, *, conn: sa.Connection) -> tuple[str, str]:
    """(canonical key, display name) of the person `name` names."""
    key = claimant_key(name)
    if key is None:
        raise InvalidInput("claimant name is empty")
    row = conn.execute(
        sa.select(_A.c.canonical_key, _A.c.canonical).where(_A.c.alias_key == key).order_by(_A.c.id.desc()).limit(1)
    ).first()
    if row is None or row[0] == key:
        return key, name.strip()
    return row[0], row[1]


def persons(names: Iterable[str | None], *, conn: sa.Connection) -> dict[str, str]:
    """Claimant key -> canonical key, for those of these names that are another person's alias now.

    What the status rules and reports need to tell one speaker under two names
    (`claims.status.independent`); a name that is no alias is left out, so the
    mapping is empty on a ledger without aliases. One indexed query per chunk.
    """
    keys = sorted({key for key in map(claimant_key, names) if key is not None})
    mapping: dict[str, str] = {}
    for chunk in chunks(keys):
        rows = conn.execute(
            sa.select(_A.c.alias_key, _A.c.canonical_key).where(among(conn, _A.c.alias_key, chunk)).order_by(_A.c.id)
        )
        mapping.update((key, root) for key, root in rows)  # the newest row of a name wins
    return {key: root for key, root in mapping.items() if key != root}


def names_of(root: str, *, conn: sa.Connection) -> list[str]:
    """The other names (aliases) currently mapped to the canonical key `root`, in the order they were added."""
    rows = conn.execute(
        sa.select(_A.c.alias).where(_A.c.canonical_key == root, _A.c.alias_key != root, _current()).order_by(_A.c.id)
    )
    return [r[0] for r in rows]


def keys_of(root: str, *, conn: sa.Connection) -> list[str]:
    """Every claimant key of the person whose canonical key is `root` (root first)."""
    rows = conn.execute(sa.select(_A.c.alias_key).where(_A.c.canonical_key == root, _current()))
    return [root, *sorted({r[0] for r in rows} - {root})]


def _display(key: str, conn: sa.Connection) -> str:
    """How a claimant key was written: by its newest alias row, else by a claim, else the key itself."""
    shown = conn.execute(sa.select(_A.c.alias).where(_A.c.alias_key == key).order_by(_A.c.id.desc()).limit(1)).scalar()
    if shown is None:
        t = schema.claims
        shown = conn.execute(sa.select(t.c.claimant).where(t.c.claimant_key == key).limit(1)).scalar()
    return str(shown or key)


def add_alias(
    name: str, alias: str, *, by: str | None, kind: str = "alias", conn: sa.Connection
) -> tuple[str, list[str]]:
    """Make `alias` (and every name already unified with it) another name of `name`'s person.

    Appends rows only. Returns (canonical display name, the names re-pointed). Refuses
    a name aliased to itself.
    """
    root, display = root_of(name, conn=conn)
    alias_key = claimant_key(alias)
    if alias_key is None:
        raise InvalidInput("alias is empty")
    other_root, _ = root_of(alias, conn=conn)
    if other_root == root:
        raise InvalidInput(f"{alias!r} is already a name of {display!r}")
    moved = [(alias.strip(), alias_key)]
    for key in keys_of(other_root, conn=conn):
        if key not in {k for _, k in moved}:
            moved.append((_display(key, conn), key))
    at = iso(now())
    common = {"canonical": display, "canonical_key": root, "kind": kind, "by": by, "at": at}
    rows = [{"alias": shown, "alias_key": key, **common} for shown, key in moved]
    # The canonical name maps to itself, so a later alias of it finds its display name.
    rows.append({"alias": display, "alias_key": root, **common})
    conn.execute(sa.insert(_A), rows)
    return display, [shown for shown, _ in moved]


def list_claimants(*, limit: int | None, conn: sa.Connection) -> list[ClaimantName]:
    """Every person with visible claims, most claims first: names unified through their aliases."""
    t = schema.claims
    counts = conn.execute(
        sa.select(t.c.claimant_key, sa.func.min(t.c.claimant), sa.func.count())
        .where(live(t), t.c.claimant_key.is_not(None))
        .group_by(t.c.claimant_key)
    ).all()
    current = conn.execute(
        sa.select(_A.c.alias_key, _A.c.alias, _A.c.canonical_key, _A.c.canonical).where(_current()).order_by(_A.c.id)
    ).all()
    mapping = {r[0]: (r[2], r[3]) for r in current}
    people: dict[str, ClaimantName] = {}
    for key, shown, count in counts:
        root, canonical = mapping.get(key, (key, shown))
        person = people.setdefault(root, ClaimantName(name=canonical, key=root))
        person.claims += count
    for alias_key, alias, root, _ in current:
        if root in people and alias_key != root and alias not in people[root].aliases:
            people[root].aliases.append(alias)
    ordered = sorted(people.values(), key=lambda p: (-p.claims, p.name.casefold()))
    return ordered[:limit] if limit is not None else ordered


def claim_ids_of(keys: Sequence[str], *, include_retracted: bool, conn: sa.Connection) -> list[str]:
    """Ids of the claims made under any of these claimant keys, oldest first (undated last)."""
    t = schema.claims
    query = sa.select(t.c.id).where(t.c.claimant_key.in_(list(keys)))
    if not include_retracted:
        query = query.where(live(t))
    query = query.order_by(t.c.date_start.is_(None), t.c.date_start, t.c.created_at, t.c.id)
    return [r[0] for r in conn.execute(query)]
