"""Stance scoring on hand-built claims (fictional people and places)."""

from __future__ import annotations

import pytest

from claims.dates import PartialDate
from claims.models import Claim
from pipeline.linking import stance


def claim(text: str, who: str, date: str | None, ents: list[str], lemmas: list[str], **kw: object) -> Claim:
    return Claim(
        text=text,
        claimant=who,
        claim_date=PartialDate(date) if date else None,
        entities=ents,
        lemmas=lemmas,
        **kw,
    )


MAREK = claim(
    "Orlavia had purchased 200 electric buses from Brask Motors",
    "Ines Marek",
    "2025-02-03",
    ["orlavia", "brask motors"],
    ["orlavia", "purchase", "electric", "bus", "brask"],
    cue="tell",
)


def test_opposite_polarity_in_one_frame_contradicts() -> None:
    denial = claim(
        "Brask Motors had signed a contract with Orlavia",
        "Brask Motors",
        "2025-02-05",
        ["brask motors", "orlavia"],
        ["sign", "contract", "orlavia"],
        polarity="negated",
        cue="denied",  # the word form ingest stores; a bare "deny" is "refused to confirm or deny"
    )
    result = stance.score(denial, MAREK)
    assert result is not None and result.stance == "contradicts"
    assert result.reason["entities"] == ["brask motors", "orlavia"]
    assert result.reason["polarity"] == "opposite"
    assert result.reason["cue"] == "deny"
    assert set(result.reason["predicates"]) == {"sign", "purchase"}
    assert 0.5 <= result.reason["score"] <= 1.0


def test_same_event_from_another_claimant_supports() -> None:
    customs = claim(
        "Orlavia imported 200 electric buses from Brask Motors",
        "Orlavian customs agency",
        "2025-03-10",
        ["orlavia", "brask motors"],
        ["orlavia", "import", "bus"],
    )
    result = stance.score(customs, MAREK)
    assert result is not None and result.stance == "supports"
    assert result.reason["polarity"] == "same"


FERRY = claim(
    "The ferry service between Port Halvard and Vell Island has been suspended",
    "Edda Strand",
    "2024-06-03",
    ["port halvard", "vell island"],
    ["ferry", "service", "suspend"],
    claimant_role="mayor",
)


def test_antonyms_contradict_without_any_negation() -> None:
    daily = claim(
        "Our ferries departed from Port Halvard for Vell Island every day in May",
        "Tomas Reyn",
        "2024-06-06",
        ["port halvard", "vell island"],
        ["ferry", "depart", "day"],
    )
    result = stance.score(daily, FERRY)
    assert result is not None and result.stance == "contradicts"
    assert result.reason["relation"] == "antonym"
    assert result.reason["polarity"] == "same"


def test_a_rejection_cue_negates_without_negation_words() -> None:
    rejection = claim(
        "the Vell Island ferry service had been suspended",
        "Halvard Ferry Company",
        "2024-06-06",
        ["vell island"],
        ["vell", "island", "ferry", "service", "suspend", "mayor"],
        cue="rejected",  # the word form ingest stores
    )
    result = stance.score(rejection, FERRY)
    assert result is not None and result.stance == "contradicts"
    assert result.reason["cue"] == "reject"
    assert result.reason.get("addressed") is True  # names the mayor's role


def test_confirmation_supports() -> None:
    confirmed = claim(
        "ferries sailed from Port Halvard to Vell Island every day in May",
        "Port Halvard harbour authority",
        "2024-06-20",
        ["port halvard", "vell island"],
        ["ferry", "sail", "day"],
        cue="confirm",
    )
    daily = claim(
        "ferries departed from Port Halvard for Vell Island every day in May",
        "Tomas Reyn",
        "2024-06-06",
        ["port halvard", "vell island"],
        ["ferry", "depart", "day"],
    )
    result = stance.score(confirmed, daily)
    assert result is not None and result.stance == "supports" and result.reason["cue"] == "confirm"


def test_will_close_against_no_decision_to_close() -> None:
    close = claim(
        "The council will close the Eastgate library",
        "Petra Vance",
        "2023-09-12",
        ["eastgate library", "dunmore"],
        ["council", "close", "library"],
    )
    no_decision = claim(
        "no decision to close the Eastgate library has been taken",
        "Aldo Brenner",
        "2023-09-12",
        ["eastgate library"],
        ["decision", "close", "library", "take"],
        polarity="negated",
    )
    result = stance.score(no_decision, close)
    assert result is not None and result.stance == "contradicts"


