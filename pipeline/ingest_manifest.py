"""`ingest --manifest batch.csv`: many articles with per-file metadata, in one process.

Without a manifest a batch shares one `--published`, so users ran one process
per article and paid for loading the model each time (3-7 s). Here every row
gets its own metadata, the model loads once, and the batch runs through the
same streaming ingest as `ingest_paths`. A bad row is reported as that row's
failure; the other rows go in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from claims.errors import SourceError
from claims.ledger import Ledger
from pipeline.ingest import Progress, _fresh, _Pending, _run, _tick
from pipeline.ingest_result import FileOutcome, IngestOptions, IngestResult
from sources.document import Overrides
from sources.loader import iter_inputs, read_input
from sources.manifest import ManifestProblem, read_manifest

if TYPE_CHECKING:
    from spacy.language import Language


def manifest_entries(
    manifest: str | Path, defaults: Overrides | None = None
) -> list[tuple[list[str], Overrides] | FileOutcome]:
    """The manifest's rows as (paths, overrides) to read, or failures for bad rows.

    A row's values win over `defaults` (the command line's options), which win over the file's own metadata.
    Raises `SourceError` when the manifest itself cannot be used (nothing has been read then).
    """
    base = (defaults or Overrides()).model_dump(exclude_none=True)
    out: list[tuple[list[str], Overrides] | FileOutcome] = []
    for row in read_manifest(manifest):
        if isinstance(row, ManifestProblem):
            out.append(FileOutcome(path=row.where, outcome="failed", message=row.message))
        else:
            out.append(([row.path], Overrides(**(base | row.overrides.model_dump(exclude_none=True)))))
    return out


def read_entries(
    entries: Iterable[tuple[list[str], Overrides] | FileOutcome],
    options: IngestOptions,
    result: IngestResult,
    progress: Progress | None,
) -> Iterator[_Pending]:
    """Read each (paths, overrides) entry's inputs with its own overrides; an entry that is already a
    failure (a bad manifest row) is recorded as one. One bad input never stops the others."""
    for entry in entries:
        if isinstance(entry, FileOutcome):
            result.files.append(entry)
            _tick(result, progress)
            continue
        paths, overrides = entry
        for inp in iter_inputs(paths):
            try:
                document = read_input(inp, overrides, max_bytes=options.max_bytes)
            except SourceError as exc:
                result.files.append(FileOutcome(path=inp.name, outcome="failed", message=str(exc)))
                _tick(result, progress)
                continue
            yield _Pending(path=inp.name, document=document)


def ingest_manifest(
    ledger: Ledger,
    manifest: str | Path,
    options: IngestOptions | None = None,
    *,
    progress: Progress | None = None,
    nlp: Language | None = None,
    keep: bool = True,
) -> IngestResult:
    """Ingest every file a manifest names, each with its row's metadata (`options.overrides` fill the gaps)."""
    options = options or IngestOptions()
    entries = manifest_entries(manifest, options.overrides)

    def pending(result: IngestResult, progress: Progress | None) -> Iterator[_Pending]:
        return _fresh(ledger, read_entries(entries, options, result, progress), result, progress, options)

    return _run(ledger, pending, options, progress, nlp, keep)


__all__ = ["ingest_manifest", "manifest_entries"]
