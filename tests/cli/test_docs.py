"""Every command is documented in the README with an example (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from pipeline.cli.app import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[str]:
    """Every command, found the way the command line finds them (groups are built when named)."""
    group = typer.main.get_command(app)
    paths: list[str] = []

    def walk(cmd: Any, prefix: list[str]) -> None:
        if not hasattr(cmd, "list_commands"):
            paths.append(" ".join(prefix))
            return
        ctx = typer.Context(cmd)
        for name in cmd.list_commands(ctx):
            walk(cmd.get_command(ctx, name), [*prefix, name])

    walk(group, [])
    return sorted(paths)


@pytest.mark.parametrize("command", command_paths())
def test_command_documented(command: str) -> None:
    assert f"claimtrack {command}" in README or f"claimtrack --db example.db {command}" in README


def test_quick_start_is_two_lines() -> None:
    section = README.split("## Quick start", 1)[1]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    lines = [line for line in block.strip().splitlines() if line.strip()]
    assert len(lines) == 2
    assert "pytest" in lines[1] and "ruff check" in lines[1]
