"""Run our own test articles through the claim pipeline the way ingest does (no ledger)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from claims.dates import PartialDate
from claims.models import Claim
from pipeline.nlp.claims.component import doc_to_claims
from pipeline.nlp.context.docmeta import make_doc

ARTICLES = Path(__file__).with_name("claims_articles")
PUBLISHED = PartialDate("2025-06-12")
OUTLET = "Harbour Times"


def article_claims(nlp: Language) -> dict[str, list[Claim]]:
    """Claims of every test article; an HTML page's comment children are sources of their own."""
    from sources.html import read_html

    docs = []
    for path in sorted(ARTICLES.iterdir()):
        if path.suffix == ".txt":
            docs.append(make_doc(nlp, path.read_text(encoding="utf-8"), published=PUBLISHED, outlet=OUTLET,
                                 source_id=path.stem))  # fmt: skip
        elif path.suffix == ".html":
            page = read_html(path.read_text(encoding="utf-8"), path=str(path))
            docs.append(make_doc(nlp, page.text, published=page.published, outlet=page.outlet, author=page.author,
                                 source_id=path.stem))  # fmt: skip
            for k, child in enumerate(page.children):
                docs.append(make_doc(nlp, child.text, published=child.published, outlet=child.outlet,
                                     author=child.author, source_id=f"{path.stem}-child{k}"))  # fmt: skip
    return {doc._.source_id: doc_to_claims(doc) for doc in nlp.pipe(docs)}


def by_text(claims: list[Claim], fragment: str) -> Claim:
    """The one claim whose text contains `fragment`."""
    hits = [c for c in claims if fragment in c.text]
    assert len(hits) == 1, f"{len(hits)} claims contain {fragment!r}: {[c.text for c in claims]}"
    return hits[0]
