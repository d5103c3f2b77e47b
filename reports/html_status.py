"""HTML rendering of the status report: a dashboard of cards and bar charts (inline SVG, no script)."""

from __future__ import annotations

from reports.charts import bar_chart
from reports.escape import esc
from reports.html_page import page
from reports.models import Count, StatusReport
from reports.phrasing import moment_words


def _count_table(rows: list[Count], key: str) -> str:
    if not rows:
        return '<p class="muted">None.</p>'
    body = "".join(f'<tr><td>{esc(r.key)}</td><td class="num">{r.count}</td></tr>' for r in rows)
    return f'<table><thead><tr><th>{esc(key)}</th><th class="num">claims</th></tr></thead><tbody>{body}</tbody></table>'


def status_html(report: StatusReport) -> str:
    """The status report as a dashboard: counts, claims per period, claimant scorecards, verdicts."""
    cards = [f'<div class="card" data-count="total"><b>{report.total}</b>claims</div>']
    cards += [
        f'<div class="card" data-count="status-{esc(c.key)}"><b>{c.count}</b>{esc(c.key)}</div>'
        for c in report.by_status
    ]
    body = [
        "<header><h1>Ledger status</h1>",
        f'<p class="meta">Generated {esc(moment_words(report.generated_at))} '
        f"({esc(report.generated_at.isoformat())}) · {report.total} claims</p></header>",
        f'<main><div class="cards">{"".join(cards)}</div><div class="dash">',
        "<section><h2>Claims per period</h2>",
        '<p class="muted">Each claim counts in the period its date names: a date known only to the year counts '
        "under the year.</p>",
    ]
    if report.by_month:
        body.append(f"<figure>{bar_chart(report.by_month, title='Claims per period')}</figure>")
    else:
        body.append('<p class="muted">None.</p>')
    if report.undated:
        body.append(f'<p class="muted">Undated claims: {report.undated}</p>')
    body.append("</section><section><h2>Claimants</h2>")
    top = [Count(key=s.claimant, count=s.claims) for s in report.scorecards[:10]]
    if top:
        body.append(f"<figure>{bar_chart(top, title='Claims per claimant')}</figure>")
    body.append(_scorecards(report))
    body += [
        "</section><section><h2>By status</h2>",
        f"<figure>{bar_chart(report.by_status, title='Claims by status')}</figure>",
        "</section><section><h2>Entities with the most disputed claims</h2>",
        _count_table(report.top_disputed_entities, "entity"),
        "</section><section><h2>Verdicts by rating</h2>",
    ]
    if report.verdicts_by_rating:
        body.append(
            f"<figure>{bar_chart(report.verdicts_by_rating, title='Verdicts by rating', colour='#b71c1c')}</figure>"
        )
    body += [_count_table(report.verdicts_by_rating, "rating"), "</section></div></main>"]
    return page("Ledger status", "\n".join(body))


def _scorecards(report: StatusReport) -> str:
    if not report.scorecards:
        return '<p class="muted">None.</p>'
    rows = "".join(
        f'<tr><td>{esc(s.claimant)}</td><td class="num">{s.claims}</td><td class="num">{s.disputed}</td>'
        f'<td class="num">{s.rated}</td><td class="num">{s.rated_false}</td></tr>'
        for s in report.scorecards
    )
    out = (
        '<table class="scorecards"><thead><tr><th>claimant</th><th class="num">claims</th>'
        '<th class="num">disputed</th><th class="num">rated</th><th class="num">rated false</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    if report.not_claimants:
        names = ", ".join(f"{esc(c.key)} ({c.count})" for c in report.not_claimants)
        out += f'<p class="muted">Not counted as claimants (documents, not speakers): {names}</p>'
    return out
