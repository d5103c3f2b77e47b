"""What the reports say: denials as denials, quotes only for direct quotes, dates at their granularity,
no linker internals, periods and claimants counted honestly."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import Claim
from reports import phrasing
from reports.disputed import build_disputed_report
from reports.render import DISPUTED_FORMATS, STATUS_FORMATS, render_disputed, render_status
from reports.status import build_status_report, is_document, period
from tests.reports.editor_scenario import DENIED_TEXT, GENERATED_AT

# Whatever precedes the denied proposition must say it was denied (or be the denial's own source sentence).
_DENIED_BEFORE = re.compile(r"(denied that|the claim that)\s*$", re.IGNORECASE)


def _plain(text: str, fmt: str) -> str:
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    if fmt == "md":
        text = text.replace("**", "").replace("\\", "")
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", DISPUTED_FORMATS)
@pytest.mark.parametrize("suggestions", [False, True])
def test_a_denied_claim_never_reads_as_an_affirmation(editor_ledger: Ledger, fmt: str, suggestions: bool) -> None:
    report = build_disputed_report(
        editor_ledger, include_rated=True, include_suggestions=suggestions, generated_at=GENERATED_AT
    )
    text = render_disputed(report, fmt)
    if fmt == "json":
        data = json.loads(text)
        items = [c for t in data["claims"] for c in [t, *t["evidence"]]]
        denied = [c for c in items if c["text"] == DENIED_TEXT]
        assert denied, "the denial is in the report"
        for c in denied:
            assert c["polarity"] == "negated" and c["said"]["kind"] == "denial"
            assert "denied" in c["said"]["statement"] and "denied that" in c["sentence"]
            assert "text" not in (c.get("reason") or {})  # the linker's sentence restates it without its polarity
        return
    plain = _plain(text, fmt)
    needle = DENIED_TEXT.split(" ", 1)[1].casefold()  # "Elm Street bridge will close in June"
    hits = [m.start() for m in re.finditer(re.escape(needle), plain.casefold())]
    assert hits
    for at in hits:
        before = plain[max(0, at - 40) : at].removesuffix("the ").removesuffix("The ")
        assert _DENIED_BEFORE.search(before), plain[max(0, at - 80) : at + 60]


def test_statement_wording() -> None:
    denial = Claim(text="The plant was sold", claimant="Acme", polarity="negated", cue="denied",
                   claim_date=PartialDate("2022-04-27"))
    own_words = Claim(text="No plant was sold", claimant="Acme", polarity="negated", quote="direct",
                      claim_date=PartialDate("2022-04"))
    rejected = Claim(text="The plant was sold", claimant="Acme", polarity="negated", cue="rejected",
                     claim_date=PartialDate("2022"))
    paraphrase = Claim(text="The plant was sold", claimant="Jo Ray", claimant_role="minister",
                       claim_date=PartialDate("approx 2022-Q2"))
    assert phrasing.statement(denial) == "Acme denied on 27 April 2022 that the plant was sold."
    assert phrasing.statement(own_words) == "Acme said in April 2022: “No plant was sold.”"
    assert phrasing.statement(rejected) == "Acme rejected in 2022 the claim that the plant was sold."
    assert phrasing.statement(paraphrase) == (
        "Jo Ray (minister) said around the second quarter of 2022 that the plant was sold."
    )
    assert "“" not in phrasing.statement(paraphrase)  # quotation marks only for direct quotes


def test_why_is_words_not_features() -> None:
    reason = {"text": "X said that y: an opposite predicate for the same proposition as in Z: \"w\".",
              "predicates": ["lower", "lose"], "relation": "antonym", "score": 0.82}
    why = phrasing.link_why(reason, None)
    assert why == "says the opposite of the same statement"
    assert not re.search(r"predicates|relation|score|\d\.\d", why)


def test_periods_keep_their_granularity() -> None:
    assert period(PartialDate("2003")) == "2003"
    assert period(PartialDate("2003-05-04")) == "2003-05"
    assert period(PartialDate("2003-Q2")) == "2003-Q2"
    assert period(PartialDate("199")) == "1990s"


def test_documents_are_not_claimants() -> None:
    assert is_document("tax records") and is_document("the annual report") and is_document("“The Long Road”")
    assert is_document("Memoirs of a Mayor", {"memoirs of a mayor"})
    assert not is_document("Orlavian customs agency") and not is_document("Bill Record")
    assert not is_document("the mayor")


def test_status_report_scorecards_and_year_only_dates(editor_ledger: Ledger) -> None:
    report = build_status_report(editor_ledger, generated_at=GENERATED_AT)
    assert "2019" in [c.key for c in report.by_month] and "2019-01" not in [c.key for c in report.by_month]
    cards = {s.claimant: s for s in report.scorecards}
    assert "tax records" not in cards and [c.key for c in report.not_claimants] == ["tax records"]
    assert (cards["Paul Ek"].claims, cards["Paul Ek"].rated_false) == (1, 1)
    assert cards["Rosa Lind"].disputed == 1
    for fmt in STATUS_FORMATS:
        assert "2019-01" not in render_status(report, fmt)


def test_overview_counts_and_order(editor_ledger: Ledger) -> None:
    report = build_disputed_report(editor_ledger, include_rated=True, generated_at=GENERATED_AT)
    o = report.overview
    assert o.total == len(report.claims) == 2
    assert {c.key: c.count for c in o.by_status} == {"disputed": 1, "rated": 1}
    assert o.new_since == GENERATED_AT - dt.timedelta(days=7)
    assert o.new_disputes == 1 and o.changed == 1
    assert [e.id for e in o.contents] == [t.id for t in report.claims]
    anchors = [t.latest_evidence.anchor for t in report.claims if t.latest_evidence]
    assert anchors == sorted(anchors, reverse=True)
    rated = report.claims[0]
    assert rated.verdict_words.startswith("Rated false by Desk B on 12 April 2021: ")
