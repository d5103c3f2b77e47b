"""Untrusted article text never becomes markup: HTML, SVG, links and Markdown."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from claims.ledger import Ledger
from claims.models import Claim, Source
from reports.disputed import build_disputed_report
from reports.escape import safe_href
from reports.html import disputed_html
from reports.markdown import disputed_markdown

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def hostile_ledger(ledger: Ledger) -> Ledger:
    """A disputed claim whose text, claimant, role, source and link reason all carry payloads."""
    with ledger.transaction() as conn:
        # model_construct: a ledger written before URLs were checked (Source now refuses javascript:).
        ledger.add_source(
            Source.model_construct(
                id="s0000000bad",
                title=f"Title {SCRIPT}",
                url="javascript:alert(1)",
                outlet=f"Outlet {IMG}",
                text="",
                content_hash="bad",
                author=None,
                published=None,
                parent_id=None,
                kind="article",
                revision_of=None,
                path=None,
                created_at=None,
            ),
            conn=conn,
        )
        ledger.add_claims(
            [
                Claim(
                    id="c000000bad1",
                    text=f"The bridge {SCRIPT} opened {IMG}",
                    claimant=f"Mayor {IMG}",
                    claimant_role=SCRIPT,
                    source_id="s0000000bad",
                ),
                Claim(id="c000000bad2", text=f"It did not {SCRIPT}", claimant="Builder"),
            ],
            conn=conn,
        )
        ledger.link("c000000bad2", "c000000bad1", "contradicts", origin="auto", reason={"cue": IMG}, conn=conn)
    return ledger


@pytest.fixture
def hostile_html(ledger: Ledger) -> str:
    report = build_disputed_report(hostile_ledger(ledger), generated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    assert len(report.claims) == 1
    return disputed_html(report)


def test_payloads_appear_escaped_never_raw(hostile_html: str) -> None:
    assert "<script" not in hostile_html.lower()
    assert "<img" not in hostile_html.lower()
    assert "onerror=alert(1)>" not in hostile_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in hostile_html


def test_javascript_urls_are_not_links(hostile_html: str) -> None:
    assert 'href="javascript' not in hostile_html
    assert "javascript:alert(1)" not in hostile_html.split("<body>")[1].split("Title")[0]


def test_page_forbids_scripts_and_loads_nothing_external(hostile_html: str) -> None:
    assert "Content-Security-Policy" in hostile_html
    assert "default-src 'none'" in hostile_html
    assert "<link" not in hostile_html and "src=" not in hostile_html.replace("src=x", "")
    assert "@media print" in hostile_html


def test_markdown_cannot_smuggle_html(ledger: Ledger) -> None:
    text = disputed_markdown(build_disputed_report(hostile_ledger(ledger)))
    # Every "<" from the payload is backslash-escaped, so no renderer sees a tag.
    assert not re.search(r"(?<!\\)<(script|img)", text)
    assert "\\<script\\>" in text
    assert "](javascript" not in text and "(<javascript" not in text


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("mailto:desk@example.org", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("/relative/path", False),
        (None, False),
    ],
)
def test_safe_href(url: str | None, ok: bool) -> None:
    assert (safe_href(url) is not None) is ok
