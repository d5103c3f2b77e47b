"""Dispatch a built report to its renderer by format name (what the command line calls)."""

from __future__ import annotations

from reports.csv import disputed_csv, status_csv
from reports.escape import json_safe
from reports.html import disputed_html, status_html
from reports.markdown import disputed_markdown, status_markdown
from reports.models import DisputedReport, StatusReport

DISPUTED_FORMATS: tuple[str, ...] = ("md", "html", "json", "csv")
STATUS_FORMATS: tuple[str, ...] = ("md", "html", "json", "csv")


def render_disputed(report: DisputedReport, fmt: str) -> str:
    """The disputed report as md, html, json or csv text."""
    if fmt == "md":
        return disputed_markdown(report)
    if fmt == "html":
        return disputed_html(report)
    if fmt == "json":
        return json_safe(report.model_dump_json(indent=2)) + "\n"
    if fmt == "csv":
        return disputed_csv(report)
    raise ValueError(f"unknown report format {fmt!r}")


def render_status(report: StatusReport, fmt: str) -> str:
    """The status report as md, html, json or csv text."""
    if fmt == "md":
        return status_markdown(report)
    if fmt == "html":
        return status_html(report)
    if fmt == "json":
        return json_safe(report.model_dump_json(indent=2)) + "\n"
    if fmt == "csv":
        return status_csv(report)
    raise ValueError(f"unknown report format {fmt!r}")
