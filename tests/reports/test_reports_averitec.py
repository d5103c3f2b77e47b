"""AVeriTeC import: label mapping, speaker/date quirks, QA URLs as evidence, one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.errors import SourceError
from claims.imports import ImportResult
from claims.ledger import Ledger
from pipeline.importers import import_items
from reports.averitec import averitec_entries, fact_checker


def import_averitec(ledger: Ledger, path: Path) -> ImportResult:
    """What `claimtrack import averitec` does: parse the whole file (reports/), store it in one transaction."""
    return import_items(ledger, averitec_entries(path), one_transaction=True)

RECORDS = [
    {
        "claim": "The river flooded three villages last spring.",
        "label": "Supported",
        "justification": "Local records confirm it.",
        "claim_date": "4-3-2021",
        "speaker": "Regional governor",
        "fact_checking_article": "https://web.archive.org/web/2021/https://www.checks.example.org/river",
        "questions": [
            {"question": "Q1", "answers": [{"answer": "a", "source_url": "https://records.example.org/1"}]},
            {
                "question": "Q2",
                "answers": [
                    {"answer": "b", "source_url": "https://records.example.org/1"},
                    {"answer": "c", "source_url": "https://news.example.org/2"},
                ],
            },
        ],
    },
    {
        "claim": "Bread prices tripled.",
        "label": "Refuted",
        "claim_date": "12-10-2020",
        "speaker": None,
        "justification": "They rose 8%.",
        "questions": [],
    },
    {
        "claim": "Half the budget went to roads.",
        "label": "Conflicting Evidence/Cherrypicking",
        "claim_date": "1-1-2020",
        "speaker": "Minister",
    },
    {"claim": "A secret deal was signed.", "label": "Not Enough Evidence", "claim_date": "bad-date", "speaker": "X"},
    {"claim": "", "label": "Supported"},
    {"claim": "Odd label.", "label": "Pants", "claim_date": "1-1-2020"},
    {"claim": "Bread prices tripled.", "label": "Refuted", "claim_date": "12-10-2020", "speaker": None},
    "not a record",
]


def test_small_file(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    result = import_averitec(ledger, path)
    assert result.imported == 4
    assert [(s.item, s.reason) for s in result.skipped] == [
        ("record 4", "no claim text"),
        ("record 5", "unknown label 'Pants'"),
        ("record 6", "same claim, speaker and date as record 1"),
        ("record 7", "unreadable record: Input should be a valid dictionary or instance of Record"),
    ]
    assert [n.reason for n in result.notes] == ["unreadable claim_date 'bad-date'"]
    claims = {c.text: c for c in ledger.list_claims()}
    river = claims["The river flooded three villages last spring."]
    assert (river.claimant, str(river.claim_date), river.verdict.rating) == ("Regional governor", "2021-03-04", "true")
    assert river.verdict.label == "Supported" and river.verdict.rationale == "Local records confirm it."
    assert river.verdict.by == "checks.example.org"
    assert ledger.claim_detail(river.id).verdict_history[-1].evidence == [
        "https://records.example.org/1",
        "https://news.example.org/2",
    ]
    assert claims["Bread prices tripled."].claimant is None
    assert claims["Half the budget went to roads."].verdict.rating == "mixed"
    assert claims["A secret deal was signed."].verdict.rating == "unproven"
    assert claims["A secret deal was signed."].claim_date is None
    again = import_averitec(ledger, path)
    assert again.imported == 0 and sum("already in the ledger" in s.reason for s in again.skipped) == 5


def test_not_a_list_is_an_error(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(SourceError, match="JSON list"):
        import_averitec(ledger, path)
    assert ledger.list_claims() == []


def test_fact_checker_host() -> None:
    assert (
        fact_checker("https://web.archive.org/web/20201130/https://checkyourfact.example/x") == "checkyourfact.example"
    )
    assert fact_checker("https://www.politics.example.com/a") == "politics.example.com"
    assert fact_checker(None) is None


def test_real_dev_set(ledger: Ledger, shared_data: Path) -> None:
    """The whole development set (its speed is measured by bench/import_averitec.py, not asserted here)."""
    result = import_averitec(ledger, shared_data / "averitec" / "dev.json")
    assert (result.imported, len(result.skipped)) == (493, 7)
    assert all(s.reason.startswith("same claim, speaker and date") for s in result.skipped)
    ratings = {r: 0 for r in ("true", "false", "mixed", "unproven")}
    for claim in ledger.list_claims():
        ratings[claim.verdict.rating] += 1
    assert sum(ratings.values()) == 493 and all(ratings.values())
