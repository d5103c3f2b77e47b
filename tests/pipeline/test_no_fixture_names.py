"""No person or organisation name from the shared corpus may appear in the product code.

Mechanisms must be general: a name from the seed article in `claims/`, `sources/`,
`pipeline/` or `reports/` means something was tuned to the fixture. The names are
taken from the gold file (claimants and aliases that are shaped like proper names)
and from the model's PERSON/ORG entities in the corpus text; countries, peoples and
words that also occur in lower case in the corpus are left out, since they are not
names of persons or organisations.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
PACKAGES = ("claims", "sources", "pipeline", "reports")
FUNCTION_WORDS = {"of", "for", "and", "the", "de", "al"}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent: no fixture names to check")


def _strip(name: str) -> str:
    name = re.sub(r"[’']s$", "", " ".join(name.split()))
    words = name.split()
    while words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words).strip(" ,.;:()")


def _name_shaped(name: str, lower_words: set[str]) -> bool:
    """Capitalised words (and function words) only, not a country or people, not a common word."""
    from pipeline.nlp.entities import country_of

    words = name.split()
    parts = [p for w in words for p in w.split("-") if p]
    if not words or any(not p[:1].isupper() and p.lower() not in FUNCTION_WORDS for p in parts):
        return False
    capitalised = [p for p in parts if p[:1].isupper()]
    if all(country_of(w) for w in capitalised) or country_of(name):
        return False
    return not (len(words) == 1 and name.lower() in lower_words)


def fixture_names(nlp) -> set[str]:
    names: set[str] = set()
    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        text = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
        lower_words = set(re.findall(r"\b[a-z][a-z-]+\b", text))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        candidates: list[str] = []
        for claim in gold.get("claims", []):
            candidates += [claim.get("claimant") or "", *claim.get("claimant_aliases", [])]
            # multi-word capitalised runs inside a sentence of the gold texts ("… manufacturer, Acme Works, …")
            candidates += re.findall(r"(?<=[a-z,] )(?:[A-Z][\w-]+ )+[A-Z][\w-]+", claim.get("text", ""))
        persons: list[str] = []
        for ent in nlp(text).ents:
            if ent.label_ in ("PERSON", "ORG"):
                candidates.append(ent.text)
                if ent.label_ == "PERSON" and len(ent.text.split()) > 1:
                    persons.append(ent.text)
        for cand in candidates:
            name = _strip(cand)
            if not _name_shaped(name, lower_words):
                continue
            if len(name.split()) == 1 and name.isupper() is False and len(name) < 4:
                continue
            names.add(name)
        names |= {p.split()[-1] for p in persons if _name_shaped(p.split()[-1], lower_words)}
    return names


def test_no_corpus_names_in_code(nlp_base) -> None:
    names = fixture_names(nlp_base)
    assert len(names) > 5, "too few names found: the check would be empty"
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    hits: list[str] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in pattern.finditer(line):
                    hits.append(f"{path.relative_to(ROOT)}:{lineno}: {match.group(0)!r}")
    assert not hits, "names from ../shared/corpus in product code:\n" + "\n".join(hits)
