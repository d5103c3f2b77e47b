"""Ingest orchestration: read → store source → NLP → claims → linking, one transaction per source.

Documents stream through in batches, so memory stays flat whatever the corpus
size. Content already in the ledger is recognised by its hash *before* the
parse, so re-ingesting costs a read, not an NLP pass. The parse of a batch runs
outside any transaction (it is the slow part); each source's rows, its
children, its claims and their links are then written in one short transaction,
so the ledger never holds a half-ingested source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy.exc import SQLAlchemyError

from claims.errors import ClaimtrackError, SourceError
from claims.ids import content_hash
from claims.ledger import Ledger
from claims.models import Claim, Source
from pipeline.nlp.context.docmeta import make_doc
from sources.document import Document, Overrides
from sources.loader import DEFAULT_MAX_BYTES, iter_inputs, read_input
from sources.store import already_stored, store_document

if TYPE_CHECKING:
    from pipeline.linking.link import LinkCache

Outcome = Literal["added", "unchanged", "revised", "failed"]


class IngestOptions(BaseModel):
    """Everything `claimtrack ingest` can be told, as one settings object."""

    model_config = ConfigDict(extra="forbid")

    overrides: Overrides = Field(default_factory=Overrides)
    max_bytes: int | None = None  # None: CLAIMTRACK_MAX_BYTES, else 20 MB
    workers: int = 1
    batch_size: int = 32
    extract: bool = True
    link: bool = True


class FileOutcome(BaseModel):
    """What happened to one input."""

    path: str
    outcome: Outcome
    message: str | None = None
    source_id: str | None = None
    children: int = 0
    claims: int = 0


class IngestResult(BaseModel):
    """The summary `ingest` prints, plus what it stored (for --format json)."""

    files: list[FileOutcome] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    links: int = 0
    merged: int = 0

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == "failed"]


@dataclass
class _Pending:
    """A read document waiting for the parse, with the Docs of its parts."""

    path: str
    document: Document
    docs: list[Doc] = field(default_factory=list)


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
    from pipeline.linking.link import new_link_cache

    options = options or IngestOptions()
    result = IngestResult()
    batch: list[_Pending] = []
    cache = new_link_cache()  # retrieved claims and term counts, shared by this run's sources
    if options.extract and options.workers > 1:
        _ingest_parallel(ledger, paths, options, result, nlp or _default_nlp(), progress, keep, cache)
        return result
    for item in _read_all(ledger, paths, options, result, progress):
        batch.append(item)
        if len(batch) >= options.batch_size:
            _process(ledger, batch, options, result, nlp, progress, keep, cache)
            batch = []
    if batch:
        _process(ledger, batch, options, result, nlp, progress, keep, cache)
    return result


def _read_all(
    ledger: Ledger, paths: list[str], options: IngestOptions, result: IngestResult, progress: Progress | None
) -> Iterator[_Pending]:
    """Read every input; record failures and unchanged content without parsing them."""
    for inp in iter_inputs(paths):
        name = str(getattr(inp, "name", None) or getattr(inp, "path", None) or inp)
        try:
            document = read_input(inp, options.overrides, max_bytes=options.max_bytes)
        except SourceError as exc:
            result.files.append(FileOutcome(path=name, outcome="failed", message=str(exc)))
            _tick(result, progress)
            continue
        existing = already_stored(ledger, document)
        if existing is not None:
            result.files.append(FileOutcome(path=name, outcome="unchanged", source_id=existing))
            _tick(result, progress)
            continue
        yield _Pending(path=name, document=document)


def _ingest_parallel(
    ledger: Ledger,
    paths: list[str],
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
    quiet = IngestResult()  # _read_all's own outcomes are collected here, then held for their turn

    def stream() -> Iterator[tuple[Doc, tuple[int, bool]]]:
        for key, item in enumerate(_read_all(ledger, paths, options, quiet, None)):
            held.extend(quiet.files)
            quiet.files.clear()
            pending[key] = item
            before[key], held[:] = list(held), []
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
        item.docs, docs = docs, []
        _store(ledger, item, options, result, keep, cache)
        _tick(result, progress)
    release(held)


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
        nlp = nlp or _default_nlp()
        docs: list[Doc] = []
        for item in batch:
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
            item.docs = [next(parsed) for _ in range(1 + len(item.document.children))]
    for item in batch:
        _store(ledger, item, options, result, keep, cache)
        _tick(result, progress)


def _store(
    ledger: Ledger,
    item: _Pending,
    options: IngestOptions,
    result: IngestResult,
    keep: bool,
    cache: LinkCache | None = None,
) -> None:
    """Store one source and its claims; a failure is reported for this input and never aborts the batch.

    The source's transaction rolls back as a whole, so nothing of a failed input
    is half-written; the link cache may hold what the rolled-back transaction
    read or counted, so it is emptied.
    """
    try:
        _store_one(ledger, item, options, result, keep, cache)
    except (ClaimtrackError, SQLAlchemyError, ValueError) as exc:
        if cache is not None:
            cache.claims.clear()
            cache.df.clear()
        message = " ".join(str(getattr(exc, "orig", None) or exc).split())
        result.files.append(FileOutcome(path=item.path, outcome="failed", message=f"database error: {message}"))


def _store_one(
    ledger: Ledger,
    item: _Pending,
    options: IngestOptions,
    result: IngestResult,
    keep: bool,
    cache: LinkCache | None = None,
) -> None:
    from pipeline.linking.link import link_new_claims
    from pipeline.nlp.claims.component import doc_to_claims

    with ledger.transaction() as conn:
        stored = store_document(ledger, item.document, conn)
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
        new_claims: list[Claim] = []
        if item.docs:
            for source, doc in zip(parts, item.docs, strict=True):
                if source.id in fresh:
                    new_claims.extend(doc_to_claims(doc, source.id))
        linked = None
        if new_claims and options.link:
            linked = link_new_claims(ledger, new_claims, conn, cache=cache)
        else:
            ledger.add_claims(new_claims, conn)
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


# spaCy's working memory grows with the documents parsed together: news articles in batches of 32 take
# a process past 800 MB, in batches of 8 under 450 MB, and parse as fast.
PIPE_BATCH_SIZE = 8


def _pipe_batch(options: IngestOptions) -> int:
    """The `nlp.pipe` batch size: `options.batch_size` (sources per ingest batch), at most PIPE_BATCH_SIZE."""
    return max(1, min(options.batch_size, PIPE_BATCH_SIZE))


def _tick(result: IngestResult, progress: Progress | None) -> None:
    if progress is not None:
        progress(len(result.files))


_NLP: Language | None = None


def _default_nlp() -> Language:
    global _NLP
    if _NLP is None:
        from pipeline.nlp.build import build_nlp

        _NLP = build_nlp()
    return _NLP


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
    "ingest_paths",
]
