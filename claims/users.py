"""People who work the ledger through the web desk or the JSON API: accounts, roles and API tokens.

Roles are ordered: a viewer reads; a checker also edits, links, reviews and
rates; an editor also merges, retracts and publishes; an admin also manages
users. `User.can(role)` answers "is this user at least `role`?", the one check
every route makes. The ledger stores only hashes (`claims.passwords`): an API
token is shown once, when it is made, and never again.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import sqlalchemy as sa
from pydantic import Field

from claims import passwords, schema
from claims.errors import InvalidInput, UnknownId
from claims.models import Model
from claims.rows import iso, now, parse_dt

Role = Literal["viewer", "checker", "editor", "admin"]
ROLES: tuple[str, ...] = ("viewer", "checker", "editor", "admin")
TOKEN_PREFIX = "ct_"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
# A token's last use is written at most this often, so a busy integration does not write on every call.
LAST_USED_EVERY = dt.timedelta(minutes=1)


class UnknownUser(UnknownId):
    """No user has this name."""


class User(Model):
    """An account (never its password hash)."""

    name: str
    role: Role
    disabled: bool = False
    created_at: dt.datetime | None = None

    def can(self, role: str) -> bool:
        """True when this user's role is `role` or above it (viewer < checker < editor < admin)."""
        return ROLES.index(self.role) >= ROLES.index(check_role(role))


class ApiToken(Model):
    """An API token's record; `prefix` (its first characters) tells tokens apart in a list."""

    id: int
    user: str
    prefix: str
    label: str | None = None
    created_at: dt.datetime
    last_used: dt.datetime | None = None
    revoked_at: dt.datetime | None = None


class NewToken(Model):
    """A token just made: `secret` is what the client sends, shown this once."""

    token: ApiToken
    secret: str = Field(repr=False)


def check_name(name: str | None) -> str:
    """`name` if it can name a user: 1-64 letters, digits, `.`, `_`, `@`, `-`, starting with a letter or digit."""
    text = (name or "").strip()
    if not _NAME.fullmatch(text):
        raise InvalidInput(
            f"invalid user name {text!r}: use 1-64 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit"
        )
    return text


def check_role(role: str | None) -> str:
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def user_from_row(row: sa.RowMapping) -> User:
    return User(
        name=row["name"], role=row["role"], disabled=bool(row["disabled"]), created_at=parse_dt(row["created_at"])
    )


def _row(name: str, *, conn: sa.Connection) -> sa.RowMapping | None:
    return conn.execute(sa.select(schema.users).where(schema.users.c.name == name)).mappings().first()


def add_user(name: str, role: str, password: str, *, conn: sa.Connection) -> User:
    """Create an account; refuses a taken name, an unknown role or an empty password."""
    name, role = check_name(name), check_role(role)
    digest = passwords.hash_password(password)
    if _row(name, conn=conn) is not None:
        raise InvalidInput(f"user {name!r} already exists")
    values = {"name": name, "role": role, "password_hash": digest, "disabled": 0, "created_at": iso(None)}
    conn.execute(sa.insert(schema.users).values(**values))
    return get_user(name, conn=conn)


def find_user(name: str, *, conn: sa.Connection) -> User | None:
    row = _row(name.strip(), conn=conn)
    return user_from_row(row) if row is not None else None


def get_user(name: str, *, conn: sa.Connection) -> User:
    found = find_user(name, conn=conn)
    if found is None:
        raise UnknownUser(f"unknown user {name.strip()!r}")
    return found


def list_users(*, conn: sa.Connection) -> list[User]:
    return [user_from_row(r) for r in conn.execute(sa.select(schema.users).order_by(schema.users.c.name)).mappings()]


def update_user(name: str, *, conn: sa.Connection, **values: object) -> User:
    """Change stored fields of one user (role, disabled, password_hash)."""
    user = get_user(name, conn=conn)
    conn.execute(sa.update(schema.users).where(schema.users.c.name == user.name).values(**values))
    return get_user(user.name, conn=conn)


def check_login(name: str, password: str, *, conn: sa.Connection) -> tuple[User | None, bool]:
    """(the user, whether their hash needs upgrading) when the name and password match an enabled
    account; (None, False) otherwise, at the same cost either way. Reads only: the caller writes a rehash."""
    row = _row((name or "").strip(), conn=conn)
    ok = passwords.verify_password(row["password_hash"] if row is not None else None, password or "")
    if row is None or not ok or row["disabled"]:
        return None, False
    return user_from_row(row), passwords.needs_rehash(row["password_hash"])


# -- API tokens -------------------------------------------------------------------------
def _token(row: sa.RowMapping) -> ApiToken:
    return ApiToken(
        id=row["id"], user=row["user_name"], prefix=row["prefix"], label=row["label"],
        created_at=parse_dt(row["created_at"]), last_used=parse_dt(row["last_used"]),
        revoked_at=parse_dt(row["revoked_at"]),
    )


def create_token(name: str, *, label: str | None = None, conn: sa.Connection) -> NewToken:
    """A new API token for an existing user; the secret is returned here and never stored."""
    user = get_user(name, conn=conn)
    secret = passwords.new_secret(TOKEN_PREFIX)
    result = conn.execute(
        sa.insert(schema.api_tokens).values(
            token_hash=passwords.secret_hash(secret), prefix=secret[:10], user_name=user.name,
            label=(label or "").strip() or None, created_at=iso(None),
        )
    )
    (token_id,) = result.inserted_primary_key or (None,)
    row = conn.execute(sa.select(schema.api_tokens).where(schema.api_tokens.c.id == token_id)).mappings().one()
    return NewToken(token=_token(row), secret=secret)


def list_tokens(name: str, *, conn: sa.Connection) -> list[ApiToken]:
    user = get_user(name, conn=conn)
    t = schema.api_tokens
    rows = conn.execute(sa.select(t).where(t.c.user_name == user.name).order_by(t.c.id)).mappings()
    return [_token(r) for r in rows]


def revoke_token(token_id: int, *, conn: sa.Connection) -> ApiToken:
    """Mark a token revoked (kept, so the list shows it); revoking twice keeps the first time."""
    t = schema.api_tokens
    row = conn.execute(sa.select(t).where(t.c.id == token_id)).mappings().first()
    if row is None:
        raise UnknownId(f"unknown API token {token_id}")
    if row["revoked_at"] is None:
        conn.execute(sa.update(t).where(t.c.id == token_id).values(revoked_at=iso(None)))
    return _token(conn.execute(sa.select(t).where(t.c.id == token_id)).mappings().one())


def token_owner(secret: str, *, conn: sa.Connection) -> tuple[User, int, bool] | None:
    """(the enabled user an unrevoked token belongs to, the token's id, whether its last use is stale); reads only."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    t, u = schema.api_tokens, schema.users
    query = (
        sa.select(t.c.id, t.c.last_used, t.c.revoked_at, u)
        .join(u, u.c.name == t.c.user_name)
        .where(t.c.token_hash == passwords.secret_hash(secret))
    )
    row = conn.execute(query).mappings().first()
    if row is None or row["revoked_at"] is not None or row["disabled"]:
        return None
    last = parse_dt(row["last_used"])
    return user_from_row(row), int(row["id"]), last is None or now() - last >= LAST_USED_EVERY


def note_token_use(token_id: int, *, conn: sa.Connection) -> None:
    t = schema.api_tokens
    conn.execute(sa.update(t).where(t.c.id == token_id).values(last_used=iso(None)))
