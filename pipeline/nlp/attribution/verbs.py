"""Relations of verb cues: "X said (that) Y", "“Y,” she said", "X, he said, Y", "praised X as Y".

The content is the cue's clausal complement, the clause a parenthetical cue
interrupts, a direct quote next to the cue (including one that follows a colon
and runs over several paragraphs), or, for a speech act, its predicate.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.nlp.attribution.cues import (
    CLAUSE_ONLY,
    DENIAL_OBJECT_CUES,
    DIRECTIVE_CUES,
    SPEECH_VERBS,
    Content,
    Relation,
    _cue_text,
    _phrase_between,
    _region_of,
    _sentence,
    _source_span,
    _subject,
    _subtree_ids,
    _trim,
    bare_continuation,
)

# Prepositions that carry a speech act's content: "called for X", "argued against Y".
ACT_PREPS = {"for", "against"}


def _after_colon(cue: Token, regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote that opens right after the colon ending the cue's sentence ("… he said that:")."""
    sent = _sentence(cue)
    last = sent.end - 1
    doc = cue.doc
    while last > sent.start and doc[last].is_space:
        last -= 1
    if doc[last].text != ":":
        return None
    nxt = last + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    for start, end in regions:
        if start == nxt:
            return start, end
    return None


def _verb_relations(cue: Token, regions: list[tuple[int, int]]) -> list[Relation]:
    lemma = cue.lemma_.lower()
    if lemma == "put" and not any(c.dep_ == "dobj" and c.lower_ == "it" for c in cue.children):
        return []
    subject, passive = _subject(cue)
    source = _source_span(subject, cue)
    doc = cue.doc
    contents: list[Content] = []
    clauses = [c for c in cue.children if c.dep_ == "ccomp" and c.n_lefts + c.n_rights > 0]  # more than a word
    if not clauses and lemma in DIRECTIVE_CUES:
        clauses = [c for c in cue.children if c.dep_ == "xcomp" and len(list(c.subtree)) > 2]
    if not clauses and lemma in SPEECH_VERBS:
        clauses = _misread_complement(cue)
    for child in clauses:
        ids = _trim(doc, _subtree_ids(child) | _conjoined_clauses(cue, child))
        region = _region_of(ids, regions) or _leading_quote(ids, regions, cue)
        if region and not region[0] <= cue.i < region[1]:
            contents.append((set(range(*region)), "direct", set()))
            if region[1] <= cue.i and (source is None or source.start < region[1]):
                # ""…," the company's chief, X, told Y": the parser hung the speaker on the quote's verb
                source = _phrase_between(doc, region[1], cue.i) or source
        else:
            contents.append((ids, "reported", set()))
    if not contents and lemma in DENIAL_OBJECT_CUES:
        for child in cue.children:
            if child.dep_ == "dobj" and child.pos_ == "NOUN":
                clause = [c for c in child.children if c.dep_ in {"acl", "ccomp"}]
                ids = _subtree_ids(clause[0]) if clause else _subtree_ids(child)
                contents.append((_trim(doc, ids), "reported", set()))
    clause_only = lemma in CLAUSE_ONLY or (lemma not in SPEECH_VERBS and not bare_continuation(cue))
    if not contents and not clause_only:
        contents.extend(_frame_contents(cue, source, regions))
    colon = _after_colon(cue, regions)
    if colon and not clause_only:
        contents.append((set(range(*colon)), "direct", set()))
    return [
        Relation(
            cue=cue, content=ids, source=source, quote=quote, cue_text=_cue_text(cue), frame=frame, passive=passive
        )
        for ids, quote, frame in (_continue_quote(cue, c, regions) for c in contents)
        if ids and (cue.i not in ids or cue.i in frame)
    ]


def _leading_quote(ids: set[int], regions: list[tuple[int, int]], cue: Token) -> tuple[int, int] | None:
    """A quote that opens the content and closes before the cue, when the parse ran the content past it."""
    if not ids:
        return None
    lo = min(ids)
    for start, end in regions:
        if abs(start - lo) <= 1 and end <= cue.i and end < max(ids) + 1:
            return start, end
    return None


def _conjoined_clauses(cue: Token, clause: Token) -> set[int]:
    """ "said that X, and there was Y": a conjunct after the clause with its own subject is reported too."""
    out: set[int] = set()
    for conj in cue.children:
        if conj.dep_ != "conj" or conj.i < clause.i or conj.lemma_.lower() in SPEECH_VERBS:
            continue
        if any(c.dep_ in {"nsubj", "expl", "nsubjpass"} for c in conj.children):
            out |= set(range(clause.right_edge.i + 1, conj.right_edge.i + 1))
    return out


