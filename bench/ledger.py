"""Ledger scale benchmark: fill a ledger with N claims, then time what users wait for.

    python bench/ledger.py --claims 1000000            # one size, temp SQLite file
    python bench/ledger.py --sizes 10000,100000,1000000
    python bench/ledger.py --claims 100000 --db postgresql://user:pw@host/db
    python bench/ledger.py --claims 1000000 --keep bench/.ledgers   # reuse between runs

Per size it prints:

    link median ms: X p95 ms: Y          linking one new claim (retrieval + stance), 200 claims
    report disputed s: Z                  `report disputed --format json` over the whole ledger
    claims list first page ms: W          `claims list --status disputed --since D --limit 50`

Each new claim is linked in its own transaction that is rolled back afterwards,
so the ledger stays the same and runs can be repeated. The same figures at
growing sizes show whether queries use indexes (flat) or scan (linear).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo, installed or not

from ledger_gen import generate, new_claims

from claims import schema
from claims.ledger import Ledger, resolve_url

LIST_SINCE = "2021-01-01"
PAGE = 50


def _pg_schema_url(url: str, name: str) -> str:
    """The URL with its search_path set to a schema of its own (created if missing)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    engine = sa.create_engine(resolve_url(url), poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{name}"')
    engine.dispose()
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"] + [("options", f"-csearch_path={name}")]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _drop_pg_schema(base: str, url: str) -> None:
    """Drop the throwaway schema a PostgreSQL run created."""
    name = url.rsplit("search_path%3D", 1)[-1]
    engine = sa.create_engine(resolve_url(base), poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    engine.dispose()


def ledger_url(n: int, db: str | None, keep: Path | None, workdir: Path) -> str:
    """Where the ledger of size n lives: a PostgreSQL schema, a kept file, or a temp file."""
    if db and "://" in db:
        return _pg_schema_url(db, f"bench_{n}" if keep else f"bench_{n}_{uuid.uuid4().hex[:8]}")
    if db:
        return db
    return str((keep or workdir) / f"ledger-{n}.db")


def count_claims(ledger: Ledger) -> int:
    with ledger.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.claims)).scalar_one()


def time_linking(ledger: Ledger, n_new: int, seed: int) -> tuple[float, float, float] | None:
    """Median and p95 ms of `link_new_claims` storing and linking one fresh claim (each in a
    rolled-back transaction), and the mean number of links it wrote."""
    try:
        from pipeline.linking.link import link_new_claims
    except ImportError:
        return None
    samples: list[float] = []
    written = 0
    for i, claim in enumerate(new_claims(ledger, n_new + 5, seed=seed)):
        with ledger.engine.connect() as conn:
            tx = conn.begin()
            began = time.perf_counter()
            # Stores the claim (and its index terms), retrieves candidates, scores and writes links.
            result = link_new_claims(ledger, [claim], conn=conn)
            elapsed = (time.perf_counter() - began) * 1000
            tx.rollback()
        if i >= 5:  # the first calls load lexicons and warm caches
            samples.append(elapsed)
            links = getattr(result, "decisions", None) or getattr(result, "links", 0)
            written += links if isinstance(links, int) else len(links)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return statistics.median(samples), p95, written / len(samples)


def _cli(url: str, *args: str) -> tuple[float, str]:
    """Run a claimtrack command in this process; return (seconds, stdout)."""
    from typer.testing import CliRunner

    from pipeline.cli.app import app

    began = time.perf_counter()
    result = CliRunner().invoke(app, ["--db", url, *args])
    elapsed = time.perf_counter() - began
    if result.exit_code != 0:
        raise SystemExit(f"claimtrack {' '.join(args)} failed: {result.output}")
    return elapsed, result.stdout


def measure(url: str, n_new: int, seed: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with Ledger.open(url) as ledger:
        out["claims"] = count_claims(ledger)
        out["link"] = time_linking(ledger, n_new, seed)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "disputed.json"
        out["report_s"], _ = _cli(url, "report", "disputed", "--format", "json", "--out", str(report))
        out["report_bytes"] = report.stat().st_size
    # First run pays for opening; the figure is the second (what a user sees on a warm cache).
    args = ("claims", "list", "--status", "disputed", "--since", LIST_SINCE, "--limit", str(PAGE), "--format", "json")
    _cli(url, *args)
    out["list_ms"] = _cli(url, *args)[0] * 1000
    return out


def print_figures(n: int, figures: dict[str, Any]) -> None:
    print(f"== {n} claims (ledger holds {figures['claims']})")
    link = figures["link"]
    if link is None:
        print("link: linking is not available (pipeline.linking.link is missing)")
    else:
        print(f"link median ms: {link[0]:.1f} p95 ms: {link[1]:.1f}")
        print(f"  (links written per new claim: {link[2]:.1f})")
    print(f"report disputed s: {figures['report_s']:.2f} ({figures['report_bytes'] / 1e6:.1f} MB of JSON)")
    print(f"claims list first page ms: {figures['list_ms']:.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000, help="ledger size (one size)")
    parser.add_argument("--sizes", help="comma-separated sizes, e.g. 10000,100000,1000000")
    parser.add_argument("--db", help="SQLite path or postgresql:// URL (default: a temp SQLite file per size)")
    parser.add_argument("--keep", type=Path, help="directory keeping generated SQLite ledgers for reuse")
    parser.add_argument("--new", type=int, default=200, help="new claims to link (default 200)")
    parser.add_argument("--link-rate", type=float, default=0.02, help="share of claims linked to an earlier one")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.claims]
    if args.db and len(sizes) > 1 and "://" not in args.db:
        parser.error("--db with several --sizes needs a postgresql:// URL (one schema per size); use --keep DIR")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ct-bench-") as tmp:
        for n in sizes:
            url = ledger_url(n, args.db, args.keep, Path(tmp))
            with Ledger.open(url) as ledger:
                have = count_claims(ledger)
                if have == 0:
                    stats = generate(ledger, n, seed=args.seed, link_rate=args.link_rate)
                    print(
                        f"generated {stats.claims} claims, {stats.sources} sources, {stats.links} links, "
                        f"{stats.verdicts} rated, {stats.disputed} disputed in {stats.seconds:.0f} s"
                    )
                elif have < n:
                    raise SystemExit(f"{url} already holds {have} claims (fewer than {n}): use an empty ledger")
            print_figures(n, measure(url, args.new, args.seed + 1))
            sys.stdout.flush()
            if args.db and "://" in args.db and not args.keep:
                _drop_pg_schema(args.db, url)


if __name__ == "__main__":
    main()
