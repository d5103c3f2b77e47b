"""One article failing to store never aborts a batch: it is reported, the rest goes in (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy.exc import IntegrityError

import pipeline.linking.link as link
from claims.ledger import Ledger
from pipeline.ingest import IngestOptions, ingest_paths

ARTICLE = """---
title: "{title}"
outlet: Harbour Gazette
published: 2024-05-09
---

Harbour master Ilse Varga said on Tuesday that {what} had been closed for repairs since April.
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i, what in enumerate(["the north quay", "the ferry ramp", "the fish market"]):
        (folder / f"{i}.md").write_text(ARTICLE.format(title=f"Closure {i}", what=what), encoding="utf-8")
    return folder


@pytest.mark.parametrize("link_on", [True, False])
def test_a_failing_article_is_reported_and_the_rest_stored(
    tmp_path: Path, claims_nlp: Language, monkeypatch: pytest.MonkeyPatch, link_on: bool
) -> None:
    real_link, real_add = link.link_new_claims, Ledger.add_claims

    def failing_link(ledger, claims, **kw):
        if any("ferry ramp" in c.text for c in claims):
            raise IntegrityError("INSERT INTO claims", {}, Exception("UNIQUE constraint failed: claims.id"))
        return real_link(ledger, claims, **kw)

    def failing_add(self, claims, **kw):
        if any("ferry ramp" in c.text for c in claims):
            raise IntegrityError("INSERT INTO claims", {}, Exception("UNIQUE constraint failed: claims.id"))
        return real_add(self, claims, **kw)

    monkeypatch.setattr(link, "link_new_claims", failing_link)
    monkeypatch.setattr(Ledger, "add_claims", failing_add)
    with Ledger.open(str(tmp_path / "l.db")) as ledger:
        result = ingest_paths(ledger, [str(_folder(tmp_path))], IngestOptions(link=link_on), nlp=claims_nlp)
        failed = result.failed
        assert [Path(f.path).name for f in failed] == ["1.md"]
        assert "UNIQUE constraint failed" in (failed[0].message or "")
        assert result.count("added") == 2
        with ledger.read() as conn:
            texts = [row[0] for row in conn.exec_driver_sql("SELECT text FROM claims")]
            sources = conn.exec_driver_sql("SELECT count(*) FROM sources").scalar()
    assert sources == 2  # the failed article's source row rolled back with its claims
    assert any("north quay" in t for t in texts) and any("fish market" in t for t in texts)
    assert not any("ferry ramp" in t for t in texts)
