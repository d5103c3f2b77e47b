"""A tiny desk app for testing accounts and the API alone: the login routes, the API and one page and form.

The real app factory lives in `pipeline.desk` (the desk's screens); these tests
build only what they exercise, the way that factory must: `app.state.ledger`,
`install_security(app)` and `dependencies=[Depends(check_csrf)]` for every route.
"""

from __future__ import annotations

import re
from typing import Annotated

import pytest
from argon2 import PasswordHasher
from fastapi import Depends, FastAPI, Form
from fastapi.testclient import TestClient

from claims import passwords
from claims.ledger import Ledger
from claims.users import User
from pipeline.desk.auth import check_csrf, require_role, require_user
from pipeline.desk.security import install_security

PASSWORD = "correct horse battery"


def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with the cheapest parameters: the tests hash many passwords; the format and checks are the same."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def make_app(ledger: Ledger) -> FastAPI:
    from pipeline.desk import api, routes_login

    app = FastAPI(dependencies=[Depends(check_csrf)], docs_url=None, redoc_url=None)
    app.state.ledger = ledger
    install_security(app)
    app.include_router(routes_login.router)
    app.include_router(api.router)

    @app.get("/")
    def home(user: Annotated[User, Depends(require_user)]) -> dict[str, str]:
        return {"user": user.name, "role": user.role}

    @app.post("/note")
    def note(
        user: Annotated[User, Depends(require_role("checker"))], text: Annotated[str, Form()] = ""
    ) -> dict[str, str]:
        return {"by": user.name, "text": text}

    return app


def client_for(ledger: Ledger, *, https: bool = False) -> TestClient:
    return TestClient(make_app(ledger), base_url="https://testserver" if https else "http://testserver")


def login_csrf(client: TestClient) -> str:
    """GET the login page and return the form's CSRF token (its cookie is kept by the client)."""
    page = client.get("/login")
    assert page.status_code == 200
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> int:
    """Log in through the form; returns the response status (303 on success)."""
    token = login_csrf(client)
    response = client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token}, follow_redirects=False
    )
    return response.status_code
