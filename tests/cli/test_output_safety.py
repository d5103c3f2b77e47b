"""Stored hostile strings stay inert in every output format (issue 16, classes 9-12).

The ledger is filled through the real command line (`tests/cli/hostile.py`);
each test reads one format back and checks that nothing in it can act: no
terminal escape or markup reaches the terminal, no CSV cell is a formula or
breaks a row, no `javascript:` URL becomes a link, JSON gives the data back
unchanged while `<` never appears raw. The browser checks are in
`tests/reports/test_output_browser.py`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from claims.ledger import Ledger
from pipeline.cli import render
from tests.cli.hostile import FORMULA_START, HOSTILE, TERMINAL_FORBIDDEN, cli, hostile_ledger, plant_legacy_urls


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("hostile") / "hostile.db")
    hostile_ledger(db)
    yield db


@pytest.fixture(scope="module")
def legacy_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same ledger after an older claimtrack stored javascript:, data: and multi-line URLs."""
    db = str(tmp_path_factory.mktemp("legacy") / "legacy.db")
    hostile_ledger(db)
    plant_legacy_urls(db)
    yield db


def assert_terminal_safe(text: str) -> None:
    bad = sorted({f"U+{ord(ch):04X}" for ch in text if ch in TERMINAL_FORBIDDEN})
    assert not bad, f"raw control or invisible characters on the terminal: {bad}"


def all_ids(db: str) -> list[str]:
    return [c["id"] for c in json.loads(cli(db, "claims", "list", "--format", "json"))]


# -- terminal -----------------------------------------------------------------------------


def test_claims_list_table_prints_markup_literally(hostile_db: str) -> None:
    out = cli(hostile_db, "claims", "list")
    assert_terminal_safe(out)
    # The table fits 80 columns and cuts long cells, so only the start of the markup shows: literally.
    assert "[/b]" in out and "[bold re" in out.replace("\n", "").replace("│", "")


def test_sources_list_table_survives_markup(hostile_db: str) -> None:
    out = cli(hostile_db, "sources", "list")
    assert_terminal_safe(out)
    assert "[/b]" in out


def test_claims_show_prints_no_escapes_and_no_fake_lines(hostile_db: str) -> None:
    for claim_id in all_ids(hostile_db):
        out = cli(hostile_db, "claims", "show", claim_id)
        assert_terminal_safe(out)
        # Every line is one of the labelled lines claims show prints: a value cannot start its own line.
        for line in out.splitlines()[1:]:
            assert line.startswith("  "), repr(line)
            assert not line.strip().startswith("=1+1"), repr(line)


def test_sources_show_prints_no_escapes(hostile_db: str) -> None:
    for source in json.loads(cli(hostile_db, "sources", "list", "--format", "json")):
        assert_terminal_safe(cli(hostile_db, "sources", "show", source["id"]))


def test_rich_markup_never_becomes_a_terminal_hyperlink() -> None:
    """On a real (forced) terminal, `[link=...]` stays text: no OSC 8 hyperlink, no ESC from the data."""
    from claims.models import Claim

    buf = io.StringIO()
    console = render.SafeConsole(file=buf, force_terminal=True, color_system="truecolor", width=200)
    claim = Claim(id="c1", text=HOSTILE["ansi"] + " " + HOSTILE["markup"], claimant=HOSTILE["markup"])
    console.print(render.claims_table([claim]))
    console.print(HOSTILE["markup"] + HOSTILE["ansi"])
    out = buf.getvalue()
    assert "\x1b]8;" not in out  # the OSC 8 hyperlink sequence
    assert "[link=https://evil.example]Official[/link]" in out
    assert "\x1b[31m" not in out and "\x1b[2J" not in out and "\x9b" not in out


def test_a_plain_rich_console_would_have_been_fooled() -> None:
    """Control: without SafeConsole the same markup becomes a hyperlink, so the check above is not vacuous."""
    buf = io.StringIO()
    Console(file=buf, force_terminal=True, width=200).print("[link=https://evil.example]Official[/link]")
    assert "\x1b]8;" in buf.getvalue()


