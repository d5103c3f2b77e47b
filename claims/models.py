"""Pydantic models: the shapes that cross every boundary (CLI JSON, reports, import/export).

Inside the ledger rows are plain SQL; these models are what the ledger returns
and what the pipeline hands it. `extra="forbid"` catches typos at the boundary.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal, cast
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, field_validator, model_serializer

from claims.dates import PartialDate
from claims.text import storable, storable_or_none, visible

Polarity = Literal["affirmed", "negated"]
QuoteKind = Literal["direct", "reported", "none"]
Stance = Literal["supports", "contradicts", "related"]
# auto: the linker, sure enough to count; suggested: the linker, unsure (a person decides; never counts
# for status); accepted: a suggestion a person accepted; manual: a person linked it.
Origin = Literal["auto", "manual", "suggested", "accepted"]
ReviewState = Literal["automatic", "suggested", "accepted", "manual"]
ORIGINS: tuple[str, ...] = ("auto", "manual", "suggested", "accepted")
# Origins whose links count for status; a suggestion counts only once a person accepts it.
COUNTING_ORIGINS: tuple[str, ...] = ("auto", "manual", "accepted")
# Origins the linker writes: relink and re-ingest may replace or withdraw these, never the others.
MACHINE_ORIGINS: tuple[str, ...] = ("auto", "suggested")
Status = Literal["unverified", "corroborated", "disputed", "rated"]
Rating = Literal["true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unproven"]

RATINGS: tuple[str, ...] = ("true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unproven")
STANCES: tuple[str, ...] = ("supports", "contradicts", "related")
# The stances offered for new links. "related" bore on no status and is no longer produced (issue 14);
# old ledgers and backups that hold it still read and restore.
LINK_STANCES: tuple[str, ...] = ("supports", "contradicts")
STATUSES: tuple[str, ...] = ("unverified", "corroborated", "disputed", "rated")


def rating_of(text: str) -> Rating | None:
    """The rating `text` names, however a person typed it ("FALSE", "Mostly True", "mostly_false"), else None."""
    key = "-".join(text.replace("_", " ").replace("-", " ").casefold().split())
    return cast(Rating, key) if key in RATINGS else None


URL_SCHEMES: tuple[str, ...] = ("http", "https")


def check_http_url(value: str | None) -> str | None:
    """`value` if it is an absolute http(s) URL (blank is None); else raise ValueError.

    Every URL the ledger stores ends up as a link in a report or in ClaimReview
    JSON-LD that publishers paste into their pages: a `javascript:` or `data:`
    URL there runs code, and whitespace or control characters break out of the
    Markdown or HTML around it. So only http(s) with a host, and nothing unprintable.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if any(ch <= " " or "\x7f" <= ch <= "\x9f" for ch in text):
        raise ValueError("a URL may not contain spaces or control characters")
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        raise ValueError("not a valid URL") from None
    if parts.scheme.lower() not in URL_SCHEMES or not host:
        got = f"a {parts.scheme}: URL" if parts.scheme else "a URL without scheme or host"
        raise ValueError(f"only http(s) URLs are accepted, got {got}")
    return text


def is_http_url(value: str | None) -> bool:
    """True when `check_http_url` accepts `value` (readers use it to drop what they cannot store)."""
    try:
        return check_http_url(value) is not None
    except ValueError:
        return False


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class SourceRef(Model):
    """The short form of a source embedded in a claim."""

    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: PartialDate | None = None


