"""The sentence a claim came from: found around the claim's span in its source's stored text.

Reports show an editor where a claim was read (the whole sentence, the claim
part highlighted), so nobody has to open the article to judge a paraphrase.
Sentence bounds are found by punctuation and line breaks, which is all a
stored text still has; the claim's own span is always kept whole.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

# A sentence ends at . ! ? (with closing quotes or brackets) followed by space, or at a blank/new line.
_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")
_MAX_CHARS = 600  # a "sentence" longer than this is a table or a run-on block: clip around the claim


class SourceContext(BaseModel):
    """One claim's sentence; `start`/`end` are the claim's span inside `sentence` (None: not located)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    sentence: str
    start: int | None = None
    end: int | None = None

    def parts(self) -> tuple[str, str, str] | None:
        """(before, the claim's own words, after) in `sentence`, or None when the claim was not located there.

        One reading of the span for every place that marks or quotes it (reports, evidence wording)."""
        if self.start is None or self.end is None or self.start >= self.end:
            return None
        return self.sentence[: self.start], self.sentence[self.start : self.end], self.sentence[self.end :]


def sentence_around(text: str, span: tuple[int, int] | None) -> SourceContext | None:
    """The sentence of `text` holding `span`, with the span's offsets inside it; None when it cannot be read."""
    if not text or span is None:
        return None
    a, b = span
    if not (0 <= a < b <= len(text)):
        return None
    left = 0
    for m in _END.finditer(text, 0, a):
        left = m.end()
    stop = _END.search(text, b)
    right = stop.end() if stop else len(text)
    if stop and stop.group() == "\n":
        right = stop.start()
    left, right = max(left, a - _MAX_CHARS // 2), min(right, b + _MAX_CHARS // 2)
    raw = text[left:right]
    # Trim and squeeze whitespace while keeping track of where the span lands.
    out: list[str] = []
    start = end = None
    prev_space = True
    for i, ch in enumerate(raw, left):
        if i == a:
            start = len(out)
        if i == b:
            end = len(out)
        if ch.isspace():
            if not prev_space:
                out.append(" ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = False
    if end is None:
        end = len(out)
    sentence = "".join(out).rstrip()
    if not sentence.strip():
        return None
    end = min(end, len(sentence))
    start = min(start if start is not None else 0, end)
    prefix = "…" if left > 0 and left == a - _MAX_CHARS // 2 else ""
    suffix = "…" if right < len(text) and right == b + _MAX_CHARS // 2 else ""
    shift = len(prefix)
    return SourceContext(sentence=prefix + sentence + suffix, start=start + shift, end=end + shift)
