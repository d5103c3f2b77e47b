"""The timeline SVG: one mark per item, granularity shown honestly, undated items apart, outliers at the edge,
a legend that draws the same marks, text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from claims.dates import PartialDate
from reports.models import DisputedClaim, EvidenceItem
from reports.timeline import _ticks, axis_range, timeline_svg

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


def test_coarse_dates_are_bars_days_are_points_undated_are_dashed() -> None:
    svg = timeline_svg(_thread(("supports", "2022-Q2", "quarter"), ("related", None, "no date")))
    marks = {m.get("data-kind"): m for m in _marks(svg)}
    assert marks["claim"].find(f"{SVG}circle") is not None
    period = marks["supports"].find(f"{SVG}rect")
    assert period is not None and period.get("class") == "period"
    undated = marks["related"].find(f"{SVG}polygon")
    assert undated is not None and undated.get("stroke-dasharray")
    assert ">undated</text>" in svg


def test_modifier_is_drawn_dashed_and_named_in_title() -> None:
    svg = timeline_svg(_thread(("contradicts", "approx 2022-05", "roughly then")))
    mark = _marks(svg)[1]
    assert mark.find(f"{SVG}rect").get("stroke-dasharray")
    assert "around May 2022" in mark.find(f"{SVG}title").text


def test_each_kind_has_its_own_shape_and_the_legend_draws_it() -> None:
    thread = _thread(("contradicts", "2022-04-30", "denial"), ("supports", "2022-05-02", "later"))
    svg = timeline_svg(thread)
    root = ET.fromstring(svg)
    shapes = {m.get("data-kind"): m[1].tag for m in _marks(svg)}
    assert shapes == {"claim": f"{SVG}circle", "contradicts": f"{SVG}polygon", "supports": f"{SVG}polygon"}
    legend = {g.get("data-kind"): g[0] for g in root.iter(f"{SVG}g") if g.get("class") == "legend-item"}
    assert set(legend) == {"claim", "contradicts", "supports"}
    for kind, shape in legend.items():
        mark = next(m for m in _marks(svg) if m.get("data-kind") == kind)[1]
        assert shape.tag == mark.tag and shape.get("fill") == mark.get("fill")


def test_an_outlier_is_drawn_at_the_edge_with_its_true_date() -> None:
    thread = _thread(
        ("contradicts", "2016-03-03", "a"), ("supports", "2016-03-04", "b"), ("related", "2008-05-01", "c")
    )
    svg = timeline_svg(thread.model_copy(update={"claim_date": PartialDate("2016-03-02")}))
    ticks = [t.text or "" for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "axis" for t in g]
    assert ticks and not any("2008" in t or "2010" in t for t in ticks)
    lo, hi = axis_range([PartialDate("2016-03-02"), PartialDate("2016-03-04")])
    assert (hi - lo).days < 7
    outlier = next(m for m in _marks(svg) if m.get("data-kind") == "related")
    assert outlier.find(f"{SVG}text").text == "1 May 2008"
    assert 'class="axis-break"' in svg


def test_a_ten_year_thread_has_no_outlier() -> None:
    thread = _thread(("contradicts", "2017-01-10", "a"), ("supports", "2012-06", "b"), ("related", "2032-04-01", "c"))
    svg = timeline_svg(thread.model_copy(update={"claim_date": PartialDate("2022-04-27")}))
    assert "outlier-date" not in svg


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
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?", label) for _, label in days)
    assert days[0][1].endswith("2022")
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", label) for _, label in months)
    assert all(re.fullmatch(r"\d{4}", label) for _, label in years)
    assert max(len(days), len(months), len(years)) <= 7
