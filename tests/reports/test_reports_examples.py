"""Snapshots of every report format on the bundled examples (examples/articles), ingested as the README does.

Ingest runs in-process under a fixed clock, so link times (and with them the
overview's "what is new") are the same on every run. Loads the spaCy model.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.ledger import Ledger
from reports.disputed import build_disputed_report
from reports.render import DISPUTED_FORMATS, STATUS_FORMATS, render_disputed, render_status
from reports.status import build_status_report
from tests.reports.editor_scenario import clock

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
INGESTED = dt.datetime(2025, 3, 12, 9, 0, tzinfo=dt.UTC)
GENERATED_AT = dt.datetime(2025, 3, 14, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from pipeline.cli.app import app

    db = str(tmp_path_factory.mktemp("examples") / "example.db")
    with clock(INGESTED):
        result = CliRunner().invoke(app, ["--db", db, "ingest", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("fmt", DISPUTED_FORMATS)
@pytest.mark.parametrize("suggestions", [False, True])
def test_example_disputed_report(example_db: str, fmt: str, suggestions: bool, file_regression) -> None:
    ledger = Ledger.open(example_db)
    try:
        report = build_disputed_report(ledger, include_suggestions=suggestions, generated_at=GENERATED_AT)
    finally:
        ledger.close()
    name = f"examples_disputed{'_suggestions' if suggestions else ''}_{fmt}"
    file_regression.check(render_disputed(report, fmt), basename=name, extension=f".{fmt}")


@pytest.mark.parametrize("fmt", STATUS_FORMATS)
def test_example_status_report(example_db: str, fmt: str, file_regression) -> None:
    ledger = Ledger.open(example_db)
    try:
        report = build_status_report(ledger, generated_at=GENERATED_AT)
    finally:
        ledger.close()
    file_regression.check(render_status(report, fmt), basename=f"examples_status_{fmt}", extension=f".{fmt}")


def test_the_company_denial_is_never_headed_as_the_company_affirming(example_db: str) -> None:
    """Every negated claim without negation words of its own is worded as a denial, in every format."""
    ledger = Ledger.open(example_db)
    try:
        report = build_disputed_report(ledger, include_suggestions=True, generated_at=GENERATED_AT)
    finally:
        ledger.close()
    data = json.loads(render_disputed(report, "json"))
    denials = [c for t in data["claims"] for c in [t, *t["evidence"]] if c["said"]["kind"] == "denial"]
    assert denials
    for c in denials:
        assert c["polarity"] == "negated"
        assert " denied " in c["said"]["statement"] or " rejected " in c["said"]["statement"]
    md = render_disputed(report, "md")
    for c in denials:
        claimant = c["claimant"]
        assert f"## {claimant} said" not in md  # a heading never has the denier "say" the proposition
