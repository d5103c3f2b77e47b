"""Sentence fixes that run before the parser: paragraphs and headings are sentence boundaries.

The parser sometimes glues a heading to the next paragraph's first sentence, or
runs a sentence across a blank line; the claim text and the claim date are
then read from the wrong sentence. A line break always ends a sentence in the
articles we read, so the token after one starts a sentence; the parser keeps
boundaries set before it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "ct_sentences",
    assigns=["token.is_sent_start"],
    default_config={},
)
def make_sentences(nlp: Language, name: str) -> SentenceFixer:
    return SentenceFixer()


class SentenceFixer:
    """Marks the first token after every line break as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        after_break = False
        for tok in doc:
            if tok.is_space:
                after_break = after_break or "\n" in tok.text
                continue
            if after_break and tok.i > 0:
                tok.is_sent_start = True
            after_break = "\n" in tok.whitespace_
        return doc
