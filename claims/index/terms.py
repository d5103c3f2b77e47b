"""Index terms: which tokens a claim is indexed and queried under (the same on every backend)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from claims.models import Claim

ENTITY_WEIGHT = 3.0
LEMMA_WEIGHT = 1.0
MAX_QUERY_TERMS = 24
# A term in more claims than this is too common to rank all its postings on every lookup.
RARE_DF = 1000
STEM_CHARS = 5

# Lemmas too common to say anything about which claims belong together. A copy of
# pipeline/lexicon/data/stop_lemmas.txt (claims/ imports nothing from pipeline/; a test keeps them equal):
# the index's own, because stored postings must be tokenised the same whoever adds the claim.
STOP_LEMMAS: frozenset[str] = frozenset(
    (
        "say",
        "tell",
        "state",
        "add",
        "note",
        "claim",
        "report",
        "announce",
        "statement",
        "accord",
        "be",
        "have",
        "do",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "also",
        "not",
        "no",
        "year",
        "day",
        "time",
        "week",
        "month",
        "thing",
        "way",
        "people",
        "side",
        "issue",
        "question",
        "news",
        "information",
        "earlier",
        "later",
        "last",
        "new",
        "other",
        "such",
    )
)

_TOKEN = re.compile(r"[^0-9a-z_]+")


@lru_cache(maxsize=65536)
def entity_term(entity: str) -> str:
    """One index token per normalised entity ("brask motors" -> "brask_motors")."""
    return _TOKEN.sub("_", entity.casefold()).strip("_")


def lemma_terms(lemmas: Iterable[str]) -> list[str]:
    """Index tokens for content lemmas: folded, split on punctuation, stop lemmas dropped."""
    out: list[str] = []
    for lemma in lemmas:
        for part in _lemma_parts(lemma):
            if part not in out:
                out.append(part)
    return out


@lru_cache(maxsize=65536)
def _lemma_parts(lemma: str) -> tuple[str, ...]:
    # Cached: each claim's terms are needed to index it, to query with it and to count it.
    return tuple(p for p in _TOKEN.sub(" ", lemma.casefold()).split() if len(p) > 1 and p not in STOP_LEMMAS)


_INITIALS_SKIP = frozenset(("of", "and", "the", "for", "de"))


@lru_cache(maxsize=65536)
def acronym_term(term: str) -> str | None:
    """A token that a multi-word name and its initials share ("hewlett_packard" and "hp" -> "acr_hp").

    Retrieval then proposes "HP" for a claim naming "Hewlett-Packard"; stance scoring decides
    whether they are the same (`pipeline.linking.stance.match_entities`). Only short single
    words (2-4 letters) stand for initials, so ordinary names add no token.
    """
    parts = [p for p in term.split("_") if p and p not in _INITIALS_SKIP]
    if not all(p.isalpha() for p in parts):
        return None  # "entity 12", "g7 summit": numbers make no acronym, and would share tokens across most names
    if len(parts) >= 2:
        initials = "".join(p[0] for p in parts)
    elif len(parts) == 1 and 2 <= len(parts[0]) <= 4 and parts[0].isalpha():
        initials = parts[0]
    else:
        return None
    return f"acr_{initials}" if len(initials) >= 2 else None


def entity_stem(term: str) -> str | None:
    """A coarse stem token so that variant keys still meet in retrieval (orlavian / orlavia -> "stem_orlav")."""
    return f"stem_{term[:STEM_CHARS]}" if len(term) >= STEM_CHARS else None


def claim_terms_of(claim: Claim) -> tuple[list[str], list[str]]:
    """The (entity, lemma) index tokens of a claim, each list deduplicated in order.

    Entity stems ride with the lemmas (lower weight): they widen recall for keys
    the extractor did not fold together, and stance scoring decides whether they match.
    """
    entities = list(dict.fromkeys(t for t in (entity_term(e) for e in claim.entities) if t))
    stems = [st for st in (entity_stem(t) for t in entities) if st]
    stems += [ac for ac in (acronym_term(t) for t in entities) if ac]
    return entities, list(dict.fromkeys([*stems, *lemma_terms(claim.lemmas)]))
