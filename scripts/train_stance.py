"""Train the stance model and write `pipeline/lexicon/data/stance_model.json`.

Data (see `scripts/stance_training.py`): the Emergent training split read in place
from ../shared/data/emergent/train.csv (third-party, never copied into the repo),
`none` pairs across its claim groups, and our own pairs in tests/data/stance_pairs.jsonl.
The held-back figures (GroupKFold by claim group) choose the auto threshold and
fill the reliability table stored in the model file.

    python scripts/train_stance.py [--emergent PATH] [--own PATH] [--out PATH] [--c 1.0]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import stance_training as training  # noqa: E402

from pipeline.linking import features, judge  # noqa: E402
from pipeline.linking.model import CLASSES, StanceModel  # noqa: E402

EMERGENT = REPO.parent / "shared" / "data" / "emergent" / "train.csv"
OWN = REPO / "tests" / "data" / "stance_pairs.jsonl"
OUT = REPO / "pipeline" / "lexicon" / "data" / "stance_model.json"
TARGET_PRECISION = 0.9
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def load(emergent: Path, own: Path) -> list[training.Pair]:
    pairs = training.emergent_pairs(emergent) if emergent.exists() else []
    return training.with_swaps(pairs + (training.own_pairs(own) if own.exists() else []))


def reliability(pairs: list[training.Pair], decided: list[tuple[str, float]]) -> list[dict[str, object]]:
    """Per confidence bin: how many predicted links (supports/contradicts) and how many were right."""
    rows = []
    for lo, hi in itertools.pairwise(BINS):
        hits = [
            p.label == label
            for p, (label, conf) in zip(pairs, decided, strict=True)
            if label in ("supports", "contradicts") and lo <= conf < hi
        ]
        rows.append({"bin": f"[{lo:.1f}, {min(hi, 1.0):.1f})", "links": len(hits), "right": sum(hits)})
    return rows


def threshold_for(pairs: list[training.Pair], decided: list[tuple[str, float]], label: str) -> float:
    """The lowest confidence at which predicted `label` links at or above it are right >= TARGET_PRECISION,
    both on all held-back pairs and on the Emergent ones alone (our own pairs are few and easy: pooled, they
    would let Emergent's automatic precision fall under the target)."""
    # On Emergent a supports link to a neutral (observing) report of the same claim is no error (the issue's
    # measure: headlines that repeat a rumour are labelled observing); on our own pairs only the gold label counts.
    lenient = {label}  # observing counted wrong here too: real news showed supports links at 0.84 mostly wrong
    scored = [
        (conf, p.label == label, p.origin == "emergent", p.label in lenient)
        for p, (lab, conf) in zip(pairs, decided, strict=True)
        if lab == label
    ]

    def precise(kept: list[bool]) -> bool:
        return not kept or (sum(kept) / len(kept) >= TARGET_PRECISION)

    for t in [x / 100 for x in range(30, 100)]:
        own = [ok for conf, ok, em, _ in scored if conf >= t and not em]
        emergent = [ok for conf, _, em, ok in scored if conf >= t and em]
        if len(own) + len(emergent) >= 10 and precise(own) and precise(emergent):
            return t
    return 0.99


def rule_confidence(pairs: list[training.Pair], feats: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Each lexicon rule's precision on all labelled pairs (it is not fitted, so no fold is needed), smoothed."""
    out = {}
    for name, label in judge.RULES.items():
        kept = [(p, f) for p, f in zip(pairs, feats, strict=True) if not p.origin.endswith("-swap")]
        fired = [p.label == label for p, f in kept if f.get(name)]
        out[name] = {
            "fired": len(fired),
            "right": sum(fired),
            "confidence": round((sum(fired) + 1) / (len(fired) + 2), 3),
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emergent", type=Path, default=EMERGENT)
    parser.add_argument("--own", type=Path, default=OWN)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--c", type=float, default=0.3)
    args = parser.parse_args()
    pairs = load(args.emergent, args.own)
    if not pairs:
        print(f"no training data at {args.emergent} or {args.own}", file=sys.stderr)
        return 1
    names = features.NAMES
    feats = training.pair_feature_dicts(pairs)
    probs = training.out_of_fold(pairs, feats, names, c=args.c)
    rules = rule_confidence(pairs, feats)
    decided = [
        judge.decide_pair(p.later, p.earlier, pr, f, rules) for p, pr, f in zip(pairs, probs, feats, strict=True)
    ]
    # Thresholds and the reliability table are read on the unswapped pairs (a swap is a copy, not new evidence).
    keep = training.original(pairs)
    held = [p for p, k in zip(pairs, keep, strict=True) if k]
    held_decided = [d for d, k in zip(decided, keep, strict=True) if k]
    auto = threshold_for(held, held_decided, "contradicts")
    auto_sup = threshold_for(held, held_decided, "supports")
    table = reliability(held, held_decided)
    model = training.fit(training.matrix(feats, names), [p.label for p in pairs], args.c, training.weights(pairs))
    order = [list(model.classes_).index(c) for c in CLASSES]
    out = StanceModel(
        classes=CLASSES,
        features=names,
        coef=tuple(tuple(round(float(v), 5) for v in model.coef_[i]) for i in order),
        intercept=tuple(0.0 for _ in CLASSES),
        auto_threshold=auto,
        meta={
            "trained_by": "scripts/train_stance.py",
            "origin": {
                "emergent": "Emergent training split (Ferreira & Vlachos 2016), ../shared/data/emergent/train.csv, "
                "read in place, not copied; headline = later claim, rumoured claim = earlier; for/against/observing "
                "-> supports/contradicts/observing; `none` = headlines of other claims sharing a content word",
                "own": "tests/data/stance_pairs.jsonl, written for claimtrack (fictional people and places)",
            },
            "pairs": {lab: sum(p.label == lab for p in pairs) for lab in CLASSES},
            "c": args.c,
            "auto_threshold_supports": auto_sup,
            "rules": rules,
            "reliability_held_back": table,
        },
    )
    args.out.write_text(json.dumps(out.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"pairs {len(pairs)}; auto threshold contradicts {auto:.2f}, supports {auto_sup:.2f}")
    for row in table:
        print(f"  confidence {row['bin']}: {row['right']}/{row['links']} right")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
