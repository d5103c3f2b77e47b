"""The timeline picture of one claim thread: an inline SVG on a date axis that cannot mislead.

- The axis covers the thread's real span. A date far from all the others (a
  mis-dated claim: 2008 in a 2016 story) would stretch it over years, so such an
  outlier is drawn at the edge, past a break in the axis, with its true date
  written beside it.
- Each kind of item has its own mark, and the legend draws exactly those marks:
  the claim a filled circle, its other appearances hollow circles, evidence a
  diamond coloured by stance, a verdict a square coloured by rating.
- A date known only to the month or year is a bar over the whole period, so the
  picture never shows more precision than the evidence has; undated items sit
  in an "undated" column at the right.

Each item is one `<g class="mark">` with a `<title>` for screen readers and hover. No script.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from claims.dates import PartialDate
from reports.escape import esc
from reports.html_page import VERDICT_COLOURS
from reports.models import DisputedClaim
from reports.phrasing import MONTHS, day_words, when

COLOURS: dict[str, str] = {
    "claim": "#1f4e79",
    "appearance": "#1f4e79",
    "supports": "#2e7d32",
    "contradicts": "#c62828",
    "related": "#6d6d6d",
    "verdict": "#444444",
}
_ROW = 28
_TOP = 12
_LABEL_W = 230
_UNDATED_W = 80
_EDGE_W = 96  # room for an outlier and its date, left or right of the axis break
_AXIS_H = 34
_LEGEND_H = 24
_LABEL_CHARS = 32
OUTLIER_FACTOR = 10  # an item this many median deviations from the middle (and over a year) is an outlier
OUTLIER_MIN = dt.timedelta(days=365)

XOf = Callable[[dt.datetime], float]


@dataclass(frozen=True)
class _Item:
    kind: str  # "claim", "appearance", a stance, or "verdict"
    date: PartialDate | None
    label: str
    title: str
    colour: str
    suggested: bool = False


def timeline_svg(thread: DisputedClaim, *, width: int = 760, svg_id: str | None = None) -> str:
    """An accessible inline SVG timeline for a claim, its appearances, evidence and verdicts (one mark each)."""
    items = _items(thread)
    dated = sorted((i for i in items if i.date is not None), key=lambda i: i.date.anchor)  # type: ignore[union-attr]
    undated = [i for i in items if i.date is None]
    early, core, late = split_outliers(dated)
    rows = early + core + late + undated
    left = _LABEL_W + (_EDGE_W if early else 0)
    right = width - 16 - (_UNDATED_W if undated else 0) - (_EDGE_W if late else 0)
    lo, hi = axis_range([i.date for i in core if i.date])
    height = _TOP + len(rows) * _ROW + _AXIS_H + _LEGEND_H

    def x_of(moment: dt.datetime) -> float:
        span = (hi - lo).total_seconds() or 1.0
        return left + (moment - lo).total_seconds() / span * (right - left)

    sid = esc(svg_id or f"timeline-{thread.id}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" id="{sid}" role="img" '
        f'aria-labelledby="{sid}-title" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="{sid}-title">{esc(_summary(thread, items, early + late))}</title>',
    ]
    axis_y = _TOP + len(rows) * _ROW + 4
    parts.append(_axis(lo, hi, x_of, left, right, axis_y))
    if early:
        parts.append(_break(left - 8, axis_y, "earlier"))
    if late:
        parts.append(_break(right + 8, axis_y, "later"))
    if undated:
        ux = width - 16 - _UNDATED_W
        parts.append(f'<line x1="{ux}" y1="{_TOP}" x2="{ux}" y2="{axis_y}" stroke="#bbb" stroke-dasharray="3 3"/>')
        parts.append(
            f'<text x="{ux + _UNDATED_W / 2:.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="11" '
            'fill="#555">undated</text>'
        )
    for n, item in enumerate(rows):
        y = _TOP + n * _ROW + _ROW / 2
        parts.append(f'<line x1="{_LABEL_W}" y1="{y}" x2="{width - 16}" y2="{y}" stroke="#f0f0f0"/>')
        parts.append(
            f'<text x="{_LABEL_W - 10}" y="{y + 4}" text-anchor="end" font-size="12" fill="#222">'
            f"{esc(_clip(item.label))}</text>"
        )
        extra = ""
        if item.date is None:
            shape = _mark(item.kind, width - 16 - _UNDATED_W / 2, y, item.colour, dashed=True, light=item.suggested)
        elif item in early or item in late:
            x = _LABEL_W + _EDGE_W / 2 - 14 if item in early else width - 16 - (_UNDATED_W if undated else 0) - 30
            shape = _mark(item.kind, x, y, item.colour, light=item.suggested)
            anchor = "start"
            extra = (
                f'<text class="outlier-date" x="{x + 11:.1f}" y="{y + 4}" text-anchor="{anchor}" font-size="10" '
                f'fill="#b00">{esc(_edge_date(item.date))}</text>'
            )
            if item in late:
                extra = extra.replace(f'x="{x + 11:.1f}"', f'x="{x - 11:.1f}"').replace('"start"', '"end"')
        else:
            shape = _placed(item, x_of, y)
        parts.append(
            f'<g class="mark mark-{esc(item.kind)}" data-kind="{esc(item.kind)}">'
            f"<title>{esc(item.title)}</title>{shape}{extra}</g>"
        )
    parts.append(_legend(height - 8, items))
    parts.append("</svg>")
    return "".join(parts)


def split_outliers(dated: list[_Item]) -> tuple[list[_Item], list[_Item], list[_Item]]:
    """(early outliers, the core, late outliers): far from the median by many deviations and over a year."""
    if len(dated) < 3:
        return [], dated, []
    anchors = [i.date.anchor.timestamp() for i in dated if i.date]
    mid = statistics.median(anchors)
    spread = statistics.median(abs(a - mid) for a in anchors)
    limit = max(OUTLIER_FACTOR * spread, OUTLIER_MIN.total_seconds())
    early = [i for i, a in zip(dated, anchors, strict=True) if mid - a > limit]
    late = [i for i, a in zip(dated, anchors, strict=True) if a - mid > limit]
    core = [i for i in dated if i not in early and i not in late]
    return early, core, late


def axis_range(dates: list[PartialDate]) -> tuple[dt.datetime, dt.datetime]:
    """The axis: every date's whole period, padded a little so marks do not touch the edges."""
    if not dates:
        start = dt.datetime(2000, 1, 1)
        return start, start + dt.timedelta(days=1)
    lo = min(d.start for d in dates)
    hi = max(d.end for d in dates)
    span = max(hi - lo, dt.timedelta(days=1))
    pad = span * 0.06
    # Clamped to what datetime can hold: a claim dated 0001-01-01 or 9999-12-31 is valid, its padding is not.
    start = lo - pad if lo - dt.datetime.min > pad else dt.datetime.min
    end = lo + span + pad if dt.datetime.max - lo > span + pad else dt.datetime.max
    return start, end


