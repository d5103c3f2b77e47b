"""What is not a claim, read from the parse: questions, fragments, pure characterisation, nested repeats.

Check-worthiness (checkworthiness.py) scores how much a candidate reads like a
checkable statement; these tests reject candidates that are no proposition at
all, whatever their score, because a fact-checker cannot rate them true or
false:

- a question ("What do you have to lose?"), or a question reported as one
  ("asked whether the alarms were on"): it asks, it does not assert;
- a fragment without a finite clause ("To ban all Muslims", "which calling the
  fire service") or a finite verb whose subject was left in the frame
  ("Is a matter for the police"); imperatives ("Vote on Tuesday.") are calls to
  action a speaker can be held to and stay;
- a pure characterisation: a copula whose subject is a pronoun or demonstrative
  and whose complement is a bare common noun with nothing to count or name
  ("These are howls.", "These people are clowns."). A verdict on truth
  ("That comment is a lie.") is a checkable denial and stays;
- a claim nested inside another claim of the same sentence, when the inner one
  adds no named speaker of its own: the same words extracted twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from pipeline.nlp.claims.opinion import no_checkable_proposition

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
# Cues that report a question: their content asks, it does not assert.
QUESTION_CUES = {"ask", "wonder", "question", "inquire", "enquire", "query"}
# Complements that judge truth: "That is a lie" asserts that a statement is false, which can be checked.
TRUTH_WORDS = {
    "lie", "lies", "falsehood", "fabrication", "myth", "hoax", "fact", "facts", "truth", "untruth", "fiction",
    "false", "true", "untrue", "wrong", "correct", "accurate", "inaccurate", "misleading", "fake",
}  # fmt: skip
# Verbs that put a call to action on someone else: "urged the council to reopen the ward" reports a demand
# the speaker can be held to, so its infinitive content is kept (a noun cue's "to ban all X" is a fragment).
DIRECTIVE_CUES = {
    "urge", "call", "ask", "tell", "demand", "encourage", "order", "press", "implore", "beg", "invite",
    "challenge", "instruct", "direct", "advise", "warn", "appeal", "push",
}  # fmt: skip
# Feelings: "Staff were anxious" reports a mood, which no record can confirm or refute.
FEELINGS = {
    "anxious", "worried", "concerned", "afraid", "scared", "upset", "angry", "disappointed", "happy", "glad",
    "pleased", "proud", "confident", "optimistic", "pessimistic", "hopeful", "frustrated", "sad", "delighted",
    "excited", "nervous", "surprised", "shocked", "saddened", "thrilled", "furious", "fearful", "uneasy",
}  # fmt: skip
DEICTIC_SUBJECTS = {"this", "that", "these", "those", "it", "they", "he", "she", "you", "we", "i"}


def is_question(tokens: Sequence[Token], cue: Token | None = None) -> bool:
    """A direct question, or content reported under a question cue ("asked whether …")."""
    if any(t.text == "?" for t in tokens):
        return True
    if cue is not None and cue.lemma_.lower() in QUESTION_CUES and not _infinitive(tokens):
        return True  # "asked whether …" asks; "asked them to …" is a request (see DIRECTIVE_CUES)
    first = next((t for t in tokens if not t.is_punct), None)
    # "(said) whether …" asks; "if" opens conditions ("If this is not fixed, I will …") as often as questions
    return first is not None and first.lower_ == "whether" and first.dep_ == "mark" and cue is not None


def _root(tokens: Sequence[Token]) -> Token | None:
    """The token of the candidate whose head lies outside it (or is itself): the top of its own tree."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if (t.head.i == t.i or t.head.i not in ids) and not t.is_punct and not t.is_space:
            return t
    return None


def _infinitive(tokens: Sequence[Token]) -> bool:
    """The candidate is a "to"-infinitive: its top verb has a "to" auxiliary."""
    root = _root([t for t in tokens if not t.is_punct and not t.is_space])
    return root is not None and any(c.dep_ == "aux" and c.tag_ == "TO" for c in root.children)


def _clause_has_subject(verb: Token, ids: set[int]) -> bool:
    """The verb, or the verb it is auxiliary of or conjoined to ("… and will not vote"), has a subject inside."""
    v = verb
    for _ in range(4):
        if any(c.dep_ in SUBJECT_DEPS and c.i in ids for c in v.children):
            return True
        if v.dep_ not in {"conj", "aux", "auxpass"} or v.head.i == v.i or v.head.i not in ids:
            return False
        v = v.head
    return False


