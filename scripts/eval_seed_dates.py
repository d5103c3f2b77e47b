"""Seed article: how many of the gold temporal expressions `claimtrack dates` gets right.

Reads ../shared/corpus/turkey-central-asia-military-cooperation.txt exactly as
`claimtrack dates FILE --published 2022-05-25` does (`pipeline.dates.read_files`
then `find_dates`: the article and each pingback as its own source, pingbacks
dated by their own timestamps), and checks every item of the gold's
`temporal_expressions.items`:

- the gold phrase is located in the texts in document order (case-sensitive
  first, then case-insensitive), and matched to the expressions whose spans
  overlap it;
- a value item is right when an overlapping expression has that value (and the
  gold modifier, when the gold gives one); a list value needs each of its values;
- a null item is right when an overlapping expression is marked vague with no value;
- a phrase that is not in any text (a pingback's timestamp header, which the reader
  turns into that pingback's publication date) is right when a pingback's
  publication date has the value; it is reported as "metadata".

Usage: python scripts/eval_seed_dates.py [--gold FILE] [--min 0.95]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.dates import DateInput, DateRecord, find_dates, read_files  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "corpus" / "turkey-central-asia-military-cooperation.gold.json"
PUBLISHED = "2022-05-25"


@dataclass
class ItemResult:
    text: str
    expected: Any
    ok: bool
    got: str
    where: str
    anchor: str = ""  # gold anchor vs ours, informative only (not scored)


def evaluate(gold_path: Path = DEFAULT_GOLD, published: str = PUBLISHED) -> list[ItemResult]:
    """Check every gold item; the article is read next to its gold file (same stem)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    inputs = read_files([str(article)], published)
    found = find_dates(inputs)
    by_file: dict[str, list[DateRecord]] = {}
    for rec in found:
        by_file.setdefault(rec.file, []).append(rec)
    cursor = (0, 0)
    results = []
    for item in gold["temporal_expressions"]["items"]:
        place = _locate(inputs, item["text"], cursor)
        if place is None:
            results.append(_from_metadata(item, inputs))
            continue
        index, start, end = place
        cursor = (index, start + 1)
        recs = [r for r in by_file.get(inputs[index].name, []) if r.start < end and start < r.end]
        results.append(_judge(item, recs, inputs[index].name))
    return results


def _locate(inputs: list[DateInput], phrase: str, cursor: tuple[int, int]) -> tuple[int, int, int] | None:
    for fold in (False, True):
        for index in range(cursor[0], len(inputs)):
            text = inputs[index].text.lower() if fold else inputs[index].text
            needle = phrase.lower() if fold else phrase
            at = text.find(needle, cursor[1] if index == cursor[0] else 0)
            if at >= 0:
                return index, at, at + len(phrase)
    return None


def _judge(item: dict[str, Any], recs: list[DateRecord], where: str) -> ItemResult:
    expected = item["value"]
    got = ", ".join(
        f"{r.text!r}={r.value}{f' ({r.modifier})' if r.modifier else ''}{' vague' if r.vague else ''}" for r in recs
    )
    if expected is None:
        ok = any(r.value is None and r.vague for r in recs)
    else:
        wanted = expected if isinstance(expected, list) else [expected]
        ok = all(any(_same(r, value, item.get("modifier")) for r in recs) for value in wanted)
    anchor = ""
    if item.get("anchor"):
        ours = {r.anchor for r in recs if r.anchor}
        gold_anchor = item["anchor"].split(" (")[0].lower()
        agrees = any(gold_anchor in a.lower() or a.lower() in gold_anchor for a in ours)
        anchor = f"anchor {'agrees' if agrees else 'differs'}: gold {item['anchor']!r}, ours {sorted(ours)}"
    return ItemResult(item["text"], expected, ok, got or "-", where, anchor)


def _same(rec: DateRecord, value: str, modifier: str | None) -> bool:
    return rec.value == value and (modifier is None or rec.modifier == modifier)


def _from_metadata(item: dict[str, Any], inputs: list[DateInput]) -> ItemResult:
    dates = [str(i.published) for i in inputs[1:] if i.published]
    ok = item["value"] in dates
    return ItemResult(item["text"], item["value"], ok, f"pingback dates {dates}", "metadata")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--min", type=float, default=0.95, help="exit 1 below this accuracy")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"no gold file at {args.gold}", file=sys.stderr)
        return 2
    results = evaluate(args.gold)
    for r in results:
        mark = "ok  " if r.ok else "MISS"
        print(f"{mark} {r.text!r:40} expected {r.expected!s:22} got {r.got}  [{r.where.rsplit('/', 1)[-1]}]")
        if r.anchor:
            print(f"     {r.anchor}")
    right = sum(r.ok for r in results)
    accuracy = right / len(results) if results else 0.0
    print(f"seed temporal expressions: {right}/{len(results)} right = {accuracy:.1%}")
    return 0 if accuracy >= args.min else 1


if __name__ == "__main__":
    raise SystemExit(main())
