"""HTML rendering of the disputed report: one self-contained file that opens offline and prints well.

Every piece of text from articles and claims goes through `esc` (article text is
untrusted input) and links through `safe_href`. The page starts with an
overview (counts, what is new, the latest disputes, contents), then one
`<article class="thread">` per claim: what was said, the sentence it came from
(claim highlighted), the verdict, a timeline and the evidence as sentences.
The status report's page is in `reports.html_status`.
"""

from __future__ import annotations

from claims.context import SourceContext
from claims.models import SourceRef
from reports.escape import esc, link
from reports.html_page import page, verdict_badge
from reports.html_status import status_html as status_html
from reports.markdown import filter_words
from reports.models import DisputedClaim, DisputedReport, EvidenceItem, TocEntry
from reports.phrasing import day_words, moment_words, source_words
from reports.timeline import timeline_svg
from reports.wording import rating_words

KIND_WORDS = {"denial": "denial", "quote": "direct quote", "paraphrase": "paraphrase"}


def source_html(src: SourceRef | None) -> str:
    """A source: a link to its URL when known, else outlet, “title” and date in words."""
    words = source_words(src)
    if src is not None and src.url:
        return link(src.url, words)
    return esc(words)


def context_html(ctx: SourceContext | None) -> str:
    """The source sentence with the claim's own words in <mark>."""
    if ctx is None:
        return ""
    parts = ctx.parts()
    if parts is None:
        inner = esc(ctx.sentence)
    else:
        before, part, after = parts
        inner = f"{esc(before)}<mark>{esc(part)}</mark>{esc(after)}"
    return f'<blockquote class="context">{inner}</blockquote>'


def disputed_html(report: DisputedReport) -> str:
    """The disputed-claims report as one self-contained HTML document."""
    filters = filter_words(report)
    meta = f"Generated {esc(moment_words(report.generated_at))} ({esc(report.generated_at.isoformat())})"
    if filters:
        meta += " · " + ", ".join(f"{esc(k.replace('_', ' '))}: {esc(v)}" for k, v in filters.items())
    body = [f'<header><h1>Disputed claims</h1><p class="meta">{meta}</p></header>', "<main>", overview_html(report)]
    if not report.claims:
        body.append("<p>No disputed claims.</p>")
    body += [thread_html(n, t, report) for n, t in enumerate(report.claims, 1)]
    body.append("</main>")
    return page("Disputed claims", "\n".join(body))


def _date(date: object) -> str:
    return day_words(date) if date is not None else "undated"  # type: ignore[arg-type]


def _toc(e: TocEntry, tail: str) -> str:
    return f'<li><a href="#claim-{esc(e.id)}">{esc(e.heading)}</a> <span class="muted">{tail}</span></li>'


