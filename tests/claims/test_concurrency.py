"""Concurrent writers lose nothing: real processes writing to one ledger at once.

- two processes logging, linking and rating claims in one ledger (SQLite and PostgreSQL);
- eight `claimtrack ingest` processes feeding different articles into one
  PostgreSQL ledger: the result equals a one-process ingest of the same files
  (every claim and link), with no duplicate sources and statuses that match a
  fresh recomputation;
- three processes ingesting the same article: it is stored once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from claims import schema
from claims.ledger import Ledger

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from claims.ledger import Ledger
    from claims.models import Claim

    db, name, count, start_flag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    ledger = Ledger.open(db)
    while not os.path.exists(start_flag):
        time.sleep(0.01)
    previous = None
    for i in range(count):
        claim = ledger.add_claim(Claim(text=f"{name} statement {i}", claimant=f"{name} speaker {i % 2}"))
        if previous is not None:
            ledger.link(claim.id, previous, "contradicts" if i % 3 == 0 else "supports", by=name)
        if i % 5 == 4:
            ledger.rate(claim.id, "mixed", by=name)
        previous = claim.id
    print("done")
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _statuses_are_derived(ledger: Ledger) -> dict[str, str]:
    """Every stored status equals a fresh recomputation from links and verdicts; return them."""
    with ledger.read() as conn:
        before = dict(conn.execute(sa.select(schema.claims.c.id, schema.claims.c.status)).all())
    ledger.refresh_status(before)
    with ledger.read() as conn:
        after = dict(conn.execute(sa.select(schema.claims.c.id, schema.claims.c.status)).all())
    assert before == after
    return after


def test_two_writer_processes_lose_nothing(db_url: str, tmp_path: Path) -> None:
    Ledger.open(db_url).close()  # create the schema first, as a team would
    flag = tmp_path / "go"
    count = 30
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db_url, name, str(count), str(flag)],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    time.sleep(0.5)
    flag.touch()
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    with Ledger.open(db_url) as ledger, ledger.read() as conn:
        texts = {r[0] for r in conn.execute(sa.select(schema.claims.c.text))}
        assert texts == {f"{n} statement {i}" for n in ("alpha", "beta") for i in range(count)}
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.links)).scalar() == 2 * (count - 1)
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.link_events)).scalar() == 2 * (count - 1)
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.verdicts)).scalar() == 2 * (count // 5)
    with Ledger.open(db_url) as ledger:
        statuses = _statuses_are_derived(ledger)
    assert set(statuses.values()) == {"corroborated", "disputed", "rated"}


# -- ingest -----------------------------------------------------------------------------

TOPICS = [
    ("the city", "bought", "electric buses", "Norvik Motors", "Transport Minister Lena Vogt", "Emil Brandt"),
    ("the navy", "ordered", "patrol boats", "Kestrel Yards", "Defence Minister Omar Saleh", "Ingrid Falk"),
    ("the region", "received", "wind turbines", "Aldmere Power", "Governor Rita Munro", "Paolo Greco"),
    ("the airline", "leased", "cargo planes", "Tarsus Aviation", "Chief Executive Hana Ito", "Viktor Lund"),
]


def _articles(directory: Path) -> list[Path]:
    """Eight different articles: four announcements, and four denials by the other party days later."""
    paths = []
    for n, (buyer, verb, goods, seller, official, spokesperson) in enumerate(TOPICS):
        day = 3 + n
        claim = directory / f"claim-{n}.txt"
        claim.write_text(
            f"{official} told parliament on March {day}, 2023 that {buyer} had {verb} 40 {goods} from {seller}.\n",
            encoding="utf-8",
        )
        denial = directory / f"denial-{n}.txt"
        denial.write_text(
            f"Three days later, on March {day + 3}, 2023, {seller} spokesperson {spokesperson} said that "
            f"{seller} had concluded no contract to sell {goods} to {buyer}.\n",
            encoding="utf-8",
        )
        paths += [claim, denial]
    return paths


def _ingest(db: str, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli.app", "--db", db, "ingest", *map(str, paths)],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait(procs: list[subprocess.Popen[str]]) -> None:
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err


def _contents(ledger: Ledger) -> tuple[set[str], set[tuple[str, str, str]], dict[str, str], list[str]]:
    with ledger.read() as conn:
        claims = {r[0] for r in conn.execute(sa.select(schema.claims.c.id))}
        lk = schema.links
        links = set(conn.execute(sa.select(lk.c.from_id, lk.c.to_id, lk.c.stance).where(lk.c.rejected == 0)).all())
        hashes = [r[0] for r in conn.execute(sa.select(schema.sources.c.content_hash))]
    return claims, {tuple(x) for x in links}, _statuses_are_derived(ledger), hashes


def test_eight_processes_ingest_into_one_postgres_ledger(pg_schema_url: str, tmp_path: Path) -> None:
    articles = _articles(tmp_path)
    reference = str(tmp_path / "reference.db")
    _wait([_ingest(reference, *articles)])
    Ledger.open(pg_schema_url).close()
    _wait([_ingest(pg_schema_url, path) for path in articles])

    with Ledger.open(reference) as ref, Ledger.open(pg_schema_url) as shared:
        want_claims, want_links, want_status, want_hashes = _contents(ref)
        got_claims, got_links, got_status, got_hashes = _contents(shared)
    assert want_claims and want_links, "the one-process ingest found no claims or links: fix the test articles"
    assert got_claims == want_claims
    assert got_links == want_links
    assert got_status == want_status
    assert list(got_status.values()).count("disputed") == len(TOPICS)
    assert len(got_hashes) == len(set(got_hashes)) == len(want_hashes)


def test_same_article_from_three_processes_is_stored_once(pg_schema_url: str, tmp_path: Path) -> None:
    article = _articles(tmp_path)[0]
    Ledger.open(pg_schema_url).close()
    _wait([_ingest(pg_schema_url, article) for _ in range(3)])
    with Ledger.open(pg_schema_url) as shared:
        claims, _, _, hashes = _contents(shared)
    assert len(hashes) == len(set(hashes)) == 1
    assert claims
