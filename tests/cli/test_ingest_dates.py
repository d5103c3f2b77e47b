"""Ingest and publication dates: file-name dates, the undated warning, future dates, `--manifest`; both backends.

Also `claims add --source ID` (attach a hand-logged claim to an ingested article) and `claims list --undated`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app

runner = CliRunner()
ARTICLE = "Harbour notes\n\nThe port director said the ferry terminal is far too small for the new ships.\n"
OTHER = "Rail notes\n\nThe rail union said the night trains are always full in winter.\n"
FUTURE = (dt.date.today() + dt.timedelta(days=40)).isoformat()


def run(db: str, *args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
    return result.stdout.strip(), result.stderr.strip()


def sources(db: str) -> list[dict]:
    return json.loads(run(db, "sources", "list", "--format", "json")[0])


def write(path: Path, text: str = ARTICLE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["harbourpost_2016-09-23_terminal.txt", "2016/09/23/terminal.txt"])
def test_a_date_in_the_file_name_is_used_and_ingest_says_so(db_url: str, tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name)
    _, err = run(db_url, "ingest", "--no-link", str(path))
    assert "publication date 2016-09-23 taken from the file name" in err
    assert [s["published"] for s in sources(db_url)] == ["2016-09-23"]


def test_the_file_name_never_beats_published(db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "harbourpost_2016-09-23_terminal.txt")
    _, err = run(db_url, "ingest", "--no-link", "--published", "2016-10-01", str(path))
    assert "file name" not in err
    assert [s["published"] for s in sources(db_url)] == ["2016-10-01"]


def test_an_undated_file_is_stored_with_one_warning_and_listed_as_undated(db_url: str, tmp_path: Path) -> None:
    undated, dated = write(tmp_path / "terminal.txt"), write(tmp_path / "rail.txt", OTHER)
    out, err = run(db_url, "ingest", "--no-link", str(undated))
    run(db_url, "ingest", "--no-link", "--published", "2020-02-03", str(dated))
    warnings = [line for line in err.splitlines() if "cannot be dated" in line]
    assert len(warnings) == 1 and "terminal.txt" in warnings[0]
    assert out.startswith("sources added: 1")
    every = json.loads(run(db_url, "claims", "list", "--format", "json")[0])
    found = json.loads(run(db_url, "claims", "list", "--undated", "--format", "json")[0])
    assert every and found
    assert all(c["claim_date"] is None for c in found)
    assert {c["id"] for c in found} < {c["id"] for c in every}  # the dated article's claims are not listed


def test_a_future_publication_date_is_refused_unless_allowed(db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "terminal.txt")
    _, err = run(db_url, "ingest", "--no-link", "--published", FUTURE, str(path), code=1)
    assert err.startswith("Error:") and "after today" in err and "--allow-future" in err
    assert sources(db_url) == []
    run(db_url, "ingest", "--no-link", "--published", FUTURE, "--allow-future", str(path))
    assert [s["published"] for s in sources(db_url)] == [FUTURE]


def test_a_future_file_name_date_fails_that_file_only(db_url: str, tmp_path: Path) -> None:
    ahead = write(tmp_path / f"post_{FUTURE}_terminal.txt")
    fine = write(tmp_path / "rail_2019-05-06_night.txt", OTHER)
    out, err = run(db_url, "ingest", "--no-link", str(ahead), str(fine), code=1)
    assert "after today" in err and "failed: 1" in out
    assert [s["published"] for s in sources(db_url)] == ["2019-05-06"]


def test_an_invalid_published_date_is_one_line(db_url: str, tmp_path: Path) -> None:
    _, err = run(db_url, "ingest", "--published", "2016-02-31", str(write(tmp_path / "a.txt")), code=1)
    assert err.startswith("Error:") and "2016-02-31" in err and len(err.splitlines()) == 1


def test_manifest_sets_metadata_per_file_and_bad_rows_do_not_stop_the_batch(db_url: str, tmp_path: Path) -> None:
    write(tmp_path / "articles" / "terminal.txt")
    write(tmp_path / "articles" / "rail.txt", OTHER)
    manifest = tmp_path / "batch.csv"
    manifest.write_text(
        "path,published,outlet,url,title,author\n"
        "articles/terminal.txt,2021-04-05,Harbour Post,https://harbour.example/terminal,,Ana Reis\n"
        f"{tmp_path / 'articles' / 'rail.txt'},2021-04-06,Rail Weekly,,Night trains,\n"
        "articles/missing.txt,2021-04-07,,,,\n"
        "articles/terminal.txt,2021-13-01,,,,\n"
        "articles/rail.txt,,,javascript:alert(1),,\n"
        ",2021-04-08,,,,\n"
        f"articles/rail.txt,{FUTURE},,,,\n",
        encoding="utf-8",
    )
    out, err = run(db_url, "ingest", "--no-link", "--manifest", str(manifest), code=1)
    assert "sources added: 2" in out and "failed: 5" in out
    for expected in ("missing.txt", "batch.csv:5", "2021-13-01", "batch.csv:6", "http(s)", "batch.csv:7: no path",
                     "after today"):
        assert expected in err, expected
    got = {s["outlet"]: s for s in sources(db_url)}
    assert got["Harbour Post"]["published"] == "2021-04-05"
    assert got["Harbour Post"]["url"] == "https://harbour.example/terminal"
    assert got["Rail Weekly"]["published"] == "2021-04-06" and got["Rail Weekly"]["title"] == "Night trains"


def test_manifest_rows_win_over_options_which_fill_the_gaps(db_url: str, tmp_path: Path) -> None:
    write(tmp_path / "terminal.txt")
    manifest = tmp_path / "batch.csv"
    manifest.write_text("path,published\nterminal.txt,2021-04-05\n", encoding="utf-8")
    run(db_url, "ingest", "--no-link", "--manifest", str(manifest), "--outlet", "Harbour Post",
        "--published", "2000-01-01")
    (source,) = sources(db_url)
    assert (source["published"], source["outlet"]) == ("2021-04-05", "Harbour Post")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("file,published\nterminal.txt,2021-04-05\n", "'path'"),
        ("path,published,colour\nterminal.txt,2021-04-05,blue\n", "unknown column 'colour'"),
        (None, "manifest"),
    ],
)
def test_an_unusable_manifest_is_refused_whole(db_url: str, tmp_path: Path, content: str | None, message: str) -> None:
    write(tmp_path / "terminal.txt")
    manifest = tmp_path / "batch.csv"
    if content is not None:
        manifest.write_text(content, encoding="utf-8")
    _, err = run(db_url, "ingest", "--manifest", str(manifest), code=1)
    assert err.startswith("Error:") and message in err and len(err.splitlines()) == 1
    assert sources(db_url) == []


def test_manifest_and_paths_are_exclusive(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "l.db"), "ingest", "--manifest", "x.csv", "y.txt"])
    assert result.exit_code == 2 and "one of them" in result.stderr
    assert runner.invoke(app, ["--db", str(tmp_path / "l.db"), "ingest"]).exit_code == 2


def test_claims_add_attaches_to_a_stored_source(db_url: str, tmp_path: Path) -> None:
    run(db_url, "ingest", "--no-link", "--published", "2021-04-05", "--outlet", "Harbour Post",
        str(write(tmp_path / "terminal.txt")))
    (source,) = sources(db_url)
    claim, _ = run(db_url, "claims", "add", "--text", "The terminal opened in 1962", "--claimant", "Port archive",
                   "--source", source["id"][:6])
    shown = json.loads(run(db_url, "claims", "show", claim, "--format", "json")[0])
    assert shown["source"]["id"] == source["id"]
    assert len(sources(db_url)) == 1  # attached, not duplicated
    listed, _ = run(db_url, "claims", "list")
    assert "Harbour Post" in listed and all(len(line) <= 80 for line in listed.splitlines())
    assert "outlet" in listed.splitlines()[1]


def test_claims_add_with_an_unknown_source_stores_nothing(db_url: str) -> None:
    _, err = run(db_url, "claims", "add", "--text", "x y", "--claimant", "z", "--source", "s999999", code=1)
    assert err.startswith("Error:") and "s999999" in err
    _, err = run(db_url, "claims", "add", "--text", "x y", "--claimant", "z", "--source", "s9",
                 "--source-url", "https://a.example", code=1)
    assert "not both" in err
    assert json.loads(run(db_url, "claims", "list", "--format", "json")[0]) == []
