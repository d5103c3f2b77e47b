"""Read ClaimReview: fact-checkers' JSON-LD and Fact Check Tools API responses as claims with verdicts.

Each item becomes an `ImportItem`: a claim (the reviewed claim, its claimant
and date), a source (the fact-check page) and a verdict (our rating, the
publisher's own label, the claim's appearances as evidence URLs). Items are
identified by review URL and claim text, so importing the same markup twice
finds the same ids. Anything left out is reported with the reason.

Parsing only: nothing here touches a ledger. `pipeline.importers` stores the
items (one transaction per item) through the same annotate → store → link path
as ingest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from claims.dates import PartialDate
from claims.errors import ClaimtrackError
from claims.ids import content_hash, stable_id
from claims.jsonsafe import MAX_DEPTH, depth_exceeds, loads, too_deep_message
from claims.models import Claim, Rating, Source
from claims.text import storable, visible
from claims.urls import host_of, http_url
from reports.jsonld import Found, Problem, find_in_html, find_items, types_of
from reports.loosedates import parse_loose_date
from reports.models import FACTCHECK_KIND, ImportItem, SkippedItem
from reports.ratings import rating_for

_TAG = re.compile(r"<[^<>]+>")  # not "[^>]": "<a<a<a..." would rescan the rest from every "<"
# A claim is a sentence or two; a "claimReviewed" of megabytes is not one, and would not fit the NLP.
MAX_CLAIM_CHARS = 10_000


class Review(BaseModel):
    """One fact-check, read from whichever format it came in."""

    model_config = ConfigDict(extra="forbid")

    text: str
    claimant: str | None = None
    claimant_role: str | None = None
    claim_date: PartialDate | None = None
    review_url: str | None = None
    review_title: str | None = None
    outlet: str | None = None
    by: str | None = None
    review_date: PartialDate | None = None
    reviewed_at: dt.datetime | None = None
    rating: Rating
    label: str | None = None
    rationale: str | None = None
    appearances: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class Skip(Exception):
    """An item that cannot be imported; the message says why."""


# -- reading ----------------------------------------------------------------------------


FILE = "file"  # the `item` of a problem with the file as a whole: nothing in it could be read


def read_file(path: Path) -> Iterable[Found | Problem]:
    """Every ClaimReview and API claim in one file (HTML page or JSON of any supported shape).

    A file that cannot be read at all (not UTF-8, empty, not JSON or HTML, nested
    past `MAX_DEPTH`) is one `Problem` with `where == FILE`.
    """
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return [Problem(FILE, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    except OSError as exc:
        return [Problem(FILE, f"cannot read the file: {exc.strerror or exc}")]
    stripped = raw.lstrip()
    if not stripped:
        return [Problem(FILE, "empty file")]
    if stripped.startswith("<"):
        return list(find_in_html(raw))
    try:
        data = loads(raw, limit=None)  # depth is bounded per item below: one deep item must not cost the file
    except ClaimtrackError as exc:
        reason = str(exc) if "nested" in str(exc) else f"neither HTML nor {exc}"
        return [Problem(FILE, reason)]
    return list(find_items(data))


def parse_claimreview(node: dict[str, Any], base_url: str | None = None) -> Review:
    """A schema.org ClaimReview node as a `Review`; raises `Skip` when it cannot be one."""
    item = _first_dict(node.get("itemReviewed"))
    text = _text(node.get("claimReviewed")) or _text(item.get("name"))
    if text is None or not visible(text):
        raise Skip("no claimReviewed text")
    if len(text) > MAX_CLAIM_CHARS:
        raise Skip(f"claimReviewed is {len(text):,} characters; a claim is at most {MAX_CLAIM_CHARS:,}")
    notes: list[str] = []
    rating_node = _first_dict(node.get("reviewRating"))
    if not rating_node:
        raise Skip("no reviewRating")
    label = _text(rating_node.get("alternateName")) or _text(rating_node.get("name"))
    rating = rating_for(
        label, rating_node.get("ratingValue"), rating_node.get("bestRating"), rating_node.get("worstRating")
    )
    if rating is None:
        if not label and _text(rating_node.get("ratingValue")) is None:
            raise Skip("reviewRating has neither a label nor a value")
        notes.append(
            f"rating {_short(label or str(rating_node.get('ratingValue')))!r} not recognised: stored as unproven"
        )
        rating = "unproven"
    claimant, role = _person(item.get("author"))
    claim_date, _ = parse_loose_date(_text(item.get("datePublished")))
    if _text(item.get("datePublished")) and claim_date is None:
        notes.append(f"unreadable claim date {_text(item.get('datePublished'))!r}")
    review_date, reviewed_at = parse_loose_date(_text(node.get("datePublished")))
    review_url = _url(node.get("url"), base_url) or _url(node.get("mainEntityOfPage"), base_url) or base_url
    if review_url is None and _text(node.get("url")):
        notes.append(f"review URL {_short(_text(node.get('url')) or '')!r} is not an absolute http(s) URL: left out")
    appearances = _urls([item.get("appearance"), item.get("firstAppearance"), item.get("url")], base_url)
    author_name, author_is_org = _org(node.get("author"))
    publisher, _ = _org(node.get("publisher"))
    outlet = publisher or (author_name if author_is_org else None) or _host(review_url)
    rationale = _text(node.get("reviewBody")) or _text(node.get("description"))
    return _review(
        text=text,
        claimant=claimant,
        claimant_role=role,
        claim_date=claim_date,
        review_url=review_url,
        review_title=_text(node.get("name")) or _text(node.get("headline")),
        outlet=outlet,
        by=author_name or outlet,
        review_date=review_date,
        reviewed_at=reviewed_at,
        rating=rating,
        label=label,
        rationale=" ".join(_TAG.sub(" ", rationale).split()) if rationale else None,
        appearances=appearances,
        notes=notes,
    )


def parse_api_claim(node: dict[str, Any]) -> list[Review | Skip]:
    """A Fact Check Tools `claims:search` claim: one `Review` per claimReview entry."""
    text = _text(node.get("text"))
    text = text if visible(text) and len(text or "") <= MAX_CLAIM_CHARS else None
    claimant = _text(node.get("claimant"))
    claim_date, _ = parse_loose_date(_text(node.get("claimDate")))
    out: list[Review | Skip] = []
    entries = node.get("claimReview")
    reviews = [r for r in entries if isinstance(r, dict)] if isinstance(entries, list) else []
    if not reviews:
        return [Skip("claim has no claimReview entries")]
    for review in reviews:
        if not text:
            out.append(Skip("claim has no text"))
            continue
        label = _text(review.get("textualRating"))
        rating = rating_for(label)
        notes = []
        if rating is None:
            if not label:
                out.append(Skip("claimReview has no textualRating"))
                continue
            notes.append(f"rating {_short(label)!r} not recognised: stored as unproven")
            rating = "unproven"
        publisher = _first_dict(review.get("publisher"))
        outlet = _text(publisher.get("name")) or _text(publisher.get("site")) or _host(_url(review.get("url"), None))
        review_date, reviewed_at = parse_loose_date(_text(review.get("reviewDate")))
        out.append(
            _review(
                text=text,
                claimant=claimant,
                claim_date=claim_date,
                review_url=_url(review.get("url"), None),
                review_title=_text(review.get("title")),
                outlet=outlet,
                by=outlet,
                review_date=review_date,
                reviewed_at=reviewed_at,
                rating=rating,
                label=label,
                notes=notes,
            )
        )
    return out


# -- storing ----------------------------------------------------------------------------


def review_claim_id(review: Review) -> str:
    """The stable id of an imported claim: the same review imported twice is the same claim."""
    return stable_id("c", "claimreview", review.review_url or "", review.text, review.claimant or "")


def review_source(review: Review) -> Source:
    """The fact-check page as a source (kind "factcheck"), the same for every claim reviewed on it."""
    if review.review_url:
        digest = content_hash(f"factcheck\x1f{review.review_url}")
    else:
        digest = content_hash(f"factcheck\x1f{review.outlet or ''}\x1f{review.review_title or ''}\x1f{review.text}")
    return Source(
        id=stable_id("s", digest),
        title=review.review_title,
        url=review.review_url,
        outlet=review.outlet,
        published=review.review_date,
        kind=FACTCHECK_KIND,
        text="",
        content_hash=digest,
    )


def review_item(review: Review, file: str, item: str) -> ImportItem:
    """A parsed review as the claim, source and verdict to store."""
    source = review_source(review)
    claim = Claim(
        id=review_claim_id(review),
        text=review.text,
        claimant=review.claimant,
        claimant_role=review.claimant_role,
        claim_date=review.claim_date,
        source_id=source.id,
    )
    return ImportItem(
        file=file,
        item=item,
        claim=claim,
        source=source,
        rating=review.rating,
        label=review.label,
        rationale=review.rationale,
        by=review.by,
        evidence=review.appearances,
        at=review.reviewed_at.replace(tzinfo=dt.UTC) if review.reviewed_at else None,
        notes=review.notes,
    )


def claimreview_entries(path: Path) -> list[ImportItem | SkippedItem]:
    """Every ClaimReview of one file (page, JSON-LD, API response) in file order, or why it was skipped.

    A file that cannot be read at all (not UTF-8, empty, not JSON or HTML, nested
    past `MAX_DEPTH`) gives one `SkippedItem` with `item == FILE` (`file_failures`).
    """
    name = str(path)
    out: list[ImportItem | SkippedItem] = []
    found_any = False
    for found in read_file(path):
        if isinstance(found, Problem):
            out.append(SkippedItem(file=name, item=found.where, reason=found.reason))
            continue
        found_any = True
        for where, review in _reviews(found):
            if isinstance(review, Skip):
                out.append(SkippedItem(file=name, item=where, reason=str(review)))
            else:
                out.append(review_item(review, name, f"{where}: {_short(review.text, 50)}"))
    if not found_any and not any(isinstance(s, SkippedItem) and s.item == FILE for s in out):
        # A readable page without ClaimReview is an ordinary skip (folders of pages hold many); one
        # whose only candidates could not be read (broken or hostilely deep JSON-LD) failed.
        problems = len(out)
        why = f"; {problems} part(s) unreadable, listed above" if problems else ""
        reason = f"no ClaimReview found (no ClaimReview JSON-LD or API claims{why})"
        out.append(SkippedItem(file=name, item=FILE if problems else "contents", reason=reason))
    return out


def file_failures(skipped: Iterable[SkippedItem]) -> list[SkippedItem]:
    """The files from which nothing could be read (the command exits non-zero for these)."""
    return [s for s in skipped if s.item == FILE]


def _review(**fields: Any) -> Review:
    """A `Review`, or `Skip` naming the first field that does not validate (a date out of range...)."""
    try:
        return Review(**fields)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise Skip(f"invalid {where}: {str(first.get('msg', '')).removeprefix('Value error, ')}") from None


def _reviews(found: Found) -> list[tuple[str, Review | Skip]]:
    if depth_exceeds(found.data, MAX_DEPTH):
        return [(found.where, Skip(too_deep_message()))]
    if found.kind == "factcheck_api":
        try:
            parsed = parse_api_claim(found.data)
        except Skip as exc:
            return [(found.where, exc)]
        return [(f"{found.where} › claimReview[{n}]", r) for n, r in enumerate(parsed)]
    try:
        return [(found.where, parse_claimreview(found.data, found.base_url))]
    except Skip as exc:
        return [(found.where, exc)]


# -- small readers for messy JSON-LD values ----------------------------------------------


def _text(value: Any) -> str | None:
    """A string from a JSON-LD value: a string, a number, {"@value"/"name"}, or the first of a list."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return " ".join(storable(value).split()) or None  # NUL and lone surrogates ("\ud800") become U+FFFD
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return _text(value.get("@value")) or _text(value.get("name"))
    if isinstance(value, list):
        for element in value:
            text = _text(element)
            if text:
                return text
    return None


