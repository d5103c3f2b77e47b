"""Score automatic linking on the project's own multi-article stories (issue 14).

Each story under tests/data/link_stories/NN-slug/ is ingested in file-name
order into a fresh temporary ledger through the CLI
(`python -m pipeline.cli --db TMP ingest FILE...`, the files in order; with
--per-article, one call per article, as a desk would over days).
The links are read back with `claims list --format json`.

Every extracted claim is mapped to a gold claim or a distractor of its story
(tests/data/link_stories/gold.json) by the words of their keys: the key that
the claim covers best, if it covers at least 80% of that key's words; a tie goes
to the gold claim whose claimant matches, then to the longer key. Then, for the automatic links:

- a `supports`/`contradicts` link between two gold claims is right when the
  pair (either direction) and the stance are gold; a pair in `optional`, or two
  claims mapped to the same gold claim, is ignored;
- every other `supports`/`contradicts` link is a false link, reported with
  both texts and the linker's own reason (distractors, unmatched claims, pairs
  that do not bear on each other, or the wrong stance);
- `disputed`: claims whose status is disputed, against the gold disputed set.

Gold claims no extracted claim covers are listed too: a link cannot be found
when its claim was never extracted, and that is an extraction miss.

    python scripts/eval_link_stories.py [--json] [--story NN-slug] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
STORIES = REPO / "tests" / "data" / "link_stories"
GOLD = STORIES / "gold.json"
KEY_SHARE = 0.8
STANCES = ("contradicts", "supports")


def words(text: str | None) -> list[str]:
    """Lower-cased word tokens; curly apostrophes folded."""
    return re.findall(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*", (text or "").lower().replace("\u2019", "'"))


def run_cli(*args: str) -> str:
    """Run the project's CLI in this interpreter; a failure stops the scorer with the CLI's message."""
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], cwd=REPO, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"claimtrack {' '.join(args[2:4])} failed: {proc.stderr.strip() or proc.stdout.strip()}")
    return proc.stdout


def ingest_story(story: dict[str, Any], db: str, per_article: bool = False) -> list[dict[str, Any]]:
    """Ingest the story's articles in order; every claim with its links and status.

    One `ingest` call with the files in order (the CLI keeps the order given)
    is the default; `per_article` runs one call per article, as a desk would
    over days, and costs a model load each.
    """
    paths = [str(STORIES / story["story"] / name) for name in story["articles"]]
    for batch in [[p] for p in paths] if per_article else [paths]:
        run_cli("--db", db, "ingest", *batch)
    return json.loads(run_cli("--db", db, "claims", "list", "--format", "json"))


def coverage(text: str, key: str) -> float:
    """Share of the key's words that the claim text holds."""
    k = words(key)
    if not k:
        return 0.0
    t = set(words(text))
    return sum(w in t for w in k) / len(k)


def map_claim(claim: dict[str, Any], story: dict[str, Any]) -> str | None:
    """The gold claim id or "~distractor" the claim belongs to, or None."""
    claimant = set(words(claim.get("claimant")))
    best: tuple[float, int, int, str] | None = None
    entries = [(cid, g["keys"], set(words(g.get("claimant")))) for cid, g in story["claims"].items()]
    entries += [(f"~{did}", d["keys"], set()) for did, d in story["distractors"].items()]
    for cid, keys, gold_claimant in entries:
        share, length = max((coverage(claim["text"], k), len(words(k))) for k in keys)
        if share < KEY_SHARE:
            continue
        # Best coverage first, then the gold claimant, then the longer (more specific) key.
        rank = (share, int(bool(claimant & gold_claimant)), length, cid)
        if best is None or rank[:3] > best[:3]:
            best = rank
    return best[3] if best else None


_NOT_AUTOMATIC = {"suggested", "suggestion", "pending", "rejected"}


def is_automatic(link: dict[str, Any]) -> bool:
    """An automatic link that counts for status: not manual, not a pending suggestion, not rejected.

    Today every link has `origin`; the review queue of issue 14 may add a state
    or status field, and suggestions below the auto threshold must not count.
    """
    if link.get("origin", "auto") != "auto" or link.get("suggestion") or link.get("rejected"):
        return False
    return not ({str(link.get("state")), str(link.get("status")), str(link.get("review"))} & _NOT_AUTOMATIC)


