"""JSON Lines export/import: lossless round trips between backends, refusals, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims import backup
from claims.dates import PartialDate
from claims.ids import content_hash
from claims.ledger import Ledger
from claims.models import Appearance, Claim, Source, SourceRef


def fill(ledger: Ledger) -> None:
    """A small ledger touching every table: history-rich links and verdicts included."""
    text = "Körper article: “quoted” text."
    src = ledger.add_source(
        Source(
            id="s0000000001",
            title="Title",
            url="https://example.org/x",
            text=text,
            content_hash=content_hash(text),
            published=PartialDate("2020-05"),
        )
    )
    child = ledger.add_source(
        Source(
            id="s0000000002", text="a comment", content_hash=content_hash("a comment"), parent_id=src.id, kind="comment"
        )
    )
    a, b, c = ledger.add_claims(
        [
            Claim(
                text="A said one thing.",
                claimant="A",
                claim_date=PartialDate("approx 2020-05-01"),
                source_id=src.id,
                span=(0, 7),
                entities=["Zeta", "alpha"],
                lemmas=["say", "thing"],
                cue="said",
                quote="direct",
                checkworthiness=0.73,
                event_dates=[PartialDate("2020-W18")],
            ),
            Claim(text="B denied it.", claimant="B", claim_date=PartialDate("2020-Q2"), polarity="negated"),
            Claim(text="C agreed.", claimant="C"),
        ]
    )
    ledger.add_appearance(
        a.id, Appearance(source=SourceRef(id=child.id), claim_date=PartialDate("2020-06"), span=(2, 5))
    )
    ledger.link(b.id, a.id, "contradicts", origin="auto", reason={"score": 0.8, "cues": ["denied"]})
    ledger.link(c.id, a.id, "supports", note="agrees", by="ed")
    ledger.reject_link(c.id, a.id, by="chief")
    ledger.rate(c.id, "mixed", rationale="first look", by="ed")
    ledger.rate(c.id, "true", rationale="second look", by="chief", evidence=["https://example.org/e"])
    ledger.set_setting("team", "desk")


def dump(ledger: Ledger, path: Path) -> list[str]:
    backup.export_file(ledger, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    # Row order within a table follows the backend's collation; compare as sets.
    return [lines[0], *sorted(lines[1:])]


def test_round_trip_sqlite_postgres_sqlite(tmp_path: Path, pg_schema_url: str) -> None:
    with Ledger.open(str(tmp_path / "one.db")) as first:
        fill(first)
        before = dump(first, tmp_path / "one.jsonl")
        disputed_before = [c.model_dump() for c in first.list_claims()]
    with Ledger.open(pg_schema_url) as pg:
        counts = backup.import_file(pg, tmp_path / "one.jsonl")
        assert counts["claims"] == 3 and counts["link_events"] == 3 and counts["verdicts"] == 2
        middle = dump(pg, tmp_path / "pg.jsonl")
    with Ledger.open(str(tmp_path / "two.db")) as second:
        backup.import_file(second, tmp_path / "pg.jsonl")
        after = dump(second, tmp_path / "two.jsonl")
        assert [c.model_dump() for c in second.list_claims()] == disputed_before
    assert before == middle == after
    header = json.loads(before[0])
    assert header["format"] == "claimtrack-export" and header["schema"]


def test_postgres_sequences_continue_after_import(tmp_path: Path, pg_schema_url: str) -> None:
    with Ledger.open(str(tmp_path / "one.db")) as first:
        fill(first)
        backup.export_file(first, tmp_path / "one.jsonl")
    with Ledger.open(pg_schema_url) as pg:
        backup.import_file(pg, tmp_path / "one.jsonl")
        claim = pg.list_claims()[0]
        pg.rate(claim.id, "false", by="after-import")
        pg.link(pg.list_claims()[1].id, claim.id, "related")
        assert pg.claim_detail(claim.id).verdict_history[-1].by == "after-import"


def test_import_refuses_non_empty_target_unless_forced(ledger: Ledger, tmp_path: Path) -> None:
    fill(ledger)
    backup.export_file(ledger, tmp_path / "x.jsonl")
    before = dump(ledger, tmp_path / "before.jsonl")
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.import_file(ledger, tmp_path / "x.jsonl")
    backup.import_file(ledger, tmp_path / "x.jsonl", force=True)
    assert dump(ledger, tmp_path / "after.jsonl") == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("not json\n", "not JSON"),
        ('{"type": "row"}\n', "no header"),
        ('{"type":"header","format":"claimtrack-export","version":1,"schema":["9999_future"]}\n', "newer"),
        (
            '{"type":"header","format":"claimtrack-export","version":1,"schema":[]}\n{"type":"row","table":"nope","row":{}}\n',
            "not a row",
        ),
        (
            '{"type":"header","format":"claimtrack-export","version":1,"schema":[]}\n'
            '{"type":"row","table":"settings","row":{"key":"k","bogus":1}}\n',
            "no column",
        ),
    ],
)
def test_bad_files_fail_cleanly_and_leave_nothing(ledger: Ledger, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(backup.BackupError, match=message):
        backup.import_file(ledger, path)
    with ledger.read() as conn:
        assert backup.is_empty(conn)


def test_failed_import_is_rolled_back(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "half.jsonl"
    path.write_text(
        '{"type":"header","format":"claimtrack-export","version":1,"schema":[]}\n'
        '{"type":"row","table":"settings","row":{"key":"k","value":"v"}}\n'
        "garbage\n",
        encoding="utf-8",
    )
    with pytest.raises(backup.BackupError):
        backup.import_file(ledger, path)
    assert ledger.get_setting("k") is None


def test_missing_file(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(backup.BackupError, match="cannot read"):
        backup.import_file(ledger, tmp_path / "missing.jsonl")


def test_import_rebuilds_the_retrieval_index(ledger: Ledger, tmp_path: Path) -> None:
    from claims import index

    fill(ledger)
    backup.export_file(ledger, tmp_path / "x.jsonl")
    backup.import_file(ledger, tmp_path / "x.jsonl", force=True)
    probe = Claim(id="cprobe", text="Who said one thing?", entities=["Zeta"])
    with ledger.read() as conn:
        assert len(index.candidates(probe, conn=conn)) == 1


def test_settings_only_target_counts_as_empty(ledger: Ledger, tmp_path: Path) -> None:
    with Ledger.open(str(tmp_path / "src.db")) as src:
        fill(src)
        backup.export_file(src, tmp_path / "x.jsonl")
    ledger.set_setting("team", "other desk")
    ledger.set_setting("local-only", "x")
    backup.import_file(ledger, tmp_path / "x.jsonl")
    assert ledger.get_setting("team") == "desk"
    assert ledger.get_setting("local-only") is None
