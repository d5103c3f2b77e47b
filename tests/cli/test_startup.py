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


# What a command may not import, by module prefix. The NLP and the PostgreSQL driver and dialect
# never load for an SQLite ledger; Rich's help renderer (Markdown, Pygments) only for --help;
# Rich itself only for commands that print a table; the database layer and the models never for --help.
NEVER = ("spacy", "dateparser", "thinc", "pandas", "trafilatura", "psycopg", "sqlalchemy.dialects.postgresql")
HELP_ONLY = ("typer.rich_utils", "rich.markdown", "rich.syntax", "rich.traceback", "pygments", "markdown_it")
PLAIN_TEXT = ("rich",)
OTHER_GROUPS = ("pipeline.cli.cmd_users", "pipeline.cli.cmd_review", "pipeline.cli.cmd_exchange", "pipeline.cli.cmd_db")
IMPORT_SETS = [
    # The root --help imports each group's module (for its help text), and nothing of the ledger.
    (["--help"], (*NEVER, "sqlalchemy", "pydantic.main", "claims.models", "claims.dates", "claims.ledger")),
    (["claims", "list"], NEVER + HELP_ONLY + OTHER_GROUPS),
    (["claims", "list", "--format", "json"], NEVER + HELP_ONLY + PLAIN_TEXT + OTHER_GROUPS),
    (["claims", "show", "{claim}"], NEVER + HELP_ONLY + PLAIN_TEXT + OTHER_GROUPS),
    (["verdict", "{claim}", "false"], NEVER + HELP_ONLY + PLAIN_TEXT + OTHER_GROUPS + ("pipeline.cli.cmd_claims",)),
    (["report", "status"], NEVER + HELP_ONLY + PLAIN_TEXT + OTHER_GROUPS + ("pipeline.cli.cmd_claims",)),
    (["report", "disputed"], NEVER + HELP_ONLY + PLAIN_TEXT + OTHER_GROUPS + ("pipeline.cli.cmd_claims",)),
]


@pytest.fixture(scope="module")
def small_ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """An SQLite ledger with one claim, made in its own process; returns (path, claim id)."""
    db = str(tmp_path_factory.mktemp("startup") / "l.db")
    add = [sys.executable, "-m", "pipeline.cli.app", "--db", db, "claims", "add", "--text", "The bridge opened",
           "--claimant", "A B", "--no-link"]
    done = subprocess.run(add, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return db, done.stdout.strip()


@pytest.mark.parametrize(("args", "forbidden"), IMPORT_SETS, ids=[" ".join(a) for a, _ in IMPORT_SETS])
def test_a_command_imports_only_what_it_uses(
    args: list[str], forbidden: tuple[str, ...], small_ledger: tuple[str, str], tmp_path: Path
) -> None:
    """The console script's own entry point, in a fresh process: the import set is pinned, never the time."""
    db, claim = small_ledger
    argv = ["claimtrack", "--db", db, *(a.replace("{claim}", claim) for a in args)]
    listing = tmp_path / "modules.txt"
    code = f"""
import sys
sys.argv = {argv!r}
from pipeline.cli.app import main
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
open({str(listing)!r}, "w").write("\\n".join(sys.modules))
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    loaded = listing.read_text().split()
    assert "sqlalchemy" in loaded or args == ["--help"]  # the probe saw the command run
    bad = sorted(m for m in loaded if any(m == f or m.startswith(f + ".") for f in forbidden))
    assert bad == []
