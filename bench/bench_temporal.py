"""Cost of `ct_temporal` on top of spaCy's own pipeline, over the PolNeAR news texts.

Times `nlp.pipe` over ../shared/data/polnear/text/*.txt with the component
disabled and enabled (alternating, best of N runs each), and the component alone
on already-parsed documents (the steadier figure on a busy machine). The temporal caches are cleared
before every enabled run, so each run pays for its own dateparser calls; the
one-off dateparser load (language data) is done first and reported apart.

Usage: python bench/bench_temporal.py [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.dates import PartialDate  # noqa: E402
from pipeline.nlp.build import build_nlp  # noqa: E402
from pipeline.nlp.context.docmeta import make_doc  # noqa: E402
from pipeline.nlp.temporal import dateparse  # noqa: E402
from pipeline.nlp.temporal import resolve as temporal_resolve  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "text"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    if not texts:
        print(f"no texts in {POLNEAR}", file=sys.stderr)
        return 2
    nlp = build_nlp()
    started = time.perf_counter()
    dateparse.warm_up()
    load = time.perf_counter() - started
    published = PartialDate("2016-11-01")

    def run(enabled: bool) -> tuple[float, int]:
        if enabled:
            temporal_resolve.resolve.cache_clear()
            dateparse.clear_caches()
        docs = [make_doc(nlp, t, published=published) for t in texts]
        t0 = time.perf_counter()
        if enabled:
            out = list(nlp.pipe(docs))
        else:
            with nlp.select_pipes(disable=["ct_temporal"]):
                out = list(nlp.pipe(docs))
        return time.perf_counter() - t0, sum(len(d.spans.get("dates", [])) for d in out)

    run(False)  # warm spaCy itself
    # alternate the two so a busy machine slows both alike
    plain, timed = [], []
    for _ in range(args.runs):
        plain.append(run(False)[0])
        timed.append(run(True))
    base = min(plain)
    full = min(t for t, _ in timed)
    found = timed[0][1]
    extra = full - base
    # the component alone, on docs spaCy already parsed (no timing noise from the parser)
    with nlp.select_pipes(disable=["ct_temporal"]):
        parsed = list(nlp.pipe(make_doc(nlp, t, published=published) for t in texts))
    temporal_resolve.resolve.cache_clear()
    dateparse.clear_caches()
    component = nlp.get_pipe("ct_temporal")
    t0 = time.perf_counter()
    for doc in parsed:
        component(doc)
    alone = time.perf_counter() - t0
    print(f"{len(texts)} PolNeAR texts, {sum(map(len, texts)):,} chars, {found} temporal expressions")
    print(f"spaCy alone:          {base:.3f} s ({base / len(texts) * 1000:.1f} ms/article)")
    print(f"spaCy + ct_temporal:  {full:.3f} s")
    print(f"temporal step:        {extra:.3f} s = {extra / base:.1%} of spaCy's time (cold caches each run)")
    print(f"component alone:      {alone:.3f} s = {alone / base:.1%} of spaCy's time (cold caches)")
    print(f"dateparser load (once per process): {load:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
