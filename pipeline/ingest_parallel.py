"""`ingest --workers N`: one long-lived `nlp.pipe(n_process=N)`, this process the only writer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipeline.ingest import Pending, Progress, _Pending, _pipe_batch, _store_or_fail, _tick
from pipeline.ingest_result import FileOutcome, IngestOptions, IngestResult
from pipeline.nlp.context.docmeta import make_doc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from claims.ledger import Ledger
    from pipeline.linking.link import LinkCache


def ingest_parallel(
    ledger: Ledger,
    pending_items: Pending,
    options: IngestOptions,
    result: IngestResult,
    nlp: Language,
    progress: Progress | None,
    keep: bool,
    cache: LinkCache,
) -> None:
    """`--workers N`: one `nlp.pipe(n_process=N)` over the whole stream, this process the only writer.

    A pipe per batch would start N processes per batch and hand all of a
    32-document batch to one of them (spaCy deals whole batches out), so the
    parse would not run in parallel. One long-lived pipe keeps N workers
    parsing while this process stores and links what they return, in input
    order. Inputs that fail to read or are unchanged are reported in input
    order too: each is held until the next parsed document is stored.
    """
    pending: dict[int, _Pending] = {}  # only the integer key travels to the workers and back
    held: list[FileOutcome] = []
    before: dict[int, list[FileOutcome]] = {}
    quiet = IngestResult()  # the reader's own outcomes are collected here, then held for their turn

    def stream() -> Iterator[tuple[Doc, tuple[int, bool]]]:
        for key, item in enumerate(pending_items(quiet, None)):
            held.extend(quiet.files)
            quiet.files.clear()
            pending[key] = item
            before[key], held[:] = list(held), []
            if item.long:
                # Parsed in pieces in this process when its turn comes; an empty Doc keeps its place in order.
                yield nlp.make_doc(""), (key, True)
                continue
            parts = (item.document, *item.document.children)
            for n, part in enumerate(parts):
                doc = make_doc(
                    nlp, part.text, published=part.published, outlet=part.outlet, author=part.author, title=part.title
                )
                yield doc, (key, n == len(parts) - 1)
        held.extend(quiet.files)
        quiet.files.clear()

    def release(outcomes: list[FileOutcome]) -> None:
        for outcome in outcomes:
            result.files.append(outcome)
            _tick(result, progress)

    docs: list[Doc] = []
    batch_size = _pipe_batch(options)
    for doc, (key, last) in nlp.pipe(stream(), as_tuples=True, n_process=options.workers, batch_size=batch_size):
        docs.append(doc)
        if not last:
            continue
        release(before.pop(key))
        item = pending.pop(key)
        item.docs, docs = ([] if item.long else docs), []
        _store_or_fail(ledger, item, options, result, keep, cache, nlp=nlp)
        _tick(result, progress)
    release(held)
