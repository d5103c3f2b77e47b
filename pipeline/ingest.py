"""Ingest orchestration: read → store source → NLP → claims → linking, one transaction per source.

Documents stream through in batches, so memory stays flat whatever the corpus
size. Content already in the ledger is recognised by its hash *before* the
parse, so re-ingesting costs a read, not an NLP pass. The parse of a batch runs
outside any transaction (it is the slow part); each source's rows, its
children, its claims and their links are then written in one short transaction,
so the ledger never holds a half-ingested source.

A document longer than `pipeline.chunks.LONG_DOC_CHARS` (any part of it) is
the exception: it is stored whole, then parsed piece by piece inside its own
transaction, each piece's claims linked and written before the next piece is
parsed, so memory stays bounded by the piece size. Its transaction is long
(the parse runs inside it), which is the price of never holding a whole
long document's Docs or claims at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa

from claims.errors import ClaimtrackError, SourceError
from claims.ids import content_hash
from claims.ledger import Ledger
from claims.models import Claim, Source
from pipeline.chunks import is_long, piece_claims
from pipeline.heap import settled_heap
from pipeline.ingest_dates import dated
from pipeline.nlp.context.docmeta import make_doc
from sources.document import Document
from sources.loader import DEFAULT_MAX_BYTES, iter_inputs, read_input
from sources.store import already_stored, store_document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.linking.link import LinkCache

from pipeline.ingest_result import FileOutcome, IngestOptions, IngestResult


@dataclass
class _Pending:
    """A read document waiting for the parse, with the Docs of its parts."""

    path: str
    document: Document
    docs: list[Doc] = field(default_factory=list)

    @property
    def long(self) -> bool:
        """Whether some part is too long for one parse (it is parsed in pieces when stored)."""
        return any(is_long(part.text) for part in (self.document, *self.document.children))


Progress = Callable[[int], None]


def ingest_paths(
    ledger: Ledger,
    paths: list[str],
    options: IngestOptions | None = None,
    *,
    progress: Progress | None = None,
    nlp: Language | None = None,
    keep: bool = True,
) -> IngestResult:
    """Ingest files, directories or "-" (stdin) into the ledger; never raises for one bad file.

    `progress` is called with the number of inputs finished after each one.
    With `keep=False` the stored sources and claims are not collected in the
    result (for very large corpora: memory stays flat).
    """
    options = options or IngestOptions()

    def pending(result: IngestResult, progress: Progress | None) -> Iterator[_Pending]:
        return _fresh(ledger, _read_paths(paths, options, result, progress), result, progress, options)

    return _run(ledger, pending, options, progress, nlp, keep)


def ingest_documents(
    ledger: Ledger,
    documents: Iterable[Document],
    options: IngestOptions | None = None,
    *,
    progress: Progress | None = None,
    nlp: Language | None = None,
    keep: bool = True,
) -> IngestResult:
    """Ingest documents already read (e.g. built in a notebook or by the web desk), as `ingest_paths` does.

    Each document is reported under its `path`, else as `<document N>`.
    `options.overrides` and `max_bytes` apply to reading files only, not here.
    """
    options = options or IngestOptions()

    def named(result: IngestResult, progress: Progress | None) -> Iterator[_Pending]:
        items = (_Pending(path=d.path or f"<document {n}>", document=d) for n, d in enumerate(documents, 1))
        return _fresh(ledger, items, result, progress, options)

    return _run(ledger, named, options, progress, nlp, keep)


Pending = Callable[["IngestResult", "Progress | None"], Iterator["_Pending"]]


def _run(
    ledger: Ledger,
    pending: Pending,
    options: IngestOptions,
    progress: Progress | None,
    nlp: Language | None,
    keep: bool,
) -> IngestResult:
    """Parse in batches (or in worker processes) and store each source in its own transaction."""
    from pipeline.linking.link import new_link_cache

    result = IngestResult()
    batch: list[_Pending] = []
    cache = new_link_cache()  # retrieved claims and term counts, shared by this run's sources
    if options.extract and options.workers > 1:
        from pipeline.ingest_parallel import ingest_parallel

        ingest_parallel(ledger, pending, options, result, nlp or nlp_for(options), progress, keep, cache)
        return result
    with settled_heap():  # full collections skip the model and lexicons loaded before the run
        for item in pending(result, progress):
            batch.append(item)
            if len(batch) >= options.batch_size:
                _process(ledger, batch, options, result, nlp, progress, keep, cache)
                batch = []
        if batch:
            _process(ledger, batch, options, result, nlp, progress, keep, cache)
    return result


def _read_paths(
    paths: list[str], options: IngestOptions, result: IngestResult, progress: Progress | None
) -> Iterator[_Pending]:
    """Read every input; record the ones that fail to read."""
    for inp in iter_inputs(paths):
        name = str(getattr(inp, "name", None) or getattr(inp, "path", None) or inp)
        try:
            document = read_input(inp, options.overrides, max_bytes=options.max_bytes)
        except SourceError as exc:
            result.files.append(FileOutcome(path=name, outcome="failed", message=str(exc)))
            _tick(result, progress)
            continue
        yield _Pending(path=name, document=document)


def _fresh(
    ledger: Ledger,
    items: Iterable[_Pending],
    result: IngestResult,
    progress: Progress | None,
    options: IngestOptions | None = None,
) -> Iterator[_Pending]:
    """The documents whose content is not in the ledger yet; the others are recorded unchanged, unparsed.

    Each document's publication date is settled first (`ingest_dates.dated`): one after today fails the
    input; what the user should know about a date is noted for the documents that will be stored.
    """
    for item in items:
        notes: list[str] = []
        if options is not None:
            try:
                item.document, notes = dated(
                    item.document, item.path, allow_future=options.allow_future, today=options.today
                )
            except SourceError as exc:
                result.files.append(FileOutcome(path=item.path, outcome="failed", message=str(exc)))
                _tick(result, progress)
                continue
        existing = already_stored(ledger, item.document)
        if existing is not None:
            result.files.append(FileOutcome(path=item.path, outcome="unchanged", source_id=existing))
            _tick(result, progress)
            continue
        result.notes.extend(notes)
        yield item


def _process(
    ledger: Ledger,
    batch: list[_Pending],
    options: IngestOptions,
    result: IngestResult,
    nlp: Language | None,
    progress: Progress | None,
    keep: bool,
    cache: LinkCache | None = None,
) -> None:
    """Parse a batch in one `nlp.pipe` call, then store each source in its own transaction."""
    if options.extract:
        nlp = nlp or nlp_for(options)
        docs: list[Doc] = []
        for item in batch:
            if item.long:
                continue  # parsed in pieces by _store
            for part in (item.document, *item.document.children):
                docs.append(
                    make_doc(
                        nlp,
                        part.text,
                        published=part.published,
                        outlet=part.outlet,
                        author=part.author,
                        title=part.title,
                    )
                )
        n_process = max(1, options.workers)
        parsed = iter(nlp.pipe(docs, n_process=n_process, batch_size=_pipe_batch(options)))
        for item in batch:
            if not item.long:
                item.docs = [next(parsed) for _ in range(1 + len(item.document.children))]
    for item in batch:
        _store_or_fail(ledger, item, options, result, keep, cache, nlp=nlp)
        _tick(result, progress)


def _store_or_fail(
    ledger: Ledger,
    item: _Pending,
    options: IngestOptions,
    result: IngestResult,
    keep: bool,
    cache: LinkCache | None = None,
    *,
    nlp: Language | None = None,
) -> None:
    """`_store`, recording a database refusal as this input's failure: one bad file never stops a batch."""
    before = (len(result.claims), len(result.sources), result.links, result.merged)
    try:
        _store(ledger, item, options, result, keep, cache, nlp=nlp)
    except (ClaimtrackError, sa.exc.SQLAlchemyError) as exc:
        # The transaction rolled back: undo what this input added to the summary, and forget what the
        # link cache learnt from rows that are no longer there.
        if cache is not None:
            cache.claims.clear()
            cache.df.clear()
        del result.claims[before[0] :], result.sources[before[1] :]
        result.links, result.merged = before[2], before[3]
        if result.files and result.files[-1].path == item.path:
            result.files.pop()
        first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
        result.files.append(FileOutcome(path=item.path, outcome="failed", message=f"{item.path}: not stored: {first}"))


