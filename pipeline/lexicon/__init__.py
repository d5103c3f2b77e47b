"""Word lists as data files, each loaded by one function.

Every list the rules reason with lives in `data/<name>.txt`: one lower-case
entry a line, `#` starts a comment line. There is one list per idea (one list
of reporting verbs, one stop list, one set of person pronouns), used by every
component that needs it, so two modules can no longer disagree about what a
reporting verb is. To add an entry, add a line to the file; `load` sorts
nothing and keeps nothing else.

Structured lexicons (`data/predicates.json`, the stance classes) are read by
their own module; their stop lemmas come from `stop_lemmas.txt` too.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["LexiconMissing", "load", "names"]


class LexiconMissing(LookupError):
    """No word list of that name ships in `pipeline/lexicon/data/`."""


def names() -> list[str]:
    """The word lists that ship with claimtrack (file stems of `data/*.txt`)."""
    data = resources.files(__name__).joinpath("data")
    return sorted(p.name.removesuffix(".txt") for p in data.iterdir() if p.name.endswith(".txt"))


@cache
def load(name: str) -> frozenset[str]:
    """The word list `data/<name>.txt` as a frozenset, read once per process."""
    path = resources.files(__name__).joinpath("data", f"{name}.txt")
    if not path.is_file():
        raise LexiconMissing(f"no word list named {name!r} (known: {', '.join(names())})")
    words = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))
