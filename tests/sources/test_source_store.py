"""Storing documents: content dedup, URL revisions, children with parent ids (both ledger backends)."""

from __future__ import annotations

from claims.ledger import Ledger
from sources import Document, already_stored, document_hash, store_document


def _article(text: str = "Body of the article.", url: str | None = "https://ex.example/a") -> Document:
    pingbacks = [
        Document(title="Same headline", outlet="Site A", published="2024-01-02T10:00", text="quoted", kind="pingback"),
        Document(title="Same headline", outlet="Site B", published="2024-01-02T11:00", text="quoted", kind="pingback"),
    ]
    return Document(title="Title", url=url, outlet="Outlet", published="2024-01-01", text=text, children=pingbacks)


def _store(ledger: Ledger, doc: Document):
    with ledger.transaction() as conn:
        return store_document(ledger, doc, conn=conn)


def test_add_then_unchanged(ledger: Ledger) -> None:
    first = _store(ledger, _article())
    assert first.outcome == "added"
    assert first.source.id.startswith("s") and first.source.revision_of is None
    assert [c.parent_id for c in first.children] == [first.source.id] * 2
    assert len({c.id for c in first.children}) == 2  # same excerpt, different sites: two sources
    assert [c.outlet for c in first.children] == ["Site A", "Site B"]
    again = _store(ledger, _article())
    assert again.outcome == "unchanged" and again.new_children == []
    assert again.source.id == first.source.id
    assert len(ledger.list_sources()) == 3


def test_changed_content_at_same_url_is_a_revision(ledger: Ledger) -> None:
    first = _store(ledger, _article())
    second = _store(ledger, _article("Body of the article, corrected."))
    assert second.outcome == "revised"
    assert second.source.revision_of == first.source.id
    assert second.new_children == []  # the pingbacks did not change
    third = _store(ledger, _article("Body, corrected twice."))
    assert third.source.revision_of == second.source.id
    ids = {s.id for s in ledger.list_sources()}
    assert {first.source.id, second.source.id, third.source.id} <= ids  # old revisions kept


def test_no_url_means_no_revision(ledger: Ledger) -> None:
    _store(ledger, _article(url=None))
    other = _store(ledger, _article("Different body.", url=None))
    assert other.outcome == "added" and other.source.revision_of is None


def test_new_comment_under_unchanged_article(ledger: Ledger) -> None:
    first = _store(ledger, _article())
    doc = _article()
    doc.children.append(Document(author="Reader", text="A new comment.", kind="comment", published="2024-01-03"))
    again = _store(ledger, doc)
    assert again.outcome == "unchanged"
    (new_id,) = again.new_children
    stored = ledger.get_source(new_id)
    assert (stored.kind, stored.parent_id, stored.author) == ("comment", first.source.id, "Reader")


def test_failed_transaction_leaves_nothing(ledger: Ledger) -> None:
    try:
        with ledger.transaction() as conn:
            store_document(ledger, _article(), conn=conn)
            raise RuntimeError("ingest failed after storing")
    except RuntimeError:
        pass
    assert ledger.list_sources() == []


def test_already_stored_needs_article_and_every_child(ledger: Ledger) -> None:
    assert already_stored(ledger, _article()) is None
    first = _store(ledger, _article())
    assert already_stored(ledger, _article()) == first.source.id
    doc = _article()
    doc.children.append(Document(author="Reader", text="Another comment.", kind="comment"))
    assert already_stored(ledger, doc) is None


def test_document_hash_tells_same_excerpt_from_different_sites_apart() -> None:
    a, b = _article().children
    assert document_hash(a) != document_hash(b)
    assert document_hash(_article()) == document_hash(_article().model_copy(update={"published": None}))
