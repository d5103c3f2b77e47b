"""Relations of cues that are not verbs: "according to X", speech nouns, transcript speaker labels."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.nlp.attribution.cues import (
    DENIAL_OBJECT_CUES,
    QUOTE_OPENERS,
    Relation,
    _sentence,
    _subtree_ids,
    _trim,
)


def _transcript_turn(colon: Token) -> Relation | None:
    """ "PENCE: Well, look, …": a speaker label opening a paragraph of an interview transcript.

    The turn runs to the end of its paragraph, and on over following paragraphs that open with a
    quote mark (transcripts quoted paragraph by paragraph) until the next speaker label.
    """
    doc = colon.doc
    first = colon.i
    while first > 0 and first > colon.i - 4 and doc[first - 1].is_upper and doc[first - 1].is_alpha:
        first -= 1
    if first == colon.i or any(len(t.text) < 2 for t in doc[first : colon.i]):
        return None
    quoted = first > 0 and doc[first - 1].text in QUOTE_OPENERS
    before = first - 1 if quoted else first
    if before > 0 and "\n" not in doc[before - 1].text + doc[before - 1].whitespace_:
        return None
    label = doc[first : colon.i + 1]
    end = _paragraph_end(doc, label.end)
    for _ in range(8 if quoted else 0):
        nxt = end
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt >= len(doc) - 1 or doc[nxt].text not in QUOTE_OPENERS or _is_label(doc, nxt + 1):
            break
        end = _paragraph_end(doc, nxt)
    ids = _trim(doc, set(range(label.end, min(end, len(doc)))))
    if len(ids) < 3:
        return None
    return Relation(cue=label[-1], content=ids, source=label[:-1], quote="direct", cue_text=":")


def _paragraph_end(doc: Doc, i: int) -> int:
    while i < len(doc) and "\n" not in doc[i].text and "\n" not in doc[i].whitespace_:
        i += 1
    return min(i + 1, len(doc))


def _is_label(doc: Doc, i: int) -> bool:
    """An upper-case speaker label ("WALLACE:") starts at token `i`."""
    j = i
    while j < len(doc) and j < i + 4 and doc[j].is_upper and doc[j].is_alpha:
        j += 1
    return j > i and j < len(doc) and doc[j].text == ":"


def _according(tok: Token) -> Relation | None:
    """ "according to X, Y": X is the source, the clause Y is the content."""
    to = tok.doc[tok.i + 1]
    pobj = [c for c in to.children if c.dep_ == "pobj"]
    if not pobj:
        return None
    frame = set(range(tok.i, to.right_edge.i + 1))
    head = tok.head if tok.head.i != tok.i else tok
    sent = _sentence(tok)
    ids = _subtree_ids(head) - frame if head.i != tok.i else set(range(sent.start, sent.end)) - frame
    ids = {i for i in ids if sent.start <= i < sent.end}
    ids = _trim(tok.doc, ids)
    if len(ids) < 3:
        return None
    source = tok.doc[pobj[0].left_edge.i : pobj[0].right_edge.i + 1]
    return Relation(cue=tok, content=ids, source=source, quote="reported", cue_text="according to", frame=frame)


def _noun_relation(noun: Token) -> Relation | None:
    """ "the announcement that Y" / "X's claim that Y": a speech noun with a that-clause."""
    if noun.head.lemma_.lower() in DENIAL_OBJECT_CUES and noun.dep_ == "dobj":
        return None  # the verb's own relation covers it
    clause = [
        c
        for c in noun.children
        if c.dep_ in {"acl", "ccomp"} and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
    ]  # "that" as a complementiser; "news, that were followed by" is a relative clause
    if not clause:
        return None
    ids = _trim(noun.doc, _subtree_ids(clause[0]))
    poss = [c for c in noun.children if c.dep_ == "poss"]
    by = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    speaker = poss[0] if poss else by[0] if by else None
    if speaker is None and noun.dep_ == "dobj":
        speaker = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    source = noun.doc[speaker.left_edge.i : speaker.right_edge.i + 1] if speaker is not None else None
    return Relation(cue=noun, content=ids, source=source, quote="reported", cue_text=noun.text, passive=source is None)
