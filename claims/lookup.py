"""Id prefixes and settings: the small key lookups every command starts with."""

from __future__ import annotations

import sqlalchemy as sa

from claims import schema
from claims.errors import AmbiguousId, UnknownId


def resolve_id(table: sa.Table, prefix: str, what: str, *, conn: sa.Connection) -> str:
    """The full id of the one `what` in `table` whose id starts with `prefix`."""
    prefix = prefix.strip()
    if not prefix:
        raise UnknownId(f"no {what} id given")
    # A whole id (what linking and scripts pass) is one primary-key probe.
    found = [r[0] for r in conn.execute(sa.select(table.c.id).where(table.c.id == prefix))]
    if not found:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = sa.select(table.c.id).where(table.c.id.like(escaped + "%", escape="\\")).limit(2)
        if prefix.isascii() and prefix.isalnum() and prefix.islower():
            # Ids are lowercase ASCII: bound the LIKE by a key range so the primary-key
            # index answers it (LIKE alone scans: case-insensitive on SQLite, locale on PostgreSQL).
            query = query.where(table.c.id >= prefix, table.c.id <= prefix + "z" * 32)
        found = [r[0] for r in conn.execute(query)]
    if not found:
        raise UnknownId(f"unknown {what} id {prefix!r}")
    if len(found) > 1:
        raise AmbiguousId(f"ambiguous {what} id prefix {prefix!r}: type more characters")
    return found[0]


def claim_id(prefix: str, *, conn: sa.Connection) -> str:
    return resolve_id(schema.claims, prefix, "claim", conn=conn)


def source_id(prefix: str, *, conn: sa.Connection) -> str:
    return resolve_id(schema.sources, prefix, "source", conn=conn)


def get_setting(key: str, *, conn: sa.Connection) -> str | None:
    return conn.execute(sa.select(schema.settings.c.value).where(schema.settings.c.key == key)).scalar()


def set_setting(key: str, value: str, *, conn: sa.Connection) -> None:
    conn.execute(sa.delete(schema.settings).where(schema.settings.c.key == key))
    conn.execute(sa.insert(schema.settings).values(key=key, value=value))
