"""Wrong and missed TimeML values grouped by category, biggest first, to choose what to fix next.

Runs scripts/eval_timeml.py's scoring with its error list on one set and sorts each
error into a category by the words of the expression (financial periods, weekdays,
dates without a year, relative spans, spoken numbers, story anchors, times of day,
seasons/decades/weekends, other), printing counts and a few examples of each.

Usage: python scripts/temporal_errors.py [--set timebank|aquaint|te3] [--examples 5]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import eval_timeml  # noqa: E402

from pipeline.nlp.temporal.lexicon import MONTHS, WEEKDAYS  # noqa: E402
from pipeline.nlp.temporal.spoken import DECADE_WORDS, TEENS, TENS  # noqa: E402

# Checked in order: the first category whose test matches the expression's words wins.
_FINANCIAL = {"quarter", "fiscal", "half", "period", "year-ago", "year-earlier", "full"}
_ANCHORED = {"then", "that", "same", "next", "following", "previous", "before", "after", "later", "earlier"}
_DAYPARTS = {"morning", "afternoon", "evening", "night", "tonight", "noon", "midnight"}
_PERIODS = {"spring", "summer", "fall", "autumn", "winter", "weekend", "century"} | set(DECADE_WORDS)
_EXPRESSION = re.compile(r"(?:wrong|missed): '(.*?)'")


def category(text: str) -> str:
    """The category an expression's error belongs to, by its words."""
    lower = text.lower()
    words = set(re.findall(r"[\w'-]+", lower)) | set(re.findall(r"\w+", lower))
    if words & _FINANCIAL or "year ago" in lower or "year earlier" in lower:
        return "financial / year-ago"
    if words & (set(TEENS) | set(TENS)) and not any(w.isdigit() for w in words):
        return "spoken numbers"
    if words & _PERIODS or re.search(r"\d0s\b", lower):
        return "seasons, decades, weekends"
    if words & _DAYPARTS or re.search(r"\d(:\d\d)?\s*[ap]\.?m", lower):
        return "time of day"
    if words & set(WEEKDAYS):
        return "weekdays"
    if words & {w for w in MONTHS} and not re.search(r"\b\d{4}\b", lower):
        return "dates without a year"
    if words & _ANCHORED:
        return "anchored in the story"
    if words & {"ago", "last", "past", "this", "week", "month", "year", "today", "yesterday", "tomorrow"}:
        return "relative spans"
    return "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=eval_timeml.DEFAULT_DATA)
    parser.add_argument("--set", choices=list(eval_timeml.SETS), default="timebank")
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.data / eval_timeml.SETS[args.set]).is_dir():
        print(f"no TimeML set at {args.data / eval_timeml.SETS[args.set]}", file=sys.stderr)
        return 2
    scores = eval_timeml.score(eval_timeml.load_set(args.data, args.set), verbose=True)
    groups: dict[str, list[str]] = defaultdict(list)
    for line in scores.errors:
        match = _EXPRESSION.search(line)
        groups[category(match.group(1) if match else "")].append(line.split(" ", 2)[-1])
    print(scores.line(eval_timeml.SETS[args.set]))
    for name, lines in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n{name}: {len(lines)}")
        for line in lines[: args.examples]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
