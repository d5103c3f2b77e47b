"""Pair features for stance: how two claims' propositions align, and what each says about the other's truth.

Every feature is a number in [0, 1] (or a small count scaled into it) with a name,
so the model file stores one weight per name and the reason on a link can show
the features that fired. Alignment features say whether the two claims are about
the same proposition (who, predicate, what, values); frame features say how the
later claim holds the proposition (negated, denied, debunked, hedged, confirmed).
Products of the two carry the interactions a linear model cannot form itself:
a denial only contradicts what it is aimed at.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from claims.models import Claim
from pipeline.linking import proposition as props
from pipeline.linking.proposition import Proposition

NAMES: tuple[str, ...] = (
    "bias",
    "content_overlap",  # shared content words over the smaller side
    "content_jaccard",
    "shared_content",  # count, scaled: min(n, 5) / 5
    "prefix_overlap",  # shared 5-letter word prefixes over the smaller side (segregate / segregation)
    "text_similarity",  # token-set similarity of the two texts (rapidfuzz), for paraphrased headlines
    "entity_overlap",
    "entity_only_both",  # each side names an entity the other does not (another actor, another place)
    "entity_keys_overlap",  # the extractor's entity keys (demonyms folded into countries) over the smaller side
    "entity_keys_shared",  # count, scaled: min(n, 3) / 3
    "subject_overlap",
    "subject_conflict",  # each subject names an actor the other claim never mentions (Vellmark bought / Orlavia bought)
    "object_overlap",
    "predicate_lemma",  # the lexicon's match: same lemma or class
    "predicate_frame",  # same frame (bought / concluded a contract)
    "predicate_antonym",  # same frame, opposite sense (suspended / departed every day)
    "predicate_near",  # related frames (bought / will produce)
    "alternative",  # "did not buy X" borne out by "will make Y instead" (near frame, other names, earlier negated)
    "number_conflict",  # both give quantities and none agrees
    "number_agree",
    "neg_later",
    "neg_earlier",
    "neg_differ",
    "deny_later",
    "deny_earlier",
    "debunk_later",
    "debunk_earlier",
    "no_evidence_later",
    "hedge_later",
    "hedge_earlier",
    "question_later",
    "double_hedge_later",
    "confirm_later",
    "modal_later",
    "attributed_later",
    "leading_no_later",  # "No, X did not ...": an answer aimed at the claim
    "opposed_aligned",  # (negation differs, a denial or debunk on one side only) x alignment
    "antonym_aligned",
    "conflict_aligned",  # incompatible values x alignment
    "hedge_aligned",
    "plain_aligned",  # aligned, same truth, no frame: a plain repeat from another source
    "proposition_opposed",  # two entity keys and a predicate of one class or frame, opposite truth
    "proposition_same",  # the same, same truth
    "topic_overlap",  # content words that are no part of a name or a date, over the smaller side: what, not who
    "topic_shared",  # count, scaled: min(n, 3) / 3
    "names_only",  # the two share names but no other content word: "sharing a name is not enough"
    "truth_opposed",  # one side holds the proposition false (negated, denied, debunked, called off), the other not
    "truth_opposed_topic",  # the same x topic overlap: opposite truth about the same thing
    "false_earlier_topic",  # the earlier claim held it false and the later asserts it (a denial, then a confirmation)
    "cancel_differ",  # one side calls the event off
    "tense_conflict",  # one claim is about the future, the other about the past
    "year_conflict",  # both name years and none agrees
    "double_hedge_earlier",
    "historic_vs_now",  # one claim is a past event dated by its year, the other is about now or later
    "topic_stems_meet",  # a topic word of each side shares its first four letters (shut / shutdown)
    "theme_same",  # the same proposition by lemma identity: an entity key and a topic lemma in common, one actor
    "theme_opposed",  # the same, opposite truth (negated, denied, debunked on one side only): outside the lexicon
    "theme_same_truth",  # the same, same truth, later not hedged
)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _actor_words(p: Proposition) -> frozenset[str]:
    return frozenset(w for w in p.name_words if len(w) > 2) & p.subject


def _subject_conflict(a: Proposition, b: Proposition) -> float:
    """Both subjects name an entity, and neither claim mentions the other's: two actors, two events."""
    xa, xb = _actor_words(a), _actor_words(b)
    if not xa or not xb:
        return 0.0
    words_a, words_b = a.wordset, b.wordset

    def mentioned(actors: frozenset[str], words: frozenset[str]) -> bool:
        # "orlavian" meets "orlavia": a demonym or a shortened name is the same actor
        return any(
            x == w or (min(len(x), len(w)) >= 4 and (x.startswith(w) or w.startswith(x))) for x in actors for w in words
        )

    return float(not mentioned(xa, words_b) and not mentioned(xb, words_a))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _entities_meet(a: Proposition, b: Proposition) -> tuple[float, float]:
    """Overlap of entity keys (a key meets a key it starts, or a content word of the other) and 'each names
    another'."""
    if not a.entities or not b.entities:
        return 0.0, 0.0
    words_b = b.wordset
    words_a = a.wordset

    def meets(x: str, others: frozenset[str], words: frozenset[str]) -> bool:
        return (
            x in others
            or any(y.startswith(x) or x.startswith(y) for y in others if min(len(x), len(y)) >= 4)
            or (all(w in words for w in x.split()))
        )

    a_in = sum(meets(x, b.entities, words_b) for x in a.entities)
    b_in = sum(meets(y, a.entities, words_a) for y in b.entities)
    overlap = max(a_in / len(a.entities), b_in / len(b.entities))
    only_both = float(a_in < len(a.entities) and b_in < len(b.entities))
    return overlap, only_both