def overview_html(report: DisputedReport) -> str:
    """The overview section: count cards, what is new, the latest disputes, the contents."""
    o = report.overview
    cards = [f'<div class="card" data-count="threads"><b>{o.total}</b>claim threads</div>']
    cards += [
        f'<div class="card" data-count="status-{esc(c.key)}"><b>{c.count}</b>{esc(c.key)}</div>' for c in o.by_status
    ]
    if o.new_since:
        cards.append(
            f'<div class="card" data-count="new"><b>{o.new_disputes}</b>newly contradicted since '
            f"{esc(moment_words(o.new_since))}</div>"
        )
        cards.append(
            f'<div class="card" data-count="changed"><b>{o.changed}</b>changed since '
            f"{esc(moment_words(o.new_since))}</div>"
        )
    parts = ['<section class="overview" id="overview"><h2>Overview</h2>', f'<div class="cards">{"".join(cards)}</div>']
    if o.by_kind:
        kinds = ", ".join(f"{c.count} {KIND_WORDS.get(c.key, c.key)}" for c in o.by_kind)
        parts.append(f'<p class="muted">As reported: {esc(kinds)}.</p>')
    if o.held_back:
        parts.append(
            f'<p class="muted" data-count="held-back">{o.held_back} more claim(s) are marked disputed only by '
            "unreviewed suggestions; <code>--include-suggestions</code> lists them.</p>"
        )
    if o.recently_disputed:
        parts.append('<h3>Most recently disputed</h3><ol class="toc recent">')
        for e in o.recently_disputed:
            last = report.claims[e.n - 1].last_disputed
            parts.append(_toc(e, f"— last contradicted {esc(_date(last))}"))
        parts.append("</ol>")
    if o.contents:
        order = "latest evidence first" if report.filters.order == "latest-evidence" else "by claim date"
        parts.append(f'<h3>Contents <span class="muted">({order})</span></h3><ol class="toc contents">')
        for e in o.contents:
            state = f"rated {rating_words(e.rating)}" if e.rating else e.status
            parts.append(_toc(e, f"— {esc(state)}; latest evidence {esc(_date(e.latest_evidence))}"))
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def thread_html(n: int, c: DisputedClaim, report: DisputedReport) -> str:
    """One claim thread as an <article> (the web desk shows threads one by one)."""
    tid = esc(c.id)
    said = c.said
    heading = said.statement if said else c.text
    if c.verdict:
        status = verdict_badge(c.verdict.rating, f"Rated {rating_words(c.verdict.rating)}")
    else:
        status = f'<span class="status status-{esc(c.status)}">{esc(c.status.capitalize())}</span>'
    kind = KIND_WORDS.get(said.kind, "") if said else ""
    parts = [
        f'<article class="thread" id="claim-{tid}" data-kind="{esc(said.kind if said else "")}">',
        f'<h2><span class="n">{n}.</span> {esc(heading)}</h2>',
        '<dl class="facts">',
        f'<dt>Status</dt><dd>{status} <span class="muted">{esc(kind)} · id <code>{tid}</code></span></dd>',
        f"<dt>Source</dt><dd>{source_html(c.source)}</dd>",
        "</dl>",
    ]
    if said and said.context:
        parts.append(context_html(said.context))
    if c.verdict and c.verdict_words:
        parts.append(
            f'<p class="verdict-line"><strong>Verdict:</strong> '
            f"{verdict_badge(c.verdict.rating, rating_words(c.verdict.rating))} {esc(c.verdict_words)}</p>"
        )
    parts.append(f'<figure class="timeline-figure">{timeline_svg(c, svg_id=f"timeline-{c.id}")}</figure>')
    if c.evidence:
        parts.append('<h3>Evidence, in date order</h3><ul class="evidence">')
        parts += [_evidence(ev) for ev in c.evidence]
        parts.append("</ul>")
    if len(c.verdict_history) > 1:
        parts.append('<h3>Earlier verdicts</h3><ul class="verdicts">')
        for v in c.verdict_history[:-1]:
            at = moment_words(v.at) if v.at else "undated"
            by = f" by {esc(v.by)}" if v.by else ""
            why = f": {esc(v.rationale)}" if v.rationale else ""
            parts.append(f"<li>{esc(at)}: {verdict_badge(v.rating, rating_words(v.rating))}{by}{why}</li>")
        parts.append("</ul>")
    if c.verdict_history and c.verdict_history[-1].evidence:
        urls = "".join(f"<li>{link(u)}</li>" for u in c.verdict_history[-1].evidence)
        parts.append(f'<p class="muted">Verdict sources:</p><ul class="verdict-sources">{urls}</ul>')
    if c.changes and report.overview.new_since:
        parts.append(f'<h3>What changed since {esc(moment_words(report.overview.new_since))}</h3><ul class="changes">')
        parts += [f"<li>{esc(moment_words(ch.at))}: {esc(ch.text)}</li>" for ch in c.changes]
        parts.append("</ul>")
    parts.append("</article>")
    return "\n".join(parts)


def _evidence(ev: EvidenceItem) -> str:
    state = esc(ev.review_state)
    why = f' <span class="why">Why linked: {esc(ev.why)}.</span>' if ev.why else ""
    context = context_html(ev.said.context) if ev.said else ""
    return (
        f'<li class="stance-{esc(ev.stance)}" data-review="{state}">{esc(ev.sentence)} '
        f'<span class="review review-{state}">{esc(ev.review)}</span>{why}'
        f'<br><span class="muted">Source: {source_html(ev.source)}</span>{context}</li>'
    )
