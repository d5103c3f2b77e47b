"""claimtrack reports: roll-ups, renderers and exchange formats. Imports only `claims/`.

- builders (pydantic models in `models.py`): `disputed.build_disputed_report`, `status.build_status_report`;
- renderers: `markdown`, `html` (with `timeline` and `charts` SVG), `csv`, JSON via `model_dump_json`;
  `render.render_disputed` / `render.render_status` dispatch by format name;
- ClaimReview: `claimreview.export_claimreview` out, `claimreview_import.import_claimreview` in
  (`jsonld` finds the objects, `ratings` maps labels and numbers, `loosedates` reads their dates);
- `averitec.import_averitec`: bulk import of AVeriTeC-format fact-checks.
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
    "jsonld",
    "loosedates",
    "markdown",
    "models",
    "ratings",
    "render",
    "status",
    "timeline",
]
