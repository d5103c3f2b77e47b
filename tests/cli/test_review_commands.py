"""`claimtrack review list|accept|reject`, `link --reject --note` and `claims add` linking, on both backends."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from claims.ledger import Ledger, LinkRequest
from claims.review_store import suggestion_id
from pipeline.cli.app import app

runner = CliRunner()


def run(db: str, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    return result.stdout.strip() if code == 0 else result.stderr.strip()


def add(db: str, text: str, claimant: str, date: str) -> str:
    return run(db, "claims", "add", "--text", text, "--claimant", claimant, "--date", date, "--no-link")


def queue(db: str) -> tuple[str, str, str]:
    """Three hand-logged claims; the later two are the linker's suggestions against the first."""
    first = add(db, "The ferry to Strand runs daily", "Harbour office", "2024-03-01")
    second = add(db, "The ferry to Strand was suspended", "Ferry company", "2024-03-04")
    third = add(db, "The ferry to Strand still sails every day", "Port users", "2024-03-06")
    with Ledger.open(db) as ledger:
        reason = {"text": "The company said the ferry stopped", "confidence": 0.72, "auto": False}
        ledger.link_many(
            [
                LinkRequest(second, first, "contradicts", reason, origin="suggested"),
                LinkRequest(third, first, "supports", reason | {"confidence": 0.64}, origin="suggested"),
            ]
        )
    return first, second, third


def status(db: str, cid: str) -> str:
    return str(json.loads(run(db, "claims", "show", cid, "--format", "json"))["status"])


def test_list_in_every_format(db_url: str) -> None:
    first, second, third = queue(db_url)
    listed = json.loads(run(db_url, "review", "list", "--format", "json"))
    assert [s["id"] for s in listed] == [suggestion_id(third, first), suggestion_id(second, first)]  # newest first
    top = listed[0]
    assert (top["stance"], top["confidence"], top["reason"]) == ("supports", 0.64, "The company said the ferry stopped")
    assert (top["from_claim"]["claimant"], top["to_claim"]["text"]) == ("Port users", "The ferry to Strand runs daily")
    by_confidence = json.loads(
        run(db_url, "review", "list", "--order", "confidence", "--limit", "1", "--format", "json")
    )
    assert [s["id"] for s in by_confidence] == [suggestion_id(second, first)]
    rows = list(csv.DictReader(io.StringIO(run(db_url, "review", "list", "--format", "csv"))))
    assert [r["from_claimant"] for r in rows] == ["Port users", "Ferry company"] and rows[0]["to_date"] == "2024-03-01"
    table = run(db_url, "review", "list")
    assert "2 pending suggestions" in table and suggestion_id(second, first) in table
    assert status(db_url, first) == "unverified"  # suggestions count for nothing


def test_accept_and_reject_record_the_decision(db_url: str) -> None:
    first, second, third = queue(db_url)
    sid = suggestion_id(second, first)
    out = run(db_url, "review", "accept", sid[:7], "--by", "maria", "--note", "confirmed by phone")
    assert out == f"{sid} accepted: {second} contradicts {first} ({first} is disputed)"
    rejected = json.loads(
        run(db_url, "review", "reject", suggestion_id(third, first), "--by", "ola", "--note", "old timetable",
            "--format", "json")
    )
    assert rejected["decision"] == "rejected" and rejected["link"]["note"] == "old timetable"
    assert json.loads(run(db_url, "review", "list", "--format", "json")) == []
    detail = json.loads(run(db_url, "claims", "show", first, "--format", "json"))
    assert detail["status"] == "disputed"
    events = {(e["origin"], e["rejected"], e["by"], e["note"]) for e in detail["link_history"]}
    assert ("accepted", False, "maria", "confirmed by phone") in events
    assert ("manual", True, "ola", "old timetable") in events
    accepted = next(e for e in detail["link_history"] if e["origin"] == "accepted")
    assert accepted["reason"]["confidence"] == 0.72  # the linker's reason stays with the decision


def test_accept_as_another_stance(db_url: str) -> None:
    first, second, _ = queue(db_url)
    run(db_url, "review", "accept", suggestion_id(second, first), "--by", "maria", "--stance", "supports")
    assert status(db_url, first) == "corroborated"


def test_decisions_survive_relink(db_url: str) -> None:
    first, second, third = queue(db_url)
    run(db_url, "review", "accept", suggestion_id(second, first), "--by", "maria")
    run(db_url, "review", "reject", suggestion_id(third, first), "--by", "maria")
    # These hand-made claims carry no entities: relink finds no link at all, and touches no decision.
    assert "0 removed" in run(db_url, "relink")
    detail = json.loads(run(db_url, "claims", "show", first, "--format", "json"))
    assert detail["status"] == "disputed"
    assert {(lk["claim_id"], lk["origin"]) for lk in detail["links"]} == {(second, "accepted")}


