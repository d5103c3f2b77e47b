"""The web desk: a team works the ledger in a browser (`claimtrack serve`).

FastAPI with server-rendered Jinja2 templates (autoescaped) and htmx for
partial updates; every asset is served from this package, so it runs offline.
The desk calls the same library functions as the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(ledger_url: str | None, **options: Any) -> FastAPI:
    """Build the desk's ASGI app on one ledger (see `pipeline.desk.app.create_app`)."""
    from pipeline.desk.app import create_app as make

    return make(ledger_url, **options)


__all__ = ["create_app"]
