"""Properties of the output escapers: CSV cells, JSON text, terminal text, Markdown links, URL checks, redaction.

Hypothesis feeds each one arbitrary text; whatever comes in, what goes out is
inert in its format and, where the format allows it, gives the data back.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claims.models import check_http_url, is_http_url
from claims.redact import redact
from pipeline.cli.app import app
from pipeline.cli.render import term, term_block
from reports.csv import csv_cell, write_csv
from reports.escape import json_safe
from reports.markdown import md, md_link

FORMULA_START = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
tricky = st.sampled_from(
    [
        "=",
        "+",
        "-",
        "@",
        "\t",
        "\r",
        "\n",
        " ",
        "\x1b[31m",
        "\u202e",
        "\u200b",
        "<",
        ">",
        "&",
        '"',
        "'",
        "[",
        "]",
        "(",
        ")",
        "javascript:",
        "https://",
        "\\",
        "\x00",
        "\x85",
        "\u2028",
        "\x9b",
    ]
)
hostile_text = st.lists(st.one_of(tricky, texts), max_size=8).map("".join)


@given(hostile_text)
def test_csv_cell_is_never_a_formula(value: str) -> None:
    cell = csv_cell(value)
    assert not cell.startswith(FORMULA_START)
    assert not cell.lstrip(" \t\r\n").startswith(FORMULA_START) or cell.startswith("'")


@given(st.lists(st.tuples(hostile_text, hostile_text), max_size=5))
@settings(max_examples=200)
def test_csv_rows_never_split(rows: list[tuple[str, str]]) -> None:
    text = write_csv(("a", "b"), ({"a": a, "b": b} for a, b in rows))
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == ["a", "b"]
    assert len(parsed) == len(rows) + 1
    for (a, b), (pa, pb) in zip(rows, parsed[1:], strict=True):
        assert pa == csv_cell(a) and pb == csv_cell(b)


@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), hostile_text),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(hostile_text, c, max_size=3),
        max_leaves=10,
    )
)
def test_json_safe_keeps_the_value_and_hides_markup(data: object) -> None:
    text = json_safe(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    for ch in "<>&\u2028\u2029\u202e\u200b\x9b":
        assert ch not in text


@given(hostile_text)
def test_term_is_one_clean_line(value: str) -> None:
    out = term(value)
    assert "\n" not in out and "\r" not in out
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in out)
    assert "\u202e" not in out and "\u200b" not in out


@given(hostile_text)
def test_term_block_keeps_lines_but_no_controls(value: str) -> None:
    out = term_block(value)
    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in out)


@given(hostile_text, hostile_text)
def test_markdown_link_is_one_line_and_only_http(url: str, label: str) -> None:
    from markdown_it import MarkdownIt

    link = md_link(url, label)
    assert "\n" not in link and "\r" not in link
    html = MarkdownIt("commonmark", {"html": True}).render(f"- {link} {md(label)}")
    assert "<script" not in html and "<img" not in html
    for href in html.split('href="')[1:]:
        assert href.startswith(("http://", "https://", "mailto:")), html


@given(hostile_text)
def test_check_http_url_accepts_only_printable_http(value: str) -> None:
    try:
        url = check_http_url(value)
    except ValueError:
        assert not is_http_url(value)
        return
    if url is not None:
        assert url.lower().startswith(("http://", "https://"))
        assert not any(ch <= " " or "\x7f" <= ch <= "\x9f" for ch in url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "//evil.example",
        "/relative",
        "http://",
        "https:///path",
        "http://[::1",
        "http://a b",
        "https://x\x00.example",
    ],
)
def test_check_http_url_refuses(url: str) -> None:
    with pytest.raises(ValueError):
        check_http_url(url)


SECRETS = [
    ("postgresql://ct:ctpw@host/nosuchdb", "ctpw"),
    ("postgresql+psycopg://user:p%40ss@db.example.org:5432/newsroom", "p%40ss"),
    ("postgres://u:s3cr@t@host/db", "s3cr@t"),
    ("cannot open host=x port=5432 user=u password=hunter2 dbname=d", "hunter2"),
    ("dsn: password='two words'", "two words"),
]


@pytest.mark.parametrize(("text", "secret"), SECRETS)
def test_redact_hides_passwords(text: str, secret: str) -> None:
    out = redact(text)
    assert secret not in out and "***" in out


def test_redact_leaves_plain_urls_alone() -> None:
    for text in ("https://example.org:8080/a@b", "sqlite:///tmp/x.db", "postgresql://ct@host/db"):
        assert redact(text) == text


@pytest.mark.parametrize(
    "db", ["postgresql://ct:ctpw@127.0.0.1:1/nosuchdb", "postgresql://ct:ctpw@/nosuchdb?host=/nonexistent"]
)
def test_cli_never_prints_the_database_password(db: str) -> None:
    result = CliRunner().invoke(app, ["--db", db, "claims", "list"])
    assert result.exit_code == 1
    assert "ctpw" not in result.stderr and "ctpw" not in result.stdout
    assert "ct:***@" in result.stderr and result.stderr.startswith("Error:")


def test_cli_never_prints_the_password_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMTRACK_DB", "postgresql://ct:envpw@127.0.0.1:1/nosuchdb")
    result = CliRunner().invoke(app, ["sources", "list"])
    assert result.exit_code == 1 and "envpw" not in result.output + result.stderr


@pytest.mark.parametrize("db", ["postgresql://ct:portpw@host:notaport/x", "postgresql://ct:portpw@[::1/x"])
def test_unparseable_database_url_is_one_line_without_password(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for how in ("option", "environment"):
        if how == "environment":
            monkeypatch.setenv("CLAIMTRACK_DB", db)
        result = CliRunner().invoke(app, ["--db", db, "claims", "list"] if how == "option" else ["claims", "list"])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit | None)
        assert "portpw" not in result.output + result.stderr
        assert result.stderr.startswith("Error: invalid database URL") and "***" in result.stderr
