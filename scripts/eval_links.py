"""Score automatic linking: link precision and recall over the example chains and the seed article.

Each case is ingested, article by article and in order, into a fresh temporary
ledger through `pipeline.ingest.ingest_paths` (the same path as `claimtrack
ingest`). Extracted claims are matched to gold claims (see examples/chains.json
for the rule), and every `supports`/`contradicts` link is compared with the gold
links as (from, to, stance). A link touching a claim that matches no gold claim
counts against precision; on the seed every such `contradicts` link is a false
alarm a fact-checker has to dismiss, and is counted separately.

    python scripts/eval_links.py [--json] [--chains examples/chains.json] [--seed PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.ledger import Ledger  # noqa: E402
from claims.models import Claim  # noqa: E402
from claims.status import claimant_key  # noqa: E402

SEED = REPO.parent / "shared" / "corpus" / "turkey-central-asia-military-cooperation.txt"
SEED_META = {"published": "2022-05-25", "outlet": "Blue Domes"}
STANCES = ("supports", "contradicts")
FUZZY_TEXT = 90


@dataclass
class Case:
    """One ingest scenario with its gold."""

    name: str
    articles: list[tuple[Path, dict[str, str]]]
    claims: list[dict[str, Any]]
    links: list[dict[str, Any]]
    expected_status: dict[str, str] = field(default_factory=dict)
    expected_appearances: dict[str, int] = field(default_factory=dict)


@dataclass
class Score:
    """What one case scored."""

    name: str
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    extra_contradicts: int = 0
    matched_claims: int = 0
    gold_claims: int = 0
    status_ok: bool = True  # the ledger's statuses: automatic (and accepted) links only
    status_ok_reviewed: bool = True  # after a reviewer accepts the right suggestions and rejects the rest
    auto_predicted: int = 0  # links at or above the auto threshold (count for status)
    auto_correct: int = 0
    suggested: int = 0  # links below it, waiting in the review queue
    suggested_correct: int = 0
    appearances_ok: bool = True
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def load_chains(path: Path) -> list[Case]:
    data = json.loads(path.read_text("utf-8"))
    cases = []
    for chain in data["chains"]:
        articles = [
            (path.parent / a["path"], {k: v for k, v in a.items() if k in ("outlet", "published")})
            for a in chain["articles"]
        ]
        cases.append(
            Case(
                name=chain["id"],
                articles=articles,
                claims=chain["claims"],
                links=chain["links"],
                expected_status=chain.get("expected_status", {}),
                expected_appearances=chain.get("expected_appearances", {}),
            )
        )
    return cases


def load_seed(path: Path) -> Case | None:
    gold_path = path.with_suffix(".gold.json")
    if not path.exists() or not gold_path.exists():
        return None
    gold = json.loads(gold_path.read_text("utf-8"))
    claims = [
        {**c, "aliases": c.get("claimant_aliases", []), "key_terms": c.get("key_terms", [])} for c in gold["claims"]
    ]
    return Case(
        name="seed",
        articles=[(path, SEED_META)],
        claims=claims,
        links=gold["links"],
        expected_status=gold.get("expected_status", {}),
    )


def ingest_case(case: Case, workdir: Path) -> list[Claim]:
    """Ingest the case's articles in order into a fresh ledger; return every stored claim with its links."""
    from pipeline.ingest import IngestOptions, ingest_paths
    from sources.document import Overrides

    ledger = Ledger.open(str(workdir / f"{case.name}.db"))
    try:
        for path, meta in case.articles:
            options = IngestOptions(overrides=Overrides(**meta))
            ingest_paths(ledger, [str(path)], options)
        return ledger.list_claims()
    finally:
        ledger.close()


def _claimant_ok(claim: Claim, gold: dict[str, Any]) -> bool:
    got = claimant_key(claim.claimant) or ""
    names = [gold.get("claimant") or "", *gold.get("aliases", [])]
    return any(n and (claimant_key(n) or "") in got for n in names) if got else False


def _terms_ok(claim: Claim, gold: dict[str, Any]) -> bool:
    text = claim.text.casefold()
    terms = gold.get("key_terms", [])
    return bool(terms) and all(t.casefold() in text for t in terms)


def match_claims(claims: list[Claim], gold: list[dict[str, Any]]) -> dict[str, str]:
    """Map extracted claim ids to gold claim ids (several extracted claims may map to one gold claim)."""
    out: dict[str, str] = {}
    for claim in claims:
        best: tuple[int, str] | None = None
        for g in gold:
            claimant = _claimant_ok(claim, g)
            terms = _terms_ok(claim, g)
            close = fuzz.partial_ratio(claim.text.casefold(), (g.get("text") or "").casefold()) >= FUZZY_TEXT
            polarity = claim.polarity == g.get("polarity", claim.polarity)
            if claimant and (terms or close):
                rank = 2
            elif terms and polarity:
                rank = 1
            else:
                continue
            if best is None or rank > best[0]:
                best = (rank, g["id"])
        if best is not None:
            out[claim.id] = best[1]
    return out


def required_links(case: Case) -> set[tuple[str, str, str]]:
    """The gold links a case must produce (optional ones excluded)."""
    return {(lk["from"], lk["to"], lk["stance"]) for lk in case.links if not lk.get("optional")}


