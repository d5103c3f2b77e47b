"""Temporal normalisation against TimeML gold: value precision, recall and F1.

Runs `pipeline.dates.find_dates` (the `claimtrack dates` code path) over every
`<TEXT>` body of ../shared/data/timeml/**/*.tml, with the document creation
time (DCT) as publication date, in one `nlp.pipe` call. That is the production
pipeline: `build_nlp()`, the one ingest runs, with attribution and claims
switched off by `select_pipes` (so sentences, the attribute table and the
parser are exactly ingest's).

Scoring (strict value match on DATE/TIME TIMEX3s):
- a prediction is an expression we gave a calendar value; it is correct when its
  span overlaps a gold DATE/TIME TIMEX3 with the same value (week numbers are
  compared zero-padded: gold "2000-W7" = "2000-W07");
- recall counts gold DATE/TIME TIMEX3s matched by an overlapping correct prediction;
- gold PRESENT_REF/PAST_REF/FUTURE_REF are left out of both sides: we give such
  vague expressions no value, and a prediction overlapping one is not counted;
- gold values a PartialDate cannot express (seasons "1998-FA", decades "199X",
  "XX" placeholders, parts of day "TNI") stay in the recall denominator as misses.

aquaint/ and timebank-dev/ (half of TimeBank; the other half is held out) are the
development sets; te3-platinum-sample/ was not looked at while writing the rules
and is reported separately as the unseen figure.

Usage: python scripts/eval_timeml.py [--data DIR] [--set aquaint|timebank|te3|all] [--errors]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.dates import PartialDate  # noqa: E402
from pipeline.dates import DateInput, DateRecord, find_dates  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml"
SETS = {"aquaint": "aquaint", "timebank": "timebank-dev", "te3": "te3-platinum-sample"}
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_WEEK = re.compile(r"^(\d{4})-W(\d)(-WE)?$")
_REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TmlDoc:
    name: str
    dct: str
    text: str
    timexes: list[Timex]


@dataclass
class Scores:
    predicted: int = 0
    correct_predictions: int = 0
    gold: int = 0
    matched_gold: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Scores) -> None:
        self.predicted += other.predicted
        self.correct_predictions += other.correct_predictions
        self.gold += other.gold
        self.matched_gold += other.matched_gold
        self.errors += other.errors

    def line(self, label: str) -> str:
        return (
            f"{label:<28} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}  "
            f"(pred {self.correct_predictions}/{self.predicted}, gold {self.matched_gold}/{self.gold})"
        )


def load_tml(path: Path) -> TmlDoc:
    """The `<TEXT>` body as plain text, its TIMEX3s with character offsets, and the DCT value."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?<TIMEX3([^>]*)>", raw, re.S)
    if dct_match is None:
        raise ValueError(f"{path}: no DCT")
    dct = dict(_ATTR.findall(dct_match.group(1)))["value"]
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    pos = 0
    stack: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    for match in _TAG.finditer(body):
        chunk = html.unescape(body[pos : match.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = match.end()
        if match.group(2) != "TIMEX3":
            continue
        if not match.group(1):
            stack.append((length, dict(_ATTR.findall(match.group(3)))))
        else:
            start, attrs = stack.pop()
            timexes.append(Timex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start : t.end]
    return TmlDoc(path.name, dct, text, timexes)


_DECADE_X = re.compile(r"^(\d{3})X$|^(\d{2})XX$")


def normalise_gold(value: str) -> str:
    """Gold values in PartialDate spelling: zero-padded ISO weeks; decades and centuries by their digits
    ("199X" and "199" are both TimeML for the 1990s, "19XX" and "19" for the 20th century)."""
    week = _WEEK.match(value)
    if week:
        return f"{week[1]}-W0{week[2]}{week[3] or ''}"
    decade = _DECADE_X.match(value)
    if decade:
        return decade[1] or decade[2]
    return value


def base_date(dct: str) -> PartialDate:
    return PartialDate(dct[:10] if len(dct) >= 10 else dct)


def score(docs: list[TmlDoc], verbose: bool = False) -> Scores:
    """Run the normaliser over `docs` (one nlp.pipe call) and score it."""
    inputs = [DateInput(d.name, d.text, base_date(d.dct)) for d in docs]
    found = find_dates(inputs)
    by_file: dict[str, list[DateRecord]] = {}
    for rec in found:
        by_file.setdefault(rec.file, []).append(rec)
    total = Scores()
    for d in docs:
        total.add(_score_doc(d, by_file.get(d.name, []), verbose))
    return total


def _score_doc(doc: TmlDoc, preds: list[DateRecord], verbose: bool) -> Scores:
    s = Scores()
    golds = [t for t in doc.timexes if t.type in ("DATE", "TIME")]
    refs = [t for t in golds if t.value in _REFS]
    golds = [t for t in golds if t.value not in _REFS]
    s.gold = len(golds)
    matched: set[int] = set()
    for p in preds:
        if not p.value:
            continue
        if any(_overlap(p, r) for r in refs):
            continue
        s.predicted += 1
        hits = [i for i, g in enumerate(golds) if _overlap(p, g) and normalise_gold(g.value) == p.value]
        if hits:
            s.correct_predictions += 1
            matched.update(hits)
        elif verbose:
            over = [f"{g.text!r}={g.value}" for g in golds if _overlap(p, g)]
            s.errors.append(f"{doc.name} [{doc.dct}] wrong: {p.text!r} -> {p.value}  gold: {', '.join(over) or '-'}")
    s.matched_gold = len(matched)
    if verbose:
        for i, g in enumerate(golds):
            if i not in matched and not any(_overlap(p, g) and p.value for p in preds):
                seen = [f"{p.text!r}(no value)" for p in preds if _overlap(p, g)]
                s.errors.append(f"{doc.name} [{doc.dct}] missed: {g.text!r}={g.value}  {' '.join(seen)}")
    return s


def _overlap(pred: DateRecord, gold: Timex) -> bool:
    return pred.start < gold.end and gold.start < pred.end


def load_set(data: Path, name: str, limit: int | None = None) -> list[TmlDoc]:
    paths = sorted((data / SETS[name]).glob("*.tml"))
    return [load_tml(p) for p in paths[:limit]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="print every wrong or missed value")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no TimeML data at {args.data}", file=sys.stderr)
        return 2
    names = list(SETS) if args.set == "all" else [args.set]
    combined = Scores()
    started = time.perf_counter()
    for name in names:
        scores = score(load_set(args.data, name), verbose=args.errors)
        for line in scores.errors:
            print(line)
        label = f"{SETS[name]} ({'unseen' if name == 'te3' else 'dev'})"
        print(scores.line(label))
        combined.add(scores)
    if len(names) > 1:
        print(combined.line("combined"))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
