"""The timeline picture of one claim thread: an inline SVG on a date axis.

The statement, the denial and later evidence each get one mark (`<g class="mark">`
with a `<title>` for screen readers and hover), coloured by stance. A date
known only to the month or year is drawn as a bar over the whole period, so
the picture never shows more precision than the evidence has; undated items
sit in a separate "undated" column at the right. No script, no external assets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from claims.dates import PartialDate
from reports.escape import esc
from reports.models import DisputedClaim

COLOURS: dict[str, str] = {
    "claim": "#1f4e79",
    "supports": "#2e7d32",
    "contradicts": "#c62828",
    "related": "#6d6d6d",
}
_ROW = 30
_TOP = 16
_LABEL_W = 230
_UNDATED_W = 80
_AXIS_H = 34
_LEGEND_H = 22
_LABEL_CHARS = 30

XOf = Callable[[dt.datetime], float]


@dataclass(frozen=True)
class _Item:
    kind: str  # "claim" or a stance
    date: PartialDate | None
    label: str
    title: str


def timeline_svg(thread: DisputedClaim, *, width: int = 760, svg_id: str | None = None) -> str:
    """An accessible inline SVG timeline for a claim and its evidence (one mark each)."""
    items = _items(thread)
    dated = [i for i in items if i.date is not None]
    undated = [i for i in items if i.date is None]
    rows = sorted(dated, key=lambda i: i.date.sort_key() if i.date else "") + undated
    has_undated = bool(undated)
    plot_left = _LABEL_W
    plot_right = width - 16 - (_UNDATED_W if has_undated else 0)
    lo, hi = _range(dated)
    height = _TOP + len(rows) * _ROW + _AXIS_H + _LEGEND_H

    def x_of(moment: dt.datetime) -> float:
        span = (hi - lo).total_seconds() or 1.0
        return plot_left + (moment - lo).total_seconds() / span * (plot_right - plot_left)

    sid = esc(svg_id or f"timeline-{thread.id}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" id="{sid}" role="img" '
        f'aria-labelledby="{sid}-title" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="{sid}-title">{esc(_summary(thread, len(rows) - 1))}</title>',
    ]
    axis_y = _TOP + len(rows) * _ROW + 4
    parts.append(_axis(lo, hi, x_of, plot_left, plot_right, axis_y))
    if has_undated:
        ux = plot_right + 16
        parts.append(
            f'<line x1="{ux - 8}" y1="{_TOP - 6}" x2="{ux - 8}" y2="{axis_y}" class="undated-rule" '
            'stroke="#bbb" stroke-dasharray="3 3"/>'
        )
        parts.append(
            f'<text x="{ux + _UNDATED_W / 2 - 8:.1f}" y="{axis_y + 16}" text-anchor="middle" '
            'font-size="11" fill="#555">undated</text>'
        )
    for n, item in enumerate(rows):
        y = _TOP + n * _ROW + _ROW / 2
        parts.append(f'<line x1="{plot_left}" y1="{y}" x2="{plot_right}" y2="{y}" stroke="#eee" stroke-width="1"/>')
        parts.append(
            f'<text x="{plot_left - 10}" y="{y + 4}" text-anchor="end" font-size="12" fill="#222">'
            f"{esc(_clip(item.label))}</text>"
        )
        if item.date is None:
            cx = plot_right + 16 + (_UNDATED_W - 16) / 2
            shape = _dot(cx, y, COLOURS[item.kind], hollow=True)
        else:
            shape = _shape(item.date, x_of, y, COLOURS[item.kind])
        parts.append(
            f'<g class="mark mark-{esc(item.kind)}" data-kind="{esc(item.kind)}">'
            f"<title>{esc(item.title)}</title>{shape}</g>"
        )
    parts.append(_legend(height - 6, plot_left))
    parts.append("</svg>")
    return "".join(parts)


def _items(thread: DisputedClaim) -> list[_Item]:
    items = [
        _Item(
            kind="claim",
            date=thread.claim_date,
            label=f"claim · {thread.claimant or 'unknown'}",
            title=_title("claim", thread.claimant, thread.claim_date, thread.text),
        )
    ]
    for ev in thread.evidence:
        items.append(
            _Item(
                kind=ev.stance,
                date=ev.claim_date,
                label=f"{ev.stance} · {ev.claimant or 'unknown'}",
                title=_title(ev.stance, ev.claimant, ev.claim_date, ev.text),
            )
        )
    return items


def _title(kind: str, claimant: str | None, date: PartialDate | None, text: str) -> str:
    return f"{kind}: {claimant or 'unknown claimant'}, {date or 'undated'}: {text}"


def _summary(thread: DisputedClaim, n_evidence: int) -> str:
    return f"Timeline of the claim by {thread.claimant or 'an unknown claimant'} and {n_evidence} evidence item(s)"


def _clip(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _range(dated: list[_Item]) -> tuple[dt.datetime, dt.datetime]:
    """The axis range: every dated item's whole period, padded so marks do not touch the edges."""
    if not dated:
        today = dt.datetime(2000, 1, 1)
        return today, today + dt.timedelta(days=1)
    lo = min(i.date.start for i in dated if i.date)
    hi = max(i.date.end for i in dated if i.date)
    span = max(hi - lo, dt.timedelta(days=2))
    pad = span * 0.06
    # Clamped to what datetime can hold: a claim dated 0001-01-01 or 9999-12-31 is valid, its padding is not.
    start = lo - pad if lo - dt.datetime.min > pad else dt.datetime.min
    end = lo + span + pad if dt.datetime.max - lo > span + pad else dt.datetime.max
    return start, end


