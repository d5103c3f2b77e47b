"""Loading inputs: path expansion, format dispatch, stdin sniffing, and every kind of bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claims.errors import InvalidDate, SourceError
from sources import (
    DEFAULT_MAX_BYTES,
    BinarySource,
    EmptySource,
    Input,
    MissingSource,
    Overrides,
    SourceTooLarge,
    UndecodableSource,
    iter_inputs,
    max_bytes_limit,
    read_input,
)
from sources.loader import sniff_format

ARTICLE = "Café prices rise\n\nZürich, 3 May 2023 — The café’s owner said “prices will rise” by €2.\n"


def _one(path: Path, **kw) -> object:
    (inp,) = iter_inputs([str(path)])
    return read_input(inp, **kw)


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b/z.md", "b/a.htm", "a.txt", "c.markdown", "d.html", "skip.pdf", ".hidden/x.txt", ".dot.txt"]:
        (tmp_path / name).write_text("x")
    names = [Path(i.name).relative_to(tmp_path).as_posix() for i in iter_inputs([str(tmp_path)])]
    assert names == ["a.txt", "c.markdown", "d.html", "b/a.htm", "b/z.md"]


def test_same_file_twice_is_yielded_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert len(list(iter_inputs([str(tmp_path / "a.txt"), str(tmp_path)]))) == 1


def test_missing_path(tmp_path: Path) -> None:
    inputs = list(iter_inputs([str(tmp_path / "nope.txt")]))
    with pytest.raises(MissingSource, match=r"nope\.txt: no such file"):
        read_input(inputs[0])


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    for name, data in [("empty.txt", b""), ("blank.md", b"  \n\n\t")]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(EmptySource, match=f"{name}: the file is empty"):
            _one(tmp_path / name)


def test_front_matter_only_is_empty(tmp_path: Path) -> None:
    (tmp_path / "meta.md").write_text("---\ntitle: Only metadata\n---\n")
    with pytest.raises(EmptySource, match=r"meta\.md"):
        _one(tmp_path / "meta.md")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"hello\x00world" * 20, "NUL bytes"),
        (bytes(range(1, 9)) * 200, "control characters"),
    ],
)
def test_binary_files(tmp_path: Path, data: bytes, what: str) -> None:
    (tmp_path / "file.txt").write_bytes(data)
    with pytest.raises(BinarySource, match=f"file.txt: binary file .*{what}"):
        _one(tmp_path / "file.txt")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig", "utf-16"])
def test_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = ARTICLE if encoding != "latin-1" else ARTICLE.replace("’", "'").replace("“", '"').replace("”", '"')
    text = text.replace("€", "EUR").replace("—", "-") if encoding == "latin-1" else text
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    doc = _one(tmp_path / "a.txt")
    assert doc.title == "Café prices rise"
    assert doc.text == text.split("\n\n", 1)[1].strip()
    assert str(doc.published) == "2023-05-03"


def test_latin1_spanish_letters_decoded_right(tmp_path: Path) -> None:
    text = "Señor Muñoz\n\nEl señor Muñoz dijo que la obra costará más de lo previsto, según el diario.\n" * 3
    (tmp_path / "es.txt").write_bytes(text.encode("latin-1"))
    assert "Muñoz" in _one(tmp_path / "es.txt").text


def test_cyrillic_cp1251_detected(tmp_path: Path) -> None:
    text = "Новости\n\nМэр заявил во вторник, что новый мост откроется в мае, как и планировалось.\n"
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    assert "мост откроется" in _one(tmp_path / "ru.txt").text


def test_undecodable_bytes(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 8)
    with pytest.raises(SourceError, match=r"noise\.txt") as info:
        _one(tmp_path / "noise.txt")
    assert isinstance(info.value, UndecodableSource | BinarySource)


def test_too_large_by_argument(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Title\n\n" + "word " * 400)
    with pytest.raises(SourceTooLarge, match=r"big.txt: file is too large \(2.0 KB; the limit is 1.0 KB\)"):
        _one(tmp_path / "big.txt", max_bytes=1024)
    assert _one(tmp_path / "big.txt", max_bytes=10_000).title == "Title"


def test_the_library_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the command line's settings read CLAIMTRACK_MAX_BYTES (tests/cli/test_settings.py)."""
    monkeypatch.setenv("CLAIMTRACK_MAX_BYTES", "lots")
    assert max_bytes_limit() == DEFAULT_MAX_BYTES
    assert max_bytes_limit(5) == 5


def test_stdin_sniffing_and_limit() -> None:
    page = b"<!DOCTYPE html><html><head><title>T</title></head><body><article><p>" + b"Words here. " * 30
    page += b"</p></article></body></html>"
    cases = [(page, "html"), (b"---\ntitle: X\n---\nBody text.\n", "markdown"), (b"Title\n\nBody.\n", "text")]
    for data, fmt in cases:
        (inp,) = iter_inputs(["-"], stdin=io.BytesIO(data))
        assert inp.is_stdin and inp.name == "<stdin>"
        doc = read_input(inp)
        assert doc.format == fmt and doc.path is None
    with pytest.raises(SourceTooLarge, match="<stdin>: input is too large"):
        read_input(Input(name="<stdin>", stream=io.BytesIO(b"x" * 50)), max_bytes=10)


def test_sniff_format() -> None:
    assert sniff_format("  <html><body>x</body></html>") == "html"
    assert sniff_format("---\ntitle: a\n---\n") == "markdown"
    assert sniff_format("Plain title\n\nBody") == "text"


def test_overrides_win_over_the_file(fixture_path: Path) -> None:
    (inp,) = iter_inputs([str(fixture_path / "news-page.html")])
    over = Overrides(published="2024-01-02", url="https://x.example/a", outlet="O", title="T", author="A")
    doc = read_input(inp, over)
    assert (str(doc.published), doc.url, doc.outlet, doc.title, doc.author) == (
        "2024-01-02",
        "https://x.example/a",
        "O",
        "T",
        "A",
    )
    assert doc.path == str(fixture_path / "news-page.html")


def test_bad_published_override_is_invalid_date() -> None:
    with pytest.raises(InvalidDate, match="2022-13"):
        Overrides(published="2022-13")
    assert Overrides(published="2022-05-25T14:05").published.granularity == "minute"
    assert Overrides(published="").published is None


def test_unknown_extension_given_explicitly_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "notes.rst").write_text("A title\n\nSome body text.\n")
    assert _one(tmp_path / "notes.rst").format == "text"
