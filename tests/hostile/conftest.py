"""The hostile-input corpus: every input class of issue 16 through the real command line.

Each case checks what a user sees and what the ledger keeps: the exit code, no
traceback, one line on stderr for a refused input, and the ledger unchanged
(`db export` before and after, compared row for row without the header's time).
Big inputs are generated in tmp_path, never stored in the repository.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pipeline.cli.app import app

runner = CliRunner()


def cli(db: str | Path, *args: str) -> Result:
    """Run `claimtrack --db DB ARGS...` in-process."""
    return runner.invoke(app, ["--db", str(db), *args])


def claimtrack(db: str | Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real entry point in a subprocess (argv bytes and stderr exactly as a shell sees them)."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli.app", "--db", str(db), *args],
        capture_output=True,
        input=stdin,
        timeout=300,
        check=False,
    )


def assert_clean(stderr: str, *, lines: int | None = 1) -> None:
    """No traceback; `lines` lines on stderr (None: any number, each an "Error:" line or a warning)."""
    assert "Traceback" not in stderr, stderr
    if lines is not None:
        assert len(stderr.strip().splitlines()) == lines, stderr


def ledger_rows(db: str | Path, tmp_path: Path) -> list[dict[str, object]]:
    """The ledger's rows as `db export` writes them, minus the header (it carries the export time)."""
    out = tmp_path / f"export-{len(list(tmp_path.glob('export-*')))}.jsonl"
    result = cli(db, "db", "export", str(out))
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if row.get("type") != "header"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A SQLite ledger holding one claim, so "unchanged" means something."""
    path = tmp_path / "ledger.db"
    result = cli(path, "claims", "add", "--text", "The bridge opened in May", "--claimant", "A mayor")
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def unchanged(db: Path, tmp_path: Path) -> Callable[[], None]:
    """Call at the end of a test: asserts the ledger holds exactly what it held before."""
    before = ledger_rows(db, tmp_path)

    def check() -> None:
        assert ledger_rows(db, tmp_path) == before

    return check
