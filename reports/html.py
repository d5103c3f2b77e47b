"""HTML rendering: one self-contained file that opens offline and prints well.

Inline CSS, no JavaScript, no external assets. Every piece of text from
articles and claims goes through `esc` (article text is untrusted input), links
through `safe_href`, and a Content-Security-Policy forbids scripts outright as
a second line of defence should an escape ever be missed.
"""

from __future__ import annotations

from claims.models import SourceRef
from reports.charts import bar_chart
from reports.csv import format_reason
from reports.escape import esc, link
from reports.models import Count, DisputedClaim, DisputedReport, StatusReport
from reports.timeline import COLOURS, timeline_svg

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_CSS = """
:root { --ink: #1b1b1b; --muted: #5b5b5b; --rule: #ddd; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin: 0 0 .4rem; }
.meta, .muted { color: var(--muted); font-size: .9rem; }
article.thread { border-top: 2px solid var(--ink); padding: 1rem 0 1.5rem; }
dl.facts { display: grid; grid-template-columns: 8rem 1fr; gap: .15rem .8rem; margin: .4rem 0 .8rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; }
.stance { font-weight: 600; white-space: nowrap; }
.stance-contradicts { color: #c62828; }
.stance-supports { color: #2e7d32; }
.stance-related { color: #6d6d6d; }
.status { display: inline-block; padding: 0 .4rem; border-radius: .3rem; background: #f1f1f1; }
figure { margin: .6rem 0; overflow-x: auto; }
svg text { font-family: system-ui, sans-serif; }
a { color: #1f4e79; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  article.thread { break-inside: avoid-page; page-break-inside: avoid; }
  figure, table, svg { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 8pt; color: #555; word-break: break-all; }
  figure { overflow: visible; }
}
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _source(src: SourceRef | None) -> str:
    if src is None or not (src.title or src.url or src.outlet):
        return '<span class="muted">unknown source</span>'
    label = link(src.url, src.title or src.url) if src.url else esc(src.title or "untitled")
    extra = [esc(p) for p in (src.outlet, str(src.published) if src.published else None) if p]
    return label + (f' <span class="muted">({", ".join(extra)})</span>' if extra else "")


def _who(name: str | None, role: str | None) -> str:
    who = esc(name) if name else '<span class="muted">unknown</span>'
    return who + (f' <span class="muted">({esc(role)})</span>' if role else "")


def disputed_html(report: DisputedReport) -> str:
    """The disputed-claims report as one self-contained HTML document."""
    filters = report.filters.model_dump(exclude_defaults=True)
    meta = f"Generated {esc(report.generated_at.isoformat())} · {len(report.claims)} disputed claim(s)"
    if filters:
        meta += " · " + ", ".join(f"{esc(k.replace('_', ' '))}: {esc(v)}" for k, v in filters.items())
    body = [f'<header><h1>Disputed claims</h1><p class="meta">{meta}</p></header>', "<main>"]
    if not report.claims:
        body.append("<p>No disputed claims.</p>")
    body += [_thread(n, t) for n, t in enumerate(report.claims, 1)]
    body.append("</main>")
    return _page("Disputed claims", "\n".join(body))


def _thread(n: int, c: DisputedClaim) -> str:
    tid = esc(c.id)
    parts = [
        f'<article class="thread" id="claim-{tid}">',
        f"<h2>{n}. {esc(c.text)}</h2>",
        '<dl class="facts">',
        f"<dt>Claimant</dt><dd>{_who(c.claimant, c.claimant_role)}</dd>",
        f"<dt>Date</dt><dd>{esc(c.claim_date or 'undated')}</dd>",
        f"<dt>Source</dt><dd>{_source(c.source)}</dd>",
        f'<dt>Status</dt><dd><span class="status">{esc(c.status)}</span> <code>{tid}</code></dd>',
        "</dl>",
        f'<figure class="timeline-figure">{timeline_svg(c, svg_id=f"timeline-{c.id}")}'
        f'<figcaption class="muted">Timeline: the claim ({_swatch("claim")}) and its evidence, '
        f"coloured by stance.</figcaption></figure>",
    ]
    if c.evidence:
        parts.append(
            '<table class="evidence"><caption class="muted">Evidence, in date order</caption>'
            "<thead><tr><th>Date</th><th>Stance</th><th>Claimant</th><th>Evidence</th>"
            "<th>Source</th><th>Why linked</th></tr></thead><tbody>"
        )
        for ev in c.evidence:
            why = format_reason(ev.reason) or ev.note or ""
            direction = "" if ev.direction == "from" else ' <span class="muted">(this claim → it)</span>'
            parts.append(
                f"<tr><td>{esc(ev.claim_date or 'undated')}</td>"
                f'<td class="stance stance-{esc(ev.stance)}">{esc(ev.stance)}{direction}</td>'
                f"<td>{_who(ev.claimant, ev.claimant_role)}</td><td>{esc(ev.text)}</td>"
                f"<td>{_source(ev.source)}</td><td>{esc(why)}</td></tr>"
            )
        parts.append("</tbody></table>")
    if c.verdict_history:
        parts.append('<h3>Verdict history</h3><ul class="verdicts">')
        for v in c.verdict_history:
            at = f"{v.at:%Y-%m-%d %H:%M}" if v.at else "undated"
            label = f" (“{esc(v.label)}”)" if v.label and v.label != v.rating else ""
            by = f" by {esc(v.by)}" if v.by else ""
            why = f": {esc(v.rationale)}" if v.rationale else ""
            urls = "".join(f"<li>{link(u)}</li>" for u in v.evidence)
            parts.append(
                f"<li>{esc(at)} · <strong>{esc(v.rating)}</strong>{label}{by}{why}"
                + (f"<ul>{urls}</ul>" if urls else "")
                + "</li>"
            )
        parts.append("</ul>")
    parts.append("</article>")
    return "\n".join(parts)


def _swatch(kind: str) -> str:
    return f'<span style="color:{COLOURS[kind]}">●</span>'


def _count_table(rows: list[Count], key: str) -> str:
    if not rows:
        return '<p class="muted">None.</p>'
    body = "".join(f'<tr><td>{esc(r.key)}</td><td class="num">{r.count}</td></tr>' for r in rows)
    return f'<table><thead><tr><th>{esc(key)}</th><th class="num">claims</th></tr></thead><tbody>{body}</tbody></table>'


def status_html(report: StatusReport) -> str:
    """The status report as HTML, with small inline SVG bar charts."""
    body = [
        "<header><h1>Ledger status</h1>",
        f'<p class="meta">Generated {esc(report.generated_at.isoformat())} · {report.total} claims</p></header>',
        "<main>",
        "<section><h2>By status</h2>",
        f"<figure>{bar_chart(report.by_status, title='Claims by status')}</figure>",
        _count_table(report.by_status, "status"),
        "</section><section><h2>Claims per month</h2>",
    ]
    if report.by_month:
        body.append(f"<figure>{bar_chart(report.by_month, title='Claims per month')}</figure>")
    body.append(_count_table(report.by_month, "month"))
    if report.undated:
        body.append(f'<p class="muted">Undated claims: {report.undated}</p>')
    body += [
        "</section><section><h2>Claimants with the most disputed claims</h2>",
        _count_table(report.top_disputed_claimants, "claimant"),
        "</section><section><h2>Entities with the most disputed claims</h2>",
        _count_table(report.top_disputed_entities, "entity"),
        "</section><section><h2>Verdicts by rating</h2>",
    ]
    if report.verdicts_by_rating:
        body.append(f"<figure>{bar_chart(report.verdicts_by_rating, title='Verdicts by rating')}</figure>")
    body += [_count_table(report.verdicts_by_rating, "rating"), "</section></main>"]
    return _page("Ledger status", "\n".join(body))
