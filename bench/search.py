"""Search latency: fill a ledger with N synthetic claims, then time `claims search` queries.

    python bench/search.py --claims 1000000                 # temp SQLite file
    python bench/search.py --claims 200000 --db postgresql://user:pw@host/db
    python bench/search.py --claims 1000000 --keep bench/.ledgers

Prints, per query kind, the median and worst of several runs (ms), through the
library call the command line makes (`pipeline.curation.search_claims`, 20 hits,
hydrated): a rare word, a common word, two words, a common word with a status
and a date filter. Flat figures across sizes mean the full-text index answers;
a scan would grow with the ledger.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger import _drop_pg_schema, ledger_url
from ledger_gen import _entity, generate

from claims.dates import PartialDate
from claims.ledger import Ledger
from pipeline.curation import search_claims


def queries(n: int) -> list[tuple[str, str, dict]]:
    """The generator's claims read "<Entity> sold 120 bridges to <Entity>": each noun is in ~3% of claims,
    and entities are drawn skewed towards the first, so the last one is rare."""
    rare = _entity(max(200, n // 50) - 1).split()[0]
    return [
        ("a name (rare)", rare, {}),
        ("a noun (~3% of claims)", "bridges", {}),
        ("two words", "contract bridges", {}),
        ("noun + status + since", "bridges", {"status": "disputed", "since": PartialDate.parse("2015")}),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", help="SQLite path or postgresql:// URL (default: a temp SQLite file)")
    parser.add_argument("--keep", type=Path, help="directory keeping the generated SQLite ledger for reuse")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = ledger_url(args.claims, args.db, args.keep, Path(tmp))
        ledger = Ledger.open(url)
        try:
            if ledger.count_claims() < args.claims:
                stats = generate(ledger, args.claims)
                print(f"generated {args.claims} claims in {stats.seconds:.0f} s")
            for label, text, options in queries(args.claims):
                times, hits = [], 0
                for _ in range(args.runs):
                    began = time.perf_counter()
                    hits = len(search_claims(ledger, text, **options))
                    times.append((time.perf_counter() - began) * 1000)
                median, worst = statistics.median(times), max(times)
                print(f"{label:<24} median ms: {median:7.1f}  max ms: {worst:7.1f}  hits: {hits}")
        finally:
            ledger.close()
            if args.db and "://" in args.db and not args.keep:
                _drop_pg_schema(args.db, url)


if __name__ == "__main__":
    main()
