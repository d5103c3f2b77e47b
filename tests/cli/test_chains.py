"""The example chains and the seed article end to end through the CLI: ingest, list, show, relink, reject.

Scoring reuses scripts/eval_links.py (claim matching against examples/chains.json),
so the test and the published figures measure the same thing.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from claims.models import Claim, ClaimDetail
from pipeline.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "turkey-central-asia-military-cooperation.txt"
runner = CliRunner()
pytestmark = pytest.mark.slow

# The links each chain must produce whatever the extractor's details: the denial, the antonym, the pointer.
CORE = {
    "ferry": {"company-rejects strand-suspended contradicts", "reyn-daily strand-suspended contradicts",
              "harbour-confirms reyn-daily supports"},
    "library": {"brenner-no-decision vance-close contradicts", "herald-vote brenner-no-decision contradicts",
                "herald-vote vance-close supports"},
    "buses": {"brask-denial marek-purchase contradicts", "customs-imported marek-purchase supports",
              "customs-imported brask-denial contradicts"},
}  # fmt: skip


@lru_cache(maxsize=1)
def _eval() -> ModuleType:
    """scripts/eval_links.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("eval_links", ROOT / "scripts" / "eval_links.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stdout


def ingest_case(db: str, case: object) -> list[Claim]:
    for path, meta in case.articles:  # type: ignore[attr-defined]
        flags = [x for key, value in meta.items() for x in (f"--{key}", value)]
        run(db, "ingest", str(path), *flags)
    return [Claim.model_validate(c) for c in json.loads(run(db, "claims", "list", "--format", "json"))]


@pytest.mark.parametrize("chain", ["ferry", "library", "buses"])
def test_chain_links_and_statuses(chain: str, tmp_path: Path) -> None:
    ev = _eval()
    case = next(c for c in ev.load_chains(ROOT / "examples" / "chains.json") if c.name == chain)
    db = str(tmp_path / "ledger.db")
    claims = ingest_case(db, case)
    score = ev.score_case(case, claims)
    found = {" ".join(t) for t in ev.required_links(case)} - set(score.missing)
    assert CORE[chain] <= found, score
    assert score.extra == [], score
    # Linking at ingest and relink decide the same links on the same ledger.
    assert "0 added, 0 changed, 0 removed" in run(db, "relink")
    # Statuses follow automatic links; suggestions wait for a person. A reviewer accepting the right
    # suggestions (through `claimtrack review`) brings every expected status.
    claims = review_through_cli(db, case, claims)
    assert ev.reviewed_status_ok(case, claims), score
    # `claims show` explains each automatic link.
    disputed = next(c for c in claims if c.status == "disputed")
    shown = run(db, "claims", "show", disputed.id)
    assert "why:" in shown and "score" in shown


def review_through_cli(db: str, case: object, claims: list[Claim]) -> list[Claim]:
    """Accept each pending suggestion that is a gold link and reject the others, with `claimtrack review`."""
    ev = _eval()
    mapping = ev.match_claims(claims, case.claims)  # type: ignore[attr-defined]
    gold = {(lk["from"], lk["to"], lk["stance"]) for lk in case.links}  # type: ignore[attr-defined]
    for s in json.loads(run(db, "review", "list", "--format", "json")):
        a, b = s["from_claim"]["id"], s["to_claim"]["id"]
        right = (mapping.get(a, a), mapping.get(b, b), s["stance"]) in gold
        run(db, "review", "accept" if right else "reject", s["id"], "--by", "desk")
    assert json.loads(run(db, "review", "list", "--format", "json")) == []
    return [Claim.model_validate(c) for c in json.loads(run(db, "claims", "list", "--format", "json"))]


def test_relink_twice_and_a_rejection_survives_reingest(tmp_path: Path) -> None:
    ev = _eval()
    case = next(c for c in ev.load_chains(ROOT / "examples" / "chains.json") if c.name == "library")
    db = str(tmp_path / "ledger.db")
    claims = ingest_case(db, case)
    link = next((c, lk) for c in claims for lk in c.links if lk.direction == "to" and lk.stance == "contradicts")
    source, target = link[0], link[1].claim_id
    run(db, "link", source.id, target, "--reject")
    first = run(db, "relink")
    second = run(db, "relink")
    assert "0 added, 0 changed, 0 removed" in second, (first, second)
    for path, meta in case.articles:  # the same articles again: nothing new, the rejection holds
        run(db, "ingest", str(path), *[x for k, v in meta.items() for x in (f"--{k}", v)])
    run(db, "relink")
    after = ClaimDetail.model_validate(json.loads(run(db, "claims", "show", target, "--format", "json")))
    assert all(lk.claim_id != source.id for lk in after.links)
    assert any(h.rejected and {h.from_id, h.to_id} == {source.id, target} for h in after.link_history)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus seed article not present")
def test_seed_gold_links_and_dispute(tmp_path: Path) -> None:
    ev = _eval()
    case = ev.load_seed(SEED)
    db = str(tmp_path / "ledger.db")
    claims = ingest_case(db, case)
    score = ev.score_case(case, claims)
    assert score.missing == [], score
    assert "0 added, 0 changed, 0 removed" in run(db, "relink")  # ingest-time links = relink's
    assert ev.reviewed_status_ok(case, review_through_cli(db, case, claims)), score
    assert score.extra_contradicts <= 2, score
    # Links are listed on both claims, with their stance.
    mapping = ev.match_claims(claims, case.claims)
    for gold in case.links:
        ends = {side: [c for c in claims if mapping.get(c.id) == gold[side]] for side in ("from", "to")}
        assert any(
            lk.claim_id in {t.id for t in ends["to"]} and lk.stance == gold["stance"] and lk.direction == "to"
            for c in ends["from"]
            for lk in c.links
        )
        assert any(
            lk.claim_id in {f.id for f in ends["from"]} and lk.stance == gold["stance"] and lk.direction == "from"
            for c in ends["to"]
            for lk in c.links
        )
