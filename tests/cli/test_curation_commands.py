"""`claims edit|retract|restore|merge|unmerge|search` and `claimants ...` end to end, on both backends."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app

runner = CliRunner()


def run(db: str, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    if code:
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
        return lines[0]
    return result.stdout.strip()


def add(db: str, text: str, claimant: str, *extra: str) -> str:
    return run(db, "claims", "add", "--text", text, "--claimant", claimant, *extra)


def listed(db: str, *extra: str) -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(run(db, "claims", "list", "--format", "json", *extra))}


def show(db: str, cid: str) -> dict:
    return json.loads(run(db, "claims", "show", cid, "--format", "json"))


@pytest.fixture
def three(db_url: str) -> tuple[str, str, str, str]:
    """A claim, one contradicting it, and a rated near-duplicate of the first by the same person under another name."""
    first = add(db_url, "The harbour bridge opened to traffic in May", "Mayor Ines Varga", "--date", "2023-05-02")
    second = add(db_url, "The harbour bridge has not opened", "Port engineer Tomas Ruud", "--date", "2023-05-04")
    third = add(db_url, "The harbour bridge opened in May", "Ines Varga", "--date", "2023-05-03")
    run(db_url, "link", second, first, "--stance", "contradicts", "--by", "ed")
    run(db_url, "verdict", third, "false", "--by", "ed")
    return db_url, first, second, third


# -- edit ----------------------------------------------------------------------------------------
def test_edit_records_old_and_new_values(three: tuple[str, str, str, str]) -> None:
    db, first, second, _ = three
    out = run(db, "claims", "edit", first, "--claimant", "Ines Varga", "--role", "mayor", "--date", "2023-05-01",
              "--polarity", "denied", "--quote", "paraphrase", "--by", "desk", "--note", "wrong speaker")
    assert out.startswith(f"{first}: edited")
    claim = show(db, first)
    assert (claim["claimant"], claim["claimant_role"], claim["claim_date"]) == ("Ines Varga", "mayor", "2023-05-01")
    assert (claim["polarity"], claim["quote"]) == ("negated", "reported")
    edits = [e for e in claim["history"] if e["kind"] == "edited"]
    assert len(edits) == 1 and edits[0]["by"] == "desk"
    changes = edits[0]["detail"]["changes"]
    assert changes["claimant"] == {"old": "Mayor Ines Varga", "new": "Ines Varga"}
    assert changes["claim_date"] == {"old": "2023-05-02", "new": "2023-05-01"}
    assert edits[0]["detail"]["note"] == "wrong speaker"
    # The manual link stays, and the text view prints the history and the linked claim's text.
    assert [link["claim_id"] for link in claim["links"]] == [second]
    text = run(db, "claims", "show", first)
    assert "history:" in text and "Mayor Ines Varga" in text and "The harbour bridge has not opened" in text


def test_edit_bad_input(three: tuple[str, str, str, str]) -> None:
    db, first, _, _ = three
    assert "unknown claim id" in run(db, "claims", "edit", "zzz", "--role", "x", "--by", "ed", code=1)
    assert "date" in run(db, "claims", "edit", first, "--date", "2023-13-45", "--by", "ed", code=1)
    assert "polarity" in run(db, "claims", "edit", first, "--polarity", "maybe", "--by", "ed", code=1)
    assert "nothing to change" in run(db, "claims", "edit", first, "--by", "ed", code=1)
    assert "--by" in run(db, "claims", "edit", first, "--role", "x", "--by", " ", code=1)
    assert [e["kind"] for e in show(db, first)["history"] if e["kind"] == "edited"] == []


def test_editing_a_retracted_claim_is_refused(three: tuple[str, str, str, str]) -> None:
    db, first, _, _ = three
    run(db, "claims", "retract", first, "--by", "ed", "--reason", "not a claim")
    assert "retracted" in run(db, "claims", "edit", first, "--role", "mayor", "--by", "ed", code=1)


# -- retract / restore -----------------------------------------------------------------------------
def test_retract_hides_everywhere_and_restore_undoes(three: tuple[str, str, str, str]) -> None:
    db, first, second, _ = three
    assert listed(db)[first]["status"] == "disputed"
    assert run(db, "claims", "retract", second, "--by", "ed", "--reason", "extraction noise") == f"{second}: retracted"
    claims = listed(db)
    assert second not in claims
    assert claims[first]["status"] == "unverified"  # its link no longer counts
    assert claims[first]["links"] == []
    assert listed(db, "--include-retracted")[second]["retracted"] is True
    report = json.loads(run(db, "report", "disputed", "--format", "json"))
    assert report["claims"] == []
    assert second not in [c["id"] for c in json.loads(run(db, "claims", "search", "harbour", "--format", "json"))]
    history = show(db, second)["history"]
    assert [(e["kind"], e["by"], e["detail"].get("reason")) for e in history if e["kind"] == "retracted"] == [
        ("retracted", "ed", "extraction noise")
    ]
    assert "already retracted" in run(db, "claims", "retract", second, "--by", "ed", "--reason", "x", code=1)
    assert run(db, "claims", "restore", second, "--by", "ed") == f"{second}: restored"
    assert listed(db)[first]["status"] == "disputed"
    assert "not retracted" in run(db, "claims", "restore", second, "--by", "ed", code=1)
    assert "unknown claim id" in run(db, "claims", "retract", "nope", "--by", "ed", "--reason", "x", code=1)
    assert "reason" in run(db, "claims", "retract", first, "--by", "ed", "--reason", " ", code=1)


# -- merge / unmerge -------------------------------------------------------------------------------
def test_merge_brings_links_and_verdicts_and_unmerge_undoes(three: tuple[str, str, str, str]) -> None:
    db, first, second, third = three
    # `second` contradicts `first`; move the link onto the duplicate first, so the merge carries it back.
    out = run(db, "claims", "merge", third, first, "--by", "ed")
    assert out.startswith(f"{first} merged into {third}: 1 links")
    claims = listed(db)
    assert first not in claims
    assert claims[third]["status"] == "rated"
    assert [link["claim_id"] for link in claims[third]["links"]] == [second]
    assert show(db, first)["merged_into"] == third
    kinds = [e["kind"] for e in show(db, third)["history"]]
    assert "merged" in kinds
    assert run(db, "claims", "unmerge", first, "--by", "ed") == f"{first}: unmerged from {third}"
    claims = listed(db)
    assert claims[first]["status"] == "disputed"
    assert claims[third]["links"] == []
    assert claims[third]["verdict"]["rating"] == "false"
    assert "unmerged" in [e["kind"] for e in show(db, first)["history"]]


def test_merge_carries_the_verdict(three: tuple[str, str, str, str]) -> None:
    db, first, _, third = three
    run(db, "claims", "merge", first, third, "--by", "ed")
    claim = listed(db)[first]
    assert claim["verdict"]["rating"] == "false" and claim["status"] == "rated"
    run(db, "claims", "unmerge", third, "--by", "ed")
    assert listed(db)[first]["verdict"] is None


def test_merge_bad_input(three: tuple[str, str, str, str]) -> None:
    db, first, second, third = three
    assert "itself" in run(db, "claims", "merge", first, first, "--by", "ed", code=1)
    assert "unknown claim id" in run(db, "claims", "merge", first, "nope", "--by", "ed", code=1)
    assert "not merged" in run(db, "claims", "unmerge", second, "--by", "ed", code=1)
    run(db, "claims", "merge", first, third, "--by", "ed")
    assert "merged into" in run(db, "claims", "merge", second, third, "--by", "ed", code=1)
    assert "merged into" in run(db, "claims", "edit", third, "--role", "x", "--by", "ed", code=1)


# -- search ------------------------------------------------------------------------------------------
def test_search_ranks_filters_and_formats(three: tuple[str, str, str, str]) -> None:
    db, first, second, third = three
    add(db, "Ferry fares doubled last year", "Councillor Ada Moss", "--date", "2022-01-10")
    hits = json.loads(run(db, "claims", "search", "bridge opened May", "--format", "json"))
    assert [h["id"] for h in hits][:2] in ([third, first], [first, third])
    assert second not in [h["id"] for h in hits]  # "May" is required
    assert hits[0]["score"] >= hits[-1]["score"]
    rated = json.loads(run(db, "claims", "search", "bridge", "--status", "rated", "--format", "json"))
    assert [h["id"] for h in rated] == [third]
    by = json.loads(run(db, "claims", "search", "bridge", "--claimant", "tomas ruud", "--format", "json"))
    assert [h["id"] for h in by] == [second]
    dated = json.loads(run(db, "claims", "search", "bridge", "--since", "2023-05-03", "--until", "2023-05-03",
                           "--format", "json"))
    assert [h["id"] for h in dated] == [third]
    rows = list(csv.DictReader(io.StringIO(run(db, "claims", "search", "ferry", "--format", "csv"))))
    assert [r["text"] for r in rows] == ["Ferry fares doubled last year"]
    assert "1 claims matching" in run(db, "claims", "search", "ferry")
    assert json.loads(run(db, "claims", "search", "nothing-like-this", "--format", "json")) == []
    assert "search text is empty" in run(db, "claims", "search", " ?! ", code=1)
    assert "date" in run(db, "claims", "search", "bridge", "--since", "2023-99", code=1)
    assert "unknown status" in run(db, "claims", "search", "bridge", "--status", "odd", code=1)


def test_search_follows_edits(three: tuple[str, str, str, str]) -> None:
    db, first, _, _ = three
    run(db, "claims", "retract", first, "--by", "ed", "--reason", "x")
    found = json.loads(run(db, "claims", "search", "traffic", "--include-retracted", "--format", "json"))
    assert [h["id"] for h in found] == [first]


# -- claimants ---------------------------------------------------------------------------------------
def test_claimant_aliases_list_show_and_merge(three: tuple[str, str, str, str]) -> None:
    db, first, _, third = three
    people = json.loads(run(db, "claimants", "list", "--format", "json"))
    assert {p["name"] for p in people} == {"Mayor Ines Varga", "Port engineer Tomas Ruud", "Ines Varga"}
    out = run(db, "claimants", "alias", "Ines Varga", "Mayor Ines Varga", "--by", "ed")
    assert out.startswith("Ines Varga: now also Mayor Ines Varga")
    run(db, "claimants", "alias", "Mayor Ines Varga", "Madam Mayor", "--by", "ed")  # an alias of an alias
    view = json.loads(run(db, "claimants", "show", "madam mayor", "--format", "json"))
    assert view["claimant"]["name"] == "Ines Varga"
    assert set(view["claimant"]["aliases"]) == {"Mayor Ines Varga", "Madam Mayor"}
    assert [c["id"] for c in view["claims"]] == [first, third]  # oldest first
    assert view["claims"][1]["verdict"]["rating"] == "false"
    text = run(db, "claimants", "show", "Ines Varga")
    assert "[rated]  verdict: false" in text and "also known as" in text
    people = json.loads(run(db, "claimants", "list", "--format", "json"))
    assert (people[0]["name"], people[0]["claims"]) == ("Ines Varga", 2)
    # Filtering claims by any name of the person.
    assert set(listed(db, "--claimant", "Madam Mayor")) == {first, third}
    run(db, "claimants", "alias", "Ines Varga", "The Mayor", "--by", "ed")
    assert "already a name" in run(db, "claimants", "alias", "Ines Varga", "the mayor", "--by", "ed", code=1)


def test_claimants_merge_and_bad_input(db_url: str) -> None:
    a = add(db_url, "Taxes will fall next year", "Bill Clinton", "--date", "1995-01-01")
    b = add(db_url, "Taxes fell last year", "William J. Clinton", "--date", "1996-01-01")
    assert run(db_url, "claimants", "merge", "Bill Clinton", "William J. Clinton", "--by", "ed").startswith(
        "Bill Clinton: merged William J. Clinton"
    )
    run(db_url, "claimants", "alias", "William J. Clinton", "President Clinton", "--by", "ed")
    view = json.loads(run(db_url, "claimants", "show", "President Clinton", "--format", "json"))
    assert [c["id"] for c in view["claims"]] == [a, b]
    assert "unknown claimant" in run(db_url, "claimants", "show", "Nobody Here", code=1)
    assert "unknown claimant" in run(db_url, "claimants", "merge", "Bill Clinton", "Nobody", "--by", "ed", code=1)
    assert "unknown claimant" in run(db_url, "claimants", "alias", "Nobody", "X", "--by", "ed", code=1)


def test_claimant_alias_is_one_speaker_for_statuses(db_url: str) -> None:
    """Support from the same person under another name stops counting once the names are unified."""
    said = add(db_url, "Taxes will fall next year", "Bill Clinton", "--no-link")
    again = add(db_url, "Taxes fell as promised", "William J. Clinton", "--no-link")
    run(db_url, "link", again, said, "--stance", "supports", "--by", "ed")
    assert show(db_url, said)["status"] == "corroborated"
    run(db_url, "claimants", "merge", "Bill Clinton", "William J. Clinton", "--by", "ed")
    assert show(db_url, said)["status"] == "unverified"
    assert listed(db_url, "--status", "corroborated") == {}
    denial = add(db_url, "Taxes will not fall", "President Clinton", "--no-link")
    run(db_url, "claimants", "alias", "Bill Clinton", "President Clinton", "--by", "ed")
    run(db_url, "link", denial, said, "--stance", "contradicts", "--by", "ed")
    assert show(db_url, said)["status"] == "unverified"
    assert said not in run(db_url, "report", "disputed", "--format", "json")


def test_merge_moves_appearances(db_url: str) -> None:
    keep = add(db_url, "Ferry fares doubled last year", "Ada Moss", "--source-url", "https://example.org/a")
    other = add(db_url, "Bus fares rose sharply in spring", "Ada Moss", "--source-url", "https://example.org/b")
    run(db_url, "claims", "merge", keep, other, "--by", "ed")
    claim = show(db_url, keep)
    assert [a["source"]["url"] for a in claim["appearances"]] == ["https://example.org/b"]
    assert "also in:" in run(db_url, "claims", "show", keep)
    run(db_url, "claims", "unmerge", other, "--by", "ed")
    assert show(db_url, keep)["appearances"] == []
    assert "merged" not in [c.get("merged_into") for c in listed(db_url).values()]
