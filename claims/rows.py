"""Row ↔ model conversion: the one place that knows how a model is laid out in its table.

Dates are stored as text (`PartialDate` strings and ISO instants), lists as JSON
text, so both backends store the same values. Also the small helpers every
store module shares: the clock, chunking of id lists, and pausing the garbage
collector while hydrating many claims.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from claims.dates import PartialDate
from claims.models import Claim, Evidence, Link, Source, Verdict, is_http_url
from claims.status import claimant_key

# Ids per IN-list (or array parameter): well under SQLite's variable limit on every build.
CHUNK = 500

T = TypeVar("T")


def now() -> dt.datetime:
    """The current UTC time to the second (what every stored timestamp records)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def iso(value: dt.datetime | None) -> str:
    """A stored timestamp: `value`, or now."""
    return (value or now()).isoformat()


def parse_dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def parse_pd(value: str | None) -> PartialDate | None:
    return PartialDate(value) if value else None


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """`items` in slices of `size`, so id lists stay within every backend's parameter limits."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off the cyclic garbage collector while building many objects at once.

    Hydrating thousands of claims allocates hundreds of thousands of small
    objects, and the allocation bursts trigger collections that walk the whole
    (growing) heap again and again: a fifth of a report's time on a
    million-claim ledger. Nothing is lost by collecting later (cycles, if any,
    are found by the next full collection).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Promote what was built to the oldest generation (freeze + unfreeze) first: left in the youngest,
            # it would all be walked by the very next collection, which is most of what pausing saved.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def claim_row(claim: Claim) -> dict[str, Any]:
    """The claims-table row for a claim (also used by bulk loaders)."""
    date = claim.claim_date
    return {
        "id": claim.id,
        "text": claim.text,
        "claimant": claim.claimant,
        "claimant_key": claimant_key(claim.claimant),
        "claimant_role": claim.claimant_role,
        "claim_date": str(date) if date else None,
        "date_start": date.start.isoformat() if date else None,
        "date_end": date.end.isoformat() if date else None,
        "event_dates": json.dumps([str(d) for d in claim.event_dates]),
        "polarity": claim.polarity,
        "quote": claim.quote,
        "source_id": claim.source_id,
        "span_start": claim.span[0] if claim.span else None,
        "span_end": claim.span[1] if claim.span else None,
        "entities": json.dumps(sorted(set(claim.entities))),
        "checkworthiness": claim.checkworthiness,
        "cue": claim.cue,
        "lemmas": " ".join(claim.lemmas),
        "status": claim.status,
        "created_at": iso(claim.created_at),
        "retracted": int(claim.retracted),
        "merged_into": claim.merged_into,
    }


def to_claim(row: Any, **extra: Any) -> Claim:
    """A claim from its row; `extra` sets the fields read from other tables (verdict, source, links...)."""
    span = (row["span_start"], row["span_end"]) if row["span_start"] is not None else None
    return Claim(
        id=row["id"],
        text=row["text"],
        claimant=row["claimant"],
        claimant_role=row["claimant_role"],
        claim_date=parse_pd(row["claim_date"]),
        event_dates=[PartialDate(d) for d in json.loads(row["event_dates"] or "[]")],
        polarity=row["polarity"],
        quote=row["quote"],
        source_id=row["source_id"],
        span=span,
        entities=json.loads(row["entities"] or "[]"),
        checkworthiness=row["checkworthiness"],
        cue=row["cue"],
        lemmas=(row["lemmas"] or "").split(),
        status=row["status"],
        created_at=parse_dt(row["created_at"]),
        retracted=bool(row.get("retracted", 0)),
        merged_into=row.get("merged_into"),
        **extra,
    )


def source_row(source: Source, created: dt.datetime) -> dict[str, Any]:
    """The sources-table row for a source."""
    return {
        "id": source.id,
        "title": source.title,
        "url": source.url,
        "outlet": source.outlet,
        "author": source.author,
        "published": str(source.published) if source.published else None,
        "published_start": source.published.start.isoformat() if source.published else None,
        "parent_id": source.parent_id,
        "kind": source.kind,
        "text": source.text,
        "content_hash": source.content_hash,
        "revision_of": source.revision_of,
        "path": source.path,
        "created_at": iso(created),
    }


def to_source(row: Any) -> Source:
    """A source from its row (`text` may be left out of the query: listings do not need it)."""
    return Source(
        id=row["id"],
        title=row["title"],
        url=row["url"] if is_http_url(row["url"]) else None,  # an older ledger may hold a javascript: URL
        outlet=row["outlet"],
        author=row["author"],
        published=parse_pd(row["published"]),
        parent_id=row["parent_id"],
        kind=row["kind"],
        text=row.get("text") or "",
        content_hash=row["content_hash"],
        revision_of=row["revision_of"],
        path=row["path"],
        created_at=parse_dt(row["created_at"]),
    )


def verdict_row(verdict: Verdict) -> dict[str, Any]:
    """The verdicts-table row for a verdict."""
    return {
        "claim_id": verdict.claim_id,
        "rating": verdict.rating,
        "label": verdict.label,
        "rationale": verdict.rationale,
        "by": verdict.by,
        "at": iso(verdict.at),
        "evidence": json.dumps(verdict.evidence),
        "review_url": verdict.review_url,
        "review_title": verdict.review_title,
        "published": verdict.published.isoformat() if verdict.published else None,
    }


def to_verdict(row: Any) -> Verdict:
    return Verdict(
        claim_id=row["claim_id"],
        rating=row["rating"],
        rationale=row["rationale"],
        by=row["by"],
        at=parse_dt(row["at"]),
        evidence=[u for u in json.loads(row["evidence"] or "[]") if is_http_url(u)],
        label=row["label"],
        review_url=row.get("review_url") if is_http_url(row.get("review_url")) else None,
        review_title=row.get("review_title"),
        published=dt.date.fromisoformat(row["published"]) if row.get("published") else None,
    )


def link_row(link: Link) -> dict[str, Any]:
    """The link_events / links row for a link event."""
    return {
        "from_id": link.from_id,
        "to_id": link.to_id,
        "stance": link.stance,
        "origin": link.origin,
        "rejected": int(link.rejected),
        "note": link.note,
        "reason": reason_json(link.reason),
        "by": link.by,
        "at": iso(link.at),
    }


def reason_json(reason: dict[str, Any] | None) -> str | None:
    """How a link's reason is stored: canonical JSON, so equal reasons compare equal as text."""
    return json.dumps(reason, sort_keys=True) if reason else None


def to_link(row: Any) -> Link:
    return Link(
        from_id=row["from_id"],
        to_id=row["to_id"],
        stance=row["stance"],
        origin=row["origin"],
        rejected=bool(row["rejected"]),
        removed=bool(row.get("removed") or 0),  # link_events only
        note=row["note"],
        reason=json.loads(row["reason"]) if row["reason"] else None,
        by=row["by"],
        at=parse_dt(row["at"]),
    )


def to_evidence(row: Any, claim_id: str, other: Claim) -> Evidence:
    """The evidence a links row gives `claim_id`: the claim at the other end, with the link's stance."""
    return Evidence(
        claim=other,
        stance=row["stance"],
        origin=row["origin"],
        direction="from" if row["to_id"] == claim_id else "to",
        reason=json.loads(row["reason"]) if row["reason"] else None,
        note=row["note"],
    )


def evidence_key(e: Evidence) -> tuple[int, str, str]:
    """Evidence in claim-date order, undated last, then by id (stable across backends)."""
    date = e.claim.claim_date
    return (0 if date else 1, date.sort_key() if date else "", e.claim.id)
