"""Bulk import of AVeriTeC-format fact-checks (claim, speaker, date, label, justification, QA evidence).

The whole file goes in as one transaction: claims in one batch, sources for
the fact-checking articles, one verdict per claim. Each label becomes our
rating (`LABELS`), the original label is kept on the verdict, the
justification is its rationale and the question/answer source URLs its
evidence URLs. Records already imported (same claim, speaker and date) and
records that cannot be read are skipped with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claims.errors import ClaimtrackError, SourceError
from claims.ids import content_hash, stable_id
from claims.jsonsafe import MAX_DEPTH, depth_exceeds, loads, too_deep_message
from claims.ledger import Ledger
from claims.models import Claim, Rating, Source
from claims.text import visible
from claims.urls import host_of, http_url
from reports.loosedates import parse_loose_date
from reports.models import FACTCHECK_KIND, ImportResult, SkippedItem

LABELS: dict[str, Rating] = {
    "supported": "true",
    "refuted": "false",
    "conflicting evidence/cherrypicking": "mixed",
    "not enough evidence": "unproven",
}
# Archive captures wrap the original URL; the fact-checker is the wrapped host.
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(https?://.+)$")
# A claim is a sentence or two; a record whose claim runs to megabytes is not one.
MAX_CLAIM_CHARS = 10_000


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    answer: str | None = None
    source_url: str | None = None


class Question(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question: str | None = None
    answers: list[Answer] = Field(default_factory=list)


class Record(BaseModel):
    """The fields of one AVeriTeC record that claimtrack uses."""

    model_config = ConfigDict(extra="ignore")

    claim: str | None = None
    speaker: str | None = None
    claim_date: str | None = None
    label: str | None = None
    justification: str | None = None
    fact_checking_article: str | None = None
    reporting_source: str | None = None
    questions: list[Question] | None = None


def evidence_urls(record: Record) -> list[str]:
    """The QA answers' source URLs, de-duplicated, in order."""
    out: list[str] = []
    for q in record.questions or []:
        for a in q.answers:
            url = http_url(a.source_url)
            if url and url not in out:
                out.append(url)
    return out


def fact_checker(url: str | None) -> str | None:
    """The host of the fact-checking article (looking through web.archive.org captures)."""
    if not url:
        return None
    match = _ARCHIVED.match(url.strip())
    host = host_of(match.group(1) if match else url.strip())
    return host.removeprefix("www.") if host else None


def load_records(path: Path) -> list[Any]:
    """The file's list of records; raises `SourceError` when it is not an AVeriTeC JSON list."""
    try:
        # Depth is checked per record (below), so one deep record does not cost the file.
        data = loads(path.read_text(encoding="utf-8-sig"), limit=None)
    except ClaimtrackError as exc:
        raise SourceError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    if not isinstance(data, list):
        raise SourceError(f"{path}: expected a JSON list of AVeriTeC records")
    return data


def import_averitec(ledger: Ledger, path: Path) -> ImportResult:
    """Import every usable record of an AVeriTeC file in one transaction."""
    records = load_records(path)
    result = ImportResult()
    name = str(path)
    claims: list[Claim] = []
    verdicts: list[tuple[str, Record, Rating]] = []
    sources: dict[str, Source] = {}
    with ledger.transaction() as conn:
        seen: dict[str, int] = {}
        for n, raw in enumerate(records):
            where = f"record {n}"
            if depth_exceeds(raw, MAX_DEPTH):
                result.skipped.append(SkippedItem(file=name, item=where, reason=too_deep_message()))
                continue
            try:
                record = Record.model_validate(raw)
            except ValidationError as exc:
                result.skipped.append(
                    SkippedItem(file=name, item=where, reason=f"unreadable record: {exc.errors()[0]['msg']}")
                )
                continue
            reason = _problem(record)
            if reason:
                result.skipped.append(SkippedItem(file=name, item=where, reason=reason))
                continue
            text = " ".join((record.claim or "").split())
            claim_date, _ = parse_loose_date(record.claim_date)
            claim_id = stable_id("c", "averitec", text, record.speaker or "", record.claim_date or "")
            if claim_id in seen:
                reason = f"same claim, speaker and date as record {seen[claim_id]}"
                result.skipped.append(SkippedItem(file=name, item=where, reason=reason))
                continue
            if ledger.claim_exists(claim_id, conn):
                result.skipped.append(SkippedItem(file=name, item=where, reason=f"already in the ledger as {claim_id}"))
                continue
            seen[claim_id] = n
            if record.claim_date and claim_date is None:
                result.notes.append(
                    SkippedItem(file=name, item=where, reason=f"unreadable claim_date {record.claim_date!r}")
                )
            try:
                claim = Claim(
                    id=claim_id, text=text, claimant=_clean(record.speaker), claim_date=claim_date, source_id=None
                )
            except ValidationError as exc:
                reason = f"unreadable record: {exc.errors()[0]['msg']}"
                result.skipped.append(SkippedItem(file=name, item=where, reason=reason))
                continue
            claim.source_id = _source_for(ledger, conn, record, sources)
            claims.append(claim)
            verdicts.append((claim_id, record, LABELS[(record.label or "").strip().casefold()]))
        for source in sources.values():
            ledger.add_source(source, conn)
        stored = ledger.add_claims(claims, conn)
        for claim_id, record, rating in verdicts:
            ledger.rate(
                claim_id,
                rating,
                rationale=_clean(record.justification),
                by=fact_checker(record.fact_checking_article),
                evidence=evidence_urls(record),
                label=(record.label or "").strip(),
                conn=conn,
            )
    result.imported = len(stored)
    result.claim_ids = [c.id for c in stored]
    return result


def _problem(record: Record) -> str | None:
    if not visible(record.claim):
        return "no claim text"
    if len(record.claim or "") > MAX_CLAIM_CHARS:
        return f"claim is {len(record.claim or ''):,} characters; a claim is at most {MAX_CLAIM_CHARS:,}"
    if not record.label:
        return "no label"
    if record.label.strip().casefold() not in LABELS:
        return f"unknown label {record.label!r}"
    return None


def _source_for(ledger: Ledger, conn: sa.Connection, record: Record, pending: dict[str, Source]) -> str | None:
    """The fact-checking article as a source, shared by claims that cite the same article."""
    url = http_url(record.fact_checking_article)
    if url is None:
        return None
    digest = content_hash(f"factcheck\x1f{url}")
    if digest in pending:
        return pending[digest].id
    existing = ledger.latest_revision(url, conn) or ledger.find_source(digest, conn)
    if existing is not None:
        return existing.id
    pending[digest] = Source(
        id=stable_id("s", digest), url=url, outlet=fact_checker(url), kind=FACTCHECK_KIND, text="", content_hash=digest
    )
    return pending[digest].id


def _clean(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None
