"""The retrieval index: lookups, migration 0001 -> 0002 with backfill, removal, and that it is an index."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from claims import index, migrations, schema
from claims.dates import PartialDate
from claims.ledger import Ledger, claim_row, resolve_url
from claims.models import Claim


def _claims() -> list[Claim]:
    return [
        Claim(id="c_ferry", text="The ferry was suspended.", claimant="Edda Strand", entities=["vell island"],
              lemmas=["ferry", "suspend"], claim_date=PartialDate("2024-06-03")),
        Claim(id="c_sail", text="Ferries sailed daily.", claimant="Tomas Reyn",
              entities=["vell island", "port halvard"], lemmas=["ferry", "sail", "daily"]),
        Claim(id="c_bus", text="Orlavia bought buses.", claimant="Ines Marek", entities=["orlavia", "brask motors"],
              lemmas=["buy", "bus"]),
    ]  # fmt: skip


def test_candidates_share_terms_best_first_and_exclude_the_claim(ledger: Ledger) -> None:
    _, sail, bus = ledger.add_claims(_claims())
    probe = Claim(text="probe", entities=["Vell Island", "Port Halvard"], lemmas=["ferry"])
    with ledger.read() as conn:
        assert index.candidates(probe, conn=conn) == ["c_sail", "c_ferry"]
        assert index.candidates(sail, conn=conn) == ["c_ferry"]
        assert index.candidates(bus, conn=conn) == []
        assert index.candidates(probe, limit=1, conn=conn) == ["c_sail"]
        assert index.candidates(Claim(text="nothing", lemmas=["say"]), conn=conn) == []


def test_multiword_entities_and_punctuation_are_single_terms(ledger: Ledger) -> None:
    ledger.add_claims([Claim(id="c_a", text="a", entities=["Brask Motors"], lemmas=["e-bus", "o'brien"])])
    with ledger.read() as conn:
        assert index.candidates(Claim(text="b", entities=["brask motors"]), conn=conn) == ["c_a"]
        assert index.candidates(Claim(text="b", entities=["motors"]), conn=conn) == []
        # A variant key still meets through its stem; stance scoring decides whether it is the same entity.
        assert index.candidates(Claim(text="b", entities=["brask"]), conn=conn) == ["c_a"]
        # A shared name is needed.
        assert index.candidates(Claim(text="b", entities=["x"], lemmas=["bus"]), conn=conn) == []
        assert index.candidates(Claim(text="b", lemmas=["bus"]), conn=conn) == []


def test_dropped_claims_leave_the_index(ledger: Ledger) -> None:
    ledger.add_claims(_claims())
    with ledger.transaction() as conn:
        ledger.drop_claims(["c_ferry"], conn=conn)
    with ledger.read() as conn:
        assert index.candidates(Claim(text="p", entities=["vell island"]), conn=conn) == ["c_sail"]
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.claims)).scalar_one() == 2


def test_migration_0002_backfills_a_0001_ledger(db_url: str) -> None:
    engine = sa.create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        assert migrations.migrate(conn=conn, upto=migrations.FIRST) == [migrations.FIRST]
        # Only the columns a 0001 ledger has (later migrations add the others).
        first = {c.name for c in schema.claims.columns if c.info.get("since", migrations.FIRST) == migrations.FIRST}
        rows = [
            {k: v for k, v in claim_row(c.model_copy(update={"created_at": None})).items() if k in first}
            for c in _claims()
        ]
        conn.execute(sa.insert(schema.claims), rows)
    engine.dispose()
    old = Ledger.open(db_url, check_schema=False)
    try:
        assert old.schema_version() == [migrations.FIRST]
        assert old.migrate() == migrations.names()[1:]
        with old.read() as conn:
            assert index.candidates(Claim(text="p", entities=["orlavia"]), conn=conn) == ["c_bus"]
        assert Ledger.open(db_url).schema_version() == migrations.names()
    finally:
        old.close()


def test_lookup_uses_the_index_not_a_scan(ledger: Ledger) -> None:
    ledger.add_claims(_claims())
    with ledger.read() as conn:
        if conn.dialect.name == "sqlite":
            plan = " ".join(
                str(r[-1])
                for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT d.claim_id FROM claim_fts JOIN claim_docs d ON d.doc = claim_fts.rowid "
                    "WHERE claim_fts MATCH 'ferry' ORDER BY bm25(claim_fts) LIMIT 5"
                )
            )
            assert "VIRTUAL TABLE INDEX" in plan and "SCAN d" not in plan
        else:
            conn.exec_driver_sql("SET enable_seqscan = off")
            plan = " ".join(
                r[0]
                for r in conn.exec_driver_sql(
                    "EXPLAIN SELECT claim_id FROM claim_terms WHERE term IN ('ferry', 'sail') GROUP BY claim_id"
                )
            )
            assert "claim_terms_pkey" in plan


def test_common_names_fall_back_to_the_newest_claims(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "RARE_DF", 1)
    ledger.add_claims(
        [Claim(id=f"c_{i}", text="t", entities=["vell island", "port halvard"], lemmas=[f"w{i}"]) for i in range(3)]
    )
    ledger.add_claims([Claim(id="c_other", text="t", entities=["vell island"], lemmas=["x"])])
    probe = Claim(text="p", entities=["vell island", "port halvard"], lemmas=["w1"])
    with ledger.read() as conn:
        # No rare name to rank on: the newest claims naming both common entities.
        assert index.candidates(probe, conn=conn) == ["c_2", "c_1", "c_0"]


def test_migrations_are_one_explicit_ordered_list() -> None:
    # Listed in one place, in order; no module appends one when it is imported.
    assert migrations.names() == sorted(migrations.names())
    assert migrations.names()[:2] == [migrations.FIRST, index.MIGRATION]
    assert isinstance(migrations.MIGRATIONS, tuple) and not hasattr(migrations, "register")


def test_migration_0010_gives_claims_indexed_before_their_acronym_terms(db_url: str) -> None:
    """A claim indexed before acronym terms existed carries its initials' term after `db migrate`."""
    engine = sa.create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        migrations.migrate(conn=conn, upto="0008_desk")
        stored = Claim(id="c_hk", text="Harbin Kestrel Motors will shut the plant.", entities=["Harbin Kestrel Motors"])
        conn.execute(sa.insert(schema.claims), [claim_row(stored)])
        index.backend_for(conn).clear(conn)  # as a 0008 ledger's index: without the claim's acronym term
    engine.dispose()
    old = Ledger.open(db_url, check_schema=False)
    try:
        assert "0010_links" in old.migrate()
        with old.read() as conn:
            counts = index.count_terms([Claim(text="HKM will keep the plant open.", entities=["HKM"])], conn=conn)
        assert counts["acr_hkm"] == 1
    finally:
        old.close()
