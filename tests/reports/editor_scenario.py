"""A second fixed ledger for the editor-facing report: every way a claim can be reported, and every link kind.

Invented for these tests (no names from ../shared). A mayor says a bridge will
close (a paraphrase); the city engineer *denies* it, and the ledger stores the
denied proposition with polarity "negated" (the case a report must never print
as an affirmation); a council notice supports it through a suggestion an editor
accepted; a users' group contradicts it only in an unreviewed suggestion; and a
statement mis-dated ten years early contradicts it by hand (the timeline
outlier). A second thread is a direct quote, contradicted automatically and
rated false. One claim is read from tax records (a document, not a claimant)
and one is dated only to its year.

Link and event times come from a fixed clock, so "what changed since" is stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import Claim, Source

CREATED = dt.datetime(2021, 3, 1, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2021, 4, 10, 9, 0, tzinfo=dt.UTC)
GENERATED_AT = dt.datetime(2021, 4, 15, 12, 0, tzinfo=dt.UTC)
CHANGED_SINCE = dt.datetime(2021, 4, 1, tzinfo=dt.UTC)
DENIED_TEXT = "The Elm Street bridge will shut in June"

MAYOR = (
    "Harbor City, 1 March 2021 — Mayor Rosa Lind said on Monday that the Elm Street bridge will close in June "
    "for repairs. The council meets again next week."
)
ENGINEER = (
    "City engineer Tom Berg on Wednesday denied that the Elm Street bridge will shut in June. "
    "He said inspections would continue."
)
NOTICE = "A council notice published on Friday says repairs on the Elm Street bridge are booked for June."
USERS = "The bridge users' group said the Elm Street bridge will stay open all summer."
OLD = "A council spokesman said the Elm Street bridge would never need repairs."
TOLLS = (
    '"Bridge tolls doubled last year," the councillor Paul Ek told the Harbor Times. '
    "Toll figures published by the city show a rise of 10 percent last year."
)
RECORDS = "Tax records show that bridge repairs cost 2 million in 2019."


def _source(sid: str, text: str, title: str, outlet: str | None, url: str | None, published: str) -> Source:
    return Source(id=sid, title=title, url=url, outlet=outlet, published=PartialDate(published), text=text,
                  content_hash=f"hash-{sid}", created_at=CREATED)


def _claim(cid: str, text: str, claimant: str | None, date: str, sid: str, source_text: str, part: str,
           **kw: object) -> Claim:
    start = source_text.index(part)
    return Claim(id=cid, text=text, claimant=claimant, claim_date=PartialDate(date), source_id=sid,
                 span=(start, start + len(part)), created_at=CREATED, **kw)  # type: ignore[arg-type]


@contextmanager
def clock(moment: dt.datetime) -> Iterator[None]:
    """Link and history timestamps at `moment` (the ledger stamps them with the clock)."""
    fixed = lambda: moment  # noqa: E731
    with (
        mock.patch("claims.link_store.now", fixed),
        mock.patch("claims.history.now", fixed),
        mock.patch("claims.claim_store.now", fixed),
        mock.patch("claims.source_store.now", fixed),
        mock.patch("claims.status_store.now", fixed),
        mock.patch("claims.rows.now", fixed),
    ):
        yield


def auto_reason(how: str, confidence: float, auto: bool = True) -> dict[str, object]:
    """A reason shaped like the linker's: its sentence, confidence and some features a report must not show."""
    return {"text": f"Someone said that something: {how} as in someone else: \"x\".", "confidence": confidence,
            "auto": auto, "predicates": ["close", "open"], "relation": "antonym", "score": confidence}


