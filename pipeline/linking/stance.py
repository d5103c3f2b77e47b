"""Stance between two claims: supports, contradicts, observing, or nothing. Pure scoring, no I/O.

The decision is the learned model's (`pipeline.linking.judge`, over the features of
`pipeline.linking.features`); this module keeps the lexicon-driven evidence it
builds on, each recorded in the reason:

- shared normalised entities (the extractor folds demonyms into countries, so sets meet);
- predicate overlap through `data/predicates.json`: the same lemma or class
  (bought / purchased), the same frame (sent / bought / concluded a contract are
  all a transaction), or the same frame with opposite senses (suspended vs
  departed: an antonym flips the proposition);
- polarity: a negated claim, or one reported with a denial cue ("denied",
  "rejected the claim"), asserts the opposite of its proposition; an answer cue
  inside the content ("..., contradicting an earlier assurance") marks the claim
  as answering another without flipping it; "confirmed" / "stood by" support;
- who answers whom: the later claim is the one that answers, and a later claim
  naming the earlier claimant ("rejected the minister's claim") is a stronger match.

WordNet would give synonyms, but none of the PyPI packages ships its data for an
offline install here, and its verb synsets do not know that "suspended" answers
"departed every day"; a small lexicon of general event classes does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz

from claims.models import Claim
from claims.status import claimant_key
from pipeline.linking.claim_view import (  # noqa: F401  (re-exported: callers read them from stance)
    IRREGULAR_CUES,
    Lexicon,
    PredicateClass,
    _entity_words,
    _features,
    _lemmas,
    answer_cue,
    confirm_cue,
    cue_lemma,
    cue_of,
    deny_cue,
    lexicon,
    negated,
)

# `observing`: a hedged report of the same claim, an appearance rather than evidence; no link is written for it.
StanceLabel = Literal["supports", "contradicts", "observing"]

REPEAT_THRESHOLD = 0.75
ENTITY_FUZZ = 85.0


@dataclass(frozen=True)
class PredicateMatch:
    """The best predicate correspondence between two claims."""

    later: str
    earlier: str
    level: Literal["lemma", "class", "frame", "near", "lexical"]
    sense: int  # +1 same sense, -1 antonyms

    @property
    def score(self) -> float:
        return {"lemma": 1.0, "class": 0.9, "frame": 0.8, "lexical": 0.6, "near": 0.5}[self.level]


@dataclass(frozen=True)
class Stance:
    """A scored stance of `later` towards `earlier`, with the reason stored on the link."""

    stance: StanceLabel
    score: float
    reason: dict[str, Any]
    confidence: float = 0.0  # calibrated P(stance): among links of confidence >= 0.9, >= 90% were right held back
    auto: bool = False  # at or above the auto threshold: counts for status without review

    @property
    def links(self) -> bool:
        """Whether this stance is written as a link (observing is not)."""
        return self.stance in ("supports", "contradicts")


def _predicates(claim: Claim) -> tuple[tuple[str, PredicateClass], ...]:
    return _features(claim).predicates


def match_predicates(later: Claim, earlier: Claim) -> PredicateMatch | None:
    """The strongest predicate correspondence: lemma > class > frame > shared content word > near frame."""
    lex = lexicon()
    best: PredicateMatch | None = None
    for la, ca in _predicates(later):
        for lb, cb in _predicates(earlier):
            if la == lb:
                m = PredicateMatch(la, lb, "lemma", 1)
            elif ca.name == cb.name:
                m = PredicateMatch(la, lb, "class", 1)
            elif ca.frame == cb.frame:
                m = PredicateMatch(la, lb, "frame", ca.sense * cb.sense)
            elif frozenset((ca.frame, cb.frame)) in lex.near:
                m = PredicateMatch(la, lb, "near", 1)
            else:
                continue
            if best is None or m.score > best.score:
                best = m
    if best is not None and best.level != "near":
        return best
    # No lexicon predicate in common: a shared content word that is not an entity still ties them.
    # Two shared content words, neither part of a name ("orlavian" goes with the entity "orlavia").
    skip = _content_skip()
    fl, fe = _features(later), _features(earlier)
    stems = fl.entity_stems | fe.entity_stems
    shared = sorted(w for w in (fl.lemma_set & fe.lemma_set) - skip if w[:4] not in stems)
    if len(shared) >= 2:
        return PredicateMatch(shared[0], shared[1], "lexical", 1)
    return best


@lru_cache(maxsize=1)
def _content_skip() -> frozenset[str]:
    """Lemmas that never tie two claims as a shared content word (stop lemmas and discourse cues)."""
    lex = lexicon()
    return lex.stop | lex.deny | lex.answer | lex.confirm


def addresses(later: Claim, earlier: Claim) -> bool:
    """Whether the later claim names the earlier claimant or role ("rejected the mayor's assurance")."""
    if not earlier.claimant and not earlier.claimant_role:
        return False
    words = _features(later).words
    names = set((claimant_key(earlier.claimant) or "").split()) | set((earlier.claimant_role or "").casefold().split())
    names -= lexicon().stop | {"the", "of", "and", "a", "an", "for", "in", "on", "to", "by", "said"}
    return any(len(n) > 2 and n in words for n in names)


def time_order(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    """(later, earlier): dates that do not overlap decide; on a tie, text order in one article,
    else an answering cue, else arrival."""
    da, db = a.claim_date, b.claim_date
    # Only dates that do not overlap order two claims: "February" and "3 February" are a tie.
    if da and db and da.end < db.start:
        return b, a
    if da and db and db.end < da.start:
        return a, b
    if a.source_id and a.source_id == b.source_id:
        # Within one article the text's own order says who answers whom.
        return (a, b) if _arrival(a) >= _arrival(b) else (b, a)
    cue_a, cue_b = cue_of(a), cue_of(b)
    if bool(cue_a) != bool(cue_b):
        return (a, b) if cue_a else (b, a)
    # Still tied: the one stored later, then the one further down its text, answers.
    return (a, b) if _arrival(a) >= _arrival(b) else (b, a)


def _arrival(claim: Claim) -> tuple[str, int, str]:
    return _features(claim).arrival


def may_relate(a: Claim, b: Claim) -> bool:
    """A cheap first test for a pair: different claimants whose entity keys could meet (a first letter in common).

    A claim whose speaker was not resolved (claimant None: "it was announced that ...") may be the
    source's own voice, so within one source it is not independent of the author's own claims or of
    other unresolved ones; a named speaker in the same source still is.
    """
    fa, fb = _features(a), _features(b)
    if a.source_id is not None and a.source_id == b.source_id:
        for fx, y, fy in ((fa, b, fb), (fb, a, fa)):
            if fx.claimant is None and (fy.claimant is None or y.cue is None):  # no cue: the author's own
                return False
    return not (fa.claimant is not None and fa.claimant == fb.claimant) and bool(fa.initials & fb.initials)


def same_claimant(a: Claim, b: Claim) -> bool:
    ka, kb = _features(a).claimant, _features(b).claimant
    return ka is not None and ka == kb


@dataclass(frozen=True)
class EntityMatch:
    """How two claims' entity keys meet: shared labels and what each names alone."""

    shared: list[str]
    only_a: int
    only_b: int

    @property
    def overlap(self) -> float:
        """Shared entities over the smaller set (1.0: one claim's entities are all in the other)."""
        n = len(self.shared)
        return n / min(n + self.only_a, n + self.only_b) if n else 0.0

    @property
    def jaccard(self) -> float:
        n = len(self.shared)
        return n / (n + self.only_a + self.only_b) if n else 0.0


