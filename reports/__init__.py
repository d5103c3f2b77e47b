"""claimtrack reports: roll-ups, renderers and exchange formats. Imports only `claims/`.

- builders (pydantic models in `models.py`): `disputed.build_disputed_report`, `status.build_status_report`;
- words: `phrasing` (how a claim, a date, a link is said: denials as denials, quotes only for
  direct quotes) and `wording` (fills a built report with them once, for every format);
- renderers: `markdown`, `html` (`html_page` frame, `html_status` dashboard, `timeline` and `charts`
  SVG; `html.thread_html` / `html.overview_html` for pages that show parts), `csv`, JSON via
  `model_dump_json`; `render.render_disputed` / `render.render_status` dispatch by format name;
- ClaimReview: `claimreview.export_claimreview` out; `claimreview_import.claimreview_entries` parses
  pages and API responses into `models.ImportItem`s (`jsonld` finds the objects, `ratings` maps labels
  and numbers, `loosedates` reads their dates);
- `averitec.averitec_entries`: AVeriTeC-format fact-checks as `ImportItem`s.

Importers only parse: `pipeline.importers` stores the items (reports/ writes nothing to a ledger).
"""

# Submodules, not names: importing `reports` stays cheap, and `from reports import *` loads them all.
__all__ = [
    "averitec",
    "charts",
    "claimreview",
    "claimreview_import",
    "csv",
    "disputed",
    "escape",
    "html",
    "html_page",
    "html_status",
    "jsonld",
    "loosedates",
    "markdown",
    "models",
    "phrasing",
    "ratings",
    "render",
    "status",
    "timeline",
    "wording",
]
