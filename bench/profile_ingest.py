"""Where ingest's time goes: cProfile (CPU-time timer) of one full ingest of the benchmark's corpus.

    python bench/profile_ingest.py --articles 100 --polnear            # breakdown by stage
    python bench/profile_ingest.py --articles 100 --polnear --top 40 --out prof.pstats

The corpus is `bench/ingest.py`'s (same seed, same texts). The clock is the
process's CPU time, not the wall clock: the machines are shared, and CPU time
moves less with the load. Model loading and dateparser's first call are warmed
up first, as the benchmark does. The breakdown sums the cumulative CPU time of
the functions that start each stage (a stage called from inside another is
counted in both, e.g. spaCy's pipes inside `nlp.pipe`).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

# (label, file suffix, function name): the cumulative time of each is one line of the breakdown.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("ingest, all", "pipeline/ingest.py", "ingest_paths"),
    ("parse: nlp.pipe (all pipes)", "spacy/language.py", "pipe"),
    ("storing: store_document", "sources/store.py", "store_document"),
    ("claims from docs: doc_to_claims", "pipeline/nlp/claims/component.py", "doc_to_claims"),
    ("linking: link_new_claims", "pipeline/linking/link.py", "link_new_claims"),
    ("  retrieval: _candidates", "pipeline/linking/link.py", "_candidates"),
    ("  pair decisions: _decide", "pipeline/linking/link.py", "_decide"),
    ("    stance.score", "pipeline/linking/stance.py", "score"),
    ("    judge.features_for", "pipeline/linking/judge.py", "features_for"),
    ("    model.probabilities", "pipeline/linking/model.py", "probabilities"),
    ("    proposition.build", "pipeline/linking/proposition.py", "build"),
    ("  is_repeat", "pipeline/linking/stance.py", "is_repeat"),
    ("  add_claims", "claims/ledger_claims.py", "add_claims"),
    ("  link_many", "claims/ledger_links.py", "link_many"),
    ("  load_claims", "claims/ledger_claims.py", "load_claims"),
)


def _cpu() -> float:
    return time.process_time()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--polnear", action="store_true")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--top", type=int, default=0, help="also print the N functions of most own CPU time")
    parser.add_argument("--out", help="write the raw pstats here")
    args = parser.parse_args(argv)

    from ingest import prepared_run  # bench/ingest.py

    from claims.ledger import Ledger
    from pipeline.ingest import ingest_paths

    with tempfile.TemporaryDirectory(prefix="ct-ingest-prof-") as tmp:
        work = Path(tmp)
        corpus, nlp, options = prepared_run(work, args.articles, args.polnear, args.seed)
        profiler = cProfile.Profile(_cpu)
        with Ledger.open(str(work / "ledger.db")) as ledger:
            began = _cpu()
            profiler.enable()
            result = ingest_paths(ledger, [str(corpus)], options, nlp=nlp, keep=False)
            profiler.disable()
            total = _cpu() - began
    stats = pstats.Stats(profiler)
    if args.out:
        stats.dump_stats(args.out)
    claims = sum(f.claims for f in result.files)
    print(f"ingest: {total:.1f} s CPU ({claims} claims, {result.links} links)")
    raw = stats.stats  # type: ignore[attr-defined]
    for label, suffix, name in STAGES:
        cum = sum(v[3] for (file, _, func), v in raw.items() if func == name and file.endswith(suffix))
        calls = sum(v[1] for (file, _, func), v in raw.items() if func == name and file.endswith(suffix))
        print(f"{label:40s} {cum:7.2f} s  {calls:9d} calls")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
