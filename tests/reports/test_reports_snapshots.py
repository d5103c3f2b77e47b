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


# -- the editor scenario: a denial, a paraphrase, a direct quote, a rated claim, automatic, accepted
# -- and hand-made links, a suggestion, an outlier date, a document "claimant", a year-only date.


@pytest.mark.parametrize("fmt", DISPUTED_FORMATS)
@pytest.mark.parametrize("variant", ["default", "suggestions", "changed"])
def test_editor_disputed_report_formats(editor_ledger: Ledger, fmt: str, variant: str, file_regression) -> None:
    from tests.reports.editor_scenario import CHANGED_SINCE, GENERATED_AT

    options: dict[str, object] = {
        "default": {"include_rated": True},
        "suggestions": {"include_rated": True, "include_suggestions": True, "order": "claim-date"},
        "changed": {"changed_since": CHANGED_SINCE},
    }[variant]
    report = build_disputed_report(editor_ledger, generated_at=GENERATED_AT, **options)  # type: ignore[arg-type]
    file_regression.check(render_disputed(report, fmt), basename=f"editor_{variant}_{fmt}", extension=f".{fmt}")


@pytest.mark.parametrize("fmt", STATUS_FORMATS)
def test_editor_status_report_formats(editor_ledger: Ledger, fmt: str, file_regression) -> None:
    from tests.reports.editor_scenario import GENERATED_AT

    report = build_status_report(editor_ledger, generated_at=GENERATED_AT)
    file_regression.check(render_status(report, fmt), basename=f"editor_status_{fmt}", extension=f".{fmt}")