def _numbers(a: Proposition, b: Proposition) -> tuple[float, float]:
    if not a.numbers or not b.numbers:
        return 0.0, 0.0
    agree = any(abs(x - y) <= 0.02 * max(abs(x), abs(y), 1.0) for x in a.numbers for y in b.numbers)
    return (0.0, 1.0) if agree else (1.0, 0.0)


def pair_features(
    later: Claim,
    earlier: Claim,
    predicate: tuple[str, int] | None = None,
    entity_keys: tuple[float, int] = (0.0, 0),
) -> dict[str, float]:
    """Named features of `later`'s stance towards `earlier`.

    `predicate` is the lexicon's predicate match as (level, sense) (`stance.match_predicates`),
    None when there is none; `entity_keys` is (overlap, shared count) of `stance.match_entities`.
    """
    return features_of(props.proposition(later), props.proposition(earlier), predicate, entity_keys)


def features_of(
    a: Proposition, b: Proposition, predicate: tuple[str, int] | None, entity_keys: tuple[float, int] = (0.0, 0)
) -> dict[str, float]:
    """Features from two propositions (`a` the later, answering claim)."""
    f = dict.fromkeys(NAMES, 0.0)
    f["entity_keys_overlap"] = entity_keys[0]
    f["entity_keys_shared"] = min(entity_keys[1], 3) / 3
    f["bias"] = 1.0
    shared = a.content & b.content
    f["content_overlap"] = _overlap(a.content, b.content)
    f["content_jaccard"] = _jaccard(a.content, b.content)
    f["shared_content"] = min(len(shared), 5) / 5
    f["prefix_overlap"] = _overlap(a.prefixes, b.prefixes)
    f["text_similarity"] = fuzz.token_set_ratio(a.joined, b.joined) / 100
    f["entity_overlap"], f["entity_only_both"] = _entities_meet(a, b)
    f["subject_overlap"] = _overlap(a.subject, b.subject | b.objects) if a.subject else 0.0
    f["subject_conflict"] = _subject_conflict(a, b)
    f["object_overlap"] = _overlap(a.objects, b.objects | b.subject) if a.objects else 0.0
    if predicate is not None:
        level, sense = predicate
        if sense < 0:
            f["predicate_antonym"] = 1.0
        elif level in ("lemma", "class"):
            f["predicate_lemma"] = 1.0
        elif level == "frame":
            f["predicate_frame"] = 1.0
        elif level == "near":
            f["predicate_near"] = 1.0
    f["number_conflict"], f["number_agree"] = _numbers(a, b)
    f["neg_later"], f["neg_earlier"] = float(a.negated), float(b.negated)
    f["neg_differ"] = float(a.negated != b.negated)
    f["deny_later"], f["deny_earlier"] = float(a.deny), float(b.deny)
    f["debunk_later"], f["debunk_earlier"] = float(a.debunk), float(b.debunk)
    f["no_evidence_later"] = float(a.no_evidence)
    f["hedge_later"], f["hedge_earlier"] = float(a.hedge), float(b.hedge)
    f["question_later"] = float(a.question)
    f["double_hedge_later"] = float(a.double_hedge)
    f["confirm_later"] = float(a.confirm)
    f["modal_later"] = float(a.modal)
    f["attributed_later"] = float(a.attributed)
    f["leading_no_later"] = float(bool(a.words) and a.words[0] == "no")
    f["alternative"] = f["predicate_near"] * f["entity_only_both"] * float(b.negated and not a.negated)
    aligned = max(f["prefix_overlap"], f["entity_overlap"], f["entity_keys_overlap"]) * max(
        0.5, f["predicate_lemma"], f["predicate_frame"], f["predicate_antonym"], f["prefix_overlap"]
    )
    # Opposite truth: one side negated (an antonym predicate flips that again), denied, debunked or unevidenced.
    flipped = (a.negated != b.negated) != bool(f["predicate_antonym"])
    opposed = flipped or (a.deny != b.deny) or (a.debunk and not b.debunk) or a.no_evidence
    f["opposed_aligned"] = float(opposed) * aligned
    f["antonym_aligned"] = f["predicate_antonym"] * aligned
    f["conflict_aligned"] = f["number_conflict"] * aligned
    f["hedge_aligned"] = float(a.hedge and not a.confirm) * aligned
    f["plain_aligned"] = float(not opposed and not a.hedge) * aligned
    # The same proposition: a predicate of one class or frame, and two entity keys in common (or one, with
    # most content words shared): "the minister also stopped in X" shares one name with "X lost an advantage".
    same_prop = (
        not f["subject_conflict"]
        and (f["predicate_lemma"] or f["predicate_frame"] or f["predicate_antonym"])
        and (f["entity_keys_shared"] >= 0.66 or (f["entity_keys_shared"] > 0 and f["content_overlap"] >= 0.5))
    )
    # Opposite truth on either side: "X denied P" then "P" is as opposed as "P" then "X denied P".
    either = (a.false_side != b.false_side) != bool(f["predicate_antonym"])
    opposite = flipped or a.deny or a.debunk or either
    f["proposition_opposed"] = float(bool(same_prop) and opposite and not a.double_hedge)
    if a.hedge and not (a.deny or a.debunk or a.negated):
        f["proposition_opposed"] = 0.0  # "reportedly did not ..." is reported, not asserted
    f["proposition_same"] = float(bool(same_prop) and not f["proposition_opposed"] and not a.hedge)
    return _what_and_when(a, b, f)


