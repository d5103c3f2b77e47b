"""A small horizontal bar chart as inline SVG (no JavaScript), for the status report."""

from __future__ import annotations

from collections.abc import Sequence

from reports.escape import esc
from reports.models import Count

_BAR_H = 18
_GAP = 6
_LABEL_W = 150
_VALUE_W = 50


def bar_chart(rows: Sequence[Count], *, title: str, width: int = 560, colour: str = "#1f4e79") -> str:
    """One bar per row, labelled with its key and count; each bar has a <title>."""
    height = 8 + len(rows) * (_BAR_H + _GAP) + 4
    biggest = max((r.count for r in rows), default=0) or 1
    room = width - _LABEL_W - _VALUE_W
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" aria-label="{esc(title)}" '
        # Scales down to its box (a dashboard cell, a printed page) instead of overflowing it.
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'style="max-width:100%;height:auto">',
        f"<title>{esc(title)}</title>",
    ]
    for n, row in enumerate(rows):
        y = 8 + n * (_BAR_H + _GAP)
        w = room * row.count / biggest
        parts.append(
            f'<g class="bar"><title>{esc(row.key)}: {row.count}</title>'
            f'<text x="{_LABEL_W - 8}" y="{y + 13}" text-anchor="end" font-size="12" fill="#222">{esc(row.key)}</text>'
            f'<rect x="{_LABEL_W}" y="{y}" width="{w:.1f}" height="{_BAR_H}" fill="{colour}"/>'
            f'<text x="{_LABEL_W + w + 6:.1f}" y="{y + 13}" font-size="12" fill="#222">{row.count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
