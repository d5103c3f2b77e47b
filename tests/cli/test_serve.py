"""`claimtrack serve`: starts the desk on the ledger named by --db; bad input is one line and a non-zero exit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app

runner = CliRunner()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what uvicorn would have been asked to serve, instead of serving it."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serve_opens_the_ledger_and_starts_the_desk(db_url: str, started: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--db", db_url, "--port", "8765", "--host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8765/" in result.stdout
    (call,) = started
    assert call["port"] == 8765 and call["host"] == "127.0.0.1"
    assert call["app"].state.public is False
    call["app"].state.ledger.close()


def test_the_global_db_option_works_too(db_url: str, started: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["--db", db_url, "serve", "--read-only-public"])
    assert result.exit_code == 0, result.output
    assert started[0]["app"].state.public is True and started[0]["port"] == 8000
    started[0]["app"].state.ledger.close()


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path: Path, started: list[dict[str, Any]]) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database, just notes\n" * 50)
    result = runner.invoke(app, ["serve", "--db", str(bogus)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and len(result.stderr.strip().splitlines()) == 1
    assert not started


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_a_bad_port_is_a_usage_error(port: str, started: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--port", port])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not started
