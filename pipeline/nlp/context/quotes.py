"""Direct-quote regions: which token ranges sit inside quotation marks.

News quotes follow typographic conventions the parser does not see: a quote
may open after a colon and run over several paragraphs (each new paragraph
reopens the quote, only the last one closes it), and straight quotes toggle.
One pass over the tokens, comparing token texts, finds the regions; the
attribution component decides who said them. This is the only quote detector:
`DocContext.quote_regions` (computed once per document) is what attribution and
the temporal steps both read.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOUBLE_OPEN = {"“", "«", "„"}
DOUBLE_CLOSE = {"”", "»"}
STRAIGHT = {'"', "''", "``"}
SINGLE_OPEN = {"‘"}
SINGLE_CLOSE = {"’"}
# Marks that open a quotation (a straight mark opens one when none is open).
QUOTE_OPENERS = frozenset(DOUBLE_OPEN | {"``", "‘‘"})


def _next_word(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) from an opening to its closing mark (marks included)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    kind = ""
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        text = tok.text
        if open_at is not None and ("\n" in text or "\n" in tok.whitespace_):
            nxt = _next_word(doc, i + 1)
            reopens = nxt < n and (doc[nxt].text in DOUBLE_OPEN or doc[nxt].text in STRAIGHT)
            if reopens and kind != "single":
                i = nxt + 1  # the quote goes on in the next paragraph
                continue
            if kind != "single" and _closed_in_next_paragraph(doc, nxt):
                i = nxt  # no reopening mark, but the next paragraph closes the quote
                continue
            if not tok.is_space and _closes(text, kind):
                regions.append((open_at, i + 1))
            else:
                regions.append((open_at, i if tok.is_space else i + 1))
            open_at = None
            i += 1
            continue
        if open_at is None:
            if text in DOUBLE_OPEN or text in STRAIGHT:
                open_at, kind = i, "double" if text in DOUBLE_OPEN else "straight"
            elif text in SINGLE_OPEN:
                open_at, kind = i, "single"
        elif _closes(text, kind):
            regions.append((open_at, i + 1))
            open_at = None
        i += 1
    if open_at is not None:
        regions.append((open_at, n))
    return [r for r in regions if r[1] - r[0] > 2]


def _closed_in_next_paragraph(doc: Doc, start: int) -> bool:
    """The paragraph starting at `start` closes a quote before opening one (its first mark is a closer)."""
    for i in range(start, len(doc)):
        tok = doc[i]
        if "\n" in tok.text or ("\n" in tok.whitespace_ and tok.text not in DOUBLE_CLOSE | STRAIGHT):
            return False
        if tok.text in DOUBLE_OPEN:
            return False
        if tok.text in DOUBLE_CLOSE:
            return True
        if tok.text in STRAIGHT:
            after = doc[i + 1] if i + 1 < len(doc) else None
            return after is None or "\n" in tok.whitespace_ or after.is_space
    return False


def _closes(text: str, kind: str) -> bool:
    # scraped text mixes straight and curly marks, so any double mark closes a double quote
    if kind in ("double", "straight"):
        return text in DOUBLE_CLOSE or text in STRAIGHT
    return text in SINGLE_CLOSE
