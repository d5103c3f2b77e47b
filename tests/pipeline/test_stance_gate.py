"""Evaluation gate: stance on Emergent (cross-validated by claim group) and on our own pairs stays above floors.

Reads ../shared/data/emergent (skipped when absent). Floors sit a little under the
figures measured with `python scripts/eval_emergent.py` (see README, "Stance"), so
small changes do not flap but a real regression fails. Also checks that the committed
model file agrees with the features the code computes.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EMERGENT = ROOT.parent / "shared" / "data" / "emergent" / "train.csv"

# Measured (issue 14, round 3): 3-way 0.716, contradicts P/R 0.883/0.668, supports P (observing right) 0.973,
# R 0.681, automatic contradicts P/R 0.934/0.421, false contradicts on observing 0.015; with the common-name
# gate 3-way 0.715, contradicts P/R 0.882/0.661, supports R 0.678, the rest unchanged. One pair moves a figure by
# 0.001-0.004 (about 2,000 pairs; 330 against, 960 for), so floors sit about 0.02 under the figures.
FLOORS = {
    "accuracy_3way": 0.70,
    "contradicts_p": 0.86,
    "contradicts_r": 0.65,
    "supports_p_observing_right": 0.95,
    "supports_r": 0.66,
    "auto_contradicts_p": 0.91,
    "auto_contradicts_r": 0.4,
}
CEILINGS = {"false_contradicts_on_observing": 0.022}
OWN_FLOORS = {"contradicts_p": 0.9, "auto_contradicts_p": 0.9}


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not EMERGENT.is_file(), reason=f"{EMERGENT} is absent: no Emergent data to measure on")
def test_emergent_and_own_pairs_stay_above_floors() -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (a dev dependency) fits the cross-validation folds")
    figures = _script("eval_emergent").evaluate(EMERGENT)
    emergent, own = figures["emergent"], figures["own"]
    for key, floor in FLOORS.items():
        assert emergent[key] >= floor, f"Emergent {key} {emergent[key]} fell below {floor}"
    for key, ceiling in CEILINGS.items():
        assert emergent[key] <= ceiling, f"Emergent {key} {emergent[key]} rose above {ceiling}"
    for key, floor in OWN_FLOORS.items():
        assert own[key] >= floor, f"own pairs {key} {own[key]} fell below {floor}"


def test_model_file_matches_the_features() -> None:
    from pipeline.linking import features
    from pipeline.linking.model import CLASSES, stance_model

    model = stance_model()
    assert model.features == features.NAMES, "features changed: rerun python scripts/train_stance.py"
    assert model.classes == CLASSES
    assert 0.5 <= model.auto_threshold < 1.0
    assert model.meta["origin"]["own"].startswith("tests/data/stance_pairs.jsonl")
    top = next(row for row in model.meta["reliability_held_back"] if row["bin"].startswith("[0.9"))
    assert top["right"] >= 0.9 * top["links"], "links of confidence >= 0.9 were right < 90% held back"
