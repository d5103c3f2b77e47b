"""Judge the stance of a later claim towards an earlier one with the learned, calibrated model.

`judge` is what `stance.score` returns: the propositions are compared
(`pipeline.linking.features`), the model gives P(none / supports / contradicts /
observing), and the most probable class wins:

- `supports` or `contradicts`: a link, with `confidence` (the class probability,
  calibrated on held-back folds) and `auto` (confidence at or above the auto
  threshold: the link counts for status without a person accepting it);
- `observing`: a hedged or neutral report of the same claim ("reportedly", "may
  or may not"): an appearance, not evidence either way, so no link is written;
- `none`: the two claims do not bear on each other.

Gates no score overrides (`decide_pair`): the author's own (unattributed)
sentences in one article never link to each other; another actor doing the same
thing is another event; claims sharing neither an entity nor a content word are
not compared. An aligned proposition with opposite truth (`RULES`) is
`contradicts` with the rule's measured precision; a link needs confidence
`LINK_MIN_CONFIDENCE`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from claims.index.terms import RARE_DF, entity_term
from claims.models import Claim
from pipeline.linking import features as feats
from pipeline.linking import proposition as props
from pipeline.linking import stance as lex
from pipeline.linking.model import stance_model

Label = Literal["supports", "contradicts", "observing"]

# The auto thresholds live in one place, the model file: scripts/train_stance.py chooses them on held-back
# folds so that automatic links at or above them are right >= 90% of the time, and writes them beside the
# weights they belong to. `is_auto(..., threshold=)` and `reason(..., threshold=)` override them.

# Without a shared entity key, this many shared content words let a pair be compared at all.
MIN_SHARED_CONTENT = 1
# Below this confidence a supports/contradicts judgement is not written at all; between it and the auto threshold
# it is a suggestion for review, which changes no status. 0.4 scored better on Emergent's held-back folds (3-way
# 0.726) but on ten real news articles it filled the review queue with plainly wrong suggestions (30 `contradicts`
# suggestions, about 27 wrong); at 0.5 the seed's gold support (P 0.498, the most probable class) was no longer
# written. 0.45 keeps it, and keeps the queue near its 0.5 size (README, "Stance").
LINK_MIN_CONFIDENCE = 0.45
# The lexicon rules that outrank the model when they fire: an aligned proposition (two entity keys and a
# predicate of one class or frame) with opposite / the same truth. Their confidence is their precision on the
# labelled pairs, recorded by scripts/train_stance.py in the model file.
RULES = {"proposition_opposed": "contradicts"}
# The ledger's most frequent entities: named by at least this share of its claims (and this many), or, in a
# ledger too large for that, by more claims than retrieval calls rare (`RARE_DF`). A pair whose only tie is
# such a name ("the United States", "Trump" in political news) is no proposition in common (`same_proposition`).
# 0.05 rather than 0.03: both cleared the same wrong `contradicts` suggestions on ten real news articles, and
# 0.03 also made "Apple" and "Apple Watch" common on Emergent (contradicts recall 0.655 instead of 0.661).
COMMON_SHARE = 0.05
COMMON_MIN_DF = 10
# Past this many claims the cut is `RARE_DF + 1` whatever the size, so the ledger is counted no further.
SHARE_COUNTED = math.ceil((RARE_DF + 1) / COMMON_SHARE)


@dataclass(frozen=True)
class Judgement:
    """The model's view of one pair: the winning class, its calibrated probability and all four."""

    label: Literal["none", "supports", "contradicts", "observing"]
    confidence: float
    probabilities: dict[str, float]
    features: dict[str, float] = field(default_factory=dict)


def unattributed_pair(a: Claim, b: Claim) -> bool:
    """In one article, both claims are the author's own sentences (no claimant, or the same one), or one is.

    The author's narration (a sentence with no reporting cue) sets the scene for the people it
    quotes; it does not answer them, so it links to neither its own sentences nor their quotes
    in the same article. Two quoted speakers in one article still may (a claim and its denial).
    """
    if not a.source_id or a.source_id != b.source_id:
        return False
    ka, kb = lex.claimant_key(a.claimant), lex.claimant_key(b.claimant)
    return ka == kb or a.cue is None or b.cue is None  # None == None: both the author's


