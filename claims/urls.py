"""URLs from outside, checked once: an absolute http(s) URL that urllib can take apart, or nothing.

`urlsplit` raises ValueError on input such as "http://[::1" and reading
`.port` raises on "host:notaport"; importers call these helpers instead, so an
unparseable URL is a skipped value with a reason, never a traceback.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit

SCHEMES = frozenset({"http", "https"})
MAX_URL_CHARS = 8192  # far above any real page URL; longer is a paste accident or an attack


def split(url: str) -> SplitResult | None:
    """`urlsplit(url)`, or None when it cannot be parsed (bad IPv6 literal, bad port, control characters)."""
    if len(url) > MAX_URL_CHARS or any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a port that is not a number or out of range)
    except ValueError:
        return None
    return parts


def http_url(value: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL with a host, resolving `value` against `base`; None if it is not one."""
    text = (value or "").strip()
    if not text:
        return None
    if base:
        if split(base) is None:
            return None
        try:
            text = urljoin(base, text)
        except ValueError:
            return None
    parts = split(text)
    if parts is None or parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return None
    return text


def host_of(url: str | None) -> str | None:
    """The URL's host name, or None when there is none or the URL cannot be parsed."""
    parts = split(url) if url else None
    return parts.hostname if parts is not None else None
