"""pipeline.importers: parsed fact-checks go through annotate → store → link → rate, as ingest does."""

from __future__ import annotations

import pytest

from claims.ids import content_hash, stable_id
from claims.imports import ImportItem, SkippedItem
from claims.ledger import Ledger
from claims.models import Claim, Source
from pipeline.importers import import_items


def _item(n: int, text: str, claimant: str, url: str = "https://checks.example.org/a") -> ImportItem:
    digest = content_hash(f"factcheck\x1f{url}")
    source = Source(id=stable_id("s", digest), url=url, kind="factcheck", text="", content_hash=digest)
    claim = Claim(id=stable_id("c", "test", text, claimant), text=text, claimant=claimant, source_id=source.id)
    return ImportItem(file="f.json", item=f"record {n}", claim=claim, source=source, rating="false", label="False")


def test_one_transaction_skips_repeats_in_order_and_shares_the_source(ledger: Ledger) -> None:
    entries = [
        _item(0, "The ferry line reopens in May", "Ada Quill"),
        SkippedItem(file="f.json", item="record 1", reason="no label"),
        _item(2, "The ferry line reopens in May", "Ada Quill"),
        _item(3, "The pier has been closed since January", "Port office"),
    ]
    result = import_items(ledger, entries, one_transaction=True)
    assert result.imported == 2
    assert [(s.item, s.reason) for s in result.skipped] == [
        ("record 1", "no label"),
        ("record 2", "same claim, speaker and date as record 0"),
    ]
    claims = ledger.claims()
    assert len({c.source_id for c in claims}) == 1 and all(c.verdict and c.verdict.rating == "false" for c in claims)
    again = import_items(ledger, entries)
    assert again.imported == 0
    assert sum(s.reason.startswith("already in the ledger") for s in again.skipped) == 3


@pytest.mark.slow
def test_linking_annotates_and_a_repeat_keeps_one_claim_with_the_verdict(ledger: Ledger) -> None:
    from pipeline.annotate import annotate_claims

    text = "The Harbour Authority will reopen the ferry line in May"
    stored = ledger.add_claims(annotate_claims([Claim(text=text, claimant="Ada Quill")]))
    result = import_items(ledger, [_item(0, text, "Ada Quill")], link=True)
    assert result.imported == 1
    rated = ledger.get_claim(result.claim_ids[0])
    assert rated.entities, "imported claims are annotated so retrieval finds them"
    assert rated.verdict is not None and rated.verdict.rating == "false"
    # The same claimant repeating the same claim is one claim (an appearance), as in ingest.
    assert rated.id == stored[0].id
    assert len(ledger.claims()) == 1
