"""Evaluation gate for links a desk can trust (issue 14): automatic-only figures on our stories and the seed.

The automatic links are what statuses follow, so they get floors of their own:

- the 14 link stories (tests/data/link_stories/, ours): automatic `contradicts` precision
  1.00 (19/19), recall 0.48 (12/25); disputed precision 1.00 (13/13). One false link moves
  precision by about 0.05, so the floor is 0.9 (the issue's target), not the figure;
- the seed article (../shared/corpus, skipped when absent): Kulubayev's claim is disputed by an
  automatic link, both gold links hold, and no other automatic `contradicts` (target 0).

Emergent's cross-validated figures, automatic precision included, are gated in
tests/pipeline/test_stance_gate.py. Measured with `python scripts/eval_link_stories.py` and
`python scripts/eval_links.py` (README, "Measured quality").
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "turkey-central-asia-military-cooperation.txt"

pytestmark = pytest.mark.slow


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(shutil.which("claimtrack") is None, reason="the stories are ingested through the CLI")
def test_link_stories_automatic_contradicts_stay_above_floors(tmp_path: Path) -> None:
    import json

    ev = _script("eval_link_stories")
    stories = json.loads(ev.GOLD.read_text())["stories"]
    scores = [ev.score_story(s, ev.ingest_story(s, str(tmp_path / f"{s['story']}.db"))) for s in stories]
    tot = ev.totals(scores)
    assert tot["contradicts"]["precision"] >= 0.9, tot["contradicts"]
    assert tot["contradicts"]["recall"] >= 0.44, tot["contradicts"]  # 12/25 measured; one link is 0.04
    assert tot["disputed"]["precision"] >= 0.9, tot["disputed"]
    # No supports link is automatic (its threshold is 0.99: below it supports were not 90% right held back).


@pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus seed article not present")
def test_seed_disputed_by_an_automatic_link(tmp_path: Path) -> None:
    ev = _script("eval_links")
    case = ev.load_seed(SEED)
    assert case is not None
    score = ev.score_case(case, ev.ingest_case(case, tmp_path))
    assert score.missing == [], score
    assert score.status_ok, "the seed's gold dispute must come from an automatic link, not a review"
    assert score.auto_correct >= 1, score
    assert score.extra_contradicts == 0, score
