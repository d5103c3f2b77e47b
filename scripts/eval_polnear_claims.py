"""Issue 13's three PolNeAR figures for extracted claims, on a split and per outlet.

Usage: python scripts/eval_polnear_claims.py [--shared ../shared] [--split dev|unseen|all] [--json] [--misses N]

- found: a gold attribution (content of 8+ words, with a source) is found when
  at least 50% of its content words (not stop words) appear in one claim of
  that article;
- claimant right (of found): the best-overlapping claim's claimant shares a
  word of more than 3 letters with the gold source span, or the gold source is
  a pronoun and the claimant is a name;
- attributed-claim precision: of the claims that have a claimant and come
  from an attribution (quote direct or reported), the share whose words lie
  at least 50% inside one gold Content span (any length) of the same article.

Claims come from the same pipeline and `doc_to_claims` conversion that
`claimtrack ingest` stores. Articles are split as in eval_polnear.py (even
indices dev, odd unseen).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_polnear import PRONOUNS, load, parse, split_of  # noqa: E402
from spacy.lang.en.stop_words import STOP_WORDS  # noqa: E402

from pipeline.nlp.claims.component import doc_to_claims  # noqa: E402

FOUND_SHARE = 0.5
INSIDE_SHARE = 0.5
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")


def content_words(text: str) -> set[str]:
    return {w for w in (m.group().lower().strip(".") for m in WORD.finditer(text)) if w and w not in STOP_WORDS}


def all_contents(shared: Path, stem: str) -> list[tuple[int, int]]:
    """Every Content span of the article's first annotation file, any length."""
    anns = sorted((shared / "data" / "polnear" / "attributions").glob(f"{stem}_*.ann"))
    out: list[tuple[int, int]] = []
    for line in anns[0].read_text(encoding="utf-8").splitlines() if anns else []:
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3 and parts[1].startswith("Content "):
            for piece in parts[1].split(" ", 1)[1].split(";"):
                a, b = piece.split()
                out.append((int(a), int(b)))
    return out


def evaluate(shared: Path, split: str = "dev", misses: int = 0) -> dict[str, dict[str, float]]:
    picked = split_of(load(shared), split)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # gold, found, right, attributed, inside
    shown = 0
    for doc, (name, text, meta, gold) in zip(parse(picked), picked, strict=True):
        outlet = meta.get("publisher") or "?"
        claims = doc_to_claims(doc, name)
        cwords = [content_words(c.text) for c in claims]
        contents = all_contents(shared, name)
        for key in (outlet, "ALL"):
            counts[key][0] += len(gold)
        for g in gold:
            want = content_words(g.content_text)
            if not want:
                continue
            shares = [len(want & w) / len(want) for w in cwords]
            best = max(range(len(claims)), key=lambda k: shares[k], default=None)
            if best is None or shares[best] < FOUND_SHARE:
                if shown < misses:
                    shown += 1
                    print(f"MISS [{g.source_text}] {g.content_text[:150]!r}")
                continue
            claimant = claims[best].claimant or ""
            if g.source_text.lower().strip() in PRONOUNS:
                ok = bool(claimant) and claimant.lower() not in PRONOUNS and claimant[:1].isupper()
            else:
                src = {w for w in content_words(g.source_text) if len(w) > 3}
                ok = bool(src & {w for w in content_words(claimant) if len(w) > 3})
            for key in (outlet, "ALL"):
                counts[key][1] += 1
                counts[key][2] += ok
            if not ok and shown < misses:
                shown += 1
                print(f"CLAIMANT gold={g.source_text!r} ours={claimant!r} :: {claims[best].text[:100]}")
        for c in claims:
            if not c.claimant or c.quote == "none" or c.span is None:
                continue
            spans = [m.span() for m in WORD.finditer(text[c.span[0] : c.span[1]])]
            n = len(spans) or 1
            inside = any(
                sum(1 for s, e in spans if lo <= c.span[0] + s and c.span[0] + e <= hi) / n >= INSIDE_SHARE
                for lo, hi in contents
            )
            for key in (outlet, "ALL"):
                counts[key][3] += 1
                counts[key][4] += inside
            if not inside and shown < misses:
                shown += 1
                print(f"OUTSIDE {c.claimant!r} :: {c.text[:120]}")
    return {
        key: {
            "gold": g,
            "found": f / g if g else 0.0,
            "claimant_right": r / f if f else 0.0,
            "attributed": a,
            "precision": i / a if a else 0.0,
        }
        for key, (g, f, r, a, i) in sorted(counts.items())
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", choices=("dev", "unseen", "all"), default="dev")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses (dev work)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.shared / "data" / "polnear").is_dir():
        print(f"no PolNeAR data under {args.shared}", file=sys.stderr)
        return 2
    figures = evaluate(args.shared, args.split, args.misses)
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    for key, fig in figures.items():
        print(f"{args.split:6} {key:22} gold={fig['gold']:4} found={fig['found']:.3f} "
              f"claimant_right={fig['claimant_right']:.3f} precision={fig['precision']:.3f} "
              f"(attributed claims {fig['attributed']})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
