"""Comment sections in the shapes WordPress themes print them, written for these tests."""

from __future__ import annotations

import pytest

from claims.dates import PartialDate
from sources import split_comments, split_title_outlet
from sources.comments import strip_ellipses

ARTICLE = "A headline\n\nFirst paragraph of the article.\n\nSecond paragraph, the last one.\n\n"


def test_thoughts_on_header_numbered_pingbacks() -> None:
    text = ARTICLE + (
        "2 thoughts on “A headline”\n\n"
        "  1. Bridges and budgets - Valley Courier January 3, 2024 at 12:30 am\n\n"
        "    […] the council said in December that the bridge would cost more […]\n\n"
        "  2. Valley Courier | Why the bridge slipped again January 9, 2024 at 12:05 pm\n\n"
        "    [...] a second delay was announced [...]\n\n"
        "Leave a Reply\n\nThis site uses Akismet to reduce spam. Learn how your comment data is processed.\n\n"
        "%d bloggers like this:"
    )
    split = split_comments(text)
    assert split.body == ARTICLE.rstrip()
    first, second = split.children
    assert (first.title, first.outlet, first.published) == (
        "Bridges and budgets",
        "Valley Courier",
        PartialDate("2024-01-03T00:30"),
    )
    assert first.text == "the council said in December that the bridge would cost more"
    assert (second.title, second.outlet, second.published) == (
        "Why the bridge slipped again",
        "Valley Courier",
        PartialDate("2024-01-09T12:05"),
    )
    assert second.text == "a second delay was announced"
    assert {c.kind for c in split.children} == {"pingback"}


def test_reader_comments_with_says_and_replies() -> None:
    text = ARTICLE + (
        "One Response to “A headline”\n\n"
        "Jane Q. Public says:\nFebruary 29, 2024 at 10:10 pm\n\nI disagree with the second paragraph.\n"
        "It leaves out the cost.\n\nReply\n\n"
        "John Roe says: 1 March 2024 at 07:45\n\nThanks for the clear write-up.\n\nLog in to Reply\n"
    )
    split = split_comments(text)
    jane, john = split.children
    assert (jane.kind, jane.author, jane.published) == ("comment", "Jane Q. Public", PartialDate("2024-02-29T22:10"))
    assert jane.text == "I disagree with the second paragraph.\nIt leaves out the cost."
    assert (john.author, john.published, john.text) == (
        "John Roe",
        PartialDate("2024-03-01T07:45"),
        "Thanks for the clear write-up.",
    )
    assert jane.title is None and jane.outlet is None


def test_pingback_and_trackback_prefixes_without_header() -> None:
    text = ARTICLE + (
        "Pingback: Ten years of ferry delays – Estuary Notes\n\n"
        "Trackback: Harbour Watch » The crew question 2024-02-01 18:00\n\n"
        "[…] the board blamed crew shortages […]\n"
    )
    split = split_comments(text)
    assert split.body == ARTICLE.rstrip()
    pingback, trackback = split.children
    assert (pingback.kind, pingback.title, pingback.outlet, pingback.published) == (
        "pingback",
        "Ten years of ferry delays",
        "Estuary Notes",
        None,
    )
    assert (trackback.kind, trackback.title, trackback.outlet) == ("trackback", "The crew question", "Harbour Watch")
    assert trackback.published == PartialDate("2024-02-01T18:00")
    assert trackback.text == "the board blamed crew shortages"


def test_trackbacks_header_sets_kind() -> None:
    text = ARTICLE + ("Trackbacks\n\nNotes on the port – Dock Diary March 2, 2024 at 9:00 am\n\n[…] quoted here […]\n")
    (entry,) = split_comments(text).children
    assert (entry.kind, entry.title, entry.outlet) == ("trackback", "Notes on the port", "Dock Diary")


def test_pingback_printed_as_says_comment() -> None:
    text = ARTICLE + (
        "3 Comments\n\nNotes on the port – Dock Diary says:\nMarch 2, 2024 at 9:00 am\n\n[…] quoted here […]\n"
    )
    (entry,) = split_comments(text).children
    assert (entry.kind, entry.title, entry.outlet) == ("pingback", "Notes on the port", "Dock Diary")


def test_name_on_date_said() -> None:
    text = ARTICLE + "Comments (1)\n\nMaria Lopez on 4 April 2024 at 16:20 said:\n\nWell argued.\n"
    (entry,) = split_comments(text).children
    assert (entry.kind, entry.author, entry.published, entry.text) == (
        "comment",
        "Maria Lopez",
        PartialDate("2024-04-04T16:20"),
        "Well argued.",
    )


