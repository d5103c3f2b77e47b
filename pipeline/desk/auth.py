"""Accounts, sessions and CSRF for the desk: a minimal stand-in until the accounts module lands.

This file is the seam with the `users` work: it provides `current_user`,
`require_role`, `login_user` / `logout_user`, `csrf_token` and `check_csrf`.
The stand-in keeps users in the ledger's settings table (argon2 hashes) and
signs the session cookie with HMAC, so the desk is usable and testable now;
the accounts module replaces the whole file with the same names.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from fastapi import HTTPException, Request, Response

ROLES: tuple[str, ...] = ("viewer", "checker", "editor", "admin")
SESSION_COOKIE = "ct_session"
SESSION_SECONDS = 12 * 3600
_USER_KEY = "desk.user.{name}"


@dataclass(frozen=True)
class User:
    """The logged-in person: their name goes into every write as `by`."""

    name: str
    role: str
    disabled: bool = False

    def can(self, role: str) -> bool:
        """Whether this user's role is at least `role` (viewer < checker < editor < admin)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _secret(request: Request) -> bytes:
    return request.app.state.secret  # type: ignore[no-any-return]


def add_user(ledger: object, name: str, role: str, password: str, *, disabled: bool = False) -> User:
    """Store a user (stand-in for `claimtrack users add`)."""
    from argon2 import PasswordHasher

    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    record = {"role": role, "hash": PasswordHasher().hash(password), "disabled": disabled}
    ledger.set_setting(_USER_KEY.format(name=name), json.dumps(record))  # type: ignore[attr-defined]
    return User(name=name, role=role, disabled=disabled)


def _load(request: Request, name: str) -> tuple[User, str] | None:
    raw = request.app.state.ledger.get_setting(_USER_KEY.format(name=name))
    if not raw:
        return None
    record = json.loads(raw)
    return User(name=name, role=record["role"], disabled=bool(record.get("disabled"))), record["hash"]


def _sign(request: Request, payload: str) -> str:
    return hmac.new(_secret(request), payload.encode(), hashlib.sha256).hexdigest()


def authenticate(request: Request, name: str, password: str) -> User | None:
    """The user when `name` and `password` match an enabled account, else None."""
    from argon2 import PasswordHasher
    from argon2.exceptions import Argon2Error

    found = _load(request, name.strip())
    if found is None or found[0].disabled:
        return None
    try:
        PasswordHasher().verify(found[1], password)
    except Argon2Error:
        return None
    return found[0]


def login_user(request: Request, response: Response, user: User) -> None:
    """Set the signed session cookie (HttpOnly, SameSite=Lax, Secure over https)."""
    payload = f"{user.name}|{int(time.time()) + SESSION_SECONDS}|{secrets.token_hex(8)}"
    response.set_cookie(
        SESSION_COOKIE, f"{payload}|{_sign(request, payload)}", max_age=SESSION_SECONDS, httponly=True,
        samesite="lax", secure=request.url.scheme == "https",
    )


def logout_user(request: Request, response: Response) -> None:
    """Forget the session cookie."""
    response.delete_cookie(SESSION_COOKIE)


def current_user(request: Request) -> User | None:
    """The logged-in user, or None (no cookie, a bad signature, expired, or a disabled account)."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    payload, _, sig = raw.rpartition("|")
    if not payload or not hmac.compare_digest(sig, _sign(request, payload)):
        return None
    name, expires, _nonce = payload.split("|")
    if int(expires) < time.time():
        return None
    found = _load(request, name)
    return None if found is None or found[0].disabled else found[0]


def require_role(role: str):  # type: ignore[no-untyped-def]
    """A dependency: the logged-in user with at least `role`; 401 without a session, 403 below the role."""

    def dependency(request: Request) -> User:
        user = current_user(request)
        if user is None:
            raise HTTPException(401, "log in first")
        if not user.can(role):
            raise HTTPException(403, f"this needs the {role} role")
        return user

    return dependency


def csrf_token(request: Request) -> str:
    """The form token of this session (forms carry it; htmx sends it as the X-CSRF-Token header)."""
    return _sign(request, "csrf:" + request.cookies.get(SESSION_COOKIE, ""))


async def check_csrf(request: Request) -> None:
    """A dependency for every state-changing route: refuse (403) a request without this session's token."""
    sent = request.headers.get("x-csrf-token")
    if not sent:
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, csrf_token(request)):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page")
