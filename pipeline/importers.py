"""Importing fact-checks (ClaimReview, AVeriTeC) into the ledger through the same path as ingest.

`reports/` parses the files into `ImportItem`s (a claim, the fact-check page as
a source, a verdict) without touching a ledger
(`reports.claimreview_import.claimreview_entries`,
`reports.averitec.averitec_entries`); the caller (the command line, a
notebook) hands them to `import_items`, which stores them:
annotate (entities, lemmas, polarity, so retrieval finds the claims) → store →
link to the claims already in the ledger (`link_new_claims`, as ingest does) →
rate. A linked claim may turn out to repeat one already stored by the same
claimant; it is then merged, and the verdict lands on the claim that remains.

Every importer follows one rule (`import_files`): a file is parsed and checked
whole before anything is written, bad items are skipped with their reason, and
a file's good items go in one transaction, so a database error costs that file
alone and never leaves half a record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from claims.errors import ClaimtrackError
from claims.imports import ImportItem, ImportResult, SkippedItem
from claims.ledger import Ledger
from claims.models import Claim, Source

if TYPE_CHECKING:
    from spacy.language import Language


def import_files(
    ledger: Ledger,
    paths: Iterable[Path],
    parse: Callable[[Path], Iterable[ImportItem | SkippedItem]],
    *,
    link: bool = False,
    nlp: Language | None = None,
    model: str | None = None,
) -> ImportResult:
    """Import several files with the rule every importer follows (README, "ClaimReview and AVeriTeC").

    Each file is parsed and checked whole before anything of it is written; bad
    items are skipped with their reason; a file's good items go in one
    transaction, so a database error costs that file alone, reported with item
    "file", and the other files still go in.
    """
    total = ImportResult()
    for path in paths:
        entries = list(parse(path))
        try:
            result = import_items(ledger, entries, one_transaction=True, link=link, nlp=nlp, model=model)
        except (sa.exc.SQLAlchemyError, ClaimtrackError) as exc:
            first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
            total.skipped.append(SkippedItem(file=str(path), item="file", reason=f"nothing imported: {first}"))
            continue
        total.imported += result.imported
        total.claim_ids += result.claim_ids
        total.skipped += result.skipped
        total.notes += result.notes
    return total


def import_items(
    ledger: Ledger,
    entries: Iterable[ImportItem | SkippedItem],
    *,
    one_transaction: bool = False,
    link: bool = False,
    nlp: Language | None = None,
    model: str | None = None,
) -> ImportResult:
    """Store parsed fact-checks, skipping those already in the ledger; report what was skipped and why.

    `entries` come from a parser in `reports/`, in file order; skipped entries
    are reported in that order. Each item goes in its own transaction, or all
    of them in one with `one_transaction=True` (then a repeat of an earlier
    item of the batch is skipped too). With `link=True` each claim is annotated
    with the spaCy model (`nlp`, else `model` loaded once) and linked to
    matching claims already in the ledger, as ingest links.
    """
    result = ImportResult()
    if one_transaction:
        with ledger.transaction() as conn:
            accepted: list[ImportItem] = []
            seen: dict[str, str] = {}
            for entry in entries:
                if isinstance(entry, SkippedItem):
                    result.skipped.append(entry)
                else:
                    accepted.extend(_accept(ledger, conn, [entry], result, seen))
            store_items(ledger, conn, accepted, result, link=link, nlp=nlp, model=model)
        return result
    for entry in entries:
        if isinstance(entry, SkippedItem):
            result.skipped.append(entry)
            continue
        with ledger.transaction() as conn:
            store_items(ledger, conn, _accept(ledger, conn, [entry], result), result, link=link, nlp=nlp, model=model)
    return result


def _accept(
    ledger: Ledger,
    conn: sa.Connection,
    items: Sequence[ImportItem],
    result: ImportResult,
    seen: dict[str, str] | None = None,
) -> list[ImportItem]:
    """The items to store: not taken earlier in this batch (`seen`, updated) nor in the ledger; notes recorded."""
    seen = {} if seen is None else seen
    out: list[ImportItem] = []
    for item in items:
        cid = item.claim.id
        assert cid is not None  # the parsers give every imported claim a stable id
        if cid in seen:
            reason = f"same claim, speaker and date as {seen[cid]}"
        elif ledger.claim_exists(cid, conn=conn):
            reason = f"already in the ledger as {cid}"
        else:
            seen[cid] = item.item
            out.append(item)
            result.notes.extend(SkippedItem(file=item.file, item=item.item, reason=n) for n in item.notes)
            continue
        result.skipped.append(SkippedItem(file=item.file, item=item.item, reason=reason))
    return out


def store_items(
    ledger: Ledger,
    conn: sa.Connection,
    items: Sequence[ImportItem],
    result: ImportResult,
    *,
    link: bool = False,
    nlp: Language | None = None,
    model: str | None = None,
) -> list[str]:
    """Store sources, claims (annotated and linked when `link`) and verdicts inside `conn`'s transaction.

    Returns the ids of the rated claims (a merged claim's survivor) and counts them in `result`.
    """
    if not items:
        return []
    pending: dict[str, Source] = {}
    claims = [
        item.claim.model_copy(update={"source_id": _source_id(ledger, conn, item.source, pending)})
        if item.source is not None
        else item.claim
        for item in items
    ]
    for source in pending.values():
        ledger.add_source(source, conn=conn)
    merged: dict[str, str] = {}
    if link:
        from pipeline.annotate import annotate_claims
        from pipeline.linking.link import link_new_claims

        merged = dict(link_new_claims(ledger, annotate_claims(claims, nlp=nlp, model=model), conn=conn).merged_into)
    else:
        ledger.add_claims(claims, conn=conn)
    rated: list[str] = []
    for item, claim in zip(items, claims, strict=True):
        target = merged.get(claim.id or "", claim.id or "")
        ledger.rate(
            target,
            item.rating,
            rationale=item.rationale,
            by=item.by,
            evidence=item.evidence,
            label=item.label,
            at=item.at,
            conn=conn,
        )
        rated.append(target)
    result.imported += len(items)
    result.claim_ids.extend(rated)
    return rated


def _source_id(ledger: Ledger, conn: sa.Connection, source: Source, pending: dict[str, Source]) -> str:
    """The stored source for a fact-check page: the latest revision at its URL, the same content, or `source`."""
    digest = source.content_hash or source.id
    if digest in pending:
        return pending[digest].id
    existing = (ledger.latest_revision(source.url, conn=conn) if source.url else None) or (
        ledger.find_source(digest, conn=conn) if source.content_hash else None
    )
    if existing is not None:
        return existing.id
    pending[digest] = source
    return source.id


def imported_claims(ledger: Ledger, result: ImportResult) -> list[Claim]:
    """The claims an import rated, as stored now (for JSON output or a notebook)."""
    return ledger.hydrate_ids(list(dict.fromkeys(result.claim_ids))) if result.claim_ids else []


__all__ = ["import_items", "imported_claims", "store_items"]