def _same_entity(x: str, y: str) -> bool:
    """Keys meet when equal, when one is a stem of the other (orlavian / orlavia), or spelt nearly alike."""
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return True
    if _is_initials(short, long_):
        return True  # "hp" / "hewlett-packard": an acronym of the longer name
    return len(short) >= 5 and fuzz.ratio(x, y) >= ENTITY_FUZZ


_INITIALS_SKIP = frozenset(("of", "and", "the", "for", "de"))


@lru_cache(maxsize=16384)
def _is_initials(short: str, long_: str) -> bool:
    """Whether `short` (one word of 2-5 letters) spells the initials of the multi-word name `long_`."""
    if not (2 <= len(short) <= 5 and short.isalpha()):
        return False
    parts = [p for p in long_.replace("-", " ").replace("_", " ").split() if p not in _INITIALS_SKIP]
    return len(parts) >= 2 and "".join(p[0] for p in parts) == short


def match_entities(a: Claim, b: Claim) -> EntityMatch:
    """Pair up entity keys one to one (exact pairs first, then stems and near spellings).

    A speaker's own name that only one side mentions does not make the two claims
    about different actors: in "..., the chief executive, Ana Roe, said" it is who
    speaks, not what the claim is about.
    """
    fa, fb = _features(a), _features(b)
    ea, eb = list(fa.entities), list(fb.entities)
    if not fa.initials & fb.initials:  # no key can meet: not even a first letter in common
        return EntityMatch([], len(ea), len(eb))
    shared: list[str] = []
    left, right = [x for x in ea if x not in eb], [y for y in eb if y not in ea]
    shared.extend(x for x in ea if x in eb)
    for x in list(left):
        y = next((y for y in right if _same_entity(x, y)), None)
        if y is not None:
            left.remove(x)
            right.remove(y)
            shared.append(f"{x} ~ {y}")
    speakers = {k for k in (fa.claimant, fb.claimant) if k}
    only_a = [x for x in left if x not in speakers]
    only_b = [y for y in right if y not in speakers]
    return EntityMatch(sorted(shared), len(only_a), len(only_b))