def features_for(
    later: Claim, earlier: Claim, ents: lex.EntityMatch | None = None, pred: lex.PredicateMatch | None = None
) -> dict[str, float]:
    """The model's features for a pair (training calls this too, so run time and training agree).

    `ents` and `pred` are `stance.match_entities` / `match_predicates` of the pair when the caller has them.
    """
    pred = pred if pred is not None else lex.match_predicates(later, earlier)
    ents = ents if ents is not None else lex.match_entities(later, earlier)
    predicate = None if pred is None else (pred.level, pred.sense)
    return feats.pair_features(later, earlier, predicate, (ents.overlap, len(ents.shared)))


def aligned_enough(later: Claim, earlier: Claim) -> bool:
    """A cheap gate: some entity, a predicate of one class, or two content words in common."""
    if lex.match_entities(later, earlier).shared:
        return True
    pa, pb = props.proposition(later), props.proposition(earlier)
    return len(pa.content & pb.content) >= MIN_SHARED_CONTENT


def judge(
    later: Claim,
    earlier: Claim,
    ents: lex.EntityMatch | None = None,
    pred: lex.PredicateMatch | None = None,
    common: frozenset[str] = frozenset(),
) -> Judgement:
    """P(class) for `later`'s stance towards `earlier`, and the decided class (`none` when a gate stops it).

    `common` are the ledger's most frequent entity terms (`common_terms`)."""
    if unattributed_pair(later, earlier):
        return Judgement("none", 1.0, {})
    f = features_for(later, earlier, ents, pred)
    model = stance_model()
    probs = model.probabilities(f)
    label, confidence = decide_pair(later, earlier, probs, f, model.meta.get("rules", {}), common)
    return Judgement(label, confidence, probs, f)  # type: ignore[arg-type]


def decide_pair(
    later: Claim,
    earlier: Claim,
    probs: dict[str, float],
    f: dict[str, float],
    rules: dict[str, dict[str, float]],
    common: frozenset[str] = frozenset(),
) -> tuple[str, float]:
    """The gates, then `decide`: what `judge` returns, from probabilities computed elsewhere (evaluation folds).

    A supports/contradicts judgement whose only tie is one of the ledger's most frequent names (`common`) and
    no proposition in common (`same_proposition`) is not written, not even as a suggestion."""
    if unattributed_pair(later, earlier) or other_actor(f):
        return "none", 1.0
    if not f["entity_keys_shared"] and not aligned_enough(later, earlier):  # no entity key in common
        return "none", 1.0
    label, confidence = decide(probs, f, rules)
    if label in ("supports", "contradicts") and not same_proposition(f) and only_common(later, earlier, common):
        return "none", probs["none"]
    return label, confidence


def same_proposition(f: dict[str, float]) -> bool:
    """Whether the two claims are about one proposition, not merely one name: a predicate of one class or frame
    with aligned entity keys (`proposition_same` / `proposition_opposed`), the same theme (two topic lemmas, or
    most of the shorter side's, with an entity key in common: `theme_same`), incompatible values of one
    aligned proposition (`conflict_aligned`), or the alternative to a denied one (`alternative`).
    """
    keys = ("proposition_same", "proposition_opposed", "theme_same", "conflict_aligned", "alternative")
    return any(f.get(k) for k in keys)


def common_terms(df: Mapping[str, int], claims: int) -> frozenset[str]:
    """The index terms (of those counted in `df`) named by at least `COMMON_SHARE` of the ledger's `claims`.

    Why a share and a floor: in ten news articles "the United States" is named by 40 of 348 claims; in a
    seed article of thirty claims its subject is named by a handful, which is no reason to doubt a pair.
    In a ledger of millions no share is countable (counts stop at `RARE_DF + 1`): there it is retrieval's own
    notion of a common term."""
    cut = max(COMMON_MIN_DF, min(RARE_DF + 1, math.ceil(COMMON_SHARE * claims)))
    return frozenset(t for t, n in df.items() if n >= cut)


def only_common(later: Claim, earlier: Claim, common: frozenset[str]) -> bool:
    """The pair shares entity keys and each is one of the ledger's most frequent names (either side of an alias
    pair such as "US ~ United States" being common is enough).

    Without a proposition in common such a pair is not written: on ten real news articles most `contradicts`
    suggestions paired two claims whose only tie was "the United States" or "Trump", and a desk reviewer's
    time is the cost of each (README, "Stance")."""
    if not common:
        return False
    shared = lex.match_entities(later, earlier).shared
    return bool(shared) and all(any(entity_term(p) in common for p in key.split(" ~ ")) for key in shared)


