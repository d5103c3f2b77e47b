"""Sentence fixes that run before the parser: paragraphs, headings and datelines are boundaries.

The parser sometimes glues a heading to the next paragraph's first sentence, or
runs a sentence across a blank line; the claim text and the claim date are
then read from the wrong sentence. A line break always ends a sentence in the
articles we read, so the token after one starts a sentence; the parser keeps
boundaries set before it.

A dateline opening a paragraph ("Westport, 12 May 2023 —", "WESTPORT (Reuters) -",
"Kyiv, 3 May 2022:") is metadata, not prose: parsed with the sentence it prefixes
it makes the place the verb's subject ("Westport … has been suspended") and leaks
into claim texts. It becomes a sentence of its own, and its token range is kept in
`Doc._.datelines` so claims and claimants leave it out (the sources reader already
takes the publication date from it). The factory (`ct_sentences`) is registered in
`pipeline/nlp/factories.py`.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Token

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.temporal.lexicon import MONTHS, WEEKDAYS

register_extensions()  # Doc._.datelines

DASHES = {"—", "–", "-", "--", "―"}
_CLOSERS = DASHES | {":"}  # what ends a dateline
# A dateline is short: place (a few words, commas for "Westport, Conn.,"), agency, date.
MAX_DATELINE_TOKENS = 14


class SentenceFixer:
    """Marks the first token after every line break, and after a dateline, as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        datelines: list[tuple[int, int]] = []
        for i in paragraph_starts(doc):
            if i > 0:
                doc[i].is_sent_start = True
            end = dateline_end(doc, i)
            if end is not None:
                datelines.append((i, end))
        for _start, end in datelines:
            if end < len(doc):
                doc[end].is_sent_start = True
        doc._.datelines = datelines or None
        return doc


def paragraph_starts(doc: Doc) -> list[int]:
    """The first non-space token of the document and every non-space token after a line break, in order.

    spaCy keeps a line break in a whitespace token (a token's own trailing
    whitespace is at most one space), so only the whitespace tokens are looked
    at, not every token: this runs on every document before the parser.
    """
    n = len(doc)
    if not n:
        return []
    space = doc.to_array(IS_SPACE)
    starts: list[int] = []
    first = 0
    while first < n and space[first]:
        first += 1
    if first < n:
        starts.append(first)
    last = first
    for i in np.flatnonzero(space).tolist():
        if i < last or "\n" not in doc[i].text:
            continue
        j = i + 1
        while j < n and space[j]:
            j += 1
        if j < n and j != last:
            starts.append(j)
        last = j
    return starts


def dateline_end(doc: Doc, start: int) -> int | None:
    """The token after the dateline opening a paragraph at `start` (after its dash or colon), or None.

    Token tests only: a capitalised place, then a comma and a date (a month, weekday or year) or an
    upper-case place with an agency in brackets, closed by a dash or colon, all within a few tokens
    and before any line break.
    """
    first = doc[start]
    if not (first.is_alpha and first.text[:1].isupper()):
        return None
    limit = min(len(doc), start + MAX_DATELINE_TOKENS + 1)
    for i in range(start + 1, limit):
        tok = doc[i]
        text = tok.text
        if "\n" in text or (i < limit - 1 and "\n" in tok.whitespace_ and text not in _CLOSERS):
            return None
        if text in _CLOSERS:
            if not _spaced_dash(doc, i) and text != ":":
                return None  # "well-known": a hyphen inside a word
            body = doc[start:i]
            if _is_dateline(list(body), colon=text == ":"):
                nxt = i + 1
                while nxt < len(doc) and doc[nxt].is_space:
                    nxt += 1
                return nxt if nxt < len(doc) else None
            return None
        if text in {".", "!", "?"} and tok.is_sent_end:
            return None
    return None


def _spaced_dash(doc: Doc, i: int) -> bool:
    tok = doc[i]
    return tok.text in {"—", "–", "―", "--"} or bool(tok.whitespace_) or doc[i - 1].whitespace_ != ""


def _is_dateline(tokens: list[Token], colon: bool) -> bool:
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return False
    has_comma = any(t.text == "," for t in tokens)
    datey = any(_dateish(t) for t in words)
    # every word is a name, a number or a date word: no verb, no lower-case prose
    plain = all(
        t.text[:1].isupper() or t.like_num or _dateish(t) or t.lower_ in {"of", "de", "la", "am"} for t in words
    )
    if not plain:
        return False
    if has_comma and datey:
        return True
    if colon:
        return False  # "PENCE:" opens a transcript turn, not a dateline
    # "WASHINGTON (Reuters) -": an upper-case place, an agency in brackets
    bracketed = any(t.text == "(" for t in tokens) and any(t.text == ")" for t in tokens)
    return tokens[0].is_upper and len(tokens[0]) > 1 and (bracketed or len(words) <= 3)


def _dateish(tok: Token) -> bool:
    lower = tok.lower_.rstrip(".")
    return lower in MONTHS or lower in WEEKDAYS or (tok.is_digit and len(tok.text) == 4)