def _first_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return next((v for v in value if isinstance(v, dict)), {})
    return {}


def _person(author: Any) -> tuple[str | None, str | None]:
    """Claimant name and role from itemReviewed.author, which may be a string, a node, or lists of either.

    A name given as a list ("name", "role") keeps the first as the name and the
    rest as the role; several authors are joined into one claimant.
    """
    if isinstance(author, str):
        return _text(author), None
    if isinstance(author, list):
        people = [_person(a) for a in author]
        names = [n for n, _ in people if n]
        roles = [r for _, r in people if r]
        return (", ".join(names) or None), (roles[0] if len(names) == 1 and roles else None)
    if not isinstance(author, dict):
        return None, None
    role = _text(author.get("jobTitle"))
    name = author.get("name")
    if isinstance(name, list):
        parts = [t for t in (_text(n) for n in name) if t]
        if not parts:
            return None, role
        return parts[0], role or (", ".join(parts[1:]) or None)
    return _text(name), role


def _org(value: Any) -> tuple[str | None, bool]:
    node = _first_dict(value)
    if not node:
        return _text(value), False
    return _text(node.get("name")), "organization" in types_of(node) or "newsmediaorganization" in types_of(node)


def _url(value: Any, base: str | None) -> str | None:
    """An absolute http(s) URL from a JSON-LD value, resolving a relative one against the page URL.

    Unparseable URLs ("http://[::1") are None like any other non-http value.
    """
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return http_url(_text(value), base)


def _urls(values: Iterable[Any], base: str | None) -> list[str]:
    out: list[str] = []
    for value in values:
        for element in value if isinstance(value, list) else [value]:
            url = _url(element, base)
            if url and url not in out:
                out.append(url)
    return out


def _host(url: str | None) -> str | None:
    return host_of(url)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