def _frame_contents(cue: Token, source: Span | None, regions: list[tuple[int, int]]) -> list[Content]:
    """Content around a cue with no clause of its own: "X, he said, Y", "“…,” she said", "As X put it, “…”"."""
    doc = cue.doc
    interrupted = cue.dep_ == "parataxis" or (
        cue.dep_ == "advcl"
        and cue.i < cue.head.i
        and cue.head.pos_ in {"VERB", "AUX"}
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    )
    if interrupted or _trailing_conj(cue, source):
        frame = _subtree_ids(cue)
        ids = _trim(doc, _subtree_ids(cue.head) - frame)
        region = _region_of(ids, regions)
        return [(ids, "direct" if region else "reported", frame)]
    sent = _sentence(cue)
    # a quote that opens in this sentence, or ends in it ("… a huge deal? No,” said X.")
    near = [
        r for r in regions if r[0] < sent.end and r[1] > sent.start and r[1] - r[0] > 4 and not r[0] <= cue.i < r[1]
    ]
    if near:
        start, end = min(near, key=lambda r: abs(r[0] - cue.i))
        return [(set(range(start, end)), "direct", set())]
    if cue.dep_ == "ROOT" and source is not None:
        # "During his years in office, Mr. Obama said, a majority ...": the frame sits inside the sentence
        lo = min(source.start, cue.i)
        hi = max(t.i for t in [cue, *[c for c in cue.rights if c.dep_ in {"npadvmod", "advmod", "prep"}]]) + 1
        frame = set(range(lo, hi))
        ids = _trim(doc, {t.i for t in sent if t.i not in frame and not t.is_space})
        set_off = hi < len(doc) and doc[hi].text == "," and lo > sent.start and doc[lo - 1].text == ","
        if set_off and len([i for i in ids if not doc[i].is_punct]) >= 5:
            return [(ids, "reported", frame)]
    return []


def _trailing_conj(cue: Token, source: Span | None) -> bool:
    """ "Y has happened since May, the mayor, X, told the paper on Monday": a frame the parser made a conjunct.

    The cue follows its head verb, has its own subject set off by a comma, and no "and"/"but" joins
    them (that would be two statements: "Y happened, and the mayor said …").
    """
    if cue.dep_ != "conj" or cue.head.i >= cue.i or cue.head.pos_ not in {"VERB", "AUX"} or source is None:
        return False
    if source.start <= cue.head.i or any(c.dep_ == "cc" and cue.head.i < c.i < cue.i for c in cue.head.children):
        return False
    before = source.start - 1
    while before > cue.head.i and cue.doc[before].is_space:
        before -= 1
    return cue.doc[before].text == ","


def _continue_quote(cue: Token, content: Content, regions: list[tuple[int, int]]) -> Content:
    """ "“A,” he said, “and B.”": the quote that resumes right after the frame belongs to the same content."""
    ids, quote, frame = content
    if quote != "direct" or not ids or max(ids) > cue.i:
        return content
    right = max(cue.right_edge.i, cue.i)
    sent_end = _sentence(cue).end
    for start, end in regions:
        if cue.i < start <= right + 3 and start < sent_end + 2:
            gap = set(range(max(ids) + 1, start))
            return ids | gap | set(range(start, end)), quote, frame | gap
    return content


def _act_relation(cue: Token) -> Relation | None:
    """ "X praised Y as a strong leader": the predicate is the content, said by the subject."""
    has_object = any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "PRON"} for c in cue.children)
    if not has_object and not _prep_object(cue):
        return None
    if cue.tag_ == "VBG" and cue.dep_ in {"advcl", "xcomp", "conj"} and cue.head.lemma_.lower() in SPEECH_VERBS:
        return None  # "X said on Monday, citing its records": how X backed the statement, not a second claim
    subject, passive = _subject(cue)
    if subject is None or passive:
        return None
    ids = {cue.i}
    for child in cue.rights:
        if child.dep_ in {"punct", "cc", "conj", "parataxis"}:
            continue
        ids |= _subtree_ids(child)
    ids = _trim(cue.doc, ids)
    if len(ids) < 4:
        return None
    source = _source_span(subject, cue)
    return Relation(cue=cue, content=ids, source=source, quote="reported", cue_text=_cue_text(cue), act=True)


def _misread_complement(cue: Token) -> list[Token]:
    """ "told a meeting of leaders that few people understood …": the parser hung the "that"-clause on the
    listener as a relative clause; a relative clause with "that" as its marker, not its subject or object,
    is the cue's complement."""
    out: list[Token] = []
    for obj in (c for c in cue.children if c.dep_ in {"dobj", "dative"}):
        for tok in obj.subtree:
            marked = tok.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in tok.children)
            if marked and any(m.dep_ in {"nsubj", "nsubjpass"} for m in tok.children):
                out.append(tok)
                break
    return out


def _prep_object(cue: Token) -> bool:
    """ "called for higher spending", "railed against super PACs": the act's content is its prepositional object."""
    return any(
        c.dep_ == "prep" and c.lower_ in ACT_PREPS
        and any(g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"} for g in c.children)
        for c in cue.children
    )  # fmt: skip


def labels_only(cue: Token) -> bool:
    """ "urged supporters to act": a directive whose infinitive is a bare verb is a frame with nothing in it.

    It is no claim, but it says who is speaking, so the attribution stays
    (a later "he said" still finds its speaker) and `ct_claims` makes no claim
    of it. Characterising acts ("called climate change a hoax") stay claims:
    the label is what a fact-checker checks.
    """
    return any(c.dep_ == "xcomp" and len(list(c.subtree)) <= 2 for c in cue.children)
