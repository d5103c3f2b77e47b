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

from ledger import _drop_pg_schema, ledger_url  # noqa: E402
from ledger_gen import _entity, generate  # noqa: E402

from claims.dates import PartialDate  # noqa: E402
from claims.ledger import Ledger  # noqa: E402
from pipeline.curation import search_claims  # noqa: E402

# The generator's claims read "<Entity> sold 120 bridges to <Entity>": each noun is in ~3% of claims.
QUERIES: list[tuple[str, str, dict]] = [
    ("a name (rare)", _entity(4321).split()[0], {}),
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
            for label, text, options in QUERIES:
                times, hits = [], 0
                for _ in range(args.runs):
                    began = time.perf_counter()
                    hits = len(search_claims(ledger, text, **options))
                    times.append((time.perf_counter() - began) * 1000)
                print(f"{label:<24} median ms: {statistics.median(times):7.1f}  max ms: {max(times):7.1f}  hits: {hits}")
        finally:
            ledger.close()
            if args.db and "://" in args.db and not args.keep:
                _drop_pg_schema(args.db, url)


if __name__ == "__main__":
    main()
