"""Evaluation gate for issue 13: floors under the hand-judged figures and the PolNeAR claim figures.

Floors sit a little under the figures measured on branch claims13 (hand-judged: precision 0.763,
claimant 0.892, date 0.911, gold recall 0.945; PolNeAR development half: found 0.828, claimant
right 0.783, attributed-claim precision 0.909), so that a small model or rule change does not flap
but a real regression fails. Raise them as the figures rise. After the port onto the facts objects
(port13): 0.766 / 0.887 / 0.901 / 0.945 and 0.828 / 0.780 / 0.910; the claimant figure moved because
a passive frame ("it was announced") keeps claimant None instead of the outlet, as main decided.
Round 2 (branch claims13, interview labels, "X continued", person names tagged as places, dates of
interview turns and background ranges): hand-judged 0.776 / 0.912 / 0.936 / 0.945; PolNeAR development
half 0.830 / 0.781 / 0.910. Floors raised to those figures minus a small margin.
Round 3 (branch claims: claimant tidying, statement dates only from the frame, counterfactuals,
verdicts and empty labels dropped, three new articles judged): hand-judged 0.851 / 0.925 / 0.956 /
0.945 over 296 judged claims; PolNeAR development half 0.823 / 0.779 / 0.911 (found fell: PolNeAR
annotates opinions and labels that are now dropped as no checkable claim). Hand-judged floors raised;
the PolNeAR floors are kept.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

pytestmark = pytest.mark.slow


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_hand_judged_floors(tmp_path: Path) -> None:
    ev = _script("eval_hand_judged")
    judgements = [j for path in [ev.JUDGED, *ev.JUDGED_MORE] for j in json.loads(path.read_text())["judgements"]]
    gold = json.loads(ev.GOLD.read_text())["articles"]
    fig = ev.score(ev.extract(str(tmp_path / "hj.db"), link=True), judgements, gold)
    assert fig.unjudged <= 5, "new outputs: judge them (scripts/eval_hand_judged.py --write-unjudged)"
    assert fig.precision >= 0.84
    assert fig.claimant_accuracy >= 0.91
    assert fig.date_accuracy >= 0.94
    # 0.914 since articles 13-15 got their gold claims (the 12 older articles alone: 0.945).
    assert fig.recall >= 0.90


@pytest.mark.skipif(
    not (SHARED / "data" / "polnear").is_dir(), reason=f"{SHARED}/data/polnear is absent: no PolNeAR gold to measure on"
)
def test_polnear_claim_floors() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    figures = _script("eval_polnear_claims").evaluate(SHARED, "dev")["ALL"]
    assert figures["gold"] > 400
    assert figures["found"] >= 0.82
    assert figures["claimant_right"] >= 0.77
    assert figures["precision"] >= 0.90
