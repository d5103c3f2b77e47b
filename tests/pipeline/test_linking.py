"""Linking on hand-built claims, on both backends: links, merges, rejections, relink."""

from __future__ import annotations

import sqlalchemy as sa

from claims import schema
from claims.dates import PartialDate
from claims.ids import content_hash
from claims.ledger import Ledger
from claims.models import Claim, Source
from pipeline.linking.link import LinkingResult, link_new_claims, relink


def _source(ledger: Ledger, text: str, conn: sa.Connection) -> str:
    src = Source(id="s" + content_hash(text)[:10], title=text, text=text, content_hash=content_hash(text))
    return ledger.add_source(src, conn=conn).id


def ingest(ledger: Ledger, text: str, claims: list[Claim]) -> LinkingResult:
    """What ingest does per source: one transaction, claims stored and linked inside it."""
    with ledger.transaction() as conn:
        sid = _source(ledger, text, conn)
        return link_new_claims(ledger, [c.model_copy(update={"source_id": sid}) for c in claims], conn=conn)


def marek(date: str = "2025-02-03", cue: str = "tell") -> Claim:
    return Claim(
        text="Orlavia had purchased 200 electric buses from Brask Motors",
        claimant="Ines Marek",
        claimant_role="transport minister",
        claim_date=PartialDate(date),
        entities=["orlavia", "brask motors"],
        lemmas=["purchase", "electric", "bus"],
        cue=cue,
    )


DENIAL = Claim(
    text="Brask Motors had signed a contract with Orlavia",
    claimant="Brask Motors",
    claim_date=PartialDate("2025-02-05"),
    entities=["brask motors", "orlavia"],
    lemmas=["sign", "contract"],
    polarity="negated",
    cue="denied",  # the word form ingest stores
)
CUSTOMS = Claim(
    text="Orlavia imported 200 electric buses from Brask Motors in January",
    claimant="Orlavian customs agency",
    claim_date=PartialDate("2025-03-10"),
    entities=["orlavia", "brask motors"],
    lemmas=["import", "electric", "bus"],
)


def _events(ledger: Ledger) -> int:
    with ledger.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.link_events)).scalar_one()


def test_a_later_denial_contradicts_and_disputes(ledger: Ledger) -> None:
    first = ingest(ledger, "article one", [marek()])
    second = ingest(ledger, "article two", [DENIAL])
    assert first.links == 0 and second.links == 1 and second.merged == 0
    (decision,) = second.decisions
    original, denial = first.claims[0], second.claims[0]
    assert (decision.from_id, decision.to_id, decision.stance) == (denial.id, original.id, "contradicts")
    assert set(decision.reason) >= {"entities", "predicates", "cue", "polarity", "score"}
    assert ledger.get_claim(original.id).status == "disputed"
    links = ledger.get_claim(original.id).links
    assert [(lk.claim_id, lk.stance, lk.direction) for lk in links] == [(denial.id, "contradicts", "from")]
    assert links[0].reason == decision.reason


def test_corroboration_supports_and_contradicts_the_denial(ledger: Ledger) -> None:
    original = ingest(ledger, "a1", [marek()]).claims[0]
    denial = ingest(ledger, "a2", [DENIAL]).claims[0]
    result = ingest(ledger, "a3", [CUSTOMS])
    got = {(d.to_id, d.stance) for d in result.decisions}
    assert got == {(original.id, "supports"), (denial.id, "contradicts")}
    # Only a link at or above the auto threshold counts; one below it is a suggestion waiting for a person.
    (contra,) = [d for d in result.decisions if d.stance == "contradicts"]
    assert ledger.get_claim(denial.id).status == ("disputed" if contra.auto else "unverified")
    stored = ledger.current_link(contra.from_id, contra.to_id)
    assert stored is not None and stored.origin == contra.origin and stored.review_state == (
        "automatic" if contra.auto else "suggested"
    )


def test_within_one_article_text_order_decides_who_answers(ledger: Ledger) -> None:
    denial = DENIAL.model_copy(update={"claim_date": PartialDate("2025-02-03"), "span": (80, 120)})
    result = ingest(ledger, "one article", [denial, marek().model_copy(update={"span": (0, 60)})])
    (decision,) = result.decisions
    assert decision.from_id == result.claims[0].id and decision.stance == "contradicts"


def test_across_sources_on_one_day_the_denial_cue_answers(ledger: Ledger) -> None:
    denial = DENIAL.model_copy(update={"claim_date": PartialDate("2025-02")})  # month only: overlaps the 3rd
    first = ingest(ledger, "the denial", [denial]).claims[0]
    result = ingest(ledger, "the claim", [marek()])
    (decision,) = result.decisions
    assert (decision.from_id, decision.stance) == (first.id, "contradicts")


def test_a_repeat_by_the_same_claimant_becomes_an_appearance(ledger: Ledger) -> None:
    original = ingest(ledger, "first article", [marek()]).claims[0]
    result = ingest(ledger, "second article", [marek("2025-03-10", cue="repeat")])
    assert result.claims == [] and list(result.merged_into.values()) == [original.id]
    assert len(ledger.list_claims()) == 1
    stored = ledger.get_claim(original.id)
    assert [str(a.claim_date) for a in stored.appearances] == ["2025-03-10"]
    # A repeat inside one batch merges too, without a second appearance for the same article.
    again = ingest(ledger, "third article", [marek("2025-04-01"), marek("2025-04-01", cue="add")])
    assert again.merged == 2 and len(ledger.get_claim(original.id).appearances) == 2


