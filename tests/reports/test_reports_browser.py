"""The HTML report in headless Chromium: timelines render one mark per item, and no script ever runs.

Needs Debian's `chromium` (`.ci/run` installs it); skipped with the reason when
it is missing. Screenshots go to tests/artifacts/reports/ (git-ignored).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claims.ledger import Ledger
from reports.disputed import build_disputed_report
from reports.html import disputed_html

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "reports"
DATA = Path(__file__).resolve().parent / "data"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium")


class Watch:
    """Everything a page could do to show that script ran: dialogs, console output, errors."""

    def __init__(self, page: Any) -> None:
        self.events: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: self.events.append(f"console: {msg.text}"))
        page.on("pageerror", lambda err: self.events.append(f"pageerror: {err}"))

    def _dialog(self, dialog: Any) -> None:
        self.events.append(f"dialog: {dialog.message}")
        dialog.dismiss()


def _open(browser: Any, html_file: Path) -> tuple[Any, Watch]:
    page = browser.new_page(viewport={"width": 1100, "height": 900}, java_script_enabled=True)
    watch = Watch(page)
    page.goto(html_file.as_uri())
    page.wait_for_load_state("load")
    return page, watch


# Rendering is the same on every backend (the snapshots prove it), so Chromium runs on SQLite only.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_timeline_renders_one_mark_per_evidence_item(
    browser: Any, fixed_ledger: Ledger, frozen_now: dt.datetime
) -> None:
    report = build_disputed_report(fixed_ledger, include_rated=True, generated_at=frozen_now)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    html_file = ARTIFACTS / "disputed.html"
    html_file.write_text(disputed_html(report), encoding="utf-8")
    page, watch = _open(browser, html_file)
    try:
        for thread in report.claims:
            svg = page.locator(f"#timeline-{thread.id}")
            box = svg.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 40
            marks = svg.locator("g.mark")
            # the claim, its other appearances, its evidence and its verdicts: one mark each
            assert marks.count() == 1 + len(thread.appearances) + len(thread.evidence) + len(thread.verdict_history)
            for n in range(marks.count()):
                mark_box = marks.nth(n).bounding_box()
                assert mark_box is not None and mark_box["width"] > 0  # drawn, not collapsed
        page.screenshot(path=str(ARTIFACTS / "disputed.png"), full_page=True)
    finally:
        page.close()
    assert (ARTIFACTS / "disputed.png").stat().st_size > 10_000
    assert watch.events == []


def test_detector_sees_script_when_it_does_run(browser: Any, tmp_path: Path) -> None:
    """Control: the same payload unescaped and without CSP does run, so the check below is not vacuous."""
    page_file = tmp_path / "control.html"
    page_file.write_text('<html><body><img src=x onerror="window.__pwned=1"></body></html>', encoding="utf-8")
    page, _ = _open(browser, page_file)
    try:
        page.wait_for_function("window.__pwned === 1", timeout=5000)
    finally:
        page.close()


@pytest.mark.slow
def test_hostile_article_through_ingest_to_html_runs_nothing(browser: Any, tmp_path: Path) -> None:
    """An article with <script> and an onerror payload, ingested, disputed, reported: nothing executes."""
    db = str(tmp_path / "hostile.db")
    article = tmp_path / "hostile.txt"
    article.write_text(
        (DATA / "xss_article.txt").read_text(encoding="utf-8").replace("alert(1)", "window.__pwned=1;alert(1)"),
        encoding="utf-8",
    )
    # The real command in a subprocess, as users run it (and with the real `pipeline` package on sys.path).
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli.app", "--db", db, "ingest", str(article)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    from pipeline.cli.app import app

    runner = CliRunner()
    ledger = Ledger.open(db)
    try:
        claims = ledger.list_claims()
    finally:
        ledger.close()
    hostile = next(c for c in claims if "<script>" in c.text)
    answer = next(c for c in claims if c.id != hostile.id)
    assert runner.invoke(app, ["--db", db, "link", answer.id, hostile.id, "--stance", "contradicts"]).exit_code == 0
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["--db", db, "report", "disputed", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<script>window" not in text and "<img src=x" not in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, watch = _open(browser, out)
    try:
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("img").count() == 0
        assert "<script>window.__pwned=1;alert(1)</script>" in page.inner_text("body")
        assert page.locator(f"#timeline-{hostile.id} g.mark").count() == 2
        page.screenshot(path=str(ARTIFACTS / "hostile.png"), full_page=True)
    finally:
        page.close()
    assert watch.events == []
