"""Class 1: articles too long for one spaCy parse are parsed in pieces, stored whole, with true offsets.

The limits are lowered for the test (a 12,000-character article counts as
long, pieces of 1,500), and spaCy's own `max_length` is lowered below the
article, so a whole-document parse would fail with E088 exactly as a
1,000,000-character article does at the real limits.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import chunks
from sources.loader import iter_inputs, read_input
from tests.hostile.conftest import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
pytestmark = pytest.mark.slow


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from pipeline.ingest import IngestOptions, nlp_for
    from pipeline.nlp.build import build_nlp

    monkeypatch.setattr(chunks, "LONG_DOC_CHARS", 4_000)
    monkeypatch.setattr(chunks, "MAX_PIECE_CHARS", 1_500)
    models = [nlp_for(IngestOptions()), build_nlp()]
    saved = [nlp.max_length for nlp in models]
    for nlp in models:
        nlp.max_length = 5_000
    yield
    for nlp, length in zip(models, saved, strict=True):
        nlp.max_length = length


def long_article(directory: Path) -> Path:
    """About 12,000 characters of news prose made from the bundled example articles' paragraphs."""
    bodies = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(EXAMPLES.rglob("*.txt"))]
    text = "\n\n".join(bodies)
    while len(text) < 12_000:
        text += "\n\n" + text
    path = directory / "long.txt"
    path.write_text("A long compilation\n\nHarbour City, 10 March 2023 —\n\n" + text[:12_000], encoding="utf-8")
    return path


def test_a_folder_with_one_long_article_stores_everything(small_limits: None, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = sorted(p for p in EXAMPLES.rglob("*") if p.is_file())[:5]
    for n, path in enumerate(good):
        (folder / f"{n}-{path.name}").write_bytes(path.read_bytes())
    long_path = long_article(folder)
    db = tmp_path / "ledger.db"
    result = cli(db, "ingest", str(folder), "--format", "json", "--no-link")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["added"] == 6 and data["summary"]["failed"] == 0
    expected = read_input(next(iter_inputs([str(long_path)]))).text
    stored = [s for s in data["sources"] if s["path"] == str(long_path)]
    assert len(stored) == 1 and stored[0]["text"] == expected  # stored whole
    mine = [c for c in data["claims"] if c["source"]["id"] == stored[0]["id"]]
    assert len(mine) >= 10
    spans = [tuple(c["span"]) for c in mine]
    assert max(end for _, end in spans) > 2 * chunks.MAX_PIECE_CHARS  # claims from later pieces...
    for claim in mine:
        start, end = claim["span"]
        window = expected[start:end]
        # ...each pointing at its own words in the whole text, not at the piece's
        assert set(claim["text"].lower().split()[:3]) & set(window.lower().split()), (claim["text"], window)


def test_dates_of_a_long_article_have_whole_text_offsets(small_limits: None, tmp_path: Path) -> None:
    path = long_article(tmp_path)
    result = cli(tmp_path / "unused.db", "dates", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    text = read_input(next(iter_inputs([str(path)]))).text
    assert max(r["end"] for r in records) > 2 * chunks.MAX_PIECE_CHARS
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]


def test_parallel_ingest_parses_a_long_article_in_this_process(small_limits: None, tmp_path: Path) -> None:
    from claims.ledger import Ledger
    from pipeline.ingest import IngestOptions, ingest_paths, nlp_for

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Short story\n\nThe mayor said the bridge opened in May.\n", encoding="utf-8")
    long_article(folder)
    ledger = Ledger.open(str(tmp_path / "ledger.db"))
    try:
        result = ingest_paths(ledger, [str(folder)], IngestOptions(workers=2, link=False), nlp=nlp_for(IngestOptions()))
    finally:
        ledger.close()
    assert [f.outcome for f in result.files] == ["added", "added"]
    assert result.files[1].claims >= 10
