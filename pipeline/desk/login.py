"""Log in and out. Without an account the desk shows only this page (and, with --read-only-public, reports)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from pipeline.desk.auth import authenticate, check_csrf, current_user, login_user, logout_user
from pipeline.desk.web import page

router = APIRouter()


def _local(target: str | None) -> str:
    """Only a same-site path may be the target after login (no open redirect)."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    if current_user(request) is not None:
        return RedirectResponse(_local(next), status_code=303)
    return page(request, "login.html", next=_local(next), error=None)


@router.post("/login", dependencies=[Depends(check_csrf)])
def login_submit(
    request: Request, name: str = Form(...), password: str = Form(...), next: str = Form("/")
) -> Response:
    user = authenticate(request, name, password)
    if user is None:
        return page(request, "login.html", status_code=401, next=_local(next), error="Wrong name or password.")
    response = RedirectResponse(_local(next), status_code=303)
    login_user(request, response, user)
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    logout_user(request, response)
    return response
