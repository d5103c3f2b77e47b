"""What an import of fact-checks carries: items parsed from a file, what was skipped and why, what was stored.

`reports/` parses exchange formats (ClaimReview, AVeriTeC) into `ImportItem`s
without touching a ledger; `pipeline.importers` stores them. Both sides import
these models from here, the one package both may depend on.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from claims.models import Claim, Rating, Source


class SkippedItem(BaseModel):
    """Something an import could not take, and why (printed for the user)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    file: str
    item: str
    reason: str


class ImportResult(BaseModel):
    """What an import stored and what it left out."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    imported: int = 0
    claim_ids: list[str] = Field(default_factory=list)
    skipped: list[SkippedItem] = Field(default_factory=list)
    notes: list[SkippedItem] = Field(default_factory=list)


class ImportItem(BaseModel):
    """One parsed fact-check, ready to store: the claim, the page that reviewed it and the verdict.

    The parsers in `reports/` build these without touching a ledger; the
    library (`pipeline.importers`) stores them through the same path as ingest.
    `source` carries a stable id and content hash, so the same page found again
    is the same source.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    file: str
    item: str
    claim: Claim
    source: Source | None = None
    rating: Rating
    label: str | None = None
    rationale: str | None = None
    by: str | None = None
    evidence: list[str] = Field(default_factory=list)
    at: dt.datetime | None = None
    notes: list[str] = Field(default_factory=list)


__all__ = ["ImportItem", "ImportResult", "SkippedItem"]
