"""Desk page latencies: fill a ledger with N synthetic claims, then time the desk's pages over HTTP.

    python bench/desk_pages.py --claims 1000000                      # temp SQLite file
    python bench/desk_pages.py --claims 1000000 --keep bench/.ledgers # keep the ledger for the next run
    python bench/desk_pages.py --claims 200000 --db postgresql://user:pw@host/db

Each page is requested through FastAPI's TestClient as a logged-in checker (the
whole stack: session lookup, the ledger's queries, template rendering), several
times; the script prints the median and p95 in ms. A speed is never asserted
in a test (the machines are shared); the README's "Web desk" figures come from here.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger import _drop_pg_schema, ledger_url
from ledger_gen import _entity, generate

from claims.ledger import Ledger

USER, PASSWORD = "bench-checker", "bench-password-1"
PAGES: list[tuple[str, str]] = [
    ("claims list (claim date)", "/claims"),
    ("claims list, page 200", "/claims?page=200"),
    ("status filter", "/claims?status=disputed"),
    ("claimant filter", "/claims?claimant={claimant}"),
    ("entity + date range", "/claims?entity={entity}&since=2010&until=2020"),
    ("latest evidence sort", "/claims?sort=evidence"),
    ("check-worthiness sort", "/claims?sort=checkworthiness"),
    ("has contradicting link", "/claims?contradicted=1"),
    ("has pending suggestions", "/claims?pending=1"),
    ("outlet filter", "/claims?outlet={outlet}"),
    ("evidence sort + status", "/claims?sort=evidence&status=disputed"),
    ("search (one word)", "/claims?q=bridges"),
    ("search + status", "/claims?q=bridges&status=disputed"),
    ("search + claimant", "/claims?q=bridges&claimant={claimant}"),
    ("claim page", "/claims/{claim}"),
    ("review queue", "/review"),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", help="SQLite path or postgresql:// URL (default: a temp SQLite file)")
    parser.add_argument("--keep", type=Path, help="directory keeping the generated SQLite ledger for reuse")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    from fastapi.testclient import TestClient

    from pipeline.desk import create_app

    with tempfile.TemporaryDirectory() as tmp:
        url = ledger_url(args.claims, args.db, args.keep, Path(tmp))
        ledger = Ledger.open(url, check_schema=False)
        try:
            began = time.perf_counter()
            if done := ledger.migrate():  # a kept ledger from an older claimtrack: its new indexes are built now
                print(f"migrated {', '.join(done)} in {time.perf_counter() - began:.0f} s")
            if ledger.count_claims() < args.claims:
                stats = generate(ledger, args.claims)
                print(f"generated {args.claims} claims in {stats.seconds:.0f} s")
            if ledger.find_user(USER) is None:
                ledger.add_user(USER, "checker", PASSWORD)
            some = ledger.claims(ledger_filter(limit=2000))
        finally:
            ledger.close()
        rng = random.Random(5)
        client = TestClient(create_app(url), follow_redirects=False)
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token, "no login form"
        assert client.post("/login", data={"name": USER, "password": PASSWORD, "csrf_token": token.group(1)}
                           ).status_code == 303
        print(f"{'page':<26} {'median ms':>9} {'p95 ms':>8}   ({args.claims:,} claims, {args.runs} runs)")
        for label, template in PAGES:
            times = []
            for _ in range(args.runs):
                claim = rng.choice(some)
                outlet = claim.source.outlet if claim.source and claim.source.outlet else "x"
                path = template.format(claim=claim.id, claimant=(claim.claimant or "x").split()[-1], outlet=outlet,
                                       entity=claim.entities[0] if claim.entities else _entity(7))
                began = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            print(f"{label:<26} {statistics.median(times):9.1f} {percentile(times, 0.95):8.1f}")
        client.close()
        if args.db and "://" in args.db and not args.keep:
            _drop_pg_schema(args.db, url)


def ledger_filter(limit: int):  # type: ignore[no-untyped-def]
    from claims.models import ClaimFilter

    return ClaimFilter(limit=limit)


if __name__ == "__main__":
    main()
