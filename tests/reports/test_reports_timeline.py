"""The timeline SVG: one mark per item, granularity shown honestly, undated items apart, text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from claims.dates import PartialDate
from reports.models import DisputedClaim, EvidenceItem
from reports.timeline import _ticks, timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def _thread(*evidence: tuple[str, str | None, str]) -> DisputedClaim:
    items = [
        EvidenceItem(
            id=f"c{n:010d}",
            text=text,
            claimant=f"Claimant {n}",
            claim_date=PartialDate(date) if date else None,
            stance=stance,
            origin="manual",
            direction="from",
        )
        for n, (stance, date, text) in enumerate(evidence, 1)
    ]
    return DisputedClaim(
        id="c9999999999", text="The statement", claimant="Speaker", claim_date=PartialDate("2022-04-27"), evidence=items
    )


def _marks(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if "mark" in (g.get("class") or "").split()]


def test_one_mark_per_item_plus_the_claim() -> None:
    svg = timeline_svg(_thread(("contradicts", "2022-04-30", "denial"), ("supports", "2022-05", "later")))
    marks = _marks(svg)
    assert len(marks) == 3
    assert [m.get("data-kind") for m in marks] == ["claim", "contradicts", "supports"]
    for mark in marks:
        assert mark.find(f"{SVG}title") is not None


def test_coarse_dates_are_bars_days_are_dots_undated_are_hollow() -> None:
    svg = timeline_svg(_thread(("supports", "2022-Q2", "quarter"), ("related", None, "no date")))
    marks = {m.get("data-kind"): m for m in _marks(svg)}
    assert marks["claim"].find(f"{SVG}circle") is not None
    assert marks["supports"].find(f"{SVG}rect") is not None
    hollow = marks["related"].find(f"{SVG}circle")
    assert hollow is not None and hollow.get("fill") == "#fff"
    assert ">undated</text>" in svg


def test_modifier_is_drawn_dashed_and_named_in_title() -> None:
    svg = timeline_svg(_thread(("contradicts", "approx 2022-05", "roughly then")))
    mark = _marks(svg)[1]
    assert mark.find(f"{SVG}rect").get("stroke-dasharray")
    assert "approx 2022-05" in mark.find(f"{SVG}title").text


def test_untrusted_text_is_escaped_inside_svg() -> None:
    svg = timeline_svg(_thread(("contradicts", "2022-05-01", "<script>alert(1)</script>")))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    ET.fromstring(svg)  # still well-formed XML


def test_all_undated_still_renders() -> None:
    thread = _thread(("contradicts", None, "x")).model_copy(update={"claim_date": None})
    assert len(_marks(timeline_svg(thread))) == 2


def test_ticks_pick_a_sensible_unit() -> None:
    import datetime as dt

    days = _ticks(dt.datetime(2022, 4, 20), dt.datetime(2022, 5, 10))
    months = _ticks(dt.datetime(2022, 1, 1), dt.datetime(2022, 12, 31))
    years = _ticks(dt.datetime(2010, 1, 1), dt.datetime(2022, 1, 1))
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", label) for _, label in days)
    assert all(re.fullmatch(r"\d{4}-\d{2}", label) for _, label in months)
    assert all(re.fullmatch(r"\d{4}", label) for _, label in years)
    assert max(len(days), len(months), len(years)) <= 7
