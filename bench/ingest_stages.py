"""Ingest's CPU time by stage, without a profiler's overhead: each spaCy pipe, claims, storing, linking.

    python bench/ingest_stages.py --articles 100 --polnear

The corpus is `bench/ingest.py`'s. Each pipe of the pipeline is wrapped so that
the CPU time spent producing its documents is summed; since a pipe pulls its
input from the pipe before it, a pipe's own time is its total minus its
predecessor's. The library steps after the parse (`doc_to_claims`,
`store_document`, `link_new_claims`) are timed by wrapping the functions ingest
calls. CPU time, not the wall clock: the machines are shared.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


class _Timed:
    """A pipe whose `pipe` sums the CPU time of producing each document (its predecessors' included)."""

    def __init__(self, proc: Any, totals: dict[str, float], name: str) -> None:
        self.proc, self.totals, self.name = proc, totals, name

    def __call__(self, doc: Any) -> Any:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        inner = self.proc.pipe(docs, **kwargs) if hasattr(self.proc, "pipe") else (self.proc(d) for d in docs)
        while True:
            began = time.process_time()
            try:
                doc = next(inner)
            except StopIteration:
                self.totals[self.name] += time.process_time() - began
                return
            self.totals[self.name] += time.process_time() - began
            yield doc


def _wrap(module: Any, attr: str, totals: dict[str, float]) -> None:
    original: Callable[..., Any] = getattr(module, attr)

    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            totals[attr] += time.process_time() - began

    setattr(module, attr, timed)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--polnear", action="store_true")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)

    from ingest import prepared_run  # bench/ingest.py

    import pipeline.ingest as ingest_module
    import pipeline.linking.link as link_module
    import pipeline.nlp.claims.component as claims_module
    from claims.ledger import Ledger
    from pipeline.ingest import ingest_paths

    with tempfile.TemporaryDirectory(prefix="ct-ingest-stages-") as tmp:
        work = Path(tmp)
        corpus, nlp, options = prepared_run(work, args.articles, args.polnear, args.seed)
        pipes: dict[str, float] = dict.fromkeys(nlp.pipe_names, 0.0)
        steps: dict[str, float] = dict.fromkeys(("doc_to_claims", "store_document", "link_new_claims"), 0.0)
        components = nlp._components  # (name, pipe) pairs: wrapped in place, restored below
        saved = list(components)
        components[:] = [(name, _Timed(proc, pipes, name)) for name, proc in saved]
        _wrap(claims_module, "doc_to_claims", steps)
        _wrap(ingest_module, "store_document", steps)
        _wrap(link_module, "link_new_claims", steps)
        try:
            with Ledger.open(str(work / "ledger.db")) as ledger:
                began = time.process_time()
                result = ingest_paths(ledger, [str(corpus)], options, nlp=nlp, keep=False)
                total = time.process_time() - began
        finally:
            components[:] = saved
    claims = sum(f.claims for f in result.files)
    print(f"ingest: {total:.1f} s CPU ({claims} claims, {result.links} links)")
    before = 0.0
    for name, inclusive in pipes.items():
        print(f"  pipe {name:22s} {inclusive - before:6.2f} s")
        before = inclusive
    for name, spent in steps.items():
        print(f"  {name:27s} {spent:6.2f} s")
    rest = total - before - sum(steps.values())
    print(f"  {'the rest':27s} {rest:6.2f} s  (reading, hashing, transactions)")


if __name__ == "__main__":
    main()