def test_the_same_claimant_never_corroborates_itself(ledger: Ledger) -> None:
    ingest(ledger, "a", [marek()])
    other = marek("2025-03-01").model_copy(update={"text": "Orlavia bought buses", "lemmas": ["buy", "sorvik"]})
    result = ingest(ledger, "b", [other.model_copy(update={"entities": ["orlavia", "brask motors", "sorvik"]})])
    assert result.links == 0


def test_rejection_and_manual_links_survive_relink(ledger: Ledger) -> None:
    original = ingest(ledger, "a1", [marek()]).claims[0]
    denial = ingest(ledger, "a2", [DENIAL]).claims[0]
    customs = ingest(ledger, "a3", [CUSTOMS]).claims[0]
    ledger.reject_link(denial.id, original.id, by="editor")
    ledger.link(customs.id, denial.id, "related", note="checked by hand")  # an old stance, still read
    support = ledger.current_link(customs.id, original.id)
    assert support is not None
    expected = "corroborated" if support.origin == "auto" else "unverified"  # a suggestion counts for nothing
    assert ledger.get_claim(original.id).status == expected
    summary = relink(ledger)
    assert summary.refused == 2 and summary.removed == 0
    assert ledger.get_claim(original.id).status == expected
    current = ledger.current_link(denial.id, original.id)
    assert current is not None and current.rejected
    manual = ledger.current_link(customs.id, denial.id)
    assert manual is not None and (manual.origin, manual.stance) == ("manual", "related")


def test_relink_is_idempotent_and_drops_stale_auto_links(ledger: Ledger) -> None:
    ingest(ledger, "a1", [marek()])
    ingest(ledger, "a2", [DENIAL])
    stray = ingest(ledger, "a3", [Claim(text="Unrelated", claimant="X", entities=["nowhere"], lemmas=["walk"])])
    original = ledger.list_claims()[0]
    ledger.link(stray.claims[0].id, original.id, "supports", origin="auto", reason={"score": 0.1})
    first = relink(ledger)
    assert first.removed == 1 and first.unchanged + first.added == 1
    events = _events(ledger)
    state = [(c.id, c.status, [(lk.claim_id, lk.stance) for lk in c.links]) for c in ledger.list_claims()]
    second = relink(ledger)
    assert (second.added, second.changed, second.removed) == (0, 0, 0) and second.unchanged == 1
    assert _events(ledger) == events
    assert [(c.id, c.status, [(lk.claim_id, lk.stance) for lk in c.links]) for c in ledger.list_claims()] == state


def test_a_repeat_naming_no_entity_still_merges(ledger: Ledger) -> None:
    """Retrieval needs a shared entity; a claim naming none finds its repeat through its claimant instead."""
    plain = Claim(
        text="The new footbridge was finished on time",
        claimant="Ines Marek",
        claim_date=PartialDate("2025-02-03"),
        lemmas=["new", "footbridge", "finish", "time"],
    )
    original = ingest(ledger, "council report", [plain]).claims[0]
    result = ingest(ledger, "fact-check page", [plain.model_copy(update={"claim_date": PartialDate("2025-02-10")})])
    assert result.claims == [] and result.merged_into and set(result.merged_into.values()) == {original.id}
    # Without entities only the content words say what a claim is about: a different one is not a repeat.
    other = plain.model_copy(update={"text": "The new tunnel was finished late", "lemmas": ["new", "tunnel", "finish"]})
    assert ingest(ledger, "another report", [other]).merged == 0
    assert len(ledger.list_claims()) == 2


def test_relink_reports_exactly_what_it_changed(ledger: Ledger) -> None:
    original = ingest(ledger, "a1", [marek()]).claims[0]
    denial = ingest(ledger, "a2", [DENIAL]).claims[0]
    customs = ingest(ledger, "a3", [CUSTOMS]).claims[0]
    stray = ingest(ledger, "a4", [Claim(text="Unrelated", claimant="X", entities=["nowhere"], lemmas=["walk"])])
    good = {(lk.from_id, lk.to_id): lk for lk in (ledger.current_link(denial.id, original.id),) if lk}
    assert len(good) == 1
    # One stale link into a claim with good links, and one good link whose stance went wrong.
    ledger.link(stray.claims[0].id, original.id, "supports", origin="auto", reason={"score": 0.1})
    ledger.link(customs.id, original.id, "related", origin="auto", reason={"score": 0.2})
    events = _events(ledger)
    summary = relink(ledger)
    assert (summary.added, summary.changed, summary.removed, summary.unchanged) == (0, 1, 1, 2)
    assert _events(ledger) == events + 2  # the changed link and the removal's event; untouched links none
    removal = [e for e in ledger.history(stray.claims[0].id) if e.kind == "link-removed"]
    assert [(e.detail["to_id"], e.detail["stance"], e.detail["origin"]) for e in removal] == [
        (original.id, "supports", "auto")
    ]
    kept = ledger.current_link(denial.id, original.id)
    assert kept == good[(denial.id, original.id)]  # not removed and re-added: the same link, same time
    fixed = ledger.current_link(customs.id, original.id)
    assert fixed is not None and fixed.stance == "supports"
    assert ledger.current_link(stray.claims[0].id, original.id) is None
    assert ledger.get_claim(original.id).status == "disputed"
    assert ledger.get_claim(stray.claims[0].id).links == []


def test_link_new_claims_opens_its_own_transaction_without_conn(ledger: Ledger) -> None:
    first = link_new_claims(ledger, [marek()])
    second = link_new_claims(ledger, [DENIAL])
    assert first.links == 0 and second.links == 1
    assert ledger.get_claim(first.claims[0].id).status == "disputed"
