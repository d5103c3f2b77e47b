"""The ledger API behaves the same on SQLite and PostgreSQL (the `ledger` fixture runs both)."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from claims import migrations, schema
from claims.dates import PartialDate
from claims.errors import AmbiguousId, InvalidInput, UnknownId
from claims.ids import content_hash
from claims.ledger import Ledger, LinkRequest
from claims.models import Appearance, Claim, ClaimFilter, Source, SourceRef


def _source(ledger: Ledger, text: str = "Some article text.") -> Source:
    return ledger.add_source(
        Source(
            id="s" + content_hash(text)[:10],
            title="An article",
            url="https://example.org/a",
            text=text,
            content_hash=content_hash(text),
            published=PartialDate("2021-03-04"),
        )
    )


def _three(ledger: Ledger) -> tuple[Claim, Claim, Claim]:
    src = _source(ledger)
    a, b, c = ledger.add_claims(
        [
            Claim(
                text="The minister said drones were delivered.",
                claimant="Minister A",
                claim_date=PartialDate("2021-03-01"),
                source_id=src.id,
                entities=["Drones", "Country X"],
            ),
            Claim(
                text="The committee said no contract was signed.",
                claimant="The Committee",
                claim_date=PartialDate("2021-03-04"),
                polarity="negated",
                entities=["Country X"],
            ),
            Claim(text="An analyst said exports doubled.", claimant="Analyst C", claim_date=PartialDate("2019")),
        ]
    )
    return a, b, c


def test_add_and_get_round_trips_fields(ledger: Ledger) -> None:
    a, b, _ = _three(ledger)
    got = ledger.get_claim(a.id)
    assert got.text == a.text
    assert got.claim_date == PartialDate("2021-03-01")
    assert got.entities == ["Country X", "Drones"]
    assert got.source is not None and got.source.title == "An article"
    assert ledger.get_claim(b.id).polarity == "negated"


def test_list_orders_by_date_and_filters(ledger: Ledger) -> None:
    a, b, c = _three(ledger)
    assert [x.id for x in ledger.list_claims()] == [c.id, a.id, b.id]
    assert [x.id for x in ledger.list_claims(ClaimFilter(since=PartialDate("2021")))] == [a.id, b.id]
    assert [x.id for x in ledger.list_claims(ClaimFilter(until=PartialDate("2020")))] == [c.id]
    assert [x.id for x in ledger.list_claims(ClaimFilter(claimant="committee"))] == [b.id]
    assert [x.id for x in ledger.list_claims(ClaimFilter(entity="Country X"))] == [a.id, b.id]
    assert [x.id for x in ledger.list_claims(ClaimFilter(limit=1, offset=1))] == [a.id]


def test_link_dispute_reject_and_history(ledger: Ledger) -> None:
    a, b, _ = _three(ledger)
    ledger.link(b.id, a.id, "contradicts", note="denial", by="ed", reason={"score": 0.9})
    assert ledger.get_claim(a.id).status == "disputed"
    assert ledger.get_claim(b.id).status == "unverified"
    assert [x.id for x in ledger.list_claims(ClaimFilter(status="disputed"))] == [a.id]
    with ledger.read() as conn:
        evidence = ledger.evidence_for(ledger.get_claim(a.id), conn=conn)
    assert [(e.claim.id, e.stance, e.reason) for e in evidence] == [(b.id, "contradicts", {"score": 0.9})]
    ledger.reject_link(a.id, b.id, by="ed")
    assert ledger.get_claim(a.id).status == "unverified"
    # A rejected pair is never re-linked automatically.
    assert ledger.link(b.id, a.id, "contradicts", origin="auto") is None
    history = ledger.claim_detail(a.id).link_history
    assert [(h.stance, h.rejected) for h in history] == [("contradicts", False), ("contradicts", True)]


def test_supporting_link_corroborates_and_auto_links_are_removable(ledger: Ledger) -> None:
    a, b, _ = _three(ledger)
    ledger.link(b.id, a.id, "supports", origin="auto", reason={"r": 1})
    assert ledger.get_claim(a.id).status == "corroborated"
    with ledger.transaction() as conn:
        assert ledger.remove_auto_links([a.id], conn=conn) == 1
    assert ledger.get_claim(a.id).status == "unverified"


def test_verdicts_append_and_rate_status(ledger: Ledger) -> None:
    a, b, _ = _three(ledger)
    ledger.link(b.id, a.id, "contradicts")
    ledger.rate(a.id, "mostly-false", rationale="first", by="x")
    ledger.rate(a.id, "false", rationale="second", by="y", evidence=["https://example.org/e"])
    got = ledger.get_claim(a.id)
    assert got.status == "rated"
    assert got.verdict is not None and got.verdict.rating == "false"
    detail = ledger.claim_detail(a.id)
    assert [v.rating for v in detail.verdict_history] == ["mostly-false", "false"]
    assert detail.verdict_history[1].evidence == ["https://example.org/e"]
    with pytest.raises(InvalidInput):
        ledger.rate(a.id, "pants-on-fire")


def test_prefix_ids(ledger: Ledger) -> None:
    made = ledger.add_claims([Claim(id=f"cab{i:08d}", text=f"Claim {i}.") for i in range(3)])
    assert ledger.claim_id("cab00000001") == made[1].id
    with pytest.raises(AmbiguousId):
        ledger.claim_id("cab")
    with pytest.raises(UnknownId):
        ledger.claim_id("czzz")
    # LIKE wildcards in a prefix are literal characters.
    with pytest.raises(UnknownId):
        ledger.claim_id("c_b")


def test_sources_and_appearances(ledger: Ledger) -> None:
    src = _source(ledger)
    assert ledger.find_source(src.content_hash) is not None
    assert ledger.latest_revision("https://example.org/a").id == src.id
    assert ledger.get_source(src.id[:5]).text == "Some article text."
    claim = ledger.add_claim(Claim(text="X said Y.", claimant="X", source_id=src.id))
    ledger.add_appearance(
        claim.id, Appearance(source=SourceRef(id=src.id), claim_date=PartialDate("2021-05"), span=(1, 4))
    )
    got = ledger.get_claim(claim.id)
    assert got.appearances[0].span == (1, 4)
    assert got.appearances[0].source.title == "An article"


def test_settings_and_failed_transaction_leaves_nothing(ledger: Ledger) -> None:
    ledger.set_setting("k", "1")
    ledger.set_setting("k", "2")
    assert ledger.get_setting("k") == "2"
    with pytest.raises(UnknownId), ledger.transaction() as conn:
        ledger.add_claims([Claim(text="Half-written.")], conn=conn)
        ledger.link("cnope", "cnope2", "supports", conn=conn)
    assert ledger.list_claims() == []


def test_fresh_ledger_has_every_migration(ledger: Ledger) -> None:
    assert ledger.schema_version() == migrations.names()


def test_migrate_from_first_version(db_url: str) -> None:
    """A ledger made at 0001_initial upgrades in place, keeping its rows."""
    from claims.ledger import resolve_url

    engine = sa.create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        assert migrations.migrate(conn=conn, upto=migrations.FIRST) == [migrations.FIRST]
        conn.execute(sa.insert(schema.settings).values(key="kept", value="yes"))
    engine.dispose()
    pending = [m for m in migrations.names() if m != migrations.FIRST]
    if pending:
        from claims.ledger import SchemaOutdated

        with pytest.raises(SchemaOutdated):
            Ledger.open(db_url)
    ledger = Ledger.open(db_url, check_schema=False)
    try:
        assert ledger.migrate() == pending
        assert ledger.schema_version() == migrations.names()
        assert ledger.get_setting("kept") == "yes"
        assert ledger.migrate() == []
        ledger.add_claim(Claim(text="After the upgrade.", entities=["E"]))
        assert len(ledger.list_claims()) == 1
    finally:
        ledger.close()


def test_merged_into_index_is_partial(ledger: Ledger) -> None:
    """The partial index keeps its condition though the schema names no dialect (start-up loads none it needn't)."""
    if ledger.dialect == "sqlite":
        query = "SELECT sql FROM sqlite_master WHERE name = 'ix_claims_merged_into'"
    else:
        # This ledger's own schema: other tests' ledgers on the same server have an index of the same name.
        query = (
            "SELECT indexdef FROM pg_indexes"
            " WHERE indexname = 'ix_claims_merged_into' AND schemaname = current_schema()"
        )
    with ledger.read() as conn:
        ddl = conn.exec_driver_sql(query).scalar_one()
    assert "merged_into IS NOT NULL" in ddl


class _Rollback(Exception):
    pass


def test_link_many_matches_link_one_at_a_time(ledger: Ledger) -> None:
    """Bulk linking follows exactly the rules of `link`: manual links and rejections win."""
    ids = [c.id for c in ledger.add_claims([Claim(text=f"Claim {i}.", claimant=f"P{i % 3}") for i in range(6)])]
    ledger.link(ids[1], ids[0], "supports")  # manual: auto may not override
    ledger.link(ids[2], ids[0], "contradicts", origin="auto", reason={"s": 1})
    ledger.reject_link(ids[3], ids[0])
    ledger.link(ids[4], ids[5], "related", origin="auto", reason={"s": 2})
    batch = [
        (ids[1], ids[0], "contradicts", {"s": 3}),  # refused: manual link
        (ids[2], ids[0], "contradicts", {"s": 1}),  # unchanged
        (ids[3], ids[0], "supports", None),  # refused: rejected
        (ids[0], ids[3], "supports", None),  # refused: reverse rejected
        (ids[5], ids[4], "contradicts", {"s": 4}),  # new (reverse is auto)
        (ids[4], ids[5], "supports", {"s": 5}),  # changes an auto link
        (ids[5], ids[2], "contradicts", {"s": 6}),  # new
        (ids[5], ids[2], "supports", {"s": 7}),  # same pair again in the batch: the last wins
    ]

    captured = []
    for bulk in (False, True):
        with pytest.raises(_Rollback), ledger.transaction() as conn:
            if bulk:
                results = ledger.link_many(batch, origin="auto", conn=conn)
            else:
                results = [ledger.link(f, t, s, origin="auto", reason=r, conn=conn) for f, t, s, r in batch]
            captured.append(_snapshot_in(ledger, conn, ids, results))
            raise _Rollback
    assert captured[0] == captured[1]
    assert captured[1][0][0] is None and captured[1][0][4] is not None
    with pytest.raises(UnknownId), ledger.transaction() as conn:
        ledger.link_many([(ids[0], "cmissing000", "supports", None)], conn=conn)


def test_link_many_keeps_stored_status_equal_to_the_rules(ledger: Ledger) -> None:
    """Statuses climbed by bulk linking equal statuses derived again from all links and verdicts."""
    rng = random.Random(3)
    ids = [c.id for c in ledger.add_claims([Claim(text=f"Claim {i}.", claimant=f"P{i % 4}") for i in range(12)])]
    ledger.rate(ids[0], "false")
    for round_ in range(15):
        batch = []
        for _ in range(rng.randint(1, 6)):
            a, b = rng.sample(ids, 2)
            batch.append((a, b, rng.choice(["supports", "contradicts", "related"]), {"round": round_}))
        with ledger.transaction() as conn:
            ledger.link_many(batch, origin="auto", conn=conn)
        if round_ % 5 == 4:
            ledger.reject_link(*rng.sample(ids, 2))
    with ledger.read() as conn:
        climbed = [c.status for c in ledger.hydrate(ids, conn=conn)]
    ledger.refresh_status(ids)
    with ledger.read() as conn:
        assert [c.status for c in ledger.hydrate(ids, conn=conn)] == climbed
    assert {"disputed", "rated"} <= set(climbed)


def _snapshot_in(ledger: Ledger, conn: sa.Connection, ids: list[str], results: list) -> tuple:
    state = sorted(
        (r.from_id, r.to_id, r.stance, r.origin, r.rejected, r.reason) for r in conn.execute(sa.select(schema.links))
    )
    events = conn.execute(sa.select(sa.func.count()).select_from(schema.link_events)).scalar()
    outcome = [None if r is None else (r.from_id, r.to_id, r.stance, r.reason) for r in results]
    statuses = [c.status for c in ledger.hydrate(ids, conn=conn)]
    return outcome, state, events, statuses


def test_evidence_for_many_matches_evidence_for(ledger: Ledger) -> None:
    claims = ledger.add_claims(
        [Claim(text=f"Claim {i}.", claimant=f"P{i}", claim_date=PartialDate(f"2020-0{i + 1}")) for i in range(5)]
    )
    ids = [c.id for c in claims]
    ledger.link(ids[1], ids[0], "contradicts", reason={"r": 1}, note="n")
    ledger.link(ids[2], ids[0], "supports")
    ledger.link(ids[0], ids[3], "related", origin="auto")
    ledger.link(ids[4], ids[3], "contradicts")
    ledger.reject_link(ids[4], ids[3])
    with ledger.read() as conn:
        fresh = ledger.hydrate(ids, conn=conn)
        many = ledger.evidence_for_many(fresh, conn=conn)
        assert many == {c.id: ledger.evidence_for(c, conn=conn) for c in fresh}
    assert [e.claim.id for e in many[ids[0]]] == [ids[1], ids[2], ids[3]]
    assert many[ids[4]] == []


def test_sync_auto_links_touches_only_what_differs(ledger: Ledger) -> None:
    ids = [c.id for c in ledger.add_claims([Claim(text=f"Claim {i}.", claimant=f"P{i}") for i in range(5)])]
    ledger.link(ids[1], ids[0], "supports", origin="auto", reason={"s": 1})  # stays
    ledger.link(ids[2], ids[0], "contradicts", origin="auto", reason={"s": 2})  # stale
    ledger.link(ids[3], ids[0], "related", origin="auto", reason={"s": 3})  # changes
    ledger.link(ids[4], ids[3], "supports")  # manual: a desired auto link over it is refused
    kept = ledger.current_link(ids[1], ids[0])
    desired = {
        (ids[1], ids[0]): LinkRequest(ids[1], ids[0], "supports", {"s": 1}),
        (ids[3], ids[0]): LinkRequest(ids[3], ids[0], "supports", {"s": 4}),
        (ids[4], ids[0]): LinkRequest(ids[4], ids[0], "related", {"s": 5}),
        (ids[4], ids[3]): LinkRequest(ids[4], ids[3], "contradicts", {"s": 6}),
    }
    changes = ledger.sync_auto_links(desired)
    assert changes.removed == [(ids[2], ids[0])] and changes.changed == [(ids[3], ids[0])]
    assert changes.added == [(ids[4], ids[0])] and (changes.unchanged, changes.refused) == (1, 1)
    assert ledger.current_link(ids[1], ids[0]) == kept
    assert ledger.current_link(ids[2], ids[0]) is None
    assert ledger.get_claim(ids[0]).status == "corroborated"  # the contradiction went with the stale link
    again = ledger.sync_auto_links(desired)
    assert (again.added, again.changed, again.removed, again.unchanged, again.refused) == ([], [], [], 3, 1)
