"""Ledger methods for accounts: users, API tokens, desk sessions and saved filters.

Disabling a user or changing a password ends that user's sessions in the same
transaction, so a browser left logged in elsewhere is out at its next request.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from claims import passwords, sessions, users
from claims.facade import LedgerCore
from claims.sessions import SavedFilter, Session
from claims.users import ApiToken, NewToken, User

SESSION_TTL = dt.timedelta(hours=12)


class UserMethods(LedgerCore):
    """`Ledger.add_user`, `authenticate`, `create_token`, `create_session`, `save_filter` and their kin."""

    # -- users --------------------------------------------------------------------------
    def add_user(self, name: str, role: str, password: str, *, conn: sa.Connection | None = None) -> User:
        """Create an account (role viewer|checker|editor|admin); only the password's argon2 hash is stored."""
        with self._write(conn) as c:
            return users.add_user(name, role, password, conn=c)

    def get_user(self, name: str, *, conn: sa.Connection | None = None) -> User:
        """The user of this name; raises `UnknownUser`."""
        with self._read(conn) as c:
            return users.get_user(name, conn=c)

    def find_user(self, name: str, *, conn: sa.Connection | None = None) -> User | None:
        with self._read(conn) as c:
            return users.find_user(name, conn=c)

    def list_users(self, *, conn: sa.Connection | None = None) -> list[User]:
        with self._read(conn) as c:
            return users.list_users(conn=c)

    def set_user_disabled(self, name: str, disabled: bool, *, conn: sa.Connection | None = None) -> User:
        """Disable (no login, no token, sessions ended) or enable an account."""
        with self._write(conn) as c:
            user = users.update_user(name, disabled=int(disabled), conn=c)
            if disabled:
                sessions.end_sessions(user.name, conn=c)
            return user

    def set_user_role(self, name: str, role: str, *, conn: sa.Connection | None = None) -> User:
        with self._write(conn) as c:
            return users.update_user(name, role=users.check_role(role), conn=c)

    def set_password(self, name: str, password: str, *, conn: sa.Connection | None = None) -> User:
        """Replace a user's password and end their sessions."""
        digest = passwords.hash_password(password)
        with self._write(conn) as c:
            user = users.update_user(name, password_hash=digest, conn=c)
            sessions.end_sessions(user.name, conn=c)
            return user

    def authenticate(self, name: str, password: str, *, conn: sa.Connection | None = None) -> User | None:
        """The enabled user with this name and password, or None (unknown, wrong or disabled alike).

        The slow hash is checked in a read transaction, so a login never holds a write lock;
        a hash made with older parameters is upgraded afterwards.
        """
        with self._read(conn) as c:
            user, rehash = users.check_login(name, password, conn=c)
        if user is not None and rehash:
            with self._write(conn) as c:
                users.update_user(user.name, password_hash=passwords.hash_password(password), conn=c)
        return user

    # -- API tokens -----------------------------------------------------------------------
    def create_token(self, name: str, *, label: str | None = None, conn: sa.Connection | None = None) -> NewToken:
        """A new API token; its secret is in the result and nowhere else."""
        with self._write(conn) as c:
            return users.create_token(name, label=label, conn=c)

    def list_tokens(self, name: str, *, conn: sa.Connection | None = None) -> list[ApiToken]:
        with self._read(conn) as c:
            return users.list_tokens(name, conn=c)

    def revoke_token(self, token_id: int, *, conn: sa.Connection | None = None) -> ApiToken:
        with self._write(conn) as c:
            return users.revoke_token(token_id, conn=c)

    def user_for_token(self, secret: str, *, conn: sa.Connection | None = None) -> User | None:
        """Who an `Authorization: Bearer` token belongs to (None if unknown, revoked or disabled).

        Its last use is written at most once a minute, so most API calls only read.
        """
        with self._read(conn) as c:
            found = users.token_owner(secret, conn=c)
        if found is None:
            return None
        user, token_id, stale = found
        if stale:
            with self._write(conn) as c:
                users.note_token_use(token_id, conn=c)
        return user

    # -- sessions -------------------------------------------------------------------------
    def create_session(
        self, name: str, *, ttl: dt.timedelta = SESSION_TTL, conn: sa.Connection | None = None
    ) -> tuple[str, Session]:
        """Start a desk session: (the secret for the cookie, the session with its CSRF token)."""
        with self._write(conn) as c:
            return sessions.create_session(name, ttl=ttl, conn=c)

    def session_for(self, secret: str, *, conn: sa.Connection | None = None) -> Session | None:
        with self._read(conn) as c:
            return sessions.session_for(secret, conn=c)

    def end_session(self, secret: str, *, conn: sa.Connection | None = None) -> None:
        with self._write(conn) as c:
            sessions.end_session(secret, conn=c)

    # -- saved filters -----------------------------------------------------------------------
    def save_filter(self, user: str, name: str, query: str, *, conn: sa.Connection | None = None) -> SavedFilter:
        """Keep a claims-list query string under a name for one user (same name: replaced)."""
        with self._write(conn) as c:
            return sessions.save_filter(user, name, query, conn=c)

    def saved_filters(self, user: str, *, conn: sa.Connection | None = None) -> list[SavedFilter]:
        with self._read(conn) as c:
            return sessions.saved_filters(user, conn=c)

    def delete_filter(self, user: str, name: str, *, conn: sa.Connection | None = None) -> None:
        with self._write(conn) as c:
            sessions.delete_filter(user, name, conn=c)
