"""Linking and the review queue, on both backends: suggestions, decisions that survive, relink = ingest-time."""

from __future__ import annotations

from claims.ids import content_hash
from claims.ledger import Ledger, LinkRequest
from claims.models import Claim, Source
from claims.review_store import suggestion_id
from pipeline.linking.link import LinkingResult, link_new_claims, relink
from tests.pipeline.test_linking import CUSTOMS, DENIAL, marek


def ingest(ledger: Ledger, text: str, claims: list[Claim]) -> LinkingResult:
    """What ingest does per source (one transaction); the same text again finds its stored source (re-ingest)."""
    digest = content_hash(text)
    with ledger.transaction() as conn:
        found = ledger.find_source(digest, conn=conn)
        source = found or ledger.add_source(
            Source(id="s" + digest[:10], title=text, text=text, content_hash=digest), conn=conn
        )
        return link_new_claims(ledger, [c.model_copy(update={"source_id": source.id}) for c in claims], conn=conn)

ORIGINAL = marek().model_copy(update={"id": "c0000000001"})
DENIED = DENIAL.model_copy(update={"id": "c0000000002"})
IMPORTED = CUSTOMS.model_copy(update={"id": "c0000000003"})


def _story(ledger: Ledger) -> None:
    ingest(ledger, "a1", [ORIGINAL])
    ingest(ledger, "a2", [DENIED])
    ingest(ledger, "a3", [IMPORTED])


def _links(ledger: Ledger) -> dict[tuple[str, str], tuple[str | None, str, bool, str | None]]:
    out = {}
    for claim in ledger.list_claims():
        for ev in ledger.evidence_for(claim):
            if ev.direction == "to":
                out[(claim.id or "", ev.claim.id or "")] = (ev.stance, ev.origin, False, str(ev.reason))
    return out


def test_each_link_is_automatic_or_a_suggestion_and_only_automatic_ones_count(ledger: Ledger) -> None:
    ingest(ledger, "a1", [ORIGINAL])
    ingest(ledger, "a2", [DENIED])
    result = ingest(ledger, "a3", [IMPORTED])
    assert result.decisions
    for d in result.decisions:
        assert d.stance in ("supports", "contradicts")  # "related" is never produced
        stored = ledger.current_link(d.from_id, d.to_id)
        assert stored is not None and stored.origin == d.origin == ("auto" if d.reason["auto"] else "suggested")
    pending = {(s.from_claim.id, s.to_claim.id) for s in ledger.suggestions()}
    assert pending == {(d.from_id, d.to_id) for d in result.decisions if not d.auto}
    # The earlier claims' statuses follow only the automatic links into them.
    counted = {d.to_id: d.stance for d in result.decisions if d.auto}
    assert ledger.get_claim(DENIED.id or "").status == (
        "disputed" if counted.get(DENIED.id) == "contradicts" else "unverified"
    )


def test_ingest_time_links_and_relink_agree(ledger: Ledger) -> None:
    _story(ledger)
    ingest(ledger, "a4", [Claim(text="Orlavia ordered trams", claimant="Tram union", entities=["orlavia"],
                                lemmas=["order", "tram"])])  # fmt: skip
    before = _links(ledger)
    assert before
    summary = relink(ledger)
    assert (summary.added, summary.changed, summary.removed, summary.refused) == (0, 0, 0, 0)
    assert summary.unchanged == len(before) and summary.suggested == sum(v[1] == "suggested" for v in before.values())
    assert _links(ledger) == before


def test_accepted_and_rejected_decisions_survive_relink_and_reingest(ledger: Ledger) -> None:
    _story(ledger)
    o, d, i = ORIGINAL.id or "", DENIED.id or "", IMPORTED.id or ""
    # Make the customs pair a suggestion whatever the model's confidence today, then decide it.
    ledger.link_many([LinkRequest(i, d, "contradicts", {"confidence": 0.6, "auto": False}, origin="suggested")])
    ledger.accept_suggestion(suggestion_id(i, d), by="desk", note="customs papers seen")
    ledger.reject_link(d, o, by="desk", note="the contract was another one")
    statuses = {c.id: c.status for c in ledger.list_claims()}
    assert statuses[d] == "disputed"
    for _ in range(2):
        relink(ledger)
        _story(ledger)  # the same claims again: stored already, linked again
        accepted, rejected = ledger.current_link(i, d), ledger.current_link(d, o)
        assert accepted is not None and (accepted.origin, accepted.note) == ("accepted", "customs papers seen")
        assert rejected is not None and rejected.rejected and rejected.note == "the contract was another one"
        assert {c.id: c.status for c in ledger.list_claims()} == statuses
    assert ledger.current_link(o, d) is None  # nor the other way round


def test_the_authors_own_sentences_never_link_but_two_speakers_in_one_article_do(ledger: Ledger) -> None:
    speakers = [
        ORIGINAL.model_copy(update={"id": None, "span": (0, 60)}),
        DENIED.model_copy(update={"id": None, "span": (80, 120)}),
    ]
    (decision,) = ingest(ledger, "report", speakers).decisions
    assert decision.stance == "contradicts"
    own = [
        ORIGINAL.model_copy(update={"id": None, "claimant": None, "claimant_role": None, "span": (0, 60)}),
        DENIED.model_copy(update={"id": None, "claimant": None, "span": (80, 120)}),
    ]
    editorial = ingest(ledger, "editorial", own)
    mine = {c.id for c in editorial.claims}
    assert len(mine) == 2
    assert [d for d in editorial.decisions if {d.from_id, d.to_id} <= mine] == []
    # Relink agrees: the author's pair stays unlinked.
    relink(ledger)
    a, b = sorted(mine)
    assert ledger.current_link(a, b) is None and ledger.current_link(b, a) is None  # type: ignore[arg-type]