def test_footer_only_is_cut_and_gives_no_children() -> None:
    split = split_comments(ARTICLE + "Share this:\n\nTwitter\nFacebook\n\nLike this:\n\nLoading...\n")
    assert split.body == ARTICLE.rstrip()
    assert split.children == []


def test_text_without_comments_is_unchanged() -> None:
    text = "Title\n\nThe Comments of the minister were brief.\nHe said: leave a note at the desk.\n"
    assert split_comments(text).body == text
    assert split_comments(text).children == []


def test_header_in_first_lines_is_not_a_cut() -> None:
    text = "Comments\n\nA column about comment sections.\n"
    assert split_comments(text).body == text


def test_prose_ending_in_a_date_is_not_an_entry() -> None:
    text = ARTICLE + "Comments\n\nAnna says:\nMay 1, 2024 at 1:00 pm\n\nThe law changed in\nMay 1, 2024 at 1:00 pm\n"
    (entry,) = split_comments(text).children
    assert entry.author == "Anna"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Bridges and budgets - Valley Courier", ("Bridges and budgets", "Valley Courier")),
        ("Valley Courier | Will the bridge ever open?", ("Will the bridge ever open?", "Valley Courier")),
        ("Will the bridge ever open? – The Courier – English", ("Will the bridge ever open?", "The Courier – English")),
        ("North - South: a new deal - Valley Courier", ("North - South: a new deal", "Valley Courier")),
        ("Tolls that never end - Road Notes - Weekly", ("Tolls that never end", "Road Notes - Weekly")),
        ("Just a title", ("Just a title", None)),
    ],
)
def test_split_title_outlet(lead: str, expected: tuple[str, str | None]) -> None:
    assert split_title_outlet(lead) == expected


def test_known_outlet_decides_a_tie() -> None:
    assert split_title_outlet("Road Notes | Tolls Ahead", known_outlet="Road Notes") == ("Tolls Ahead", "Road Notes")


def test_strip_ellipses() -> None:
    assert strip_ellipses("[…] middle words […]") == "middle words"
    assert strip_ellipses("[...] middle [...]") == "middle"
    assert strip_ellipses("no brackets") == "no brackets"


def test_comment_line_ending_in_a_date_stays_in_the_comment() -> None:
    text = ARTICLE + (
        "Comments\n\nAnna Berg says:\nMay 1, 2024 at 1:00 pm\n\nI was there.\n"
        "The minister spoke on May 1, 2024 at 12:00 pm\n"
    )
    (entry,) = split_comments(text).children
    assert entry.text == "I was there.\nThe minister spoke on May 1, 2024 at 12:00 pm"


def test_section_heading_inside_article_does_not_cut_it() -> None:
    prose = "The minister answered questions for an hour. " * 6
    text = (
        ARTICLE
        + f"Reactions\n\n{prose}\n\nRelated\n\n{prose}\n\nComments\n\nAnna says:\nMay 1, 2024 at 1:00 pm\n\nHi.\n"
    )
    split = split_comments(text)
    assert split.body.endswith("Related\n\n" + prose.strip())
    (entry,) = split.children
    assert (entry.author, entry.text) == ("Anna", "Hi.")


def test_blogger_comments_with_trailing_timestamps() -> None:
    text = ARTICLE + (
        "2 comments:\n\nAnonymous said...\n\nThe ferry was late again today.\n\nJune 3, 2023 at 7:41 PM\n\nDelete\n\n"
        "Kari Nordmann said...\n\nSame here.\n\n4 June 2023 at 08:00\n\nDelete\n"
    )
    first, second = split_comments(text).children
    assert (first.author, first.text, first.published) == (
        "Anonymous",
        "The ferry was late again today.",
        PartialDate("2023-06-03T19:41"),
    )
    assert (second.author, second.published) == ("Kari Nordmann", PartialDate("2023-06-04T08:00"))


def test_name_and_timestamp_on_separate_lines() -> None:
    text = ARTICLE + (
        "2 replies on “A headline”\n\nJane Doe\n\nJune 14, 2022 at 1:15 pm\n\nComment text.\n\nReply\n\n"
        "Pingback: Harbour news – The Dock Diary\n"
    )
    comment, pingback = split_comments(text).children
    assert (comment.kind, comment.author, comment.published, comment.text) == (
        "comment",
        "Jane Doe",
        PartialDate("2022-06-14T13:15"),
        "Comment text.",
    )
    assert (pingback.title, pingback.outlet) == ("Harbour news", "The Dock Diary")