def _store(
    ledger: Ledger,
    item: _Pending,
    options: IngestOptions,
    result: IngestResult,
    keep: bool,
    cache: LinkCache | None = None,
    *,
    nlp: Language | None = None,
) -> None:
    from pipeline.linking.link import link_new_claims
    from pipeline.nlp.claims.component import doc_to_claims

    with ledger.transaction() as conn:
        stored = store_document(ledger, item.document, conn=conn)
        # Only parts written now get claims: a revision's unchanged pingbacks, or an
        # unchanged article under a new comment, were extracted when first stored.
        parts = [stored.source, *stored.children]
        fresh = {cid for cid in stored.new_children}
        if stored.outcome != "unchanged":
            fresh.add(stored.source.id)
        sources = [s for s in parts if s.id in fresh]
        if not sources:
            result.files.append(FileOutcome(path=item.path, outcome="unchanged", source_id=stored.source.id))
            return
        if item.long and options.extract:
            _store_pieces(ledger, item, parts, fresh, options, result, keep, cache, nlp or nlp_for(options), conn)
            counted = result.files[-1]
            counted.outcome = "added" if stored.outcome == "unchanged" else stored.outcome
            counted.children = len(stored.new_children)
            if keep:
                result.sources.extend(sources)
            return
        new_claims: list[Claim] = []
        if item.docs:
            for source, doc in zip(parts, item.docs, strict=True):
                if source.id in fresh:
                    new_claims.extend(doc_to_claims(doc, source.id))
        if stored.outcome == "revised" and item.docs:
            from pipeline.revisions import carry_over

            # Unchanged claims of the earlier revisions are kept as they are; removed ones are retracted.
            new_claims, _ = carry_over(ledger, stored.source, new_claims, conn=conn)
        linked = None
        if new_claims and options.link:
            linked = link_new_claims(ledger, new_claims, cache=cache, conn=conn)
        else:
            ledger.add_claims(new_claims, conn=conn)
    kept_claims = linked.claims if linked is not None else new_claims
    result.files.append(
        FileOutcome(
            path=item.path,
            outcome="added" if stored.outcome == "unchanged" else stored.outcome,
            source_id=stored.source.id,
            children=len(stored.new_children),
            claims=len(kept_claims),
        )
    )
    if linked is not None:
        result.links += linked.links
        result.merged += linked.merged
    if keep:
        result.sources.extend(sources)
        result.claims.extend(kept_claims)


