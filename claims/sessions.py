"""Web desk sessions and each user's saved list filters.

A session is kept in the ledger, not in a signed cookie, so logging out,
disabling a user or changing a password ends it at once on every server
process. The cookie carries a random id; the ledger holds only its SHA-256,
the user, the session's CSRF token and when it expires.
"""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa

from claims import passwords, schema
from claims.errors import InvalidInput, UnknownId
from claims.models import Model
from claims.rows import iso, now, parse_dt
from claims.text import visible
from claims.users import User, get_user, user_from_row

MAX_FILTER_NAME = 200
MAX_FILTER_QUERY = 4000


class Session(Model):
    """A logged-in browser: who, the CSRF token its forms must carry, and when it ends."""

    user: User
    csrf_token: str
    expires_at: dt.datetime


class SavedFilter(Model):
    """A named claims-list query (the URL query string) kept for one user."""

    user: str
    name: str
    query: str
    created_at: dt.datetime | None = None


def create_session(name: str, *, ttl: dt.timedelta, conn: sa.Connection) -> tuple[str, Session]:
    """Start a session for an enabled user; returns (the cookie's secret id, the session)."""
    user = get_user(name, conn=conn)
    if user.disabled:
        raise InvalidInput(f"user {user.name!r} is disabled")
    started = now()
    s = schema.sessions
    conn.execute(sa.delete(s).where(s.c.expires_at < iso(started)))  # sweep the expired ones now and then
    secret = passwords.new_secret()
    session = Session(user=user, csrf_token=secrets.token_urlsafe(32), expires_at=started + ttl)
    conn.execute(
        sa.insert(s).values(
            id_hash=passwords.secret_hash(secret), user_name=user.name, csrf_token=session.csrf_token,
            created_at=iso(started), expires_at=iso(session.expires_at),
        )
    )
    return secret, session


def session_for(secret: str, *, conn: sa.Connection) -> Session | None:
    """The live session with this cookie id, or None (unknown, expired, or its user is disabled)."""
    if not secret or len(secret) > 200:
        return None
    s, u = schema.sessions, schema.users
    query = (
        sa.select(s.c.csrf_token, s.c.expires_at, u)
        .join(u, u.c.name == s.c.user_name)
        .where(s.c.id_hash == passwords.secret_hash(secret))
    )
    row = conn.execute(query).mappings().first()
    if row is None or row["disabled"]:
        return None
    expires = parse_dt(row["expires_at"])
    if expires is None or expires <= now():
        return None
    return Session(user=user_from_row(row), csrf_token=row["csrf_token"], expires_at=expires)


def end_session(secret: str, *, conn: sa.Connection) -> None:
    conn.execute(sa.delete(schema.sessions).where(schema.sessions.c.id_hash == passwords.secret_hash(secret)))


def end_sessions(name: str, *, conn: sa.Connection) -> int:
    """End every session of a user (disabled, or a new password); returns how many ended."""
    result = conn.execute(sa.delete(schema.sessions).where(schema.sessions.c.user_name == name))
    return int(result.rowcount or 0)


# -- saved filters ------------------------------------------------------------------------
def _filter(row: sa.RowMapping) -> SavedFilter:
    return SavedFilter(
        user=row["user_name"], name=row["name"], query=row["query"], created_at=parse_dt(row["created_at"])
    )


def save_filter(user: str, name: str, query: str, *, conn: sa.Connection) -> SavedFilter:
    """Keep `query` under `name` for `user`, replacing one of the same name."""
    owner = get_user(user, conn=conn)
    label = (name or "").strip()
    if not visible(label):
        raise InvalidInput("a saved filter needs a name")
    if len(label) > MAX_FILTER_NAME or len(query) > MAX_FILTER_QUERY:
        raise InvalidInput(f"a saved filter's name or query is too long (at most {MAX_FILTER_NAME}/{MAX_FILTER_QUERY})")
    f = schema.saved_filters
    where = sa.and_(f.c.user_name == owner.name, f.c.name == label)
    conn.execute(sa.delete(f).where(where))
    conn.execute(sa.insert(f).values(user_name=owner.name, name=label, query=query.lstrip("?"), created_at=iso(None)))
    return _filter(conn.execute(sa.select(f).where(where)).mappings().one())


def saved_filters(user: str, *, conn: sa.Connection) -> list[SavedFilter]:
    f = schema.saved_filters
    rows = conn.execute(sa.select(f).where(f.c.user_name == user).order_by(f.c.name)).mappings()
    return [_filter(r) for r in rows]


def delete_filter(user: str, name: str, *, conn: sa.Connection) -> None:
    f = schema.saved_filters
    result = conn.execute(sa.delete(f).where(sa.and_(f.c.user_name == user, f.c.name == name.strip())))
    if not result.rowcount:
        raise UnknownId(f"no saved filter {name.strip()!r}")
