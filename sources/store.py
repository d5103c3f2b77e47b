"""Store a read `Document` and its children in the ledger: dedup by content, revisions by URL.

Ids are hashes of content, so ingesting the same article twice finds the
stored row and writes nothing. A top-level document whose URL is already in
the ledger with other content is a new revision: stored as a new source with
`revision_of` pointing at the previous one, which is kept. Children (comments,
pingbacks) are identified by their own content and metadata, so an unchanged
pingback under a revised article is not stored twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field

from claims.ids import content_hash, stable_id
from claims.ledger import Ledger
from claims.models import Source, is_http_url
from sources.document import Document

Outcome = Literal["added", "unchanged", "revised"]


class StoreResult(BaseModel):
    """What storing one document did. `children` lists every child source (new or already stored)."""

    model_config = ConfigDict(extra="forbid")

    outcome: Outcome
    source: Source
    children: list[Source] = Field(default_factory=list)
    new_children: list[str] = Field(default_factory=list, description="ids of children written by this call")


def document_hash(doc: Document) -> str:
    """Identity of a document's content.

    An article is its title and text (not metadata a CLI flag may change). A
    comment or pingback also counts its kind, site, author and time: two
    pingbacks may quote the same excerpt from different sites.
    """
    if doc.kind == "article":
        return content_hash(f"{doc.title or ''}\n\n{doc.text}")
    parts = [doc.kind, doc.title or "", doc.outlet or "", doc.author or "", str(doc.published or ""), doc.text]
    return content_hash("\x1f".join(parts))


def child_hash(doc: Document) -> str:
    """Identity of a child document (same as `document_hash`, kept for readability at call sites)."""
    return document_hash(doc)


def _source(doc: Document, digest: str, *, revision_of: str | None = None, parent_id: str | None = None) -> Source:
    return Source(
        id=stable_id("s", digest),
        title=doc.title,
        url=doc.url if is_http_url(doc.url) else None,  # a page's javascript: canonical URL is not kept
        outlet=doc.outlet,
        author=doc.author,
        published=doc.published,
        kind=doc.kind,
        text=doc.text,
        content_hash=digest,
        path=doc.path,
        revision_of=revision_of,
        parent_id=parent_id,
    )


def store_document(ledger: Ledger, doc: Document, *, conn: sa.Connection | None = None) -> StoreResult:
    """Store `doc` (and its children) in one transaction (the caller's `conn`); write nothing if already stored."""
    if conn is None:
        with ledger.transaction() as new:
            return store_document(ledger, doc, conn=new)
    digest = document_hash(doc)
    existing = ledger.find_source(digest, conn=conn)
    if existing is not None:
        outcome: Outcome = "unchanged"
        parent = existing
    else:
        previous = ledger.latest_revision(doc.url, conn=conn) if doc.url else None
        outcome = "revised" if previous is not None else "added"
        source = _source(doc, digest, revision_of=previous.id if previous is not None else None)
        if previous is not None and previous.created_at is not None:
            # The ledger orders revisions by created_at at one-second resolution; two revisions
            # stored within a second must still sort after the one they revise.
            now = dt.datetime.now(dt.UTC).replace(microsecond=0)
            source.created_at = max(now, previous.created_at + dt.timedelta(seconds=1))
        parent = ledger.add_source(source, conn=conn)
    children: list[Source] = []
    new_children: list[str] = []
    for child in doc.children:
        child_digest = child_hash(child)
        stored = ledger.find_source(child_digest, conn=conn)
        if stored is None:
            stored = ledger.add_source(_source(child, child_digest, parent_id=parent.id), conn=conn)
            new_children.append(stored.id)
        children.append(stored)
    return StoreResult(outcome=outcome, source=parent, children=children, new_children=new_children)


def already_stored(ledger: Ledger, doc: Document, *, conn: sa.Connection | None = None) -> str | None:
    """The stored id of `doc` when it and every child are stored already (so ingest can skip parsing)."""
    found = ledger.find_source(document_hash(doc), conn=conn)
    if found is None:
        return None
    if all(ledger.find_source(child_hash(child), conn=conn) is not None for child in doc.children):
        return found.id
    return None
