"""HTML pages: trafilatura finds the main text; metadata is read from the page's own markup.

trafilatura drops navigation, footers, related boxes and cookie banners, and
gives title, author and site name. Its date keeps only the day, so the full
timestamp (article:published_time, JSON-LD datePublished, <time datetime>) is
read here so `published` keeps HH:MM. Comment lists are taken out of the tree
before extraction and become child documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from claims.dates import PartialDate
from claims.errors import ClaimtrackError
from claims.jsonsafe import loads
from sources.comments import COMMENT_JUNK_XPATH, COMMENT_LIST_XPATH, html_comments, split_comments
from sources.document import Document
from sources.errors import EmptySource, SourceError
from sources.text import dateline_date
from sources.timestamps import parse_iso

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportage", "report", "webpage", "analysisnewsarticle"}


def read_html(markup: str, *, path: str | None = None) -> Document:
    """Read an HTML article: main text without boilerplate, metadata, comment-list children."""
    where = path or "<stdin>"
    tree = _parse(markup, where)
    meta = _meta(tree)
    ld = list(_json_ld(tree))
    outlet_hint = meta.get("og:site_name") or _ld_name(ld, "publisher")
    children = html_comments(tree, parent_outlet=outlet_hint)
    for node in tree.xpath(f"{COMMENT_LIST_XPATH} | {COMMENT_JUNK_XPATH}"):
        if node.getparent() is not None:
            node.getparent().remove(node)
    import trafilatura  # imported on first HTML page: it is slow to load and text files never need it

    extracted = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    # as_dict is left False, so trafilatura returns its Document; the dict in its signature is for as_dict=True
    assert not isinstance(extracted, dict)
    raw_text = extracted.text if extracted is not None else None
    if extracted is None or raw_text is None or not raw_text.strip():
        raise EmptySource(f"{where}: no article text found in the HTML")
    title = extracted.title or meta.get("og:title") or _ld_value(ld, "headline")
    text = _body_text(raw_text, title)
    split = split_comments(text, parent_outlet=outlet_hint)
    if not children:
        children = split.children
    return Document(
        title=title,
        url=_canonical(tree) or meta.get("og:url") or _ld_url(ld) or extracted.url,
        outlet=extracted.sitename or outlet_hint,
        author=extracted.author or _ld_name(ld, "author") or meta.get("author"),
        published=published_at(tree, meta, ld) or parse_iso(extracted.date) or dateline_date(split.body),
        text=split.body,
        format="html",
        path=path,
        children=[c.model_copy(update={"path": path}) for c in children],
    )


def _parse(markup: str, where: str) -> lxml_html.HtmlElement:
    # Hand lxml bytes with an explicit encoding: it refuses str input that declares an encoding,
    # and the declared one may be wrong anyway (the bytes were decoded already).
    parser = lxml_html.HTMLParser(encoding="utf-8")
    try:
        return lxml_html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except etree.ParserError as exc:
        raise EmptySource(f"{where}: no HTML content ({exc})") from None
    except ValueError as exc:
        raise SourceError(f"{where}: cannot parse the HTML: {exc}") from None


def _body_text(text: str, title: str | None) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0].casefold() == title.strip().casefold():
        lines = lines[1:]  # trafilatura repeats the headline; the title field already has it
    # One blank line between paragraphs, as in the text reader, so sentence splitting sees them.
    return "\n\n".join(lines)


def _meta(tree: lxml_html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or el.get("datetime") or "").strip()
        if key and value and key not in out:
            out[key] = value
    return out


def _canonical(tree: lxml_html.HtmlElement) -> str | None:
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return el.get("href").strip()
    return None


def _json_ld(tree: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Article-like JSON-LD objects, flattening lists and @graph."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = loads(script.text or "")
        except ClaimtrackError:
            continue  # broken (or hostilely deep) JSON-LD is common; the other sources of metadata remain
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
                types = item.get("@type", [])
                types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
                if any(str(t).lower() in _ARTICLE_TYPES for t in types):
                    yield item


def _ld_value(ld: list[dict[str, Any]], key: str) -> str | None:
    for item in ld:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _ld_name(ld: list[dict[str, Any]], key: str) -> str | None:
    for item in ld:
        value = item.get(key)
        values = value if isinstance(value, list) else [value]
        candidates = [v.get("name") if isinstance(v, dict) else v for v in values]
        names = [n.strip() for n in candidates if isinstance(n, str) and n.strip()]
        if names:
            return ", ".join(names)
    return None


def _ld_url(ld: list[dict[str, Any]]) -> str | None:
    for item in ld:
        for key in ("url", "mainEntityOfPage"):
            value = item.get(key)
            if isinstance(value, dict):
                value = value.get("@id") or value.get("url")
            if isinstance(value, str) and value.startswith("http"):
                return value
    return None


def published_at(tree: lxml_html.HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]]) -> PartialDate | None:
    """The publication timestamp as the page states it; a dated-only candidate yields to one with a time."""
    candidates = [meta.get(key) for key in _DATE_META]
    candidates += [item.get("datePublished") for item in ld]
    # Separate queries, in order of trust: an XPath union would return document order, letting
    # a sidebar's <time> win over the article's.
    for query in (
        "//time[@itemprop='datePublished' or @pubdate or contains(@class,'published')]",
        "//time[contains(@class,'entry-date')]",
        "//article//time",
        "//time",
    ):
        candidates += [t.get("datetime") for t in tree.xpath(query)]
    parsed = [d for d in (parse_iso(c) for c in candidates if c) if d is not None]
    if not parsed:
        return None
    first = parsed[0]
    if first.granularity == "day":
        for other in parsed[1:]:
            if other.granularity == "minute" and other.value.startswith(first.value):
                return other
    return first
