"""The desk's app factory: one ledger, security headers, error pages, static assets and the screens' routers."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import pydantic
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from claims.errors import ClaimtrackError
from claims.ledger import Ledger
from pipeline.desk.web import HERE, is_htmx, page

# No inline script anywhere: htmx and the two small scripts come from /static. Inline SVG presentation
# attributes are not styles, so style-src can stay 'self' too.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(
    ledger_url: str | None,
    *,
    read_only_public: bool = False,
    secret: bytes | None = None,
    nlp: Any = None,
) -> FastAPI:
    """The desk on the ledger at `ledger_url` (an SQLite path or a postgresql:// URL; None: the default file).

    `read_only_public` serves the reports pages to anyone (for publishing);
    everything else needs an account. `secret` signs sessions (random per
    process by default: a restart logs everyone out). `nlp` is a built spaCy
    pipeline for uploads (built on first upload otherwise).
    """
    from pipeline.desk import add, claim_page, claimants, claims_list, login, reports_pages, review_queue, sources

    app = FastAPI(title="claimtrack desk", docs_url=None, redoc_url=None)
    app.state.ledger = Ledger.open(ledger_url)
    app.state.public = read_only_public
    app.state.secret = secret or secrets.token_bytes(32)
    app.state.nlp = nlp
    app.state.jobs = {}

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            from fastapi.responses import JSONResponse

            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        if exc.status_code == 401:
            target = "/login?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
            if is_htmx(request):
                return Response(status_code=401, headers={"HX-Redirect": target})
            return RedirectResponse(target, status_code=303)
        return page(request, "error.html", status_code=exc.status_code, message=str(exc.detail))

    @app.exception_handler(ClaimtrackError)
    async def library_error(request: Request, exc: ClaimtrackError) -> Response:
        status = 404 if type(exc).__name__.startswith("Unknown") else 400
        return page(request, "error.html", status_code=status, message=str(exc))

    @app.exception_handler(pydantic.ValidationError)
    async def invalid(request: Request, exc: pydantic.ValidationError) -> Response:
        first = exc.errors()[0]
        msg = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        return page(request, "error.html", status_code=400, message=msg)

    @app.on_event("shutdown")
    def close() -> None:
        app.state.ledger.close()

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for module in (login, claims_list, claim_page, review_queue, sources, claimants, reports_pages, add):
        app.include_router(module.router)
    try:  # the JSON API arrives with the accounts work
        from pipeline.desk import api  # type: ignore[attr-defined]

        app.include_router(api.router)
    except ImportError:
        pass
    return app
