"""Cost of the model's lemmatizer against `ct_lemma_table` wrapping it, on generated articles.

Moved here from tests/pipeline/test_lemma_table.py: machines are shared and
noisy, so no test is timed; this prints the figures and their ratio, measured
in one run (best of N, alternating). Both components start from the same
pre-lemmatizer docs; the original's cache is cleared before each of its runs.
That the two give identical lemmas is a test (tests/pipeline/test_lemma_table.py).

Usage: python bench/lemma_table.py [--articles 100] [--runs 3]
Last line: lemma_table/original ratio: R   (below 1: the table is faster)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # runs from a checkout whether or not the project is installed

import spacy  # noqa: E402

from bench.ingest import Topic, make_article  # noqa: E402
from pipeline.nlp.build import _swap_attribute_ruler, _swap_lemmatizer  # noqa: E402
from pipeline.nlp.model import model_name  # noqa: E402
from pipeline.nlp.tables.lemmas import LemmaTable  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    nlp = spacy.load(model_name())
    _swap_attribute_ruler(nlp)
    _swap_lemmatizer(nlp)
    if "lemma_table" not in nlp.pipe_names:
        print("this model's lemmatizer is not wrapped: nothing to compare", file=sys.stderr)
        return 2
    original = nlp.get_pipe("lemma_table").lemmatizer
    rng = random.Random(args.seed)
    topics = [Topic(rng) for _ in range(max(1, args.articles // 4))]
    texts = [make_article(rng, i, rng.choice(topics)) for i in range(args.articles)]
    base = nlp.pipe_names.index("lemma_table")
    with nlp.select_pipes(disable=nlp.pipe_names[base:]):
        docs = list(nlp.pipe(texts))
    best: dict[str, float] = {}
    for _ in range(args.runs):
        for label, component in (("original", original), ("lemma_table", LemmaTable(original))):
            original.cache.clear()
            copies = [d.copy() for d in docs]
            start = time.perf_counter()
            for doc in copies:
                component(doc)
            best[label] = min(best.get(label, float("inf")), time.perf_counter() - start)
    words = sum(len(d) for d in docs)
    print(f"{len(docs)} articles, {words:,} tokens, best of {args.runs}")
    print(f"original lemmatizer: {best['original']:.3f}s; lemma_table: {best['lemma_table']:.3f}s")
    print(f"lemma_table/original ratio: {best['lemma_table'] / best['original']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
