"""`pipeline.chunks.pieces`: exact, bounded slices cut at the best boundary."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.chunks import is_long, pieces


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["word ", "Sentence. ", "\n", "\n\n", "x", "\t", "é"]), max_size=400).map("".join),
       st.integers(min_value=2, max_value=300))
def test_pieces_are_exact_bounded_slices(text: str, limit: int) -> None:
    got = list(pieces(text, limit))
    assert "".join(p.text for p in got) == text
    for piece in got:
        assert 0 < len(piece.text) <= limit
        assert text[piece.offset : piece.offset + len(piece.text)] == piece.text


def test_cuts_prefer_paragraphs_then_lines_then_sentences() -> None:
    para = "One two three. Four five six.\n\n"
    got = [p.text for p in pieces(para * 10, 100)]
    assert all(p.endswith("\n\n") for p in got[:-1])
    line = "One two three. Four five six.\n"
    assert all(p.endswith("\n") for p in [p.text for p in pieces(line * 10, 100)][:-1])
    sentences = "One two three. Four five six. "
    assert all(p.endswith(". ") for p in [p.text for p in pieces(sentences * 10, 100)][:-1])
    assert [len(p.text) for p in pieces("a" * 250, 100)] == [100, 100, 50]


def test_only_documents_over_the_limit_are_long() -> None:
    assert not is_long("a" * 10, 10) and is_long("a" * 11, 10)
