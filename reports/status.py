"""Build the status report: counts by status, claims per period, claimant scorecards, verdicts.

Periods keep the date's own granularity: a claim dated only "2003" counts under
"2003", never under "2003-01" (that would put every year-only date in January).
Claimants are scored only when they can speak: a book, a report or a set of
records that a claim was read from is a document, not a claimant (see
`is_document`); those are listed apart so nothing disappears silently.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import RATINGS, STATUSES, Claim, ClaimFilter
from reports.models import Count, Scorecard, StatusReport, report_time

TOP_N = 10
SCORECARDS = 20
FALSE_RATINGS = frozenset({"false", "mostly-false"})
# Head nouns of things a claim is read *from*: when a claimant's last word is one of these (in lower
# case, so "Bill" or "Record" as a name is untouched), the claimant is a document, not a speaker.
_DOCUMENT_HEADS = frozenset(
    [
        "book",
        "books",
        "report",
        "reports",
        "study",
        "studies",
        "document",
        "documents",
        "paper",
        "papers",
        "survey",
        "surveys",
        "poll",
        "polls",
        "memo",
        "memos",
        "letter",
        "letters",
        "record",
        "records",
        "data",
        "figure",
        "figures",
        "filing",
        "filings",
        "article",
        "articles",
        "analysis",
        "review",
        "reviews",
        "statistics",
        "log",
        "logs",
        "chart",
        "charts",
        "transcript",
        "transcripts",
        "minutes",
        "affidavit",
        "complaint",
        "lawsuit",
        "indictment",
        "biography",
        "memoir",
        "novel",
        "manuscript",
        "dossier",
        "audit",
    ]
)


def build_status_report(ledger: Ledger, *, generated_at: dt.datetime | None = None, top: int = TOP_N) -> StatusReport:
    """Roll the whole ledger up into counts, periods at their true granularity, and claimant scorecards."""
    claims = ledger.list_claims(ClaimFilter())
    titles = {(s.title or "").casefold() for s in ledger.list_sources() if s.title}
    by_status: Counter[str] = Counter(c.status for c in claims)
    periods = Counter(period(c.claim_date) for c in claims if c.claim_date)
    starts = {period(c.claim_date): _period_key(c.claim_date) for c in claims if c.claim_date}
    disputed = [c for c in claims if c.status == "disputed"]
    speakers = {c.claimant for c in claims if c.claimant and not is_document(c.claimant, titles)}
    documents = Counter(c.claimant for c in claims if c.claimant and c.claimant not in speakers)
    claimants = Counter(c.claimant for c in disputed if c.claimant in speakers)
    entities = Counter(e for c in disputed for e in set(c.entities))
    ratings: Counter[str] = Counter(c.verdict.rating for c in claims if c.verdict)
    return StatusReport(
        generated_at=report_time(generated_at),
        total=len(claims),
        by_status=[Count(key=s, count=by_status.get(s, 0)) for s in STATUSES],
        by_month=[Count(key=p, count=periods[p]) for p in sorted(periods, key=lambda p: starts[p])],
        undated=sum(1 for c in claims if not c.claim_date),
        scorecards=_scorecards([c for c in claims if c.claimant in speakers])[:SCORECARDS],
        not_claimants=_top(documents, top),
        top_disputed_claimants=_top(claimants, top),
        top_disputed_entities=_top(entities, top),
        verdicts_by_rating=[Count(key=r, count=ratings[r]) for r in RATINGS if ratings.get(r)],
    )


def period(date: PartialDate) -> str:
    """The period a date counts in, at its own granularity: "2023-03", "2023-Q1", "2023", "1990s"."""
    g = date.granularity
    if g in ("month", "week", "weekend", "day", "daypart", "minute"):
        return f"{date.start.year:04d}-{date.start.month:02d}"
    if g in ("quarter", "half", "season"):
        return date.value
    if g == "decade":
        return f"{date.value}0s"
    if g == "century":
        return f"{int(date.value) + 1}th century"
    return date.value[:4]


def _period_key(date: PartialDate) -> tuple[str, int]:
    # Coarser periods sort before finer ones that start on the same day: "2023" before "2023-01".
    order = ("century", "decade", "year", "half", "quarter", "season")
    g = date.granularity
    return (f"{date.start.year:04d}-{date.start.month:02d}", order.index(g) if g in order else len(order))


def is_document(name: str, titles: set[str] | frozenset[str] = frozenset()) -> bool:
    """True when a claimant names a document rather than a person or organisation.

    Two general signs: the name is the title of a stored source (a book quoted
    by title), or its last word is a document noun in lower case ("tax records",
    "the annual report"); organisations and people keep a proper-noun head.
    """
    text = name.strip().strip("\"'“”‘’*_")
    if not text:
        return True
    if text.casefold() in titles or name.strip()[:1] in '"“‘*_':
        return True
    head = text.split()[-1]
    return head.islower() and head.strip(".,;:") in _DOCUMENT_HEADS


def _scorecards(claims: list[Claim]) -> list[Scorecard]:
    cards: dict[str, Scorecard] = {}
    for c in claims:
        assert c.claimant is not None
        card = cards.setdefault(c.claimant, Scorecard(claimant=c.claimant))
        card.claims += 1
        card.disputed += c.status == "disputed"
        card.rated += c.verdict is not None
        card.rated_false += bool(c.verdict and c.verdict.rating in FALSE_RATINGS)
    return sorted(cards.values(), key=lambda s: (-s.claims, -s.disputed, s.claimant.casefold(), s.claimant))


def _top(counter: Counter[str], n: int) -> list[Count]:
    # Ties break alphabetically so the report is stable between runs.
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))
    return [Count(key=k, count=v) for k, v in ranked[:n]]
