"""A fixed ledger for report tests: fixed ids, dates and timestamps, so every rendering is a stable snapshot.

It is built on the shared `db_url` / `ledger` fixtures (tests/conftest.py), so every
report test runs on SQLite and on PostgreSQL, against one snapshot per format.

The scenario is invented for these tests: a minister's claim about buses,
denied three days later by a procurement office, supported a month later,
plus a second dispute, a claim that was disputed and then rated, and a plain
rated claim.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import sqlalchemy as sa

from claims.dates import PartialDate
from claims.ledger import Ledger, resolve_url
from claims.models import Claim, Source

GENERATED_AT = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
CREATED = dt.datetime(2024, 4, 1, 9, 0, tzinfo=dt.UTC)
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
SHARED_SKIP = f"{SHARED} is absent: real-data import tests need ../shared/data"


def _source(sid: str, title: str, url: str, outlet: str, published: str) -> Source:
    return Source(
        id=sid,
        title=title,
        url=url,
        outlet=outlet,
        published=PartialDate(published),
        text="",
        content_hash=f"hash-{sid}",
        created_at=CREATED,
    )


def _claim(cid: str, text: str, claimant: str | None, date: str | None, source: str | None, **kw: object) -> Claim:
    return Claim(
        id=cid,
        text=text,
        claimant=claimant,
        claim_date=PartialDate(date) if date else None,
        source_id=source,
        created_at=CREATED,
        **kw,  # type: ignore[arg-type]
    )


def populate(ledger: Ledger) -> None:
    """Write the fixed scenario into an empty ledger (links and events stamped at CREATED)."""
    from tests.reports.editor_scenario import clock

    with clock(CREATED), ledger.transaction() as conn:
        for src in (
            _source(
                "s0000000001",
                "Minister addresses parliament",
                "https://news.example.org/parliament",
                "Example Daily",
                "2023-03-14",
            ),
            _source(
                "s0000000002",
                "Procurement office statement",
                "https://city.example.org/press/17",
                "City of Example",
                "2023-03-16",
            ),
            _source("s0000000003", "Bridge coverage", "https://herald.example.net/bridge", "Local Herald", "2022-11"),
        ):
            ledger.add_source(src, conn=conn)
        ledger.add_claims(
            [
                _claim(
                    "c0000000001",
                    "The ministry bought 40 new buses for the capital",
                    "Ana Petrova",
                    "2023-03-13",
                    "s0000000001",
                    claimant_role="transport minister",
                    entities=["buses", "capital"],
                ),
                _claim(
                    "c0000000002",
                    "No contract for new buses was ever signed",
                    "City procurement office",
                    "2023-03-16",
                    "s0000000002",
                    polarity="negated",
                    entities=["buses"],
                ),
                _claim(
                    "c0000000003",
                    "Deliveries of the new buses began",
                    "Bus maker press office",
                    "2023-04",
                    None,
                    entities=["buses"],
                ),
                _claim("c0000000004", "Drivers were not consulted about the buses", "Drivers union", None, None),
                _claim(
                    "c0000000005",
                    "Unemployment fell in the first quarter",
                    "Ana Petrova",
                    "2023-Q1",
                    "s0000000001",
                    entities=["unemployment"],
                ),
                _claim(
                    "c0000000006",
                    "Unemployment rose in February",
                    "Statistics office",
                    "approx 2023-03",
                    None,
                    entities=["unemployment"],
                ),
                _claim(
                    "c0000000007",
                    "The bridge opened on time",
                    "Jonas Berg",
                    "2022-11-05",
                    "s0000000003",
                    claimant_role="mayor",
                ),
                _claim("c0000000008", "The bridge opened two weeks late", "Local Herald", "2022-11-20", "s0000000003"),
                _claim("c0000000009", "Schools reopened on 1 September", "Education ministry", "2022-09-01", None),
            ],
            conn=conn,
        )
        ledger.link(
            "c0000000002",
            "c0000000001",
            "contradicts",
            origin="auto",
            reason={"shared": ["buses", "contract"], "cue": "no contract", "score": 0.82},
            conn=conn,
        )
        ledger.link("c0000000003", "c0000000001", "supports", origin="manual", note="delivery notes seen", conn=conn)
        ledger.link("c0000000004", "c0000000001", "related", origin="manual", conn=conn)
        ledger.link("c0000000006", "c0000000005", "contradicts", origin="manual", conn=conn)
        ledger.link("c0000000008", "c0000000007", "contradicts", origin="auto", reason={"cue": "late"}, conn=conn)
        ledger.rate(
            "c0000000007",
            "false",
            rationale="Opened on 19 November.",
            by="Desk A",
            at=dt.datetime(2022, 12, 1, 10, 0, tzinfo=dt.UTC),
            conn=conn,
        )
        ledger.rate(
            "c0000000007",
            "mostly-false",
            rationale="Opening ceremony was on time; traffic came later.",
            by="Desk B",
            evidence=["https://herald.example.net/bridge-followup"],
            at=dt.datetime(2022, 12, 2, 9, 30, tzinfo=dt.UTC),
            conn=conn,
        )
        ledger.rate("c0000000009", "true", by="Desk A", at=dt.datetime(2022, 9, 5, 8, 0, tzinfo=dt.UTC), conn=conn)
    ledger.set_setting("claimreview.org_name", "Example Fact Desk")
    ledger.set_setting("claimreview.org_url", "https://factdesk.example.org")


@pytest.fixture
def frozen_now() -> dt.datetime:
    """The frozen `generated_at` of every snapshot."""
    return GENERATED_AT


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or skip the test when this checkout has no ../shared."""
    if not SHARED.is_dir():
        pytest.skip(SHARED_SKIP)
    return SHARED


