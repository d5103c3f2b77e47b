"""The report, export and import commands, through Typer's CliRunner."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app

runner = CliRunner()


@pytest.fixture
def db(fixed_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714564800")  # 2024-05-01T12:00:00Z
    return fixed_db


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_report_disputed_formats_and_filters(db: str, tmp_path: Path) -> None:
    data = json.loads(run("--db", db, "report", "disputed", "--format", "json"))
    assert data["generated_at"] == "2024-05-01T12:00:00Z"
    # Newest evidence first: the buses thread's latest evidence (April 2023) is later than the unemployment one's.
    assert [c["id"] for c in data["claims"]] == ["c0000000001", "c0000000005"]
    first = data["claims"][0]
    assert {"id", "text", "claimant", "claim_date", "polarity", "status", "verdict", "source", "links"} <= set(first)
    assert [e["stance"] for e in first["evidence"]] == ["contradicts", "supports", "related"]

    rated = json.loads(run("--db", db, "report", "disputed", "--format", "json", "--include-rated"))
    assert [c["id"] for c in rated["claims"]] == ["c0000000001", "c0000000005", "c0000000007"]
    assert len(rated["claims"][2]["verdict_history"]) == 2
    by_claim_date = json.loads(run("--db", db, "report", "disputed", "--format", "json", "--order", "claim-date"))
    assert [c["id"] for c in by_claim_date["claims"]] == ["c0000000005", "c0000000001"]

    def ids(*extra: str) -> list[str]:
        return [
            c["id"] for c in json.loads(run("--db", db, "report", "disputed", "--format", "json", *extra))["claims"]
        ]

    assert ids("--since", "2023-03") == ["c0000000001", "c0000000005"]
    assert ids("--until", "2023-02") == ["c0000000005"]
    assert ids("--entity", "Buses") == ["c0000000001"]
    assert ids("--claimant", "petrova") == ["c0000000001", "c0000000005"]
    assert ids("--claimant", "nobody") == []

    out = tmp_path / "report.html"
    run("--db", db, "report", "disputed", "--format", "html", "--out", str(out))
    assert out.read_text(encoding="utf-8").count('class="timeline"') == 2
    csv_text = run("--db", db, "report", "disputed", "--format", "csv")
    assert len(csv_text.strip().splitlines()) == 1 + 4
    md = run("--db", db, "report", "disputed")
    assert md.startswith("# Disputed claims") and "**2** claim thread(s)" in md


def test_report_status(db: str) -> None:
    data = json.loads(run("--db", db, "report", "status", "--format", "json"))
    assert {c["key"]: c["count"] for c in data["by_status"]}["disputed"] == 2
    assert "<svg" in run("--db", db, "report", "status", "--format", "html")
    assert "## By status" in run("--db", db, "report", "status")
    assert run("--db", db, "report", "status", "--format", "csv").startswith("section,key,claims")


def test_bad_options_fail_cleanly(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "report", "disputed", "--since", "2023-13"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert runner.invoke(app, ["--db", db, "report", "disputed", "--format", "pdf"]).exit_code == 2
    bad_since = runner.invoke(app, ["--db", db, "report", "disputed", "--changed-since", "last week"])
    assert bad_since.exit_code == 1 and "invalid date 'last week'" in bad_since.output
    assert "Traceback" not in bad_since.output and len(bad_since.output.strip().splitlines()) == 1
    assert runner.invoke(app, ["--db", db, "report", "disputed", "--order", "newest"]).exit_code == 2
    missing = runner.invoke(app, ["--db", db, "import", "claimreview", "/nonexistent/file.json"])
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_export_then_import_claimreview(db: str, fresh_db: Callable[[str], str], tmp_path: Path) -> None:
    out = tmp_path / "cr.json"
    run("--db", db, "config", "set", "review.url_template", "{org_url}/checks/{claim_id}")
    run(
        "--db",
        db,
        "export",
        "claimreview",
        "--out",
        str(out),
        "--org-name",
        "CLI Desk",
        "--org-url",
        "https://cli.example",
    )
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 2 and {i["author"]["name"] for i in items} == {"CLI Desk"}
    fresh = fresh_db("fresh")
    printed = run("--db", fresh, "import", "claimreview", "--no-link", str(out))
    assert printed.splitlines()[0] == "imported 2, skipped 0"
    again = run("--db", fresh, "import", "claimreview", "--no-link", str(out))
    assert again.splitlines()[0] == "imported 0, skipped 2"
    assert "already in the ledger" in again


def test_export_without_org_fails_cleanly(db_url: str) -> None:
    result = runner.invoke(app, ["--db", db_url, "export", "claimreview"])
    assert result.exit_code == 1 and "--org-name" in result.output


# -- linking imported fact-checks to the ledger (loads the spaCy model) -------------------
# These run the real command in a subprocess: under pytest, tests/pipeline/ can shadow the
# `pipeline` package for importlib.resources, and a subprocess is what users run anyway.

DATA = Path(__file__).resolve().parent / "data"


def sub(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli.app", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_imported_fact_checks_link_to_and_rate_ingested_claims(db_url: str, tmp_path: Path) -> None:
    """A fact-check contradicting a logged claim disputes it; a fact-check of the same claim rates it."""
    db = db_url
    sub(tmp_path, "--db", db, "ingest", str(DATA / "drones_article.txt"), str(DATA / "bridge_article.txt"))
    before = {c["claimant"]: c for c in json.loads(sub(tmp_path, "--db", db, "claims", "list", "--format", "json"))}
    reviews = [str(DATA / "drones_review.json"), str(DATA / "bridge_review.json")]
    assert sub(tmp_path, "--db", db, "import", "claimreview", *reviews).startswith("imported 2, skipped 0")
    after = {c["claimant"]: c for c in json.loads(sub(tmp_path, "--db", db, "claims", "list", "--format", "json"))}

    minister = next(c for name, c in after.items() if name and "Berg" in name)
    review = after["Estonian defence ministry"]
    assert minister["status"] == "disputed" and review["status"] == "rated"
    assert [(lk["claim_id"], lk["stance"]) for lk in minister["links"]] == [(review["id"], "contradicts")]

    mayor = after["Tom Hale"]
    assert mayor["id"] == before["Tom Hale"]["id"]  # the same claimant's same claim: merged, not duplicated
    assert mayor["verdict"]["rating"] == "false" and mayor["verdict"]["label"] == "False"
    assert len(after) == len(before) + 1


# -- real data (../shared) ---------------------------------------------------------------


def _counts(text: str) -> tuple[int, int]:
    match = re.match(r"imported (\d+), skipped (\d+)", text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def test_import_all_real_claimreview(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "claimreview"
    files = [
        *sorted(str(p) for p in (folder / "fixtures").iterdir()),
        str(folder / "claimreview_jsonld_extracted.json"),
    ]
    printed = run("--db", str(tmp_path / "cr.db"), "import", "claimreview", "--no-link", *files)
    # 16 ClaimReviews in the fixtures (14 pages, a DataFeedItem, an API claim); 12 fixture files hold none;
    # the extracted file repeats 15 of them, skipped as already imported.
    assert _counts(printed) == (16, 27)
    assert printed.count("no ClaimReview found") == 12
    assert printed.count("already in the ledger") == 15
    assert printed.count("  note ") == 2  # two ratings that are sentences, kept as unproven with their label
    alone = run("--db", str(tmp_path / "alone.db"), "import", "claimreview", "--no-link", files[-1])
    assert _counts(alone) == (15, 0)


@pytest.mark.slow
def test_import_real_claimreview_with_linking(shared_data: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in (shared_data / "claimreview" / "fixtures").iterdir())
    printed = sub(tmp_path, "--db", str(tmp_path / "crl.db"), "import", "claimreview", *files)
    assert _counts(printed) == (16, 12)


def test_import_real_averitec(shared_data: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "av.db")
    printed = run("--db", db, "import", "averitec", str(shared_data / "averitec" / "dev.json"))
    assert _counts(printed) == (493, 7)
    status = json.loads(run("--db", db, "report", "status", "--format", "json"))
    # Imports link as ingest does: a claimant's repeated claim merges into the first (its verdict lands there).
    assert 0.9 * 493 <= status["total"] <= 493
    assert {c["key"]: c["count"] for c in status["by_status"]}["rated"] == status["total"]


# -- the editor scenario: --changed-since, --include-suggestions ----------------------------


@pytest.fixture
def editor(editor_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1618488000")  # 2021-04-15T12:00:00Z
    return editor_db


def test_changed_since_selects_by_event_history_and_says_what_changed(editor: str) -> None:
    data = json.loads(run("--db", editor, "report", "disputed", "--format", "json", "--changed-since", "2021-04-01"))
    assert [c["id"] for c in data["claims"]] == ["e0000000006"]  # claimed in March, contradicted and rated in April
    changes = [c["text"] for c in data["claims"][0]["changes"]]
    assert changes[0].startswith("New evidence: contradicted by Harbor Times")
    assert changes[1].startswith("Rated false by Desk B")
    assert json.loads(run("--db", editor, "report", "disputed", "--format", "json", "--changed-since", "2021-05"))[
        "claims"
    ] == []


def test_suggestions_only_with_include_suggestions(editor: str) -> None:
    def review_states(*extra: str) -> list[str]:
        data = json.loads(run("--db", editor, "report", "disputed", "--format", "json", *extra))
        mayor = next(c for c in data["claims"] if c["id"] == "e0000000001")
        return [e["review_state"] for e in mayor["evidence"]]

    assert review_states() == ["manual", "automatic", "accepted"]
    assert review_states("--include-suggestions") == ["manual", "automatic", "accepted", "suggested"]
