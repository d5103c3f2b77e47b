"""Classes 2, 3, 6 and 7 on the reading side: hostile lines, deep JSON-LD, NUL, almost-UTF-8 files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from claims.ledger import Ledger
from claims.models import ClaimFilter
from sources.html import read_html
from sources.loader import Input, read_input
from sources.markdown import strip_markdown
from tests.hostile.conftest import assert_clean, cli


def read(path: Path) -> str:
    return read_input(Input(name=str(path), path=path)).text


def test_markdown_indentation_and_nested_lists_read_in_linear_time(tmp_path: Path) -> None:
    # Not a timed test (bench/regex_adversarial.py times these): at the old quadratic cost these
    # two inputs took 18 s and 433 s; they now read like any other text.
    assert strip_markdown(" " * 50_000 + "- x") == "x"
    nested = "\n".join("  " * depth + "- item" for depth in range(3000))
    assert strip_markdown(nested).split() == ["item"] * 3000
    path = tmp_path / "hostile.md"
    path.write_text("# Title\n\n" + "**a " * 20_000 + "\n\n" + "[" * 20_000 + "\n\n" + "<a" * 20_000, encoding="utf-8")
    assert read(path)


@pytest.mark.parametrize("line", ["## Heading ##", "#   Spaced   #", "# Hash # in #middle", "#not a heading"])
def test_headings_keep_their_meaning(line: str) -> None:
    expected = {
        "## Heading ##": "Heading",
        "#   Spaced   #": "Spaced",
        "# Hash # in #middle": "Hash # in #middle",
        "#not a heading": "#not a heading",
    }
    assert strip_markdown(line) == expected[line]


@pytest.mark.parametrize("depth", [900, 3000, 100_000])
def test_html_with_deep_json_ld_still_reads(depth: int) -> None:
    deep = "[" * depth + json.dumps({"@type": "NewsArticle", "headline": "H"}) + "]" * depth
    page = (
        f'<html><head><title>T</title><script type="application/ld+json">{deep}</script></head><body><article>'
        "<p>The mayor said the bridge opened in May, after a delay that angered the commuters.</p>"
        "<p>Engineers disagreed with that account on Tuesday, citing the inspection report.</p></article></body></html>"
    )
    assert "The mayor said" in read_html(page, path="deep.html").text


def test_a_stray_byte_does_not_turn_utf8_into_cp1252(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes("Title\n\nJosé Pérez said the café opened in Málaga.\n".encode() + b"A stray \xff byte.\n")
    text = read(path)
    assert "José Pérez" in text and "Ã" not in text and "\ufffd" in text
    assert "not valid UTF-8 at 1 place(s)" in caplog.text


def test_a_real_cp1252_file_is_still_read_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Title\n\nJosé Pérez said the café opened in Málaga.\n".encode("cp1252"))
    assert "José Pérez" in read(path)


def test_nul_past_the_binary_sniff_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Title\n\n" + b"Plain words here. " * 4000 + b"A NUL \x00 here.\n")
    text = read(path)
    assert "\x00" not in text and "A NUL \ufffd here." in text


@pytest.mark.slow
def test_ingest_with_a_nul_stores_every_file_on_each_backend(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"good{n}.txt").write_text(f"Story {n}\n\nThe mayor said bridge {n} opened in May.\n")
    (folder / "nul.txt").write_bytes(b"Nul story\n\n" + b"Plain words here. " * 4000 + b"The mayor said \x00 it.\n")
    result = cli(db_url, "ingest", str(folder), "--no-link")
    assert result.exit_code == 0, result.stderr
    assert "sources added: 4" in result.stdout


def test_a_sqlite_ledger_holding_a_nul_moves_to_postgresql(tmp_path: Path, pg_schema_url: str) -> None:
    sqlite = tmp_path / "old.db"
    assert cli(sqlite, "claims", "add", "--text", "The bridge opened", "--claimant", "A mayor").exit_code == 0
    with sa.create_engine(f"sqlite:///{sqlite}").begin() as conn:  # as an older version could have written it
        conn.execute(sa.text("UPDATE claims SET text = 'The bridge' || char(0) || ' opened'"))
    dump = tmp_path / "ledger.jsonl"
    assert cli(sqlite, "db", "export", str(dump)).exit_code == 0
    result = cli(pg_schema_url, "db", "import", str(dump))
    assert result.exit_code == 0, result.stderr
    ledger = Ledger.open(pg_schema_url)
    try:
        [claim] = ledger.list_claims(ClaimFilter())
    finally:
        ledger.close()
    assert claim.text == "The bridge\ufffd opened"


def test_deeply_nested_jsonl_line_is_one_error(tmp_path: Path) -> None:
    dump = tmp_path / "deep.jsonl"
    dump.write_text('{"type": "header"}\n' + "[" * 100_000 + "\n", encoding="utf-8")
    result = cli(tmp_path / "new.db", "db", "import", str(dump))
    assert result.exit_code == 1
    assert_clean(result.stderr)