@pytest.fixture
def fixed_db(db_url: str) -> str:
    """The `--db` value of a ledger holding the fixed scenario, on each backend (closed, for command-line tests)."""
    ledger = Ledger.open(db_url)
    try:
        populate(ledger)
    finally:
        ledger.close()
    return db_url


@pytest.fixture
def fixed_ledger(ledger: Ledger) -> Ledger:
    """The fixed scenario in a fresh ledger on each backend (the shared, parametrised `ledger`)."""
    populate(ledger)
    return ledger


@pytest.fixture
def fresh_db(db_url: str, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Make further empty ledgers on the same backend as `db_url`, e.g. to import an export into.

    SQLite gets another file; PostgreSQL another schema on the same server, dropped afterwards.
    """
    made: list[str] = []
    admin = sa.create_engine(resolve_url(db_url), poolclass=sa.pool.NullPool) if "://" in db_url else None

    def make(name: str) -> str:
        if admin is None:
            return str(tmp_path / f"{name}.db")
        schema_name = f"ct_test_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema_name}"')
        made.append(schema_name)
        parts = urlsplit(db_url)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
        query.append(("options", f"-csearch_path={schema_name}"))
        return urlunsplit(parts._replace(query=urlencode(query)))

    try:
        yield make
    finally:
        if admin is not None:
            with admin.begin() as conn:
                for schema_name in made:
                    conn.exec_driver_sql(f'DROP SCHEMA "{schema_name}" CASCADE')
            admin.dispose()


@pytest.fixture
def editor_ledger(ledger: Ledger) -> Ledger:
    """The editor scenario (tests/reports/editor_scenario.py) in a fresh ledger on each backend."""
    from tests.reports.editor_scenario import populate_editor

    populate_editor(ledger)
    return ledger


@pytest.fixture
def editor_db(db_url: str) -> str:
    """The `--db` value of a ledger holding the editor scenario (closed, for command-line tests)."""
    from tests.reports.editor_scenario import populate_editor

    opened = Ledger.open(db_url)
    try:
        populate_editor(opened)
    finally:
        opened.close()
    return db_url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright, one per test module (the browser tests share it)."""
    from tests.reports.test_reports_browser import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()
