"""Score claim extraction on the project's own hand-judged articles (issue 13).

The articles in tests/data/hand_judged/articles are ingested into a fresh
temporary ledger through the CLI (`python -m pipeline.cli --db TMP ingest DIR`,
then `claims list --format json`), exactly as a user would (linking on, so a
claim merged away as a repeat is missing; `--no-link` keeps it). Each extracted
claim is matched, within its article, to a claim a person has already judged
(tests/data/hand_judged/judgements_baseline.json) by text overlap, and scored:

- precision: judged-real claims / matched claims;
- claimant accuracy: of the real ones, the claimant is an accepted claimant
  (token-subset match, e.g. "Pellow" for "Gareth Pellow") and not one the
  judge rejected (so "Hollis Marwood" never passes for "Gwen Marwood");
- date accuracy: of the real ones, the claim date is an accepted date;
- text faithful: of the real ones, the judge did not flag the text;
- recall against gold.json: a gold claim is found when one claim of its
  article holds at least 80% of the gold key's words; of those, how many carry
  the gold claimant.

Claims that match no judged claim are listed as UNJUDGED so a person can judge
them and add them to the judgements file; the figures then cover only judged
claims, and say so.

    python scripts/eval_hand_judged.py [--json] [--db PATH] [--show-wrong] [--no-link] [--write-unjudged PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "hand_judged"
ARTICLES = DATA / "articles"
JUDGED = DATA / "judgements_baseline.json"
# Judgements of claims the extractor produced after the baseline (issue 13), added beside it, never replacing it.
JUDGED_MORE = sorted(DATA.glob("judgements_issue*.json"))
GOLD = DATA / "gold.json"
MATCH_RATIO = 85  # fuzz.ratio on normalised text: a trimmed or re-cased claim still matches its judgement
MATCH_JACCARD = 0.75  # token Jaccard: a claim with a few words added or dropped still matches
KEY_SHARE = 0.8  # share of a gold key's words a claim must hold to count as finding it
_TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "the", "a", "an", "of", "'s", "councillor", "senator", "chief", "local",
    "former", "captain", "judge", "professor", "mp", "detective", "inspector", "officer", "fire",
}  # fmt: skip


def words(text: str | None) -> list[str]:
    """Lower-cased word tokens; curly apostrophes folded so "Kelbridge’s" meets "Kelbridge's"."""
    return re.findall(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*", (text or "").lower().replace("\u2019", "'"))


def name_tokens(name: str | None) -> set[str]:
    """The words of a claimant name that identify it; titles and articles do not."""
    return {w for w in words(name) if w not in _TITLES}


def same_claimant(got: str | None, wanted: str | None) -> bool:
    """True when one name's identifying words are a subset of the other's ("Pellow" ~ "Gareth Pellow")."""
    a, b = name_tokens(got), name_tokens(wanted)
    if not b:
        return not a  # an unresolved speaker is right only when left empty
    return bool(a) and (a <= b or b <= a)


def claimant_right(got: str | None, judged: dict[str, Any]) -> bool:
    """Accepted and not rejected: a surname shared by two people counts for neither."""
    rejected = any(same_claimant(got, r) for r in judged.get("rejected_claimants", []) if r)
    if rejected and not any(name_tokens(got) == name_tokens(a) for a in judged["accepted_claimants"]):
        return False
    return any(same_claimant(got, a) for a in judged["accepted_claimants"])


def similarity(a: str, b: str) -> tuple[float, float]:
    """(fuzz.ratio, token Jaccard) of two claim texts."""
    ta, tb = set(words(a)), set(words(b))
    jac = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    return fuzz.ratio(" ".join(words(a)), " ".join(words(b))), jac


def best_match(text: str, candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The judged claim whose text is closest to `text`, if close enough to be the same claim."""
    best, best_score = None, 0.0
    for cand in candidates:
        ratio, jac = similarity(text, cand["text"])
        if ratio >= MATCH_RATIO or jac >= MATCH_JACCARD:
            score = ratio / 100 + jac
            if score > best_score:
                best, best_score = cand, score
    return best


