"""The login page, the login form's POST and logout: the only pages served without an account."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from pipeline.desk.auth import (
    LoginFailed,
    check_csrf,
    csrf_token,
    current_user,
    login,
    logout,
    set_login_csrf_cookie,
)
from pipeline.desk.security import safe_next

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))  # autoescapes .html

router = APIRouter()


def _page(request: Request, *, next_url: str, name: str = "", error: str | None = None, status: int = 200) -> Response:
    token = csrf_token(request)
    context = {"csrf_token": token, "csrf": token, "next": next_url, "name": name, "error": error}
    page = TEMPLATES.TemplateResponse(request, "login.html", context, status_code=status)
    set_login_csrf_cookie(request, page)
    page.headers["Cache-Control"] = "no-store"
    return page


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    """The login form (or straight on, for someone already logged in)."""
    target = safe_next(next)
    if current_user(request) is not None:
        return RedirectResponse(target, status_code=303)
    return _page(request, next_url=target)


@router.post("/login", include_in_schema=False, dependencies=[Depends(check_csrf)])
def login_submit(
    request: Request,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the form; on success set the session cookie and go to `next` (a local path only)."""
    target = safe_next(next)
    response = RedirectResponse(target, status_code=303)
    try:
        login(request, response, name, password)
    except LoginFailed as exc:  # TooManyAttempts too: 429 with Retry-After
        page = _page(request, next_url=target, name=name, error=str(exc.detail), status=exc.status_code)
        page.headers.update(exc.headers or {})
        return page
    return response


@router.post("/logout", include_in_schema=False, dependencies=[Depends(check_csrf)])
def logout_submit(request: Request) -> Response:
    """End the session and go back to the login page."""
    response = RedirectResponse("/login", status_code=303)
    logout(request, response)
    return response
