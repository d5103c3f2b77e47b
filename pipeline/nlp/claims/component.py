"""Claims as a spaCy component (`ct_claims`) and the `doc → Claim` conversion.

A claim is one proposition, readable on its own, with who made it and when:
each attributed content (a direct quote is split into its sentences), and each
of the author's own check-worthy sentences outside any attribution, whose
claimant is the source's outlet (or author). An attributed claim whose speaker
the resolver could not name keeps claimant None (`ClaimFacts.unresolved`): it
is never credited to the outlet. The reporting frame ("X said that",
"according to Y") and leading connectives ("However,") are cut from the text.
Results go to `doc.spans["claims"]`, each span with one frozen `span._.claim`
(`ClaimFacts`); `doc_to_claims` turns them into `claims.models.Claim` with
stable ids. The factory is registered in `pipeline/nlp/factories.py`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from claims.ids import stable_id
from claims.models import Claim
from pipeline.lexicon import load
from pipeline.nlp.attribution.component import SPAN_KEY as ATTRIBUTION_KEY
from pipeline.nlp.attribution.verbs import labels_only
from pipeline.nlp.claims.checkworthiness import checkworthiness
from pipeline.nlp.claims.dating import present_tense, settle, story_day
from pipeline.nlp.claims.filters import nested_repeats, not_a_claim
from pipeline.nlp.claims.layout import Turn, first_person_author, interview_day, turn_at, turns
from pipeline.nlp.claims.opinion import empty_label
from pipeline.nlp.claims.polarity import polarity
from pipeline.nlp.context.document import context_of
from pipeline.nlp.entities import normalise_all
from pipeline.nlp.extensions import AttributionFacts, ClaimFacts
from pipeline.nlp.temporal.component import event_dates, statement_date

SPAN_KEY = "claims"
DATES_KEY = "dates"  # written by ct_temporal
# How far (in tokens) a speaker's later words still belong to the same occasion.
CONTINUATION_TOKENS = 150
LABEL = "CLAIM"
DEFAULT_THRESHOLD = 0.55
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "FAC", "EVENT", "LOC", "LAW"}
LEMMA_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
# Pronouns a reported clause may use for its speaker ("X denied that it planned ...").
PERSON_PRONOUNS: frozenset[str] = load("person_pronouns")
THING_PRONOUNS: frozenset[str] = load("thing_pronouns") | load("group_pronouns")
SELF_PRONOUNS: frozenset[str] = load("self_pronouns")
SELF_POSSESSIVES = frozenset({"my", "our"})
QUOTE_MARKS = set('“”"‘’«»„[]')
# The best score an author's sentence can reach without any entity (see checkworthiness).
NO_ENTITY_MAX = 0.6
CONNECTIVE_DEPS = {"advmod", "cc", "intj", "prep", "npadvmod", "mark"}


class ClaimExtractor:
    """Turns attributions and the author's own sentences into claim spans."""

    def __init__(
        self,
        min_checkworthiness: float = DEFAULT_THRESHOLD,
        author_claims: bool = True,
        *,
        span_key: str = SPAN_KEY,
        attributions_key: str = ATTRIBUTION_KEY,
        dates_key: str = DATES_KEY,
    ) -> None:
        self.min_checkworthiness = min_checkworthiness
        self.span_key = span_key
        self.attributions_key = attributions_key
        self.dates_key = dates_key
        self.author_claims = author_claims
        self._ents: list[tuple[int, int, str, str]] = []
        self._ent_starts: list[int] = []
        self._dates_by_sent: dict[int, str | None] = {}
        self._last_date: dict[str, tuple[str | None, int]] = {}
        self._date_starts: list[int] = []
        self._date_reach: list[int] = []
        self._sents: list[Span] = []
        self._sent_starts: list[int] = []
        self._published: str | None = None
        self._story_day: str | None = None
        self._first_person = False
        self._author: str | None = None
        self._interview = False
        self._interview_day: str | None = None

    def __call__(self, doc: Doc) -> Doc:
        # doc.ents builds new spans on every access: read it once per doc
        all_ents = [(e.start, e.end, e.text, e.label_) for e in doc.ents]
        self._ents = [e for e in all_ents if e[3] in ENTITY_LABELS]  # document order, as doc.ents gives them
        self._ent_starts = [e[0] for e in self._ents]
        vocabulary = normalise_all((text, label) for _, _, text, label in self._ents)
        self._dates_by_sent = {}
        self._last_date = {}
        ctx = context_of(doc)  # its sentence list is built once per doc, shared with the temporal steps
        self._sents = ctx.sents
        self._sent_starts = ctx.sent_starts
        # dates by start, with the furthest end reached so far: "does a claim overlap a date" is a bisection
        dates = sorted((s.start, s.end) for s in doc.spans.get(self.dates_key, []))
        self._date_starts = [start for start, _ in dates]
        self._date_reach = list(accumulate((end for _, end in dates), max))
        # each `doc._` read builds an Underscore object: read the document's facts once
        self._published = doc._.published
        day = story_day(doc, self._published)
        self._story_day = str(day) if day is not None else None
        self._interview = bool(turns(doc))
        self._interview_day = interview_day(doc) if self._interview else None
        first_person = first_person_author(doc)
        self._first_person = first_person is not None
        self._author = first_person or _author(doc)  # an op-ed's sentences are its author's
        spans: list[Span] = []
        # a dateline (ct_sentences) is metadata: never part of a claim's text
        dateline = {i for lo, hi in (doc._.datelines or []) for i in range(lo, hi)}
        covered: set[int] = set()
        cue_sents: set[int] = set()
        for attr in doc.spans.get(self.attributions_key, []):
            covered.update(range(attr.start, attr.end))
            frame = attr._.attribution
            if frame is None:
                continue
            cue = doc[frame.cue_i]
            cue_sents.add(self._sent_of(cue.i).start)
            excluded = dateline | {i for lo, hi in frame.exclude for i in range(lo, hi)}
            for piece in _pieces(attr, frame):
                tokens = [t for t in piece if t.i not in excluded]
                span = self._claim(doc, tokens, cue, frame, vocabulary)
                if span is not None:
                    spans.append(span)
        interview = self._interview
        if self.author_claims:
            # An author's sentence with no entity at all (name, date, number) cannot reach the threshold:
            # skip it before looking at its tokens.
            ent_starts = sorted(e[0] for e in all_ents)
            for sent in self._sents:
                if sent.start in cue_sents or any(i in covered for i in range(sent.start, sent.end)):
                    continue
                k = bisect_left(ent_starts, sent.start)
                if self.min_checkworthiness > NO_ENTITY_MAX and (k == len(ent_starts) or ent_starts[k] >= sent.end):
                    continue
                tokens = [t for t in sent if t.i not in dateline] if dateline else list(sent)
                turn = turn_at(doc, sent.start_char) if interview else None
                if interview and (turn is None or turn.speaker is None):
                    continue  # the interviewer's questions and introduction: asked, not claimed
                if turn is not None:  # an interview answer: the interviewee's own words
                    span = self._turn_claim(doc, [t for t in tokens if t.idx >= turn.label_end], turn, vocabulary)
                else:
                    span = self._claim(doc, tokens, None, None, vocabulary)
                if span is not None:
                    spans.append(span)
        spans = self._drop_nested(spans)
        doc.spans[self.span_key] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc

    def _drop_nested(self, spans: list[Span]) -> list[Span]:
        """The same words extracted twice, one inside the other: keep the outer (see filters.nested_repeats)."""
        names = {text for _, _, text, _ in self._ents}
        # an infinitive ("to show its figures") inside the claim that asks for it is part of that claim
        keys = [(s.start, s.end, _named(s._.claim.claimant, names) and not _bare_infinitive(s)) for s in spans]
        drop = nested_repeats(keys)
        return [s for k, s in enumerate(spans) if k not in drop]

    def _turn_claim(self, doc: Doc, tokens: list[Token], turn: Turn, vocabulary: list[str]) -> Span | None:
        """A sentence of an interview answer, as a direct quote of the turn's speaker on the interview day."""
        if not tokens:
            return None
        frame = AttributionFacts(cue=":", cue_i=tokens[0].i, quote="direct", source_text=turn.speaker,
                                 source_span=None, claimant=turn.speaker, claimant_role=None,
                                 claimant_kind="person")  # fmt: skip
        span = self._claim(doc, tokens, None, frame, vocabulary)
        if span is not None:
            day = interview_day(doc) or self._story_day or self._published
            span._.claim = replace(span._.claim, claim_date=day)
        return span

    def _sent_of(self, i: int) -> Span:
        """The sentence of token `i` (Token.sent rescans the document on every access)."""
        return self._sents[bisect_right(self._sent_starts, i) - 1]

    def _claim(
        self, doc: Doc, tokens: list[Token], cue: Token | None, frame: AttributionFacts | None, vocabulary: list[str]
    ) -> Span | None:
        raw = [t for t in tokens if not t.is_space]  # with its "?" and closing stop, which _strip_edges cuts
        tokens = _strip_edges(tokens)
        if not tokens:
            return None
        score = checkworthiness(tokens, attributed=frame is not None, first_person=self._first_person)
        if score < self.min_checkworthiness:
            return None
        if not (frame is not None and frame.speech_act) and not_a_claim(raw, cue):
            return None  # a question, a fragment or a bare characterisation: nothing to rate true or false
        act = frame is not None and frame.speech_act and cue is not None
        if act and cue is not None and (labels_only(cue) or empty_label(tokens, cue)):
            return None  # "described the capital as a swamp", "urged supporters to act": a label or an empty frame
        text = _text(tokens, _speaker_pronoun(tokens, frame))
        if frame is not None and frame.speech_act:
            text = f"{frame.claimant or frame.source_text} {text[:1].lower()}{text[1:]}"
        if len(text.split()) < 3:
            return None
        span = Span(doc, tokens[0].i, tokens[-1].i + 1, label=LABEL)
        claim_date = self._claim_date(doc, cue, frame)
        k = bisect_left(self._date_starts, span.end)  # the dates starting before the claim ends
        has_dates = k > 0 and self._date_reach[k - 1] > span.start
        ents = self._ents_within(span.start, span.end)
        span._.claim = ClaimFacts(
            text=text,
            # The author's own sentence is the outlet's; an attributed one is its resolved speaker's or nobody's.
            claimant=frame.claimant if frame is not None else self._author,
            claimant_role=frame.claimant_role if frame is not None and frame.claimant else None,
            claim_date=claim_date,
            polarity=polarity(tokens, cue),
            quote=frame.quote if frame is not None else "none",
            checkworthiness=score,
            cue=frame.cue if frame is not None else None,
            cue_i=frame.cue_i if frame is not None else None,
            source_text=frame.source_text if frame is not None else None,
            source_span=frame.source_span if frame is not None else None,
            unresolved=frame is not None and frame.claimant is None,
            via=frame.via if frame is not None else None,
            event_dates=tuple(str(d) for d in event_dates(span, self.dates_key)) if has_dates else (),
            entities=tuple(normalise_all(ents, vocabulary)),
            lemmas=tuple(sorted({t.lemma_.lower() for t in tokens if t.pos_ in LEMMA_POS and not t.is_stop})),
        )
        return span

    def _ents_within(self, start: int, end: int) -> list[tuple[str, str]]:
        """(text, label) of the entities inside tokens [start, end), in document order."""
        out: list[tuple[str, str]] = []
        for k in range(bisect_left(self._ent_starts, start), len(self._ents)):  # no copy of the tail per claim
            ent_start, ent_end, text, label = self._ents[k]
            if ent_start >= end:
                break
            if ent_end <= end:
                out.append((text, label))
        return out

    def _claim_date(self, doc: Doc, cue: Token | None, frame: AttributionFacts | None) -> str | None:
        """When the claimant said it: the frame sentence's statement date; the author's: publication."""
        if cue is None or frame is None:
            return self._published
        if frame.via and frame.claimant and frame.claimant == _author(doc):
            return self._published  # records the paper went through: it presents the finding on publication
        frame_sent = self._sent_of(cue.i)
        turn = turn_at(doc, frame_sent.start_char) if self._interview and self._interview_day else None
        if turn is not None and turn.speaker and _first_person_source(frame.source_text):
            # "we found", "our survey shows" in an interview answer: the interviewee says it, on the interview day
            return self._interview_day
        if self._first_person and _first_person_source(frame.source_text) and frame.claimant == self._author:
            return self._published  # "our surveys found" in an op-ed: the author says it in the piece
        # Inside an interview the occasion is the interview, not the news the introduction reports.
        story = self._interview_day if turn is not None else self._story_day
        if cue.i not in self._dates_by_sent:  # the pieces of one quote share their frame's date
            date = statement_date(frame_sent, self.dates_key)
            # never after publication, no background years, one story day (dating.settle)
            self._dates_by_sent[cue.i] = settle(
                doc, frame_sent, str(date) if date else None, self._published, story, cue
            )
        claim_date = self._dates_by_sent[cue.i]
        last = self._last_date.get(frame.claimant) if frame.claimant else None
        undated = claim_date is None or claim_date in {self._published, story}
        if undated and last is not None and cue.i - last[1] <= CONTINUATION_TOKENS and not present_tense(cue):
            # "Before adding that …", "… he concluded": the same speaker going on, at the time of what came before
            claim_date = last[0]
        if frame.claimant:
            self._last_date[frame.claimant] = (claim_date, cue.i)
        return claim_date


