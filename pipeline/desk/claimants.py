"""Screen 5, claimants: who said what, and a page per claimant with their claims and scorecard."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from claims.browse import BrowseFilter
from pipeline.desk.auth import User
from pipeline.desk.web import Viewer, ledger, page

router = APIRouter()
PAGE_SIZE = 100


@router.get("/claimants")
def claimant_list(request: Request, q: str = "", page_no: int = 1, user: User = Viewer) -> Response:
    page_no = max(1, min(page_no, 10**6))
    rows = ledger(request).claimant_page(text=q.strip() or None, limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE)
    return page(request, "claimants.html", active="claimants", rows=rows[:PAGE_SIZE], q=q, page_no=page_no,
                more=len(rows) > PAGE_SIZE)


@router.get("/claimant")
def claimant_page(request: Request, name: str, page_no: int = 1, user: User = Viewer) -> Response:
    led = ledger(request)
    page_no = max(1, min(page_no, 10**6))
    claims, more = led.browse(BrowseFilter(claimant=name, limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE))
    exact = [c for c in claims if (c.claimant or "").casefold() == name.casefold()] or claims
    return page(request, "claimant.html", active="claimants", name=name, claims=exact,
                counts=led.evidence_counts([c.id for c in exact]), card=led.scorecard(name), page_no=page_no,
                more=more)
