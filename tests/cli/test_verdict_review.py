"""`verdict` with the published fact-check, `config set|get|list`, and the flag-free ClaimReview export."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app

runner = CliRunner()
REVIEW = "https://desk.example.org/checks/ferries"


def run(db: str, *args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    return result.stdout.strip(), result.stderr.strip()


def add(db: str, text: str = "Ferries run every hour", claimant: str = "Port office") -> str:
    return run(db, "claims", "add", "--text", text, "--claimant", claimant)[0]


@pytest.mark.parametrize(("typed", "stored"), [("FALSE", "false"), ("Mostly True", "mostly-true"),
                                                ("mostly_false", "mostly-false"), (" Unproven ", "unproven")])
def test_ratings_are_read_case_insensitively(db_url: str, typed: str, stored: str) -> None:
    claim = add(db_url)
    out, _ = run(db_url, "verdict", claim, typed)
    assert out == f"{claim} rated {stored}"
    shown = json.loads(run(db_url, "claims", "show", claim, "--format", "json")[0])
    assert shown["verdict"]["rating"] == stored


def test_verdict_carries_the_published_fact_check(db_url: str) -> None:
    claim = add(db_url)
    run(db_url, "verdict", claim, "Mostly False", "--review-url", REVIEW, "--review-title", "Do ferries run hourly?",
        "--published", "2024-03-02")
    shown = json.loads(run(db_url, "claims", "show", claim, "--format", "json")[0])
    expected = {"review_url": REVIEW, "review_title": "Do ferries run hourly?", "published": "2024-03-02"}
    assert {k: shown["verdict"][k] for k in expected} == expected
    assert shown["verdict_history"][-1]["published"] == "2024-03-02"
    text, _ = run(db_url, "claims", "show", claim)
    assert f"fact-check: Do ferries run hourly? | 2024-03-02 | {REVIEW}" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["maybe"], "unknown rating 'maybe'"),
        (["false", "--published", "2024-02-30"], "invalid --published date '2024-02-30'"),
        (["false", "--published", "yesterday"], "invalid --published date"),
        (["false", "--published", (dt.date.today() + dt.timedelta(days=3)).isoformat()], "after today"),
    ],
)
def test_bad_verdicts_are_refused_and_nothing_is_stored(db_url: str, args: list[str], message: str) -> None:
    claim = add(db_url)
    _, err = run(db_url, "verdict", claim, *args, code=1)
    assert err.startswith("Error:") and message in err and len(err.splitlines()) == 1
    assert json.loads(run(db_url, "claims", "show", claim, "--format", "json")[0])["verdict_history"] == []


def test_bad_review_url_and_unknown_claim(db_url: str) -> None:
    claim = add(db_url)
    result = runner.invoke(app, ["--db", db_url, "verdict", claim, "false", "--review-url", "javascript:alert(1)"])
    assert result.exit_code == 2 and "http(s)" in result.stderr
    _, err = run(db_url, "verdict", "cffffffffff", "false", code=1)
    assert "cffffffffff" in err


def test_config_set_get_list(db_url: str) -> None:
    assert run(db_url, "config", "set", "org.name", "Harbour Checks")[0] == "org.name = Harbour Checks"
    run(db_url, "config", "set", "org.url", "https://desk.example.org")
    assert run(db_url, "config", "get", "org.url")[0] == "https://desk.example.org"
    listed = json.loads(run(db_url, "config", "list", "--format", "json")[0])
    assert listed == {"org.name": "Harbour Checks", "org.url": "https://desk.example.org", "review.url_template": None}
    assert "review.url_template = (not set)" in run(db_url, "config", "list")[0]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("org.colour", "blue", "unknown setting 'org.colour'"),
        ("org.url", "javascript:alert(1)", "http(s)"),
        ("org.name", "   ", "empty"),
        ("review.url_template", "https://desk.example.org/checks", "{claim_id}"),
        ("review.url_template", "https://desk.example.org/{year}/{claim_id}", "braces"),
    ],
)
def test_config_refuses_bad_values(db_url: str, key: str, value: str, message: str) -> None:
    _, err = run(db_url, "config", "set", key, value, code=1)
    assert err.startswith("Error:") and message in err
    _, err = run(db_url, "config", "get", key, code=1)


def test_export_needs_no_flags_after_setup(db_url: str) -> None:
    rated, unrated = add(db_url), add(db_url, "Ferries are free on Sundays", "Port office")
    run(db_url, "verdict", rated, "false", "--review-url", REVIEW, "--published", "2024-03-02")
    run(db_url, "verdict", unrated, "true")
    _, err = run(db_url, "export", "claimreview", code=1)
    assert "config set org.name" in err
    run(db_url, "config", "set", "org.name", "Harbour Checks")
    run(db_url, "config", "set", "org.url", "https://desk.example.org")
    out, err = run(db_url, "export", "claimreview")
    items = json.loads(out)
    assert [(i["url"], i["datePublished"], i["author"]["name"]) for i in items] == [
        (REVIEW, "2024-03-02", "Harbour Checks")
    ]
    assert f"skipped {unrated}: no fact-check URL" in err and "exported 1 ClaimReview(s), skipped 1" in err
