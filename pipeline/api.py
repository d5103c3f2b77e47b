"""The short Python API: what a notebook, the command line, the web desk and the importers call.

    from pipeline import Ledger, build_nlp, extract_claims, ingest_documents

    claims = extract_claims(text, published="2023-03-10", outlet="Harbour Herald")   # no ledger needed
    with Ledger("sqlite:///desk.db") as ledger:
        ingest_documents(ledger, [Document(text=text, published="2023-03-10")])
        ledger.rate(claims[0].id, "false", rationale="...")
        ledger.claims(ClaimFilter(status="disputed"))

Settings are parameters: nothing here reads the environment (the command line
does, once, in `pipeline.cli.settings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import Claim, ClaimFilter
from pipeline.annotate import annotate_claims
from pipeline.ingest import IngestOptions, IngestResult, ingest_documents, ingest_paths, nlp_for
from pipeline.manual import log_claim
from sources.document import Document

if TYPE_CHECKING:
    from spacy.language import Language


def build_nlp(*, model: str | None = None, min_checkworthiness: float | None = None) -> Language:
    """The full claimtrack spaCy pipeline (built once per process and settings, then shared).

    `model` names the spaCy model package or path (default: the installed
    English model); `min_checkworthiness` replaces the claim component's
    default threshold for the author's own sentences.
    """
    return nlp_for(IngestOptions(model=model, min_checkworthiness=min_checkworthiness))


def extract_claims(
    text: str,
    *,
    published: PartialDate | str | None,
    outlet: str | None = None,
    author: str | None = None,
    title: str | None = None,
    nlp: Language | None = None,
) -> list[Claim]:
    """The dated, attributed claims of one text, without a ledger.

    `published` is the publication date relative dates resolve against ("last
    week"); pass None explicitly when it is unknown. Claim ids are stable for
    the same text; the claims have no source id.
    """
    from pipeline.nlp.claims.component import doc_to_claims
    from pipeline.nlp.context.docmeta import make_doc

    nlp = nlp or build_nlp()
    date = PartialDate.parse(published) if published not in (None, "") else None
    doc = nlp(make_doc(nlp, text, published=date, outlet=outlet, author=author, title=title))
    return doc_to_claims(doc)


__all__ = [
    "Claim",
    "ClaimFilter",
    "Document",
    "IngestOptions",
    "IngestResult",
    "Ledger",
    "annotate_claims",
    "build_nlp",
    "extract_claims",
    "ingest_documents",
    "ingest_paths",
    "log_claim",
]
