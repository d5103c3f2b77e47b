"""Attribution relations (who said what) as a spaCy component: `ct_attribution`.

Each relation is a cue (a speech verb, "according to", a speech noun such as
"the announcement that"), a source (the cue's subject, found through the
parse) and a content span (the cue's clausal complement, the clause a
parenthetical cue interrupts, or a direct quote next to the cue, including a
quote that follows a colon and runs over several paragraphs). Results go to
`doc.spans["attributions"]`, one span per content, with the facts in `Span._`.
Cues are found with a `Matcher` on lemmas; everything else walks the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.nlp.attribution.claimants import ClaimantResolver, Resolution
from pipeline.nlp.attribution.speakers import refine
from pipeline.nlp.context.document import context_of
from pipeline.nlp.context.quotes import quote_regions

SPAN_KEY = "attributions"
LABEL = "ATTRIBUTION"

SPEECH_VERBS: tuple[str, ...] = (
    "say", "tell", "add", "state", "claim", "deny", "admit", "confirm", "announce", "report", "write", "note",
    "argue", "insist", "warn", "explain", "conclude", "reject", "acknowledge", "suggest", "allege", "assert",
    "declare", "predict", "promise", "reply", "respond", "answer", "testify", "contend", "maintain", "concede",
    "stress", "emphasize", "emphasise", "indicate", "reveal", "disclose", "recall", "complain", "boast", "vow",
    "pledge", "threaten", "tweet", "remark", "observe", "comment", "mention", "accuse", "repeat", "reiterate",
    "retort", "counter", "quip", "joke", "believe", "think", "know", "hint", "speculate", "estimate", "show",
    "find", "learn", "dispute", "refute", "dismiss", "brag", "lament", "tout", "signal", "agree", "charge",
    "feel", "worry", "fear", "expect", "hope", "contend", "assure", "guarantee", "caution", "acknowledge",
    "put", "describe", "call", "blame", "point", "insinuate", "imply", "demonstrate", "prove", "read",
    "urge", "encourage", "ask", "demand", "affirm", "forecast", "underline", "underscore", "clarify", "inform",
    "notify", "recount",
)  # fmt: skip
# Speech acts whose content is a noun phrase: "cited X", "praised Y as Z", "questioned W".
SPEECH_ACTS = {
    "cite", "defend", "criticize", "criticise", "attack", "praise", "mock", "question", "slam", "blast",
    "applaud", "welcome", "condemn", "tout", "propose", "dismiss", "reject", "deny", "mention", "discuss",
    "address", "accuse", "blame", "call", "urge", "invite", "unveil", "promise", "pledge", "predict",
    "endorse", "oppose", "challenge", "ridicule", "deride", "demand", "recommend", "suggest", "highlight",
    "describe", "label", "dub", "insult", "thank", "congratulate", "pitch", "promote", "tweet", "announce",
    "admire", "compare", "liken", "reference", "acknowledge", "concede", "decry", "denounce",
}  # fmt: skip
# Verbs that only report speech when they take a clause ("show that", "find that", "know that").
# Directives and requests whose content is an infinitive: "told his advisers to find a way".
DIRECTIVE_CUES = {
    "tell", "urge", "ask", "encourage", "warn", "call", "demand", "promise", "pledge", "vow", "threaten", "expect",
    "predict",
}  # fmt: skip
CLAUSE_ONLY = {
    "urge", "encourage", "demand", "ask", "show", "find", "learn", "know", "feel", "worry", "fear", "expect",
    "hope", "agree", "read", "demonstrate", "prove", "signal", "imply", "describe", "call", "blame", "point",
    "accuse", "charge",
}  # fmt: skip
DENIAL_OBJECT_CUES = {"deny", "reject", "dismiss", "dispute", "refute", "confirm", "acknowledge", "admit"}
SPEECH_NOUNS = {
    "announcement", "claim", "statement", "assertion", "allegation", "assurance", "promise", "denial",
    "admission", "report", "news", "remark", "warning", "suggestion", "insistence", "argument", "belief",
    "accusation", "charge", "prediction", "pledge", "confirmation",
}  # fmt: skip
# A statement document: "issued a statement in which it said" is the issuer speaking.
STATEMENT_NOUNS = {"statement", "communique", "release", "letter", "report", "post", "message", "interview", "speech"}
SUBJECT_DEPS = {"nsubj", "csubj"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "acomp", "advmod", "prep", "pcomp", "aux"}


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


def _register() -> None:
    for name, default in (
        ("cue", None),
        ("cue_i", None),
        ("source_text", None),
        ("source_span", None),
        ("claimant", None),
        ("claimant_role", None),
        ("claimant_kind", None),
        ("quote", "none"),
        ("exclude", None),
        ("speech_act", False),
        ("via", None),
    ):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_register()


@Language.factory(
    "ct_attribution",
    requires=["token.dep", "token.lemma", "doc.ents", "token.is_sent_start"],
    assigns=["doc.spans", "span._.cue", "span._.cue_i", "span._.exclude", "span._.claimant", "span._.quote"],
    default_config={},
)
def make_attribution(nlp: Language, name: str) -> Attribution:
    return Attribution(nlp)


class Attribution:
    """Finds attribution relations with a Matcher for cues and the dependency parse for the rest."""

    def __init__(self, nlp: Language) -> None:
        # PhraseMatchers are hash look-ups per token; a Matcher with IN-lists costs a predicate per token
        vocab = nlp.vocab
        self.lemmas = PhraseMatcher(vocab, attr="LEMMA")
        cues = sorted(set(SPEECH_VERBS) | SPEECH_ACTS)
        self.lemmas.add("VERB", [Doc(vocab, words=[w], lemmas=[w]) for w in cues])
        self.lemmas.add("NOUN", [Doc(vocab, words=[w], lemmas=[w]) for w in sorted(SPEECH_NOUNS)])
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.phrases.add("ACCORDING", [Doc(vocab, words=["according", "to"])])
        self.phrases.add("SPEAKER", [Doc(vocab, words=[":"])])

    def __call__(self, doc: Doc) -> Doc:
        regions = quote_regions(doc)
        relations: list[Relation] = []
        matches = sorted([*self.lemmas(doc), *self.phrases(doc)], key=lambda m: m[1])
        for match_id, start, _end in matches:
            kind = doc.vocab.strings[match_id]
            tok = doc[start]
            if kind == "VERB" and tok.pos_ in {"VERB", "AUX"}:
                lemma = tok.lemma_.lower()
                found = _verb_relations(tok, regions)
                if lemma not in SPEECH_VERBS:  # a speech act reports a clause only when someone performs it
                    found = [r for r in found if r.source is not None and not r.passive]
                act = _act_relation(tok) if not found and lemma in SPEECH_ACTS else None
                relations.extend(found or ([act] if act else []))
            elif kind == "SPEAKER":
                rel = _transcript_turn(tok)
                if rel:
                    relations.append(rel)
            elif kind == "ACCORDING":
                rel = _according(tok)
                if rel:
                    relations.append(rel)
            elif kind == "NOUN" and tok.pos_ == "NOUN":
                rel = _noun_relation(tok)
                if rel:
                    relations.append(rel)
        relations = [r for r in relations if not _speaker_inside_quote(r, regions)]
        relations.extend(_orphan_quotes(doc, regions, relations))
        relations = _dedupe(_merge_nested(relations))
        _resolve(doc, relations)
        doc.spans[SPAN_KEY] = [_to_span(doc, rel) for rel in relations]
        return doc


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
            if child.dep_ in SUBJECT_DEPS:
                return _issuer(child, verb), False
            if child.dep_ == "nsubjpass" or (child.dep_ == "auxpass" and verb.i == cue.i):
                agent = [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                return (agent[0], False) if agent else (None, True)
        if verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return None, False


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
    clause_only = lemma in CLAUSE_ONLY or lemma not in SPEECH_VERBS
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


def _conjoined_clauses(cue: Token, clause: Token) -> set[int]:
    """ "said that X, and there was Y": a conjunct after the clause with its own subject is reported too."""
    out: set[int] = set()
    for conj in cue.children:
        if conj.dep_ != "conj" or conj.i < clause.i or conj.lemma_.lower() in SPEECH_VERBS:
            continue
        if any(c.dep_ in {"nsubj", "expl", "nsubjpass"} for c in conj.children):
            out |= set(range(clause.right_edge.i + 1, conj.right_edge.i + 1))
    return out


Content = tuple[set[int], str, set[int]]  # token ids, quote kind, frame ids to leave out of the text


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


def _speaker_inside_quote(rel: Relation, regions: list[tuple[int, int]]) -> bool:
    """ "We asked them …", "They answered that …" inside a quote: the quoted speaker's own narrative.

    The quote's sentence is already a claim of the quoted speaker; its pronouns point into the quote's
    world, which the resolver cannot see, so no new attribution is made from them.
    """
    if rel.source is None or rel.source.root.pos_ != "PRON":
        return False
    return any(start < rel.cue.i < end for start, end in regions)


def _act_relation(cue: Token) -> Relation | None:
    """ "X praised Y as a strong leader": the predicate is the content, said by the subject."""
    if not any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "PRON"} for c in cue.children):
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


QUOTE_OPENERS = {'"', "“", "``"}


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


def _cue_text(cue: Token) -> str:
    parts = [cue] + [c for c in cue.children if c.dep_ in {"neg", "prt"}]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


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
    speaker = (poss or by or [None])[0]
    if speaker is None and noun.dep_ == "dobj":
        speaker = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    source = noun.doc[speaker.left_edge.i : speaker.right_edge.i + 1] if speaker is not None else None
    return Relation(cue=noun, content=ids, source=source, quote="reported", cue_text=noun.text, passive=source is None)


def _orphan_quotes(doc: Doc, regions: list[tuple[int, int]], relations: list[Relation]) -> list[Relation]:
    """A whole-sentence quote with no cue continues the last speaker's words."""
    covered = set().union(*(r.content for r in relations)) if relations else set()
    out: list[Relation] = []
    for start, end in regions:
        if end - start < 8 or any(i in covered for i in range(start, end)):
            continue
        first = doc[start + 1] if start + 1 < len(doc) else doc[start]
        if not (doc[start].is_sent_start or first.is_sent_start):
            continue
        prior = [r for r in relations if r.cue.i < start and start - r.cue.i < ORPHAN_REACH]
        if prior:
            last = max(prior, key=lambda r: r.cue.i)
            out.append(Relation(cue=last.cue, content=set(range(start, end)), source=last.source, quote="direct",
                                cue_text=last.cue_text))  # fmt: skip
    return out


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per content; a content inside another one of the same speaker adds nothing."""
    seen: set[tuple[int, int]] = set()
    out: list[Relation] = []
    for rel in relations:
        key = (min(rel.content), max(rel.content))
        if key not in seen:
            seen.add(key)
            out.append(rel)
    return [r for r in out if not any(o is not r and _same_speaker(o, r) and r.content < o.content for o in out)]


def _same_speaker(a: Relation, b: Relation) -> bool:
    if a.source is None or b.source is None:
        return a.source is None and b.source is None and a.cue.i == b.cue.i
    return a.source.start == b.source.start


# How far (tokens) after a speaker's cue a free-standing quote is still taken as theirs.
ORPHAN_REACH = 120
EVIDENTIAL = {
    "data", "datum", "information", "evidence", "figure", "statistic", "record", "document", "estimate", "log",
    "filing", "register", "database", "archive", "minute", "transcript", "footage", "table", "chart",
}  # fmt: skip


def _merge_nested(relations: list[Relation]) -> list[Relation]:
    """An inner relation whose source is evidence, not a speaker, folds into the outer one."""
    drop: set[int] = set()
    for i, inner in enumerate(relations):
        if inner.source is None or not {inner.source.root.lemma_.lower(), inner.source.root.lower_} & EVIDENTIAL:
            continue
        for outer in relations:
            # "X confirmed that Y, according to its logs": the logs back X's statement whichever clause
            # the parser hung "according to" on; they are not a second speaker of the whole sentence
            around = inner.cue_text == "according to" and outer.cue.i in inner.content and outer.source is not None
            if outer is not inner and (inner.cue.i in outer.content or around):
                outer.frame |= inner.frame
                drop.add(i)
                break
    return [r for i, r in enumerate(relations) if i not in drop]


def _resolve(doc: Doc, relations: list[Relation]) -> None:
    resolver = ClaimantResolver(doc)
    for rel in sorted(relations, key=lambda r: r.cue.i):
        rel.resolution = Resolution(None) if rel.passive else resolver.resolve(rel.source, rel.cue.i)
        if not rel.passive:  # documents, "I" and title-only mentions (issue 13)
            rel.resolution = refine(resolver, rel.source, rel.cue.i, rel.resolution)
        resolver.note(rel.resolution, rel.cue.i)


def _ranges(ids: set[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in sorted(ids):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _to_span(doc: Doc, rel: Relation) -> Span:
    lo, hi = min(rel.content), max(rel.content) + 1
    span = Span(doc, lo, hi, label=LABEL)
    res = rel.resolution or Resolution(None)
    ext = span._  # one Underscore object for all the writes
    ext.cue = rel.cue_text
    ext.cue_i = rel.cue.i
    ext.source_text = rel.source.text if rel.source is not None else None
    ext.source_span = (rel.source.start_char, rel.source.end_char) if rel.source is not None else None
    ext.claimant = res.name
    ext.claimant_role = res.role
    ext.claimant_kind = res.kind if res.name else None
    ext.via = res.via
    ext.quote = rel.quote
    ext.speech_act = rel.act
    gaps = {i for i in range(lo, hi) if i not in rel.content} | {i for i in rel.frame if lo <= i < hi}
    ext.exclude = _ranges(gaps)
    return span
