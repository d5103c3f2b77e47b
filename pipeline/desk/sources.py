"""Screen 4, sources: the list of articles, and an article with every extracted claim highlighted and clickable."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from pipeline.desk import present
from pipeline.desk.auth import User
from pipeline.desk.web import Viewer, ledger, page

router = APIRouter()
PAGE_SIZE = 50


@router.get("/sources")
def source_list(request: Request, page_no: int = 1, user: User = Viewer) -> Response:
    page_no = max(1, min(page_no, 10**6))
    rows = ledger(request).source_page(limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE)
    return page(request, "sources.html", active="sources", rows=rows[:PAGE_SIZE], page_no=page_no,
                more=len(rows) > PAGE_SIZE)


@router.get("/sources/{source_id}")
def source_view(request: Request, source_id: str, user: User = Viewer) -> Response:
    led = ledger(request)
    source = led.get_source(source_id)
    claims = led.source_claims(source.id)
    return page(request, "source.html", active="sources", source=source, claims=claims,
                segments=present.segments(source.text, claims))