def run_cli(*args: str) -> str:
    """Run the project's CLI in this interpreter; a failure stops the scorer with the CLI's message."""
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"claimtrack {' '.join(args[:3])} failed: {proc.stderr.strip() or proc.stdout.strip()}")
    return proc.stdout


def extract(db: str, link: bool = True) -> list[dict[str, Any]]:
    """Ingest the articles into `db` through the CLI; every claim with its article's file stem.

    Linking is on by default because that is what a user runs, and it changes
    the claims: a repeat by the same claimant is merged away.
    """
    run_cli("--db", db, "ingest", str(ARTICLES), *([] if link else ["--no-link"]))
    sources = json.loads(run_cli("--db", db, "sources", "list", "--format", "json"))
    stem = {s["id"]: Path(s["path"]).stem for s in sources if s.get("path")}
    claims = json.loads(run_cli("--db", db, "claims", "list", "--format", "json"))
    for claim in claims:
        claim["article"] = stem.get(claim["source_id"], "?")
    return claims


@dataclass
class Figures:
    """What one run scored; the ratios are over judged claims only."""

    extracted: int = 0
    judged: int = 0
    unjudged: int = 0
    real: int = 0
    claimant_right: int = 0
    date_right: int = 0
    text_faithful: int = 0
    gold: int = 0
    gold_found: int = 0
    gold_found_claimant: int = 0
    precision: float = 0.0
    claimant_accuracy: float = 0.0
    date_accuracy: float = 0.0
    text_accuracy: float = 0.0
    recall: float = 0.0
    per_article: dict[str, dict[str, int]] = field(default_factory=dict)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    unjudged_claims: list[dict[str, Any]] = field(default_factory=list)


