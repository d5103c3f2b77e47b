"""The million-claim generator (bench/ledger_gen.py) writes ledgers the real code agrees with."""

from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa

from claims import index, schema
from claims.ledger import Ledger, claim_row
from claims.models import ClaimFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import ledger_gen


def test_generated_ledger_is_consistent(ledger: Ledger) -> None:
    stats = ledger_gen.generate(ledger, 3000, link_rate=0.2, log=lambda _: None)
    assert stats.claims == 3000 and stats.links > 50 and stats.disputed > 0
    with ledger.read() as conn:
        before = dict(conn.execute(sa.select(schema.claims.c.id, schema.claims.c.status)).all())
        names = {ix["name"] for ix in sa.inspect(conn).get_indexes("claims")}
    assert len(before) == 3000
    assert {ix.name for ix in schema.claims.indexes} <= names  # secondary indexes rebuilt after the load
    # Statuses were derived with the real rules: recomputing changes nothing.
    ledger.refresh_status(before)
    with ledger.read() as conn:
        assert dict(conn.execute(sa.select(schema.claims.c.id, schema.claims.c.status)).all()) == before
    disputed = ledger.list_claims(ClaimFilter(status="disputed", limit=5))
    assert disputed and all(c.status == "disputed" for c in disputed)
    # Rows round-trip through the ledger's own row builder unchanged.
    claim = ledger.get_claim(disputed[0].id)
    with ledger.read() as conn:
        stored = conn.execute(sa.select(schema.claims).where(schema.claims.c.id == claim.id)).mappings().one()
    assert {k: v for k, v in claim_row(claim).items() if k != "created_at"} == {
        k: v for k, v in stored.items() if k != "created_at"
    }
    # The retrieval index knows the generated claims.
    fresh = ledger_gen.new_claims(ledger, 3, seed=1)
    with ledger.read() as conn:
        assert all(index.candidates(c, conn=conn) for c in fresh)
