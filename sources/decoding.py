"""Bytes → text, refusing what is not text: binary files, and bytes no encoding explains.

UTF-8 (with or without BOM) first, since that is what nearly everything is;
then UTF-16/32 by BOM; then charset-normalizer's detection. Detection often
names a Central-European code page for Western text (the letters overlap), so
when the bytes are also valid Windows-1252 — the web's de-facto Latin-1 — that
wins for Latin-script guesses.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

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
    except UnicodeDecodeError:
        pass
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


def _checked(text: str, name: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptySource(f"{name}: the file is empty")
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control > _CONTROL_LIMIT * len(sample):
        raise BinarySource(f"{name}: binary file (mostly control characters), not text")
    return text
