"""Claim extraction on the seed article against its hand annotation.

Usage: python scripts/eval_claims.py [--shared ../shared] [--json]

A gold claim is *found* when an extracted claim of the article has a claimant
matching the gold claimant or one of its aliases and contains at least half of
the gold key terms. Claimant match: equal after lower-casing and dropping a
leading "the", or one contains the other as whole words. Key term match: the
term occurs in the claim text, case-insensitively ("bus" in
"buses"). The claim date is right when it equals the gold date (a null
gold date accepts any). Precision is the share of extracted article claims a
reader accepts, judged by hand in `scripts/seed_judgements.json` (keyed by a
hash of the claim text; unjudged claims are listed and left out of the figure).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.dates import PartialDate  # noqa: E402
from claims.models import Claim  # noqa: E402
from pipeline.nlp.build import build_nlp  # noqa: E402
from pipeline.nlp.claims.component import doc_to_claims  # noqa: E402
from pipeline.nlp.context.docmeta import make_doc  # noqa: E402
from sources.comments import split_comments  # noqa: E402

SEED = "corpus/turkey-central-asia-military-cooperation"
JUDGEMENTS = Path(__file__).with_name("seed_judgements.json")


def judgement_key(text: str) -> str:
    """Judgements are keyed by a hash of the claim text: the repo must not hold the fixture's words."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _norm(name: str | None) -> str:
    text = re.sub(r"[^\w\s]", " ", (name or "").lower())
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def claimant_matches(claimant: str | None, names: list[str]) -> bool:
    """Equal, or one contains the other as whole words (after lower-casing, without "the")."""
    mine = _norm(claimant)
    if not mine:
        return False
    for name in names:
        gold = _norm(name)
        if gold and (mine == gold or f" {gold} " in f" {mine} " or f" {mine} " in f" {gold} "):
            return True
    return False


def term_hits(text: str, terms: list[str]) -> int:
    lower = text.lower()
    return sum(1 for t in terms if t.lower() in lower)


def terms_match(text: str, terms: list[str]) -> bool:
    return term_hits(text, terms) >= math.ceil(len(terms) / 2)


def extract(shared: Path) -> tuple[list[Claim], list[tuple[str, list[Claim]]], dict]:
    """Claims of the article body and of each comment child, each run with its own metadata."""
    gold = json.loads((shared / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    text = (shared / f"{SEED}.txt").read_text(encoding="utf-8")
    meta = gold["source"]
    split = split_comments(text, parent_outlet=meta["outlet"])
    nlp = build_nlp()
    published = PartialDate(meta["published_assumed"])
    docs = [make_doc(nlp, split.body, published=published, outlet=meta["outlet"], source_id="article")]
    for k, child in enumerate(split.children):
        docs.append(make_doc(nlp, child.text, published=child.published, outlet=child.outlet, source_id=f"child-{k}"))
    processed = list(nlp.pipe(docs))
    article = doc_to_claims(processed[0], "article")
    children = [(d._.outlet or "", doc_to_claims(d, d._.source_id)) for d in processed[1:]]
    return article, children, gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON only")
    args = parser.parse_args()
    if not (args.shared / f"{SEED}.txt").exists():
        print(f"no seed article under {args.shared}", file=sys.stderr)
        return 2
    article, children, gold = extract(args.shared)
    found = claimant_right = date_right = 0
    rows = []
    for g in gold["claims"]:
        names = [g["claimant"], *g.get("claimant_aliases", [])]
        by_terms = [c for c in article if terms_match(c.text, g["key_terms"])]
        by_terms.sort(key=lambda c: -term_hits(c.text, g["key_terms"]))
        hits = [c for c in by_terms if claimant_matches(c.claimant, names)]
        dated = [c for c in hits if g["claim_date"] is None or str(c.claim_date) == g["claim_date"]]
        found += bool(hits)
        claimant_right += bool(hits)
        date_right += bool(dated)
        best = (dated or hits or by_terms or [None])[0]
        rows.append(
            {
                "gold": g["id"],
                "found": bool(hits),
                "date_right": bool(dated),
                "gold_date": g["claim_date"],
                "claimant": best.claimant if best else None,
                "claim_date": str(best.claim_date) if best and best.claim_date else None,
                "text": best.text if best else None,
            }
        )
    judged = json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["judgements"] if JUDGEMENTS.exists() else {}
    verdicts = [judged[judgement_key(c.text)] for c in article if judgement_key(c.text) in judged]
    unjudged = [c.text for c in article if judgement_key(c.text) not in judged]
    precision = sum(verdicts) / len(verdicts) if verdicts else None
    parent_author = gold["source"].get("author")
    leaked = [c for _, cs in children for c in cs if parent_author and c.claimant == parent_author]
    wrong_outlet = [c for outlet, cs in children for c in cs if c.quote == "none" and c.claimant != outlet]
    figures = {
        "gold": len(gold["claims"]),
        "found": found,
        "claimant_right": claimant_right,
        "date_right": date_right,
        "extracted": len(article),
        "precision_judged": precision,
        "judged": len(verdicts),
        "unjudged": len(unjudged),
        "child_claims": sum(len(cs) for _, cs in children),
        "child_claims_on_parent_author": len(leaked),
        "child_author_claims_not_on_child_outlet": len(wrong_outlet),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print("== gold claims")
    for r in rows:
        mark = "OK " if r["found"] and r["date_right"] else "-- "
        print(f"{mark}{r['gold']:28} found={r['found']!s:5} date={r['claim_date']} (gold {r['gold_date']})")
        print(f"     {r['claimant']!r}: {r['text']}")
    print("\n== all extracted claims (article)")
    for c in article:
        mark = {True: "+", False: "x"}.get(judged.get(judgement_key(c.text)), "?")
        print(f"{mark} {c.checkworthiness:.2f} {c.claimant!r} [{c.claim_date}] {c.polarity} {c.quote}: {c.text}")
    print("\n== comment children")
    for outlet, cs in children:
        for c in cs:
            print(f"  {outlet!r} → {c.claimant!r} [{c.claim_date}]: {c.text}")
    if unjudged:
        print(f"\n{len(unjudged)} claim(s) not yet judged in {JUDGEMENTS.name}")
    print("\n== figures")
    print(f"found            {found}/{len(gold['claims'])}")
    print(f"claimant right   {claimant_right}/{len(gold['claims'])}")
    print(f"claim date right {date_right}/{len(gold['claims'])}")
    ptxt = f"{precision:.2f} ({sum(verdicts)}/{len(verdicts)} judged)" if precision is not None else "n/a"
    print(f"precision        {ptxt}")
    print(f"pingback claims on the parent's author: {len(leaked)}; author claims not on the child's outlet: "
          f"{len(wrong_outlet)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
