"""The HTML page frame every report shares: one self-contained file, inline CSS, no script.

A Content-Security-Policy forbids scripts outright as a second line of defence
should an escape ever be missed. The print rules keep a claim thread on one
page where it fits and never cut a table, figure or timeline.
"""

from __future__ import annotations

from reports.escape import esc

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

VERDICT_COLOURS: dict[str, str] = {
    "true": "#2e7d32",
    "mostly-true": "#558b2f",
    "mixed": "#ef6c00",
    "misleading": "#e65100",
    "mostly-false": "#c62828",
    "false": "#b71c1c",
    "unproven": "#616161",
}

CSS = """
:root { --ink: #1b1b1b; --muted: #5b5b5b; --rule: #ddd; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin: 0 0 .4rem; line-height: 1.35; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.meta, .muted { color: var(--muted); font-size: .9em; }
section.overview { background: #f6f7f9; border: 1px solid var(--rule); border-radius: .4rem; padding: .6rem 1rem;
                   margin: 1rem 0 1.5rem; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: .4rem 0; }
.card { border: 1px solid var(--rule); background: #fff; border-radius: .4rem; padding: .3rem .8rem; min-width: 7rem; }
.card b { display: block; font-size: 1.4rem; }
ol.toc li { margin: .15rem 0; }
article.thread { border-top: 2px solid var(--ink); padding: 1rem 0 1.5rem; }
blockquote.context { margin: .4rem 0 .6rem; padding: .3rem .8rem; border-left: 3px solid #b0bec5; color: #333;
                     background: #fafafa; }
blockquote.context mark { background: #fff2a8; padding: 0 .1rem; }
dl.facts { display: grid; grid-template-columns: 7rem 1fr; gap: .15rem .8rem; margin: .4rem 0 .6rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ul.evidence { list-style: none; padding: 0; }
ul.evidence > li { border-left: 4px solid #ccc; padding: .2rem .7rem; margin: .5rem 0; break-inside: avoid; }
ul.evidence > li.stance-contradicts { border-color: #c62828; }
ul.evidence > li.stance-supports { border-color: #2e7d32; }
.review { font-size: .85em; border-radius: .3rem; padding: 0 .35rem; border: 1px solid #bbb; white-space: nowrap; }
.review-automatic { background: #eef3fb; }
.review-accepted, .review-manual { background: #eef7ee; }
.review-suggested { background: #fff8e1; border-style: dashed; }
.status { display: inline-block; padding: 0 .45rem; border-radius: .3rem; background: #f1f1f1; font-weight: 600; }
.status-disputed { background: #fdecea; color: #b71c1c; }
.verdict { display: inline-block; padding: .05rem .5rem; border-radius: .3rem; color: #fff; font-weight: 700; }
p.verdict-line { margin: .3rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; }
figure { margin: .6rem 0; overflow-x: auto; }
svg text { font-family: system-ui, sans-serif; }
a { color: #1f4e79; }
.dash { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
.dash section { border: 1px solid var(--rule); border-radius: .4rem; padding: .5rem .8rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; line-height: 1.35; }
  article.thread { padding: .5rem 0 .6rem; }
  blockquote.context { margin: .2rem 0 .3rem; padding: .15rem .6rem; }
  ul.evidence > li { margin: .3rem 0; padding: .1rem .6rem; }
  h3 { margin: .4rem 0 .2rem; }
  .timeline { height: auto; max-height: 9.5cm; }
  section.overview { break-inside: avoid-page; }
  article.thread { break-inside: avoid-page; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  figure, table, svg, blockquote, ul.evidence > li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8pt; color: #555; word-break: break-all; }
  figure { overflow: visible; }
  svg { max-width: 100%; height: auto; }
  .dash { display: block; }
  .dash section { break-inside: avoid; margin-bottom: .6rem; }
}
"""


def page(title: str, body: str) -> str:
    """A whole HTML document around `body`."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def verdict_badge(rating: str, words: str) -> str:
    """The rating in words on its colour (the word carries the meaning; colour only repeats it)."""
    colour = VERDICT_COLOURS.get(rating, "#616161")
    return f'<span class="verdict verdict-{esc(rating)}" style="background:{colour}">{esc(words)}</span>'
