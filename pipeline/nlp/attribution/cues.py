"""What attribution reads: its word lists, the `Relation` it builds, and parse helpers every cue uses.

The lists come from `pipeline/lexicon/` (one list per idea, shared with the other
components); the helpers walk the dependency parse around a cue: its subject, the
source phrase, content ranges trimmed of punctuation, the quote a content lies in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import load
from pipeline.nlp.attribution.claimants import Resolution
from pipeline.nlp.context.document import context_of

# Reporting verbs: a speech or thought verb whose complement is what was said.
SPEECH_VERBS: frozenset[str] = load("reporting_verbs")
# Speech acts whose content is a noun phrase: "cited X", "praised Y as Z", "questioned W".
SPEECH_ACTS: frozenset[str] = load("speech_acts")
# Directives and requests whose content is an infinitive: "told his advisers to find a way".
DIRECTIVE_CUES: frozenset[str] = load("directive_cues")
# Verbs that only report speech when they take a clause ("show that", "find that", "know that").
CLAUSE_ONLY: frozenset[str] = load("clause_only_cues")
DENIAL_OBJECT_CUES: frozenset[str] = load("denial_object_cues")
# "“…,” Aldous continued.": a speaker going on, a cue only with no complement of its own (see `bare_continuation`).
CONTINUATION_CUES: frozenset[str] = load("continuation_cues")
SPEECH_NOUNS: frozenset[str] = load("speech_nouns")
# A statement document: "issued a statement in which it said" is the issuer speaking.
STATEMENT_NOUNS: frozenset[str] = load("statement_nouns")
# Sources that are evidence, not speakers ("according to its logs").
EVIDENTIAL: frozenset[str] = load("evidential_nouns")
SUBJECT_DEPS = {"nsubj", "csubj"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "acomp", "advmod", "prep", "pcomp", "aux"}
QUOTE_OPENERS = {'"', "“", "``"}
# How far (tokens) after a speaker's cue a free-standing quote is still taken as theirs.
ORPHAN_REACH = 120


@dataclass
class Relation:
    """One attribution before it becomes a span."""

    cue: Token
    content: set[int]
    source: Span | None
    quote: str
    cue_text: str
    frame: set[int] = field(default_factory=set)
    resolution: Resolution | None = None
    passive: bool = False  # "it was announced that": nobody named, the outlet reports it
    act: bool = False  # a speech act with a noun-phrase object ("praised X as Y"): the text keeps the verb


Content = tuple[set[int], str, set[int]]  # token ids, quote kind, frame ids to leave out of the text


# -- finding relations ---------------------------------------------------------------
def _sentence(tok: Token) -> Span:
    """The token's sentence from the doc's cached sentence list (`Token.sent` slices and rescans each time)."""
    return context_of(tok.doc).sent_of(tok.i)


def _subtree_ids(tok: Token) -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


def _trim(doc: Doc, ids: set[int]) -> set[int]:
    """Drop punctuation, spaces and a leading "that" from the edges of a content range."""
    if not ids:
        return ids
    lo, hi = min(ids), max(ids)
    while lo <= hi and (doc[lo].is_space or (doc[lo].is_punct and doc[lo].text not in '“"‘') or doc[lo].dep_ == "mark"):
        lo += 1
    while hi >= lo and (doc[hi].is_space or (doc[hi].is_punct and doc[hi].text not in '”"’.')):
        hi -= 1
    return {i for i in ids if lo <= i <= hi}


def _region_of(ids: set[int], regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote region the content lies in (all its words), so a quote is kept whole."""
    if not ids:
        return None
    lo, hi = min(ids), max(ids)
    for start, end in regions:
        if start <= lo + 1 and hi <= end:
            return start, end
    return None


def _subject(cue: Token) -> tuple[Token | None, bool]:
    """The cue's subject, climbing through "went as far as to admit", "and added", "in which it said".

    The flag says the cue is passive with no agent ("it was announced that"): nobody is named.
    """
    verb = cue
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and not _speaker_label(child):
                return _issuer(child, verb), False
            if child.dep_ == "nsubjpass" or (child.dep_ == "auxpass" and verb.i == cue.i):
                agent = [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                return (agent[0], False) if agent else (None, True)
        if verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
            continue
        misread = verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBN"}
        if misread and verb.head.pos_ == "PROPN" and verb.head.dep_ == "ROOT":
            # "Jo Roe, a councillor, opened by saying …": a finite verb misread as a participle of its subject
            return verb.head, False
        break
    return None, False


def bare_continuation(cue: Token) -> bool:
    """ "“…,” Aldous continued." / "she continued: “…”": the verb has a subject and nothing it governs.

    "Prices continued to rise" and "the talks resumed on Monday" take a
    complement or a modifier of their own and report nobody's words.
    """
    if cue.lemma_.lower() not in CONTINUATION_CUES:
        return False
    deps = {c.dep_ for c in cue.children}
    governed = {"xcomp", "dobj", "ccomp", "prep", "advcl", "acomp", "attr", "advmod", "npadvmod"}
    return "nsubj" in deps and not deps & governed


def _speaker_label(tok: Token) -> bool:
    """ "Q: The minister said …": a label opening a paragraph before a colon names a turn, not the subject.

    The parser often makes the label a second subject of the turn's first verb;
    the speaker is then the subject the sentence itself gives.
    """
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ":":
        return False
    first = tok.left_edge.i
    return first == 0 or "\n" in doc[first - 1].text or "\n" in doc[first - 1].whitespace_


def _issuer(subject: Token, verb: Token) -> Token:
    """For "a statement in which it said", the speaker is whoever issued the statement."""
    if subject.pos_ == "PRON" and verb.dep_ == "relcl" and verb.head.lemma_ in STATEMENT_NOUNS:
        issuing = verb.head.head
        for child in issuing.children:
            if child.dep_ == "nsubj":
                return child
    return subject


def _source_span(subject: Token | None, cue: Token) -> Span | None:
    if subject is None:
        return None
    doc = subject.doc
    lo, hi = subject.left_edge.i, subject.right_edge.i + 1
    if subject.i < cue.i:
        hi = min(hi, cue.i)
    # a subject's relative or participial clause is not part of who is speaking
    for child in subject.rights:
        if child.dep_ in {"relcl", "acl"}:
            hi = min(hi, child.left_edge.i)
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return doc[lo:hi] if hi > lo else None


def _phrase_between(doc: Doc, start: int, end: int) -> Span | None:
    """The noun phrase between a closing quote and its cue ("the company's chief executive, X"), if that is all."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start < 1 or any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end]):
        return None
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in doc[start:end]):
        return None
    return doc[start:end]


def _cue_text(cue: Token) -> str:
    parts = [cue] + [c for c in cue.children if c.dep_ in {"neg", "prt"}]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
