"""HTML reader: trafilatura main text, metadata with time, no boilerplate, comment lists."""

from __future__ import annotations

import pytest

from claims.dates import PartialDate
from sources import EmptySource, read_html

LD_DATE_ONLY = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-06-01"}</script>'
BOILERPLATE = [
    "cookies",
    "Accept all",
    "Local news",
    "Sport results",
    "Subscribe",
    "Related stories",
    "Island school reopens",
    "Fishing quotas",
    "Copyright",
    "All rights reserved",
    "Privacy policy",
    "Contact the newsroom",
    "By Maria Okafor",
]


def test_snapshot_news_page(data_regression, fixture_path) -> None:
    doc = read_html((fixture_path / "news-page.html").read_text(), path="news-page.html")
    assert doc.title == "Harbour council approves new ferry link"
    assert doc.author == "Maria Okafor"
    assert doc.published == PartialDate("2023-03-10T14:05")
    assert doc.url == "https://ledger.example.org/2023/03/harbour-ferry-link"  # canonical, not og:url
    assert doc.outlet == "The Westport Ledger"
    assert doc.text.startswith("The Westport harbour council voted on Thursday")
    for phrase in BOILERPLATE:
        assert phrase not in doc.text, phrase
    data_regression.check(doc.model_dump(mode="json"))


def test_snapshot_blog_comment_list(data_regression, fixture_path) -> None:
    doc = read_html((fixture_path / "blog-with-comments.html").read_text(), path="blog-with-comments.html")
    assert doc.published == PartialDate("2023-04-02T09:30")  # JSON-LD in @graph
    assert doc.author == "Sam Whitlock"
    assert [c.kind for c in doc.children] == ["pingback", "comment", "comment", "trackback"]
    pingback, comment, reply, trackback = doc.children
    assert (pingback.title, pingback.outlet) == ("Crew shortage hits coastal services", "Harbour Watch")
    assert pingback.published == PartialDate("2023-04-05T16:20")
    assert (trackback.title, trackback.outlet) == ("Timetables that never arrive", "Ferry Facts")
    assert reply.text == "Thanks, that matches the published minutes."  # nested reply, not inside its parent
    assert "Thanks" not in comment.text
    for phrase in ("thoughts on", "Leave a Reply", "nobody mentioned crew", "Akismet", "[…]", "Archive"):
        assert phrase not in doc.text, phrase
    data_regression.check(doc.model_dump(mode="json"))


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta property="article:published_time" content="2021-06-01T07:15:00Z">', "", "2021-06-01T07:15"),
        ("", '<time datetime="2021-06-01T18:40:00-04:00">June 1</time>', "2021-06-01T18:40"),
        (
            '<meta name="date" content="2021-06-01">',
            '<time datetime="2021-06-01T18:40">June 1, 6:40 pm</time>',
            "2021-06-01T18:40",
        ),
        (
            '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-06-01"}</script>',
            "",
            "2021-06-01",
        ),
    ],
)
def test_published_sources(head: str, body: str, expected: str) -> None:
    para = "<p>" + "The port authority said the new quay would open next spring after a long delay. " * 4 + "</p>"
    page = f"<html><head><title>Quay</title>{head}</head><body><article>{body}{para}</article></body></html>"
    assert str(read_html(page).published) == expected


def test_page_without_text_is_a_source_error() -> None:
    with pytest.raises(EmptySource, match=r"page\.html: no article text"):
        read_html("<html><head><title>Only a title</title></head><body></body></html>", path="page.html")


def test_sidebar_time_does_not_beat_the_article_time() -> None:
    para = "<p>" + "The port authority said the new quay would open next spring after a long delay. " * 4 + "</p>"
    page = (
        "<html><head><title>Quay</title></head><body>"
        "<aside><ul><li><time datetime='2020-01-01T08:00'>Old story</time></li></ul></aside>"
        f"<article><time class='entry-date published' datetime='2021-06-01T09:10'>1 June</time>{para}</article>"
        "</body></html>"
    )
    assert str(read_html(page).published) == "2021-06-01T09:10"


def test_dateline_when_page_has_no_date_metadata() -> None:
    body = "Carrow, 3 April 2023 — The island's only school reopened on Monday after three months of repairs. " * 3
    page = f"<html><head><title>School</title></head><body><article><p>{body}</p></article></body></html>"
    assert str(read_html(page).published) == "2023-04-03"
