"""Hostile strings stored through the CLI run nothing in Chromium: the HTML reports and ClaimReview JSON-LD.

The JSON-LD is opened the way publishers use it: pasted into a page inside
`<script type="application/ld+json">`, on a page without any Content Security
Policy. A raw `</script>` in it would close the element and run what follows.
Every payload sets `window.__pwned`; the page must leave it unset, open no
dialog and log no error. Needs Debian's `chromium` (see test_reports_browser.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli.hostile import HOSTILE, cli, hostile_ledger, plant_legacy_urls
from tests.reports.test_reports_browser import CHROMIUM, Watch

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium")


@pytest.fixture(scope="module", params=["hostile", "legacy"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp(request.param) / "ledger.db")
    hostile_ledger(path)
    if request.param == "legacy":
        plant_legacy_urls(path)
    return path


def _visit(browser: Any, page_file: Path) -> tuple[Any, Watch]:
    page = browser.new_page(java_script_enabled=True)
    watch = Watch(page)
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    return page, watch


def _assert_inert(page: Any, watch: Watch) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    # Out of the page only to http(s) or mailto; the contents link to the page's own threads ("#claim-<id>").
    here = page.url.split("#")[0]
    own = re.compile(re.escape(here) + r"#claim-[0-9a-z]+")
    assert all(h.startswith(("http://", "https://", "mailto:")) or own.fullmatch(h) for h in links), links
    # Clicking every link must not run anything either (javascript: links would).
    assert watch.events == []


@pytest.mark.parametrize("report", ["disputed", "status"])
def test_html_reports_run_nothing(browser: Any, db: str, tmp_path: Path, report: str) -> None:
    out = tmp_path / f"{report}.html"
    extra = ["--include-rated"] if report == "disputed" else []
    cli(db, "report", report, "--format", "html", "--out", str(out), *extra)
    page, watch = _visit(browser, out)
    try:
        _assert_inert(page, watch)
        if report == "disputed":
            assert HOSTILE["script"] in page.inner_text("body")  # shown as text
    finally:
        page.close()


def test_claimreview_json_ld_pasted_into_a_page_runs_nothing(browser: Any, db: str, tmp_path: Path) -> None:
    exported = cli(db, "export", "claimreview", "--org-name", HOSTILE["script"], "--org-url", "https://desk.example")
    page_file = tmp_path / "publisher.html"
    page_file.write_text(
        "<!doctype html><html><head><title>Fact check</title>"
        f'<script type="application/ld+json">{exported}</script>'
        "</head><body><p>Our fact check.</p>"
        "<script>window.__ld = document.querySelector('script[type=\"application/ld+json\"]').textContent;</script>"
        "</body></html>",
        encoding="utf-8",
    )
    page, watch = _visit(browser, page_file)
    try:
        _assert_inert(page, watch)
        # The block stayed whole: the browser hands the full JSON back, and it parses to the export.
        assert json.loads(page.evaluate("window.__ld")) == json.loads(exported)
    finally:
        page.close()


def test_control_raw_script_in_json_ld_would_run(browser: Any, tmp_path: Path) -> None:
    """Control: JSON-LD written with plain json.dumps does run the payload, so the test above can fail."""
    raw = json.dumps([{"claimReviewed": HOSTILE["script"]}], ensure_ascii=False)
    page_file = tmp_path / "control.html"
    page_file.write_text(
        f'<html><head><script type="application/ld+json">{raw}</script></head><body></body></html>', encoding="utf-8"
    )
    page, _ = _visit(browser, page_file)
    try:
        assert page.evaluate("window.__pwned") == 1
    finally:
        page.close()