# -- JSON -------------------------------------------------------------------------------------


def test_json_gives_the_data_back_and_never_raw_angle_brackets(hostile_db: str) -> None:
    raw = cli(hostile_db, "claims", "list", "--format", "json")
    assert "<" not in raw and ">" not in raw and "\u202e" not in raw and "\x9b" not in raw
    claimants = {c["claimant"] for c in json.loads(raw)}
    assert f"{HOSTILE['script']} script" in claimants
    assert f"{HOSTILE['rtl']} rtl" in claimants  # lossless: escaped, not stripped


def test_report_json_is_escaped_and_lossless(hostile_db: str) -> None:
    raw = cli(hostile_db, "report", "disputed", "--format", "json", "--include-rated")
    assert "<" not in raw and "\u202e" not in raw
    texts = {c["claimant"] for c in json.loads(raw)["claims"]}
    assert f"{HOSTILE['img']} img" in texts


# -- CSV ----------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_no_live_formula(rows: list[list[str]]) -> None:
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START), repr(cell)
            assert not cell.lstrip(" \t\r\n").startswith(FORMULA_START), repr(cell)


@pytest.mark.parametrize(
    "args",
    [("claims", "list", "--format", "csv"), ("report", "disputed", "--format", "csv", "--include-rated")],
    ids=["claims-list", "report-disputed"],
)
def test_csv_has_no_live_formula_and_no_split_rows(hostile_db: str, args: tuple[str, ...]) -> None:
    text = cli(hostile_db, *args)
    rows = _csv_rows(text)
    width = len(rows[0])
    assert all(len(row) == width for row in rows), "a value broke out of its row"
    assert_no_live_formula(rows)
    # Each record starts with a quote: a CR or LF inside a value never starts a physical line of its own.
    records = text.split('\n"c')
    assert len(records) == len(rows) - 1 + 1
    assert "\x1b" not in text and "\x9b" not in text


def test_csv_neutralises_what_spreadsheets_read_as_formulas(hostile_db: str) -> None:
    rows = _csv_rows(cli(hostile_db, "claims", "list", "--format", "csv"))
    header = rows[0]
    roles = {row[header.index("claimant_role")] for row in rows[1:]}
    assert "'" + HOSTILE["formula"] in roles
    assert "'" + HOSTILE["at"] in roles
    assert "'" + HOSTILE["spaces"].strip() in roles or "'" + HOSTILE["spaces"] in roles


# -- Markdown -----------------------------------------------------------------------------------


def markdown_html(text: str) -> str:
    """The Markdown as a CommonMark renderer turns it into HTML (raw HTML allowed, as in most viewers)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


@pytest.mark.parametrize("which", ["hostile", "legacy"])
def test_markdown_report_has_no_live_link_or_html(hostile_db: str, legacy_db: str, which: str) -> None:
    db = hostile_db if which == "hostile" else legacy_db
    text = cli(db, "report", "disputed", "--format", "md", "--include-rated")
    html = markdown_html(text)
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', html)
    # Links leave the report only to http(s) or mailto; the contents link to the report's own threads.
    assert hrefs and all(h.startswith(("https://", "http://", "mailto:")) or _own_anchor(h) for h in hrefs), hrefs
    assert all(" " not in h and "\n" not in h for h in hrefs)
    for raw in ("<script", "<img", "<svg"):
        assert raw not in html, raw
    for line in text.splitlines():
        # A break-out line would start with a link, a formula or markup of its own.
        assert not line.startswith(("[", "=", "<")), repr(line)
    assert_terminal_safe(text)


def _own_anchor(href: str) -> bool:
    """A link to a thread of the same report ("#claim-<id>"): ids are the ledger's, letters and digits only."""
    return re.fullmatch(r"#claim-[0-9a-z]+", href) is not None


