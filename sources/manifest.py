"""`ingest --manifest batch.csv`: per-file metadata for a batch, read in one process.

A manifest is CSV with a header naming some of `path, published, outlet, url,
title, author` (`path` is required). Each row gives one file (or directory) and
the metadata that wins over what the file says. Relative paths are read from
the manifest's folder, so a manifest travels with its files.

A manifest whose header is wrong is refused whole (nothing has been read yet).
A bad row (no path, an unreadable date, a non-http URL) is returned as a
`ManifestProblem` and reported as that row's failure: one bad row never stops
the other files.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from claims.errors import ClaimtrackError
from claims.models import check_http_url
from sources.decoding import decode
from sources.document import Overrides
from sources.errors import InvalidSourceMetadata, MissingSource

COLUMNS: tuple[str, ...] = ("path", "published", "outlet", "url", "title", "author")
MAX_MANIFEST_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ManifestEntry:
    """One good row: the path to read and the metadata it sets."""

    line: int
    path: str
    overrides: Overrides


@dataclass(frozen=True)
class ManifestProblem:
    """One bad row, and why; reported as a failed input named `where`."""

    line: int
    where: str
    message: str


def read_manifest(manifest: str | Path) -> list[ManifestEntry | ManifestProblem]:
    """Every row of the manifest, in order. Raises `SourceError` only when the file itself is unusable."""
    path = Path(manifest)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MissingSource(f"manifest {path}: {exc.strerror or 'cannot read it'}") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise InvalidSourceMetadata(f"manifest {path}: larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MB")
    reader = csv.reader(decode(raw, str(path)).splitlines())
    header = [h.strip().casefold() for h in next(reader, [])]
    if "path" not in header:
        raise InvalidSourceMetadata(f"manifest {path}: the first line must name the columns, including 'path'")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or len(set(header)) != len(header):
        what = f"unknown column {unknown[0]!r}" if unknown else "a column named twice"
        raise InvalidSourceMetadata(f"manifest {path}: {what} (columns: {', '.join(COLUMNS)})")
    out: list[ManifestEntry | ManifestProblem] = []
    for line, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue
        out.append(_entry(path, header, line, row))
    return out


def _entry(manifest: Path, header: list[str], line: int, row: list[str]) -> ManifestEntry | ManifestProblem:
    where = f"{manifest}:{line}"
    if len(row) > len(header):
        return ManifestProblem(line, where, f"{where}: {len(row)} fields, the header names {len(header)}")
    values = {name: cell.strip() for name, cell in zip(header, row, strict=False)}
    given = values.pop("path", "")
    if not given:
        return ManifestProblem(line, where, f"{where}: no path")
    target = Path(given)
    if not target.is_absolute():
        target = manifest.parent / target
    try:
        if values.get("url"):
            check_http_url(values["url"])
        overrides = Overrides(**{k: v for k, v in values.items() if v})
    except ClaimtrackError as exc:  # an unreadable date
        return ManifestProblem(line, where, f"{where}: {exc}")
    except ValueError as exc:  # a URL that is not http(s)
        return ManifestProblem(line, where, f"{where}: url {values.get('url')!r}: {exc}")
    return ManifestEntry(line, str(target), overrides)


__all__ = ["COLUMNS", "ManifestEntry", "ManifestProblem", "read_manifest"]
