"""Dates from file names and folders, and manifest rows (no NLP needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.errors import SourceError
from sources.manifest import ManifestEntry, ManifestProblem, read_manifest
from sources.pathdates import date_from_path


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("outlet_2016-09-23_slug.txt", "2016-09-23"),
        ("archive/2016/09/23/slug.html", "2016-09-23"),
        ("2016/09/23/slug.html", "2016-09-23"),
        ("post.2019_01_31.md", "2019-01-31"),
        ("report_2016-13-40.txt", None),  # not a calendar day
        ("2016/02/30/slug.html", None),
        ("id_120160923_x.txt", None),  # inside a longer run of digits
        ("2016/09/slug.html", None),  # a month folder alone is not a day
        ("slug.txt", None),
        ("", None),
    ],
)
def test_date_from_path(path: str, expected: str | None) -> None:
    found = date_from_path(path)
    assert (str(found) if found else None) == expected


def test_manifest_rows(tmp_path: Path) -> None:
    manifest = tmp_path / "batch.csv"
    manifest.write_text(
        "Path, Published ,outlet\n"
        "a.txt,2020-01-02,Post\n"
        "\n"
        "/abs/b.txt,,\n"
        "c.txt,not a date,\n"
        "d.txt,2020-01-02,Post,extra\n",
        encoding="utf-8",
    )
    rows = read_manifest(manifest)
    first, second, bad_date, too_many = rows
    assert isinstance(first, ManifestEntry) and first.path == str(tmp_path / "a.txt") and first.line == 2
    assert str(first.overrides.published) == "2020-01-02" and first.overrides.outlet == "Post"
    assert isinstance(second, ManifestEntry) and second.path == "/abs/b.txt" and second.overrides.published is None
    assert isinstance(bad_date, ManifestProblem) and bad_date.where.endswith("batch.csv:5")
    assert "not a date" in bad_date.message
    assert isinstance(too_many, ManifestProblem) and "4 fields" in too_many.message


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "empty"), ("url,title\n", "'path'"), ("path,path\n", "twice"), ("path,colour\n", "'colour'")],
)
def test_unusable_manifests(tmp_path: Path, content: str, message: str) -> None:
    manifest = tmp_path / "batch.csv"
    manifest.write_text(content or " \n", encoding="utf-8")
    with pytest.raises(SourceError, match=message):
        read_manifest(manifest)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="manifest"):
        read_manifest(tmp_path / "nope.csv")