def auto_links(claims: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(claim, other claim, link) once per automatic link, suggestions left out."""
    by_id = {c["id"]: c for c in claims}
    seen: set[tuple[frozenset[str], str]] = set()
    out = []
    for claim in claims:
        for link in claim.get("links", []):
            if not is_automatic(link):
                continue
            other = by_id.get(link["claim_id"])
            ident = (frozenset((claim["id"], link["claim_id"])), link["stance"])
            if other is None or ident in seen:
                continue
            seen.add(ident)
            out.append((claim, other, link))
    return out


@dataclass
class StoryScore:
    """What one story scored."""

    story: str
    claims: int = 0
    predicted: dict[str, int] = field(default_factory=lambda: {s: 0 for s in (*STANCES, "other")})
    right: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STANCES})
    gold: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STANCES})
    found: dict[str, int] = field(default_factory=lambda: {s: 0 for s in STANCES})
    ignored: int = 0
    disputed_predicted: int = 0
    disputed_right: int = 0
    disputed_gold: int = 0
    disputed_found: int = 0
    false_links: list[dict[str, Any]] = field(default_factory=list)
    false_disputed: list[str] = field(default_factory=list)
    missed_links: list[str] = field(default_factory=list)
    unextracted: list[str] = field(default_factory=list)


def score_story(story: dict[str, Any], claims: list[dict[str, Any]]) -> StoryScore:
    """Compare one story's automatic links and statuses with its gold."""
    sc = StoryScore(story=story["story"], claims=len(claims))
    mapped = {c["id"]: map_claim(c, story) for c in claims}
    gold_links = {frozenset((g["from"], g["to"])): g["stance"] for g in story["links"]}
    optional = {frozenset((o["from"], o["to"])) for o in story.get("optional", [])}
    for g in story["links"]:
        sc.gold[g["stance"]] += 1
    hit: set[frozenset[str]] = set()
    for a, b, link in auto_links(claims):
        stance = link["stance"]
        if stance not in STANCES:
            sc.predicted["other"] += 1
            continue
        sc.predicted[stance] += 1
        ga, gb = mapped[a["id"]], mapped[b["id"]]
        pair = frozenset((ga or f"?{a['id']}", gb or f"?{b['id']}"))
        if ga and gb and not ga.startswith("~") and not gb.startswith("~") and (ga == gb or pair in optional):
            sc.ignored += 1
            sc.predicted[stance] -= 1
            continue
        if gold_links.get(pair) == stance:
            sc.right[stance] += 1
            hit.add(pair)
            continue
        why = _why(ga, gb, gold_links.get(pair), stance)
        if a.get("source_id") and a.get("source_id") == b.get("source_id"):
            why += " (same article)"
        sc.false_links.append(
            {"stance": stance, "why": why, "reason": link.get("reason"), "confidence": link.get("confidence"),
             "a": _brief(a, ga), "b": _brief(b, gb)}
        )
    for g in story["links"]:
        if frozenset((g["from"], g["to"])) in hit:
            sc.found[g["stance"]] += 1
        else:
            sc.missed_links.append(f"{g['from']} {g['stance']} {g['to']}")
    extracted = {m for m in mapped.values() if m}
    sc.unextracted = [cid for cid in story["claims"] if cid not in extracted]
    gold_disputed = set(story["disputed"])
    sc.disputed_gold = len(gold_disputed)
    found_disputed: set[str] = set()
    for c in claims:
        if c.get("status") != "disputed":
            continue
        sc.disputed_predicted += 1
        m = mapped[c["id"]]
        if m in gold_disputed:
            sc.disputed_right += 1
            found_disputed.add(m)
        else:
            sc.false_disputed.append(f"{m or 'unmatched'}: {c.get('claimant')} | {c['text']}")
    sc.disputed_found = len(found_disputed)
    return sc


def _why(ga: str | None, gb: str | None, gold_stance: str | None, stance: str) -> str:
    ends = [g for g in (ga, gb)]
    if any(g is None for g in ends):
        return "touches a claim that is no gold claim"
    distractors = [g[1:] for g in ends if g and g.startswith("~")]
    if distractors:
        return f"touches distractor {', '.join(distractors)}"
    if gold_stance:
        return f"wrong stance: gold says {gold_stance}"
    return f"{ga} and {gb} do not bear on each other"


def _brief(claim: dict[str, Any], mapped: str | None) -> str:
    src = claim.get("source") or {}
    where = f"{src.get('outlet')}, {claim.get('claim_date')}"
    return f"[{mapped or '-'}] {claim.get('claimant')} ({where}): {claim['text']}"


def _pr(right: int, predicted: int, found: int, gold: int) -> dict[str, float]:
    return {
        "precision": round(right / predicted, 3) if predicted else 0.0,
        "recall": round(found / gold, 3) if gold else 0.0,
    }


def totals(scores: list[StoryScore]) -> dict[str, Any]:
    """Micro-averaged figures over all stories."""
    out: dict[str, Any] = {}
    for s in STANCES:
        p = sum(x.predicted[s] for x in scores)
        r = sum(x.right[s] for x in scores)
        f = sum(x.found[s] for x in scores)
        g = sum(x.gold[s] for x in scores)
        out[s] = {"predicted": p, "right": r, "gold": g, "found": f, **_pr(r, p, f, g)}
    dp = sum(x.disputed_predicted for x in scores)
    dr = sum(x.disputed_right for x in scores)
    df = sum(x.disputed_found for x in scores)
    dg = sum(x.disputed_gold for x in scores)
    out["disputed"] = {"predicted": dp, "right": dr, "gold": dg, "found": df, **_pr(dr, dp, df, dg)}
    out["other_stance_links"] = sum(x.predicted["other"] for x in scores)
    out["false_links"] = sum(len(x.false_links) for x in scores)
    out["gold_claims_not_extracted"] = sum(len(x.unextracted) for x in scores)
    return out


def render(scores: list[StoryScore], tot: dict[str, Any], verbose: bool) -> str:
    """A text report: totals, a row per story, then every false link with its reason."""
    lines = []
    for s in ("contradicts", "supports", "disputed"):
        t = tot[s]
        lines.append(
            f"{s:12} precision {t['precision']:.3f} ({t['right']}/{t['predicted']})   "
            f"recall {t['recall']:.3f} ({t['found']}/{t['gold']})"
        )
    lines.append(
        f"false links {tot['false_links']}; links of other stances {tot['other_stance_links']}; "
        f"gold claims not extracted {tot['gold_claims_not_extracted']}"
    )
    lines += ["", f"{'story':24} {'claims':>6} {'contr r/p/g':>12} {'supp r/p/g':>12} {'disp r/p/g':>11} {'false':>5}"]
    for x in scores:
        c = f"{x.right['contradicts']}/{x.predicted['contradicts']}/{x.gold['contradicts']}"
        s = f"{x.right['supports']}/{x.predicted['supports']}/{x.gold['supports']}"
        d = f"{x.disputed_right}/{x.disputed_predicted}/{x.disputed_gold}"
        lines.append(f"{x.story:24} {x.claims:6} {c:>12} {s:>12} {d:>11} {len(x.false_links):5}")
    lines += ["", "FALSE LINKS:"]
    for x in scores:
        for f in x.false_links:
            reason = json.dumps(f["reason"], sort_keys=True) if f["reason"] is not None else "-"
            lines += [f"  [{x.story}] {f['stance']}: {f['why']}", f"     {f['a']}", f"     {f['b']}"]
            lines.append(f"     reason: {reason}")
    if verbose:
        lines += ["", "MISSED LINKS / NOT EXTRACTED / FALSE DISPUTED:"]
        for x in scores:
            lines += [f"  [{x.story}] missed: {m}" for m in x.missed_links]
            lines += [f"  [{x.story}] not extracted: {u}" for u in x.unextracted]
            lines += [f"  [{x.story}] false disputed: {d}" for d in x.false_disputed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Ingest every story into its own fresh ledger and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--story", action="append", help="only this story (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list missed links and unextracted gold claims")
    parser.add_argument("--per-article", action="store_true", help="one ingest call per article (slower)")
    args = parser.parse_args(argv)
    stories = json.loads(GOLD.read_text())["stories"]
    if args.story:
        stories = [s for s in stories if s["story"] in args.story]
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for story in stories:
            claims = ingest_story(story, os.path.join(tmp, f"{story['story']}.db"), args.per_article)
            scores.append(score_story(story, claims))
    tot = totals(scores)
    if args.json:
        print(json.dumps({"totals": tot, "stories": [asdict(s) for s in scores]}, indent=1))
    else:
        print(render(scores, tot, args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
