"""The desk's app factory: one ledger, security headers, error pages, static assets and the screens' routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote

import pydantic
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from claims.errors import ClaimtrackError
from claims.ledger import Ledger
from pipeline.desk.auth import check_csrf, current_user
from pipeline.desk.security import install_security
from pipeline.desk.web import HERE, is_htmx, page


def create_app(
    ledger_url: str | None,
    *,
    read_only_public: bool = False,
    nlp: Any = None,
) -> FastAPI:
    """The desk on the ledger at `ledger_url` (an SQLite path or a postgresql:// URL; None: the default file).

    `read_only_public` serves the reports pages to anyone (for publishing);
    everything else needs an account (sessions live in the ledger). `nlp` is
    a built spaCy pipeline for uploads (built on the first upload otherwise).
    Every state-changing route checks the CSRF token (an app-wide dependency),
    and every response carries the security headers (`security.install_security`:
    a Content-Security-Policy without inline script).
    """
    from pipeline.desk import (
        add,
        api,
        claim_page,
        claimants,
        claims_list,
        reports_pages,
        review_queue,
        routes_login,
        sources,
        users_page,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.ledger.close()

    app = FastAPI(
        title="claimtrack desk",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served below, to signed-in users and token holders only
        dependencies=[Depends(check_csrf)],
        lifespan=lifespan,
    )
    app.state.ledger = Ledger.open(ledger_url)
    app.state.public = read_only_public
    app.state.nlp = nlp
    app.state.jobs = {}
    install_security(app)

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

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi_document(request: Request) -> Response:
        """The API's OpenAPI document, for integrations: without an account there is only the login page."""
        from fastapi.responses import JSONResponse

        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        user = current_user(request) or (app.state.ledger.user_for_token(token) if token else None)
        if user is None:
            raise HTTPException(401, "sign in or send an API token to read the API's description")
        return JSONResponse(app.openapi())

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    screens = (claims_list, claim_page, review_queue, sources, claimants, reports_pages, add, users_page)
    for module in (routes_login, *screens, api):
        app.include_router(module.router)
    return app
