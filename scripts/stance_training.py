"""Training and evaluation data for the stance model: labelled claim pairs as (later, earlier, label, group).

Used by `scripts/train_stance.py` and `scripts/eval_emergent.py`, never at run time (it parses with
`pipeline.nlp`, which the linking room may not import).

- Emergent (`../shared/data/emergent/train.csv`, third-party, read in place, never
  copied): each headline is the later claim answering the rumoured claim;
  for -> supports, against -> contradicts, observing -> observing. The group is
  the claim id, so folds never split a claim's headlines.
- Unrelated pairs (`none`): a claim against headlines of *other* claims that share
  a content word with it, as retrieval would propose them.
- Our own pairs (`tests/data/stance_pairs.jsonl`, written for claimtrack): news-style
  statements with denials, antonyms, value conflicts, hedges and distractors.

Claims are built as ingest stores them: content lemmas and entity keys from the
spaCy parse of the text.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.models import Claim

EMERGENT_LABELS = {"for": "supports", "against": "contradicts", "observing": "observing"}
LEMMA_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


@dataclass(frozen=True)
class Pair:
    later: Claim
    earlier: Claim
    label: str  # none / supports / contradicts / observing
    group: str
    origin: str  # emergent / emergent-negative / own


def claims_from_texts(texts: Iterable[str], claimant: str) -> dict[str, Claim]:
    """Claims with the lemmas and entity keys ingest would store, parsed in one batch."""
    from pipeline.nlp.entities import normalise_all
    from pipeline.nlp.model import load_model

    nlp = load_model()
    unique = list(dict.fromkeys(texts))
    out: dict[str, Claim] = {}
    for text, doc in zip(unique, nlp.pipe(unique, batch_size=256), strict=True):
        lemmas = sorted({t.lemma_.lower() for t in doc if t.pos_ in LEMMA_POS and not t.is_stop})
        ents = normalise_all((e.text, e.label_) for e in doc.ents if e.label_ not in ("CARDINAL", "ORDINAL", "DATE"))
        out[text] = Claim(text=text, claimant=claimant, lemmas=lemmas, entities=ents)
    return out


def _clean_claim(text: str) -> str:
    """Emergent's claim lines sometimes start with the word "Claim": a label, not part of the proposition."""
    text = " ".join(text.split())
    return text[6:] if text.lower().startswith("claim ") else text


def emergent_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def emergent_pairs(path: Path, negatives_per_claim: int = 2, seed: int = 0) -> list[Pair]:
    """Emergent pairs plus `none` pairs sharing a content word across claim groups."""
    rows = emergent_rows(path)
    claim_texts = {r["claimId"]: _clean_claim(r["claimHeadline"]) for r in rows}
    claims = claims_from_texts(claim_texts.values(), "rumour")
    heads = claims_from_texts([r["articleHeadline"] for r in rows], "outlet")
    pairs = [
        Pair(
            heads[r["articleHeadline"]],
            claims[claim_texts[r["claimId"]]],
            EMERGENT_LABELS[r["articleHeadlineStance"]],
            r["claimId"],
            "emergent",
        )
        for r in rows
    ]
    rng = random.Random(seed)
    by_group: dict[str, list[str]] = {}
    for r in rows:
        by_group.setdefault(r["claimId"], []).append(r["articleHeadline"])
    for gid, text in claim_texts.items():
        claim = claims[text]
        ents, lem = set(claim.entities), set(claim.lemmas) | set(claim.entities)
        # Hardest first: headlines of other claims naming one of this claim's entities (another story about the
        # same people), then ones sharing only a content word.
        same_name = [h for g, hs in by_group.items() if g != gid for h in hs if ents & set(heads[h].entities)]
        same_word = [
            h
            for g, hs in by_group.items()
            if g != gid
            for h in hs
            if lem & (set(heads[h].lemmas) | set(heads[h].entities))
        ]
        chosen = rng.sample(same_name, min(negatives_per_claim, len(same_name)))
        rest = [h for h in same_word if h not in chosen]
        chosen += rng.sample(rest, min(negatives_per_claim, len(rest)))
        for h in chosen:
            pairs.append(Pair(heads[h], claim, "none", gid, "emergent-negative"))
    return pairs


