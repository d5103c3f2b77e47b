"""The report shapes: what the builders return and every renderer reads.

A report is built once as pydantic models and rendered per format, so the
Markdown, HTML, CSV and JSON versions can never disagree. The claim objects
extend the JSON claim object of the command line (the ledger's `Claim` without
its internal retrieval fields), so `report disputed --format json` keeps the
shape scripts already parse.

Every model is `defer_build`: its validator is built when first used, so a
command that renders one report does not pay at start-up for all the others.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from claims.context import SourceContext
from claims.dates import PartialDate

# What an import parses and reports lives in claims/ (reports/ parses it, pipeline/ stores it).
from claims.imports import ImportItem as ImportItem
from claims.imports import ImportResult as ImportResult
from claims.imports import SkippedItem as SkippedItem
from claims.models import Claim, Origin, ReviewState, Stance, Verdict

# The source kind importers give fact-check pages: such a claim's source is the
# review itself, so its URL is the ClaimReview `url` on export.
FACTCHECK_KIND = "factcheck"


class Count(BaseModel):
    """One row of a roll-up: a key (status, month, name, rating) and how many."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    key: str
    count: int


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


class Said(BaseModel):
    """What a report says about one claim, worded once for every format (see `reports.phrasing`).

    `kind` is "denial" (the claimant denied the stored proposition), "quote" (a
    direct quote: `quote` holds the words as printed in the source) or
    "paraphrase". `statement` is the whole sentence: who said what, and when.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    kind: Literal["denial", "quote", "paraphrase"]
    statement: str
    quote: str | None = None
    context: SourceContext | None = None
    source_text: str = ""


class EvidenceItem(ReportClaim):
    """A linked claim as evidence: the other claim plus how the link bears on this one.

    `direction` is "from" when the other claim points at this one (it is the
    answer: "B contradicts A"), "to" when this claim points at it. `review_state`
    says how the link came about (automatic, accepted, manual; suggestions only
    appear with `include_suggestions`), `why` says in words why it was made.
    """

    stance: Stance
    origin: Origin
    direction: Literal["from", "to"]
    reason: dict[str, Any] | None = None
    note: str | None = None
    review_state: ReviewState = "manual"
    confidence: float | None = None

    @field_serializer("reason")
    def _reason_without_sentence(self, reason: dict[str, Any] | None) -> dict[str, Any] | None:
        """The linker's features stay for scripts; its sentence does not: it restates a denied claim
        without its polarity ("X said that <denied proposition>"). `why` holds the reason in words."""
        if reason is None:
            return None
        return {k: v for k, v in reason.items() if k != "text"}

    counts: bool = True
    said: Said | None = None
    sentence: str = ""
    why: str = ""
    review: str = ""


class Change(BaseModel):
    """One change to a thread since `changed_since`, in words ("New evidence: …", "Rated false by …")."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    at: dt.datetime
    kind: str
    text: str


class DisputedClaim(ReportClaim):
    """One thread of the disputed report: the claim, its evidence in date order, its verdicts."""

    evidence: list[EvidenceItem] = Field(default_factory=list)
    verdict_history: list[Verdict] = Field(default_factory=list)
    said: Said | None = None
    verdict_words: str = ""
    latest_evidence: PartialDate | None = None
    last_disputed: PartialDate | None = None
    changes: list[Change] = Field(default_factory=list)


class TocEntry(BaseModel):
    """A line of the overview: a thread's number, anchor and heading."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    n: int
    id: str
    heading: str
    status: str
    rating: str | None = None
    latest_evidence: PartialDate | None = None


class Overview(BaseModel):
    """The top of the disputed report: counts, what is new, the latest disputes, the contents."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    total: int = 0
    by_status: list[Count] = Field(default_factory=list)
    by_kind: list[Count] = Field(default_factory=list)
    new_since: dt.datetime | None = None
    new_disputes: int = 0
    changed: int = 0
    held_back: int = 0
    recently_disputed: list[TocEntry] = Field(default_factory=list)
    contents: list[TocEntry] = Field(default_factory=list)


class ReportFilters(BaseModel):
    """The selection a report was built with, echoed in its header."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    since: str | None = None
    until: str | None = None
    entity: str | None = None
    claimant: str | None = None
    include_rated: bool = False
    include_suggestions: bool = False
    changed_since: dt.datetime | None = None
    order: Literal["latest-evidence", "claim-date"] = "latest-evidence"


class DisputedReport(BaseModel):
    """`report disputed`: every disputed claim with its evidence for and against."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    generated_at: dt.datetime
    filters: ReportFilters = Field(default_factory=ReportFilters)
    overview: Overview = Field(default_factory=lambda: Overview())
    claims: list[DisputedClaim] = Field(default_factory=list)


class Scorecard(BaseModel):
    """One claimant's record: claims made, how many are disputed, how many rated false or mostly false."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    claimant: str
    claims: int = 0
    disputed: int = 0
    rated: int = 0
    rated_false: int = 0


class StatusReport(BaseModel):
    """`report status`: where the ledger stands, in counts.

    `by_month` keeps its name for scripts, but each key is a period at the
    date's own granularity: a claim dated only "2003" counts under "2003",
    never under "2003-01" (month-or-finer dates count under their month).
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    generated_at: dt.datetime
    total: int = 0
    by_status: list[Count] = Field(default_factory=list)
    by_month: list[Count] = Field(default_factory=list)
    undated: int = 0
    scorecards: list[Scorecard] = Field(default_factory=list)
    not_claimants: list[Count] = Field(default_factory=list)
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
