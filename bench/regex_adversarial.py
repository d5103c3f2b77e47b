"""Every regular expression in sources/ and pipeline/ (and reports/' import readers) against 1 MB hostile lines.

A regex that backtracks can take quadratic time on one long line (50,000
spaces before "- x" took 18 s in the Markdown reader). This benchmark finds
the patterns itself, so a new one cannot be forgotten:

- module-level compiled patterns (also inside module-level lists, tuples and dicts);
- patterns written inline (`re.match(r"...", line)`), found with `ast` and
  evaluated in their module's namespace (so f-string patterns built from
  module constants are found too).

Each pattern runs `search` (and `match`) on each hostile line of `--size`
characters (1 MB by default) in a worker process that is killed after
`--timeout` seconds. The readers (Markdown, text, comment sections) also run
end to end on hostile documents. It prints one line per pattern with its
slowest input, and exits 1 when anything passes `--bound` seconds.

    python bench/regex_adversarial.py                 # 1 MB lines, 2 s bound
    python bench/regex_adversarial.py --size 100000   # quicker look

This is a benchmark, not a test: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import multiprocessing as mp
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PACKAGES = ("sources", "pipeline")
EXTRA_MODULES = (
    "reports.jsonld",
    "reports.loosedates",
    "reports.ratings",
    "reports.claimreview_import",
    "reports.averitec",
)
SKIP_MODULES = ("pipeline.cli",)  # the command line compiles no patterns of its own over input
# Patterns whose only callers cut their input first: they run on the hostile line cut the same way, and
# the report says so. Each cap is enforced in the code named here, not assumed.
CAPPED: dict[str, tuple[int, str]] = {
    "sources.comments:_LEAD_TS_RE": (300, "sources.comments._read_head: lines over 300 characters are prose"),
    "sources.text:_DATELINE_RE": (200, "sources.text.dateline_date reads a line's first 200 characters"),
    "pipeline.nlp.entities:country[": (200, "pipeline.nlp.entities._match_country: no country name is longer"),
}


def cap_of(key: str) -> int | None:
    """The input cap of a pattern's callers, if it has one."""
    return next((cap for prefix, (cap, _) in CAPPED.items() if key.startswith(prefix)), None)


def hostile_lines(size: int) -> dict[str, str]:
    """Lines built to make a backtracking pattern rescan: long runs, and openers that never close."""
    unit = {
        "spaces then '- x'": (" ", "- x"),
        "tabs then text": ("\t", "x"),
        "letters": ("a", "!"),
        "digits": ("1", "x"),
        "'# ' then spaces": (" ", "x"),
        "'**a '": ("**a ", ""),
        "'*a '": ("*a ", ""),
        "'_a '": ("_a ", ""),
        "'~~a'": ("~~a", ""),
        "'['": ("[", ""),
        "'[a]('": ("[a](", ""),
        "'[^'": ("[^", ""),
        "'<a'": ("<a", ""),
        "'<http://'": ("<http://", ""),
        "'<!--'": ("<!--", ""),
        "'`a'": ("`a", ""),
        "'- '": ("- ", "x"),
        "'| '": ("| ", "x"),
        "'mon'": ("mon", ""),
        "'Jan 1, 2020' then spaces": (" ", "x"),
        "'a, '": ("a, ", ""),
        "'. '": (". ", ""),
        "'a said '": ("a said ", ""),
        "'on '": ("on ", ""),
        "'[...] '": ("[...] ", "x"),
        "'1. '": ("1. ", "x"),
        "'\"a'": ('"a', ""),
        "'((('": ("(", ""),
        "words": ("word ", "x"),
    }
    out: dict[str, str] = {}
    for name, (piece, tail) in unit.items():
        head = "# " if name.startswith("'# '") else "Jan 1, 2020" if name.startswith("'Jan") else ""
        body = piece * max(1, (size - len(head) - len(tail)) // len(piece))
        out[name] = head + body + tail
    return out


def _iter_modules() -> Iterator[str]:
    for package in PACKAGES:
        pkg = importlib.import_module(package)
        yield package
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{package}."):
            if not info.name.startswith(SKIP_MODULES):
                yield info.name
    yield from EXTRA_MODULES


def _patterns_in(value: Any) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, list | tuple | set | frozenset):
        for element in value:
            yield from _patterns_in(element)
    elif isinstance(value, dict):
        for element in value.values():
            yield from _patterns_in(element)


_RE_CALLS = {"compile", "match", "search", "sub", "subn", "fullmatch", "findall", "finditer", "split"}


def _inline_patterns(module: Any) -> Iterator[tuple[str, re.Pattern[Any]]]:
    """Patterns written as the first argument of re.<call>(...) in the module's source."""
    path = getattr(module, "__file__", None)
    if not path or not path.endswith(".py"):
        return
    source = Path(path).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
            continue
        if node.func.attr not in _RE_CALLS:
            continue
        flags = 0
        for keyword in node.keywords:
            if keyword.arg == "flags":
                flags = _eval(keyword.value, source, module) or 0
        if node.func.attr == "compile" and len(node.args) > 1:
            flags = _eval(node.args[1], source, module) or 0
        pattern = _eval(node.args[0], source, module)
        if isinstance(pattern, str | bytes):
            try:
                yield f"line {node.lineno}", re.compile(pattern, flags)
            except (re.error, TypeError):
                continue


def _eval(node: ast.AST, source: str, module: Any) -> Any:
    segment = ast.get_source_segment(source, node)
    if segment is None:
        return None
    try:
        return eval(segment, vars(module))  # only this repository's own constant expressions
    except Exception:
        return None  # built from a local variable: a module-level pattern covers it


