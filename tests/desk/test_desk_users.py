"""Accounts in the browser (`/users`): admins list, add, disable, enable and re-role; every other role is refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from claims.ledger import Ledger
from tests.desk.conftest import csrf

Make = Callable[..., TestClient]
ADMIN, ADMIN_PASSWORD = "amira", "amira-secret-1"


@pytest.fixture
def admin_client(make_client: Make, desk_db: str) -> TestClient:
    from pipeline.desk.auth import add_user
    from tests.desk.scenario import USERS

    ledger = Ledger.open(desk_db)
    try:
        add_user(ledger, ADMIN, "admin", ADMIN_PASSWORD)
    finally:
        ledger.close()
    USERS[ADMIN] = ("admin", ADMIN_PASSWORD)
    try:
        client = make_client(ADMIN)
    finally:
        del USERS[ADMIN]
    return client


def _users(desk_db: str) -> dict[str, tuple[str, bool]]:
    ledger = Ledger.open(desk_db)
    try:
        return {u.name: (u.role, u.disabled) for u in ledger.list_users()}
    finally:
        ledger.close()


def test_an_admin_manages_accounts(admin_client: TestClient, desk_db: str, make_client: Make) -> None:
    page = admin_client.get("/users")
    assert page.status_code == 200 and "viktor" in page.text and 'href="/users"' in page.text
    token = csrf(admin_client, "/users")
    added = admin_client.post("/users", data={"name": "lena", "role": "checker", "password": "lena-secret-1",
                                              "csrf_token": token})
    assert added.status_code == 303 and _users(desk_db)["lena"] == ("checker", False)
    assert admin_client.post("/users/lena/role", data={"role": "editor", "csrf_token": token}).status_code == 303
    assert admin_client.post("/users/viktor/disable", data={"csrf_token": token}).status_code == 303
    assert _users(desk_db)["lena"] == ("editor", False) and _users(desk_db)["viktor"] == ("viewer", True)
    # A disabled account cannot log in; enabled again, it can.
    anonymous = make_client()
    refused = anonymous.post("/login", data={"name": "viktor", "password": "viktor-secret-1",
                                             "csrf_token": csrf(anonymous)})
    assert refused.status_code != 303
    assert admin_client.post("/users/viktor/enable", data={"csrf_token": token}).status_code == 303
    assert _users(desk_db)["viktor"] == ("viewer", False)
    make_client("viktor")  # logs in (asserts inside)


@pytest.mark.parametrize(("data", "words"), [
    ({"name": "maria", "role": "viewer", "password": "x-secret-123"}, "already exists"),
    ({"name": "nadia", "role": "boss", "password": "x-secret-123"}, "unknown role"),
    ({"name": "bad name!", "role": "viewer", "password": "x-secret-123"}, "name"),
])
def test_bad_accounts_are_refused_with_one_line(admin_client: TestClient, data: dict, words: str) -> None:
    response = admin_client.post("/users", data={**data, "csrf_token": csrf(admin_client, "/users")})
    assert response.status_code == 400 and words in response.text


def test_an_admin_cannot_lock_themselves_out(admin_client: TestClient, desk_db: str) -> None:
    token = csrf(admin_client, "/users")
    assert admin_client.post(f"/users/{ADMIN}/disable", data={"csrf_token": token}).status_code == 400
    assert admin_client.post(f"/users/{ADMIN}/role", data={"role": "viewer", "csrf_token": token}).status_code == 400
    assert _users(desk_db)[ADMIN] == ("admin", False)
    assert admin_client.post("/users/nobody/disable", data={"csrf_token": token}).status_code == 404


@pytest.mark.parametrize("who", ["viktor", "chen", "maria"])
def test_only_admins_see_or_change_accounts(make_client: Make, desk_db: str, who: str) -> None:
    client = make_client(who)
    assert client.get("/users").status_code == 403
    assert 'href="/users"' not in client.get("/claims").text
    token = csrf(client, "/claims")
    for path, data in [("/users", {"name": "eve", "role": "admin", "password": "eve-secret-12"}),
                       ("/users/viktor/role", {"role": "admin"}), ("/users/viktor/disable", {}),
                       ("/users/viktor/enable", {})]:
        assert client.post(path, data={**data, "csrf_token": token}).status_code == 403, path
    assert "eve" not in _users(desk_db) and _users(desk_db)["viktor"] == ("viewer", False)


def test_without_an_account_or_a_csrf_token_nothing_changes(make_client: Make, admin_client: TestClient,
                                                            desk_db: str) -> None:
    anonymous = make_client()
    assert anonymous.get("/users").status_code == 303  # to the login page
    assert anonymous.post("/users/viktor/disable", data={"csrf_token": "x" * 40}).status_code in (303, 403)
    forged = admin_client.post("/users/viktor/disable", data={"csrf_token": "x" * 40})
    missing = admin_client.post("/users", data={"name": "eve", "role": "admin", "password": "eve-secret-12"})
    assert forged.status_code == 403 and missing.status_code == 403
    assert "eve" not in _users(desk_db) and _users(desk_db)["viktor"] == ("viewer", False)
