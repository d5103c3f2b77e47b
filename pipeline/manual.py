"""Claims logged by hand (`claimtrack claims add`, the web desk's form).

A hand-logged claim may cite a source by URL and/or title. The source is found
(the latest revision at that URL, or one logged by hand before with the same
URL and title) or created as a `manual` source without text, so logging
several claims from one article keeps them on one source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from claims.dates import PartialDate
from claims.errors import InvalidInput
from claims.ids import content_hash, random_id, stable_id
from claims.ledger import Ledger
from claims.models import Claim, Source
from claims.text import visible

if TYPE_CHECKING:
    from spacy.language import Language


def manual_claim(
    text: str, claimant: str, *, role: str | None = None, date: PartialDate | str | None = None
) -> Claim:
    """A claim typed in by a person, checked before anything is opened or stored.

    Raises `InvalidInput` for empty text or claimant and `InvalidDate` for an unreadable date.
    """
    if not visible(text):
        raise InvalidInput("claim text is empty (no visible characters)")
    if not visible(claimant):
        raise InvalidInput("claimant is empty (no visible characters)")
    claim_date = PartialDate.parse(date) if date not in (None, "") else None
    return Claim(text=text, claimant=claimant.strip(), claimant_role=role, claim_date=claim_date)


def log_claim(
    ledger: Ledger,
    claim: Claim,
    *,
    source_url: str | None = None,
    source_title: str | None = None,
    source_id: str | None = None,
    link: bool = True,
    nlp: Language | None = None,
    model: str | None = None,
) -> Claim:
    """Store a hand-logged claim with the source it cites, in one transaction; returns it as stored.

    `source_id` (an id or unique prefix of a stored source, e.g. an ingested article) attaches the claim to
    that source rather than creating a duplicate; it cannot be combined with `source_url`/`source_title`.
    Raises `UnknownId` when no source has that id.

    With `link`, the claim goes the way an ingested claim goes: annotated
    (entities, lemmas, polarity: `pipeline.annotate`) and stored through
    `link_new_claims`, so it is linked to the claims it bears on (automatic
    links, or suggestions to review), and a repeat of the same claimant's
    earlier claim becomes an appearance of it; the claim returned is then that
    earlier claim. `nlp` (a loaded spaCy model) or `model` (its name) choose the parser.
    """
    if source_id and (source_url or source_title):
        raise InvalidInput("give either a source id or a source URL/title, not both")
    with ledger.transaction() as conn:
        if source_id:
            claim = claim.model_copy(update={"source_id": ledger.source_id(source_id, conn=conn)})
        elif source_url or source_title:
            claim = claim.model_copy(update={"source_id": manual_source(ledger, conn, source_url, source_title)})
        if not link:
            return ledger.add_claim(claim, conn=conn)
        from pipeline.annotate import annotate_claims
        from pipeline.linking.link import link_new_claims

        claim = claim if claim.id else claim.model_copy(update={"id": random_id("c")})
        linked = link_new_claims(ledger, annotate_claims([claim], nlp=nlp, model=model), conn=conn)
        kept = linked.merged_into.get(claim.id or "", claim.id or "")
        return ledger.get_claim(kept, conn=conn)


def manual_source(ledger: Ledger, conn: sa.Connection, url: str | None, title: str | None) -> str:
    """The id of the source a hand-logged claim cites: found by URL or by (URL, title), else created."""
    if url:
        existing = ledger.latest_revision(url, conn=conn)
        if existing is not None:
            return existing.id
    digest = content_hash(f"{url or ''}\n{title or ''}")
    found = ledger.find_source(digest, conn=conn)
    if found is not None:
        return found.id
    source = Source(id=stable_id("s", digest), title=title, url=url, kind="manual", text="", content_hash=digest)
    return ledger.add_source(source, conn=conn).id


__all__ = ["log_claim", "manual_claim", "manual_source"]
