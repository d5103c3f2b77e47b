"""The report shapes: what the builders return and every renderer reads.

A report is built once as pydantic models and rendered per format, so the
Markdown, HTML, CSV and JSON versions can never disagree. The claim objects
extend the JSON claim object of the command line (the ledger's `Claim` without
its internal retrieval fields), so `report disputed --format json` keeps the
shape scripts already parse.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

# What an import parses and reports lives in claims/ (reports/ parses it, pipeline/ stores it).
from claims.imports import ImportItem as ImportItem
from claims.imports import ImportResult as ImportResult
from claims.imports import SkippedItem as SkippedItem
from claims.models import Claim, Origin, Stance, Verdict

# The source kind importers give fact-check pages: such a claim's source is the
# review itself, so its URL is the ClaimReview `url` on export.
FACTCHECK_KIND = "factcheck"


class ReportClaim(Claim):
    """The JSON claim object: a ledger claim minus internal retrieval fields."""

    lemmas: list[str] = Field(default_factory=list, exclude=True)

    @classmethod
    def of(cls, claim: Claim, **extra: Any) -> Self:
        """Build this model (or a subclass) from a hydrated ledger claim.

        The claim's own field values are passed as they are (nested models too):
        `model_dump()` would turn them into dicts only for validation to rebuild
        them, which dominated a report over thousands of claims.
        """
        return cls(**{name: getattr(claim, name) for name in type(claim).__pydantic_fields__}, **extra)


class EvidenceItem(ReportClaim):
    """A linked claim as evidence: the other claim plus how the link bears on this one.

    `direction` is "from" when the other claim points at this one (it is the
    answer: "B contradicts A"), "to" when this claim points at it.
    """

    stance: Stance
    origin: Origin
    direction: Literal["from", "to"]
    reason: dict[str, Any] | None = None
    note: str | None = None


class DisputedClaim(ReportClaim):
    """One thread of the disputed report: the claim, its evidence in date order, its verdicts."""

    evidence: list[EvidenceItem] = Field(default_factory=list)
    verdict_history: list[Verdict] = Field(default_factory=list)


class ReportFilters(BaseModel):
    """The selection a report was built with, echoed in its header."""

    model_config = ConfigDict(extra="forbid")

    since: str | None = None
    until: str | None = None
    entity: str | None = None
    claimant: str | None = None
    include_rated: bool = False


class DisputedReport(BaseModel):
    """`report disputed`: every disputed claim with its evidence for and against."""

    model_config = ConfigDict(extra="forbid")

    generated_at: dt.datetime
    filters: ReportFilters = Field(default_factory=ReportFilters)
    claims: list[DisputedClaim] = Field(default_factory=list)


class Count(BaseModel):
    """One row of a roll-up: a key (status, month, name, rating) and how many."""

    model_config = ConfigDict(extra="forbid")

    key: str
    count: int


class StatusReport(BaseModel):
    """`report status`: where the ledger stands, in counts."""

    model_config = ConfigDict(extra="forbid")

    generated_at: dt.datetime
    total: int = 0
    by_status: list[Count] = Field(default_factory=list)
    by_month: list[Count] = Field(default_factory=list)
    undated: int = 0
    top_disputed_claimants: list[Count] = Field(default_factory=list)
    top_disputed_entities: list[Count] = Field(default_factory=list)
    verdicts_by_rating: list[Count] = Field(default_factory=list)


def report_time(now: dt.datetime | None = None) -> dt.datetime:
    """The report's `generated_at`: injected, else SOURCE_DATE_EPOCH, else the clock.

    SOURCE_DATE_EPOCH is the reproducible-builds convention; honouring it lets
    the command line produce byte-identical reports in tests and pipelines.
    """
    if now is not None:
        return now
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