def _bare_infinitive(span: Span) -> bool:
    """The span opens with "to" (or "not to") + verb: a demand's content, no clause of its own."""
    words = [t for t in span if not t.is_punct and not t.is_space][:2]
    if words and words[0].lower_ == "not":
        words = words[1:]
    return bool(words) and words[0].tag_ == "TO"


def _first_person_source(source_text: str | None) -> bool:
    """ "we", "I", "our survey", "my office": the source is the speaker themself."""
    words = (source_text or "").lower().split()
    return bool(words) and (words[0] in SELF_PRONOUNS or words[0] in SELF_POSSESSIVES)


def _named(claimant: str | None, names: set[str]) -> bool:
    """The claimant is a name the document gives (an entity, or a capitalised multi-word name)."""
    if not claimant:
        return False
    return claimant in names or any(w[:1].isupper() for w in claimant.split()[1:])


def _author(doc: Doc) -> str | None:
    return doc._.outlet or doc._.author


def _pieces(attr: Span, frame: AttributionFacts) -> list[Span]:
    """A direct quote is one claim per sentence; reported content is one claim."""
    if frame.quote != "direct":
        return [attr]
    doc = attr.doc
    pieces: list[Span] = []
    for sent in doc[attr.start : attr.end].sents:  # type: ignore[attr-defined]  # Span.sents exists; span.pyi lacks it
        lo, hi = max(sent.start, attr.start), min(sent.end, attr.end)
        if hi > lo:
            pieces.append(doc[lo:hi])
    return pieces or [attr]


