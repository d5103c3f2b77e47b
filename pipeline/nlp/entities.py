"""Entity normalisation: make different mentions of the same thing meet on one key.

Claims are matched across articles through their entity keys, so "Chilean",
"the Chileans" and "Chile" must give the same key, and so must spelling
variants ("Halvorsen" / "Halversen"). Countries and their adjectives come from the
`country_converter` package's names and matching regexes: a demonym is
reduced to stems by removing the usual English adjective suffixes and a stem
is accepted when the package's own regex recognises it, or one of the usual
country-name endings built on it (Germ+any, Pol+and, Norw+ay...). Only a few
irregular adjectives that no suffix rule can reach are listed by hand.
Everything else is keyed by its lower-cased, article-less name and, when a
vocabulary of known keys is given, snapped to a close spelling with rapidfuzz.

An unknown name costs up to a hundred stem + ending probes, each tried against
some 250 country regexes, and almost all of them match nothing. Each regex's
literal text is read once from its parse (`_required`): a probe only runs the
regexes whose required strings it could contain (`_candidates`), so the answer
is the same and the misses are nearly free.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

try:  # the parse tree of a regex: private but stable since 3.11; without it every regex simply runs
    from re import _constants as sre  # type: ignore[attr-defined]  # private module: typeshed has no stub
    from re import _parser as sre_parse  # type: ignore[attr-defined]  # private module: typeshed has no stub
except ImportError:  # pragma: no cover
    sre = sre_parse = None  # type: ignore[assignment]

# Adjectives whose country no suffix rule can reach (not tied to any article).
IRREGULAR_DEMONYMS: dict[str, str] = {
    "american": "USA",
    "british": "GBR",
    "briton": "GBR",
    "english": "GBR",
    "french": "FRA",
    "dutch": "NLD",
    "swiss": "CHE",
    "greek": "GRC",
    "welsh": "GBR",
    "scottish": "GBR",
    "irish": "IRL",
    "filipino": "PHL",
    "thai": "THA",
    "danish": "DNK",
    "swedish": "SWE",
    "finnish": "FIN",
    "norwegian": "NOR",
    "icelandic": "ISL",
    "portuguese": "PRT",
    "spanish": "ESP",
    "emirati": "ARE",
    "saudi": "SAU",
    "israeli": "ISR",
    "palestinian": "PSE",
    "korean": "KOR",
    "north korean": "PRK",
    "south korean": "KOR",
}
_SUFFIXES: tuple[str, ...] = ("ians", "ian", "ans", "an", "ese", "ish", "ic", "is", "i", "s", "n", "")
_ENDINGS: tuple[str, ...] = ("", "a", "ia", "y", "ey", "e", "o", "stan", "istan", "land", "and", "any", "ea", "n")
_ARTICLES = {"the", "a", "an"}
FUZZY_MIN_SCORE = 80.0
FUZZY_MIN_LENGTH = 5


def fold(text: str) -> str:
    """Lower-case ASCII form (Curaçao → curacao) so accents never split keys."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, str, re.Pattern[str]]]:
    """(ISO3, short name, compiled regex) for every country the package knows."""
    import country_converter as coco  # imported lazily: pandas is slow to import

    data = coco.CountryConverter().data
    rows: list[tuple[str, str, re.Pattern[str]]] = []
    for iso3, name, regex in zip(data["ISO3"], data["name_short"], data["regex"], strict=True):
        if isinstance(iso3, str) and isinstance(regex, str):
            rows.append((iso3, str(name), re.compile(regex, re.IGNORECASE)))
    return rows


def load_country_table() -> None:
    """Load country_converter's table (and pandas under it, ~1 s) now, when the pipeline is built.

    Otherwise the first document naming an unknown place pays for it, inside an ingest.
    """
    _countries()
    _regex_index()


@lru_cache(maxsize=1)
def _names_by_iso3() -> dict[str, str]:
    return {iso3: name for iso3, name, _ in _countries()}


def _match_country(text: str) -> str | None:
    if len(text) > _LONGEST_COUNTRY:
        return None  # country_converter's patterns ("(?=.*x).*y") rescan long text; no country name is this long
    rows = _countries()
    hits = [rows[k][0] for k in _candidates(text) if rows[k][2].search(text)]
    return hits[0] if len(hits) == 1 else None


_LONGEST_COUNTRY = 200
_GRAM = 3  # index required strings by their first (up to) three characters
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) if sre is not None else ()


