"""Screen 6, reports: the disputed and status reports as pages, with downloads and the ClaimReview export.

The pages and the downloads call the reports package's library functions,
the same ones `claimtrack report` and `claimtrack export claimreview` call.
With `serve --read-only-public` these routes (and only these) need no account.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from claims.dates import PartialDate
from pipeline.desk.auth import User, current_user
from pipeline.desk.web import ledger, page

router = APIRouter()
MEDIA = {"md": "text/markdown", "html": "text/html", "json": "application/json", "csv": "text/csv"}


def reader(request: Request, role: str = "viewer") -> User | None:
    """The user, or None when the desk publishes reports; otherwise 401/403 as every other screen."""
    user = current_user(request)
    if request.app.state.public:
        return user
    if user is None:
        raise HTTPException(401, "log in first")
    if not user.can(role):
        raise HTTPException(403, f"this needs the {role} role")
    return user


def _disputed(request: Request, since: str, until: str, entity: str, claimant: str, rated: bool):  # type: ignore[no-untyped-def]
    from reports.disputed import build_disputed_report

    return build_disputed_report(
        ledger(request), since=PartialDate.parse(since) if since else None,
        until=PartialDate.parse(until) if until else None, entity=entity or None, claimant=claimant or None,
        include_rated=rated,
    )


@router.get("/reports")
def reports_page(
    request: Request, since: str = "", until: str = "", entity: str = "", claimant: str = "", rated: bool = False
) -> Response:
    from reports.status import build_status_report
    from reports.timeline import timeline_svg

    reader(request)
    report = _disputed(request, since, until, entity, claimant, rated)
    pictures = {t.id: timeline_svg(t, svg_id=f"timeline-{t.id}") for t in report.claims[:50] if t.evidence}
    params = {k: v for k, v in {"since": since, "until": until, "entity": entity, "claimant": claimant}.items() if v}
    if rated:
        params["rated"] = "1"
    from urllib.parse import urlencode

    return page(request, "reports.html", active="reports", report=report, status=build_status_report(ledger(request)),
                pictures=pictures, params=params, qs=urlencode(params))


@router.get("/reports/disputed.{fmt}")
def disputed_download(
    request: Request, fmt: str, since: str = "", until: str = "", entity: str = "", claimant: str = "",
    rated: bool = False,
) -> Response:
    from reports.render import DISPUTED_FORMATS, render_disputed

    reader(request)
    if fmt not in DISPUTED_FORMATS:
        raise HTTPException(404, f"no such format {fmt!r}: use one of {', '.join(DISPUTED_FORMATS)}")
    text = render_disputed(_disputed(request, since, until, entity, claimant, rated), fmt)
    return _download(text, fmt, "disputed")


@router.get("/reports/status.{fmt}")
def status_download(request: Request, fmt: str) -> Response:
    from reports.render import STATUS_FORMATS, render_status
    from reports.status import build_status_report

    reader(request)
    if fmt not in STATUS_FORMATS:
        raise HTTPException(404, f"no such format {fmt!r}: use one of {', '.join(STATUS_FORMATS)}")
    return _download(render_status(build_status_report(ledger(request)), fmt), fmt, "status")


@router.get("/reports/claimreview.json")
def claimreview_download(request: Request) -> Response:
    """ClaimReview JSON-LD of every rated claim: publishing it is an editor's call (or public mode)."""
    from reports.claimreview import claimreview_json, export_claimreview

    reader(request, "editor")
    return _download(claimreview_json(export_claimreview(ledger(request))), "json", "claimreview")


def _download(text: str, fmt: str, name: str) -> Response:
    return Response(
        text, media_type=f"{MEDIA[fmt]}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="claimtrack-{name}.{fmt}"'},
    )
