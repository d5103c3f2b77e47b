"""Disk full while writing --out files: no temporary file stays behind, the old file is kept, the message names it.

A real full disk is simulated: the temporary file's `write` (or the `fsync`
that forces it to disk) raises `OSError(ENOSPC)` after part of the text is written.
"""

from __future__ import annotations

import errno
import os
import pathlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app

runner = CliRunner()


class FullDisk:
    """A text file whose disk fills up after a few bytes."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, text: str) -> int:
        self._handle.write(text[:10])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every temporary output file (`*.tmp`, `*.part`) hits a full disk."""
    real_open = pathlib.Path.open

    def fake_open(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, mode, *args, **kwargs)
        if "w" in mode and self.name.endswith((".tmp", ".part")):
            return FullDisk(handle)
        return handle

    monkeypatch.setattr(pathlib.Path, "open", fake_open)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "l.db")
    ids = []
    for text, who in (("Ferries run hourly", "Port"), ("Ferries run twice a day", "Union")):
        added = runner.invoke(app, ["--db", path, "claims", "add", "--text", text, "--claimant", who])
        assert added.exit_code == 0
        ids.append(added.stdout.strip())
    assert runner.invoke(app, ["--db", path, "link", ids[1], ids[0], "--stance", "contradicts"]).exit_code == 0
    rated = runner.invoke(app, ["--db", path, "verdict", ids[1], "false", "--review-url", "https://desk.example/c/1"])
    assert rated.exit_code == 0
    return path


COMMANDS = [
    ["report", "disputed", "--format", "html", "--include-rated", "--out"],
    ["report", "disputed", "--format", "csv", "--out"],
    ["report", "status", "--format", "md", "--out"],
    ["export", "claimreview", "--org-name", "Desk", "--org-url", "https://desk.example", "--out"],
    ["db", "export"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("how", ["write", "fsync"])
def test_disk_full_leaves_no_temp_file_and_names_the_file(
    db: str, tmp_path: Path, command: list[str], how: str, request: pytest.FixtureRequest, monkeypatch: Any
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "result.txt"
    target.write_text("the previous version\n", encoding="utf-8")
    if how == "write":
        request.getfixturevalue("full_disk")
    else:

        def no_space(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", no_space)
        if command[0] == "db":
            request.getfixturevalue("full_disk")  # db export does not fsync: fill the disk on write instead
    result = runner.invoke(app, ["--db", db, *command, str(target)])
    assert result.exit_code == 1, (result.stdout, result.stderr)
    err = result.stderr.strip()
    assert err.startswith("Error:") and len(err.splitlines()) == 1, err
    assert str(target) in err and "No space left on device" in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["result.txt"]
    assert target.read_text(encoding="utf-8") == "the previous version\n"


def test_missing_output_directory_is_one_line(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", db, "report", "disputed", "--out", str(tmp_path / "nope" / "r.md")])
    assert result.exit_code == 1 and "does not exist" in result.stderr