def other_actor(f: dict[str, float]) -> bool:
    """Another actor doing the same thing is another event ("Vellmark bought buses from Brask" / "Orlavia bought
    buses from Brask"), unless the later claim says the earlier actor is wrong ("it was Vellmark, not Orlavia")."""
    if not f["subject_conflict"] or not f["entity_keys_shared"]:
        return False  # two subjects with nothing else named in common: aliases or a loose headline, the model judges
    return not (f["neg_later"] or f["deny_later"] or f["debunk_later"])


def decide(
    probs: dict[str, float], f: dict[str, float] | None = None, rules: dict[str, dict[str, float]] | None = None
) -> tuple[str, float]:
    """The winning class and its confidence (evaluation applies the same function to out-of-fold probabilities).

    A firing rule (`RULES`) decides with its measured precision as confidence, or the model's
    probability for the same class if higher.
    """
    for name, label in RULES.items():
        rule = (rules or {}).get(name)
        if f and f.get(name) and rule:
            return label, max(float(rule["confidence"]), probs[label])
    label = max(probs, key=probs.__getitem__)
    if label in ("supports", "contradicts") and probs[label] < LINK_MIN_CONFIDENCE:
        return "none", probs["none"]
    return label, probs[label]


def is_auto(label: str, confidence: float, threshold: float | None = None) -> bool:
    """Whether a link of this label and confidence counts for status without review."""
    if label not in ("supports", "contradicts"):
        return False
    return confidence >= (auto_threshold(label) if threshold is None else threshold)


def auto_threshold(label: str = "contradicts") -> float:
    """The model file's auto threshold for `contradicts` (or `supports`)."""
    model = stance_model()
    if label == "supports":
        return float(model.meta.get("auto_threshold_supports", model.auto_threshold))
    return model.auto_threshold


def why(later: Claim, earlier: Claim, label: str, f: dict[str, float]) -> str:
    """A sentence a fact-checker can read: who said what, when, and what makes it bear on the earlier claim."""
    pl = props.proposition(later)
    who = later.claimant or "The article"
    when = f" on {later.claim_date}" if later.claim_date else ""
    verb = "denied" if pl.deny and later.polarity == "negated" else "said"
    if label == "contradicts":
        if f.get("predicate_antonym"):
            how = "an opposite predicate for the same proposition"
        elif f.get("conflict_aligned"):
            pe = props.proposition(earlier)
            how = f"incompatible values ({_values(pl.numbers)} vs {_values(pe.numbers)})"
        elif pl.debunk or pl.no_evidence:
            how = "calls the same proposition false"
        elif pl.deny:
            how = "a denial of the same proposition"
        else:
            how = "negation of the same proposition"
    elif label == "supports":
        how = "the same proposition" + (", confirmed" if pl.confirm else "")
    else:
        how = "a hedged report of the same proposition, neither for nor against"
    earlier_who = earlier.claimant or "the article"
    return f'{who} {verb}{when} that {_clause(later.text)}: {how} as in {earlier_who}: "{earlier.text.rstrip(".")}".'


_SENTENCE_STARTS = ("The ", "A ", "An ", "It ", "There ", "This ", "That ", "These ", "Those ", "Our ", "We ", "Some ")


def _clause(text: str) -> str:
    """The claim as a that-clause: "The ferry ..." -> "the ferry ..." (names keep their capital)."""
    text = text.rstrip(".")
    return text[0].lower() + text[1:] if text.startswith(_SENTENCE_STARTS) else text


def _values(numbers: frozenset[float]) -> str:
    return ", ".join(f"{v:,.0f}" if v == int(v) else f"{v:,}" for v in sorted(numbers)) or "-"


def reason(later: Claim, earlier: Claim, j: Judgement, threshold: float | None = None) -> dict[str, Any]:
    """What a link stores: the sentence, confidence, auto, and the features that fired (as JSON)."""
    return {
        "text": why(later, earlier, j.label, j.features),
        "confidence": round(j.confidence, 3),
        "auto": is_auto(j.label, j.confidence, threshold),
        "probabilities": {k: round(v, 3) for k, v in j.probabilities.items()},
        "features": feats.active(j.features),
    }
