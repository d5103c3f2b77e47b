"""Accounts in the browser, for admins: list, add, disable or enable, change a role.

The same ledger calls as `claimtrack users` and the JSON API's `/api/users`
(`Ledger.add_user`, `set_user_disabled`, `set_user_role`). As in the API, an
admin cannot disable or demote their own account here, so the desk cannot
lock out its last admin (`claimtrack users` on the server can always repair).
Passwords are set here only for new accounts; a forgotten one is reset with
`claimtrack users passwd` or the API.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from claims.errors import InvalidInput
from claims.users import ROLES
from pipeline.desk.auth import User, check_csrf, require_role
from pipeline.desk.web import ledger, page

router = APIRouter()
Admin = Depends(require_role("admin"))


def _not_yourself(admin: User, name: str, what: str) -> None:
    if name.strip() == admin.name:
        raise InvalidInput(f"an admin cannot {what} their own account: ask another admin, or use the CLI")


def _back() -> Response:
    return RedirectResponse("/users", status_code=303)


@router.get("/users")
def users_list(request: Request, user: User = Admin) -> Response:
    """Every account with its role and state, and the forms that change them."""
    return page(request, "users.html", active="users", users=ledger(request).list_users(), roles=ROLES)


@router.post("/users", dependencies=[Depends(check_csrf)])
def users_add(
    request: Request,
    name: str = Form(...),
    role: str = Form(...),
    password: str = Form(...),
    user: User = Admin,
) -> Response:
    """Create an account (as `claimtrack users add`); a bad name, role or password is a one-line error."""
    ledger(request).add_user(name, role, password)
    return _back()


@router.post("/users/{name}/role", dependencies=[Depends(check_csrf)])
def users_role(request: Request, name: str, role: str = Form(...), user: User = Admin) -> Response:
    """Give an account another role."""
    if role != "admin":
        _not_yourself(user, name, "demote")
    ledger(request).set_user_role(name, role)
    return _back()


@router.post("/users/{name}/disable", dependencies=[Depends(check_csrf)])
def users_disable(request: Request, name: str, user: User = Admin) -> Response:
    """Disable an account: its logins, sessions and API tokens stop now."""
    _not_yourself(user, name, "disable")
    ledger(request).set_user_disabled(name, True)
    return _back()


@router.post("/users/{name}/enable", dependencies=[Depends(check_csrf)])
def users_enable(request: Request, name: str, user: User = Admin) -> Response:
    ledger(request).set_user_disabled(name, False)
    return _back()