def test_markdown_newline_in_url_cannot_start_a_line() -> None:
    from reports.markdown import md_link

    link = md_link("https://ok.example/\n[x](javascript:alert(1))", "label")
    assert "\n" not in link
    assert re.findall(r'href="([^"]*)"', markdown_html(link)) == ["https://ok.example/%0A%5Bx%5D(javascript:alert(1))"]


def test_status_report_markdown_escapes_claimants(hostile_db: str) -> None:
    html = markdown_html(cli(hostile_db, "report", "status", "--format", "md"))
    assert "<script" not in html and "<img" not in html and "href=" not in html


# -- HTML -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["hostile", "legacy"])
def test_html_report_has_no_markup_from_data(hostile_db: str, legacy_db: str, which: str, tmp_path: Path) -> None:
    db = hostile_db if which == "hostile" else legacy_db
    out = tmp_path / "r.html"
    cli(db, "report", "disputed", "--format", "html", "--include-rated", "--out", str(out))
    html = out.read_text(encoding="utf-8").lower()
    for raw in ("<script", "<img", "<svg onload", 'href="javascript', 'href="data:', "href='javascript"):
        assert raw not in html, raw
    assert "&lt;script&gt;" in html  # the payload is there, as text


# -- ClaimReview JSON-LD ---------------------------------------------------------------------------


def _urls(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "url" and isinstance(value, str):
                yield value
            yield from _urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _urls(value)


@pytest.mark.parametrize("which", ["hostile", "legacy"])
def test_claimreview_export_only_http_urls_and_no_raw_script(
    hostile_db: str, legacy_db: str, which: str, tmp_path: Path
) -> None:
    db = hostile_db if which == "hostile" else legacy_db
    out = tmp_path / "cr.json"
    cli(
        db,
        "export",
        "claimreview",
        "--org-name",
        HOSTILE["script"],
        "--org-url",
        "https://desk.example",
        "--out",
        str(out),
    )
    raw = out.read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw
    items = json.loads(raw)
    assert items
    urls = list(_urls(items))
    assert urls and all(u.startswith(("https://", "http://")) and "\n" not in u for u in urls)
    assert any(HOSTILE["script"] in item["reviewBody"] for item in items if "reviewBody" in item)


@pytest.mark.parametrize("bad", ["javascript:alert(2)", "data:text/html,x", "//evil.example", "https://a b.example"])
def test_org_url_must_be_http(hostile_db: str, bad: str) -> None:
    err = cli(hostile_db, "export", "claimreview", "--org-name", "Desk", "--org-url", bad, code=2)
    assert "http(s)" in err or "spaces" in err


def test_org_url_setting_is_checked_too(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    claim = cli(db, "claims", "add", "--text", "Ferries run hourly", "--claimant", "Port").strip()
    cli(db, "verdict", claim, "false", "--review-url", "https://desk.example/checks/1")
    with Ledger.open(db) as led:
        led.set_setting("claimreview.org_url", "javascript:alert(2)")
    err = cli(db, "export", "claimreview", "--org-name", "Desk", code=1)
    assert err.startswith("Error:") and "http(s)" in err and len(err.strip().splitlines()) == 1


# -- URLs are checked where they are stored ----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("claims", "add", "--text", "x", "--claimant", "y", "--source-url", "javascript:alert(1)"),
        ("claims", "add", "--text", "x", "--claimant", "y", "--source-url", "https://ok.example/\n[a](javascript:1)"),
        ("claims", "add", "--text", "x", "--claimant", "y", "--source-url", "JaVaScRiPt:alert(1)"),
        ("claims", "add", "--text", "x", "--claimant", "y", "--source-url", "file:///etc/passwd"),
        ("ingest", "-", "--url", "javascript:alert(1)"),
    ],
)
def test_non_http_urls_are_refused_at_the_option(tmp_path: Path, args: tuple[str, ...]) -> None:
    db = str(tmp_path / "u.db")
    err = cli(db, *args, code=2)
    assert "Traceback" not in err
    assert json.loads(cli(db, "claims", "list", "--format", "json")) == []