def is_repeat(new: Claim, old: Claim) -> bool:
    """The same claimant making the same proposition again: an appearance, not corroboration."""
    if not same_claimant(new, old) or negated(new) != negated(old):
        return False
    if not new.entities and not old.entities:
        # Nothing names the topic, so the content words must: "prices rose" does not repeat "wages rose".
        la, lb = set(_lemmas(new)), set(_lemmas(old))
        if not la or len(la & lb) / len(la | lb) < REPEAT_THRESHOLD:
            return False
    ents = match_entities(new, old)
    jaccard = ents.jaccard if new.entities or old.entities else 1.0
    overlap = ents.overlap
    pred = match_predicates(new, old)
    if pred is None or pred.sense < 0 or (pred.level in ("near", "lexical") and jaccard < 1.0):
        return False
    return jaccard >= REPEAT_THRESHOLD or (overlap == 1.0 and pred.level in ("lemma", "class"))


def score(
    later: Claim, earlier: Claim, ents: EntityMatch | None = None, common: frozenset[str] = frozenset()
) -> Stance | None:
    """The stance of `later` towards `earlier`, or None when they do not bear on each other.

    The learned model decides (`pipeline.linking.judge`); `observing` (a hedged report
    of the same claim) is returned too, and linking writes no link for it. `ents` is
    `match_entities(later, earlier)` when the caller has it already (linking does); `common` the ledger's
    most frequent entity terms (`judge.common_terms`).
    """
    from pipeline.linking import judge  # judge builds on this module's lexicon and matching

    ents = ents if ents is not None else match_entities(later, earlier)
    pred = match_predicates(later, earlier)
    verdict = judge.judge(later, earlier, ents, pred, common)
    if verdict.label == "none":
        return None
    neg_later, neg_earlier = negated(later), negated(earlier)
    reason: dict[str, Any] = {
        "entities": ents.shared,
        "predicates": ([pred.later, pred.earlier] if pred.later != pred.earlier else [pred.later]) if pred else [],
        "cue": cue_of(later),
        "polarity": "opposite" if neg_later != neg_earlier else "same",
        "score": round(verdict.confidence, 2),
    }
    if pred is not None:
        reason["relation"] = "antonym" if pred.sense < 0 else pred.level
    if addresses(later, earlier):
        reason["addressed"] = True
    reason |= judge.reason(later, earlier, verdict)
    return Stance(verdict.label, round(verdict.confidence, 3), reason, verdict.confidence, reason["auto"])
