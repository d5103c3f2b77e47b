"""The editor's HTML report in headless Chromium: overview counts match the JSON, timelines that cannot
mislead (a 2-day thread, a 10-year thread, an outlier), and printing (print to PDF, pages read back with
poppler's `pdftotext`/`pdftoppm`: no thread split across pages where it fits on one).

Screenshots and page images go to tests/artifacts/reports/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from claims.dates import PartialDate
from claims.ledger import Ledger
from reports.disputed import build_disputed_report
from reports.html import disputed_html
from reports.models import DisputedClaim, DisputedReport, EvidenceItem, Overview
from reports.render import render_disputed
from tests.reports.editor_scenario import GENERATED_AT
from tests.reports.test_reports_browser import ARTIFACTS, CHROMIUM, _open

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium")
# Rendering is the same on every backend (the snapshots prove it), so Chromium runs on SQLite only.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _write(name: str, html: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(html, encoding="utf-8")
    return path


@SQLITE_ONLY
def test_overview_counts_match_the_json(browser: Any, editor_ledger: Ledger) -> None:
    report = build_disputed_report(editor_ledger, include_rated=True, generated_at=GENERATED_AT)
    data = json.loads(render_disputed(report, "json"))
    page, watch = _open(browser, _write("editor.html", render_disputed(report, "html")))
    try:
        def card(key: str) -> int:
            return int(page.locator(f'.overview [data-count="{key}"] b').inner_text())

        assert card("threads") == data["overview"]["total"] == len(data["claims"])
        for count in data["overview"]["by_status"]:
            assert card(f"status-{count['key']}") == count["count"]
        assert card("new") == data["overview"]["new_disputes"]
        assert card("changed") == data["overview"]["changed"]
        contents = page.locator("ol.contents a")
        assert [contents.nth(n).get_attribute("href") for n in range(contents.count())] == [
            f"#claim-{c['id']}" for c in data["claims"]
        ]
        assert page.locator("article.thread").count() == len(data["claims"])
        # The denial reads as a denial, the verdict in words, the claim highlighted in its sentence.
        body = page.inner_text("body")
        assert "who denied that the Elm Street bridge will shut in June" in body
        assert page.locator(".verdict-false").first.inner_text() == "Rated false"
        assert page.locator("blockquote.context mark").count() >= len(data["claims"])
        page.screenshot(path=str(ARTIFACTS / "editor.png"), full_page=True)
    finally:
        page.close()
    assert watch.events == []


def _thread(claim_date: str, *evidence: tuple[str, str]) -> DisputedClaim:
    items = [
        EvidenceItem(id=f"t{n:010d}", text=f"Statement number {n}", claimant=f"Speaker {n}",
                     claim_date=PartialDate(date), stance=stance, origin="manual", direction="from",
                     review_state="manual", sentence=f"{stance.capitalize()} by Speaker {n}")
        for n, (stance, date) in enumerate(evidence, 1)
    ]
    return DisputedClaim(id="t9999999999", text="The first statement", claimant="First speaker",
                         claim_date=PartialDate(claim_date), status="disputed", evidence=items)


CASES = {
    "two-days": _thread("2022-04-27", ("contradicts", "2022-04-28"), ("supports", "2022-04-28")),
    "ten-years": _thread("2012-03-01", ("contradicts", "2016-07-14"), ("supports", "2019-11"), ("related", "2022")),
    "outlier": _thread("2016-03-01", ("contradicts", "2016-03-03"), ("supports", "2016-03-04"),
                       ("contradicts", "2008-05-01")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_timeline_cases_in_chromium(browser: Any, case: str) -> None:
    thread = CASES[case]
    report = DisputedReport(generated_at=GENERATED_AT, overview=Overview(total=1), claims=[thread])
    page, watch = _open(browser, _write(f"timeline-{case}.html", disputed_html(report)))
    try:
        svg = page.locator(f"#timeline-{thread.id}")
        box = svg.bounding_box()
        assert box is not None
        marks = svg.locator("g.mark")
        assert marks.count() == 1 + len(thread.evidence)
        for n in range(marks.count()):
            mark = marks.nth(n).bounding_box()
            assert mark is not None and mark["width"] > 0
            assert box["x"] <= mark["x"] and mark["x"] + mark["width"] <= box["x"] + box["width"] + 0.5
        ticks = svg.locator("g.axis text")
        labels = [ticks.nth(n).text_content() or "" for n in range(ticks.count())]
        assert len(labels) >= 2
        for a, b in zip(range(ticks.count()), range(1, ticks.count()), strict=False):
            left, right = ticks.nth(a).bounding_box(), ticks.nth(b).bounding_box()
            assert left and right and left["x"] + left["width"] <= right["x"] + 1  # labels never overlap
        legend = svg.locator("g.legend-item")
        assert sorted(legend.nth(n).get_attribute("data-kind") for n in range(legend.count())) == sorted(
            {"claim", *(e.stance for e in thread.evidence)}
        )
        if case == "outlier":
            assert svg.locator(".outlier-date").text_content() == "1 May 2008"
            assert not any("2008" in label or "2010" in label for label in labels)  # the axis keeps its span
        if case == "two-days":
            assert all("20" not in label or "2022" in label for label in labels)
        if case == "ten-years":
            assert svg.locator(".outlier-date").count() == 0 and labels[0] <= "2013" and labels[-1] >= "2021"
        svg.screenshot(path=str(ARTIFACTS / f"timeline-{case}.png"))
    finally:
        page.close()
    assert watch.events == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is missing: apt-get install poppler-utils")
@SQLITE_ONLY
def test_print_to_pdf_keeps_each_thread_on_one_page(browser: Any, editor_ledger: Ledger) -> None:
    report = build_disputed_report(editor_ledger, include_rated=True, include_suggestions=True,
                                   generated_at=GENERATED_AT)
    page, _ = _open(browser, _write("editor-print.html", disputed_html(report)))
    pdf = ARTIFACTS / "editor-print.pdf"
    try:
        # The printable area of A4 with these margins, in CSS pixels: what "fits on one page" means.
        page.set_viewport_size({"width": PRINT_W, "height": PRINT_H})
        page.emulate_media(media="print")
        heights = page.evaluate("[...document.querySelectorAll('article.thread')].map(a => a.offsetHeight)")
        page.pdf(path=str(pdf), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
    finally:
        page.close()
    pages = _pdf_pages(pdf)
    assert len(pages) >= 2
    fitting = [t for t, h in zip(report.claims, heights, strict=True) if h < PRINT_H]
    assert fitting, heights  # otherwise the test below checks nothing
    for thread in fitting:
        # The thread's id is in its first lines, its last evidence's source near its end.
        first = [n for n, text in enumerate(pages) if thread.id in text]
        last_words = " ".join((thread.evidence[-1].said.context.sentence if thread.evidence[-1].said
                               and thread.evidence[-1].said.context else thread.evidence[-1].sentence).split()[:5])
        last = [n for n, text in enumerate(pages) if last_words in " ".join(text.split())]
        assert first and last and first[0] == last[-1], (thread.id, first, last)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "editor-print")], check=True,
                   timeout=120)


PRINT_W = round((210 - 24) / 25.4 * 96)
PRINT_H = round((297 - 30) / 25.4 * 96)


def _pdf_pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [
        subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                       text=True, check=True).stdout
        for n in range(1, count + 1)
    ]