def own_pairs(path: Path) -> list[Pair]:
    """Our own labelled pairs: one JSON object a line with later/earlier claims, label and group."""
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    texts = [rec[side]["text"] for rec in records for side in ("later", "earlier")]
    base = claims_from_texts(texts, "x")
    pairs = []
    for rec in records:
        sides = []
        for side in ("later", "earlier"):
            spec = rec[side]
            sides.append(
                base[spec["text"]].model_copy(
                    update={
                        "claimant": spec.get("claimant", side),
                        "polarity": spec.get("polarity", "affirmed"),
                        "cue": spec.get("cue"),
                    }
                )
            )
        pairs.append(Pair(sides[0], sides[1], rec["label"], "own:" + rec["group"], "own"))
    return pairs


def with_swaps(pairs: list[Pair]) -> list[Pair]:
    """The pairs, plus each supports / contradicts / none pair with its sides swapped (same group, origin + "-swap").

    Truth is symmetric: a denial followed by a confirmation contradicts as much as a claim followed by
    a denial, but Emergent's rumoured claims are nearly all affirmative, so without the swapped pairs the
    model never sees a negated earlier claim. Only our own pairs are swapped: an Emergent headline is a
    headline's frame (hedged, shouted, a question) and makes a poor earlier claim (measured: swapping
    them cost 3 points of contradicts precision). `observing` is not swapped: a hedged report is the
    later side's frame. Figures and calibration are read on the unswapped pairs only.
    """
    swaps = [
        Pair(p.earlier, p.later, p.label, p.group, p.origin + "-swap")
        for p in pairs
        if p.label in ("supports", "contradicts", "none") and p.origin == "own"
    ]
    return pairs + swaps


def original(pairs: list[Pair]) -> list[bool]:
    """Which pairs are not swapped copies."""
    return [not p.origin.endswith("-swap") for p in pairs]


def pair_feature_dicts(pairs: list[Pair]) -> list[dict[str, float]]:
    """The features stance scoring computes for each pair (the same function as at run time)."""
    from pipeline.linking import judge

    return [judge.features_for(p.later, p.earlier) for p in pairs]


def matrix(feats: list[dict[str, float]], names: tuple[str, ...]) -> list[list[float]]:
    return [[f.get(n, 0.0) for n in names] for f in feats]


# Our own pairs are few but written for the cases news linking meets (extracted claims, frames, distractors).
OWN_WEIGHT = 2.0


def weights(pairs: list[Pair]) -> list[float]:
    return [OWN_WEIGHT if p.origin.startswith("own") else 1.0 for p in pairs]


def fit(x: list[list[float]], y: list[str], c: float = 1.0, w: list[float] | None = None) -> Any:
    """A multinomial logistic regression over the feature matrix (bias is a feature: no intercept)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    model.fit(x, y, sample_weight=w)
    return model


def out_of_fold(
    pairs: list[Pair], feats: list[dict[str, float]], names: tuple[str, ...], folds: int = 5, c: float = 1.0
) -> list[dict[str, float]]:
    """Class probabilities for each pair from a model that never saw its group (GroupKFold by claim group)."""
    from sklearn.model_selection import GroupKFold

    x = matrix(feats, names)
    y = [p.label for p in pairs]
    groups = [p.group for p in pairs]
    w = weights(pairs)
    probs: list[dict[str, float]] = [{} for _ in pairs]
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        model = fit([x[i] for i in train], [y[i] for i in train], c, [w[i] for i in train])
        for i, row in zip(test, model.predict_proba([x[i] for i in test]), strict=True):
            probs[i] = dict(zip(model.classes_, (float(v) for v in row), strict=True))
    return probs
