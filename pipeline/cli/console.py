"""The Rich consoles that tables go through, built on first use.

Rich costs a tenth of a command's start-up, and only the commands that print a
table need it (`claims show`, `verdict` and the reports print plain text), so
`pipeline.cli.render` hands out `console` and `err_console` from here when a
command first asks for them. See `render`'s docstring for why stored text is
never read as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.cli.render import term, term_block


class SafeConsole(Console):
    """A Rich console that shows stored text literally (no markup, emoji codes or control characters)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **kwargs)

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().print(*(_safe_renderable(o) for o in objects), **kwargs)


def _safe_renderable(obj: Any) -> Any:
    """Strings become cleaned `Text`; a table's string cells and title likewise, whoever built it."""
    if isinstance(obj, str):
        return Text(term_block(obj))
    if isinstance(obj, Table):
        if isinstance(obj.title, str):
            obj.title = Text(term(obj.title))
        for column in obj.columns:
            column._cells = [Text(term(c)) if isinstance(c, str) else c for c in column._cells]
    return obj


console = SafeConsole(soft_wrap=False)
err_console = SafeConsole(stderr=True)
