"""What a source mention looks like: the word lists of speakers, name shapes, and a mention's clean text.

Split from `claimants` (which re-exports these names) so that the resolver, which
walks a document in reading order, reads in one module, and the small judgements
it calls on one span or token at a time (is this "person" an organisation? what is
this phrase without its determiner?) sit together here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pipeline.lexicon import load

PERSON_PRONOUNS: frozenset[str] = load("person_pronouns")
THING_PRONOUNS: frozenset[str] = load("thing_pronouns")
GROUP_PRONOUNS: frozenset[str] = load("group_pronouns")
SELF_PRONOUNS: frozenset[str] = load("self_pronouns")
# Adjectives of time in a title describe when, not who: "the new minister" is "minister".
TRANSIENT_TITLE_WORDS: frozenset[str] = load("transient_title_words")
DROP_DEPS = {"det", "punct", "appos", "relcl", "acl", "cc", "prep"}
ANAPHORIC_DETS = {"such", "this", "that", "the", "said", "same"}
ORG_LABELS = {"ORG"}
# Last words of organisation names; the small model often tags such names as PERSON.
ORG_SUFFIXES: frozenset[str] = load("org_suffixes")
# Common nouns that name an organisation: "the company said" is the last organisation speaking.
ORG_KINDS: frozenset[str] = load("org_kinds")
GROUP_LABELS = {"NORP", "GPE"}
# How many sentences back "he said" may reach for a speaker before falling back to any mention.
SPEAKER_REACH = 4


@dataclass
class Speaker:
    """A resolved claimant as remembered for pronouns."""

    name: str
    kind: str  # "person" | "org" | "group" | "other"
    role: str | None
    position: int  # token index of the mention
    sent_index: int = 0


@dataclass
class Resolution:
    """What a source mention resolves to."""

    name: str | None
    role: str | None = None
    kind: str = "other"
    aliases: list[str] = field(default_factory=list)
    via: str | None = None  # the document the claim was found in ("tax documents"), see speakers.refine


def _org_shaped(ent: Span) -> bool:
    """A "PERSON" whose last word names a kind of body ("Acme Shipyards") is an organisation the tagger missed."""
    return ent[-1].lower_ in ORG_SUFFIXES


def _person_shaped(ent: Span) -> bool:
    """Two or three capitalised proper nouns and no organisation suffix: it could be a person's name."""
    words = [t for t in ent if t.dep_ != "det"]
    return 2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in words) and not _org_shaped(ent)


def _clean(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip(" ,;:\n")
    return " ".join(text.split())


def _strip_det(span: Span | list[Token]) -> list[Token]:
    tokens = list(span)
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct or tokens[0].is_space):
        if tokens[0].dep_ == "det" and tokens[0].lower_ not in {"the", "a", "an", "this", "that", "these", "those"}:
            break
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens
