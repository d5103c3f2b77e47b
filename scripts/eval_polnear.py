"""Attribution recall on PolNeAR: is each reported content extracted as a claim, with the right claimant?

Usage: python scripts/eval_polnear.py [--shared ../shared] [--split dev|unseen|all] [--timing] [--misses N]

Gold: every `E… Attribution:… Content:… Source:…` relation of the articles'
brat files whose content has at least 8 words and that has a Source (one
annotator per article: the first .ann file by sorted name). Articles are
split by sorted text file name: even indices were used for development
("dev"), odd ones never looked at ("unseen").

Covered: the attributed claims (quote direct or reported) coming from one
attribution, taken together, overlap at least 50% of the gold content's
characters (a direct quote is one claim per sentence, hence the union).
Claimant right (among covered): when the gold Source is a pronoun, our source
mention overlaps the gold Source span (the pronoun we resolved is the same
mention; its resolved name is accepted); otherwise a content word (not a stop
word, 2+ letters) of the gold Source occurs in our resolved claimant or in
our source mention, case-insensitively.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.lang.en.stop_words import STOP_WORDS  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from claims.dates import PartialDate  # noqa: E402
from pipeline.nlp.build import build_nlp  # noqa: E402
from pipeline.nlp.context.docmeta import make_doc  # noqa: E402

MIN_WORDS = 8
COVER = 0.5
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me", "his", "their"}
OUR_COMPONENTS = ("ct_sentences", "ct_temporal", "ct_attribution", "ct_claims")


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    source_text: str
    content_text: str


def _ranges(spec: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in spec.split(";"))]


def read_ann(path: Path) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, _, spec = parts[1].partition(" ")
            spans[parts[0]] = (kind, _ranges(spec), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = defaultdict(list)
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[re.sub(r"\d+$", "", role)].append(ref)
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        if not roles.get("Content") or not roles.get("Source"):
            continue
        content = [r for ref in roles["Content"] if ref in spans for r in spans[ref][1]]
        source = [r for ref in roles["Source"] if ref in spans for r in spans[ref][1]]
        ctext = " ".join(spans[ref][2] for ref in roles["Content"] if ref in spans)
        stext = " ".join(spans[ref][2] for ref in roles["Source"] if ref in spans)
        if content and source and len(ctext.split()) >= MIN_WORDS:
            out.append(GoldAttribution(content, source, stext, ctext))
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'’.-]+", text.lower()) if w not in STOP_WORDS and len(w) >= 2}


def claimant_right(gold: GoldAttribution, claimant: str | None, source_span: tuple[int, int] | None, doc: Doc) -> bool:
    mention = doc.text[source_span[0] : source_span[1]] if source_span else ""
    if gold.source_text.lower().strip() in PRONOUNS:
        return bool(source_span and _overlap([source_span], gold.source) > 0 and claimant)
    return bool(_content_words(gold.source_text) & (_content_words(claimant or "") | _content_words(mention)))


def groups_of(doc: Doc) -> list[tuple[list[tuple[int, int]], str | None, tuple[int, int] | None]]:
    """Attributed claims grouped by attribution: (char ranges, claimant, source mention)."""
    groups: dict[int, tuple[list[tuple[int, int]], str | None, tuple[int, int] | None]] = {}
    for span in doc.spans.get("claims", []):
        claim = span._.claim
        if claim is None or claim.quote == "none":
            continue
        key = claim.cue_i if claim.cue_i is not None else -span.start
        ranges, _, _ = groups.setdefault(key, ([], claim.claimant, claim.source_span))
        ranges.append((span.start_char, span.end_char))
    return list(groups.values())


def load(shared: Path) -> list[tuple[str, str, dict[str, str], list[GoldAttribution]]]:
    base = shared / "data" / "polnear"
    meta: dict[str, dict[str, str]] = {}
    with (base / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    out = []
    for text_path in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        out.append((text_path.stem, text_path.read_text(encoding="utf-8"), meta.get(text_path.stem, {}),
                    read_ann(anns[0])))  # fmt: skip
    return out


def split_of(data: list[Any], split: str) -> list[Any]:
    """The articles of one split: dev = even indices, unseen = odd, all = every one."""
    return [d for k, d in enumerate(data) if split == "all" or (k % 2 == 0) == (split == "dev")]


def parse(picked: list[Any]) -> Iterator[Doc]:
    """The production pipeline over loaded articles, each with its publication metadata."""
    nlp = build_nlp()
    docs = []
    for name, text, meta, _ in picked:
        published = meta.get("publication_date") or None
        docs.append(make_doc(nlp, text, published=PartialDate(published) if published else None,
                             outlet=meta.get("publisher"), author=meta.get("author"), source_id=name))  # fmt: skip
    return nlp.pipe(docs, batch_size=8)


def evaluate(shared: Path, split: str = "all", misses: int = 0) -> dict[str, float]:
    """Coverage and claimant figures for one split (dev = even indices, unseen = odd)."""
    picked = split_of(load(shared), split)
    total = covered = right = 0
    shown = 0
    for doc, (_, _, _, gold) in zip(parse(picked), picked, strict=True):
        groups = groups_of(doc)
        for g in gold:
            size = sum(e - s for s, e in g.content)
            total += 1
            best = max(groups, key=lambda grp: _overlap(grp[0], g.content), default=None)
            if best is None or _overlap(best[0], g.content) < COVER * size:
                if shown < misses:
                    shown += 1
                    print(f"MISS [{g.source_text}] {g.content_text[:160]!r}")
                continue
            covered += 1
            if claimant_right(g, best[1], best[2], doc):
                right += 1
            elif shown < misses:
                shown += 1
                print(f"CLAIMANT gold={g.source_text!r} ours={best[1]!r}")
    return {
        "articles": len(picked),
        "gold": total,
        "covered": covered / total if total else 0.0,
        "claimant_right": right / covered if covered else 0.0,
    }


def timing(shared: Path, rounds: int = 2) -> dict[str, float]:
    """Seconds per component (one doc at a time) and batched throughput with and without our components."""
    nlp = build_nlp()
    texts = [text for _, text, _, _ in load(shared)]
    published = PartialDate("2016-10-01")
    spent: dict[str, float] = defaultdict(float)
    for text in texts:
        doc = make_doc(nlp, text, published=published)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - t0
    ours = sum(v for k, v in spent.items() if k in OUR_COMPONENTS)
    model = sum(v for k, v in spent.items() if k not in OUR_COMPONENTS)
    mine = sum(spent.get(k, 0.0) for k in ("ct_sentences", "ct_attribution", "ct_claims"))
    raw = full = float("inf")
    for _ in range(rounds):
        with nlp.select_pipes(disable=[n for n in OUR_COMPONENTS if n in nlp.pipe_names]):
            t0 = time.perf_counter()
            list(nlp.pipe(make_doc(nlp, t, published=published) for t in texts))
            raw = min(raw, time.perf_counter() - t0)
        t0 = time.perf_counter()
        list(nlp.pipe(make_doc(nlp, t, published=published) for t in texts))
        full = min(full, time.perf_counter() - t0)
    out = {k: round(v, 3) for k, v in spent.items()}
    out.update(
        model=round(model, 3),
        ours=round(ours, 3),
        claims_components_share_of_model=round(mine / model, 3) if model else 0.0,
        raw_pipe_seconds=round(raw, 3),
        full_pipe_seconds=round(full, 3),
        throughput_ratio=round(raw / full, 3) if full else 0.0,
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", choices=("dev", "unseen", "all", "each"), default="each")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses (dev work)")
    parser.add_argument("--timing", action="store_true", help="also time each component")
    args = parser.parse_args()
    if not (args.shared / "data" / "polnear").is_dir():
        print(f"no PolNeAR data under {args.shared}", file=sys.stderr)
        return 2
    splits = ("dev", "unseen", "all") if args.split == "each" else (args.split,)
    for split in splits:
        fig = evaluate(args.shared, split, args.misses)
        print(f"{split:7} articles={fig['articles']:3} gold={fig['gold']:5} covered={fig['covered']:.3f} "
              f"claimant_right={fig['claimant_right']:.3f}")  # fmt: skip
    if args.timing:
        for key, value in timing(args.shared).items():
            print(f"time {key:24} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
