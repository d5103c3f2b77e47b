"""`--workers N`: one long-lived `nlp.pipe(n_process=N)` must store what one worker stores, in input order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from claims.ledger import Ledger
from pipeline.ingest import IngestOptions, IngestResult, ingest_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _corpus(tmp_path: Path) -> Path:
    """The example articles, plus inputs that fail to read, so outcomes interleave with stored sources."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, path in enumerate(sorted(p for p in EXAMPLES.rglob("*") if p.is_file())):
        shutil.copy(path, corpus / f"{i:02d}-{path.name}")
    (corpus / "03-broken.txt").write_bytes(b"\x00\x01\x02 not text")
    (corpus / "07-empty.txt").write_text("", encoding="utf-8")
    return corpus


def _ingest(db: Path, corpus: Path, nlp: Language, workers: int) -> tuple[IngestResult, list[int]]:
    ticks: list[int] = []
    with Ledger.open(str(db)) as ledger:
        options = IngestOptions(workers=workers, batch_size=2)
        return ingest_paths(ledger, [str(corpus)], options, nlp=nlp, progress=ticks.append), ticks


@pytest.mark.slow
def test_two_workers_store_what_one_stores_in_input_order(tmp_path: Path, claims_nlp: Language) -> None:
    corpus = _corpus(tmp_path)
    one, one_ticks = _ingest(tmp_path / "one.db", corpus, claims_nlp, 1)
    two, two_ticks = _ingest(tmp_path / "two.db", corpus, claims_nlp, 2)

    assert sorted(c.id for c in two.claims) == sorted(c.id for c in one.claims)
    assert two.merged == one.merged
    assert two.links > 0
    assert sorted((f.path, f.outcome, f.claims) for f in two.files) == sorted(
        (f.path, f.outcome, f.claims) for f in one.files
    )
    # Every input once, in input order, and progress counted each of them.
    assert [Path(f.path).name for f in two.files] == sorted(Path(f.path).name for f in two.files)
    assert two_ticks == list(range(1, len(two.files) + 1)) == one_ticks
    assert [f.outcome for f in two.files].count("failed") == 2