def _what_and_when(a: Proposition, b: Proposition, f: dict[str, float]) -> dict[str, float]:
    """Alignment on what the claims are about (not who), truth on either side, and when.

    A linear model cannot tell "the earlier claim is negated, the later not" from "the later is
    negated" unless a feature says the truth differs whichever side carries it: a denial and a later
    confirmation contradict as much as a statement and a later denial."""
    f["topic_overlap"] = _overlap(a.topic, b.topic)
    f["topic_shared"] = min(len(a.topic & b.topic), 3) / 3
    f["topic_stems_meet"] = float(bool(a.topic_stems & b.topic_stems))
    f["names_only"] = float(bool(a.content & b.content) and not a.topic & b.topic)
    hedged = a.double_hedge or b.double_hedge
    opposed = not hedged and (a.false_side != b.false_side) != bool(f["predicate_antonym"])
    f["truth_opposed"] = float(opposed)
    f["truth_opposed_topic"] = float(opposed) * f["topic_overlap"]
    f["false_earlier_topic"] = float(opposed and b.false_side and not a.hedge) * f["topic_overlap"]
    f["cancel_differ"] = float(a.cancel != b.cancel)
    f["tense_conflict"] = float({a.tense, b.tense} == {"past", "future"})
    f["year_conflict"] = float(bool(a.years and b.years and not a.years & b.years))
    f["double_hedge_earlier"] = float(b.double_hedge)
    # A past event dated by its year ("the mine opened in 1958") and a claim about now or later are two events.
    historic = (a.tense == "past" and bool(a.years)) != (b.tense == "past" and bool(b.years))
    two_events = "future" in (a.tense, b.tense) or None in (a.tense, b.tense)
    f["historic_vs_now"] = float(historic and two_events)
    # Predicates outside the lexicon ("arrested", "wed") still align by lemma identity: the same topic lemma
    # with an entity key in common and no second actor is the same proposition (cached per-claim sets only).
    # Two topic lemmas, or most of the shorter side's: one shared word ("country") with a shared country is
    # no proposition (measured on real news: "the United States" + "country" linked unrelated claims).
    shared_topic = len(a.topic & b.topic)
    theme = bool(
        f["entity_keys_shared"]
        and (shared_topic >= 2 or (shared_topic and f["topic_overlap"] >= 0.5))
        and not f["subject_conflict"]
    )
    f["theme_same"] = float(theme)
    f["theme_opposed"] = float(theme and opposed)
    f["theme_same_truth"] = float(theme and not opposed and not hedged and not a.hedge)
    # An antonym alone flips truth only between two assertions: "voters were asked whether X should serve" is
    # no claim that X serves, so "X stopped at a diner" does not contradict it.
    if f["predicate_antonym"] and not (a.false_side or b.false_side) and (a.hedge or b.hedge):
        f["proposition_opposed"] = 0.0
    if hedged or (f["tense_conflict"] and f["year_conflict"]) or f["historic_vs_now"]:
        f["proposition_opposed"] = 0.0  # neither way, or a past event and a future one: two events
    if b.double_hedge:
        f["proposition_same"] = 0.0
    return f


def active(features: dict[str, float]) -> dict[str, float]:
    """The features that fired, rounded, for a link's stored reason."""
    return {k: round(v, 3) for k, v in features.items() if v and k != "bias"}
