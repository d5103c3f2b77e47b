"""The JSON API's request bodies: pydantic models at the boundary, unknown fields refused.

Responses are the library's own models (`Claim`, `ClaimDetail`, `Source`,
`Link`, `Verdict`, `User`...), so the API and `--format json` speak one shape.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from claims.models import Claim, Source

MAX_TEXT = 2_000_000  # characters of one pasted article; larger belongs in `claimtrack ingest`


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ClaimIn(Body):
    """A claim logged by hand (as `claimtrack claims add`)."""

    text: str = Field(max_length=20_000)
    claimant: str = Field(max_length=1000)
    role: str | None = Field(default=None, max_length=1000)
    date: str | None = Field(default=None, max_length=100, description="A partial date: 2023, 2023-05, 2023-05-02")
    source_url: str | None = Field(default=None, max_length=8192)
    source_title: str | None = Field(default=None, max_length=2000)


class LinkIn(Body):
    """FROM supports/contradicts/is related to TO; or `reject: true` to record that the link is wrong."""

    from_id: str = Field(max_length=200)
    to_id: str = Field(max_length=200)
    stance: str | None = Field(default=None, description="supports|contradicts|related")
    reject: bool = False
    note: str | None = Field(default=None, max_length=5000)


class VerdictIn(Body):
    """A fact-checker's rating (true|mostly-true|mixed|misleading|mostly-false|false|unproven)."""

    rating: str = Field(max_length=100)
    rationale: str | None = Field(default=None, max_length=20_000)
    evidence: list[str] = Field(default_factory=list, max_length=100, description="http(s) URLs")
    label: str | None = Field(default=None, max_length=200)


class DecisionIn(Body):
    """A person's decision on a suggested link; accept may change the stance."""

    note: str | None = Field(default=None, max_length=5000)
    stance: str | None = None


class EditIn(Body):
    """What an edit changes; fields left out stay as they are."""

    text: str | None = Field(default=None, max_length=20_000)
    claimant: str | None = Field(default=None, max_length=1000)
    role: str | None = Field(default=None, max_length=1000)
    date: str | None = Field(default=None, max_length=100)
    polarity: str | None = Field(default=None, description="affirmed|denied")
    quote: str | None = Field(default=None, description="direct|paraphrase")
    note: str | None = Field(default=None, max_length=5000)


class RetractIn(Body):
    reason: str = Field(max_length=5000)


class MergeIn(Body):
    """Merge claim `other` into the claim in the path (it becomes an appearance of it)."""

    other: str = Field(max_length=200)
    note: str | None = Field(default=None, max_length=5000)


class IngestIn(Body):
    """An article's text to extract claims from, with what is known about it."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    published: str | None = Field(default=None, max_length=100, description="Publication date (relative dates)")
    outlet: str | None = Field(default=None, max_length=1000)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=8192)
    author: str | None = Field(default=None, max_length=1000)


class IngestOut(Body):
    """What an ingest stored."""

    outcome: str
    sources: list[Source] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    links: int = 0
    message: str | None = None
