"""Plain-text articles: title on the first line, an optional dateline, a comment section at the end."""

from __future__ import annotations

import re

from claims.dates import PartialDate
from sources.comments import split_comments
from sources.document import Document, Format
from sources.timestamps import MONTH, parse_fragment

# "Westport, 10 March 2023 —", "WESTPORT, Conn., March 10, 2023 -", "Kyiv, 3 May 2022:"
_DATELINE_RE = re.compile(
    r"^(?P<place>[^\W\d][^\n,:—–]{0,40}?),\s*+(?P<date>[^\n]{4,50}?)\s*(?:\s[-–—]{1,2}\s|[—–]|:\s)",
)
# A dateline's date names a month or is numeric; anything else is prose that happens to hold a comma.
_DATEISH_RE = re.compile(rf"\b{MONTH}(?!\w)|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}", re.IGNORECASE)
_MAX_TITLE = 300
_DATELINE_CHARS = 200


def dateline_date(body: str) -> PartialDate | None:
    """The date of a dateline opening `body`, if any; only that short fragment reaches dateparser."""
    # A dateline fits in its first 200 characters; a longer first line must not cost more than those.
    first = body.lstrip()[:_DATELINE_CHARS].split("\n", 1)[0]
    match = _DATELINE_RE.match(first)
    if not match or not _DATEISH_RE.search(match["date"]) or len(match["date"].split()) > 7:
        return None
    fragment = match["date"]
    # The place may span commas ("Westport, Conn., March 10, 2023"): try dropping leading parts.
    while True:
        found = parse_fragment(fragment)
        if found is not None:
            return found
        if "," not in fragment:
            return None
        fragment = fragment.split(",", 1)[1].strip()


def split_title(text: str) -> tuple[str | None, str]:
    """(first non-empty line, the text after it); a over-long first line is prose and stays in the body."""
    stripped = text.lstrip("\ufeff\n\r\t ")
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if not first:
        return None, ""
    if len(first) > _MAX_TITLE:
        return None, stripped
    # A one-line article is its own title and its own text.
    return first, rest.strip("\n") or first


def finish(
    title: str | None, body: str, *, fmt: Format, path: str | None, meta: dict[str, object] | None = None
) -> Document:
    """Shared tail of the text-like readers: cut comments, find a dateline, build the Document."""
    meta = dict(meta or {})
    raw_outlet = meta.get("outlet")
    outlet = raw_outlet if isinstance(raw_outlet, str) else None
    split = split_comments(body, parent_outlet=outlet)
    text = _tidy(split.body)
    if meta.get("published") is None:
        # A file with no headline starts with its dateline paragraph, which became the title.
        meta["published"] = dateline_date(text) or (dateline_date(title) if title else None)
    children = [child.model_copy(update={"format": fmt, "path": path}) for child in split.children]
    return Document(title=title, text=text, format=fmt, path=path, children=children, **meta)  # type: ignore[arg-type]


def _tidy(text: str) -> str:
    # Trailing spaces and runs of blank lines carry no meaning; drop them so equal articles hash equal.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def read_text(text: str, *, path: str | None = None) -> Document:
    """Read a plain-text article. `text` excludes the title line and the comment section."""
    title, body = split_title(text)
    return finish(title, body, fmt="text", path=path)
