"""`claimtrack serve`: the web desk on the same ledger as the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import settings


def serve_cmd(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    db: Annotated[
        str | None, typer.Option("--db", help="Ledger: an SQLite path or a postgresql:// URL (else the global --db).")
    ] = None,
    read_only_public: Annotated[
        bool, typer.Option("--read-only-public", help="Serve the reports pages to anyone, without an account.")
    ] = False,
) -> None:
    """Start the web desk: claims, evidence, review queue, verdicts and reports in a browser."""
    import uvicorn

    from pipeline.desk import create_app

    app = create_app(db or settings().db, read_only_public=read_only_public)  # opens (and checks) the ledger first
    output.echo(f"claimtrack desk on http://{host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
