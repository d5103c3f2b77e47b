"""Screen 1, the claims list: filters, sorts, pages, and each user's saved filters.

A page is one indexed select of `limit + 1` ids and the hydrate of one page
(`Ledger.browse`), so it stays fast on a million claims; there is no total
count, only "next page" when another row exists.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from claims import browse_search
from claims.browse import SORTS, BrowseFilter
from claims.dates import PartialDate
from claims.errors import InvalidInput
from claims.models import STATUSES
from pipeline.desk.auth import User, check_csrf
from pipeline.desk.web import Viewer, is_htmx, ledger, page, query_string

router = APIRouter()
PAGE_SIZE = 50
FILTER_KEYS = ("q", "status", "claimant", "entity", "outlet", "since", "until", "contradicted", "pending", "sort")


def parse_filter(params: dict[str, str], page_no: int) -> BrowseFilter:
    """The list's query parameters as a `BrowseFilter`; a bad value raises InvalidInput naming it."""
    status = params.get("status") or None
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    sort = params.get("sort") or ("relevance" if params.get("q") else "date")
    if sort not in SORTS:
        raise InvalidInput(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
    return BrowseFilter(
        status=status,  # type: ignore[arg-type]  # checked above
        claimant=params.get("claimant") or None,
        entity=params.get("entity") or None,
        outlet=params.get("outlet") or None,
        since=PartialDate.parse(params["since"]) if params.get("since") else None,
        until=PartialDate.parse(params["until"]) if params.get("until") else None,
        contradicted=bool(params.get("contradicted")),
        pending=bool(params.get("pending")),
        text=params.get("q") or None,
        sort=sort if sort != "relevance" or params.get("q") else "date",  # type: ignore[arg-type]  # checked above
        limit=PAGE_SIZE,
        offset=(page_no - 1) * PAGE_SIZE,
    )


def list_context(request: Request, user: User) -> dict[str, Any]:
    """Everything the list template needs for the current query string."""
    params = {k: v.strip() for k, v in request.query_params.items() if k in FILTER_KEYS and v.strip()}
    try:
        page_no = max(1, min(int(request.query_params.get("page", "1")), 10**6))
    except ValueError:
        raise InvalidInput("page must be a whole number") from None
    led = ledger(request)
    claims, more, capped, matches, newest_by = led.browse_page(parse_filter(params, page_no))
    return {
        "claims": claims,
        "ranked_among": browse_search.SEARCH_RANK_CAP if capped else None,
        "matches": matches,
        "newest_by": newest_by,
        "counts": led.evidence_counts([c.id for c in claims]),
        "params": params,
        "page_no": page_no,
        "more": more,
        "prev_qs": query_string(params, page=page_no - 1) if page_no > 1 else None,
        "next_qs": query_string(params, page=page_no + 1) if more else None,
        "saved": {f.name: f.query for f in led.saved_filters(user.name)},
        "outlets": led.outlets(),
        "statuses": STATUSES,
        "sorts": SORTS,
        "current_qs": urlencode(params),
    }


@router.get("/")
def home() -> Response:
    return RedirectResponse("/claims", status_code=303)


@router.get("/claims")
def claims_list(request: Request, user: User = Viewer) -> Response:
    context = list_context(request, user)
    if is_htmx(request) and request.headers.get("hx-target") == "claims-results":
        return page(request, "_claims_results.html", **context)
    return page(request, "claims_list.html", active="claims", **context)


@router.post("/claims/saved", dependencies=[Depends(check_csrf)])
def save_filter(request: Request, name: str = Form(...), query: str = Form(""), user: User = Viewer) -> Response:
    """Save the current filter under a name (per user; the same name replaces it)."""
    name = " ".join(name.split())[:80]
    if not name:
        raise InvalidInput("give the saved filter a name")
    kept = {k: v for k, v in parse_qsl(query) if k in FILTER_KEYS}
    ledger(request).save_filter(user.name, name, urlencode(kept))
    return RedirectResponse(f"/claims?{urlencode(kept)}", status_code=303)


@router.post("/claims/saved/delete", dependencies=[Depends(check_csrf)])
def forget_filter(request: Request, name: str = Form(...), user: User = Viewer) -> Response:
    ledger(request).delete_filter(user.name, name)
    return RedirectResponse("/claims", status_code=303)
