"""Text at the boundary: what every stored string is normalised to, the same on every backend.

PostgreSQL refuses NUL in text and neither backend can encode a lone UTF-16
surrogate (JSON's "\\ud800" escapes produce them), so a ledger holding either
could not be written, or not moved from SQLite to PostgreSQL. Both become
U+FFFD, one character for one, so span offsets into a source's text still
hold. `visible` tells real text from strings made only of zero-width or
blank characters, which look empty to a reader and must be refused like empty.
"""

from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Categories that draw nothing: format (zero-width space/joiners, BOM, bidi marks), controls,
# separators, and combining marks with no base.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters by category that render blank (Hangul fillers, braille blank).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def storable(text: str) -> str:
    """`text` with NUL and lone surrogates replaced by U+FFFD (same length, so offsets hold)."""
    if text.isascii() and "\x00" not in text:
        return text
    return _UNSTORABLE.sub(REPLACEMENT, text)


def storable_or_none(text: str | None) -> str | None:
    """`storable` for optional fields."""
    return storable(text) if text is not None else None


def visible(text: str | None) -> bool:
    """True when `text` has at least one character a reader can see."""
    if not text:
        return False
    for ch in text:
        if ch.isspace() or ch in _BLANK_LETTERS:
            continue
        if ch.isascii():
            if ch.isprintable():
                return True
        elif unicodedata.category(ch) not in _INVISIBLE_CATEGORIES:
            return True
    return False