class Source(Model):
    """A document: an article, or a comment or pingback under one (`parent_id`)."""

    id: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: PartialDate | None = None
    parent_id: str | None = None
    kind: str = "article"
    text: str = ""
    content_hash: str = ""
    revision_of: str | None = None
    path: str | None = None
    created_at: dt.datetime | None = None

    _storable = field_validator("title", "outlet", "author", "text", "path")(
        classmethod(lambda cls, v: storable_or_none(v))
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        return check_http_url(storable_or_none(value))

    def ref(self) -> SourceRef:
        return SourceRef(
            id=self.id or None, title=self.title, url=self.url, outlet=self.outlet, published=self.published
        )


class Appearance(Model):
    """Another place where the same claimant made the same claim."""

    source: SourceRef
    claim_date: PartialDate | None = None
    span: tuple[int, int] | None = None


class LinkRef(Model):
    """A link as listed on either of its two claims."""

    claim_id: str
    stance: Stance
    origin: Origin
    direction: Literal["from", "to"] = "to"
    reason: dict[str, Any] | None = None


class VerdictRef(Model):
    rating: Rating
    rationale: str | None = None
    by: str | None = None
    at: dt.datetime | None = None
    label: str | None = None
    review_url: str | None = None
    review_title: str | None = None
    published: dt.date | None = None


class Claim(Model):
    """A dated, attributed proposition."""

    id: str = ""
    text: str
    claimant: str | None = None
    claimant_role: str | None = None
    claim_date: PartialDate | None = None
    event_dates: list[PartialDate] = Field(default_factory=list)
    polarity: Polarity = "affirmed"
    quote: QuoteKind = "none"
    source_id: str | None = None
    span: tuple[int, int] | None = None
    entities: list[str] = Field(default_factory=list)
    checkworthiness: float = 1.0
    cue: str | None = None
    lemmas: list[str] = Field(default_factory=list)
    # Where the claim was found when that is a document, not a speaker ("tax documents"); not stored yet.
    via: str | None = None
    # A speaker was mentioned but could not be resolved: the claimant is left empty on purpose; not stored yet.
    unresolved: bool = False
    # Filled in when read back from the ledger.
    status: Status = "unverified"
    verdict: VerdictRef | None = None
    source: SourceRef | None = None
    links: list[LinkRef] = Field(default_factory=list)
    appearances: list[Appearance] = Field(default_factory=list)
    created_at: dt.datetime | None = None
    # Curation: a retracted claim, or one merged into another (its id), is hidden but kept.
    retracted: bool = False
    merged_into: str | None = None

    @model_serializer(mode="wrap")
    def _drop_unset_provenance(self, handler: SerializerFunctionWrapHandler) -> Any:
        """`via`, `unresolved`, `retracted` and `merged_into` appear only when set: every claim read
        back would otherwise carry empty keys into every JSON and report format."""
        data = handler(self)
        if isinstance(data, dict):
            for key, unset in (("via", None), ("unresolved", False), ("retracted", False), ("merged_into", None)):
                if key in data and data[key] is unset:
                    data.pop(key)
        return data

    @field_validator("text")
    @classmethod
    def _text_not_empty(cls, value: str) -> str:
        value = " ".join(storable(value).split())
        if not visible(value):
            raise ValueError("claim text is empty (no visible characters)")
        return value

    @field_validator("claimant", "claimant_role", "cue")
    @classmethod
    def _invisible_is_none(cls, value: str | None) -> str | None:
        # A name made only of zero-width characters is no name: the CLI refuses it, data imports drop it.
        return storable(value) if value is not None and visible(value) else None


def review_state(origin: str, reason: dict[str, Any] | None) -> ReviewState:
    """How a link came to be, as reports and the desk show it.

    Older ledgers stored the linker's unsure links as origin "auto" with
    ``reason["auto"] = False``; those read as suggestions too.
    """
    if origin == "manual":
        return "manual"
    if origin == "accepted":
        return "accepted"
    if origin == "suggested" or (reason is not None and reason.get("auto") is False):
        return "suggested"
    return "automatic"


def link_confidence(reason: dict[str, Any] | None) -> float | None:
    """The linker's calibrated confidence stored in a link's reason, if any."""
    value = (reason or {}).get("confidence")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


class _Reviewed:
    """How a link came to be and how sure the linker was, for a link and for the evidence it gives alike."""

    if TYPE_CHECKING:  # fields of the models that use it; declared here for the type checker only
        origin: str
        reason: dict[str, Any] | None

    @property
    def review_state(self) -> ReviewState:
        return review_state(self.origin, self.reason)

    @property
    def confidence(self) -> float | None:
        return link_confidence(self.reason)


class Link(_Reviewed, Model):
    """A link event: from a claim to a claim, with a stance, or a rejection."""

    from_id: str
    to_id: str
    stance: Stance | None = None
    origin: Origin = "manual"
    rejected: bool = False
    # A history event only: the machine link of this pair was withdrawn (relink no longer finds it).
    removed: bool = False
    note: str | None = None
    reason: dict[str, Any] | None = None
    by: str | None = None
    at: dt.datetime | None = None

    _storable = field_validator("note", "by")(classmethod(lambda cls, v: storable_or_none(v)))


class Verdict(Model):
    """A rating event. Changing a verdict appends a new one; history is kept."""

    claim_id: str
    rating: Rating
    rationale: str | None = None
    by: str | None = None
    at: dt.datetime | None = None
    evidence: list[str] = Field(default_factory=list)
    label: str | None = None
    # The published fact-check this verdict stands for: ClaimReview's `url`, `headline` and
    # `datePublished` (when not given, the export falls back to the day the verdict was recorded).
    review_url: str | None = None
    review_title: str | None = None
    published: dt.date | None = None

    _storable = field_validator("rationale", "by", "label", "review_title")(
        classmethod(lambda cls, v: storable_or_none(v))
    )

    @field_validator("evidence")
    @classmethod
    def _evidence_urls(cls, value: list[str]) -> list[str]:
        return [url for url in (check_http_url(storable(v)) for v in value) if url]

    @field_validator("review_url")
    @classmethod
    def _review_url(cls, value: str | None) -> str | None:
        return check_http_url(storable_or_none(value))

    @property
    def published_on(self) -> dt.date | None:
        """The day the fact-check was published: `published`, else the day the verdict was recorded."""
        return self.published or (self.at.date() if self.at is not None else None)

    def ref(self) -> VerdictRef:
        return VerdictRef(
            rating=self.rating, rationale=self.rationale, by=self.by, at=self.at, label=self.label,
            review_url=self.review_url, review_title=self.review_title, published=self.published,
        )


class LinkedClaim(Model):
    """A claim at the other end of a link, as `claims show` lists it (not only its id)."""

    id: str
    text: str
    claimant: str | None = None
    claim_date: PartialDate | None = None
    status: Status = "unverified"
    retracted: bool = False
    merged_into: str | None = None


class HistoryEntry(Model):
    """One change in a claim's history: an edit, retraction, merge, link decision or verdict.

    `kind` names the change ("edited", "retracted", "restored", "merged",
    "unmerged", "linked", "link-accepted", "link-rejected", "link-removed", "rated", ...); `detail` holds what a
    reader needs to see what changed (for an edit, the previous and new values).
    """

    claim_id: str
    kind: str
    by: str | None = None
    at: dt.datetime
    detail: dict[str, Any] = Field(default_factory=dict)


class ClaimDetail(Claim):
    """`claims show`: a claim with its full verdict and link history, its linked claims and its history."""

    verdict_history: list[Verdict] = Field(default_factory=list)
    link_history: list[Link] = Field(default_factory=list)
    linked: list[LinkedClaim] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)


class Evidence(_Reviewed, Model):
    """A linked claim as evidence in a report, with the link's stance and reason."""

    claim: Claim
    stance: Stance
    origin: Origin
    direction: Literal["from", "to"]
    reason: dict[str, Any] | None = None
    note: str | None = None


class ClaimFilter(Model):
    """What `claims list` and the reports select on."""

    status: Status | None = None
    claimant: str | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    entity: str | None = None
    source_id: str | None = None
    undated: bool = False  # only claims without a claim date (e.g. from an article with no publication date)
    limit: int | None = None
    offset: int = 0
    # Retracted and merged-away claims are left out unless asked for (`claims list --include-retracted`).
    include_retracted: bool = False