def populate_editor(ledger: Ledger) -> None:
    """Write the scenario into an empty ledger."""
    with clock(CREATED), ledger.transaction() as conn:
        for src in (
            _source("s1000000001", MAYOR, "Bridge to close in June, mayor says", "Harbor Times",
                    "https://harbor.example.org/bridge", "2021-03-01"),
            _source("s1000000002", ENGINEER, "Engineer: no bridge closure", None, None, "2021-03-03"),
            _source("s1000000003", NOTICE, "Council notice on bridge repairs", "Harbor Council",
                    "https://council.example.org/notice/4", "2021-03-05"),
            _source("s1000000004", USERS, "Users want the bridge open", "Harbor Times", None, "2021-03-06"),
            _source("s1000000005", OLD, "Archive: bridge in good shape", "Harbor Times", None, "2011-03-02"),
            _source("s1000000006", TOLLS, "Tolls double, councillor says", "Harbor Times",
                    "https://harbor.example.org/tolls", "2021-03-08"),
            _source("s1000000007", RECORDS, "Bridge repair costs", "Harbor Ledger", None, "2020"),
        ):
            ledger.add_source(src, conn=conn)
        ledger.add_claims(
            [
                _claim("e0000000001", "The Elm Street bridge will close in June for repairs", "Rosa Lind",
                       "2021-03-01", "s1000000001", MAYOR, "the Elm Street bridge will close in June for repairs",
                       claimant_role="mayor", quote="reported", cue="said", entities=["elm street bridge"]),
                _claim("e0000000002", DENIED_TEXT, "Tom Berg", "2021-03-03", "s1000000002", ENGINEER,
                       "the Elm Street bridge will shut in June", claimant_role="city engineer",
                       polarity="negated", quote="reported", cue="denied", entities=["elm street bridge"]),
                _claim("e0000000003", "Repairs on the Elm Street bridge are booked for June", "Harbor Council",
                       "2021-03-05", "s1000000003", NOTICE, "repairs on the Elm Street bridge are booked for June",
                       entities=["elm street bridge"]),
                _claim("e0000000004", "The Elm Street bridge will stay open all summer", "Bridge users' group",
                       "2021-03-06", "s1000000004", USERS, "the Elm Street bridge will stay open all summer",
                       quote="reported", entities=["elm street bridge"]),
                _claim("e0000000005", "The Elm Street bridge would never need repairs", "Council spokesman",
                       "2011-03-02", "s1000000005", OLD, "the Elm Street bridge would never need repairs",
                       quote="reported", entities=["elm street bridge"]),
                _claim("e0000000006", "Bridge tolls doubled last year", "Paul Ek", "2021-03-08", "s1000000006",
                       TOLLS, "Bridge tolls doubled last year", claimant_role="councillor", quote="direct",
                       entities=["bridge tolls"]),
                _claim("e0000000007", "Bridge tolls rose by 10 percent last year", "Harbor Times", "2021-03-08",
                       "s1000000006", TOLLS, "a rise of 10 percent last year", entities=["bridge tolls"]),
                _claim("e0000000008", "Bridge repairs cost 2 million", "tax records", "2019", "s1000000007",
                       RECORDS, "bridge repairs cost 2 million"),
            ],
            conn=conn,
        )
        ledger.link("e0000000002", "e0000000001", "contradicts", origin="auto",
                    reason=auto_reason("negation of the same proposition", 0.93), conn=conn)
        ledger.link("e0000000003", "e0000000001", "supports", origin="accepted", by="Desk A",
                    reason=auto_reason("the same proposition", 0.71, auto=False), conn=conn)
        ledger.link("e0000000004", "e0000000001", "contradicts", origin="suggested",
                    reason=auto_reason("an opposite predicate for the same proposition", 0.62, auto=False), conn=conn)
        ledger.link("e0000000005", "e0000000001", "contradicts", origin="manual", by="Desk A",
                    note="an old council line, dated 2011 in the archive", conn=conn)
    # What changed in April: the tolls dispute and its verdict.
    with clock(LATER), ledger.transaction() as conn:
        ledger.link("e0000000007", "e0000000006", "contradicts", origin="auto",
                    reason=auto_reason("incompatible values (2 vs 1.1)", 0.9), conn=conn)
        ledger.rate("e0000000006", "false", rationale="City figures show a 10 percent rise, not a doubling.",
                    by="Desk B", at=dt.datetime(2021, 4, 12, 10, 0, tzinfo=dt.UTC), conn=conn)
