"""Why a document could not be read: one `SourceError` subclass per cause.

The CLI prints each as one line and carries on with the other files, so the
message always names the file and says what is wrong with it.
"""

from __future__ import annotations

from claims.errors import SourceError


class MissingSource(SourceError):
    """The path does not exist (or is not a file or directory)."""


class EmptySource(SourceError):
    """The file holds no text."""


class BinarySource(SourceError):
    """The file is not text (NUL bytes, a known binary signature, or mostly control characters)."""


class SourceTooLarge(SourceError):
    """The file is over the size limit (20 MB by default, `CLAIMTRACK_MAX_BYTES`)."""


class UndecodableSource(SourceError):
    """The bytes are not UTF-8 and no encoding could be detected."""


class InvalidSourceMetadata(SourceError):
    """The document's own metadata cannot be read (broken YAML front matter...)."""


__all__ = [
    "BinarySource",
    "EmptySource",
    "InvalidSourceMetadata",
    "MissingSource",
    "SourceError",
    "SourceTooLarge",
    "UndecodableSource",
]
