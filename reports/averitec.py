"""Reading AVeriTeC-format fact-checks (claim, speaker, date, label, justification, QA evidence).

Each record becomes an `ImportItem`: the claim, the fact-checking article as a
source, and a verdict. Each label becomes our rating (`LABELS`), the original
label is kept on the verdict, the justification is its rationale and the
question/answer source URLs its evidence URLs. Records that cannot be read are
skipped with the reason.

Parsing only: `pipeline.importers.import_averitec` stores a whole file in one
transaction, skipping records already imported (same claim, speaker and date).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claims.errors import ClaimtrackError, SourceError
from claims.ids import content_hash, stable_id
from claims.jsonsafe import MAX_DEPTH, depth_exceeds, loads, too_deep_message
from claims.models import Claim, Rating, Source
from claims.text import visible
from claims.urls import host_of, http_url
from reports.loosedates import parse_loose_date
from reports.models import FACTCHECK_KIND, ImportItem, SkippedItem

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


def averitec_entries(path: Path) -> list[ImportItem | SkippedItem]:
    """Every record of an AVeriTeC file as an item to store, or why it was skipped, in file order.

    Raises `SourceError` when the file is not an AVeriTeC JSON list.
    """
    name = str(path)
    out: list[ImportItem | SkippedItem] = []
    for n, raw in enumerate(load_records(path)):
        where = f"record {n}"
        if depth_exceeds(raw, MAX_DEPTH):
            out.append(SkippedItem(file=name, item=where, reason=too_deep_message()))
            continue
        try:
            record = Record.model_validate(raw)
        except ValidationError as exc:
            out.append(SkippedItem(file=name, item=where, reason=f"unreadable record: {exc.errors()[0]['msg']}"))
            continue
        reason = _problem(record)
        if reason:
            out.append(SkippedItem(file=name, item=where, reason=reason))
            continue
        try:
            out.append(record_item(record, name, where))
        except ValidationError as exc:  # a claim field the ledger would refuse (a date out of range...)
            out.append(SkippedItem(file=name, item=where, reason=f"unreadable record: {exc.errors()[0]['msg']}"))
    return out


def record_item(record: Record, file: str, where: str) -> ImportItem:
    """One usable record (see `_problem`) as the claim, source and verdict to store."""
    text = " ".join((record.claim or "").split())
    claim_date, _ = parse_loose_date(record.claim_date)
    notes = [f"unreadable claim_date {record.claim_date!r}"] if record.claim_date and claim_date is None else []
    source = _source(record)
    claim = Claim(
        id=stable_id("c", "averitec", text, record.speaker or "", record.claim_date or ""),
        text=text,
        claimant=_clean(record.speaker),
        claim_date=claim_date,
        source_id=source.id if source else None,
    )
    return ImportItem(
        file=file,
        item=where,
        claim=claim,
        source=source,
        rating=LABELS[(record.label or "").strip().casefold()],
        label=(record.label or "").strip(),
        rationale=_clean(record.justification),
        by=fact_checker(record.fact_checking_article),
        evidence=evidence_urls(record),
        notes=notes,
    )


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


def _source(record: Record) -> Source | None:
    """The fact-checking article as a source, the same for every claim that cites it."""
    url = http_url(record.fact_checking_article)
    if url is None:
        return None
    digest = content_hash(f"factcheck\x1f{url}")
    return Source(
        id=stable_id("s", digest), url=url, outlet=fact_checker(url), kind=FACTCHECK_KIND, text="", content_hash=digest
    )


def _clean(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None
