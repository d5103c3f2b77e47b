"""What every JSON API route stands on: bearer-token users, role checks, JSON errors, escaped JSON.

`token_user` reads only the `Authorization: Bearer` header, never a cookie, so
no API call can be made by a page a logged-in browser visits (and the API
needs no CSRF token). `ApiRoute` turns the library's errors into JSON:
unknown ids 404, anything else the caller caused 400.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import pydantic
from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from claims.errors import ClaimtrackError, UnknownId
from claims.ledger import Ledger
from claims.users import User, check_role
from pipeline.desk.auth import ledger_of
from reports.escape import json_safe

MAX_PAGE = 1000


class SafeJSONResponse(JSONResponse):
    """JSON with `<`, `>`, `&` and invisible characters as \\u escapes: stored text stays inert, even in HTML."""

    def render(self, content: Any) -> bytes:
        return json_safe(super().render(content).decode("utf-8")).encode("utf-8")


def _error(status: int, message: str) -> Response:
    return SafeJSONResponse({"detail": message}, status_code=status)


class ApiRoute(APIRoute):
    """Turns the library's errors into JSON answers: unknown ids 404, anything else the caller caused 400."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except UnknownId as exc:
                return _error(404, str(exc))
            except ClaimtrackError as exc:
                return _error(400, str(exc))
            except pydantic.ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first.get("loc", ()))
                msg = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
                return _error(400, f"invalid {where}: {msg}" if where else msg)

        return guarded




def api_router(**options: Any) -> APIRouter:
    """A router for API routes: library errors as JSON, responses with stored text escaped."""
    return APIRouter(route_class=ApiRoute, default_response_class=SafeJSONResponse, **options)


_CHALLENGE = {"WWW-Authenticate": "Bearer"}
_bearer = HTTPBearer(auto_error=False, description="A token from `claimtrack users token NAME`")


def token_user(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> User:
    """The user whose token the request carries; 401 for none, an unknown, revoked or disabled one."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "an API token is needed: Authorization: Bearer <token>", _CHALLENGE)
    user = ledger_of(request).user_for_token(credentials.credentials)
    if user is None:
        raise HTTPException(401, "the API token is unknown, revoked or its user is disabled", _CHALLENGE)
    return user


def api_role(role: str) -> Callable[..., User]:
    """Dependency factory: the token's user when their role is `role` or above; else 403."""
    check_role(role)

    def dependency(user: Annotated[User, Depends(token_user)]) -> User:
        if not user.can(role):
            raise HTTPException(403, f"this needs the {role} role (the token's user is a {user.role})")
        return user

    dependency.__name__ = f"api_{role}"
    return dependency


Viewer = Annotated[User, Depends(api_role("viewer"))]
Checker = Annotated[User, Depends(api_role("checker"))]
Editor = Annotated[User, Depends(api_role("editor"))]
Admin = Annotated[User, Depends(api_role("admin"))]
LedgerDep = Annotated[Ledger, Depends(ledger_of)]


def library(module: str) -> Any:
    """A library module that arrives with other work (the review queue, curation); 501 until it is installed."""
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        raise HTTPException(501, f"{module} is not part of this claimtrack") from None
