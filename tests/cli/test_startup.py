"""Commands that need no NLP start without importing spaCy or dateparser (start-up time is the cost)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "dateparser", "thinc", "pandas", "trafilatura")
ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.split()


def test_importing_the_command_line_is_light() -> None:
    assert _loaded_after("import pipeline.cli.app") == []


def test_help_needs_no_database_layer() -> None:
    """SQLAlchemy is a third of the start-up: only commands that open the ledger load it (lazy `claims`)."""
    probe = "import sys, pipeline.cli.app; print('sqlalchemy' in sys.modules, 'claims.models' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "False"], done.stderr


def test_importing_the_package_is_light() -> None:
    assert _loaded_after("import pipeline; pipeline.__version__") == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["claims", "list"],
        ["claims", "show", "{claim}"],
        ["verdict", "{claim}", "false"],
        ["verdict", "{claim}", "Mostly True", "--review-url", "https://desk.example/c", "--published", "2024-01-02"],
        ["claims", "list", "--undated"],
        ["config", "set", "org.name", "Desk"],
        ["config", "list"],
        ["ingest", "--help"],
        ["report", "disputed"],
        ["report", "status", "--format", "json"],
        ["sources", "list"],
        ["review", "list"],
    ],
)
def test_ledger_commands_do_not_load_the_nlp(args: list[str], tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    code = f"""
from typer.testing import CliRunner
from pipeline.cli.app import app
runner = CliRunner()
added = runner.invoke(
    app, ["--db", {db!r}, "claims", "add", "--text", "The bridge opened", "--claimant", "A B", "--no-link"]
)
assert added.exit_code == 0, added.output
claim = added.stdout.strip()
args = [a.replace("{{claim}}", claim) for a in {args!r}]
result = runner.invoke(app, ["--db", {db!r}, *args])
assert result.exit_code == 0, result.output
"""
    assert _loaded_after(code) == []
