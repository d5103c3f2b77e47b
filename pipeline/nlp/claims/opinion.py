"""Statements with no checkable proposition, read from the parse: verdicts, counterfactuals, addresses.

`filters.not_a_claim` rejects what is no proposition at all; these are
propositions no record can settle, whoever says them:

- a counterfactual ("Money could have paid for twenty midwives", "She would
  not have closed the hospitals"): what did not happen cannot be checked;
- a first-person statement of not knowing or never having seen ("We do not
  yet know who switched it off"): it reports the speaker's ignorance only;
- an object that only points back ("The reports show that."): it does not
  read on its own, so nobody can check it;
- an address to the audience ("You will hear that …", "You will have to
  decide …"): it tells listeners what they will do, it reports nothing;
- an evaluative verdict: a copula whose complement only grades, with nothing
  named, counted or dated to check it against: a comparative or superlative
  ("The real figure is far higher", "the clearest contrast of the
  campaign"), a judging adjective ("The decision had been difficult"), or a
  demonstrative subject with any noun phrase ("This is a desperate attack
  from people who …", "This is a case about bookkeeping, not theft"). A
  verdict on truth ("That comment is a lie") is a denial and stays, and so
  does any verdict that carries a number or a name ("higher than 5
  percent");
- a label act with an empty label ("called the story a smear", see
  `empty_label`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

COUNTERFACTUAL_MODALS = {"would", "could", "might", "should", "must"}
# What an audience is told it will do: hear, see, learn, decide … nothing about the world.
ADDRESS_VERBS = {"hear", "see", "learn", "decide", "find", "notice", "remember", "know", "ask", "wonder", "have"}
# Adjectives that only judge: no record makes a decision "difficult" or a plan "unfair".
JUDGING = {
    "difficult", "easy", "hard", "honest", "dishonest", "fair", "unfair", "ridiculous", "absurd", "outrageous",
    "disgraceful", "shameful", "irresponsible", "reckless", "unacceptable", "wonderful", "terrible", "great",
    "awful", "appalling", "sensible", "wise", "foolish", "naive", "cynical", "desperate", "pathetic", "tough",
}  # fmt: skip
GRADING = {"more", "less", "most", "least", "only"}
DEICTIC = {"this", "that", "these", "those", "it"}
TRUTH_WORDS = {
    "lie", "lies", "falsehood", "fabrication", "myth", "hoax", "fact", "facts", "truth", "untruth", "fiction",
    "false", "true", "untrue", "wrong", "correct", "accurate", "inaccurate", "misleading", "fake",
}  # fmt: skip
# Acts that only put a label on something: "called the story a smear", "described the capital as a swamp".
LABEL_ACTS = {"call", "describe", "label", "dub", "brand", "term"}
# What a speaker knows or has seen: negated in the first person, it asserts nothing about the world.
COGNITION = {"know", "remember", "recall", "understand", "believe", "think", "see"}
# Labels with a standard outside the speaker: an admission of a mistake, a charge of a crime.
STANDARD_LABELS = {"mistake", "error", "illegal", "unlawful", "unconstitutional", "crime", "fraud", "criminal"}
COUNTED = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY", "DATE", "TIME", "PERSON", "ORG", "GPE", "NORP", "LAW"}


def _top(tokens: Sequence[Token]) -> Token | None:
    ids = {t.i for t in tokens}
    for t in tokens:
        if (t.head.i == t.i or t.head.i not in ids) and not t.is_punct and not t.is_space:
            return t
    return None


def empty_label(tokens: Sequence[Token], cue: Token | None) -> bool:
    """ "X called the story a smear": a label with nothing to check; "called climate change a hoax" (a verdict
    on truth) and a label with a number or a name in it stay claims."""
    if cue is None or cue.lemma_.lower() not in LABEL_ACTS:
        return False
    labelled = any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in cue.children)
    if not labelled:
        return False  # "called for higher spending", "described how the fire spread": no label at all
    checkable = TRUTH_WORDS | STANDARD_LABELS
    return not any(t.lower_ in checkable or t.like_num or t.ent_type_ in COUNTED for t in tokens if t.i != cue.i)


def _points_back(tokens: Sequence[Token], root: Token) -> bool:
    """ "The reports show that.", "No port can handle that": the sentence ends on a bare "that" as its object."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    last = words[-1] if words else None
    return last is not None and last.lower_ == "that" and last.dep_ == "dobj" and last.head.i == root.i


def no_checkable_proposition(tokens: Sequence[Token]) -> str | None:
    """Why the candidate asserts nothing a record could settle ("counterfactual", "address", "verdict"), or None."""
    root = _top(tokens)
    if root is None:
        return None
    aux = {c.lower_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
    if root.tag_ == "VBN" and "have" in aux and aux & COUNTERFACTUAL_MODALS:
        return "counterfactual"
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects and subjects[0].lower_ == "you" and root.lemma_.lower() in ADDRESS_VERBS and aux & {"will", "'ll"}:
        return "address"
    if root.lemma_ == "be" and _verdict(tokens, root, subjects):
        return "verdict"
    if _points_back(tokens, root):
        return "points back"
    first_person = bool(subjects) and subjects[0].lower_ in {"i", "we"}
    if first_person and root.lemma_.lower() in COGNITION and any(c.dep_ == "neg" for c in root.children):
        return "ignorance"  # "We do not yet know who …", "I have never seen a project as …": no fact asserted
    return None


def _verdict(tokens: Sequence[Token], root: Token, subjects: list[Token]) -> bool:
    """A copula that only grades: see the module docstring."""
    if any(t.ent_type_ in COUNTED or t.like_num for t in tokens):
        return False
    complements = [c for c in root.children if c.dep_ in {"attr", "acomp"}]
    if len(subjects) != 1 or len(complements) != 1:
        return False
    subj, comp = subjects[0], complements[0]
    words = {t.lower_ for t in comp.subtree}
    if words & TRUTH_WORDS or "than" in words:
        return False  # a verdict on truth, or a comparison with something named to compare against
    if any(c.dep_ in {"conj", "ccomp"} and c.pos_ in {"VERB", "AUX"} for c in root.children):
        return False  # "… and that its critics are trying to silence it": a second clause that asserts
    if comp.pos_ == "ADJ":
        graded = comp.tag_ in {"JJR", "JJS"} or any(c.lower_ in GRADING for c in comp.children)
        return graded or comp.lower_ in JUDGING
    if comp.pos_ != "NOUN":
        return False
    if any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in GRADING | JUDGING) for c in comp.children):
        return True  # "the clearest contrast", "the only consideration", "a desperate attack"
    deictic = subj.lower_ in DEICTIC or any(c.dep_ == "det" and c.lower_ in DEICTIC for c in subj.children)
    described = any(c.dep_ in {"relcl", "acl"} for c in comp.children)  # "an issue that people don't see"
    return deictic and not described and not any(c.dep_ == "neg" for c in root.children)
