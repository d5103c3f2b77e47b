"""Desk accounts over HTTP (FastAPI's TestClient), on both backends: login, sessions, roles, CSRF, headers.

Each test builds the tiny app of `tests/desk/accounts.py` on a fresh ledger:
the login routes, the JSON API, a page any user may see and a form only a
checker may post, wired the way the desk's app factory wires them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, Form
from fastapi.testclient import TestClient

from claims.ledger import Ledger
from pipeline.desk.auth import (
    SESSION_COOKIE,
    LoginLimiter,
    check_csrf,
    limiter_of,
    require_role,
)
from pipeline.desk.security import CONTENT_SECURITY_POLICY, safe_next, safe_url, unprotected_routes
from tests.desk.accounts import PASSWORD, client_for, fast_hashing, log_in, login_csrf, make_app


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


@pytest.fixture
def team(ledger: Ledger) -> Ledger:
    ledger.add_user("ada", "checker", PASSWORD)
    ledger.add_user("vic", "viewer", PASSWORD)
    return ledger


def session_token(client: TestClient, ledger: Ledger) -> str:
    session = ledger.session_for(client.cookies.get(SESSION_COOKIE) or "")
    assert session is not None
    return session.csrf_token


def set_cookie_header(response: object, name: str) -> str:
    headers = response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    found = [h for h in headers if h.startswith(name + "=")]
    assert found, headers
    return found[0]


# -- no account, no access ------------------------------------------------------------------
def test_without_a_session_a_browser_gets_the_login_page(team: Ledger) -> None:
    client = client_for(team)
    page = client.get("/?status=disputed", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/%3Fstatus%3Ddisputed"
    htmx = client.get("/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert htmx.status_code == 401 and htmx.headers["HX-Redirect"].startswith("/login")
    assert client.get("/", headers={"Accept": "application/json"}).status_code == 401
    login = client.get("/login")
    assert login.status_code == 200 and 'name="password"' in login.text


def test_login_sets_a_hardened_session_cookie_and_logout_ends_it(team: Ledger) -> None:
    client = client_for(team)
    token = login_csrf(client)
    done = client.post("/login", data={"name": "ada", "password": PASSWORD, "csrf_token": token, "next": "/"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/"
    cookie = set_cookie_header(done, SESSION_COOKIE)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    stolen = client.cookies.get(SESSION_COOKIE)
    assert client.get("/").json() == {"user": "ada", "role": "checker"}

    out = client.post("/logout", headers={"X-CSRF-Token": session_token(client, team)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303
    # the old cookie is dead on the server too, not only forgotten by the browser
    replay = client_for(team)
    replay.cookies.set(SESSION_COOKIE, stolen or "")
    assert replay.get("/", follow_redirects=False).status_code == 303


def test_the_cookie_is_secure_over_https(team: Ledger) -> None:
    client = client_for(team, https=True)
    token = login_csrf(client)
    done = client.post("/login", data={"name": "ada", "password": PASSWORD, "csrf_token": token},
                       follow_redirects=False)
    assert done.status_code == 303
    assert "Secure" in set_cookie_header(done, SESSION_COOKIE)


def test_wrong_password_unknown_name_and_disabled_user_cannot_log_in(team: Ledger) -> None:
    team.add_user("dora", "editor", PASSWORD)
    team.set_user_disabled("dora", True)
    for name, password in (("ada", "wrong"), ("nobody", PASSWORD), ("dora", PASSWORD)):
        client = client_for(team)
        assert log_in(client, name, password) == 401
        assert SESSION_COOKIE not in client.cookies
        assert client.get("/", follow_redirects=False).status_code == 303


def test_disabling_a_user_ends_their_session(team: Ledger) -> None:
    client = client_for(team)
    assert log_in(client, "ada") == 303
    assert client.get("/").status_code == 200
    team.set_user_disabled("ada", True)
    assert client.get("/", follow_redirects=False).status_code == 303
    team.set_user_disabled("ada", False)
    assert log_in(client, "ada") == 303


def test_a_new_password_ends_sessions_and_the_old_one_stops_working(team: Ledger) -> None:
    client = client_for(team)
    assert log_in(client, "ada") == 303
    team.set_password("ada", "another long password")
    assert client.get("/", follow_redirects=False).status_code == 303
    assert log_in(client_for(team), "ada") == 401
    assert log_in(client_for(team), "ada", "another long password") == 303


def test_expired_sessions_are_refused(team: Ledger) -> None:
    secret, _ = team.create_session("ada", ttl=dt.timedelta(seconds=-1))
    client = client_for(team)
    client.cookies.set(SESSION_COOKIE, secret)
    assert client.get("/", follow_redirects=False).status_code == 303


# -- rate limit ----------------------------------------------------------------------------------
def test_failed_logins_are_rate_limited_per_name(team: Ledger) -> None:
    app = make_app(team)
    now = [1000.0]
    app.state.login_limiter = LoginLimiter(attempts=5, window=60, clock=lambda: now[0])
    client = TestClient(app)
    assert [log_in(client, "ada", "wrong") for _ in range(5)] == [401] * 5
    token = login_csrf(client)
    blocked = client.post("/login", data={"name": "ada", "password": PASSWORD, "csrf_token": token})
    assert blocked.status_code == 429  # even the right password waits
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    assert "too many failed logins" in blocked.text
    assert log_in(client, "vic") == 303  # another name from the same address is not blocked
    now[0] += 61
    assert log_in(client_for_app(app), "ada") == 303


def client_for_app(app: FastAPI) -> TestClient:
    return TestClient(app)


def test_failed_logins_are_rate_limited_per_client_address(team: Ledger) -> None:
    app = make_app(team)
    assert limiter_of(app).ip_attempts > limiter_of(app).attempts  # a newsroom behind one address gets more room
    limiter = app.state.login_limiter = LoginLimiter(attempts=3, ip_attempts=6)
    client = TestClient(app)
    for n in range(limiter.ip_attempts):
        assert log_in(client, f"guess{n}", "wrong") == 401
    assert log_in(client, "ada") == 429


def test_the_limiter_forgets_old_failures_and_bounds_its_memory() -> None:
    now = [0.0]
    limiter = LoginLimiter(attempts=2, window=10, clock=lambda: now[0], max_keys=3)
    limiter.fail(["name:a"])
    limiter.fail(["name:a"])
    assert limiter.retry_after(["name:a"]) == pytest.approx(10)
    now[0] = 10.5
    assert limiter.retry_after(["name:a"]) == 0
    for n in range(10):
        limiter.fail([f"name:{n}"])
    assert len(limiter._failures) == 3


# -- roles and CSRF --------------------------------------------------------------------------------
def test_a_viewer_cannot_write_and_a_checker_can(team: Ledger) -> None:
    viewer = client_for(team)
    assert log_in(viewer, "vic") == 303
    refused = viewer.post("/note", data={"text": "hi", "csrf_token": session_token(viewer, team)})
    assert refused.status_code == 403 and "checker" in refused.json()["detail"]
    checker = client_for(team)
    assert log_in(checker, "ada") == 303
    done = checker.post("/note", data={"text": "hi", "csrf_token": session_token(checker, team)})
    assert done.status_code == 200 and done.json() == {"by": "ada", "text": "hi"}


def test_a_form_without_the_right_csrf_token_is_refused(team: Ledger) -> None:
    client = client_for(team)
    assert log_in(client, "ada") == 303
    other = client_for(team)
    assert log_in(other, "ada") == 303
    for data, headers in (
        ({"text": "hi"}, {}),
        ({"text": "hi", "csrf_token": "forged"}, {}),
        ({"text": "hi", "csrf_token": session_token(other, team)}, {}),  # another session's token
        ({"text": "hi"}, {"X-CSRF-Token": ""}),
    ):
        refused = client.post("/note", data=data, headers=headers)
        assert refused.status_code == 403, data
        assert "CSRF" in refused.json()["detail"]
    good = {"X-CSRF-Token": session_token(client, team)}
    assert client.post("/note", data={"text": "hi"}, headers=good).status_code == 200
    assert client.post("/logout", follow_redirects=False).status_code == 403  # logout is a form too


def test_the_login_form_needs_its_own_csrf_token(team: Ledger) -> None:
    client = client_for(team)
    refused = client.post("/login", data={"name": "ada", "password": PASSWORD}, follow_redirects=False)
    assert refused.status_code == 403
    page = client.get("/login")
    cookie = set_cookie_header(page, "ct_login_csrf")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert log_in(client, "ada") == 303


def test_every_state_changing_route_checks_csrf(team: Ledger) -> None:
    app = make_app(team)
    assert unprotected_routes(app) == []
    bare = FastAPI()

    @bare.post("/unguarded")
    def unguarded(user: Annotated[object, Depends(require_role("checker"))], text: Annotated[str, Form()]) -> None:
        return None

    @bare.post("/guarded", dependencies=[Depends(check_csrf)])
    def guarded() -> None:
        return None

    assert unprotected_routes(bare) == ["POST /unguarded"]


def test_after_login_only_local_targets(team: Ledger) -> None:
    client = client_for(team)
    token = login_csrf(client)
    done = client.post(
        "/login", data={"name": "ada", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert done.headers["location"] == "/"
    for target in ("https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", None):
        assert safe_next(target) == "/"
    assert safe_next("/claims?status=disputed") == "/claims?status=disputed"


# -- what every response carries ------------------------------------------------------------------------
def test_security_headers_on_every_response(team: Ledger) -> None:
    client = client_for(team)
    for response in (client.get("/login"), client.get("/missing"), client.get("/api/me")):
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Cache-Control"] == "no-store"
    csp = CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


def test_the_login_page_has_no_inline_script_and_escapes_what_was_typed(team: Ledger) -> None:
    client = client_for(team)
    token = login_csrf(client)
    hostile = '"><script>alert(1)</script>'
    page = client.post("/login", data={"name": hostile, "password": "x", "csrf_token": token})
    assert page.status_code == 401
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    for html in (page.text, client.get("/login").text):
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # scripts only from files, never inline


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
     "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example", "/relative", "", None,
     "https://exa mple.org", "http://"],
)
def test_safe_url_refuses_anything_but_http(url: str | None) -> None:
    assert safe_url(url) is None


def test_safe_url_keeps_http_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("http://example.org") == "http://example.org"


def test_logging_in_again_replaces_the_session_the_browser_had(team: Ledger) -> None:
    client = client_for(team)
    assert log_in(client, "vic") == 303
    before = client.cookies.get(SESSION_COOKIE) or ""  # the browser sends this id along with the login
    token = session_token(client, team)  # logged in, a form carries the session's token
    done = client.post("/login", data={"name": "ada", "password": PASSWORD, "csrf_token": token},
                       follow_redirects=False)
    assert done.status_code == 303
    after = client.cookies.get(SESSION_COOKIE)
    assert after and after != before
    assert team.session_for(before) is None
