"""Reading documents: plain text, Markdown and HTML articles with their metadata and comment sections.

`iter_inputs` expands command-line paths, `read_input` turns one into a
`Document` (raising a `SourceError` subclass for bad input), and
`store_document` writes it and its comment/pingback children to the ledger.
Imports only `claims`.
"""

from sources.comments import CommentSplit, html_comments, split_comments, split_title_outlet
from sources.document import Document, Overrides
from sources.errors import (
    BinarySource,
    EmptySource,
    InvalidSourceMetadata,
    MissingSource,
    SourceError,
    SourceTooLarge,
    UndecodableSource,
)
from sources.html import read_html
from sources.loader import DEFAULT_MAX_BYTES, MAX_BYTES_ENV, Input, iter_inputs, max_bytes_limit, read_input
from sources.markdown import read_markdown
from sources.store import StoreResult, already_stored, child_hash, document_hash, store_document
from sources.text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_BYTES_ENV",
    "BinarySource",
    "CommentSplit",
    "Document",
    "EmptySource",
    "Input",
    "InvalidSourceMetadata",
    "MissingSource",
    "Overrides",
    "SourceError",
    "SourceTooLarge",
    "StoreResult",
    "UndecodableSource",
    "already_stored",
    "child_hash",
    "document_hash",
    "html_comments",
    "iter_inputs",
    "max_bytes_limit",
    "read_html",
    "read_input",
    "read_markdown",
    "read_text",
    "split_comments",
    "split_title_outlet",
    "store_document",
]