def score(claims: list[dict[str, Any]], judgements: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Figures:
    """Match extracted claims to judgements and gold; count what a fact-checker would."""
    fig = Figures(extracted=len(claims))
    judged_by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for j in judgements:
        judged_by[j["article"]].append(j)
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for claim in sorted(claims, key=lambda c: (c["article"], c["span"][0])):
        art = claim["article"]
        row = per[art]
        row["extracted"] += 1
        judged = best_match(claim["text"], judged_by.get(art, []))
        if judged is None:
            fig.unjudged += 1
            fig.unjudged_claims.append(_brief(claim))
            continue
        fig.judged += 1
        if not judged["real"]:
            fig.wrong.append({**_brief(claim), "why": f"not a claim: {judged['note']}"})
            continue
        fig.real += 1
        row["real"] += 1
        c_ok = claimant_right(claim["claimant"], judged)
        d_ok = claim["claim_date"] in judged["accepted_dates"]
        fig.claimant_right += c_ok
        fig.date_right += d_ok
        fig.text_faithful += bool(judged["text_ok"]) and _same_text(claim, judged)
        row["claimant_right"] += c_ok
        row["date_right"] += d_ok
        if not c_ok:
            fig.wrong.append({**_brief(claim), "why": f"claimant: want {judged['accepted_claimants']}"})
        if not d_ok:
            fig.wrong.append({**_brief(claim), "why": f"date: want {judged['accepted_dates']}"})
    for art in gold:
        texts = [c for c in claims if c["article"] == art["article"]]
        for g in art["claims"]:
            fig.gold += 1
            per[art["article"]]["gold"] += 1
            key = set(words(g["key"]))
            hits = [c for c in texts if len(key & set(words(c["text"]))) >= KEY_SHARE * len(key)]
            if not hits:
                fig.missed.append({"article": art["article"], **g})
                continue
            fig.gold_found += 1
            per[art["article"]]["gold_found"] += 1
            fig.gold_found_claimant += any(same_claimant(c["claimant"], g["claimant"]) for c in hits)
    fig.precision = _ratio(fig.real, fig.judged)
    fig.claimant_accuracy = _ratio(fig.claimant_right, fig.real)
    fig.date_accuracy = _ratio(fig.date_right, fig.real)
    fig.text_accuracy = _ratio(fig.text_faithful, fig.real)
    fig.recall = _ratio(fig.gold_found, fig.gold)
    fig.per_article = {k: dict(v) for k, v in sorted(per.items())}
    return fig


def _same_text(claim: dict[str, Any], judged: dict[str, Any]) -> bool:
    # A judged-faithful text stays faithful only while the polarity is the one judged.
    return claim.get("polarity") == judged.get("polarity")


def _brief(claim: dict[str, Any]) -> dict[str, Any]:
    keys = ("article", "text", "claimant", "claimant_role", "claim_date", "polarity", "quote")
    return {k: claim.get(k) for k in keys}


def _ratio(num: int, den: int) -> float:
    return round(num / den, 3) if den else 0.0


def render(fig: Figures, show_wrong: bool) -> str:
    """A short text report: the figures, per article, then what needs a person."""
    lines = [
        f"extracted {fig.extracted}, judged {fig.judged}, unjudged {fig.unjudged}",
        f"precision (real / judged)         {fig.precision:.3f}  ({fig.real}/{fig.judged})   target >= 0.85",
        f"claimant accuracy (of real)       {fig.claimant_accuracy:.3f}  "
        f"({fig.claimant_right}/{fig.real})   target >= 0.92",
        f"date accuracy (of real)           {fig.date_accuracy:.3f}  ({fig.date_right}/{fig.real})   target >= 0.95",
        f"text faithful (of real)           {fig.text_accuracy:.3f}  ({fig.text_faithful}/{fig.real})",
        f"gold recall                       {fig.recall:.3f}  ({fig.gold_found}/{fig.gold}); "
        f"with the gold claimant {fig.gold_found_claimant}",
        "",
        f"{'article':26} {'extr':>5} {'real':>5} {'clmt':>5} {'date':>5} {'gold':>5} {'found':>5}",
    ]
    for art, row in fig.per_article.items():
        lines.append(
            f"{art:26} {row.get('extracted', 0):5} {row.get('real', 0):5} {row.get('claimant_right', 0):5} "
            f"{row.get('date_right', 0):5} {row.get('gold', 0):5} {row.get('gold_found', 0):5}"
        )
    if fig.unjudged_claims:
        lines += ["", f"UNJUDGED ({fig.unjudged}) — judge these and add them to {JUDGED.relative_to(REPO)}:"]
        lines += [f"  [{c['article']}] {c['claimant']} | {c['claim_date']} | {c['text']}" for c in fig.unjudged_claims]
    if show_wrong:
        lines += ["", "WRONG:"] + [f"  [{w['article']}] {w['why']} :: {w['claimant']} | {w['text']}" for w in fig.wrong]
        lines += ["", "MISSED gold:"] + [f"  [{m['article']}] {m['claimant']}: {m['key']}" for m in fig.missed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run extraction through the CLI and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--db", help="ledger to ingest into (default: a fresh temporary SQLite file)")
    parser.add_argument("--show-wrong", action="store_true", help="list wrong and missed claims too")
    parser.add_argument("--no-link", action="store_true", help="ingest without linking (no repeats merged)")
    parser.add_argument("--write-unjudged", metavar="PATH", help="write unjudged claims as judgement stubs to fill in")
    args = parser.parse_args(argv)
    judgements = json.loads(JUDGED.read_text())["judgements"]
    for more in JUDGED_MORE:
        judgements += json.loads(more.read_text())["judgements"]
    gold = json.loads(GOLD.read_text())["articles"]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "hand_judged.db")
        claims = extract(db, link=not args.no_link)
    fig = score(claims, judgements, gold)
    if args.write_unjudged:
        stubs = [{**c, "real": None, "claimant_ok": None, "date_ok": None, "text_ok": None, "accepted_claimants": [],
                  "rejected_claimants": [], "accepted_dates": [], "note": ""} for c in fig.unjudged_claims]  # fmt: skip
        Path(args.write_unjudged).write_text(json.dumps(stubs, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(asdict(fig), indent=1) if args.json else render(fig, args.show_wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
