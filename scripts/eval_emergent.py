"""Stance on Emergent, cross-validated by claim group, through the same functions linking uses.

Each fold's model is fitted on the other claim groups (plus `none` pairs and our own
pairs, grouped too) and judges the held-back pairs: the headline is the later claim,
the rumoured claim the earlier one. A pair the alignment gate stops, or the model
calls `none`, counts as no link (observing in the 3-way figure).

- contradicts P / R: predicted `contradicts` against gold `against`;
- supports P / R: predicted `supports` against gold `for`; P also with `observing`
  counted as right (a supports link to a neutral report of the same claim is no error);
- 3-way accuracy over for / against / observing;
- false contradicts on observing: the share of `observing` pairs called `contradicts`;
- auto contradicts: the same at or above the auto threshold.

    python scripts/eval_emergent.py [--emergent PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import stance_training as training  # noqa: E402

from claims.index import claim_terms_of  # noqa: E402
from pipeline.linking import features, judge  # noqa: E402
from pipeline.linking.model import stance_model  # noqa: E402

EMERGENT = REPO.parent / "shared" / "data" / "emergent" / "train.csv"
OWN = REPO / "tests" / "data" / "stance_pairs.jsonl"
THREE_WAY = {"supports": "for", "contradicts": "against", "observing": "observing", "none": "observing"}
GOLD = {"supports": "for", "contradicts": "against", "observing": "observing"}


def _ratio(n: int, d: int) -> float:
    return round(n / d, 3) if d else 0.0


def predictions(pairs: list[training.Pair], c: float = 0.3) -> list[tuple[str, float]]:
    """(label, confidence) per pair, out of fold, with the alignment gate applied as `stance.score` does."""
    feats = training.pair_feature_dicts(pairs)
    probs = training.out_of_fold(pairs, feats, features.NAMES, c=c)
    out = []
    rules = stance_model().meta.get("rules", {})
    common = corpus_common(pairs)
    for p, pr, f in zip(pairs, probs, feats, strict=True):
        out.append(judge.decide_pair(p.later, p.earlier, pr, f, rules, common))
    return out


def corpus_common(pairs: list[training.Pair]) -> frozenset[str]:
    """The most frequent entity terms of the pairs' claims taken as one ledger (each distinct text once), as the
    retrieval index would count them if every claim and headline were ingested: the common-name gate is measured."""
    docs: dict[str, set[str]] = {}
    for p in pairs:
        for c in (p.later, p.earlier):
            docs[c.text] = set(claim_terms_of(c)[0])
    df = Counter(t for terms in docs.values() for t in terms)
    return judge.common_terms(df, len(docs))


def emergent_figures(pairs: list[training.Pair], preds: list[tuple[str, float]]) -> dict[str, float]:
    rows = [(GOLD[p.label], lab, conf) for p, (lab, conf) in zip(pairs, preds, strict=True) if p.origin == "emergent"]
    pc = [g for g, lab, _ in rows if lab == "contradicts"]
    ps = [g for g, lab, _ in rows if lab == "supports"]
    auto = [g for g, lab, conf in rows if lab == "contradicts" and judge.is_auto(lab, conf)]
    n_against = sum(g == "against" for g, _, _ in rows)
    n_for = sum(g == "for" for g, _, _ in rows)
    n_obs = sum(g == "observing" for g, _, _ in rows)
    return {
        "pairs": len(rows),
        "contradicts_p": _ratio(pc.count("against"), len(pc)),
        "contradicts_r": _ratio(pc.count("against"), n_against),
        "supports_p": _ratio(ps.count("for"), len(ps)),
        "supports_p_observing_right": _ratio(ps.count("for") + ps.count("observing"), len(ps)),
        "supports_r": _ratio(ps.count("for"), n_for),
        "accuracy_3way": _ratio(sum(THREE_WAY[lab] == g for g, lab, _ in rows), len(rows)),
        "false_contradicts_on_observing": _ratio(pc.count("observing"), n_obs),
        "auto_contradicts_p": _ratio(auto.count("against"), len(auto)),
        "auto_contradicts_r": _ratio(auto.count("against"), n_against),
    }


def own_figures(pairs: list[training.Pair], preds: list[tuple[str, float]]) -> dict[str, float]:
    rows = [(p.label, lab, conf) for p, (lab, conf) in zip(pairs, preds, strict=True) if p.origin == "own"]
    pc = [g for g, lab, _ in rows if lab == "contradicts"]
    auto = [g for g, lab, conf in rows if lab == "contradicts" and judge.is_auto(lab, conf)]
    linked = [g for g, lab, _ in rows if lab in ("supports", "contradicts")]
    return {
        "pairs": len(rows),
        "contradicts_p": _ratio(pc.count("contradicts"), len(pc)),
        "contradicts_r": _ratio(pc.count("contradicts"), sum(g == "contradicts" for g, _, _ in rows)),
        "auto_contradicts_p": _ratio(auto.count("contradicts"), len(auto)),
        "auto_contradicts": len(auto),
        "links_on_none_pairs": linked.count("none"),
        "accuracy_4way": _ratio(sum(g == lab for g, lab, _ in rows), len(rows)),
    }


def evaluate(emergent: Path = EMERGENT, own: Path = OWN) -> dict[str, dict[str, float]]:
    pairs = training.with_swaps(training.emergent_pairs(emergent) + (training.own_pairs(own) if own.exists() else []))
    preds = predictions(pairs)
    return {"emergent": emergent_figures(pairs, preds), "own": own_figures(pairs, preds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emergent", type=Path, default=EMERGENT)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.emergent.exists():
        print(f"Emergent data not found at {args.emergent}", file=sys.stderr)
        return 1
    result = evaluate(args.emergent)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for part, figures in result.items():
        print(part)
        for key, value in figures.items():
            print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
