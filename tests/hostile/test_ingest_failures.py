"""One input the database refuses is that input's failure; the batch goes on (one bad file never stops a batch)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from claims.ledger import Ledger
from pipeline import ingest
from pipeline.ingest import IngestOptions, ingest_paths


def test_a_database_error_fails_one_file_and_the_rest_go_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"Story {name}\n\nThe text of story {name}.\n", encoding="utf-8")
    real = ingest.store_document

    def refuse_b(ledger: Ledger, doc: object, *, conn: sa.Connection) -> object:
        stored = real(ledger, doc, conn=conn)  # type: ignore[arg-type]
        if "story b" in getattr(doc, "text", ""):
            raise sa.exc.DataError("INSERT", {}, ValueError("the server refused a value"))
        return stored

    monkeypatch.setattr(ingest, "store_document", refuse_b)
    ledger = Ledger.open(str(tmp_path / "ledger.db"))
    try:
        result = ingest_paths(ledger, [str(folder)], IngestOptions(extract=False))
        stored = {s.title for s in ledger.list_sources()}
    finally:
        ledger.close()
    assert [f.outcome for f in result.files] == ["added", "failed", "added"]
    assert "not stored: the server refused a value" in (result.files[1].message or "")
    assert stored == {"Story a", "Story c"}
