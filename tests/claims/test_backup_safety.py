"""`db import` validates before it writes, and `--force` never destroys without a trace (issue 16, 14-15).

Every bad file is refused with one line naming the line and the column, the
ledger is unchanged (`db export` before and after), and the ledger stays
readable by every command.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claims import backup
from claims.ledger import Ledger
from claims.models import Claim
from pipeline.cli import render
from pipeline.cli.app import app

runner = CliRunner()


def cli(db: str, *args: str, code: int = 0, stdin: str | None = None) -> Any:
    result = runner.invoke(app, ["--db", db, *args], input=stdin)
    assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr)
    return result


def filled(tmp_path: Path, name: str = "ledger.db") -> str:
    db = str(tmp_path / name)
    first = cli(
        db,
        *("claims", "add", "--text", "Ferries run hourly", "--claimant", "Port", "--date", "2022-03"),
        *("--source-url", "https://news.example.org/ferries", "--source-title", "Ferries"),
    ).stdout
    second = cli(db, "claims", "add", "--text", "Ferries run twice a day", "--claimant", "Union").stdout
    cli(db, "link", second.strip(), first.strip(), "--stance", "contradicts", "--by", "ed")
    cli(db, "verdict", second.strip(), "false", "--by", "ed", "--evidence", "https://ok.example/e")
    return db


def export_lines(db: str, tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "export.jsonl"
    cli(db, "db", "export", str(path))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def snapshot(db: str, tmp_path: Path) -> str:
    path = tmp_path / "snapshot.jsonl"
    cli(db, "db", "export", str(path))
    return path.read_text(encoding="utf-8")


def edit(records: list[dict[str, Any]], table: str, **changes: Any) -> list[dict[str, Any]]:
    """The export with the first row of `table` changed."""
    out = [json.loads(json.dumps(r)) for r in records]
    row = next(r for r in out if r.get("table") == table)
    row["row"].update(changes)
    return out


HEADER_CASES = [
    ({"schema": 5}, "schema"),
    ({"schema": "0001_initial"}, "schema"),
    ({"schema": [1, 2]}, "schema"),
    ({"schema": [{"a": 1}]}, "schema"),
    ({"version": "1"}, "version"),
    ({"version": True}, "version"),
    ({"version": 2}, "version"),
]


@pytest.mark.parametrize(("change", "word"), HEADER_CASES)
def test_bad_header_is_one_line_error(tmp_path: Path, change: dict[str, Any], word: str) -> None:
    db = filled(tmp_path)
    records = export_lines(db, tmp_path)
    records[0].update(change)
    target = str(tmp_path / "new.db")
    result = cli(target, "db", "import", str(write(tmp_path / "bad.jsonl", records)), code=1)
    assert result.stderr.startswith("Error:") and word in result.stderr and len(result.stderr.splitlines()) == 1
    assert json.loads(cli(target, "claims", "list", "--format", "json").stdout) == []


ROW_CASES = [
    ("claims", {"claim_date": "garbage"}, "invalid date"),
    ("claims", {"claim_date": "2023-13-45"}, "claim"),
    ("claims", {"polarity": "maybe"}, "polarity"),
    ("claims", {"status": "bogus"}, "status"),
    ("claims", {"text": ""}, "claim text is empty"),
    ("claims", {"text": 5}, "must be text"),
    ("claims", {"text": None}, "may not be null"),
    ("claims", {"event_dates": "not json"}, "event_dates"),
    ("claims", {"event_dates": '["garbage"]'}, "invalid date"),
    ("claims", {"entities": '{"a": 1}'}, "entities"),
    ("claims", {"span_start": "3"}, "integer"),
    ("claims", {"span_start": 2**80}, "integer"),
    ("claims", {"checkworthiness": "high"}, "number"),
    ("claims", {"created_at": "yesterday"}, "created_at"),
    ("claims", {"date_start": "soon"}, "date_start"),
    ("sources", {"url": "javascript:alert(1)"}, "http(s)"),
    ("sources", {"url": "https://ok.example/\n[x](javascript:1)"}, "spaces or control"),
    ("sources", {"published": "garbage"}, "invalid date"),
    ("verdicts", {"rating": "pants-on-fire"}, "rating"),
    ("verdicts", {"evidence": '["javascript:alert(1)"]'}, "http(s)"),
    ("verdicts", {"evidence": '"https://ok.example"'}, "evidence"),
    ("verdicts", {"at": None}, "may not be null"),
    ("links", {"stance": "loves"}, "stance"),
    ("link_events", {"origin": "alien"}, "origin"),
    ("link_events", {"reason": "[1, 2]"}, "reason"),
    ("link_events", {"rejected": "yes"}, "integer"),
]


@pytest.mark.parametrize(("table", "change", "word"), ROW_CASES, ids=[f"{t}-{next(iter(c))}" for t, c, _ in ROW_CASES])
def test_bad_row_is_refused_before_anything_is_written(
    tmp_path: Path, table: str, change: dict[str, Any], word: str
) -> None:
    db = filled(tmp_path)
    records = edit(export_lines(db, tmp_path), table, **change)
    bad = write(tmp_path / "bad.jsonl", records)
    # Into a new ledger: refused, nothing stored, and the ledger still reads.
    target = str(tmp_path / "new.db")
    result = cli(target, "db", "import", str(bad), code=1)
    assert result.stderr.startswith("Error: line ") and word in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert json.loads(cli(target, "claims", "list", "--format", "json").stdout) == []
    # Over a full ledger with --force: refused before the backup or the delete.
    before = snapshot(db, tmp_path)
    cli(db, "db", "import", str(bad), "--force", code=1)
    assert snapshot(db, tmp_path) == before
    assert not list(tmp_path.glob("*.before-import-*"))


def test_missing_required_column_is_refused(tmp_path: Path) -> None:
    db = filled(tmp_path)
    records = export_lines(db, tmp_path)
    row = next(r for r in records if r.get("table") == "claims")
    del row["row"]["text"]
    result = cli(str(tmp_path / "new.db"), "db", "import", str(write(tmp_path / "bad.jsonl", records)), code=1)
    assert "'text' is missing" in result.stderr


def test_header_only_file_never_replaces_a_ledger(tmp_path: Path) -> None:
    db = filled(tmp_path)
    records = export_lines(db, tmp_path)
    before = snapshot(db, tmp_path)
    for name, content in [
        ("header.jsonl", records[:1]),
        ("settings.jsonl", [records[0], {"type": "row", "table": "settings", "row": {"key": "k", "value": "v"}}]),
    ]:
        result = cli(db, "db", "import", str(write(tmp_path / name, content)), "--force", "--yes", code=1)
        assert "no claims or sources" in result.stderr and "2 claims" in result.stderr
        assert snapshot(db, tmp_path) == before
    # Into an empty ledger a header-only file is fine: there is nothing to lose.
    cli(str(tmp_path / "empty.db"), "db", "import", str(tmp_path / "header.jsonl"))


def test_force_writes_a_backup_beside_the_ledger_and_says_where(tmp_path: Path) -> None:
    db = filled(tmp_path)
    before = snapshot(db, tmp_path)
    other = filled(tmp_path, "other.db")
    cli(other, "claims", "add", "--text", "Buses run late", "--claimant", "Driver")
    dump = tmp_path / "other.jsonl"
    cli(other, "db", "export", str(dump))
    result = cli(db, "db", "import", str(dump), "--force")
    saved = list(tmp_path.glob("ledger.db.before-import-*.jsonl"))
    assert len(saved) == 1
    assert str(saved[0]) in result.stderr and "backed up" in result.stderr
    assert len(json.loads(cli(db, "claims", "list", "--format", "json").stdout)) == 3
    # The backup is a full export: importing it restores the ledger as it was.
    restored = str(tmp_path / "restored.db")
    cli(restored, "db", "import", str(saved[0]))
    assert snapshot(restored, tmp_path) == before


def test_force_asks_on_a_terminal_unless_yes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = filled(tmp_path)
    dump = tmp_path / "dump.jsonl"
    cli(db, "db", "export", str(dump))
    before = snapshot(db, tmp_path)
    monkeypatch.setattr(render, "interactive", lambda: True)
    result = cli(db, "db", "import", str(dump), "--force", code=1, stdin="n\n")
    assert "Replace the ledger (2 claims)" in result.stderr and "cancelled" in result.stderr
    assert snapshot(db, tmp_path) == before and not list(tmp_path.glob("*.before-import-*"))
    result = cli(db, "db", "import", str(dump), "--force", stdin="y\n")
    assert "backed up" in result.stderr
    result = cli(db, "db", "import", str(dump), "--force", "--yes")
    assert "Replace the ledger" not in result.stderr and "backed up" in result.stderr
    assert len(list(tmp_path.glob("ledger.db.before-import-*.jsonl"))) == 2


def test_backup_failure_stops_the_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = filled(tmp_path)
    dump = tmp_path / "dump.jsonl"
    cli(db, "db", "export", str(dump))
    before = snapshot(db, tmp_path)

    def full(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(Path, "replace", full)
    result = cli(db, "db", "import", str(dump), "--force", code=1)
    assert "No space left on device" in result.stderr and "before-import" in result.stderr
    monkeypatch.undo()
    assert snapshot(db, tmp_path) == before
    assert not list(tmp_path.glob("*.part"))


def test_library_import_ledger_refuses_empty_export_over_full_ledger(ledger: Ledger) -> None:
    ledger.add_claim(Claim(text="A claim", claimant="X"))
    header = json.dumps({"type": "header", "format": backup.FORMAT, "version": backup.VERSION, "schema": []})
    with pytest.raises(backup.BackupError, match="no claims or sources"):
        backup.import_ledger(ledger, [header + "\n"], force=True)
    assert len(ledger.list_claims()) == 1


def test_force_backup_on_each_backend(db_url: str, tmp_path: Path) -> None:
    """SQLite keeps the backup beside the database file; PostgreSQL, which has none, beside the imported file."""
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    cli(db_url, "claims", "add", "--text", "Ferries run hourly", "--claimant", "Port")
    before = snapshot(db_url, dumps)
    other = filled(tmp_path, "other.db")
    dump = dumps / "other.jsonl"
    cli(other, "db", "export", str(dump))
    result = cli(db_url, "db", "import", str(dump), "--force", "--yes")
    saved = list(tmp_path.rglob("*.before-import-*.jsonl"))
    assert len(saved) == 1 and str(saved[0]) in result.stderr
    expected_dir = dumps if db_url.startswith("postgres") else tmp_path
    assert saved[0].parent == expected_dir
    restored = str(tmp_path / "restored.db")
    cli(restored, "db", "import", str(saved[0]))
    assert snapshot(restored, dumps) == before
