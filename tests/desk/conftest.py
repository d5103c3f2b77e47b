"""Fixtures for the desk: the scenario ledger on each backend, a logged-in TestClient, a real `claimtrack serve`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from claims.ledger import Ledger
from tests.desk.scenario import USERS, add_users, populate
from tests.reports.conftest import browser  # noqa: F401  (the Chromium fixture the browser tests share)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "desk"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at its real cost is a second or more per hash on a shared machine; the desk tests
    check who may do what, not the hash's strength (tests of `claims.passwords` keep the real cost)."""
    from argon2 import PasswordHasher

    import claims.passwords

    monkeypatch.setattr(claims.passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def desk_db(db_url: str) -> str:
    """The scenario and its accounts in a fresh ledger on each backend (closed again: the app opens its own)."""
    ledger = Ledger.open(db_url)
    try:
        populate(ledger)
        add_users(ledger)
    finally:
        ledger.close()
    return db_url


@pytest.fixture
def make_client(desk_db: str) -> Iterator[Callable[..., TestClient]]:
    """Build a TestClient on the scenario; `make_client(user)` logs that user in first."""
    from pipeline.desk import create_app

    made: list[TestClient] = []

    def make(user: str | None = None, *, public: bool = False) -> TestClient:
        client = TestClient(create_app(desk_db, read_only_public=public), follow_redirects=False)
        client.__enter__()
        made.append(client)
        if user is not None:
            login(client, user)
        return client

    yield make
    for client in made:
        client.__exit__(None, None, None)


def csrf(client: TestClient, path: str = "/login") -> str:
    """The CSRF token the page at `path` carries for this client's session."""
    found = TOKEN.search(client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def login(client: TestClient, user: str) -> None:
    response = client.post(
        "/login", data={"name": user, "password": USERS[user][1], "csrf_token": csrf(client), "next": "/claims"}
    )
    assert response.status_code == 303, response.text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(desk_db: str) -> Iterator[str]:
    """A real `claimtrack serve` subprocess on a free local port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "serve", "--port", str(port), "--db", desk_db],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"claimtrack serve exited: {out}")
            time.sleep(0.1)
        else:
            pytest.fail("claimtrack serve did not start in 30 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
