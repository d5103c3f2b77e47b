"""Linking latency on a large synthetic ledger: retrieval + stance + link writes for one new claim.

Fills a ledger with N claims by bulk insert (no NLP): entities and lemmas drawn
from Zipf-like vocabularies so that some names are very common (as countries
are in news) and most are rare; the retrieval index is built with
`claims.index.reindex`. Then it links new claims one at a time, each in its own
transaction, exactly as ingest does, and prints the median and p95.

    python bench/link_latency.py --claims 100000 [--db PATH|postgresql://...] [--probes 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

from claims import index, schema  # noqa: E402
from claims.dates import PartialDate  # noqa: E402
from claims.ledger import Ledger, claim_row  # noqa: E402
from claims.models import Claim  # noqa: E402
from pipeline.linking.link import link_new_claims  # noqa: E402
from pipeline.linking.stance import lexicon  # noqa: E402

ENTITIES = 50_000
WORDS = 5_000
CHUNK = 10_000


def _zipf(rng: random.Random, n: int) -> int:
    """An index in [0, n), log-uniform: a few values are very common (a country), most are rare."""
    return min(n - 1, int(n ** rng.random()) - 1)


def make_claim(rng: random.Random, i: int, predicates: list[str]) -> Claim:
    entities = sorted({f"entity {_zipf(rng, ENTITIES)}" for _ in range(rng.randint(1, 4))})
    lemmas = [rng.choice(predicates), *(f"word{_zipf(rng, WORDS)}" for _ in range(rng.randint(3, 7)))]
    day = rng.randint(0, 3650)
    date = PartialDate(f"{2015 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}")
    return Claim(
        id=f"c{i:010x}",
        text=f"synthetic claim {i}",
        claimant=f"claimant {_zipf(rng, 20_000)}",
        claim_date=date,
        polarity="negated" if rng.random() < 0.15 else "affirmed",
        entities=entities,
        lemmas=lemmas,
    )


def fill(ledger: Ledger, n: int, rng: random.Random, predicates: list[str]) -> None:
    with ledger.transaction() as conn:
        have = conn.execute(sa.select(sa.func.count()).select_from(schema.claims)).scalar_one()
    for start in range(have, n, CHUNK):
        claims = [make_claim(rng, i, predicates) for i in range(start, min(n, start + CHUNK))]
        with ledger.transaction() as conn:
            conn.execute(sa.insert(schema.claims), [claim_row(c) for c in claims])
            ents = [{"entity": e, "claim_id": c.id} for c in claims for e in c.entities]
            conn.execute(sa.insert(schema.claim_entities), ents)
            index.index_claims(claims, conn=conn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--db", default=None, help="ledger path or URL (default: a temporary SQLite file)")
    args = parser.parse_args(argv)
    rng = random.Random(7)
    predicates = sorted(lexicon().classes)
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger.open(args.db or str(Path(tmp) / "bench.db"))
        t0 = time.perf_counter()
        fill(ledger, args.claims, rng, predicates)
        print(f"ledger: {args.claims} claims ({ledger.dialect}), filled in {time.perf_counter() - t0:.1f} s")
        times: list[float] = []
        for i in range(args.probes):
            claim = make_claim(rng, 10**12 + i, predicates)
            t = time.perf_counter()
            with ledger.transaction() as conn:
                link_new_claims(ledger, [claim], conn=conn)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"link median ms: {statistics.median(times):.1f} p95 ms: {p95:.1f}")
        ledger.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
