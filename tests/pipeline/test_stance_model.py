"""Propositions, pair features and the learned stance on hand-written claims (fictional people and places)."""

from __future__ import annotations

from claims.models import Claim
from pipeline.linking import judge, proposition, stance
from pipeline.linking.model import stance_model


def c(text: str, who: str, ents: list[str], lemmas: list[str], **kw: object) -> Claim:
    return Claim(text=text, claimant=who, entities=ents, lemmas=lemmas, **kw)


def test_frames_are_read_from_the_words() -> None:
    p = proposition.build("Reports that Lio Brandt died are a hoax")
    assert p.debunk and not p.negated
    assert proposition.build("Kesh denied that the talks took place").deny
    assert proposition.build("There is no evidence that the dockworkers will strike").no_evidence


def test_may_or_may_not_is_a_hedge_not_a_negation() -> None:
    p = proposition.build("Kestria may or may not have received the loan")
    assert p.double_hedge and p.hedge and not p.negated
    assert not proposition.build("Ferries sailed every day in May").hedge  # the month is no modal


def test_negation_in_a_relative_clause_is_not_the_claims_own() -> None:
    assert not proposition.build("The channel planned a panel that didn't include any women").negated
    assert proposition.build("No, the channel did not plan such a panel").negated


def test_quantities_are_read_with_their_scale() -> None:
    assert proposition.build("Kestria received a loan of 19 million euros in 2021").numbers == frozenset({19e6})


def test_incompatible_values_contradict() -> None:
    earlier = c(
        "Kestria received a loan of 19 million euros from the Baltic Fund",
        "A",
        ["kestria", "baltic fund"],
        ["kestria", "receive", "loan", "million", "euro", "baltic", "fund"],
    )
    later = c(
        "Kestria received a loan of 5 million euros from the Baltic Fund",
        "B",
        ["kestria", "baltic fund"],
        ["kestria", "receive", "loan", "million", "euro", "baltic", "fund"],
    )
    result = stance.score(later, earlier)
    assert result is not None and result.stance == "contradicts"
    assert "incompatible values" in result.reason["text"]
    assert result.reason["features"]["number_conflict"] == 1.0


def test_a_debunking_headline_contradicts_and_a_hedged_one_only_observes() -> None:
    earlier = c(
        "Singer Lio Brandt died in a car crash", "A", ["lio brandt"], ["singer", "lio", "brandt", "die", "car", "crash"]
    )
    hoax = c("Lio Brandt death reports are a hoax", "B", ["lio brandt"], ["lio", "brandt", "death", "report", "hoax"])
    hedged = c("Lio Brandt has reportedly died in a crash", "C", ["lio brandt"], ["lio", "brandt", "die", "crash"])
    result = stance.score(hoax, earlier)
    assert result is not None and result.stance == "contradicts"
    observed = stance.score(hedged, earlier)
    assert observed is None or observed.stance != "contradicts"


def test_sharing_a_name_is_not_enough() -> None:
    earlier = c(
        "Dalia Roe resigned as chief executive of Norvane",
        "A",
        ["dalia roe", "norvane"],
        ["dalia", "roe", "resign", "chief", "executive", "norvane"],
    )
    other = c(
        "Dalia Roe spoke at an industry dinner on Tuesday",
        "B",
        ["dalia roe"],
        ["dalia", "roe", "speak", "industry", "dinner", "tuesday"],
    )
    result = stance.score(other, earlier)
    assert result is None or result.stance != "contradicts"


def test_the_authors_own_sentences_never_link() -> None:
    a = c(
        "The harbour bridge opened in May",
        "Harbour Herald",
        ["harbour bridge"],
        ["harbour", "bridge", "open", "may"],
        source_id="s1",
    )
    b = c(
        "The harbour bridge did not open in May",
        "Harbour Herald",
        ["harbour bridge"],
        ["harbour", "bridge", "open", "may"],
        polarity="negated",
        source_id="s1",
    )
    assert stance.score(b, a) is None
    unattributed = [x.model_copy(update={"claimant": None}) for x in (a, b)]
    assert stance.score(unattributed[1], unattributed[0]) is None


def test_two_speakers_in_one_article_may_contradict() -> None:
    a = c(
        "The harbour bridge opened in May",
        "Ines Varga",
        ["harbour bridge"],
        ["harbour", "bridge", "open", "may"],
        source_id="s1",
    )
    b = c(
        "The harbour bridge did not open in May",
        "Tomas Reyn",
        ["harbour bridge"],
        ["harbour", "bridge", "open", "may"],
        polarity="negated",
        source_id="s1",
        cue="said",
    )
    result = stance.score(b, a.model_copy(update={"cue": "said"}))  # quoted speakers: the author's narration has no cue
    assert result is not None and result.stance == "contradicts"


def test_each_link_carries_confidence_auto_and_a_sentence() -> None:
    earlier = c(
        "The harbour bridge opened in May", "Ines Varga", ["harbour bridge"], ["harbour", "bridge", "open", "may"]
    )
    later = c(
        "The harbour bridge did not open in May",
        "Tomas Reyn",
        ["harbour bridge"],
        ["harbour", "bridge", "open", "may"],
        polarity="negated",
    )
    result = stance.score(later, earlier)
    assert result is not None
    assert 0.0 <= result.confidence <= 1.0 and result.reason["confidence"] == round(result.confidence, 3)
    assert result.auto == (result.confidence >= judge.auto_threshold(result.stance))
    assert result.reason["text"].startswith("Tomas Reyn said that the harbour bridge did not open in May:")


def test_the_auto_threshold_is_a_parameter() -> None:
    assert judge.is_auto("contradicts", 0.95, threshold=0.9)
    assert not judge.is_auto("contradicts", 0.85, threshold=0.9)
    assert not judge.is_auto("observing", 0.99)
    assert judge.auto_threshold() == stance_model().auto_threshold


def test_model_probabilities_sum_to_one() -> None:
    probs = stance_model().probabilities({"bias": 1.0, "neg_differ": 1.0})
    assert abs(sum(probs.values()) - 1.0) < 1e-9 and set(probs) == {"none", "supports", "contradicts", "observing"}
