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


def checkworthiness(tokens: Sequence[Token], attributed: bool = False) -> float:
    """Score a claim candidate; `attributed` content (somebody said it) starts higher."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if len(words) < 3 or (len(words) < 6 and not any(t.pos_ in {"NOUN", "PROPN", "NUM"} for t in words)):
        return 0.0  # a short sentence naming and counting nothing has nothing to check ("Yes, it's true.")
    # What a named speaker said is checkable in itself (did they say it? is it so?), opinion included;
    # the author's own sentences must earn their place with facts.
    score = 0.65 if attributed else 0.1
    named = {t.ent_iob_ + str(t.i) for t in words if t.ent_type_ in NAMED and t.ent_iob_ == "B"}
    score += min(len(named), 2) * 0.12
    if any(t.ent_type_ in NUMERIC or t.like_num for t in words):
        score += 0.2
    verbs = [t for t in words if t.pos_ in {"VERB", "AUX"}]
    if not verbs:
        score -= 0.4
    if any(t.lemma_.lower() in FACTUAL_VERBS for t in verbs):
        score += 0.2
    if any(t.tag_ in {"VBD", "VBN"} for t in verbs):
        score += 0.1
    lowers = {t.lower_ for t in words}
    if lowers & STRONG_MODALS:
        score -= 0.1 if attributed else 0.45
    elif lowers & WEAK_MODALS:
        score -= 0.05 if attributed else 0.15
    if not attributed and lowers & SPEAKER_PRONOUNS:
        score -= 0.25
    if any(t.text == "?" for t in tokens):
        score -= 0.4
    if len(words) < 6:
        score -= 0.1 if attributed else 0.2
    return round(max(0.0, min(1.0, score)), 3)
