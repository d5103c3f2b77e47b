"""Evaluation gate: temporal normalisation must not fall below its measured level.

Runs scripts/eval_seed_dates.py and scripts/eval_timeml.py in-process (about 45 s
with the model loaded), with a gate per set. Floors sit a little under the figures
measured when they were pinned (seed 25/25; TimeML value F1 0.830 AQUAINT, 0.877
timebank-dev, 0.847 TE3 platinum sample).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED_GOLD = SHARED / "corpus" / "turkey-central-asia-military-cooperation.gold.json"
TIMEML = SHARED / "data" / "timeml"

SEED_FLOOR = 0.95
# value F1 per TimeML set, pinned a little under the figures measured (see the module docstring)
TIMEML_F1_FLOORS = {
    "aquaint": 0.82,
    "timebank": 0.86,
    "te3": 0.80,  # 30 gold values: one miss moves it by ~0.03
}


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason=f"seed gold not found at {SEED_GOLD} (../shared absent)")
def test_seed_article_dates() -> None:
    results = _script("eval_seed_dates").evaluate(SEED_GOLD)
    misses = [f"{r.text!r}: expected {r.expected}, got {r.got}" for r in results if not r.ok]
    accuracy = sum(r.ok for r in results) / len(results)
    assert accuracy >= SEED_FLOOR, "\n".join(misses)


@pytest.mark.skipif(not TIMEML.is_dir(), reason=f"TimeML data not found at {TIMEML} (../shared absent)")
@pytest.mark.parametrize("name", list(TIMEML_F1_FLOORS))
def test_timeml_value_f1(name: str) -> None:
    evaluator = _script("eval_timeml")
    if not (TIMEML / evaluator.SETS[name]).is_dir():
        pytest.skip(f"{evaluator.SETS[name]} not found under {TIMEML}")
    scores = evaluator.score(evaluator.load_set(TIMEML, name))
    assert scores.f1 >= TIMEML_F1_FLOORS[name], scores.line(evaluator.SETS[name])
