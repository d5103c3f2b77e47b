"""Hostile strings for the output-safety tests, and a ledger filled with them through the real CLI.

Each string is one kind of attack on one kind of output: Rich markup and
terminal escapes (terminal), HTML/JS (HTML reports and JSON-LD pasted into
pages), spreadsheet formulas and line breaks (CSV), Markdown links, and
invisible or reordering characters.
"""

from __future__ import annotations

import sqlalchemy as sa
from typer.testing import CliRunner

from claims import schema
from claims.ledger import resolve_url
from pipeline.cli.app import app

PWN = "window.__pwned=1"

HOSTILE: dict[str, str] = {
    "markup": "[/b] [bold red]loud[/] [link=https://evil.example]Official[/link] :warning:",
    "ansi": "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[2J \x9b31m \x07",
    "script": f"</script><script>{PWN}</script>",
    "img": f'"><img src=x onerror="{PWN}">',
    "svg": f"<svg onload={PWN}>",
    "formula": '=HYPERLINK("https://evil.example","x")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1+1)",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "crlf": "first\r\n=1+1\rsecond\nthird",
    "zero": "zero\u200bwidth\u2060joined\ufeff",
    "rtl": "invoice\u202egnp.exe",
    "md": "[click](javascript:alert(1)) <javascript:alert(1)> ![i](https://evil.example/p.png)",
    "spaces": "   =1+1",
    "fullwidth": "\uff1d1+1",
}

# Every character that must never reach a terminal raw.
TERMINAL_FORBIDDEN = "\x1b\x9b\x07\r\x08\u202e\u200b\u2060\ufeff"
FORMULA_START = tuple("=+-@\t\r\uff1d")

runner = CliRunner()


def cli(db: str, *args: str, code: int = 0) -> str:
    """Run the command line; return stdout (stderr when a failure is expected)."""
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr)
    return result.stdout if code == 0 else result.stderr


def hostile_ledger(db: str) -> list[str]:
    """One disputed, rated claim thread per hostile string; returns the claim ids (claimed, then answers)."""
    ids: list[str] = []
    for n, (name, value) in enumerate(HOSTILE.items()):
        claim = cli(
            db,
            *("claims", "add", "--text", f"{name} claim {value}", "--claimant", f"{value} {name}"),
            *("--role", value, "--date", f"2023-{n % 12 + 1:02d}"),
            *("--source-url", f"https://news.example.org/{name}", "--source-title", value),
        ).strip()
        answer = cli(db, "claims", "add", "--text", f"{name} answer {value}", "--claimant", f"Other {name}").strip()
        cli(db, "link", answer, claim, "--stance", "contradicts", "--note", value, "--by", value)
        ids += [claim, answer]
    # Half the threads also get a verdict, so the ClaimReview export and the verdict history carry payloads.
    for n, claim in enumerate(ids[::4]):
        cli(db, "verdict", claim, "false", "--rationale", HOSTILE["script"] + HOSTILE["ansi"], "--by", HOSTILE["img"],
            "--review-url", f"https://desk.example/checks/{n}", "--review-title", HOSTILE["script"])
    return ids


def plant_legacy_urls(db: str) -> None:
    """URLs a ledger written before URLs were checked may hold: javascript:, a line break, data:."""
    engine = sa.create_engine(resolve_url(db))
    bad = [
        "javascript:alert(1)",
        "https://ok.example/\n[x](javascript:alert(1))",
        f"data:text/html,<script>{PWN}</script>",
        "java\tscript:alert(1)",
    ]
    with engine.begin() as conn:
        ids = [row[0] for row in conn.execute(sa.select(schema.sources.c.id).order_by(schema.sources.c.id))]
        for source_id, url in zip(ids, bad, strict=False):
            conn.execute(sa.update(schema.sources).where(schema.sources.c.id == source_id).values(url=url))
        first_verdict = conn.execute(sa.select(sa.func.min(schema.verdicts.c.id))).scalar_one()
        conn.execute(
            sa.update(schema.verdicts)
            .where(schema.verdicts.c.id == first_verdict)
            .values(evidence='["javascript:alert(1)", "https://ok.example/e"]')
        )
    engine.dispose()
