"""What every desk response carries, and the checks no route may forget.

`install_security(app)` adds the security headers (a Content-Security-Policy
that allows no inline script, `nosniff`, a strict referrer policy, no
framing) and turns `auth.LoginRequired` into the login page for a browser, a
401 for htmx and the JSON API. `safe_url` is the one gate a stored URL passes
before it becomes an `href`: anything but http(s) (a `javascript:` or `data:`
URL) is never rendered as a link. `unprotected_routes` lets a test prove that
every state-changing route checks the CSRF token.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claims.models import check_http_url

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
API_PREFIX = "/api/"
STATIC_PREFIX = "/static/"
LOGIN_CSRF_COOKIE = "ct_login_csrf"  # the login form's CSRF token, before there is a session
LOGIN_CSRF_SECONDS = 2 * 3600
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def login_csrf_cookie(token: str, *, secure: bool) -> tuple[bytes, bytes]:
    """The Set-Cookie header that stores a pre-login CSRF token (HttpOnly, SameSite=Strict)."""
    carrier = Response()
    carrier.set_cookie(
        LOGIN_CSRF_COOKIE, token, max_age=LOGIN_CSRF_SECONDS, path="/", httponly=True, samesite="strict", secure=secure
    )
    return carrier.raw_headers[-1]


class SecurityHeaders:
    """Pure ASGI middleware: add `SECURITY_HEADERS` to every HTTP response that does not set its own.

    It also stores the pre-login CSRF token that `auth.csrf_token` made while
    rendering a page for someone not logged in (it is in the request's state),
    so any template can put a token in a form without its route setting a cookie.
    """

    def __init__(self, app: ASGIApp, headers: dict[str, str] | None = None) -> None:
        self.app = app
        chosen = headers or SECURITY_HEADERS
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in chosen.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                if b"cache-control" not in present and not scope.get("path", "").startswith(STATIC_PREFIX):
                    extra.append((b"cache-control", b"no-store"))  # no ledger page left in a shared browser's cache
                made = (scope.get("state") or {}).get("login_csrf")
                cookie_set = any(
                    k.lower() == b"set-cookie" and v.startswith(LOGIN_CSRF_COOKIE.encode() + b"=")
                    for k, v in message.get("headers", [])
                )
                if made and not cookie_set:
                    extra.append(login_csrf_cookie(made, secure=scope.get("scheme") == "https"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def safe_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL fit for an `href`; None for anything else (javascript:, data:...)."""
    try:
        return check_http_url(url)
    except ValueError:
        return None


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go to after login: never another site (`//evil`, `https://...`, `\\\\evil`)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ord(ch) < 32 or ch == "\\" for ch in target):
        return default
    return target


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX) or "application/json" in request.headers.get("accept", "")


def login_required_response(request: Request) -> Response:
    """No session: the login page for a browser, 401 (with HX-Redirect) for htmx, 401 JSON for the API."""
    if wants_json(request):
        return JSONResponse({"detail": "log in first"}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    login = "/login?next=" + quote(safe_next(target), safe="/")
    if request.headers.get("hx-request"):
        return Response("log in first", status_code=401, headers={"HX-Redirect": login})
    return RedirectResponse(login, status_code=303)


def install_security(app: FastAPI) -> None:
    """Add the security headers middleware and the login-required handler to the desk's app (call once)."""
    from pipeline.desk.auth import LoginRequired, limiter_of

    async def on_login_required(request: Request, exc: Exception) -> Response:
        return login_required_response(request)

    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(LoginRequired, on_login_required)
    limiter_of(app)


def _dependency_calls(route: APIRoute) -> Iterable[Any]:
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        yield dep.call
        stack.extend(dep.dependencies)


def unprotected_routes(app: FastAPI) -> list[str]:
    """State-changing routes outside /api/ that do not depend on `check_csrf` (a test asserts this is empty)."""
    from pipeline.desk.auth import check_csrf

    missing = []
    for route in app.routes:
        if not isinstance(route, APIRoute) or not ((route.methods or set()) & WRITE_METHODS):
            continue
        if route.path.startswith(API_PREFIX):
            continue
        if check_csrf not in set(_dependency_calls(route)):
            missing.append(f"{','.join(sorted(route.methods or ()))} {route.path}")
    return missing