def _store_pieces(
    ledger: Ledger,
    item: _Pending,
    parts: list[Source],
    fresh: set[str],
    options: IngestOptions,
    result: IngestResult,
    keep: bool,
    cache: LinkCache | None,
    nlp: Language,
    conn: sa.Connection,
) -> None:
    """Claims of a long document, piece by piece, each piece linked and written before the next is parsed."""
    from pipeline.linking.link import link_new_claims

    outcome = FileOutcome(path=item.path, outcome="added", source_id=parts[0].id)
    for source, part in zip(parts, (item.document, *item.document.children), strict=True):
        if source.id not in fresh:
            continue
        for claims in piece_claims(nlp, part, source.id):
            if not claims:
                continue
            if options.link:
                linked = link_new_claims(ledger, claims, cache=cache, conn=conn)
                kept = linked.claims
                result.links += linked.links
                result.merged += linked.merged
            else:
                kept = ledger.add_claims(claims, conn=conn)
            outcome.claims += len(kept)
            if keep:
                result.claims.extend(kept)
    result.files.append(outcome)


# spaCy's working memory grows with the documents parsed together: news articles in batches of 32 take
# a process past 800 MB, in batches of 8 under 450 MB, and parse as fast.
PIPE_BATCH_SIZE = 8


def _pipe_batch(options: IngestOptions) -> int:
    """The `nlp.pipe` batch size: `options.batch_size` (sources per ingest batch), at most PIPE_BATCH_SIZE."""
    return max(1, min(options.batch_size, PIPE_BATCH_SIZE))


def _tick(result: IngestResult, progress: Progress | None) -> None:
    if progress is not None:
        progress(len(result.files))


def nlp_for(options: IngestOptions) -> Language:
    """The pipeline `options` ask for, built on first need (an ingest of unchanged files never loads spaCy)."""
    from pipeline.nlp.build import build_nlp

    # Only the arguments given: build_nlp's cache keys on them, and other callers use build_nlp().
    args = (options.model,) if options.model else ()
    if options.min_checkworthiness is None:
        return build_nlp(*args)
    return build_nlp(*args, min_checkworthiness=options.min_checkworthiness)


def count_inputs(paths: Iterable[str]) -> int:
    """How many inputs `paths` expands to (for sizing a progress bar)."""
    return sum(1 for _ in iter_inputs(list(paths)))


__all__ = [
    "DEFAULT_MAX_BYTES",
    "FileOutcome",
    "IngestOptions",
    "IngestResult",
    "content_hash",
    "count_inputs",
    "ingest_documents",
    "ingest_paths",
]