def discover() -> dict[str, re.Pattern[Any]]:
    """Every pattern, keyed "module:name" (module-level) or "module:line N" (inline)."""
    found: dict[str, re.Pattern[Any]] = {}
    seen: set[tuple[Any, int]] = set()
    for name in _iter_modules():
        module = importlib.import_module(name)
        candidates: list[tuple[str, re.Pattern[Any]]] = []
        for attr, value in vars(module).items():
            if getattr(value, "__module__", name) != name and not isinstance(value, re.Pattern | list | tuple | dict):
                continue
            for n, pattern in enumerate(_patterns_in(value)):
                candidates.append((f"{attr}[{n}]" if not isinstance(value, re.Pattern) else attr, pattern))
        candidates += list(_inline_patterns(module))
        if name == "pipeline.nlp.entities":
            # Built at run time from country_converter's table, applied to entity mentions.
            candidates += [(f"country[{iso3}]", pattern) for iso3, _, pattern in module._countries()]
        for label, pattern in candidates:
            key = (pattern.pattern, pattern.flags)
            if key in seen:
                continue
            seen.add(key)
            found[f"{name}:{label}"] = pattern
    return found


def readers() -> dict[str, Callable[[str], Any]]:
    """The text readers, run end to end on a hostile document."""
    from sources.comments import split_comments
    from sources.markdown import read_markdown, strip_markdown
    from sources.text import read_text

    return {
        "reader:strip_markdown": strip_markdown,
        "reader:read_markdown": lambda text: read_markdown(text),
        "reader:read_text": lambda text: read_text("Title\n\n" + text),
        "reader:split_comments": lambda text: split_comments("Body.\n\n3 Comments\n\n" + text),
    }


_PATTERNS: dict[str, re.Pattern[Any]] = {}  # discovered once in the parent; forked workers inherit them


def _worker(tasks: Any, results: Any, size: int) -> None:
    # `results` is a Pipe, not a Queue: a Queue sends from a feeder thread, which cannot run while the
    # next regex holds the GIL, so a finished run could be blamed for the one that overran.
    patterns = _PATTERNS
    funcs = readers()
    lines = hostile_lines(size)
    nested_list = "\n".join("  " * depth + "- x" for depth in range(3000))
    while True:
        task = tasks.get()
        if task is None:
            return
        key, line_name = task
        text = nested_list if line_name == "3,000-line nested list" else lines[line_name]
        start = time.perf_counter()
        if key in funcs:
            funcs[key](text)
        else:
            pattern = patterns[key]
            cap = cap_of(key)
            text = text[:cap] if cap else text
            subject = text.encode() if isinstance(pattern.pattern, bytes) else text
            pattern.search(subject)
            pattern.match(subject)
        results.send((key, line_name, time.perf_counter() - start))


def run(size: int, timeout: float, only: str = "") -> dict[tuple[str, str], float | None]:
    """Time every (pattern, line); None when the worker had to be killed at `timeout`."""
    _PATTERNS.update(discover())
    keys = [k for k in [*_PATTERNS, *readers()] if k.startswith(only)]
    names = [*hostile_lines(64), "3,000-line nested list"]
    todo = [(k, n) for k in keys for n in names if n != "3,000-line nested list" or k.startswith("reader:")]
    timings: dict[tuple[str, str], float | None] = {}
    ctx = mp.get_context("fork")
    while todo:
        tasks = ctx.Queue()
        results, sender = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker, args=(tasks, sender, size), daemon=True)
        proc.start()
        for task in todo:
            tasks.put(task)
        tasks.put(None)
        startup = 30.0  # the worker builds its hostile lines and imports the readers first
        while todo:
            if results.poll(timeout + startup):
                key, name, seconds = results.recv()
            else:
                overran = todo.pop(0)  # the task in progress overran: kill, restart after it
                timings[overran] = None
                print(f"  killed after {timeout:.0f} s: {overran[0]} on {overran[1]}", file=sys.stderr, flush=True)
                proc.kill()
                proc.join()
                break
            startup = 0.0
            timings[(key, name)] = seconds
            todo.remove((key, name))
        else:
            proc.join(timeout=5)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per hostile line")
    parser.add_argument("--timeout", type=float, default=20.0, help="kill a single run after this many seconds")
    parser.add_argument("--bound", type=float, default=10.0, help="report a run slower than this as a failure")
    parser.add_argument("--only", default="", help="only patterns whose key starts with this (e.g. sources.text)")
    args = parser.parse_args()
    started = time.perf_counter()
    timings = run(args.size, args.timeout, args.only)
    worst: dict[str, tuple[float, str]] = {}
    for (key, name), seconds in timings.items():
        value = float("inf") if seconds is None else seconds
        if key not in worst or value > worst[key][0]:
            worst[key] = (value, name)
    slow = 0
    for key, (seconds, name) in sorted(worst.items(), key=lambda kv: -kv[1][0]):
        flag = "SLOW" if seconds > args.bound else "ok"
        slow += flag == "SLOW"
        shown = f">{args.timeout:.0f} s (killed)" if seconds == float("inf") else f"{seconds:8.3f} s"
        cap = cap_of(key)
        capped = f", cut to {cap} characters by its caller" if cap else ""
        print(f"{flag:4}  {shown}  {key}  (worst input: {name}{capped})")
    print(
        f"{len(worst)} patterns/readers, {len(timings)} runs on {args.size:,}-character lines, "
        f"{slow} over {args.bound} s; {time.perf_counter() - started:.0f} s in all"
    )
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
