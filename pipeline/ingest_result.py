"""What `ingest` is told (`IngestOptions`) and what it reports back (`IngestResult`, one `FileOutcome` per input).

Kept apart from the orchestration in `pipeline.ingest` so that the command
line, the notebook API and the workers share one small set of models.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claims.models import Claim, Source
from sources.document import Overrides

Outcome = Literal["added", "unchanged", "revised", "failed"]


class IngestOptions(BaseModel):
    """Everything `claimtrack ingest` can be told, as one settings object."""

    model_config = ConfigDict(extra="forbid")

    overrides: Overrides = Field(default_factory=Overrides)
    max_bytes: int | None = None  # None: 20 MB (the command line passes CLAIMTRACK_MAX_BYTES here)
    workers: int = 1
    batch_size: int = 32
    extract: bool = True
    link: bool = True
    # The spaCy pipeline built when no `nlp` is passed (the command line fills these from its settings).
    model: str | None = None
    min_checkworthiness: float | None = None
    # Publication dates (`pipeline.ingest_dates`): a date after `today` (default: the clock's) is refused
    # unless `allow_future`.
    allow_future: bool = False
    today: dt.date | None = None


class FileOutcome(BaseModel):
    """What happened to one input."""

    path: str
    outcome: Outcome
    message: str | None = None
    source_id: str | None = None
    children: int = 0
    claims: int = 0


class IngestResult(BaseModel):
    """The summary `ingest` prints, plus what it stored (for --format json)."""

    files: list[FileOutcome] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    links: int = 0
    merged: int = 0
    # What the user should know about inputs that were stored (a date taken from a file name, no date at all).
    notes: list[str] = Field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == "failed"]

    def summary(self) -> dict[str, int]:
        """The counts `claimtrack ingest` prints: a revision counts as added, and also as revised."""
        return {
            "added": self.count("added") + self.count("revised"),
            "revised": self.count("revised"),
            "unchanged": self.count("unchanged"),
            "failed": self.count("failed"),
            "claims": sum(f.claims for f in self.files),
            "links": self.links,
            "merged": self.merged,
        }
