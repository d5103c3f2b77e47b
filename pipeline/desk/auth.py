"""Who is asking: desk sessions, roles, CSRF tokens and the login rate limit.

The seam every desk route uses (FastAPI dependencies):

- `current_user(request) -> User | None` and `require_user` / `require_role(role)`
  (viewer < checker < editor < admin); a missing session raises `LoginRequired`,
  which `security.install_security` turns into the login page (or a 401), and a
  role too low is a 403.
- `login(request, response, name, password) -> User` and `logout(request, response)`:
  the session cookie is `HttpOnly`, `SameSite=Lax`, and `Secure` when the request came
  over https. Failed logins are limited per name and per client address
  (`LoginLimiter`, in memory); a disabled user cannot log in.
- `csrf_token(request)` for templates (a hidden `csrf_token` input, or the
  `X-CSRF-Token` header htmx sends), and `check_csrf`, a dependency for every
  state-changing request: the desk app is built with
  `FastAPI(dependencies=[Depends(check_csrf)])`. The JSON API under /api/
  authenticates by bearer token only, never by cookie, so it needs no CSRF token.

The ledger is `request.app.state.ledger` (`ledger_of`).
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable

from fastapi import FastAPI, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from claims.ledger import Ledger
from claims.ledger_users import SESSION_TTL
from claims.sessions import Session
from claims.users import ROLES, User, check_role
from pipeline.desk.security import API_PREFIX, LOGIN_CSRF_COOKIE, WRITE_METHODS, login_csrf_cookie

SESSION_COOKIE = "ct_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_UNSET = object()

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "ROLES",
    "SESSION_COOKIE",
    "LoginFailed",
    "LoginLimiter",
    "LoginRequired",
    "TooManyAttempts",
    "User",
    "add_user",
    "authenticate",
    "check_csrf",
    "csrf_token",
    "current_session",
    "current_user",
    "ledger_of",
    "login",
    "login_user",
    "logout",
    "logout_user",
    "require_role",
    "require_user",
    "set_login_csrf_cookie",
]


class LoginRequired(HTTPException):
    """The request needs a logged-in user and has none: a 401, which `security.install_security`
    turns into the login page for a browser (any app's 401 handler sees it as a plain 401 too)."""

    def __init__(self) -> None:
        super().__init__(status_code=401, detail="log in first")


class LoginFailed(HTTPException):
    """Wrong name or password, or a disabled account (one message for all: nothing is given away)."""

    def __init__(self, detail: str = "wrong name or password, or the account is disabled") -> None:
        super().__init__(status_code=401, detail=detail)


class TooManyAttempts(LoginFailed):
    """Too many failed logins for this name or client address (429 with Retry-After, in seconds)."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = max(1, int(retry_after + 0.999))
        super().__init__(f"too many failed logins: try again in {self.retry_after} s")
        self.status_code = 429
        self.headers = {"Retry-After": str(self.retry_after)}


def ledger_of(request: Request) -> Ledger:
    """The ledger the desk serves (`app.state.ledger`, set by the app factory)."""
    return request.app.state.ledger  # type: ignore[no-any-return]


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


# -- sessions and roles --------------------------------------------------------------------
def current_session(request: Request) -> Session | None:
    """The request's live session, looked up once per request."""
    if getattr(request.state, "ct_session", _UNSET) is _UNSET:
        secret = request.cookies.get(SESSION_COOKIE)
        session = ledger_of(request).session_for(secret) if secret else None
        request.state.ct_session = session
        request.state.user = session.user if session else None
    return request.state.ct_session  # type: ignore[no-any-return]


def current_user(request: Request) -> User | None:
    """The logged-in user, or None (templates read it as `request.state.user` too)."""
    session = current_session(request)
    return session.user if session else None


def require_user(request: Request) -> User:
    """Dependency: the logged-in user; without one the browser is sent to the login page."""
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    return user


def require_role(role: str) -> Callable[[Request], User]:
    """Dependency factory: the logged-in user when their role is `role` or above; else 403."""
    check_role(role)

    def dependency(request: Request) -> User:
        user = require_user(request)
        if not user.can(role):
            raise HTTPException(status_code=403, detail=f"this needs the {role} role (you are a {user.role})")
        return user

    dependency.__name__ = f"require_{role}"
    return dependency


# -- login ----------------------------------------------------------------------------------
class LoginLimiter:
    """At most `attempts` failed logins per name, and `ip_attempts` per client address, within `window` seconds.

    A client address gets more tries than a name because a newsroom may sit behind
    one address. In memory, per server process: enough to make guessing slow; a restart forgets it.
    The number of keys is bounded so a flood of invented names cannot grow it without end.
    """

    def __init__(
        self, attempts: int = 5, window: float = 60.0, *, ip_attempts: int = 20,
        clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000,
    ) -> None:
        self.attempts, self.ip_attempts, self.window = attempts, ip_attempts, window
        self.clock, self.max_keys = clock, max_keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def retry_after(self, keys: Iterable[str]) -> float:
        """Seconds until any of `keys` may try again (0 when none is blocked)."""
        now = self.clock()
        wait = 0.0
        for key in keys:
            times = self._recent(key, now)
            if len(times) >= (self.ip_attempts if key.startswith("ip:") else self.attempts):
                wait = max(wait, self.window - (now - times[0]))
        return wait

    def fail(self, keys: Iterable[str]) -> None:
        now = self.clock()
        for key in keys:
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times
            self._failures.move_to_end(key)
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)

    def clear(self, key: str) -> None:
        self._failures.pop(key, None)


