"""What stance reads from one claim, computed once per claim: the predicate lexicon, cues and polarity.

Split from `pipeline.linking.stance` (which re-exports these names) so that scoring a pair
reads cached per-claim values and the pair logic stays in one module of its own: linking
scores each claim against up to twenty others, and everything here depends on one claim only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from claims.models import Claim
from claims.status import claimant_key
from pipeline.lexicon import load as load_words


@dataclass(frozen=True)
class PredicateClass:
    name: str
    frame: str
    sense: int


@dataclass(frozen=True)
class Lexicon:
    """Predicate classes by lemma, related frames, discourse cues and stop lemmas."""

    classes: dict[str, tuple[PredicateClass, ...]]
    near: frozenset[frozenset[str]]
    deny: frozenset[str]
    answer: frozenset[str]
    confirm: frozenset[str]
    stop: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load `pipeline/lexicon/data/predicates.json` once."""
    data = json.loads(resources.files("pipeline.lexicon").joinpath("data/predicates.json").read_text("utf-8"))
    classes: dict[str, list[PredicateClass]] = {}
    for name, spec in data["classes"].items():
        cls = PredicateClass(name, spec["frame"], int(spec["sense"]))
        for lemma in spec["lemmas"]:
            classes.setdefault(lemma, []).append(cls)
    return Lexicon(
        classes={k: tuple(v) for k, v in classes.items()},
        near=frozenset(frozenset(pair) for pair in data["near"]),
        deny=frozenset(data["cues"]["deny"]),
        answer=frozenset(data["cues"]["answer"]),
        confirm=frozenset(data["cues"]["confirm"]),
        stop=load_words("stop_lemmas"),  # the one stop list, shared with the retrieval index
    )


@dataclass(frozen=True)
class _Features:
    """What scoring reads from a claim, computed once per claim object (linking scores each claim many times)."""

    lemmas: tuple[str, ...]
    entities: tuple[str, ...]
    initials: frozenset[str]
    claimant: str | None
    deny: str | None
    confirm: str | None
    answer: str | None
    predicates: tuple[tuple[str, PredicateClass], ...]
    lemma_set: frozenset[str]
    entity_stems: frozenset[str]  # first four letters of each word of each entity
    words: frozenset[str]  # the text's words and the lemmas (what `addresses` looks for a name in)
    negated: bool
    cue: str | None
    arrival: tuple[str, int, str]


_FEATURES: dict[int, tuple[Claim, _Features]] = {}
_FEATURES_MAX = 20_000


def _features(claim: Claim) -> _Features:
    # Keyed by object identity; the claim is kept in the entry, so an id is never reused while cached.
    hit = _FEATURES.get(id(claim))
    if hit is not None and hit[0] is claim:
        return hit[1]
    lex = lexicon()
    lemmas = tuple(lem.casefold() for lem in claim.lemmas)
    entities = tuple(sorted({e.casefold() for e in claim.entities}))
    cue = cue_lemma(claim.cue)
    skip = lex.deny | lex.answer | lex.confirm
    deny = cue if cue in lex.deny else None
    confirm = cue if cue in lex.confirm else None
    answer = next((lem for lem in lemmas if lem in lex.answer), None)
    feats = _Features(
        lemmas=lemmas,
        entities=entities,
        initials=frozenset(e[0] for e in entities if e),
        claimant=claimant_key(claim.claimant),
        deny=deny,
        confirm=confirm,
        answer=answer,
        predicates=tuple((lem, cls) for lem in lemmas if lem not in skip for cls in lex.classes.get(lem, ())),
        lemma_set=frozenset(lemmas),
        entity_stems=frozenset(w[:4] for w in _entity_words(claim)),
        words=frozenset(claim.text.casefold().replace("’", " ").replace("'", " ").split()) | frozenset(lemmas),
        negated=claim.polarity == "negated" or deny is not None,
        cue=deny or confirm or answer,
        arrival=(
            claim.created_at.isoformat() if claim.created_at else "9999",
            claim.span[0] if claim.span else 0,
            claim.id,
        ),
    )
    if len(_FEATURES) >= _FEATURES_MAX:
        _FEATURES.clear()
    _FEATURES[id(claim)] = (claim, feats)
    return feats


def _lemmas(claim: Claim) -> tuple[str, ...]:
    return _features(claim).lemmas


def _entity_words(claim: Claim) -> set[str]:
    return {w for e in claim.entities for w in e.casefold().replace("_", " ").split()}


IRREGULAR_CUES = {"stood": "stand", "told": "tell", "said": "say", "held": "hold", "wrote": "write"}


@lru_cache(maxsize=4096)
def cue_lemma(cue: str | None) -> str | None:
    """The lemma of a reporting cue given as a word form ("denied" -> "deny", "rejected the" -> "reject")."""
    if not cue or not cue.split():
        return None
    word = cue.casefold().split()[0]
    if word in IRREGULAR_CUES:
        return IRREGULAR_CUES[word]
    lex = lexicon()
    known = lex.deny | lex.confirm | lex.answer
    forms = [word]
    if word.endswith("ied"):
        forms.append(word[:-3] + "y")
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    for suffix in ("ed", "d", "es", "s", "ing", "al"):
        if word.endswith(suffix):
            forms.append(word[: -len(suffix)])
    if word.endswith("ing"):
        forms.append(word[:-3] + "e")
    return next((f for f in forms if f in known), word)


def deny_cue(claim: Claim) -> str | None:
    """The claim's reporting cue when it is a denial ("denied that", "rejected the claim that")."""
    return _features(claim).deny


def answer_cue(claim: Claim) -> str | None:
    """A lemma in the content that says the claim answers another ("contradicting an earlier assurance")."""
    return _features(claim).answer


def confirm_cue(claim: Claim) -> str | None:
    return _features(claim).confirm


def cue_of(claim: Claim) -> str | None:
    """The discourse cue that makes a claim an answer to an earlier one, if any."""
    return _features(claim).cue


def negated(claim: Claim) -> bool:
    """Whether the claim asserts the opposite of its proposition (a negation or a denial cue, counted once).

    An answer cue in the content ("contradicting ...") does not negate: the claim
    still affirms what it says and contradicts whoever said otherwise.
    """
    return _features(claim).negated
