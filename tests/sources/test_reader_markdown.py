"""Markdown reader: YAML front matter metadata, Markdown stripped to prose."""

from __future__ import annotations

import pytest

from claims.dates import PartialDate
from sources import InvalidSourceMetadata, read_markdown
from sources.markdown import strip_markdown


def test_snapshot_front_matter(data_regression, fixture_path) -> None:
    doc = read_markdown((fixture_path / "front-matter.md").read_text(), path="front-matter.md")
    assert doc.title == "Ferry budget questioned by regional auditor"
    assert doc.published == PartialDate("2023-03-14T09:45")
    assert doc.url == "https://notes.example.org/posts/ferry-budget/"
    assert doc.author == "Jonas Berg, Aino Laine"
    assert doc.outlet == "Coastal Notes"
    for syntax in ("**", "](", "```", "# ", "> ", "print(", "harbour.jpg", "[^1]"):
        assert syntax not in doc.text
    data_regression.check(doc.model_dump(mode="json"))


def test_snapshot_without_front_matter(data_regression, fixture_path) -> None:
    doc = read_markdown((fixture_path / "no-front-matter.md").read_text(), path="no-front-matter.md")
    assert doc.title == "Island school reopens after storm repairs"
    assert doc.published == PartialDate("2023-04-03")  # from the dateline
    assert "Leave a Reply" not in doc.text
    data_regression.check(doc.model_dump(mode="json"))


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("date: 2022-05-25", "2022-05-25"),
        ("published: '2022-05-25T08:30:00Z'", "2022-05-25T08:30"),
        ("date: May 2022", "2022-05"),
        ("pubDate: 25 May 2022", "2022-05-25"),
    ],
)
def test_front_matter_dates(front: str, expected: str) -> None:
    doc = read_markdown(f"---\ntitle: T\n{front}\n---\nBody text here.\n")
    assert str(doc.published) == expected


def test_broken_yaml_is_a_source_error() -> None:
    with pytest.raises(InvalidSourceMetadata, match=r"x\.md: invalid YAML front matter"):
        read_markdown("---\ntitle: [unclosed\n---\nBody\n", path="x.md")


def test_strip_markdown_joins_soft_wraps_and_keeps_list_items() -> None:
    text = "Para one\ncontinues here.\n\n* item *one*\n* item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert strip_markdown(text) == "Para one continues here.\n\nitem one\nitem two\n\na ; b\n1 ; 2"


def test_snake_case_words_survive() -> None:
    assert strip_markdown("the file_name_here and 2*3*4") == "the file_name_here and 2*3*4"