def _required(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of a parsed regex contains, or None if it cannot tell.

    Only what a match must contain counts: runs of ASCII literals, the body of a group or of a
    repeat taken at least once, and the union over the arms of an alternation whose every arm has
    its own requirement. Anything else (classes, optional parts, assertions) just ends a run.
    """
    options: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL and chr(av).isascii():
            run += chr(av).lower()
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        need: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            need = _required(av[3])
        elif op is sre.ATOMIC_GROUP:
            need = _required(av)
        elif op in _REPEATS and av[0] >= 1:
            need = _required(av[2])
        elif op is sre.BRANCH:
            arms = [_required(arm) for arm in av[1]]
            known = [a for a in arms if a is not None]
            need = frozenset().union(*known) if len(known) == len(arms) else None
        if need:
            options.append(need)
    if run:
        options.append(frozenset({run}))
    # any option is a valid requirement; the one with the longest shortest string filters best
    return max(options, key=lambda o: min(len(x) for x in o)) if options else None


@lru_cache(maxsize=1)
def _regex_index() -> tuple[dict[str, list[int]], list[int]]:
    """Row numbers of `_countries()` by the first characters of their required strings; rows with none."""
    by_gram: dict[str, list[int]] = {}
    unknown: list[int] = []
    if sre_parse is None:
        return by_gram, list(range(len(_countries())))
    for k, (_, _, regex) in enumerate(_countries()):
        try:
            need = _required(sre_parse.parse(regex.pattern, regex.flags).data)
        except Exception:  # an unreadable parse only costs speed: that regex always runs
            need = None
        if need is None:
            unknown.append(k)
            continue
        for gram in {text[:_GRAM] for text in need}:
            by_gram.setdefault(gram, []).append(k)
    return by_gram, unknown


def _candidates(text: str) -> list[int]:
    """The rows whose regex could match `text`, in row order (so the hits come in the same order).

    A regex matches only if the text contains one of its required strings, hence that string's
    first characters. Case folding is exact only for ASCII (the regexes ignore case, and Unicode
    case folding maps some non-ASCII letters onto ASCII ones), so other text tries every row.
    """
    rows = range(len(_countries()))
    if not text.isascii():
        return list(rows)
    by_gram, unknown = _regex_index()
    low = text.lower()
    found = set(unknown)
    for size in range(1, _GRAM + 1):
        for i in range(len(low) - size + 1):
            found.update(by_gram.get(low[i : i + size], ()))
    return sorted(found)


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, str]:
    """Short forms of country names by folded form (`pipeline/lexicon/data/country_short_forms.txt`)."""
    from pipeline.lexicon import load

    pairs = (line.rsplit(" ", 1) for line in load("country_short_forms") if " " in line)
    return {short: iso3.upper() for short, iso3 in pairs}


@lru_cache(maxsize=4096)
def country_of(text: str) -> str | None:
    """ISO3 code of the country a name or demonym names ("Polish" → POL), or None."""
    word = fold(" ".join(t for t in text.split() if t.lower() not in _ARTICLES)).strip(" .,'’")
    short = _short_forms().get(word.replace(".", ""))
    if short and (len(word.replace(".", "")) > 2 or text.replace(".", "").strip().isupper()):
        return short  # "US", "U.S.A.", "America": everyday forms the package's regexes miss
    if not word or not word[0].isalpha() or len(word) < 3:
        return None
    if word in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[word]
    if word.endswith("s") and not word.endswith("ss") and " " not in word:
        # plural peoples ("Chileans") before the raw form, which may hit a longer name's regex
        singular = country_of(word[:-1])
        if singular:
            return singular
    direct = _match_country(word)
    if direct:
        return direct
    if " " in word:
        return None
    for suffix in _SUFFIXES:
        if suffix and not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)] if suffix else word
        if len(stem) < 3:
            continue
        for ending in _ENDINGS:
            hit = _match_country(stem + ending)
            if hit:
                return hit
    return None


def country_name(iso3: str) -> str:
    """The package's short English name, ASCII-folded (CUW → 'curacao')."""
    return fold(_names_by_iso3().get(iso3, iso3))


@lru_cache(maxsize=16384)
def entity_key(text: str, label: str | None = None) -> str | None:
    """The normalised key of one mention: a country's name for places and peoples, else the folded name."""
    words = [w for w in text.replace("’s", "").replace("'s", "").split() if w.lower() not in _ARTICLES]
    if not words:
        return None
    name = " ".join(words)
    if label in (None, "GPE", "NORP", "LOC"):
        iso3 = country_of(name)
        if iso3:
            return country_name(iso3)
    key = fold(name).strip(" .,;:'’\"“”")
    return key or None


def snap(key: str, vocabulary: Iterable[str]) -> str:
    """Replace `key` by a known key spelled nearly the same (Halversen → Halvorsen), if there is one.

    Short keys are left alone: one letter in four is a different word, not a typo.
    """
    if len(key) < FUZZY_MIN_LENGTH:
        return key
    choices = [v for v in vocabulary if v != key and v[:1] == key[:1] and len(v) >= FUZZY_MIN_LENGTH]
    if not choices:
        return key
    best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
    return best[0] if best else key


def normalise_all(mentions: Iterable[tuple[str, str | None]], vocabulary: Iterable[str] = ()) -> list[str]:
    """Keys for (text, label) mentions, deduplicated in order, snapped to `vocabulary` and to each other."""
    known = list(vocabulary)
    keys: list[str] = []
    for text, label in mentions:
        key = entity_key(text, label)
        if not key:
            continue
        key = snap(key, known + keys)
        if key not in keys:
            keys.append(key)
    return keys