def _strip_edges(tokens: list[Token]) -> list[Token]:
    """Cut quote marks, spaces, edge punctuation, a leading "that" and leading connectives ("However,")."""
    tokens = [t for t in tokens if t.text not in QUOTE_MARKS and not t.is_space]
    # "that" opening reported content is its complementiser; "That is a lie." keeps its subject
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in {"and", "but", "so", "also"}
                      or (tokens[0].lower_ == "that" and tokens[0].dep_ == "mark")):  # fmt: skip
        tokens = tokens[1:]
    for k in range(min(4, len(tokens) - 1)):
        if tokens[k].text == "," and all(t.dep_ in CONNECTIVE_DEPS or t.head.i <= tokens[k].i for t in tokens[:k]):
            if all(t.ent_type_ not in {"DATE", "TIME"} and t.dep_ in CONNECTIVE_DEPS | {"pobj", "det", "amod"}
                   for t in tokens[:k]):  # fmt: skip
                tokens = tokens[k + 1 :]
            break
    while (tokens and (tokens[-1].is_punct and tokens[-1].text not in ".%)")) or (tokens and tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _speaker_pronoun(tokens: list[Token], frame: AttributionFacts | None) -> dict[int, str]:
    """ "X denied that it planned …": the reported clause's pronoun subject is the speaker, named so it reads alone."""
    if frame is None or frame.quote != "reported" or not frame.claimant or frame.speech_act:
        return {}
    if frame.cue == "according to":
        return {}  # the source of "according to X" is not the subject of the content
    compatible = PERSON_PRONOUNS if frame.claimant_kind == "person" else THING_PRONOUNS
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.lower_ in compatible and tok.head.i in ids:
            said_by = (frame.source_text or "").lower()
            if said_by in PERSON_PRONOUNS and said_by != tok.lower_:
                return {}  # "he said she had …": she is somebody else; never write the speaker's name over her
            if tok.head.head.i not in ids or tok.head.head.i == tok.head.i:
                return {tok.i: frame.claimant}
            return {}
    return {}


def _text(tokens: list[Token], replace: dict[int, str] | None = None) -> str:
    replace = replace or {}
    parts: list[str] = []
    for k, tok in enumerate(tokens):
        gap = tok.whitespace_ if k + 1 < len(tokens) and tokens[k + 1].i == tok.i + 1 else " "
        parts.append(replace.get(tok.i, tok.text) + gap)
    text = " ".join("".join(parts).split())
    text = text.replace(" ,", ",").replace(" .", ".").rstrip(" ,;:")
    # a frame cut from the end of a sentence leaves its comma before the full stop: "in May,."
    while len(text) > 1 and text[-1] in ".!?" and text[-2] in ",;:":
        text = text[:-2].rstrip() + text[-1]
    return text[:1].upper() + text[1:] if text else text


def doc_to_claims(
    doc: Doc, source_id: str | None = None, offset: int = 0, *, span_key: str = SPAN_KEY
) -> list[Claim]:
    """The claims of a processed doc as models, with ids stable across re-ingests of the same text.

    An unresolved speaker stays unresolved: `Claim.claimant` is None (never the outlet).
    `offset` is where `doc`'s text starts in the source's text (a piece of a long document).
    """
    source_id = source_id if source_id is not None else doc._.source_id
    out: list[Claim] = []
    seen: set[str] = set()
    for span in doc.spans.get(span_key, []):
        facts: ClaimFacts | None = span._.claim
        if facts is None:
            continue
        start, end = span.start_char + offset, span.end_char + offset
        claim_id = stable_id("c", source_id, start, end, facts.text)
        if claim_id in seen:
            # the same words at the same place, reached through two attributions: one claim, not a second row
            continue
        seen.add(claim_id)
        out.append(
            Claim(
                id=claim_id,
                text=facts.text,
                claimant=facts.claimant,
                claimant_role=facts.claimant_role,
                claim_date=facts.claim_date,
                event_dates=list(facts.event_dates),
                polarity=facts.polarity,
                quote=facts.quote,
                source_id=source_id,
                span=(start, end),
                entities=list(facts.entities),
                checkworthiness=facts.checkworthiness,
                cue=facts.cue,
                lemmas=list(facts.lemmas),
                via=facts.via,
                unresolved=facts.unresolved,
            )
        )
    return out
