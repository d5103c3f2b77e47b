"""Bytes → text, refusing what is not text: binary files, and bytes no encoding explains.

UTF-8 (with or without BOM) first, since that is what nearly everything is;
then UTF-16/32 by BOM; then charset-normalizer's detection. Detection often
names a Central-European code page for Western text (the letters overlap), so
when the bytes are also valid Windows-1252 — the web's de-facto Latin-1 — that
wins for Latin-script guesses.

A file that is UTF-8 but for a few stray bytes (a pasted fragment, a truncated
character) is still UTF-8: decoding it all as cp1252 would turn every "é" into
"Ã©". When the valid multi-byte sequences are at least as many as the bad
bytes (Windows-1252 text almost never forms a valid UTF-8 sequence), the file
is read as UTF-8 with U+FFFD for each bad byte, and a warning says so.

NUL (past the binary sniff) and lone surrogates become U+FFFD here, as in
every stored string (`claims.text.storable`), so what the NLP reads is what
is stored, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from claims.text import storable
from sources.errors import BinarySource, EmptySource, UndecodableSource

_SIGNATURES: dict[bytes, str] = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or DOCX/ODT/EPUB)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip file",
    b"\x7fELF": "an executable",
    b"SQLite format 3\x00": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
}
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_LATIN_GUESSES = ("cp125", "iso8859", "latin", "cp437", "cp775", "cp85", "cp86", "mac_", "cp1006", "cp1125")
_CONTROL_LIMIT = 0.05
_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
log = logging.getLogger(__name__)


def decode(data: bytes, name: str) -> str:
    """Decode a document's bytes; raise `EmptySource`, `BinarySource` or `UndecodableSource`."""
    if not data.strip():
        raise EmptySource(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError:
                break  # a BOM followed by garbage: let the checks below name the problem
    for magic, what in _SIGNATURES.items():
        if data.startswith(magic):
            raise BinarySource(f"{name}: binary file ({what}), not text")
    if b"\x00" in data[:65536]:
        raise BinarySource(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        log.warning(
            "%s: not valid UTF-8 at %d place(s) (first at byte %d): read as UTF-8, each bad byte shown as U+FFFD",
            name,
            bad,
            first_bad,
        )
        return _checked(text, name)
    best = from_bytes(data).best()
    if best is None:
        raise UndecodableSource(f"{name}: not UTF-8 and no text encoding could be detected")
    encoding = best.encoding
    if encoding.startswith(_LATIN_GUESSES) and encoding not in ("cp1251", "iso8859_5", "cp1253", "iso8859_7"):
        try:
            return _checked(data.decode("cp1252"), name)
        except UnicodeDecodeError:
            pass
    return _checked(str(best), name)


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, bad bytes) when `data` is UTF-8 but for a few stray bytes, else None."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for _ in _MULTIBYTE.finditer(data)) - data.count("\ufffd".encode())
    return (text, bad) if valid >= max(1, bad) else None


def _checked(text: str, name: str) -> str:
    text = storable(text.lstrip("\ufeff"))
    if not text.strip():
        raise EmptySource(f"{name}: the file is empty")
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control > _CONTROL_LIMIT * len(sample):
        raise BinarySource(f"{name}: binary file (mostly control characters), not text")
    return text
