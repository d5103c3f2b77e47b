"""`claimtrack db migrate|export|import` on both backends, through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from claims import migrations, schema
from claims.ledger import resolve_url
from pipeline.cli.app import app

runner = CliRunner()


def run(db: str, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    return result.stdout.strip() if code == 0 else result.stderr.strip()


def make_first_version(db: str) -> None:
    """A ledger as the first claimtrack release left it, with one hand-written claim."""
    engine = sa.create_engine(resolve_url(db))
    with engine.begin() as conn:
        migrations.migrate(conn=conn, upto=migrations.FIRST)
        conn.execute(
            sa.insert(schema.claims).values(
                id="c0000000001",
                text="Old claim about the harbour bridge",
                claimant="Mayor",
                claimant_key="mayor",
                entities='["harbour bridge"]',
                lemmas="harbour bridge open",
                created_at="2020-01-01T00:00:00+00:00",
            )
        )
    engine.dispose()


def test_migrate_from_first_version(db_url: str) -> None:
    make_first_version(db_url)
    later = migrations.names()[1:]
    if later:
        # Commands refuse an outdated ledger with a one-line hint, not a traceback.
        assert "db migrate" in run(db_url, "claims", "list", code=1)
    out = run(db_url, "db", "migrate")
    assert out == (f"applied: {', '.join(later)}" if later else "the ledger is up to date")
    assert run(db_url, "db", "migrate") == "the ledger is up to date"
    listed = json.loads(run(db_url, "claims", "list", "--format", "json"))
    assert [c["id"] for c in listed] == ["c0000000001"]
    engine = sa.create_engine(resolve_url(db_url))
    with engine.connect() as conn:
        assert migrations.applied(conn=conn) == migrations.names()
    engine.dispose()


def test_export_import_round_trip(db_url: str, tmp_path: Path) -> None:
    first = run(db_url, "claims", "add", "--text", "Ferries run hourly", "--claimant", "Port", "--date", "2022-03")
    second = run(db_url, "claims", "add", "--text", "Ferries run twice a day", "--claimant", "Union")
    run(db_url, "link", second, first, "--stance", "contradicts", "--by", "ed")
    run(db_url, "verdict", second, "mixed", "--by", "ed")
    run(db_url, "verdict", second, "false", "--by", "chief")
    dump = tmp_path / "ledger.jsonl"
    assert "exported" in run(db_url, "db", "export", str(dump))

    target = str(tmp_path / "copy.db")
    assert "imported" in run(target, "db", "import", str(dump))
    shown = json.loads(run(target, "claims", "show", second, "--format", "json"))
    assert [v["rating"] for v in shown["verdict_history"]] == ["mixed", "false"]
    report = json.loads(run(target, "report", "disputed", "--format", "json"))
    assert [c["id"] for c in report["claims"]] == [first]

    # A second import into the now non-empty ledger is refused, unless forced.
    assert "not empty" in run(target, "db", "import", str(dump), code=1)
    assert "imported" in run(target, "db", "import", str(dump), "--force")


def test_import_bad_file_is_one_line_error(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    err = run(db_url, "db", "import", str(bad), code=1)
    assert err.startswith("Error:") and "not JSON" in err and len(err.splitlines()) == 1
