"""What ingest stores for the benchmark corpus, as one digest: the check that a speed-up changed no output.

    python bench/ingest_digest.py --articles 100 --polnear --dump out.json   # prints a SHA-256 of every table
    python bench/ingest_digest.py --compare a.json b.json                     # lists what differs

Stored timestamps have one-second resolution, and ties between claims stored
in the same second are broken by text order and id, so two runs of ingest can
order a few pairs differently (a link or two more or fewer) depending only on
how fast they ran. Here the clock is frozen per document: every timestamp
written while document N is stored reads as a fixed start plus N seconds, so the
same code gives the same rows whatever the machine's load, and two versions of
the code can be compared row by row. Run both with the same PYTHONHASHSEED.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# Tables that record users, sessions or when the schema was made, not what ingest found.
SKIP = {"users", "sessions", "ct_migrations"}


class _Clock:
    """`claims.rows.now` stand-in: start + one second per document stored."""

    def __init__(self) -> None:
        self.documents = 0

    def now(self) -> dt.datetime:
        return START + dt.timedelta(seconds=self.documents)


def _freeze(clock: _Clock) -> None:
    import claims.rows
    import pipeline.ingest as ingest_module

    original = claims.rows.now
    claims.rows.now = clock.now  # modules imported from now on take the frozen clock
    for name, module in list(sys.modules.items()):
        if (name == "claims" or name.startswith("claims.")) and getattr(module, "now", None) is original:
            module.now = clock.now  # type: ignore[attr-defined]
    store = ingest_module.store_document

    def stored(*args: Any, **kwargs: Any) -> Any:
        clock.documents += 1
        return store(*args, **kwargs)

    ingest_module.store_document = stored  # type: ignore[assignment]


def tables(path: Path, work: Path) -> dict[str, list[list[Any]]]:
    """Every table's rows, sorted, as JSON-ready lists (FTS5 shadow tables left out: derived data).

    The run's temporary directory in stored paths reads as "<tmp>"."""
    db = sqlite3.connect(path)
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out: dict[str, list[list[Any]]] = {}
    for name in names:
        if name in SKIP or name.startswith(("claim_fts", "sqlite_")):
            continue
        rows = [
            [v.replace(str(work), "<tmp>") if isinstance(v, str) else v for v in r]
            for r in db.execute(f'SELECT * FROM "{name}"')
        ]
        out[name] = sorted(rows, key=lambda r: json.dumps(r, default=str))
    db.close()
    return out


def digest(rows: dict[str, list[list[Any]]]) -> dict[str, str]:
    return {k: hashlib.sha256(json.dumps(v, default=str).encode()).hexdigest()[:16] for k, v in rows.items()}


def run(articles: int, polnear: bool, seed: int) -> dict[str, list[list[Any]]]:
    from ingest import prepared_run  # bench/ingest.py

    from claims.ledger import Ledger
    from pipeline.ingest import ingest_paths

    clock = _Clock()
    _freeze(clock)
    with tempfile.TemporaryDirectory(prefix="ct-ingest-digest-") as tmp:
        work = Path(tmp)
        corpus, nlp, options = prepared_run(work, articles, polnear, seed)
        clock.documents = 0
        with Ledger.open(str(work / "ledger.db")) as ledger:
            result = ingest_paths(ledger, [str(corpus)], options, nlp=nlp, keep=False)
        print(f"{sum(f.claims for f in result.files)} claims, {result.links} links")
        return tables(work / "ledger.db", work)


def compare(a: dict[str, list[list[Any]]], b: dict[str, list[list[Any]]]) -> int:
    """Print the rows only one side has, per table; the number of differing rows."""
    differ = 0
    for name in sorted(set(a) | set(b)):
        ra = {json.dumps(r, default=str) for r in a.get(name, [])}
        rb = {json.dumps(r, default=str) for r in b.get(name, [])}
        if ra != rb:
            differ += len(ra ^ rb)
            print(f"{name}: {len(ra - rb)} rows only in the first, {len(rb - ra)} only in the second")
            for row in sorted(ra - rb)[:3]:
                print(f"  - {row[:300]}")
            for row in sorted(rb - ra)[:3]:
                print(f"  + {row[:300]}")
    print("identical" if not differ else f"{differ} rows differ")
    return differ


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--polnear", action="store_true")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--dump", help="write every table's rows here (JSON)")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"), help="compare two dumps; exit 1 if they differ")
    args = parser.parse_args(argv)
    if args.compare:
        first, second = (json.loads(Path(p).read_text()) for p in args.compare)
        sys.exit(1 if compare(first, second) else 0)
    rows = run(args.articles, args.polnear, args.seed)
    for name, value in digest(rows).items():
        print(f"{name:28s} {len(rows[name]):7d} rows  {value}")
    if args.dump:
        Path(args.dump).write_text(json.dumps(rows, default=str))


if __name__ == "__main__":
    main()
