"""Split a blog page's comment section off the article: pingbacks, trackbacks and reader comments.

A comment's words are not the article's: a pingback excerpt is a later article
quoting this one, a reader comment is someone else speaking. So each entry
becomes a child `Document` with its own title, outlet, author and timestamp,
and the parent's text ends where the comment section starts. Footer junk after
it (reply form, spam notices, "like" widgets) is dropped.

Works on plain text (`split_comments`) and on WordPress-style HTML comment
lists (`html_comments`), in the shapes common themes print, not one fixture's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import html as lxml_html

from claims.dates import PartialDate
from sources.document import Document, Kind
from sources.timestamps import TIMESTAMP, TIMESTAMP_RE, parse_iso, parse_timestamp, timestamp_from_match

_NUMBER_WORDS = r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ENTRY_WORDS = r"(?:thoughts?|comments?|responses?|repl(?:y|ies)|pingbacks?|trackbacks?|reactions?)"
# "5 thoughts on “Title”", "12 Comments", "One Response to “Title”", "Comments (3)", "Pingbacks & Trackbacks"
_HEADER_RE = re.compile(
    rf"^(?:{_NUMBER_WORDS}\s+{_ENTRY_WORDS}(?:\s+(?:on|to|for|so far)\b.*|\s*:)?"
    rf"|(?:reader\s+)?{_ENTRY_WORDS}(?:\s*(?:&|and|/)\s*{_ENTRY_WORDS})?(?:\s*\(\d+\))?:?"
    rf"|discussion(?:\s*\(\d+\))?:?)$",
    re.IGNORECASE,
)
_COUNTED_RE = re.compile(rf"^{_NUMBER_WORDS}\s", re.IGNORECASE)
# Lines that end a comment section (or the article, when there are no comments).
_FOOTER_RE = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|cancel reply|join the discussion"
    r"|this site uses akismet|%d bloggers like this|comments are closed|you must be logged in"
    r"|your email address will not be published|notify me of|share this:?$|like this:?$|related(?: posts?)?:?$"
    r"|post navigation$)",
    re.IGNORECASE,
)
# Widget and link text between entries that is nobody's words.
_NOISE_RE = re.compile(
    r"^(?:reply(?: ↓)?|log in to reply|like|liked by .*|loading\.\.\.|edit|\(edit\)|delete|report(?: comment)?)$",
    re.IGNORECASE,
)
_NUMBERED_RE = re.compile(r"^\s*\d{1,4}[.)]\s+")
_PREFIX_RE = re.compile(r"^(?P<kind>pingback|trackback)s?(?:\s+from)?\s*:\s*", re.IGNORECASE)
# "Jane says:" (WordPress), "Jane said..." (Blogger, which prints the time after the comment)
_SAYS_RE = re.compile(
    r"^(?P<name>.{1,120}?)(?<!\s)\s++(?:says|said|wrote|writes)\s*(?::|\.\.\.|…)\s*(?P<rest>.*)$", re.IGNORECASE
)
# The lookbehind lets a run of separators start only where the run starts, and no two "\s*" meet,
# so a line with a long run of spaces is scanned once, not once per space.
_LEAD_TS_RE = re.compile(
    rf"^(?P<lead>.*?)(?<![\s,\-–—|])[\s,\-–—|]*+(?:\bon\s++|\bat\s++)?(?P<ts>{TIMESTAMP})"
    r"(?:\s*(?:said|says|wrote))?(?:\s*[:|])?(?:\s*reply)?\s*$",
    re.IGNORECASE,
)
_ELLIPSIS = r"\[\s*(?:…|\.\.\.|&hellip;)\s*\]"
_EXCERPT_RE = re.compile(rf"^\s*{_ELLIPSIS}")
_ELLIPSIS_RE = re.compile(_ELLIPSIS)
_LEADING_ELLIPSIS = re.compile(rf"{_ELLIPSIS}\s*")
# (?<!\s): start only at the first space of a run, so a long run of spaces is scanned once.
_SEPARATOR_RE = re.compile(r"(?<!\s)\s+(?:[-–—|»«·]|::)\s+")
# A lead that ends like this is prose running into a date, not an entry header.
_PROSE_LINE = 200  # longer lines outside any entry are article prose, not comment-section furniture
_PROSE_END_RE = re.compile(r"\b(?:since|until|from|by|before|after|in|of|the|and|that)$", re.IGNORECASE)


@dataclass
class CommentSplit:
    """An article's text without its comment section, and the section's entries."""

    body: str
    children: list[Document] = field(default_factory=list)


@dataclass
class _Head:
    kind: Kind | None
    lead: str
    published: PartialDate | None
    lines: list[str] = field(default_factory=list)


def split_comments(text: str, *, parent_outlet: str | None = None) -> CommentSplit:
    """Cut the trailing comment section (and footer junk) off `text`; parse its entries.

    The cut is at the first line that is a comment-section header ("5 thoughts
    on ...", "Comments", "Leave a Reply"), a "Pingback:" entry or a footer
    marker, provided it comes after some article text. A bare "Comments" or
    "Related" line only counts when what follows reads like a comment section
    (entries, or nothing but short lines), so a section heading inside an
    article does not cut it short. Text without a cut comes back unchanged.
    """
    lines = text.splitlines()
    cut, heads = _find_cut(lines)
    if cut is None:
        return CommentSplit(body=text)
    body = "\n".join(lines[:cut]).rstrip()
    hint = next((_hint(line) for line in lines[cut:] if _HEADER_RE.match(line.strip())), None)
    return CommentSplit(body=body, children=[_entry(h, hint, parent_outlet) for h in heads])


def _find_cut(lines: list[str]) -> tuple[int | None, list[_Head]]:
    seen_text = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        header = _HEADER_RE.match(line)
        if seen_text >= 2 and (header or _FOOTER_RE.match(line) or _PREFIX_RE.match(line)):
            heads, prose_left = _parse_section(lines, index)
            strong = _PREFIX_RE.match(line) or (header and _COUNTED_RE.match(line))
            if strong or not prose_left:
                return index, heads
        seen_text += 1
    return None, []


def _parse_section(lines: list[str], start: int) -> tuple[list[_Head], bool]:
    """Entries from `start` on, and whether long prose was left over that belongs to no entry."""
    heads: list[_Head] = []
    in_section = False
    section_has_entry = False
    prose_left = False
    i = start
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or _NOISE_RE.match(line):
            continue
        if _FOOTER_RE.match(line):
            in_section = False
            continue
        if _HEADER_RE.match(line):
            in_section, section_has_entry = True, False
            continue
        if not in_section and not _PREFIX_RE.match(line):
            prose_left = prose_left or len(line) > _PROSE_LINE
            continue
        in_section = True
        head, used = _read_head(line, lines[i : i + 2])  # a header may take the next line or two
        if head is not None:
            i += used
            heads.append(head)
            section_has_entry = True
        elif heads and section_has_entry:
            heads[-1].lines.append(line)
        else:
            prose_left = prose_left or len(line) > _PROSE_LINE
    return heads, prose_left


def _hint(header: str) -> Kind | None:
    low = header.lower()
    if "trackback" in low and "pingback" not in low:
        return "trackback"
    if "pingback" in low and "trackback" not in low:
        return "pingback"
    return None


def _trim_lead(text: str) -> str:
    """A name before a timestamp without the separators and "on"/"at" that join them (linear, no regex)."""
    text = text.rstrip(_LEAD_SEPARATORS)
    for word in ("on", "at"):
        head = text[: -len(word)]
        if text.lower().endswith(word) and (not head or not head[-1].isalnum()):
            return head.rstrip(_LEAD_SEPARATORS)
    return text


_LEAD_SEPARATORS = " \t\n\r\f\v,-–—|"


def _read_head(line: str, following: list[str]) -> tuple[_Head | None, int]:
    """Parse `line` as an entry header; return it and how many following lines it consumed."""
    numbered = bool(_NUMBERED_RE.match(line))
    rest = _NUMBERED_RE.sub("", line)
    kind: Kind | None = None
    prefix = _PREFIX_RE.match(rest)
    if prefix:
        kind = prefix["kind"].lower()  # type: ignore[assignment]
        rest = rest[prefix.end() :]
    if len(rest) > 300:
        return None, 0
    # The timestamp may sit on the next non-blank line (one blank line allowed between).
    skip = 1 if following and not following[0].strip() else 0
    nxt = following[skip].strip() if len(following) > skip else ""
    step = skip + 1
    says = _SAYS_RE.match(rest)
    if says and len(TIMESTAMP_RE.sub("", says["name"]).split()) <= 9 and not re.search(r"[.!?]$", says["name"]):
        after = says["rest"].strip()
        stamp = TIMESTAMP_RE.match(after)
        name = says["name"].strip()
        inner = TIMESTAMP_RE.search(name)  # "Name on June 1, 2024 at 4:20 pm said:"
        if inner and not stamp:
            stamp, after = inner, ""
            name = _trim_lead(name[: inner.start()])
        if not after or stamp:
            head = _Head(kind or "comment", name, timestamp_from_match(stamp) if stamp else None)
            used = 0
            if stamp is None and nxt and parse_timestamp(nxt):
                head.published, used = parse_timestamp(nxt), step
            elif stamp is not None and after[stamp.end() :].strip():
                head.lines.append(after[stamp.end() :].strip())
            return head, used
    match = _LEAD_TS_RE.match(rest)
    lead = match["lead"].strip(" ,-–—|") if match else ""
    # Unmarked, a line ending in a date is a header only if what precedes it is a name or "Title – Site".
    plausible = numbered or kind is not None or _SEPARATOR_RE.search(lead) or _person_like(lead)
    if match and lead and plausible and not _PROSE_END_RE.search(lead):
        return _Head(kind, lead, timestamp_from_match(_ts(match["ts"]))), 0
    if kind is not None or numbered:
        published, used = (parse_timestamp(nxt), step) if nxt and parse_timestamp(nxt) else (None, 0)
        return _Head(kind, rest.strip(), published), used
    name_line = len(rest.split()) <= 8 and not re.search(r"[.!?;:,]$", rest.strip())
    if nxt and parse_timestamp(nxt) and name_line and not _PROSE_END_RE.search(rest.strip()):
        return _Head(None, rest.strip(), parse_timestamp(nxt)), step
    return None, 0


def _person_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and all(w[0].isupper() or not w[0].isalpha() for w in words)


def _ts(text: str) -> re.Match[str]:
    match = TIMESTAMP_RE.fullmatch(text)
    assert match is not None  # text was matched by the same pattern
    return match


def _entry(head: _Head, hint: Kind | None, parent_outlet: str | None) -> Document:
    lines = [line for line in head.lines if line]
    if head.published is None and lines and parse_timestamp(lines[-1]):
        head.published = parse_timestamp(lines.pop())  # Blogger: the timestamp follows the comment
    text = "\n".join(lines)
    excerpt = bool(_EXCERPT_RE.match(text))
    kind = head.kind
    if kind == "comment" and excerpt:
        kind = "pingback"  # themes that print pingbacks as "Title – Site says:"
    if kind is None:
        if excerpt or (len(_SEPARATOR_RE.split(head.lead)) > 1 and len(head.lead.split()) > 4):
            kind = hint or "pingback"
        else:
            kind = "comment"
    if kind == "comment":
        return Document(author=head.lead or None, published=head.published, text=text, kind="comment")
    title, outlet = split_title_outlet(head.lead, known_outlet=parent_outlet)
    return Document(title=title, outlet=outlet, published=head.published, text=strip_ellipses(text), kind=kind)


def strip_ellipses(text: str) -> str:
    """An excerpt without the "[…]" / "[...]" that mark where it was cut."""
    text = _LEADING_ELLIPSIS.sub("", text.strip(), count=1)
    # The trailing mark is found from the last "[": an unanchored "\s*…$" rescans every run of spaces.
    cut = text.rfind("[")
    if cut != -1 and _ELLIPSIS_RE.fullmatch(text, cut):
        text = text[:cut]
    return text.strip()


def split_title_outlet(
    lead: str, *, known_outlet: str | None = None, host: str | None = None
) -> tuple[str | None, str | None]:
    """Split a linked page title like "Title – Site" or "Site | Title" into (title, outlet).

    Sites put their name on either side, and titles and site names may contain
    the separator themselves, so every cut is scored: an outlet is short and
    does not end like a sentence; a title does not run on past a "?" or "!".
    """
    lead = lead.strip()
    if not lead:
        return None, None
    seps = list(_SEPARATOR_RE.finditer(lead))
    if not seps:
        return lead, None
    best: tuple[float, str, str] | None = None
    for sep in seps:
        left, right = lead[: sep.start()].strip(), lead[sep.end() :].strip()
        for title, outlet, at_start in ((left, right, False), (right, left, True)):
            score = _outlet_score(outlet, known_outlet, host) - (1.0 if at_start else 0.0)
            if _runs_past_sentence(title):
                score -= 4
            if best is None or score > best[0]:
                best = (score, title, outlet)
    assert best is not None
    return best[1], best[2]


def _outlet_score(outlet: str, known: str | None, host: str | None) -> float:
    words = re.findall(r"\w+", outlet)
    score = -0.5 * len(words)
    if len(words) > 6:
        score -= 3
    # Site names are capitalised names; headlines usually run on in lower case.
    lower = [w for w in words if w[0].islower() and w.lower() not in _FUNCTION_WORDS]
    score -= min(3.0, 0.75 * len(lower))
    squashed = re.sub(r"\W+", "", outlet).lower()
    if host and len(squashed) >= 4 and squashed in re.sub(r"\W+", "", host.lower()):
        score += 3
    if re.search(r"[?!]$|[a-z]\.$", outlet):
        score -= 5
    if known and outlet.casefold() == known.casefold():
        score += 3
    return score


_FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "a", "an", "at", "to", "de", "la", "le", "du", "und", "y"}


def _runs_past_sentence(title: str) -> bool:
    """A title cut in the wrong place: it runs on past a "?"/"!", or ends in a name after a headline."""
    parts = [part.strip() for part in _SEPARATOR_RE.split(title)]
    if any(re.search(r"[?!]$", part) for part in parts[:-1]):
        return True
    return len(parts) > 1 and _name_like(parts[-1]) and not all(_name_like(p) for p in parts[:-1])


def _name_like(text: str) -> bool:
    words = re.findall(r"\w+", text)
    return 0 < len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() or w in _FUNCTION_WORDS for w in words)


# -- HTML -----------------------------------------------------------------------------------

# WordPress and most themes: <ol class="commentlist"> or "comment-list" of <li class="comment|pingback|trackback">.
COMMENT_LIST_XPATH = (
    "//*[self::ol or self::ul or self::div]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' commentlist ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment-list ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' ping-list ')]"
)
# Parts of a comment area that are never content: the reply form, headers, navigation.
COMMENT_JUNK_XPATH = (
    "//*[@id='respond' or @id='comments' or @id='pings'"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment-respond ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments-area ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments-title ')]"
)


def _has_class(el: lxml_html.HtmlElement, name: str) -> bool:
    return name in (el.get("class") or "").split()


def html_comments(tree: lxml_html.HtmlElement, *, parent_outlet: str | None = None) -> list[Document]:
    """Entries of the page's comment lists, in page order, nested replies flattened."""
    out: list[Document] = []
    for lst in tree.xpath(COMMENT_LIST_XPATH):
        for li in lst.iter("li"):
            classes = set((li.get("class") or "").split())
            if not classes & {"comment", "pingback", "trackback"}:
                continue
            out.append(_html_entry(li, classes, parent_outlet))
    return out


def _own(li: lxml_html.HtmlElement, xpath: str) -> list[lxml_html.HtmlElement]:
    """Matches of `xpath` inside `li` but not inside a nested reply."""
    return [el for el in li.xpath(xpath) if next(el.iterancestors("li"), None) is li]


def _html_entry(li: lxml_html.HtmlElement, classes: set[str], parent_outlet: str | None) -> Document:
    kind: Kind = "trackback" if "trackback" in classes else "pingback" if "pingback" in classes else "comment"
    name_el = next(iter(_own(li, ".//*[contains(@class,'fn') or contains(@class,'comment-author')]")), None)
    link = next(iter(_own(li, ".//a[contains(concat(' ', @class, ' '), ' url ')]")), None)
    name_source = name_el if name_el is not None else link
    name = " ".join(name_source.text_content().split()) if name_source is not None else ""
    name = re.sub(r"\s+(?:says|said|wrote)\s*:?$", "", re.sub(r"^(?:pingback|trackback)\s*:\s*", "", name, flags=re.I))
    published = None
    for time_el in _own(li, ".//time"):
        published = parse_iso(time_el.get("datetime")) or parse_timestamp(time_el.text_content())
        if published:
            break
    if published is None:
        for meta in _own(li, ".//*[contains(@class,'comment-meta') or contains(@class,'commentmetadata')]"):
            found = TIMESTAMP_RE.search(meta.text_content())
            published = timestamp_from_match(found) if found else None
            if published:
                break
    content = _own(li, ".//*[contains(@class,'comment-content') or contains(@class,'comment-text')]")
    paragraphs = _own(content[0], ".//p") if content else _own(li, ".//p")
    text = "\n".join(" ".join(p.text_content().split()) for p in paragraphs).strip()
    if not text and content:
        text = " ".join(content[0].text_content().split())
    url = link.get("href") if link is not None and kind != "comment" else None
    if kind == "comment" and _EXCERPT_RE.match(text):
        kind = "pingback"
    if kind == "comment":
        return Document(author=name or None, published=published, text=text, kind=kind, format="html")
    host = urlsplit(url).hostname if url else None
    title, outlet = split_title_outlet(name, known_outlet=parent_outlet, host=host)
    return Document(
        title=title, outlet=outlet, url=url, published=published, text=strip_ellipses(text), kind=kind, format="html"
    )
