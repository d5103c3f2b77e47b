"""A revised article does not duplicate its claims (ingest the same URL twice), end to end on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app

pytestmark = pytest.mark.slow  # parses articles with the spaCy model

runner = CliRunner()
URL = "https://example.org/harbour/ferry-budget"

ARTICLE = """Harbour council approves new ferry budget

Dunmore, 3 March 2024 — The harbour council approved a new ferry budget on Tuesday.

"The ferry service will carry twice as many passengers next year," said council leader Marta Okafor.

Transport minister Jonas Berg said the government would pay for two new boats.

Opposition councillor Pia Lund said the budget was 40 million crowns over the plan.

Okafor said ticket prices would not rise before 2026.

Berg said the new boats would run on electricity.

Lund said the old ferry had broken down nine times last winter.
"""
OLD = "Lund said the old ferry had broken down nine times last winter."
NEW = "Lund said the harbour office had lost the safety records for the old ferry."


def run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stdout.strip()


def claims(db: str, *extra: str) -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(run(db, "claims", "list", "--format", "json", *extra))}


def ingest(db: str, path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    run(db, "ingest", str(path), "--url", URL, "--published", "2024-03-03")


def test_revised_article_keeps_unchanged_claims(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path / "v1.txt", ARTICLE)
    first = claims(db_url)
    assert len(first) >= 5
    removed = next(cid for cid, c in first.items() if "broken down" in c["text"])
    kept = sorted(cid for cid in first if cid != removed)
    a, b = kept[0], kept[1]
    run(db_url, "verdict", a, "mostly-true", "--by", "ed")
    run(db_url, "link", b, a, "--stance", "supports", "--by", "ed")

    ingest(db_url, tmp_path / "v2.txt", ARTICLE.replace(OLD, NEW))
    second = claims(db_url)
    assert set(kept) <= set(second) and removed not in second
    added = set(second) - set(first)
    assert len(added) == 1 and "safety records" in second[added.pop()]["text"]
    assert second[a]["verdict"]["rating"] == "mostly-true"
    assert [(link["claim_id"], link["stance"]) for link in second[a]["links"]] == [(b, "supports")]
    gone = claims(db_url, "--include-retracted")[removed]
    assert gone["retracted"] is True
    history = json.loads(run(db_url, "claims", "show", removed, "--format", "json"))["history"]
    assert [e["detail"]["reason"] for e in history if e["kind"] == "retracted"] == ["removed in revision 2"]

    # A person's retraction survives the next revision; a revision's is undone when the sentence returns.
    run(db_url, "claims", "retract", b, "--by", "ed", "--reason", "not a claim")
    ingest(db_url, tmp_path / "v3.txt", ARTICLE + "\nOkafor said the harbour would reopen in June.\n")
    third = claims(db_url)
    assert removed in third and b not in third
    assert set(kept) - {b} <= set(third)
    # Ingesting a stored revision again changes nothing.
    ingest(db_url, tmp_path / "v3-again.txt", ARTICLE + "\nOkafor said the harbour would reopen in June.\n")
    assert claims(db_url) == third


def test_edit_text_reparses_and_reindexes(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path / "v1.txt", ARTICLE)
    cid = next(cid for cid, c in claims(db_url).items() if "electricity" in c["text"])
    out = json.loads(run(db_url, "claims", "edit", cid, "--text", "The new boats would run on hydrogen from Dunmore",
                         "--by", "desk", "--format", "json"))
    assert out["event"]["detail"]["changes"]["text"]["old"] == "The new boats would run on electricity"
    assert "dunmore" in " ".join(out["claim"]["entities"]).casefold()
    found = json.loads(run(db_url, "claims", "search", "hydrogen", "--format", "json"))
    assert [h["id"] for h in found] == [cid]
    assert json.loads(run(db_url, "claims", "search", "electricity", "--format", "json")) == []
