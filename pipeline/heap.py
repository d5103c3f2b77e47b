"""Keep the garbage collector off what a long run starts with (the loaded model, lexicons, caches).

Python's full collections walk every tracked object. During an ingest that is
mostly the spaCy model and the word lists loaded before the run, which never
become garbage; walking them again on each full collection cost about 0.6 s of
CPU over the benchmark corpus (`bench/ingest_stages.py`). `gc.freeze()` moves
what exists at the start into a generation the collector skips, and
`gc.unfreeze()` hands it back at the end, so nothing is kept alive any longer
than without it, and no output changes: only when cycles are found.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def settled_heap() -> Iterator[None]:
    """Freeze the objects alive now for the duration of the block (unless someone else froze some already)."""
    if gc.get_freeze_count():
        yield  # a caller (a forking server, say) manages the frozen generation: leave it alone
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