def _items(thread: DisputedClaim) -> list[_Item]:
    who = thread.claimant or "unknown"
    items = [
        _Item(
            "claim",
            thread.claim_date,
            f"claim · {who}",
            _title("claim", who, thread.claim_date, thread.text),
            COLOURS["claim"],
        )
    ]
    for app in thread.appearances:
        where = app.source.outlet or app.source.title or "another source"
        items.append(
            _Item(
                "appearance",
                app.claim_date,
                f"also in · {where}",
                _title("the same claim again", where, app.claim_date, thread.text),
                COLOURS["appearance"],
            )
        )
    for ev in thread.evidence:
        verb = ev.stance if ev.direction == "from" else f"it {ev.stance.removesuffix('s')}s"
        label = f"{verb} · {ev.claimant or 'unknown'}" + (" (suggested)" if ev.review_state == "suggested" else "")
        items.append(
            _Item(
                ev.stance,
                ev.claim_date,
                label,
                _title(ev.stance, ev.claimant, ev.claim_date, ev.sentence or ev.text),
                COLOURS[ev.stance],
                ev.review_state == "suggested",
            )
        )
    for v in thread.verdict_history:
        date = PartialDate(v.at.date().isoformat()) if v.at else None
        items.append(
            _Item(
                "verdict",
                date,
                f"verdict · {v.rating}",
                _title("verdict", v.by, date, v.rationale or ""),
                VERDICT_COLOURS.get(v.rating, COLOURS["verdict"]),
            )
        )
    return items


def _title(kind: str, who: str | None, date: PartialDate | None, text: str) -> str:
    words = when(date).removeprefix("on ").removeprefix("in ") if date else "undated"
    return f"{kind}: {who or 'unknown'}, {words}: {text}"


def _summary(thread: DisputedClaim, items: list[_Item], outliers: list[_Item]) -> str:
    text = f"Timeline of the claim by {thread.claimant or 'an unknown claimant'} and {len(items) - 1} related item(s)"
    if outliers:
        text += "; drawn at the edge, outside the axis: " + ", ".join(f"{i.label} ({_short(i.date)})" for i in outliers)
    return text


def _clip(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _short(date: PartialDate | None) -> str:
    return str(date.value) if date else "undated"


def _placed(item: _Item, x_of: XOf, y: float) -> str:
    date = item.date
    assert date is not None
    dashed = date.modifier in {"approx", "before", "after"}
    if date.granularity in {"day", "minute", "daypart"}:
        moment = date.start if date.granularity == "minute" else date.start + (date.end - date.start) / 2
        return _mark(item.kind, x_of(moment), y, item.colour, dashed=dashed, light=item.suggested)
    x1, x2 = x_of(date.start), x_of(date.end)
    w = max(x2 - x1, 8.0)
    dash = ' stroke-dasharray="4 2"' if dashed else ""
    bar = (
        f'<rect class="period" x="{x1:.1f}" y="{y - 4:.1f}" width="{w:.1f}" height="8" rx="3" fill="{item.colour}" '
        f'fill-opacity="0.35" stroke="{item.colour}" stroke-width="1.5"{dash}/>'
    )
    return bar + _mark(item.kind, x1 + w / 2, y, item.colour, dashed=dashed, light=item.suggested)


def _mark(kind: str, x: float, y: float, colour: str, *, dashed: bool = False, light: bool = False) -> str:
    """The one shape of each kind (the legend uses the same function); `light`: an unreviewed suggestion."""
    dash = ' stroke-dasharray="3 2"' if dashed or light else ""
    if light:
        pts = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="#fff" stroke="{colour}" stroke-width="2"{dash}/>'
    if kind == "claim":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}" stroke="{colour}" stroke-width="2"{dash}/>'
    if kind == "appearance":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#fff" stroke="{colour}" stroke-width="2.5"{dash}/>'
    if kind == "verdict":
        return (
            f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" fill="{colour}" stroke="#222" '
            f'stroke-width="1"{dash}/>'
        )
    pts = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}"
    return f'<polygon points="{pts}" fill="{colour}" stroke="{colour}" stroke-width="1.5"{dash}/>'