def test_relink_withdraws_a_stale_suggestion_with_an_event(db_url: str) -> None:
    _, second, _ = queue(db_url)
    assert "2 removed" in run(db_url, "relink")
    assert json.loads(run(db_url, "review", "list", "--format", "json")) == []
    detail = json.loads(run(db_url, "claims", "show", second, "--format", "json"))
    assert [(e["origin"], e["removed"]) for e in detail["link_history"]] == [("suggested", False), ("suggested", True)]
    assert "contradicts withdrawn (suggested)" in run(db_url, "claims", "show", second)


def test_bad_input_is_one_line_and_changes_nothing(db_url: str) -> None:
    first, second, _ = queue(db_url)
    sid = suggestion_id(second, first)
    err = run(db_url, "review", "accept", "rzzzzzz", "--by", "maria", code=1)
    assert "unknown suggestion id 'rzzzzzz'" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert "--by" in run(db_url, "review", "accept", sid, code=2)
    assert "--by" in run(db_url, "review", "reject", sid, "--by", " ", code=2)
    assert "ambiguous" in run(db_url, "review", "accept", "r", "--by", "maria", code=1)
    run(db_url, "review", "accept", sid, "--by", "maria")
    err = run(db_url, "review", "accept", sid, "--by", "ola", code=1)
    assert err.endswith(f"suggestion {sid} was already accepted by maria")
    assert "already accepted" in run(db_url, "review", "reject", sid, "--by", "ola", code=1)
    assert run(db_url, "review", "list", "--order", "oldest", code=2)
    assert run(db_url, "review", "accept", sid, "--by", "x", "--stance", "related", code=2)
    assert len(json.loads(run(db_url, "review", "list", "--format", "json"))) == 1


def test_link_reject_keeps_its_note_and_related_is_gone(db_url: str) -> None:
    first, second, _ = queue(db_url)
    run(db_url, "link", second, first, "--reject", "--by", "maria", "--note", "a different ferry")
    detail = json.loads(run(db_url, "claims", "show", first, "--format", "json"))
    rejection = detail["link_history"][-1]
    assert rejection["rejected"] and rejection["note"] == "a different ferry" and rejection["by"] == "maria"
    assert "a different ferry" in run(db_url, "claims", "show", first)
    run(db_url, "link", second, first, "--stance", "related", code=2)


@pytest.mark.slow
def test_claims_add_links_like_ingest(db_url: str) -> None:
    """A hand-logged claim is annotated and linked: an automatic denial, and suggestions to review."""

    def log(text: str, claimant: str, date: str) -> str:
        return run(db_url, "claims", "add", "--text", text, "--claimant", claimant, "--date", date)

    purchase = log("Orlavia bought 200 electric buses from Brask Motors", "Ines Marek", "2025-02-03")
    denial = log("Orlavia did not buy electric buses from Brask Motors", "Brask Motors", "2025-02-05")
    links = json.loads(run(db_url, "claims", "show", purchase, "--format", "json"))["links"]
    assert [(lk["claim_id"], lk["stance"], lk["direction"]) for lk in links] == [(denial, "contradicts", "from")]
    expected = "disputed" if links[0]["origin"] == "auto" else "unverified"
    assert status(db_url, purchase) == expected
    # A repeat by the same claimant becomes an appearance of the earlier claim, whose id is printed.
    again = log("Orlavia bought 200 electric buses from Brask Motors", "Ines Marek", "2025-03-01")
    assert again == purchase
    # Same links through relink: ingest-time linking and relink agree.
    assert "0 added, 0 changed, 0 removed" in run(db_url, "relink")


def test_review_list_prints_stored_text_safely(db_url: str) -> None:
    first = add(db_url, "The pier [bold]reopened[/bold] \x1b[31mtoday", "Harbour office", "2024-03-01")
    second = add(db_url, "=HYPERLINK(\"http://x\") the pier is shut\nFAKE LINE", "Ferry company", "2024-03-04")
    with Ledger.open(db_url) as ledger:
        reason = {"text": "why \x1b]8;;http://x\x07link", "confidence": 0.7, "auto": False}
        ledger.link_many([LinkRequest(second, first, "contradicts", reason, origin="suggested")])
    table = run(db_url, "review", "list")
    assert "\x1b" not in table and "\x07" not in table
    assert "[bold]" in table  # printed as typed, never as markup
    rows = list(csv.DictReader(io.StringIO(run(db_url, "review", "list", "--format", "csv"))))
    assert not rows[0]["from_text"].startswith("=")
