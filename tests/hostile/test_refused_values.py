"""Classes 4, 5 and 8: values that used to raise raw exceptions or be accepted are refused in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_clean, claimtrack, cli


@pytest.mark.parametrize(
    "date",
    [
        "before 0001",
        "before 0001-01-01",
        "after 9999-12-31T23:59",
        "after 9999",
        "2023-05-02T10:00+99:00",
        "2023-05-02T10:00-15:00",
        "2023-05-02T10:00+05:75",
        "0000",
        "10000-01-01",
        "2023-13",
        "2023-W54",
        "2023-Q5",
    ],
)
def test_dates_outside_the_calendar_are_refused(db: Path, unchanged: Callable[[], None], date: str) -> None:
    result = cli(db, "claims", "add", "--text", "x happened", "--claimant", "y", "--date", date)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: invalid date")
    assert_clean(result.stderr)
    unchanged()


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_filter_dates_outside_the_calendar_are_refused(db: Path, option: str) -> None:
    result = cli(db, "claims", "list", option, "after 9999-12-31T23:59")
    assert result.exit_code == 1 and "outside the years 0001-9999" in result.stderr
    assert_clean(result.stderr)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_reports_hold_at_the_edges_of_the_calendar(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "edge.db"
    ids = []
    for text, who, date in (
        ("The first thing happened", "Early", "0001-01-01"),
        ("The last thing happened", "Late", "9999-12-31T23:59"),
        ("The last thing never happened", "Other", "end 9999"),
        ("The first thing never happened", "Someone", "before 0002"),
    ):
        result = cli(db, "claims", "add", "--text", text, "--claimant", who, "--date", date)
        assert result.exit_code == 0, result.stderr
        ids.append(result.stdout.strip())
    for a, b in ((ids[2], ids[1]), (ids[3], ids[0])):
        assert cli(db, "link", a, b, "--stance", "contradicts").exit_code == 0
    result = cli(db, "report", "disputed", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    assert cli(db, "report", "status", "--format", "md" if fmt == "csv" else fmt).exit_code == 0


@pytest.mark.parametrize("args", [["--limit", str(2**70)], ["--offset", str(2**70)], ["--limit", "-1"]])
def test_huge_limit_and_offset_are_usage_errors(db: Path, args: list[str]) -> None:
    result = cli(db, "claims", "list", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output + result.stderr


def test_largest_limit_and_offset_work(db: Path) -> None:
    result = cli(db, "claims", "list", "--limit", str(2**63 - 1), "--offset", str(2**63 - 1), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:secretpw@host:notaport/x",
        "postgresql://u:secretpw@[::1/x",
    ],
)
def test_unparseable_db_url_is_one_line_without_the_password(url: str) -> None:
    result = cli(url, "claims", "list")
    assert result.exit_code == 1
    assert_clean(result.stderr)
    assert "secretpw" not in result.stderr


def test_non_utf8_argv_is_refused(db: Path, tmp_path: Path) -> None:
    before = claimtrack(db, "claims", "list", "--format", "json").stdout
    for args in (
        [b"claims", b"add", b"--text", b"caf\xe9 au lait", b"--claimant", b"x"],
        [b"claims", b"list", b"--claimant", b"\xff"],
        [b"ingest", b"\xff.txt"],
    ):
        result = claimtrack(db, *[a.decode("utf-8", "surrogateescape") for a in args])
        stderr = result.stderr.decode("utf-8", "replace")
        assert result.returncode == 2, stderr
        assert_clean(stderr)
        assert "not valid UTF-8" in stderr
    assert claimtrack(db, "claims", "list", "--format", "json").stdout == before


@pytest.mark.parametrize(
    ("text", "claimant", "message"),
    [
        ("\u200b\u200c\u200d", "Someone", "claim text is empty"),
        ("\ufeff \u2060", "Someone", "claim text is empty"),
        ("A real claim", "\u200b\u200b", "claimant is empty"),
        ("A real claim", "\u3164", "claimant is empty"),
        ("\u0301\u0301", "Someone", "claim text is empty"),
        ("   ", "Someone", "claim text is empty"),
    ],
)
def test_invisible_text_or_claimant_is_refused(
    db: Path, unchanged: Callable[[], None], text: str, claimant: str, message: str
) -> None:
    result = cli(db, "claims", "add", "--text", text, "--claimant", claimant)
    assert result.exit_code == 1
    assert message in result.stderr
    assert_clean(result.stderr)
    unchanged()


@pytest.mark.parametrize("path", ["", " ", "\t"])
def test_ingest_of_an_empty_path_is_refused(
    db: Path, unchanged: Callable[[], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    (tmp_path / "article.txt").write_text("A title\n\nThe mayor said the bridge opened in May.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # an empty path used to mean this directory, recursively
    result = cli(db, "ingest", path)
    assert result.exit_code == 1
    assert "an empty path" in result.stderr
    assert_clean(result.stderr)
    unchanged()