def _break(x: float, y: float, side: str) -> str:
    return (
        f'<g class="axis-break" data-side="{side}"><line x1="{x - 4:.1f}" y1="{y + 5}" x2="{x + 2:.1f}" '
        f'y2="{y - 5}" stroke="#444"/><line x1="{x + 1:.1f}" y1="{y + 5}" x2="{x + 7:.1f}" y2="{y - 5}" '
        'stroke="#444"/></g>'
    )


def _axis(lo: dt.datetime, hi: dt.datetime, x_of: XOf, left: float, right: float, y: float) -> str:
    out = [f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#444" stroke-width="1"/>']
    for tick, label in _ticks(lo, hi, most=max(2, min(6, int((right - left) // 85)))):
        x = x_of(tick)
        if left - 0.5 <= x <= right + 0.5:
            out.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 5}" stroke="#444"/>')
            out.append(
                f'<text x="{x:.1f}" y="{y + 17}" text-anchor="middle" font-size="11" fill="#444">{esc(label)}</text>'
            )
    return '<g class="axis">' + "".join(out) + "</g>"


_MON = tuple(month[:3] for month in MONTHS)  # "Jan" … "Dec"


def _ticks(lo: dt.datetime, hi: dt.datetime, most: int = 6) -> list[tuple[dt.datetime, str]]:
    """Tick marks on day, month or year boundaries, at most `most` of them."""
    days = (hi - lo).days
    if days <= 60:
        step = max(1, -(-days // most))
        ticks = []
        for k in range(most + 1):
            try:
                # At noon, where a date known to the day is drawn, so each label sits under its own day.
                tick = dt.datetime(lo.year, lo.month, lo.day) + dt.timedelta(days=k * step, hours=12)
            except OverflowError:  # the axis ends at 9999-12-31
                break
            if lo <= tick <= hi:
                ticks.append(tick)
        # The year once, on the first tick and where it changes: "1 Mar 2021", "3 Mar", ...
        out_days = []
        for n, t in enumerate(ticks):
            new_year = n == 0 or ticks[n - 1].year != t.year
            out_days.append((t, f"{t.day} {_MON[t.month - 1]}" + (f" {t.year}" if new_year else "")))
        return out_days
    if days <= 3 * 366:
        months = days // 30 + 1
        step = max(1, -(-months // most))
        out: list[tuple[dt.datetime, str]] = []
        year, month = lo.year, lo.month + 1
        while True:
            if month > 12:
                year, month = year + 1, month - 12
            if year > dt.MAXYEAR:
                return out
            tick = dt.datetime(year, month, 1)
            if tick > hi:
                return out
            out.append((tick, f"{_MON[tick.month - 1]} {tick.year}"))
            month += step
    years = hi.year - lo.year + 1
    step = max(1, -(-years // most))
    return [(dt.datetime(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1, step)]


_LEGEND = (
    ("claim", "claim"),
    ("appearance", "appeared again"),
    ("contradicts", "contradicts"),
    ("supports", "supports"),
    ("related", "related"),
    ("verdict", "verdict"),
)


def _legend(y: float, items: list[_Item]) -> str:
    """The legend: the very marks the picture uses (same shape, same colour), for the kinds it shows."""
    colours = {i.kind: i.colour for i in items if not i.suggested}
    shown = [(kind, words, colours[kind], False) for kind, words in _LEGEND if kind in colours]
    shown += [(i.kind, "suggestion", i.colour, True) for i in items if i.suggested][:1]
    out = ['<g class="legend" font-size="11" fill="#333">']
    x = float(_LABEL_W)
    for kind, words, colour, light in shown:
        out.append(
            f'<g class="legend-item" data-kind="{"suggestion" if light else kind}">'
            f"{_mark(kind, x + 6, y - 4, colour, light=light)}"
            f'<text x="{x + 17}" y="{y}">{esc(words)}</text></g>'
        )
        x += 32 + 6.5 * len(words)
    out.append("</g>")
    return "".join(out)


def _edge_date(date: PartialDate | None) -> str:
    """An outlier's true date, short enough for the edge: "2 Mar 2011", "Mar 2011", "2011"."""
    if date is None:
        return "undated"
    words = day_words(date)
    for full, short in zip(MONTHS, _MON, strict=True):
        words = words.replace(full, short)
    return words