def test_verdict_evidence_must_be_http(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    claim = cli(db, "claims", "add", "--text", "Ferries run hourly", "--claimant", "Port").strip()
    cli(db, "verdict", claim, "false", "--evidence", "https://ok.example", "--evidence", "javascript:alert(1)", code=2)
    shown = json.loads(cli(db, "claims", "show", claim, "--format", "json"))
    assert shown["verdict_history"] == []


def test_ingested_page_with_javascript_canonical_keeps_no_url(tmp_path: Path) -> None:
    db = str(tmp_path / "i.db")
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><link rel="canonical" href="javascript:alert(1)"><title>Harbour news</title></head>'
        "<body><article><p>The mayor said on 3 May 2023 that the harbour bridge had opened.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    cli(db, "ingest", str(page), "--no-link")
    sources = json.loads(cli(db, "sources", "list", "--format", "json"))
    assert sources and all(s["url"] is None for s in sources)


def test_imported_claimreview_page_with_javascript_canonical(tmp_path: Path) -> None:
    db = str(tmp_path / "cr.db")
    page = tmp_path / "review.html"
    node = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "The harbour bridge opened in May",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "False",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Mayor"},
            "appearance": ["javascript:alert(3)"],
        },
        "author": {"@type": "Organization", "name": "Desk"},
    }
    page.write_text(
        '<html><head><link rel="canonical" href="javascript:alert(1)">'
        f'<script type="application/ld+json">{json.dumps(node)}</script></head><body></body></html>',
        encoding="utf-8",
    )
    cli(db, "import", "claimreview", str(page), "--no-link")
    sources = json.loads(cli(db, "sources", "list", "--format", "json"))
    assert all(not (s["url"] or "").startswith("javascript") for s in sources)
    out = cli(db, "export", "claimreview", "--org-name", "Desk", "--org-url", "https://desk.example")
    assert "javascript" not in out


@pytest.mark.slow
def test_hostile_article_through_ingest_stays_inert_on_the_terminal(tmp_path: Path) -> None:
    """Markup and escapes inside an article reach the ledger through the NLP, and still print as text."""
    db = str(tmp_path / "ingested.db")
    article = tmp_path / "hostile [b]story[link=x]\x1b[31m.txt"
    article.write_text(
        f"Harbour bridge row {HOSTILE['markup']}\n\n"
        f"On Monday, 3 April 2023, Mayor Tom Hale told the council that the [/b] new bridge "
        f"{HOSTILE['ansi']} had been finished on time.\n\n"
        "Two days later, the builder said the bridge was not finished on time [link=https://evil.example]x[/link].\n",
        encoding="utf-8",
    )
    result = runner_invoke(db, "ingest", str(article))
    assert_terminal_safe(result)
    for args in (("claims", "list"), ("sources", "list")):
        assert_terminal_safe(cli(db, *args))
    ids = all_ids(db)
    assert ids, "the article should yield claims"
    for claim_id in ids:
        assert_terminal_safe(cli(db, "claims", "show", claim_id))
    for source in json.loads(cli(db, "sources", "list", "--format", "json")):
        assert_terminal_safe(cli(db, "sources", "show", source["id"]))


def runner_invoke(db: str, *args: str) -> str:
    """stdout and stderr of a command that must succeed."""
    from pipeline.cli.app import app
    from tests.cli.hostile import runner

    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout + result.stderr


def test_tables_built_elsewhere_are_cleaned_too(tmp_path: Path) -> None:
    """`dates` builds its own Rich table from file names and article text: the console cleans it all the same."""
    article = tmp_path / "story [b]x[link=evil.example]y\x1b[31m.txt"
    article.write_text("On 3 May 2023 the mayor opened the bridge.\n", encoding="utf-8")
    out = cli(str(tmp_path / "d.db"), "dates", str(article), "--published", "2023-05-10")
    assert_terminal_safe(out)
    flat = "".join(out.split()).replace("│", "")
    assert "2023-05-03" in flat and "[link=evil.example]" in flat
