"""Long documents in pieces: spaCy refuses texts over `nlp.max_length` (E088) and its memory grows with them.

A text longer than `LONG_DOC_CHARS` is cut into consecutive pieces of at most `MAX_PIECE_CHARS` at the
best boundary inside the limit: a blank line (paragraph), else a line break,
else a sentence end, else any space, else anywhere. Each piece is an exact
slice of the text with its offset, so spans found in a piece map back to the
whole text by adding the offset, and the source is stored whole.

Each piece's `Doc` gets the same document context (publication date, outlet,
author, title) as a short article would, so dates resolve against the
publication date and the outlet stays the claimant of the author's own
sentences. What does not cross a boundary: a name introduced in an earlier
piece ("Ines Varga ... Varga said") and the running "last dated event"; that
is the price of a bounded parse, and paragraph boundaries keep it rare.

Pieces go through `nlp.pipe` lazily and each Doc is turned into claims (or
records) and dropped before the next is parsed, so memory is bounded by the
piece size, not the document size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from claims.dates import PartialDate
from claims.models import Claim
from pipeline.nlp.context.docmeta import make_doc
from sources.document import Document

# A long news article's length. Our components cost more than linear time in a Doc's length: measured on
# generated news, 100,000-character pieces in batches of 4 took a process to 1.4 GB and parsed five times
# slower per character; 20,000-character pieces in pairs stay under 400 MB at any document length.
MAX_PIECE_CHARS = 20_000
# Only documents longer than this are cut: no real article comes near it (the longest development text
# is about 25,000 characters), so articles keep their whole-document context.
LONG_DOC_CHARS = 100_000
PIPE_BATCH = 2
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]?\s")


@dataclass(frozen=True)
class Piece:
    """A slice of a document's text: `text == whole[offset : offset + len(text)]`."""

    offset: int
    text: str


def is_long(text: str, limit: int | None = None) -> bool:
    """Whether `text` must be parsed in pieces (`limit` None: `LONG_DOC_CHARS`, read at call time)."""
    return len(text) > (limit or LONG_DOC_CHARS)


def pieces(text: str, limit: int | None = None) -> Iterator[Piece]:
    """Consecutive slices of `text`, each at most `limit` characters, cut at the best boundary."""
    limit = limit or MAX_PIECE_CHARS
    if limit < 2:
        raise ValueError("limit must be at least 2 characters")
    start = 0
    n = len(text)
    while start < n:
        end = n if n - start <= limit else _cut(text, start, start + limit)
        yield Piece(start, text[start:end])
        start = end


def _cut(text: str, start: int, hard: int) -> int:
    """The end of the piece that starts at `start`: the last good boundary before `hard`."""
    floor = start + (hard - start) // 2  # a boundary in the first half would make tiny pieces
    for sep in ("\n\n", "\n"):
        at = text.rfind(sep, floor, hard)
        if at != -1:
            return at + len(sep)
    window = text[floor:hard]
    last = None
    for last in _SENTENCE_END.finditer(window):  # noqa: B007  (only the last match is wanted)
        pass
    if last is not None:
        return floor + last.end()
    at = max(text.rfind(" ", floor, hard), text.rfind("\t", floor, hard))
    return at + 1 if at != -1 else hard


def piece_docs(
    nlp: Language,
    text: str,
    *,
    published: PartialDate | None = None,
    outlet: str | None = None,
    author: str | None = None,
    title: str | None = None,
    limit: int | None = None,
) -> Iterator[tuple[Piece, Doc]]:
    """Each piece of `text` with its processed Doc, one at a time, every piece with the document's context."""

    def unprocessed() -> Iterator[tuple[Doc, Piece]]:
        for piece in pieces(text, limit):
            doc = make_doc(nlp, piece.text, published=published, outlet=outlet, author=author, title=title)
            yield doc, piece

    for doc, piece in nlp.pipe(unprocessed(), as_tuples=True, batch_size=PIPE_BATCH):
        yield piece, doc


def piece_claims(
    nlp: Language, document: Document, source_id: str, limit: int | None = None
) -> Iterator[list[Claim]]:
    """The claims of a long document, one list per piece, with spans and ids in whole-text offsets."""
    from pipeline.nlp.claims.component import doc_to_claims

    pieces_and_docs = piece_docs(
        nlp,
        document.text,
        published=document.published,
        outlet=document.outlet,
        author=document.author,
        title=document.title,
        limit=limit,
    )
    for piece, doc in pieces_and_docs:
        yield doc_to_claims(doc, source_id, offset=piece.offset)
