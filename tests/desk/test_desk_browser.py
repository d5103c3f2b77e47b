"""The desk in Chromium through a real `claimtrack serve`, as a checker uses it.

Log in, filter the list, open a claim, accept a suggestion with the keyboard,
mark a verdict and see it in the history, upload an article and see its claims,
download a report. Screenshots of every screen go to tests/artifacts/desk/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.desk.conftest import ARTIFACTS
from tests.desk.scenario import USERS
from tests.reports.test_reports_browser import CHROMIUM

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
]


@pytest.fixture
def page(browser: Any, served: str) -> Iterator[Any]:
    """A fresh browser page on the served desk, logged in as the editor, with console errors collected."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=served, accept_downloads=True)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.goto("/claims")
    assert "/login" in pg.url
    pg.fill("input[name=name]", "maria")
    pg.fill("input[name=password]", USERS["maria"][1])
    pg.click("button[type=submit]")
    pg.wait_for_url("**/claims")
    try:
        yield pg
    finally:
        context.close()


def shot(pg: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"desk-{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def test_filter_open_rate_and_review(page: Any) -> None:
    from playwright.sync_api import expect

    pg = page
    shot(pg, "claims")
    assert pg.locator("table.claims tbody tr").count() == 7
    # filter: htmx swaps the results in place and pushes the URL
    pg.select_option("select[name=status]", "disputed")
    pg.fill("input[name=claimant]", "procurement")
    pg.press("input[name=claimant]", "Enter")
    expect(pg.locator("table.claims tbody tr")).to_have_count(0)
    pg.fill("input[name=claimant]", "")
    pg.fill("input[name=q]", "buses")
    pg.press("input[name=q]", "Enter")
    expect(pg).to_have_url(re.compile(r"status=disputed.*q=buses|q=buses.*status=disputed"))
    expect(pg.locator("table.claims tbody tr")).to_have_count(1)
    pg.click("a.claim-link[href='/claims/c0000000001']")
    pg.wait_for_url("**/claims/c0000000001")
    assert pg.locator("mark").inner_text().startswith("the ministry had bought 40")
    assert pg.locator(".timeline-box svg").count() == 1
    shot(pg, "claim")
    # mark a verdict: htmx swaps the claim body; the history shows it with the user's name
    pg.select_option("select[name=rating]", "mostly-false")
    pg.fill("textarea[name=rationale]", "Only 12 buses were delivered by March.")
    pg.click("form.verdict-form button[type=submit]")
    pg.wait_for_selector(".notice")
    assert "Rated" in pg.locator(".chip").first.inner_text()
    history = pg.locator(".history-list").inner_text()
    assert "rated mostly-false" in history and "maria" in history
    # the review queue with the keyboard: j moves, s accepts the "related" suggestion as "supports"
    pg.goto("/claims/c0000000003")
    assert pg.locator(".claim-head .chip").inner_text() == "Unverified"
    pg.goto("/review")
    assert pg.locator("#queue .card").count() == 2
    shot(pg, "review")
    card = pg.locator("#card-c0000000007-c0000000003")
    for _ in range(int(card.get_attribute("data-index") or "0")):
        pg.keyboard.press("j")
    pg.keyboard.press("s")
    pg.wait_for_selector("#card-c0000000007-c0000000003.decided")
    assert "accepted: supports" in card.inner_text().lower()
    pg.goto("/claims/c0000000003")
    assert pg.locator(".claim-head .chip").inner_text() == "Corroborated"
    assert "maria" in pg.locator(".history-list").inner_text()
    assert not pg.errors, pg.errors


def test_sources_claimants_reports_and_download(page: Any) -> None:
    pg = page
    pg.goto("/sources/s0000000001")
    assert pg.locator(".article-text a.hl").count() == 5
    shot(pg, "article")
    pg.click(".article-text a.hl >> nth=0")
    pg.wait_for_url("**/claims/c0000000001")
    pg.goto("/claimant?name=Ana%20Petrova")
    assert pg.locator("table.claims tbody tr").count() == 3
    shot(pg, "claimant")
    pg.goto("/reports")
    shot(pg, "reports")
    with pg.expect_download() as info:
        pg.click("a[href^='/reports/disputed.csv']")
    download = info.value
    assert download.suggested_filename == "claimtrack-disputed.csv"
    assert "c0000000001" in Path(download.path()).read_text(encoding="utf-8")
    pg.goto("/sources")
    shot(pg, "sources")
    assert not pg.errors, pg.errors


def test_upload_an_article_and_see_its_claims(page: Any) -> None:
    pg = page
    pg.goto("/add")
    pg.fill("textarea[name=text]", (
        "Harbour master Lena Ostrova said on Monday that the new ferry terminal had cost 12 million euros. "
        "The port authority said the terminal would open in June."
    ))
    pg.fill("input[name=published]", "2024-05-06")
    pg.fill("input[name=outlet]", "Coast Courier")
    pg.fill("input[name=title]", "Ferry terminal costs")
    pg.click("form[action='/add/article'] button[type=submit]")
    pg.wait_for_selector(".job")
    shot(pg, "add")
    pg.wait_for_selector(".job-done", timeout=180_000)
    assert pg.locator(".job .error-message").count() == 0
    assert pg.locator(".job-claims li").count() >= 1
    shot(pg, "add-done")
    pg.click(".job a[href^='/sources/']")
    assert pg.locator(".article-text a.hl").count() >= 1
    assert not pg.errors, pg.errors
