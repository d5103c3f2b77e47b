"""Which written form of a person's name a mention stands for (used by `ClaimantResolver.fullest`).

A claimant must be the same string wherever that person speaks, so a surname
("Cruz") grows into the document's full name for it. Two things go wrong with
"take the longest name that contains it":

- two people share the surname ("Ted Cruz" and his father "Rafael Cruz";
  "Hillary Clinton" and "Bill Clinton"): the longest is not the one meant. The
  mention goes to the person the story names most often in full, and one
  person's longer forms ("Hillary Rodham Clinton") stay together;
- a longer form only a quoted speaker uses ("Crooked Hillary Clinton" in a
  tweet) is an epithet, not the name, when the reporting writes a shorter one.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

NameForm = tuple[str, list[str]]  # the name as written, its lower-cased words


def name_forms(persons: list[Span], quotes: list[tuple[int, int]]) -> list[NameForm]:
    """The person names a mention may grow into, without quote-only epithets of a name the reporting uses."""
    forms = [(e.text, [w.lower() for w in e.text.split()], any(a <= e.start < b for a, b in quotes)) for e in persons]
    plain = [set(words) for _, words, quoted in forms if not quoted]
    return [(text, words) for text, words, quoted in forms if not (quoted and any(p < set(words) for p in plain))]


def fullest_form(name: str, forms: list[NameForm]) -> str:
    """The full name `name` stands for among `forms` (see the module docstring); `name` itself when none."""
    words = [w.lower().removesuffix("’s").removesuffix("'s") for w in name.split()]
    if not words:
        return name
    fuller = [
        " ".join(text.split()) for text, theirs in forms if all(w in theirs for w in words) and len(text) > len(name)
    ]
    if not fuller:
        return name
    by_first: dict[str, list[str]] = {}
    for text in fuller:
        by_first.setdefault(text.split()[0].lower(), []).append(text)
    # most full mentions first; on a tie, the one the story named first
    first = max(by_first, key=lambda f: (len(by_first[f]), -fuller.index(by_first[f][0])))
    return max(by_first[first], key=len)


def modifies(tok: Token, noun: Token) -> bool:
    """`tok` reaches `noun` through compound/modifier links only ("Port Foo harbour authority")."""
    for _ in range(6):
        if tok.dep_ not in {"compound", "nmod", "amod"} or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == noun.i:
            return True
    return False
