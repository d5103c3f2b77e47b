"""The seed article (../shared): five pingback children matching the gold file's sub_sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.ledger import Ledger
from sources import Overrides, iter_inputs, read_input, store_document

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED = CORPUS / "turkey-central-asia-military-cooperation.txt"
GOLD = CORPUS / "turkey-central-asia-military-cooperation.gold.json"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"seed corpus not found at {CORPUS} (../shared is absent)")


@pytest.fixture(scope="module")
def seed():
    (inp,) = iter_inputs([str(SEED)])
    return read_input(inp, Overrides(published="2022-05-25"))


def test_children_match_gold_sub_sources(seed) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    got = [{"title": c.title, "outlet": c.outlet, "published": str(c.published)} for c in seed.children]
    want = [{k: s[k] for k in ("title", "outlet", "published")} for s in gold["sub_sources"]]
    assert got == want
    assert {c.kind for c in seed.children} == {"pingback"}
    assert all(c.text and "[…]" not in c.text for c in seed.children)


def test_article_text_ends_before_comment_section(seed) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert seed.title == gold["source"]["title"]
    raw = SEED.read_text(encoding="utf-8")
    last_line = seed.text.rsplit("\n", 1)[-1]
    tail = raw[raw.index(last_line) + len(last_line) :]
    # The next thing after the article's last line is the comment-section header.
    assert tail.strip().split("\n", 1)[0].strip().startswith(f"{len(gold['sub_sources'])} thoughts on")
    for child in seed.children:
        assert child.text not in seed.text


def test_seed_stores_one_article_and_five_children(seed, tmp_path: Path) -> None:
    ledger = Ledger.open(str(tmp_path / "t.db"))
    with ledger.transaction() as conn:
        result = store_document(ledger, seed, conn=conn)
    sources = ledger.list_sources()
    assert len(sources) == 6
    assert [s.parent_id for s in sources if s.parent_id] == [result.source.id] * 5
    ledger.close()
