"""Finding ClaimReview objects in what people actually hand us.

Input comes as pages (HTML with `<script type="application/ld+json">` blocks),
bare JSON-LD (one object, a list, an `@graph` wrapper, a DataFeedItem), scraper
captures that wrap a page or a JSON-LD object together with the page's URL, and
Google Fact Check Tools `claims:search` responses. `find_items` walks any of
these and yields each ClaimReview node or API claim with the URL that relative
links in it resolve against; everything it cannot use becomes a `Problem` the
importer reports.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from claims.jsonsafe import MAX_DEPTH, NotJson, TooDeep, loads, too_deep_message
from claims.models import is_http_url

_LD_BLOCK = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
# (?<![\w:-]): a name starts where a run of name characters starts, so "aaaa..." is scanned once.
_ATTR = re.compile(r"""(?<![\w:-])([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_URL_KEYS = ("page_url", "pageUrl", "url")
_HTML_KEYS = ("page", "html", "body")


@dataclass(frozen=True)
class Found:
    """A ClaimReview node (`kind="claimreview"`) or Fact Check Tools claim (`kind="factcheck_api"`)."""

    kind: str
    data: dict[str, Any]
    base_url: str | None
    where: str


@dataclass(frozen=True)
class Problem:
    """A part of the input that held no usable ClaimReview, and why."""

    where: str
    reason: str


def types_of(node: dict[str, Any]) -> set[str]:
    """The node's @type(s), case-folded and without any "schema:" or URL prefix."""
    raw = node.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].casefold() for v in values if v}


def is_api_claim(node: dict[str, Any]) -> bool:
    """A Fact Check Tools `claims:search` claim: text plus a claimReview list (no @type)."""
    return "@type" not in node and isinstance(node.get("claimReview"), list) and isinstance(node.get("text"), str)


def find_items(
    data: Any, *, base_url: str | None = None, where: str = "", depth: int = 0
) -> Iterator[Found | Problem]:
    """Every ClaimReview / API claim inside `data`, depth first, in document order.

    The walk stops `MAX_DEPTH` levels down with a `Problem`, so hostile nesting
    costs one line in the report rather than a RecursionError.
    """
    if depth > MAX_DEPTH:
        yield Problem(where or "item", f"{too_deep_message()}: not searched further")
        return
    if isinstance(data, list):
        for n, element in enumerate(data):
            yield from find_items(element, base_url=base_url, where=f"{where}[{n}]", depth=depth + 1)
        return
    if isinstance(data, str):
        if "<" in data and "ld+json" in data:
            yield from find_in_html(data, base_url=base_url, where=where)
        return
    if not isinstance(data, dict):
        return
    if "claimreview" in types_of(data):
        yield Found("claimreview", data, base_url, where or "item")
        return
    if is_api_claim(data):
        yield Found("factcheck_api", data, base_url, where or "claim")
        return
    if "@type" not in data and "@context" not in data:
        # A wrapper (scraper capture, API envelope): its URL is the base for what it holds.
        for key in _URL_KEYS:
            if isinstance(data.get(key), str) and is_http_url(data[key]):
                base_url = data[key]
                break
        for key in _HTML_KEYS:
            if isinstance(data.get(key), str) and "<" in data[key]:
                yield from find_in_html(data[key], base_url=base_url, where=_join(where, key))
    for key, value in data.items():
        if isinstance(value, dict | list) and key not in _HTML_KEYS:
            yield from find_items(value, base_url=base_url, where=_join(where, key), depth=depth + 1)


def find_in_html(page: str, *, base_url: str | None = None, where: str = "") -> Iterator[Found | Problem]:
    """The ClaimReviews in a page's JSON-LD blocks; the page's canonical URL is the base when none is given."""
    base_url = base_url or page_url(page)
    for n, match in enumerate(_LD_BLOCK.finditer(page), 1):
        label = _join(where, f"ld+json block {n}")
        text = match.group(1).strip()
        if text.startswith("<!--"):
            text = text.removeprefix("<!--").removesuffix("-->").strip()
        if not text:
            continue
        try:
            data = loads(text, strict=False, limit=None)
        except TooDeep as exc:
            yield Problem(label, str(exc))
            continue
        except NotJson as exc:
            if "claimreview" in text.casefold():
                yield Problem(label, f"invalid JSON-LD ({str(exc).removeprefix('not valid JSON (')}")
            continue
        yield from find_items(data, base_url=base_url, where=label)


def page_url(page: str) -> str | None:
    """The page's own http(s) URL from <link rel=canonical> or <meta property=og:url>, if it states one.

    Any other scheme (`javascript:`, `data:`) is ignored: this URL becomes the
    imported review's URL and is exported again.
    """
    for tag in _LINK_TAG.findall(page):
        attrs = _attrs(tag)
        if "canonical" in attrs.get("rel", "").casefold().split() and is_http_url(attrs.get("href")):
            return attrs["href"].strip()
    for tag in _META_TAG.findall(page):
        attrs = _attrs(tag)
        if attrs.get("property", "").casefold() == "og:url" and is_http_url(attrs.get("content")):
            return attrs["content"].strip()
    return None


def _attrs(tag: str) -> dict[str, str]:
    out = {}
    for name, dq, sq, bare in _ATTR.findall(tag):
        out[name.casefold()] = html.unescape(dq or sq or bare)
    return out


def _join(where: str, part: str) -> str:
    return f"{where} › {part}" if where else part
