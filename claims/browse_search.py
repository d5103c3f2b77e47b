"""Full-text search pages (`claims search` and the desk's `q`), bounded: only the newest matches are ranked.

Split from `claims.browse`, whose filter conditions (built on `claim_store.filter_conditions`) it reuses.
"""

from __future__ import annotations

import sqlalchemy as sa

from claims import index, schema
from claims.browse import BrowseFilter, _newest, conditions
from claims.errors import InvalidInput
from claims.index.fulltext import match, match_count, matching_docs, tail_docs
from claims.rows import chunks

SEARCH_RANK_CAP = 500  # a search ranks at most this many matches: the newest (claim date) that pass the filters


class SearchHits(list[tuple[str, float]]):
    """`search_page`'s (id, score) rows, and whether only the newest `SEARCH_RANK_CAP` matches were ranked."""

    capped: bool = False
    matches: int | None = None  # the word's matches in the whole ledger, before filters (SQLite counts them)
    newest_by: str = "claim date"  # what "newest" means on this backend (SQLite: "time added")


def search_page(flt: BrowseFilter, *, conn: sa.Connection) -> SearchHits:
    """(id, score) of one page of the claims whose text matches `flt.text`, best first (limit + 1 rows).

    The one search both `claims search` and the desk run, bounded: FTS5's bm25
    and PostgreSQL's ts_rank would otherwise score every match of a common word
    (33,000 at a million claims) before the first row returns. Only the newest
    `SEARCH_RANK_CAP` matches that pass the filters are scored and sorted:
    on PostgreSQL the newest by claim date (then id), read from the date index;
    on SQLite the most recently indexed, read from the end of FTS5's doclist,
    which scores only the rows it returns (scoring claims chosen by date would
    re-read the doclist for each). A word with fewer matches is ranked whole, as
    before; otherwise `SearchHits.capped` tells the page to say so.
    """
    text = flt.text or ""
    if not any(ch.isalnum() for ch in text):
        raise InvalidInput("search text is empty: give at least one word")
    t = schema.claims
    need = flt.offset + flt.limit + 1
    if conn.dialect.name == "sqlite":
        scores, _read = _newest_indexed(flt, conds_of(flt, conn), text, conn)
        capped = len(scores) >= SEARCH_RANK_CAP
    else:
        ids = _newest_matches(flt, text, conn)
        scores = {}
        if ids:
            _cond, rank, frm = match(conn, t, text)
            query = sa.select(t.c.id, rank).select_from(frm).where(t.c.id.in_(ids))
            scores = {r[0]: float(r[1]) for r in conn.execute(query)}
        capped = len(ids) >= SEARCH_RANK_CAP
    ranked = sorted(scores.items(), key=lambda hit: (-hit[1], hit[0]))
    hits = SearchHits(ranked[flt.offset : need])
    hits.capped = capped
    hits.newest_by = "time added" if conn.dialect.name == "sqlite" else "claim date"
    if capped and conn.dialect.name == "sqlite":
        hits.matches = match_count(conn, text)
    return hits


def _newest_matches(flt: BrowseFilter, text: str, conn: sa.Connection) -> list[str]:
    """The ids of the `SEARCH_RANK_CAP` newest (claim date, id) claims matching `flt` and its text (PostgreSQL).

    With no filter but status, the planner walks the date index (or the status's), testing each claim's
    stored vector, when its statistics of the vector say the word is common, and reads the GIN index when
    rare. A claimant, entity or other filter it cannot read from an index makes that walk long (it assumes
    the filters independent), so then the sort keys are written as expressions no index gives: the text's
    matches are fetched once from the GIN index and sorted.
    """
    t = schema.claims
    cond, _rank, frm = match(conn, t, text)
    keys = _newest(t, conn)
    if _filtered(flt.model_copy(update={"status": None})):
        keys = [t.c.date_start.op("||")("").desc().nulls_last(), t.c.id.op("||")("").desc()]
    query = sa.select(t.c.id).select_from(frm).where(cond, *conds_of(flt, conn)).order_by(*keys)
    return [r[0] for r in conn.execute(query.limit(SEARCH_RANK_CAP))]