def _shape(date: PartialDate, x_of: XOf, y: float, colour: str) -> str:
    dashed = date.modifier in {"approx", "before", "after"}
    if date.granularity in {"day", "minute"}:
        moment = date.start if date.granularity == "minute" else date.start + dt.timedelta(hours=12)
        return _dot(x_of(moment), y, colour, dashed=dashed)
    x1, x2 = x_of(date.start), x_of(date.end)
    w = max(x2 - x1, 8.0)
    dash = ' stroke-dasharray="4 2"' if dashed else ""
    return (
        f'<rect x="{x1:.1f}" y="{y - 6:.1f}" width="{w:.1f}" height="12" rx="4" fill="{colour}" '
        f'fill-opacity="0.55" stroke="{colour}" stroke-width="2"{dash}/>'
    )


def _dot(x: float, y: float, colour: str, *, hollow: bool = False, dashed: bool = False) -> str:
    fill = "#fff" if hollow else colour
    dash = ' stroke-dasharray="3 2"' if dashed or hollow else ""
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{fill}" stroke="{colour}" stroke-width="2"{dash}/>'


def _axis(lo: dt.datetime, hi: dt.datetime, x_of: XOf, left: float, right: float, y: float) -> str:
    out = [f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#444" stroke-width="1"/>']
    for tick, label in _ticks(lo, hi):
        x = x_of(tick)
        if left - 0.5 <= x <= right + 0.5:
            out.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 5}" stroke="#444"/>')
            out.append(
                f'<text x="{x:.1f}" y="{y + 17}" text-anchor="middle" font-size="11" fill="#444">{esc(label)}</text>'
            )
    return '<g class="axis">' + "".join(out) + "</g>"


def _ticks(lo: dt.datetime, hi: dt.datetime, most: int = 6) -> list[tuple[dt.datetime, str]]:
    """Tick marks on day, month or year boundaries, at most `most` of them."""
    days = (hi - lo).days
    if days <= 60:
        step = max(1, -(-days // most))
        ticks = []
        for k in range(most + 1):
            try:
                tick = dt.datetime(lo.year, lo.month, lo.day) + dt.timedelta(days=1 + k * step)
            except OverflowError:  # the axis ends at 9999-12-31
                break
            if tick <= hi:
                ticks.append(tick)
        return [(t, f"{t.year:04d}-{t:%m-%d}") for t in ticks]
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
            out.append((tick, f"{tick.year:04d}-{tick.month:02d}"))
            month += step
    years = hi.year - lo.year + 1
    step = max(1, -(-years // most))
    return [(dt.datetime(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1, step)]


def _legend(y: float, left: float) -> str:
    out = ['<g class="legend" font-size="11" fill="#333">']
    x = left
    for kind, colour in COLOURS.items():
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 14}" y="{y}">{esc(kind)}</text>')
        x += 26 + 7 * len(kind)
    out.append("</g>")
    return "".join(out)