def is_fragment(tokens: Sequence[Token]) -> bool:
    """No finite clause with its subject, and not an imperative: no complete proposition."""
    ids = {t.i for t in tokens}
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if not words:
        return True
    root = _root(words)
    infinitive = root is not None and any(c.dep_ == "aux" and c.tag_ == "TO" for c in root.children)
    if words[0].is_title and words[-1].text in ".!" and tokens[-1].text in ".!" and not infinitive:
        return False  # the speaker's own full sentence, capitalised and closed: trust it over a misparse
    for t in words:
        if t.tag_ in FINITE_TAGS and _clause_has_subject(t, ids):
            return False
        if t.tag_ in {"VBG", "VBN"} and (t.head.i not in ids or t.head.i == t.i):
            subjects = [c for c in t.children if c.dep_ in SUBJECT_DEPS and c.i in ids]
            if subjects and subjects[0].tag_ not in {"WDT", "WP"}:
                return False  # a small clause with its subject: "(a poll showed) Roe leading by 2 points"
        if t.tag_ == "VBG" and t.dep_ == "acl" and t.head.i in ids and t.head.pos_ == "PROPN" and t.head == root:
            return False  # the same small clause parsed as a noun with a participle
        if t.tag_ in {"VBD", "VBN"} and t.dep_ == "acl" and t.head == root and root.pos_ in {"NOUN", "PROPN"}:
            return False  # 'the side "offered to …"': a past verb read as a participle after its subject
        subject_of_verb = t.dep_ in {"nsubj", "nsubjpass"} and t.tag_ not in {"WDT", "WP"} and t.head.i in ids
        if subject_of_verb and t.head.pos_ in {"VERB", "AUX"}:
            return False  # a verb with its subject, whatever its tag ("Roe ranks fourth", "Roe to win")
    # an imperative is a proposition too: "Vote on Tuesday", "If you saw anything, please call us"
    imperative = root is not None and root.tag_ == "VB" and not infinitive and not _clause_has_subject(root, ids)
    return not imperative


def is_characterisation(tokens: Sequence[Token]) -> bool:
    """ "These are howls.": a deictic subject, a copula and a bare noun, nothing to name, count or date."""
    if any(t.ent_type_ or t.like_num for t in tokens):
        return False
    root = _root(tokens)
    if root is None or root.lemma_ != "be":
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    attrs = [c for c in root.children if c.dep_ in {"attr", "acomp"}]
    if len(subjects) != 1 or len(attrs) != 1 or any(c.dep_ == "neg" for c in root.children):
        return False
    subj, attr = subjects[0], attrs[0]
    if attr.pos_ == "ADJ" and attr.lower_ in FEELINGS:
        return True  # a mood, with or without what it is about ("worried about jobs")
    deictic = subj.lower_ in DEICTIC_SUBJECTS or any(
        c.dep_ == "det" and c.lower_ in DEICTIC_SUBJECTS for c in subj.children
    )
    if not deictic or attr.pos_ != "NOUN":
        return False
    complement = {t.lower_ for t in attr.subtree}
    if complement & TRUTH_WORDS:
        return False
    # "These are howls", "These people are clowns": the complement is one noun with at most an article or adjective
    return all(t.dep_ in {"det", "amod", "compound", "punct"} or t.i == attr.i for t in attr.subtree)


def not_a_claim(tokens: Sequence[Token], cue: Token | None = None) -> str | None:
    """Why a candidate is no claim ("question", "fragment", "characterisation"), or None when it may be one."""
    if is_question(tokens, cue):
        return "question"
    directive = cue is not None and cue.pos_ == "VERB" and cue.lemma_.lower() in DIRECTIVE_CUES
    if is_fragment(tokens) and not (directive and _infinitive(tokens)):
        return "fragment"
    if is_characterisation(tokens):
        return "characterisation"
    return no_checkable_proposition(tokens)


def nested_repeats(spans: Sequence[tuple[int, int, bool]]) -> set[int]:
    """Indices of candidates lying inside another one, unless the inner one has a named speaker of its own.

    `spans` are (start, end, named) per candidate; `named` says the inner claim's claimant is a
    person or organisation the document names (then the nesting is a report inside a report and
    both are kept: "Roe said the audit found …").
    """
    drop: set[int] = set()
    for k, (start, end, named) in enumerate(spans):
        if named:
            continue
        for j, (s2, e2, _) in enumerate(spans):
            if j != k and j not in drop and s2 <= start and end <= e2 and (e2 - s2) > (end - start):
                drop.add(k)
                break
    return drop
