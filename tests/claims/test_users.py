"""Accounts in the ledger, on both backends: only hashes are stored, and the rules hold below the CLI and web."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import sqlalchemy as sa

from claims import schema
from claims.backup import export_ledger
from claims.errors import InvalidInput
from claims.ledger import Ledger
from claims.users import UnknownUser
from tests.desk.accounts import fast_hashing

SECRET = "a long passphrase"


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


def test_the_ledger_keeps_only_hashes(ledger: Ledger) -> None:
    ledger.add_user("ada", "checker", SECRET)
    token = ledger.create_token("ada").secret
    session, _ = ledger.create_session("ada")
    with ledger.read() as conn:
        stored = conn.execute(sa.select(schema.users.c.password_hash)).scalar_one()
        hashes = [r[0] for r in conn.execute(sa.select(schema.api_tokens.c.token_hash))]
    assert stored.startswith("$argon2id$") and SECRET not in stored
    assert hashes and token not in hashes
    out = io.StringIO()
    export_ledger(ledger, out)
    for plain in (SECRET, token, session):
        assert plain not in out.getvalue()


def test_roles_are_ordered(ledger: Ledger) -> None:
    editor = ledger.add_user("eve", "editor", SECRET)
    assert editor.can("viewer") and editor.can("checker") and editor.can("editor") and not editor.can("admin")
    with pytest.raises(InvalidInput):
        editor.can("owner")


def test_refusals(ledger: Ledger) -> None:
    ledger.add_user("ada", "checker", SECRET)
    for name, role, password, message in (
        ("ada", "viewer", SECRET, "already exists"),
        ("ADA", "boss", SECRET, "unknown role"),
        ("bob", "viewer", "\u200b ", "password is empty"),
        ("bob", "viewer", "x" * 2000, "longer than"),
        ("", "viewer", SECRET, "invalid user name"),
        ("a b", "viewer", SECRET, "invalid user name"),
    ):
        with pytest.raises(InvalidInput, match=message):
            ledger.add_user(name, role, password)
    with pytest.raises(UnknownUser):
        ledger.set_password("zed", SECRET)
    with pytest.raises(UnknownUser):
        ledger.create_session("zed")
    ledger.set_user_disabled("ada", True)
    with pytest.raises(InvalidInput, match="disabled"):
        ledger.create_session("ada")
    assert [u.name for u in ledger.list_users()] == ["ada"]


def test_sessions_end_and_expire(ledger: Ledger) -> None:
    ledger.add_user("ada", "checker", SECRET)
    live, session = ledger.create_session("ada")
    assert session.expires_at - dt.datetime.now(dt.UTC) > dt.timedelta(hours=11)
    found = ledger.session_for(live)
    assert found is not None and found.user.name == "ada" and found.csrf_token == session.csrf_token
    old, _ = ledger.create_session("ada", ttl=dt.timedelta(seconds=-5))
    assert ledger.session_for(old) is None
    ledger.end_session(live)
    assert ledger.session_for(live) is None
    assert ledger.session_for("") is None and ledger.session_for("x" * 500) is None


def test_saved_filters_per_user(ledger: Ledger) -> None:
    ledger.add_user("ada", "checker", SECRET)
    ledger.add_user("vic", "viewer", SECRET)
    ledger.save_filter("ada", "Disputed", "?status=disputed")
    ledger.save_filter("ada", "Disputed", "status=disputed&claimant=x")  # same name: replaced
    ledger.save_filter("vic", "Mine", "status=rated")
    assert [(f.name, f.query) for f in ledger.saved_filters("ada")] == [("Disputed", "status=disputed&claimant=x")]
    assert [f.name for f in ledger.saved_filters("vic")] == ["Mine"]
    with pytest.raises(InvalidInput):
        ledger.save_filter("ada", " ", "status=rated")
    ledger.delete_filter("ada", "Disputed")
    assert ledger.saved_filters("ada") == []
    with pytest.raises(UnknownUser):
        ledger.save_filter("zed", "x", "")


def test_an_old_parameter_hash_is_upgraded_at_login(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from claims import passwords

    ledger.add_user("ada", "checker", SECRET)  # made with the cheap test parameters
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    with ledger.read() as conn:
        before = conn.execute(sa.select(schema.users.c.password_hash)).scalar_one()
    assert passwords.needs_rehash(before)
    assert ledger.authenticate("ada", SECRET) is not None
    with ledger.read() as conn:
        after = conn.execute(sa.select(schema.users.c.password_hash)).scalar_one()
    assert after != before and not passwords.needs_rehash(after)
    assert ledger.authenticate("ada", SECRET) is not None
