"""Plain-text reader: title line, dateline date, comment section cut off."""

from __future__ import annotations

import pytest

from claims.dates import PartialDate
from sources import read_text
from sources.text import dateline_date, split_title


def test_snapshot_dateline_with_comments(data_regression, fixture_path) -> None:
    doc = read_text((fixture_path / "dateline-with-comments.txt").read_text(), path="dateline-with-comments.txt")
    assert doc.title == "Harbour council approves ferry link after two-year dispute"
    assert doc.published == PartialDate("2023-03-10")
    assert doc.text.endswith("ask the regional auditor to review it.")
    assert "says:" not in doc.text and "Leave a Reply" not in doc.text
    data_regression.check(doc.model_dump(mode="json"))


def test_snapshot_numbered_pingbacks(data_regression, fixture_path) -> None:
    doc = read_text((fixture_path / "pingbacks-numbered.txt").read_text(), path="pingbacks-numbered.txt")
    assert doc.published == PartialDate("2023-04-02")
    assert [c.kind for c in doc.children] == ["pingback", "pingback", "trackback", "comment"]
    data_regression.check(doc.model_dump(mode="json"))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Westport, 10 March 2023 — The council met.", "2023-03-10"),
        ("WESTPORT, March 10, 2023 - The council met.", "2023-03-10"),
        ("WESTPORT, Conn., March 10, 2023 -- The council met.", "2023-03-10"),
        ("Kyiv, 3 May 2022: Officials said", "2022-05-03"),
        ("Carrow, 2023-04-03 – The school reopened", "2023-04-03"),
        ("LONDON, March 10 (Reuters) - no year, no guess", None),
        ("Hello, world - this is not a dateline", None),
        ("The minister, who spoke in 2020 - said nothing", None),
    ],
)
def test_dateline(line: str, expected: str | None) -> None:
    found = dateline_date(line)
    assert (str(found) if found else None) == expected


def test_title_is_first_non_empty_line() -> None:
    assert split_title("\n\n  Title here \nBody one.\n") == ("Title here", "Body one.")


def test_one_line_article_keeps_its_text() -> None:
    doc = read_text("The minister said the bridge will open in May.\n")
    assert doc.title == doc.text == "The minister said the bridge will open in May."


def test_no_dateline_no_date() -> None:
    doc = read_text("A title\n\nThe council met on Monday and decided nothing.\n")
    assert doc.published is None and doc.children == []
