"""The ledger commands end to end through Typer's CliRunner, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app

runner = CliRunner()


def run(db: str, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    return result.stdout.strip()


def add(db: str, text: str, claimant: str, *extra: str) -> str:
    return run(db, "claims", "add", "--text", text, "--claimant", claimant, *extra)


def test_log_link_rate_report(db_url: str) -> None:
    first = add(db_url, "The harbour bridge opened to traffic in May", "Mayor Ines Varga", "--date", "2023-05-02")
    second = add(
        db_url,
        "The harbour bridge has not opened",
        "Port engineer Tomas Ruud",
        "--date",
        "2023-05-04",
        "--role",
        "chief engineer",
        "--source-url",
        "https://example.org/bridge",
        "--source-title",
        "Bridge still shut",
    )
    third = add(db_url, "Ferry fares doubled last year", "Councillor Ada Moss")
    run(db_url, "link", second, first, "--stance", "contradicts", "--note", "engineer contradicts mayor", "--by", "ed")
    run(db_url, "verdict", third[:7], "false", "--rationale", "fares rose 10%", "--evidence", "https://example.org/f")

    report = json.loads(run(db_url, "report", "disputed", "--format", "json"))
    assert [c["id"] for c in report["claims"]] == [first]
    disputed = report["claims"][0]
    assert disputed["status"] == "disputed"
    assert [(e["id"], e["stance"]) for e in disputed["evidence"]] == [(second, "contradicts")]

    listed = {c["id"]: c for c in json.loads(run(db_url, "claims", "list", "--format", "json"))}
    assert listed[first]["status"] == "disputed"
    assert listed[second]["status"] == "unverified"
    assert listed[third]["status"] == "rated"
    assert listed[third]["verdict"]["rating"] == "false"
    assert listed[second]["source"]["url"] == "https://example.org/bridge"
    assert listed[first]["links"] == [
        {"claim_id": second, "stance": "contradicts", "origin": "manual", "direction": "from", "reason": None}
    ]
    assert listed[second]["links"][0]["claim_id"] == first
    for key in ("id", "text", "claimant", "claim_date", "polarity", "status", "verdict", "source", "links"):
        assert key in listed[first]

    md = run(db_url, "report", "disputed")
    assert "harbour bridge opened" in md
    assert "Ferry fares" not in md


def test_verdict_history_and_rejection(db_url: str) -> None:
    a = add(db_url, "Water rates will fall", "Utility board", "--date", "2024-01-10")
    b = add(db_url, "Water rates will rise", "Audit office", "--date", "2024-01-12")
    run(db_url, "verdict", a, "mixed")
    run(db_url, "verdict", a, "mostly-false", "--by", "desk")
    detail = json.loads(run(db_url, "claims", "show", a, "--format", "json"))
    assert [v["rating"] for v in detail["verdict_history"]] == ["mixed", "mostly-false"]
    assert detail["verdict"]["rating"] == "mostly-false"

    run(db_url, "link", b, a, "--stance", "contradicts")
    run(db_url, "link", b, a, "--reject", "--by", "desk")
    detail = json.loads(run(db_url, "claims", "show", b, "--format", "json"))
    assert detail["links"] == []
    assert [e["rejected"] for e in detail["link_history"]] == [False, True]
    text = run(db_url, "claims", "show", b)
    assert "rejected" in text


def test_list_filters_and_formats(db_url: str) -> None:
    add(db_url, "Unemployment fell to 4%", "Labour minister", "--date", "2023-03")
    add(db_url, "Unemployment rose", "Opposition leader", "--date", "2023-09-14")
    add(db_url, "Exports grew", "Trade office", "--date", "2022")
    dates = [c["claim_date"] for c in json.loads(run(db_url, "claims", "list", "--format", "json"))]
    assert dates == ["2022", "2023-03", "2023-09-14"]
    since = json.loads(run(db_url, "claims", "list", "--since", "2023-06", "--format", "json"))
    assert [c["claimant"] for c in since] == ["Opposition leader"]
    until = json.loads(run(db_url, "claims", "list", "--until", "2022-12-31", "--format", "json"))
    assert [c["claimant"] for c in until] == ["Trade office"]
    by = json.loads(run(db_url, "claims", "list", "--claimant", "labour", "--format", "json"))
    assert len(by) == 1
    csv_text = run(db_url, "claims", "list", "--format", "csv")
    assert csv_text.splitlines()[0].startswith("id,claim_date,claimant")
    assert len(csv_text.splitlines()) == 4
    assert "3 claims" in run(db_url, "claims", "list")


def test_add_json_and_sources(db_url: str) -> None:
    out = run(
        db_url,
        "claims",
        "add",
        "--text",
        "The mill closed in 1998",
        "--claimant",
        "Town historian",
        "--date",
        "1999",
        "--source-title",
        "Mill history",
        "--format",
        "json",
    )
    claim = json.loads(out)
    assert claim["claim_date"] == "1999" and claim["source"]["title"] == "Mill history"
    sources = json.loads(run(db_url, "sources", "list", "--format", "json"))
    assert [s["title"] for s in sources] == ["Mill history"]
    shown = json.loads(run(db_url, "sources", "show", sources[0]["id"], "--format", "json"))
    assert "text" in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "show", "cffffffffff"], "unknown claim id"),
        (["claims", "add", "--text", "  ", "--claimant", "x"], "claim text is empty"),
        (["claims", "add", "--text", "t", "--claimant", "x", "--date", "2022-13-45"], "invalid date '2022-13-45'"),
        (["claims", "list", "--since", "yesterday"], "invalid date"),
        (["claims", "list", "--status", "bogus"], "unknown status"),
        (["sources", "show", "snope"], "unknown source id"),
    ],
)
def test_bad_input_one_line(db_url: str, args: list[str], message: str) -> None:
    add(db_url, "Seed claim", "Someone")
    before = run(db_url, "claims", "list", "--format", "json")
    result = runner.invoke(app, ["--db", db_url, *args])
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert run(db_url, "claims", "list", "--format", "json") == before


def test_unknown_rating_and_ambiguous_prefix(db_url: str) -> None:
    ids = [add(db_url, f"Claim number {i}", "Someone") for i in range(40)]
    result = runner.invoke(app, ["--db", db_url, "verdict", ids[0], "sort-of"])
    assert result.exit_code == 1 and "unknown rating 'sort-of'" in result.stderr
    result = runner.invoke(app, ["--db", db_url, "claims", "show", "c"])
    assert result.exit_code == 1 and "ambiguous claim id prefix" in result.stderr
    assert all(c["status"] == "unverified" for c in json.loads(run(db_url, "claims", "list", "--format", "json")))


def test_link_usage_errors(db_url: str) -> None:
    a = add(db_url, "A", "x")
    b = add(db_url, "B", "y")
    assert runner.invoke(app, ["--db", db_url, "link", a, b]).exit_code == 2
    assert runner.invoke(app, ["--db", db_url, "link", a, b, "--stance", "maybe"]).exit_code == 2
    result = runner.invoke(app, ["--db", db_url, "link", a, "cdeadbeef00", "--stance", "supports"])
    assert result.exit_code == 1 and "unknown claim id" in result.stderr


def test_bad_database_paths(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "missing" / "x.db"), "claims", "list"])
    assert result.exit_code == 1 and "does not exist" in result.stderr
    junk = tmp_path / "notes.txt"
    junk.write_text("these are not the claims you are looking for\n" * 20)
    result = runner.invoke(app, ["--db", str(junk), "claims", "list"])
    assert result.exit_code == 1 and "not a claimtrack database" in result.stderr
    assert junk.read_text().startswith("these are not")
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    result = runner.invoke(app, ["--db", str(other), "claims", "add", "--text", "t", "--claimant", "c"])
    assert result.exit_code == 1 and "not a claimtrack ledger" in result.stderr
    result = runner.invoke(app, ["--db", str(tmp_path), "claims", "list"])
    assert result.exit_code == 1 and "directory" in result.stderr


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("CLAIMTRACK_DB", str(path))
    result = runner.invoke(app, ["claims", "add", "--text", "Env claim", "--claimant", "E"])
    assert result.exit_code == 0
    assert path.exists()
