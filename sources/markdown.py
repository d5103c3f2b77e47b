"""Markdown articles with optional YAML front matter (Hugo, Jekyll, Obsidian).

The stored text is what the NLP runs on, so Markdown syntax is stripped to
prose here, once: offsets of claims then point into readable text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import frontmatter
import yaml

from claims.dates import PartialDate
from sources.document import Document
from sources.errors import InvalidSourceMetadata
from sources.text import finish, split_title
from sources.timestamps import parse_fragment, parse_iso

_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "published": ("published", "date", "pubdate", "publishdate", "published_at", "publish_date", "created"),
    "url": ("url", "canonical", "canonical_url", "canonicalurl", "permalink", "link", "source_url"),
    "author": ("author", "authors", "byline"),
    "outlet": ("outlet", "site", "site_name", "publisher", "source", "publication"),
}

# Every pattern here runs on lines of any length, so each is written to stay linear: a bracket's
# contents exclude the opening bracket (so "[[[[..." does not rescan the line from every "["), and an
# emphasis span excludes its own marker and is at most EMPHASIS characters (so "**a **a **a..." scans
# from one "**" to the next, not to the end). bench/regex_adversarial.py times each on a 1 MB hostile line.
EMPHASIS = 300
_N = rf"{{1,{EMPHASIS}}}?"
_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # a link target, allowing one level of parentheses
_INLINE = [
    (re.compile(r"!\[[^\[\]]*\]" + _TARGET), ""),  # images carry no prose
    (re.compile(r"\[\^[^\[\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\[\]]+)\]" + _TARGET), r"\1"),  # [text](url)
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^<>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),  # inline HTML tags
    (re.compile(rf"\*\*(?=\S)((?:[^*]|\*(?!\*)){_N})(?<=\S)\*\*"), r"\1"),
    (re.compile(rf"__(?=\S)((?:[^_]|_(?!_)){_N})(?<=\S)__"), r"\1"),
    (re.compile(rf"(?<![\w*])\*(?=\S)([^*]{_N})(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(rf"(?<![\w_])_(?=\S)([^_]{_N})(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(rf"~~((?:[^~]|~(?!~)){_N})~~"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
]
# Matched against the stripped line: a leading and a trailing "\s*" around alternatives that begin and
# end with "\s*" themselves made this quadratic in a line's indentation (50,000 spaces: 18 s).
_DROP_LINE = re.compile(  # \A: it is a whole-line pattern; unanchored, a search would rescan each space run
    r"\A(?:\[[^\]^][^\]]*\]:\s+\S.*|[-*_](?:[ \t]*[-*_]){2,}|=+"
    r"|\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?)"
)  # link definitions, rules, setext underlines, table separator rows
_FENCE = re.compile(r"(`{3,}|~{3,})")
_QUOTE = re.compile(r"(?:>[ \t]?)+")
_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_ITEM = re.compile(r"(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_FOOTNOTE_DEF = re.compile(r"\[\^[^\[\]]+\]:[ \t]*")
_BLANK_RUN = re.compile(r"\n{3,}")


def _strip_comments(line: str) -> str:
    """`line` without <!-- ... --> comments; linear where a lazy regex rescans from every "<!--"."""
    out: list[str] = []
    at = 0
    while (start := line.find("<!--", at)) != -1:
        end = line.find("-->", start + 4)
        if end == -1:
            break
        out.append(line[at:start])
        at = end + 3
    out.append(line[at:])
    return "".join(out)


def read_markdown(text: str, *, path: str | None = None) -> Document:
    """Read a Markdown article; front matter gives metadata, the body becomes plain prose."""
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidSourceMetadata(f"{path or '<stdin>'}: invalid YAML front matter: {first}") from None
    meta = _metadata(post.metadata if isinstance(post.metadata, dict) else {})
    body = strip_markdown(post.content)
    title: str | None = meta.pop("title", None)  # _metadata keeps only str titles
    if title is None:
        title, body = split_title(body)
    else:
        heading, rest = split_title(body)
        if heading is not None and heading.casefold() == str(title).casefold():
            body = rest  # the heading repeats the front-matter title
    return finish(title, body, fmt="markdown", path=path, meta=meta)


def _metadata(raw: dict[str, Any]) -> dict[str, Any]:
    lowered = {str(k).lower(): v for k, v in raw.items()}
    out: dict[str, Any] = {}
    for field, keys in _KEYS.items():
        value = next((lowered[k] for k in keys if lowered.get(k) not in (None, "", [])), None)
        if value is None:
            continue
        if field == "published":
            out[field] = _date(value)
        elif field == "author":
            out[field] = _names(value)
        elif isinstance(value, dict):
            out[field] = str(value.get("name") or value.get("url") or "") or None
        else:
            out[field] = str(value).strip() or None
    return {k: v for k, v in out.items() if v is not None}


def _date(value: Any) -> PartialDate | None:
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value, "minute" if (value.hour, value.minute) != (0, 0) else "day")
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    text = str(value).strip()
    return parse_iso(text) or parse_fragment(text)


def _names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return str(value.get("name") or "").strip() or None
    return str(value).strip() or None


def strip_markdown(text: str) -> str:
    """Markdown → prose: drop code blocks, rules and link targets; keep the words readers see.

    Soft-wrapped paragraph lines are joined with a space (Markdown renders them
    so), while headings, list items and table rows stay on lines of their own.
    """
    out: list[str] = []
    fence: str | None = None
    joinable = False  # may the next plain line continue the previous one?
    for line in text.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        marker = _FENCE.match(stripped)
        if marker:
            fence = None if fence and marker.group(1).startswith(fence) else fence or marker.group(1)[:3]
            joinable = False
            continue
        if fence or _DROP_LINE.fullmatch(stripped):
            joinable = False
            continue
        if indent <= 3:
            quote = _QUOTE.match(line, indent)  # blockquotes
            if quote:
                line = line[quote.end() :]
                stripped = line.strip()
                indent = len(line) - len(line.lstrip())
        heading = _HEADING.match(line, indent) if indent <= 3 else None
        item = _ITEM.match(line, indent)
        if heading:
            line = _heading_text(line[heading.end() :])
        elif item:
            line = line[item.end() :]
        footnote = _FOOTNOTE_DEF.match(line, len(line) - len(line.lstrip()))
        if footnote:
            line = line[footnote.end() :]  # footnote definitions keep their text
        line = _strip_comments(line)
        table = line.strip().startswith("|")
        if table:
            line = " ; ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        for pattern, repl in _INLINE:
            line = pattern.sub(repl, line)
        line = line.strip()
        if not line:
            out.append("")
            joinable = False
            continue
        if joinable and not (heading or item or table) and out and out[-1]:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joinable = not (heading or table)
    return _BLANK_RUN.sub("\n\n", "\n".join(out)).strip()


def _heading_text(rest: str) -> str:
    """An ATX heading's text without its optional closing hashes ("## Title ##")."""
    text = rest.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.strip()
    return text
