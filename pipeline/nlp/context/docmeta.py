"""Document-level context the NLP components read: publication date, outlet, author, title.

Ingest creates each `Doc` with `make_doc` and sets these before the pipeline
runs, so components never reach for the clock or the ledger: "now" is always
the source's publication date.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claims.dates import PartialDate
from pipeline.nlp.extensions import register_extensions

register_extensions()  # Doc._.published, outlet, author, title, source_id


def make_doc(
    nlp: Language,
    text: str,
    *,
    published: PartialDate | None = None,
    outlet: str | None = None,
    author: str | None = None,
    title: str | None = None,
    source_id: str | None = None,
) -> Doc:
    """Tokenise `text` and attach the source's metadata; run the pipeline with `nlp(doc)`/`nlp.pipe(docs)`."""
    doc = nlp.make_doc(text)
    doc._.published = str(published) if published else None
    doc._.outlet = outlet
    doc._.author = author
    doc._.title = title
    doc._.source_id = source_id
    return doc


def published_of(doc: Doc) -> PartialDate | None:
    """The document's publication date as a PartialDate (stored as a string so docs pickle cleanly)."""
    return PartialDate(doc._.published) if doc._.published else None
