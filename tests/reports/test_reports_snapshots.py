"""Snapshots of every report format on the fixed ledger (generated_at frozen)."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.ledger import Ledger
from reports.disputed import build_disputed_report
from reports.render import DISPUTED_FORMATS, STATUS_FORMATS, render_disputed, render_status
from reports.status import build_status_report


@pytest.mark.parametrize("fmt", DISPUTED_FORMATS)
def test_disputed_report_formats(fixed_ledger: Ledger, frozen_now: dt.datetime, fmt: str, file_regression) -> None:
    report = build_disputed_report(fixed_ledger, include_rated=True, generated_at=frozen_now)
    file_regression.check(render_disputed(report, fmt), basename=f"disputed_{fmt}", extension=f".{fmt}")


@pytest.mark.parametrize("fmt", STATUS_FORMATS)
def test_status_report_formats(fixed_ledger: Ledger, frozen_now: dt.datetime, fmt: str, file_regression) -> None:
    report = build_status_report(fixed_ledger, generated_at=frozen_now)
    file_regression.check(render_status(report, fmt), basename=f"status_{fmt}", extension=f".{fmt}")