def limiter_of(app: FastAPI) -> LoginLimiter:
    """The app's login limiter (one per app, made on first use)."""
    limiter = getattr(app.state, "login_limiter", None)
    if limiter is None:
        limiter = app.state.login_limiter = LoginLimiter()
    return limiter  # type: ignore[no-any-return]


def _limit_keys(request: Request, name: str) -> list[str]:
    client = request.client.host if request.client else "unknown"
    return [f"name:{name.strip().casefold()}", f"ip:{client}"]


def authenticate(request: Request, name: str, password: str) -> User | None:
    """The enabled user with this name and password, or None; counts failures for the rate limit.

    Raises `TooManyAttempts` while this name or client address is blocked, even for the right password.
    """
    limiter = limiter_of(request.app)
    keys = _limit_keys(request, name or "")
    wait = limiter.retry_after(keys)
    if wait > 0:
        raise TooManyAttempts(wait)
    user = ledger_of(request).authenticate(name or "", password or "")
    if user is None:
        limiter.fail(keys)
    else:
        limiter.clear(keys[0])
    return user


def login(request: Request, response: Response, name: str, password: str) -> User:
    """Check the name and password and start a session (cookie set on `response`).

    Raises `TooManyAttempts` (429) while this name or client address is blocked, `LoginFailed` (401) otherwise.
    """
    user = authenticate(request, name, password)
    if user is None:
        raise LoginFailed()
    login_user(request, response, user)
    return user


def login_user(request: Request, response: Response, user: User) -> None:
    """Start a session for a user `authenticate` returned: the cookie goes on `response`.

    Always a new session id (never one the browser brought: no session fixation);
    a session the browser already had ends.
    """
    ledger = ledger_of(request)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        ledger.end_session(old)
    secret, session = ledger.create_session(user.name)
    response.set_cookie(
        SESSION_COOKIE, secret, max_age=int(SESSION_TTL.total_seconds()), path="/",
        httponly=True, samesite="lax", secure=is_https(request),
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    request.state.ct_session, request.state.user = session, session.user


def logout(request: Request, response: Response) -> None:
    """End the session in the ledger and drop the cookie (harmless without a session)."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        ledger_of(request).end_session(secret)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=is_https(request))
    request.state.ct_session, request.state.user = None, None


logout_user = logout  # the name the desk's first draft used


def add_user(ledger: Ledger, name: str, role: str, password: str, *, disabled: bool = False) -> User:
    """Create an account (what `claimtrack users add` does), optionally disabled: for tests and set-up scripts."""
    user = ledger.add_user(name, role, password)
    return ledger.set_user_disabled(user.name, True) if disabled else user


# -- CSRF -------------------------------------------------------------------------------------
def csrf_token(request: Request) -> str:
    """The token forms must send back: the session's, or before login the login form's own.

    Before login the token lives in a cookie (double submit): the security
    middleware stores a token made here on the response by itself.
    """
    session = current_session(request)
    if session is not None:
        return session.csrf_token
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or getattr(request.state, "login_csrf", None)
    if not token:
        token = request.state.login_csrf = secrets.token_urlsafe(32)
    return token


def set_login_csrf_cookie(request: Request, response: Response) -> None:
    """Store the pre-login CSRF token `csrf_token` made for this request on `response` now.

    The security middleware does this by itself; call it for an app without `install_security`.
    """
    made = getattr(request.state, "login_csrf", None)
    if made:
        response.raw_headers.append(login_csrf_cookie(made, secure=is_https(request)))


async def check_csrf(request: Request) -> None:
    """Dependency for the whole desk app: refuse a state-changing request without the right CSRF token (403)."""
    if request.method not in WRITE_METHODS or request.url.path.startswith(API_PREFIX):
        return
    session = await run_in_threadpool(current_session, request)
    expected = session.csrf_token if session is not None else request.cookies.get(LOGIN_CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        kind = request.headers.get("content-type", "")
        if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not expected or not sent or not hmac.compare_digest(expected.encode(), sent.encode()):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token: reload the page and try again")
