"""Shared fixtures: a ledger on each backend (SQLite file, PostgreSQL schema).

`ledger` and `db_url` are parametrised over ["sqlite", "postgres"]. PostgreSQL
tests need a server named by CLAIMTRACK_TEST_PG_URL (`.ci/run` starts one); each
test gets its own freshly created schema, selected through the connection's
search_path, and dropped afterwards. A schema is much faster to make than a
database and keeps parallel tests apart.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import sqlalchemy as sa

from claims.ledger import Ledger, resolve_url

PG_ENV = "CLAIMTRACK_TEST_PG_URL"
PG_SKIP = f"{PG_ENV} is not set: PostgreSQL tests need a server (.ci/run starts one)"
BACKENDS = ["sqlite", "postgres"]


def pg_base_url() -> str:
    """The PostgreSQL server URL for tests, or skip the test."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_SKIP)
    return url


def with_search_path(url: str, schema_name: str) -> str:
    """`url` with its connections' search_path set to `schema_name`."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema_name}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose connections live in a fresh, empty schema."""
    base = pg_base_url()
    name = "ct_test_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(resolve_url(base), poolclass=sa.pool.NullPool)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.fail(f"cannot reach the PostgreSQL server at {PG_ENV}: {exc.orig}")
    try:
        yield with_search_path(base, name)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A `--db` value for an empty ledger on each backend (for CLI tests)."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:
    """A fresh, empty ledger on each backend."""
    opened = Ledger.open(db_url)
    try:
        yield opened
    finally:
        opened.close()
