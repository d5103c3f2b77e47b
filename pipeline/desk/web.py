"""What every desk screen shares: the template environment, the page renderer, the role dependencies.

Templates are autoescaped (every stored string is text, never markup), and
`safe_url` renders only http(s) URLs as links, so a `javascript:` URL that
slipped into old data is shown as text, never as a link.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from claims.ledger import Ledger
from claims.models import is_http_url
from pipeline.desk.auth import User, csrf_token, current_user, require_role

HERE = Path(__file__).resolve().parent
STATUS_LABELS = {"unverified": "Unverified", "corroborated": "Corroborated", "disputed": "Disputed", "rated": "Rated"}


def safe_url(value: object) -> str | None:
    """`value` when it is an http(s) URL that may be a link target, else None."""
    return value if isinstance(value, str) and is_http_url(value) else None


def when(value: object) -> str:
    """A timestamp as a newsroom reads it: `2024-05-01 12:00 UTC`."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, str) and "T" in value:
        return value.replace("T", " ")[:16] + " UTC"
    return "" if value is None else str(value)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # every template, whatever its name: stored text is never markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["safe_url"] = safe_url
    env.filters["when"] = when
    env.globals["STATUS_LABELS"] = STATUS_LABELS
    return env


templates = Jinja2Templates(env=_environment())


def ledger(request: Request) -> Ledger:
    """The app's one ledger (a connection pool; safe to share between requests)."""
    return request.app.state.ledger  # type: ignore[no-any-return]


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a template with what every page needs: the user, the CSRF token, the active tab."""
    user = current_user(request)
    context.setdefault("active", "")
    return templates.TemplateResponse(
        request, template, {"user": user, "csrf": csrf_token(request), "public": request.app.state.public, **context},
        status_code=status_code,
    )


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """`params` with `changes` applied, as a query string (empty values dropped): pagination and sort links."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})


def is_htmx(request: Request) -> bool:
    """Whether htmx sent the request (it wants a fragment, not a page)."""
    return request.headers.get("hx-request") == "true"


Viewer = Depends(require_role("viewer"))
Checker = Depends(require_role("checker"))
Editor = Depends(require_role("editor"))

__all__ = ["Checker", "Editor", "User", "Viewer", "is_htmx", "ledger", "page", "query_string", "templates"]
