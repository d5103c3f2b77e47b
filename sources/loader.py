"""From command-line paths to `Document`s: expand directories, read bytes safely, dispatch on format.

`iter_inputs` never fails: a missing path is yielded like any other, and
`read_input` raises `MissingSource` for it, so one bad path in a batch is
reported while the other files still go in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sources.decoding import decode
from sources.document import Document, Format, Overrides
from sources.errors import EmptySource, MissingSource, SourceTooLarge
from sources.html import read_html
from sources.markdown import read_markdown
from sources.text import read_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_ENV = "CLAIMTRACK_MAX_BYTES"
EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
READERS: dict[Format, Callable[..., Document]] = {"text": read_text, "markdown": read_markdown, "html": read_html}
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Input:
    """One thing to read: a file path, or standard input (`path` None)."""

    name: str
    path: Path | None = None
    stream: BinaryIO | None = None
    refused: str | None = None  # why this argument is not a path at all ("" would mean the current directory)

    @property
    def is_stdin(self) -> bool:
        return self.path is None


def iter_inputs(paths: list[str], *, stdin: BinaryIO | None = None) -> Iterator[Input]:
    """Expand `paths`: files as given, directories recursively (sorted, known extensions, no hidden
    entries), and "-" as standard input. Each file is yielded once, even if named twice."""
    seen: set[Path] = set()
    for raw in paths:
        if raw == "-":
            yield Input(name=STDIN_NAME, stream=stdin if stdin is not None else sys.stdin.buffer)
            continue
        if not raw.strip():
            # Path("") is Path("."): an empty argument (an unset shell variable) would ingest the
            # current directory recursively. Name the directory explicitly to mean that.
            yield Input(name=repr(raw), path=Path(raw), refused="an empty path (name a directory, e.g. '.')")
            continue
        path = Path(raw)
        files = _walk(path) if path.is_dir() else [path]
        for file in files:
            key = file.resolve() if file.exists() else file
            if key in seen:
                continue
            seen.add(key)
            yield Input(name=str(file), path=file)


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith(".") and Path(filename).suffix.lower() in EXTENSIONS:
                found.append(Path(dirpath) / filename)
    return found


def max_bytes_limit(max_bytes: int | None = None) -> int:
    """The size limit: the argument, else 20 MB (the command line reads `CLAIMTRACK_MAX_BYTES` itself)."""
    return max_bytes if max_bytes is not None else DEFAULT_MAX_BYTES


def read_bytes(inp: Input, max_bytes: int) -> bytes:
    """The input's bytes, refusing missing paths, directories and anything over `max_bytes`."""
    if inp.refused is not None:
        raise MissingSource(f"{inp.name}: {inp.refused}")
    if inp.path is None:
        data = (inp.stream or sys.stdin.buffer).read(max_bytes + 1)
    else:
        try:
            size = inp.path.stat().st_size
        except OSError:
            raise MissingSource(f"{inp.name}: no such file or directory") from None
        if not inp.path.is_file():
            raise MissingSource(f"{inp.name}: not a regular file")
        if size > max_bytes:
            raise SourceTooLarge(f"{inp.name}: file is too large ({_size(size)}; the limit is {_size(max_bytes)})")
        try:
            data = inp.path.read_bytes()
        except OSError as exc:
            raise MissingSource(f"{inp.name}: cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise SourceTooLarge(f"{inp.name}: input is too large (over the limit of {_size(max_bytes)})")
    return data


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def sniff_format(text: str) -> Format:
    """Guess the format of text without a file extension (standard input)."""
    head = text.lstrip("\ufeff \t\r\n")[:2048].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or any(
        tag in head for tag in ("<html", "<head>", "<body", "<article", "<p>")
    ):
        return "html"
    if head.startswith("---\n") or head.startswith("---\r\n"):
        return "markdown"
    return "text"


def format_for(inp: Input, text: str) -> Format:
    """The reader for an input: by extension, else sniffed from the text."""
    if inp.path is not None and inp.path.suffix.lower() in EXTENSIONS:
        return EXTENSIONS[inp.path.suffix.lower()]
    return sniff_format(text)


def read_input(inp: Input, overrides: Overrides | None = None, max_bytes: int | None = None) -> Document:
    """Read one input into a `Document` with `overrides` applied; raise a `SourceError` subclass on bad input."""
    limit = max_bytes_limit(max_bytes)
    text = decode(read_bytes(inp, limit), inp.name)
    fmt = format_for(inp, text)
    path = str(inp.path) if inp.path is not None else None
    doc = READERS[fmt](text, path=path)
    if not doc.text.strip() and not doc.children:
        raise EmptySource(f"{inp.name}: no article text (only a title or metadata)")
    return (overrides or Overrides()).apply(doc)
