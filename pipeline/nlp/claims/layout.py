"""Who speaks when nobody says "said": interview turns and first-person pieces.

- An interview laid out as turns ("Q: …" / "Whitlow: …", at least two labelled
  paragraphs) gives every sentence of a turn to the person the label names
  (the fullest form of that name in the document); the interviewer's turns
  ("Q", "Question", "Interviewer", or the publication) ask, they do not claim.
  The interview took place on the last day the introduction names ("We spoke
  to her on Tuesday"), so that is the turns' date.
- An op-ed or first-person piece (an author in the metadata, and "I", "my" or
  "me" at least three times outside quotation marks) is the author's own: its
  sentences and its "I" / "we" are the author's, not the outlet's.

Turns are found once per document and cached in `doc.user_data`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.nlp.claims.dating import partial_date
from pipeline.nlp.context.document import context_of

INTERVIEWER_LABELS = {"q", "question", "interviewer", "int"}
FIRST_PERSON = {"i", "my", "me", "mine", "myself"}
FIRST_PERSON_MIN = 3
MIN_TURNS = 2
LABEL = re.compile(r"^[ \t]*([A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,2}):[ \t]")
CACHE_KEY = "ct_turns"


@dataclass(frozen=True)
class Turn:
    """One labelled paragraph: characters [start, end), the speaker (None: the interviewer), the label's end."""

    start: int
    end: int
    speaker: str | None
    label_end: int


def _full_name(doc: Doc, label: str) -> str:
    """The fullest PERSON name holding all of the label's words, else the label ("Whitlow" → "Agnes Whitlow")."""
    words = label.lower().split()
    best = label
    for ent in doc.ents:
        theirs = ent.text.lower().split()
        if ent.label_ == "PERSON" and all(w in theirs for w in words) and len(ent.text) > len(best):
            best = " ".join(ent.text.split())
    if best == label and len(words) == 1:
        found = re.findall(rf"\b([A-Z][a-z]+ {re.escape(label)})\b", context_of(doc).text)
        if found:
            best = max(set(found), key=found.count)
    return best


def turns(doc: Doc) -> list[Turn]:
    """The interview turns of the document, or [] when it is not laid out as one."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is not None:
        return cached
    out: list[Turn] = []
    offset = 0
    text = context_of(doc).text
    paragraphs = text.split("\n")
    for para in paragraphs:
        m = LABEL.match(para)
        if m and para.strip():
            label = m.group(1)
            speaker = None if label.lower().rstrip(".") in INTERVIEWER_LABELS else label
            if speaker is not None and doc._.outlet and label.lower() in doc._.outlet.lower():
                speaker = None
            out.append(Turn(offset, offset + len(para), speaker, offset + m.end()))
        offset += len(para) + 1
    if len(out) < MIN_TURNS or not any(t.speaker for t in out):
        out = []
    else:
        names: dict[str, str] = {}
        out = [
            Turn(t.start, t.end, names.setdefault(t.speaker, _full_name(doc, t.speaker)) if t.speaker else None,
                 t.label_end)
            for t in out
        ]  # fmt: skip
    doc.user_data[CACHE_KEY] = out
    return out


def turn_at(doc: Doc, char: int) -> Turn | None:
    """The turn holding character `char`, if the document is an interview."""
    for turn in turns(doc):
        if turn.start <= char < turn.end:
            return turn
    return None


def interview_day(doc: Doc) -> str | None:
    """The last frame-level day named before the first turn: when the interview took place."""
    found = turns(doc)
    if not found:
        return None
    ctx = context_of(doc)
    best = None
    for span in sorted(doc.spans.get("dates", []), key=lambda s: s.start):
        if span.start_char >= found[0].start:
            break
        date = partial_date(span)
        if date is not None and date.granularity == "day" and not date.modifier and not ctx.is_content(span):
            best = str(date)
    return best


BYLINE_CUT = re.compile(r"[,.;:|(]|\s+and\s+|\s+contributed\b|\s+email\b|\s+twitter\b", re.IGNORECASE)


def byline_name(author: str | None) -> str | None:
    """The person a metadata byline names: "By JANE ROE, Jo Doe contributed research." → "Jane Roe".

    Feeds deliver bylines with "By", co-authors, contact details and credit lines; a claimant is one
    name. A byline that reduces to no name (an e-mail address, a bare "Staff") gives None.
    """
    if not author:
        return None
    text = re.sub(r"^\s*by\s+", "", author.strip(), flags=re.IGNORECASE)
    text = BYLINE_CUT.split(text, maxsplit=1)[0].strip()
    words = text.split()
    if not 1 <= len(words) <= 4 or any("@" in w or any(c.isdigit() for c in w) for w in words):
        return None
    if len(words) == 1:
        return words[0]  # "AP", "Reuters": an agency byline, as written
    return " ".join(w.title() if w.isupper() else w for w in words)


def first_person_author(doc: Doc) -> str | None:
    """The metadata author when the piece is written in the first person outside quotes, else None."""
    author = byline_name(doc._.author)
    if not author or turns(doc):
        return None  # an interview's "I" is the interviewee's
    ctx = context_of(doc)
    count = 0
    for tok in doc:
        if tok.lower_ in FIRST_PERSON and tok.pos_ == "PRON" and not ctx.is_quoted(ctx.sent_of(tok.i)):
            count += 1
            if count >= FIRST_PERSON_MIN:
                return author
    return None


def self_speaker(doc: Doc, char: int) -> str | None:
    """Who "I" / "we" / "our" is at character `char`: the turn's speaker in an interview, else the author."""
    turn = turn_at(doc, char)
    if turn is not None:
        return turn.speaker
    return byline_name(doc._.author)
