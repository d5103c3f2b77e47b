"""Escaping for HTML and SVG output. Article and claim text is untrusted input.

Every value that reaches an HTML or SVG document goes through `esc` (text and
quoted attribute values alike), and every link through `safe_href`, which only
lets http(s) and mailto URLs become links: a `javascript:` URL in a source
would otherwise run when an editor clicks it.
"""

from __future__ import annotations

import html
import re
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


# Characters that are harmless as JSON but not where JSON goes: "<", ">" and "&" close a
# <script> element or start markup when publishers paste JSON-LD into a page; U+2028/9 end
# a JavaScript line; C1 controls, bidi overrides and zero-width characters reorder or hide
# text on a terminal or screen. Inside a JSON string each can be written as \uXXXX instead.
_JSON_UNSAFE = re.compile("[<>&\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def json_safe(text: str) -> str:
    """JSON text (from json.dumps) with every character above written as a \\uXXXX escape.

    The value the JSON parses to is unchanged: these characters can only occur
    inside JSON strings, never in JSON's own syntax.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
