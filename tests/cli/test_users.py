"""`claimtrack users ...` end to end through CliRunner, on both backends, bad input included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.ledger import Ledger
from pipeline.cli.app import app
from tests.desk.accounts import fast_hashing

runner = CliRunner()


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


def run(db: str, *args: str, code: int = 0, stdin: str | None = None) -> str:
    result = runner.invoke(app, ["--db", db, *args], input=stdin)
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    if code:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
        assert "Traceback" not in result.output
        return lines[0]
    return result.stdout.strip()


@pytest.fixture
def pw_file(tmp_path: Path) -> Path:
    path = tmp_path / "pw.txt"
    path.write_text("a long passphrase\n", encoding="utf-8")
    return path


def test_add_list_disable_enable(db_url: str, pw_file: Path) -> None:
    added = run(db_url, "users", "add", "ada", "--role", "checker", "--password-file", str(pw_file))
    assert added == "added ada (checker)"
    prompted = run(db_url, "users", "add", "root", "--role", "admin", stdin="pw one\npw one\n")
    assert prompted.endswith("added root (admin)")
    listed = json.loads(run(db_url, "users", "list", "--format", "json"))
    assert [(u["name"], u["role"], u["disabled"]) for u in listed] == [
        ("ada", "checker", False), ("root", "admin", False)
    ]
    assert "password" not in json.dumps(listed)
    assert "checker" in run(db_url, "users", "list")
    assert run(db_url, "users", "disable", "ada") == "disabled ada"
    with Ledger.open(db_url) as ledger:
        assert ledger.authenticate("ada", "a long passphrase") is None
        assert ledger.authenticate("root", "pw one") is not None
    assert json.loads(run(db_url, "users", "list", "--format", "json"))[0]["disabled"] is True
    assert run(db_url, "users", "enable", "ada") == "enabled ada"
    with Ledger.open(db_url) as ledger:
        assert ledger.authenticate("ada", "a long passphrase") is not None


def test_passwd_and_role(db_url: str, pw_file: Path, tmp_path: Path) -> None:
    run(db_url, "users", "add", "ada", "--role", "viewer", "--password-file", str(pw_file))
    assert run(db_url, "users", "passwd", "ada", stdin="new secret\nnew secret\n").endswith("password changed for ada")
    other = tmp_path / "other.txt"
    other.write_text("from a file\r\n", encoding="utf-8")
    run(db_url, "users", "passwd", "ada", "--password-file", str(other))
    assert run(db_url, "users", "role", "ada", "editor") == "ada is now editor"
    with Ledger.open(db_url) as ledger:
        assert ledger.authenticate("ada", "new secret") is None
        user = ledger.authenticate("ada", "from a file")
        assert user is not None and user.role == "editor"


def test_token_is_printed_once_listed_by_prefix_and_revoked(db_url: str, pw_file: Path) -> None:
    run(db_url, "users", "add", "ada", "--role", "checker", "--password-file", str(pw_file))
    result = runner.invoke(app, ["--db", db_url, "users", "token", "ada", "--label", "cms"])
    assert result.exit_code == 0
    secret = result.stdout.strip()
    assert secret.startswith("ct_") and len(secret) > 40
    assert "not shown again" in result.stderr
    listed = run(db_url, "users", "tokens", "ada", "--format", "json")
    assert secret not in listed and secret[:10] in listed
    token = json.loads(listed)[0]
    assert token["label"] == "cms" and token["revoked_at"] is None
    with Ledger.open(db_url) as ledger:
        user = ledger.user_for_token(secret)
        assert user is not None and user.name == "ada"
    assert run(db_url, "users", "revoke-token", str(token["id"])) == f"revoked token {token['id']} of ada"
    assert "cms" in run(db_url, "users", "tokens", "ada")
    with Ledger.open(db_url) as ledger:
        assert ledger.user_for_token(secret) is None


def test_bad_input_is_one_line_and_non_zero(db_url: str, pw_file: Path, tmp_path: Path) -> None:
    run(db_url, "users", "add", "ada", "--role", "checker", "--password-file", str(pw_file))
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    pw = str(pw_file)
    assert "already exists" in run(db_url, "users", "add", "ada", "--role", "viewer", "--password-file", pw, code=1)
    assert "unknown role 'boss'" in run(db_url, "users", "add", "bob", "--role", "boss", "--password-file", pw, code=1)
    assert "is empty" in run(db_url, "users", "add", "bob", "--role", "viewer", "--password-file", str(empty), code=1)
    assert "password is empty" in run(db_url, "users", "add", "bob", "--role", "viewer", stdin="\n\n", code=1)
    bad_name = run(db_url, "users", "add", "bad name!", "--role", "viewer", "--password-file", pw, code=1)
    assert "invalid user name" in bad_name
    missing = str(tmp_path / "missing.txt")
    assert "missing.txt" in run(db_url, "users", "add", "bob", "--role", "viewer", "--password-file", missing, code=1)
    for command in (["disable", "zed"], ["enable", "zed"], ["passwd", "zed"], ["token", "zed"], ["tokens", "zed"],
                    ["role", "zed", "viewer"]):
        assert "unknown user 'zed'" in run(db_url, "users", *command, code=1)
    assert "unknown role" in run(db_url, "users", "role", "ada", "boss", code=1)
    assert "unknown API token 99" in run(db_url, "users", "revoke-token", "99", code=1)
    # nothing was half-written: still exactly one user
    assert [u["name"] for u in json.loads(run(db_url, "users", "list", "--format", "json"))] == ["ada"]
