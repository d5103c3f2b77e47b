"""Texts for the tests that compare a faster stand-in with the model component it replaces, token by token."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[2]

ODD_TEXTS: list[str] = [
    "I DON'T think so. i don't THINK so.  They're gonna win, ain't they?",
    "Let's go!\n\nY'all gotta see it — c'mon, it's the Minister's \"final\" word.",
    "There are two ports.\tThere's one bridge; there were none.\r\nWe'd've known.",
    "   leading spaces\n\n\n  and 'single quotes' and ‘curly’ “quotes” ... ok?!",
    "He gets it; she got it. The U.S. gov't's plan isn't done: 3.5% by Q2 2024, 1,200 km, 12th, 3rd-largest.",
    "WHO SAID THAT? nobody said that!!! 'tis what it is, innit. Better, best, worse, worst; MICE, Geese.",
    "Running runners ran; the BUSES were busier than buses. She's been being studied. Analyses, criteria.",
    "e-mail @handle #tag https://example.org/a?b=1 ... -- (ok) [sic] {x} 50/50 $3bn €4m £5 ¥6",
    "",
    " ",
    "\n",
]


def articles() -> list[str]:
    """Our example articles plus generated news-like ones (bench/ingest.py's generator)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "articles").rglob("*")) if p.is_file()]
    texts.extend(generated(6, seed=7))
    return texts


def generated(count: int, seed: int) -> list[str]:
    """`count` articles from bench/ingest.py's `make_article`, imported by path as the bench does."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import ingest as bench_ingest
    finally:
        sys.path.remove(str(ROOT / "bench"))
    rng = random.Random(seed)
    topics = [bench_ingest.Topic(rng) for _ in range(max(1, count // 4))]
    return [bench_ingest.make_article(rng, i, rng.choice(topics)) for i in range(count)]


def assert_same(want: Language, got: Language, texts: list[str], view: Callable[[Doc], list[tuple[str, ...]]]) -> None:
    """Both pipelines give every token of every text the same `view` (the annotations a stand-in must keep)."""
    for text, want_doc, got_doc in zip(texts, want.pipe(texts), got.pipe(texts), strict=True):
        assert view(got_doc) == view(want_doc), text[:80]