def conds_of(flt: BrowseFilter, conn: sa.Connection) -> list[sa.ColumnElement[bool]]:
    """The WHERE conditions of `flt` without its text (the search reads the text from its own index)."""
    return conditions(flt.model_copy(update={"text": None}), conn=conn)[0]


def _newest_indexed(
    flt: BrowseFilter, conds: list[sa.ColumnElement[bool]], text: str, conn: sa.Connection
) -> tuple[dict[str, float], int]:
    """(id -> bm25 score) of the `SEARCH_RANK_CAP` most recently indexed matches that pass `conds` (SQLite).

    FTS5 reads a word's doclist from its end (`ORDER BY rowid DESC`) and computes bm25 only for the rows it
    returns, so a batch costs its own size; each batch's claims are tested against the filters in one query,
    and batches grow until the cap is reached. Scoring chosen documents by `rowid IN (...)` instead re-reads
    the doclist per document (seconds); by claim date, the newest matches are scattered over the doclist.
    """
    docs, t = index.claim_docs, schema.claims
    scores, done = _tail_batches(conds, text, conn, most=None if not _filtered(flt) else SEARCH_RANK_CAP)
    if done:  # the filters kept enough of the newest few thousand matches (or the word has no more)
        return scores, len(scores)
    # A selective filter: find its matching claims first (its index), then score only them.
    # With a status (an index of its own), `doc + 0` makes SQLite read the status's claims and test each one's
    # document against the match set FTS5 lists once, unranked; otherwise each match is looked up and tested.
    query = (sa.select(docs.c.doc, t.c.id).select_from(t.join(docs, docs.c.claim_id == t.c.id))
             .where(*conds, (docs.c.doc + 0 if flt.status else docs.c.doc).in_(matching_docs(text)))
             .order_by(docs.c.doc.desc()).limit(SEARCH_RANK_CAP))
    kept: dict[int, str] = {int(doc): cid for doc, cid in conn.execute(query)}
    if not kept:
        return {}, 0
    # One backward read of the doclist down to the oldest kept document, scoring only those rows.
    rows = tail_docs(conn, text, below=None, limit=-1, at_least=min(kept))
    return {kept[int(doc)]: float(score) for doc, score in rows if int(doc) in kept}, len(kept)


def _filtered(flt: BrowseFilter) -> bool:
    """Whether `flt` narrows beyond live claims (then its claims are found first, and only they are scored)."""
    keep = {"text", "sort", "limit", "offset", "include_retracted"}
    return any(getattr(flt, name) != field.default for name, field in BrowseFilter.model_fields.items()
               if name not in keep)


def _tail_batches(
    conds: list[sa.ColumnElement[bool]], text: str, conn: sa.Connection, *, most: int | None
) -> tuple[dict[str, float], bool]:
    """The doclist's last rows, scored as read, in growing batches until `SEARCH_RANK_CAP` of them pass
    `conds`, the doclist ends (then True) or `most` rows were read (then False: the filters are selective)."""
    docs, t = index.claim_docs, schema.claims
    joined = docs.join(t, t.c.id == docs.c.claim_id)
    scores: dict[str, float] = {}
    below, size, read = None, SEARCH_RANK_CAP, 0
    while len(scores) < SEARCH_RANK_CAP:
        batch = [(int(d), float(s)) for d, s in tail_docs(conn, text, below=below, limit=size)]
        read += len(batch)
        hits: dict[int, str] = {
            doc: cid
            for part in chunks([doc for doc, _ in batch], 5000)  # SQLite allows 32766 parameters
            for doc, cid in conn.execute(sa.select(docs.c.doc, t.c.id).select_from(joined)
                                         .where(docs.c.doc.in_(part), *conds))
        }
        for doc, score in batch:
            if doc in hits and len(scores) < SEARCH_RANK_CAP:
                scores[hits[doc]] = score
        if len(batch) < size:
            return scores, True
        if most is not None and read >= most:
            return scores, len(scores) >= SEARCH_RANK_CAP
        below, size = batch[-1][0], size * 4
    return scores, True
