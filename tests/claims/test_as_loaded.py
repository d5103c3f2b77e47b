"""`Ledger.as_loaded` builds what `load_claims` reads back, without the query (linking relies on it)."""

from __future__ import annotations

import datetime as dt

from claims.dates import PartialDate
from claims.ledger import Ledger
from claims.models import Claim, Source


def _claims(source_id: str) -> list[Claim]:
    return [
        Claim(
            text="The ministry said the port handled 4,000 containers in March.",
            claimant="Jo Roe",
            claimant_role="the port director",
            claim_date=PartialDate("2024-03"),
            polarity="affirmed",
            source_id=source_id,
            span=(10, 72),
            entities=["port of ashby", "ashby", "port of ashby"],  # unsorted, a duplicate: stored sorted and once
            cue="said",
            lemmas=["ministry", "say", "port", "handle", "container", "march"],
            checkworthiness=0.8,
        ),
        Claim(
            text="No contract was ever signed.",
            polarity="negated",
            source_id=source_id,
            lemmas=["contract", "sign"],
            created_at=dt.datetime(2025, 5, 1, 12, 30, 15, 123456, tzinfo=dt.UTC),
        ),
        Claim(text="Prices  rose.", lemmas=["price  ", " rise"], source_id=source_id),
    ]


def test_as_loaded_equals_a_read_back(ledger: Ledger) -> None:
    with ledger.transaction() as conn:
        source = ledger.add_source(Source(id="s0000000001", content_hash="h", title="t", text="x" * 100), conn=conn)
        stored = ledger.add_claims(_claims(source.id), conn=conn)
        read = ledger.load_claims([c.id for c in stored], conn=conn)
    built = ledger.as_loaded(stored)
    assert list(built) == [c.id for c in stored]
    for cid, claim in built.items():
        assert claim == read[cid]
        assert claim.model_dump() == read[cid].model_dump()


def test_as_loaded_leaves_out_what_load_claims_leaves_out() -> None:
    live, gone, merged = (Claim(id=f"c{n:010d}", text=f"claim {n}") for n in range(3))
    built = Ledger.as_loaded(
        [live, gone.model_copy(update={"retracted": True}), merged.model_copy(update={"merged_into": live.id})]
    )
    assert list(built) == [live.id]
