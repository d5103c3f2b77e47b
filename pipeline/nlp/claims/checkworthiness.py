"""Check-worthiness: how much a sentence reads like a checkable statement of fact, in [0, 1].

Fact-checkers look for sentences naming actors, quantities and dates with a
factual predicate (bought, delivered, signed, visited); they skip opinion
("X should tread carefully"), questions and headings. The score is a sum of
such signals read from the tagger, the parse and the entities, clipped to
[0, 1]; the threshold that keeps a claim is configurable.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

FACTUAL_VERBS = {
    "purchase", "buy", "sell", "deliver", "supply", "sign", "agree", "visit", "host", "receive", "send", "acquire",
    "manufacture", "produce", "export", "import", "test", "launch", "meet", "hold", "build", "order", "pay",
    "win", "lose", "kill", "die", "arrest", "elect", "vote", "approve", "ban", "pass", "fund", "invest", "spend",
    "increase", "decrease", "rise", "fall", "grow", "cut", "raise", "open", "close", "announce", "appoint",
    "resign", "fire", "hire", "conclude", "negotiate", "ratify", "deploy", "attack", "invade", "withdraw",
    "earn", "owe", "borrow", "lend", "donate", "release", "publish", "report", "found", "establish", "take",
    "cancel", "suspend", "transfer", "provide", "gain", "start", "begin", "end", "stop", "create", "make",
}  # fmt: skip
NAMED = {"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "FAC", "EVENT", "LOC", "LAW", "WORK_OF_ART"}
NUMERIC = {"DATE", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL"}
STRONG_MODALS = {"should", "must", "ought", "need"}
WEAK_MODALS = {"could", "might", "may", "would"}
SPEAKER_PRONOUNS = {"i", "we", "you", "us", "me", "our", "my", "your"}


def checkworthiness(tokens: Sequence[Token], attributed: bool = False, first_person: bool = False) -> float:
    """Score a claim candidate; `attributed` content (somebody said it) starts higher.

    `first_person`: the author writes as "I"/"we" (an op-ed), so those pronouns name the author
    and do not mark a sentence as somebody's talk.

    The signals are gathered in one pass over the tokens (each attribute read builds a string
    from the vocabulary, and this runs for every sentence of every document).
    """
    words = nouns = 0
    names: set[int] = set()  # tokens opening a named entity
    counted = False  # a NUMERIC entity or a number-like word
    verbs = factual = past = question = False
    lowers: set[str] = set()
    for t in tokens:
        if t.text == "?":
            question = True
        if t.is_punct or t.is_space:
            continue
        words += 1
        pos = t.pos_
        if pos in {"NOUN", "PROPN", "NUM"}:
            nouns += 1
        ent_type = t.ent_type_
        if ent_type in NAMED and t.ent_iob_ == "B":
            names.add(t.i)
        if not counted and (ent_type in NUMERIC or t.like_num):
            counted = True
        if pos in {"VERB", "AUX"}:
            verbs = True
            factual = factual or t.lemma_.lower() in FACTUAL_VERBS
            past = past or t.tag_ in {"VBD", "VBN"}
        lowers.add(t.lower_)
    if words < 3 or (words < 6 and not nouns):
        return 0.0  # a short sentence naming and counting nothing has nothing to check ("Yes, it's true.")
    # What a named speaker said is checkable in itself (did they say it? is it so?), opinion included;
    # the author's own sentences must earn their place with facts.
    score = 0.65 if attributed else 0.1
    score += min(len(names), 2) * 0.12
    if counted:
        score += 0.2
    if not verbs:
        score -= 0.4
    if factual:
        score += 0.2
    if past:
        score += 0.1
    if lowers & STRONG_MODALS:
        score -= 0.1 if attributed else 0.45
    elif lowers & WEAK_MODALS:
        score -= 0.05 if attributed else 0.15
    if not attributed and not first_person and lowers & SPEAKER_PRONOUNS:
        score -= 0.25
    if question:
        score -= 0.4
    if words < 6:
        score -= 0.1 if attributed else 0.2
    return round(max(0.0, min(1.0, score)), 3)
