"""Escaping for HTML and SVG output. Article and claim text is untrusted input.

Every value that reaches an HTML or SVG document goes through `esc` (text and
quoted attribute values alike), and every link through `safe_href`, which only
lets http(s) and mailto URLs become links: a `javascript:` URL in a source
would otherwise run when an editor clicks it.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

_LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def esc(value: object) -> str:
    """The value as text, safe inside HTML/SVG text and double- or single-quoted attributes."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def safe_href(url: str | None) -> str | None:
    """The URL if it is safe to put in href (http, https, mailto), else None."""
    if not url:
        return None
    text = url.strip()
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    squeezed = "".join(ch for ch in text if ch > " ")
    try:
        scheme = urlsplit(squeezed).scheme.lower()
    except ValueError:
        return None
    return text if scheme in _LINK_SCHEMES else None


def link(url: str | None, label: str | None = None) -> str:
    """An escaped <a> element, or the escaped label/URL as plain text when the URL is unsafe."""
    href = safe_href(url)
    text = esc(label or url or "")
    if href is None:
        return text
    return f'<a href="{esc(href)}" rel="noopener noreferrer">{text}</a>'
