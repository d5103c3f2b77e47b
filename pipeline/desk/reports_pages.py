"""Screen 6, reports: the disputed and status reports as pages, with downloads and the ClaimReview export.

The pages and the downloads call the reports package's library functions,
the same ones `claimtrack report` and `claimtrack export claimreview` call.
With `serve --read-only-public` these routes (and only these) need no account.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from claims.dates import PartialDate
from pipeline.desk.auth import User, current_user
from pipeline.desk.web import ledger, page

router = APIRouter()
# what each download format is served as
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


class Options:
    """The disputed report's options as query parameters (the same as `claimtrack report disputed`'s)."""

    def __init__(
        self, since: str = "", until: str = "", entity: str = "", claimant: str = "", rated: bool = False,
        suggestions: bool = False, order: str = "latest-evidence", changed_since: str = "",
    ) -> None:
        if order not in ("latest-evidence", "claim-date"):
            raise HTTPException(400, "order must be latest-evidence or claim-date")
        self.since, self.until, self.entity, self.claimant = since, until, entity, claimant
        self.rated, self.suggestions, self.order, self.changed_since = rated, suggestions, order, changed_since

    def params(self) -> dict[str, str]:
        """The options that differ from the defaults (for links that keep them)."""
        given = {"since": self.since, "until": self.until, "entity": self.entity, "claimant": self.claimant,
                 "changed_since": self.changed_since, "rated": "1" if self.rated else "",
                 "suggestions": "1" if self.suggestions else "",
                 "order": self.order if self.order != "latest-evidence" else ""}
        return {k: v for k, v in given.items() if v}

    def build(self, request: Request):  # type: ignore[no-untyped-def]
        from reports.disputed import build_disputed_report

        changed = PartialDate.parse(self.changed_since) if self.changed_since else None
        return build_disputed_report(
            ledger(request), since=PartialDate.parse(self.since) if self.since else None,
            until=PartialDate.parse(self.until) if self.until else None, entity=self.entity or None,
            claimant=self.claimant or None, include_rated=self.rated, include_suggestions=self.suggestions,
            order=self.order,  # type: ignore[arg-type]  # checked in __init__
            changed_since=changed.start.replace(tzinfo=dt.UTC) if changed else None,
        )


@router.get("/reports")
def reports_page(request: Request, options: Options = Depends()) -> Response:
    from reports.status import build_status_report
    from reports.timeline import timeline_svg

    reader(request)
    report = options.build(request)
    pictures = {t.id: timeline_svg(t, svg_id=f"timeline-{t.id}") for t in report.claims[:50] if t.evidence}
    params = options.params()
    return page(request, "reports.html", active="reports", report=report, status=build_status_report(ledger(request)),
                pictures=pictures, params=params, qs=urlencode(params))


@router.get("/reports/disputed.{fmt}")
def disputed_download(request: Request, fmt: str, options: Options = Depends()) -> Response:
    from reports.render import DISPUTED_FORMATS, render_disputed

    reader(request)
    if fmt not in DISPUTED_FORMATS:
        raise HTTPException(404, f"no such format {fmt!r}: use one of {', '.join(DISPUTED_FORMATS)}")
    text = render_disputed(options.build(request), fmt)
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