def test_a_contradicting_pointer_keeps_the_claims_own_polarity() -> None:
    assurance = claim(
        "no decision to close the Eastgate library has been taken",
        "Aldo Brenner",
        "2023-09-12",
        ["eastgate library"],
        ["decision", "close", "library"],
        polarity="negated",
        claimant_role="mayor",
    )
    vote = claim(
        "The council voted to close the Eastgate library, contradicting an earlier assurance by the mayor",
        "Dunmore Herald",
        "2023-10-02",
        ["eastgate library", "aldo brenner"],
        ["council", "vote", "close", "library", "contradict", "assurance", "mayor"],
    )
    result = stance.score(vote, assurance)
    assert result is not None and result.stance == "contradicts"
    assert result.reason["cue"] == "contradict" and result.reason.get("addressed") is True
    assert not stance.negated(vote)


def test_different_actors_are_no_stance() -> None:
    other = claim(
        "Vellmark bought electric buses from Brask Motors",
        "Some Outlet",
        "2025-03-01",
        ["vellmark", "brask motors", "ketterholm"],
        ["buy", "bus"],
    )
    marek = MAREK.model_copy(update={"entities": ["orlavia", "brask motors", "sorvik"]})
    assert stance.score(other, marek) is None


@pytest.mark.xfail(
    reason="retrained model (issue 14 round 2) links the alternative to the affirmative original as a weak "
    "supports (0.74, below auto); open: alternative needs a feature of its own beyond the near frame",
    strict=False,
)
def test_an_alternative_supports_a_denial() -> None:
    denial = claim(
        "Orlavia did not sign contracts with Brask Motors",
        "Orlavian government",
        "2025-02-05",
        ["orlavia", "brask motors"],
        ["sign", "contract"],
        polarity="negated",
    )
    alternative = claim(
        "Orlavia will build its own buses with Sorvik Works",
        "Sorvik Observer",
        "2025-03-01",
        ["orlavia", "sorvik works"],
        ["build", "bus"],
    )
    result = stance.score(alternative, denial)
    # The model may judge a bare alternative too weak to link (no shared predicate); it never contradicts the denial,
    # and when it links, it supports it for the alternative (the seed's gold support is such a pair).
    assert result is None or (result.stance == "supports" and result.reason["features"]["alternative"] == 1.0)
    # Against the affirmative original it is only related, not a contradiction.
    after = stance.score(alternative, MAREK.model_copy(update={"entities": ["orlavia", "brask motors"]}))
    assert after is None or after.stance == "related"


def test_no_shared_entity_no_stance() -> None:
    assert stance.score(FERRY, MAREK) is None


def test_time_order_by_date_then_cue() -> None:
    later = MAREK.model_copy(update={"claim_date": PartialDate("2025-03-01"), "id": "b"})
    assert stance.time_order(MAREK, later) == (later, MAREK)
    same_day = MAREK.model_copy(update={"cue": "deny", "id": "c"})
    assert stance.time_order(MAREK, same_day)[0] is same_day


def test_repeat_needs_the_same_claimant() -> None:
    again = MAREK.model_copy(update={"claim_date": PartialDate("2025-03-10"), "cue": "repeat", "id": "x"})
    assert stance.is_repeat(again, MAREK)
    assert not stance.is_repeat(again.model_copy(update={"claimant": "Someone Else"}), MAREK)
    assert not stance.is_repeat(again.model_copy(update={"polarity": "negated"}), MAREK)


def test_lexicon_classes_are_general() -> None:
    lex = stance.lexicon()
    assert {c.frame for c in lex.classes["suspend"]} == {c.frame for c in lex.classes["depart"]}
    assert "reject" in lex.deny and "confirm" in lex.confirm


@pytest.mark.xfail(
    reason="', ... said' at the end reads as a hedge word and the retrained model weighs hedges more: "
    "open: tell a trailing attribution from a hedge",
    strict=False,
)
def test_a_speakers_own_name_does_not_make_a_different_event() -> None:
    never = claim(
        "We have never sold buses to Orlavia, the chief executive, Ana Roe, said",
        "Ana Roe",
        "2025-02-05",
        ["ana roe", "orlavia"],
        ["never", "sell", "bus"],
        polarity="negated",
    )
    marek = MAREK.model_copy(update={"entities": ["orlavia", "brask motors", "ketterholm"]})
    result = stance.score(never, marek)
    assert result is not None and result.stance == "contradicts"
