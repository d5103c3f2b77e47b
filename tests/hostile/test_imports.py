"""Classes 3, 4 and 8 for the importers: deep nesting, unparseable values, empty and non-JSON files.

The rule every importer follows: a bad item is skipped with its reason and the
rest go in (one transaction per file); a file that cannot be read at all is
one "Error:" line on stderr and exit 1, after the other files are imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.conftest import assert_clean, claimtrack, cli, ledger_rows


def review(n: int, **extra: Any) -> dict[str, Any]:
    """A ClaimReview node that imports cleanly, with `extra` fields replacing its own."""
    node: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://factcheck.example.org/review-{n}",
        "claimReviewed": f"The ferry number {n} carried nine hundred passengers",
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": f"Speaker {n}"}},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Fact Desk"},
    }
    node.update(extra)
    return node


def nested(depth: int, leaf: Any) -> str:
    """A marker that `dumps` replaces by `leaf` inside `depth` lists (json.dumps itself would recurse)."""
    return f"@@deep:{depth}:{json.dumps(leaf)}@@"


def dumps(data: Any) -> str:
    text = json.dumps(data)
    while (start := text.find('"@@deep:')) != -1:
        end = text.index('@@"', start) + 3
        depth, leaf = json.loads(text[start:end])[len("@@deep:") : -2].split(":", 1)
        text = text[:start] + "[" * int(depth) + leaf + "]" * int(depth) + text[end:]
    return text


def write_json(path: Path, data: Any) -> Path:
    path.write_text(dumps(data), encoding="utf-8")
    return path


def imported_texts(db: Path, tmp_path: Path) -> set[str]:
    return {str(r["row"]["text"]) for r in ledger_rows(db, tmp_path) if r.get("table") == "claims"}  # type: ignore[index]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t", "empty file"),
        (b"this is not json", "neither HTML nor not valid JSON"),
        (b"{\"@type\": ", "neither HTML nor not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested more than"),
        (b"{\"a\":" * 100_000 + b"1" + b"}" * 100_000, "nested more than"),
    ],
)
def test_unreadable_claimreview_file_exits_1(
    db: Path, unchanged: Callable[[], None], tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = cli(db, "import", "claimreview", str(bad), "--no-link")
    assert result.exit_code == 1
    assert_clean(result.stderr)
    assert result.stderr.startswith(f"Error: {bad}: ")
    assert reason.split(" not ")[0] in result.stderr
    unchanged()


def test_a_file_too_deep_for_the_json_parser_is_one_error(
    db: Path, unchanged: Callable[[], None], tmp_path: Path
) -> None:
    path = write_json(tmp_path / "deep.json", [review(1), review(2, reviewBody=nested(3000, "deep"))])
    result = cli(db, "import", "claimreview", str(path), "--no-link")
    assert result.exit_code == 1
    assert_clean(result.stderr)
    assert "nested more than 64 levels" in result.stderr
    unchanged()


def test_a_readable_file_without_claimreview_is_a_skip(db: Path, unchanged: Callable[[], None], tmp_path: Path) -> None:
    path = write_json(tmp_path / "other.json", [1, 2, {"@type": "NewsArticle"}])
    result = cli(db, "import", "claimreview", str(path), "--no-link")
    assert result.exit_code == 0
    assert "no ClaimReview found" in result.stdout and result.stderr == ""
    unchanged()


def test_one_unreadable_file_does_not_stop_the_others(db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    good = write_json(tmp_path / "good.json", [review(1), review(2)])
    result = cli(db, "import", "claimreview", str(empty), str(good), "--no-link")
    assert result.exit_code == 1
    assert "imported 2" in result.stdout
    assert_clean(result.stderr)
    assert {"The ferry number 1 carried nine hundred passengers"} <= imported_texts(db, tmp_path)


BAD_ITEMS: dict[str, dict[str, Any]] = {
    "900-deep itemReviewed.author": {"itemReviewed": {"@type": "Claim", "author": nested(900, {"name": "x"})}},
    "60-deep reviewBody in a 70-deep item": {"reviewBody": nested(70, "deep")},
    "zero-width claimReviewed": {"claimReviewed": "\u200b\u200c\u2060"},
    "5 MB claimReviewed": {"claimReviewed": "word " * 1_000_000},
    "claimReviewed is a number list": {"claimReviewed": [[[]]]},
    "no rating": {"reviewRating": None},
}


@pytest.mark.parametrize("case", list(BAD_ITEMS))
def test_a_bad_item_is_skipped_and_the_rest_imported(db: Path, tmp_path: Path, case: str) -> None:
    path = write_json(tmp_path / "mixed.json", [review(1), review(2, **BAD_ITEMS[case]), review(3)])
    result = cli(db, "import", "claimreview", str(path), "--no-link")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    assert "imported 2, skipped 1" in result.stdout
    texts = imported_texts(db, tmp_path)
    assert "The ferry number 1 carried nine hundred passengers" in texts
    assert "The ferry number 3 carried nine hundred passengers" in texts


HOSTILE_VALUES: dict[str, dict[str, Any]] = {
    "IPv6 review url": {"url": "http://[::1"},
    "IPv6 appearance": {
        "itemReviewed": {"@type": "Claim", "appearance": ["http://[::1", {"url": "https://[::1]:x/"}], "author": "A"}
    },
    "javascript url": {"url": "javascript:alert(1)"},
    "NaN worstRating": {"reviewRating": {"@type": "Rating", "ratingValue": 2, "worstRating": "-inf", "bestRating": 5}},
    "NaN ratingValue": {"reviewRating": {"@type": "Rating", "ratingValue": "NaN"}},
    "huge ratingValue": {"reviewRating": {"@type": "Rating", "ratingValue": 10**400}},
    "year 0 date": {"itemReviewed": {"@type": "Claim", "datePublished": "0000-01-01", "author": "A"}},
    "year 99999 date": {"datePublished": "99999-01-01T00:00:00+99:00"},
    "NUL in text": {"claimReviewed": "The ferry\u0000 sank", "reviewBody": "a\u0000b"},
    "lone surrogate": {"claimReviewed": "The ferry \ud800 sank"},
}


@pytest.mark.parametrize("case", list(HOSTILE_VALUES))
def test_hostile_values_never_raise(db: Path, tmp_path: Path, case: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(dumps([review(1, **HOSTILE_VALUES[case]), review(2)]), encoding="utf-8")
    result = cli(db, "import", "claimreview", str(path), "--no-link")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    assert "The ferry number 2 carried nine hundred passengers" in imported_texts(db, tmp_path)
    rows = json.dumps(ledger_rows(db, tmp_path))
    assert "[::1" not in rows and "javascript:" not in rows and "\\u0000" not in rows


def test_page_url_that_cannot_be_parsed(db: Path, tmp_path: Path) -> None:
    node = review(1, url="/relative/review")
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><link rel="canonical" href="http://[::1"></head><body>'
        f'<script type="application/ld+json">{json.dumps(node)}</script></body></html>',
        encoding="utf-8",
    )
    result = cli(db, "import", "claimreview", str(page), "--no-link")
    assert result.exit_code == 0, result.stderr
    assert "imported 1" in result.stdout


def test_html_with_deep_json_ld_is_one_problem(db: Path, unchanged: Callable[[], None], tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(
        f'<html><body><script type="application/ld+json">{dumps(nested(3000, review(1)))}</script></body></html>',
        encoding="utf-8",
    )
    result = cli(db, "import", "claimreview", str(page), "--no-link")
    assert result.exit_code == 1
    assert_clean(result.stderr)
    assert "nested more than" in result.stdout
    unchanged()


def averitec_record(n: int, **extra: Any) -> dict[str, Any]:
    record = {
        "claim": f"The harbour tunnel number {n} cost four billion",
        "speaker": f"Speaker {n}",
        "claim_date": "12-5-2021",
        "label": "Refuted",
        "justification": "The budget says otherwise.",
        "fact_checking_article": f"https://factcheck.example.org/a{n}",
        "questions": [{"question": "q?", "answers": [{"answer": "a", "source_url": "https://example.org/s"}]}],
    }
    record.update(extra)
    return record


AVERITEC_BAD_ROWS: dict[str, Any] = {
    "IPv6 fact_checking_article": averitec_record(2, fact_checking_article="http://[::1"),
    "IPv6 evidence url": averitec_record(2, questions=[{"answers": [{"source_url": "https://[::1/x"}]}]),
    "zero-width claim": averitec_record(2, claim="\u200b\u200b"),
    "NUL claim": averitec_record(2, claim="tunnel\u0000cost"),
    "900-deep questions": averitec_record(2, questions=nested(900, {})),
    "claim is a dict": averitec_record(2, claim={"a": 1}),
    "row is a string": "not a record",
    "year 0 date": averitec_record(2, claim_date="0000-00-00"),
    "huge claim": averitec_record(2, claim="word " * 1_000_000),
}


@pytest.mark.parametrize("case", list(AVERITEC_BAD_ROWS))
def test_averitec_bad_row_does_not_roll_back_the_file(db: Path, tmp_path: Path, case: str) -> None:
    path = write_json(tmp_path / "dev.json", [averitec_record(1), AVERITEC_BAD_ROWS[case], averitec_record(3)])
    result = cli(db, "import", "averitec", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    texts = imported_texts(db, tmp_path)
    assert "The harbour tunnel number 1 cost four billion" in texts
    assert "The harbour tunnel number 3 cost four billion" in texts
    rows = json.dumps(ledger_rows(db, tmp_path))
    assert "[::1" not in rows and "\\u0000" not in rows


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "not valid JSON"), (b"{}", "expected a JSON list"), (b"[" * 100_000, "nested more than")],
)
def test_averitec_unreadable_file(
    db: Path, unchanged: Callable[[], None], tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "dev.json"
    path.write_bytes(content)
    result = claimtrack(db, "import", "averitec", str(path))
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert_clean(stderr)
    assert reason in stderr
    unchanged()
