"""Linking's speed-ups give what the slower path gives (the benchmark's digest checks a whole corpus:
`python bench/ingest_digest.py --articles 100 --polnear`)."""

from __future__ import annotations

import datetime as dt

from claims.ids import content_hash
from claims.ledger import Ledger
from claims.models import Claim, Source
from pipeline.linking.link import _unnamed_by_claimant


def _stored(ledger: Ledger, n: int) -> list[Claim]:
    """n entity-less claims of two claimants (one spelt two ways), some arriving in the same second."""
    text = "a council report"
    src = Source(id="s" + content_hash(text)[:10], title=text, text=text, content_hash=content_hash(text))
    base = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    claims = [
        Claim(
            id=f"c{i:010d}",
            text=f"The footbridge number {i} was finished",
            claimant=("The Council", "council", "Ines Marek")[i % 3],
            lemmas=["footbridge", "finish"],
            created_at=base + dt.timedelta(seconds=i // 3),
        )
        for i in range(n)
    ]
    with ledger.transaction() as conn:
        sid = ledger.add_source(src, conn=conn).id
        return ledger.add_claims([c.model_copy(update={"source_id": sid}) for c in claims], conn=conn)


def test_unnamed_by_claimant_kept_per_source_is_the_query_with_the_exclusion(ledger: Ledger) -> None:
    stored = _stored(ledger, 30)
    probes = [*stored[::4], Claim(id="c_new", text="x", claimant="the council"), Claim(text="y", claimant=None)]
    with ledger.read() as conn:
        newest: dict[str | None, list[str]] = {}
        for limit in (1, 3, 20):
            for probe in probes:
                slow = _unnamed_by_claimant(ledger, probe, limit=limit, cache={}, conn=conn)
                fast = _unnamed_by_claimant(ledger, probe, limit=limit, cache={}, conn=conn, newest=newest)
                assert [c.id for c in fast] == [c.id for c in slow]
            newest.clear()  # the kept answers hold for one limit


def test_terms_counted_for_a_source_retrieve_what_counting_per_claim_retrieves(ledger: Ledger) -> None:
    places, goods = ["orlavia", "vellmark", "brask", "port ashby"], ["buses", "ferries", "grain"]
    stored = [
        Claim(
            id=f"c{i:010d}",
            text=f"{places[i % 4]} bought {goods[i % 3]} from {places[(i + 1) % 4]}",
            entities=[places[i % 4], places[(i + 1) % 4]] + (["rare co"] if i % 7 == 0 else []),
            lemmas=["buy", goods[i % 3].rstrip("s"), "deal" if i % 2 else "contract"],
        )
        for i in range(40)
    ]
    with ledger.transaction() as conn:
        ledger.add_claims(stored, conn=conn)
    probes = [
        Claim(text="p1", entities=["orlavia", "rare co"], lemmas=["buy", "bus"]),
        Claim(text="p2", entities=["port ashby"], lemmas=["grain", "contract", "ship"]),
        Claim(text="p3", entities=["nowhere land"], lemmas=["buy"]),
        Claim(text="p4", lemmas=["buy"]),
    ]
    with ledger.read() as conn:
        slow_df: dict[str, int] = {"buy": 3}  # a count kept from an earlier source is used, not counted again
        fast_df: dict[str, int] = {"buy": 3}
        counted = ledger.count_query_terms(probes, known=fast_df, conn=conn)
        assert "buy" not in counted
        for probe in probes:
            slow = ledger.candidates(probe, limit=5, df_cache=slow_df, conn=conn)
            fast = ledger.candidates(probe, limit=5, df_cache=fast_df, counted=counted, conn=conn)
            assert fast == slow
        assert fast_df == slow_df