def score_case(case: Case, claims: list[Claim]) -> Score:
    mapping = match_claims(claims, case.claims)
    by_gold: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.id in mapping:
            by_gold.setdefault(mapping[claim.id], []).append(claim)
    required = required_links(case)
    optional = {(lk["from"], lk["to"], lk["stance"]) for lk in case.links if lk.get("optional")}
    predicted: set[tuple[str, str, str]] = set()
    suggested: set[tuple[str, str, str]] = set()
    for claim in claims:
        for link in claim.links:
            if link.direction != "to" or link.stance not in STANCES:
                continue
            pair = (mapping.get(claim.id, claim.id), mapping.get(link.claim_id, link.claim_id))
            if pair[0] != pair[1]:  # two extractions of one gold claim linked together: a duplicate, not a link
                predicted.add((*pair, link.stance))
                if link.origin == "suggested":
                    suggested.add((*pair, link.stance))
    predicted -= optional
    suggested -= optional
    automatic = predicted - suggested
    score = Score(name=case.name, gold_claims=len(case.claims), matched_claims=len(by_gold))
    score.predicted, score.gold = len(predicted), len(required)
    score.correct = len(predicted & required)
    score.found = len(required & predicted)
    score.missing = sorted(" ".join(t) for t in required - predicted)
    score.extra = sorted(" ".join(t) for t in predicted - required)
    score.extra_contradicts = sum(1 for t in automatic - required if t[2] == "contradicts")
    score.auto_predicted, score.auto_correct = len(automatic), len(automatic & required)
    score.suggested, score.suggested_correct = len(suggested), len(suggested & required)
    for gid, status in case.expected_status.items():
        if not any(c.status == status for c in by_gold.get(gid, [])):
            score.status_ok = False
    for gid, count in case.expected_appearances.items():
        if sum(len(c.appearances) for c in by_gold.get(gid, [])) < count:
            score.appearances_ok = False
    return score


def review_case(case: Case, workdir: Path, claims: list[Claim]) -> list[Claim]:
    """A perfect reviewer: accept each suggestion that is a gold link, reject the rest; the claims after."""
    from pipeline.review import accept, list_suggestions, reject

    mapping = match_claims(claims, case.claims)
    gold = {(lk["from"], lk["to"], lk["stance"]) for lk in case.links}
    ledger = Ledger.open(str(workdir / f"{case.name}.db"))
    try:
        for s in list_suggestions(ledger):
            a, b = s.from_claim.id or "", s.to_claim.id or ""
            if (mapping.get(a, a), mapping.get(b, b), s.stance) in gold:
                accept(ledger, s.id, by="eval")
            else:
                reject(ledger, s.id, by="eval")
        return ledger.list_claims()
    finally:
        ledger.close()


def reviewed_status_ok(case: Case, claims: list[Claim]) -> bool:
    """Whether the expected statuses hold on `claims` (read after `review_case`)."""
    mapping = match_claims(claims, case.claims)
    return all(
        any(c.status == status for c in claims if mapping.get(c.id) == gid)
        for gid, status in case.expected_status.items()
    )


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=Path, default=REPO / "examples" / "chains.json")
    parser.add_argument("--seed", type=Path, default=SEED)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    cases = load_chains(args.chains)
    seed = load_seed(args.seed)
    if seed is None:
        print(f"seed article not found at {args.seed}: scoring the chains only", file=sys.stderr)
    else:
        cases.append(seed)
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            claims = ingest_case(case, Path(tmp))
            score = score_case(case, claims)
            score.status_ok_reviewed = reviewed_status_ok(case, review_case(case, Path(tmp), claims))
            scores.append(score)
    if args.json:
        print(json.dumps([asdict(s) for s in scores], indent=2))
        return 0
    for s in scores:
        print(
            f"{s.name:8} links {s.correct}/{s.predicted} correct, {s.found}/{s.gold} gold found; "
            f"claims matched {s.matched_claims}/{s.gold_claims}; status {'ok' if s.status_ok else 'WRONG'}, "
            f"after review {'ok' if s.status_ok_reviewed else 'WRONG'}; automatic {s.auto_correct}/{s.auto_predicted}"
            f" correct, suggested {s.suggested_correct}/{s.suggested} correct"
            + ("" if s.appearances_ok else "; appearances MISSING")
        )
        for m in s.missing:
            print(f"         missing: {m}")
        for e in s.extra:
            print(f"         extra:   {e}")
    predicted = sum(s.predicted for s in scores)
    correct = sum(s.correct for s in scores)
    gold = sum(s.gold for s in scores)
    found = sum(s.found for s in scores)
    print(f"link precision: {_ratio(correct, predicted):.2f} ({correct}/{predicted})")
    print(f"link recall: {_ratio(found, gold):.2f} ({found}/{gold})")
    auto, auto_right = sum(s.auto_predicted for s in scores), sum(s.auto_correct for s in scores)
    sugg, sugg_right = sum(s.suggested for s in scores), sum(s.suggested_correct for s in scores)
    print(f"automatic link precision: {_ratio(auto_right, auto):.2f} ({auto_right}/{auto})")
    print(f"suggestions (review queue): {sugg}, of them right: {sugg_right}")
    print(f"statuses hold (automatic links only): {sum(s.status_ok for s in scores)}/{len(scores)} cases")
    print(f"statuses hold after review: {sum(s.status_ok_reviewed for s in scores)}/{len(scores)} cases")
    seed_score = next((s for s in scores if s.name == "seed"), None)
    if seed_score is not None:
        print(f"seed extra contradicts links: {seed_score.extra_contradicts}")
        print(f"seed gold links hold: {'yes' if not seed_score.missing else 'no'}")
        print(f"seed disputed status holds: {'yes' if seed_score.status_ok else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
