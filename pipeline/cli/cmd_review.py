"""`claimtrack review list|accept|reject`: the linker's suggestions, decided by people.

Thin calls of `pipeline.review`; the table and CSV are built here from the
models it returns. Nothing here loads the NLP.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from pipeline.cli import render as output
from pipeline.cli.cmd_links import StanceChoice
from pipeline.cli.common import MAX_ROWS, TableJsonCsv, TextJson, ledger

if TYPE_CHECKING:
    from claims.models import Claim
    from claims.review_store import Suggestion
    from pipeline.review import Decision

review_app = typer.Typer(
    no_args_is_help=True,
    help="The review queue: the linker's unsure links (suggestions) count for no status until accepted.",
)


class Order(StrEnum):
    newest = "newest"
    confidence = "confidence"


@review_app.command("list")
def review_list(
    order: Annotated[Order, typer.Option("--order", help="newest first, or most confident first")] = Order.newest,
    limit: Annotated[int | None, typer.Option("--limit", min=1, max=MAX_ROWS)] = None,
    fmt: Annotated[TableJsonCsv, typer.Option("--format")] = TableJsonCsv.table,
) -> None:
    """List the pending suggestions with both claims, the stance, the confidence and why."""
    from pipeline.review import list_suggestions

    found = list_suggestions(ledger(), order=order.value, limit=limit)
    if fmt is TableJsonCsv.json:
        output.echo(output.dump_json([suggestion_json(s) for s in found]))
    elif fmt is TableJsonCsv.csv:
        sys.stdout.write(suggestions_csv(found))
    else:
        output.console.print(suggestions_table(found))


def _by(value: str) -> str:
    if not value.strip():
        raise typer.BadParameter("give the name of the person deciding")
    return value


By = Annotated[str, typer.Option("--by", help="Who decides (required).", callback=_by)]
Note = Annotated[str | None, typer.Option("--note", help="Why (kept with the decision).")]


@review_app.command("accept")
def review_accept(
    suggestion: Annotated[str, typer.Argument(metavar="ID", help="A suggestion id (or unique prefix).")],
    by: By,
    note: Note = None,
    stance: Annotated[StanceChoice | None, typer.Option("--stance", help="Accept it as this stance.")] = None,
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Accept a suggestion: from now on it counts for status (optionally as another stance)."""
    from pipeline.review import accept

    show(accept(ledger(), suggestion, by=by, note=note, stance=stance.value if stance else None), fmt)


@review_app.command("reject")
def review_reject(
    suggestion: Annotated[str, typer.Argument(metavar="ID", help="A suggestion id (or unique prefix).")],
    by: By,
    note: Note = None,
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Reject a suggestion: the linker never proposes this pair again."""
    from pipeline.review import reject

    show(reject(ledger(), suggestion, by=by, note=note), fmt)


def show(decision: Decision, fmt: TextJson) -> None:
    if fmt is TextJson.json:
        output.echo(output.dump_json(decision))
        return
    link = decision.link
    what = "rejected" if link.rejected else f"accepted: {link.from_id} {link.stance} {link.to_id}"
    output.echo(f"{decision.id} {what} ({link.to_id} is {decision.status})")


def _claim_cell(claim: Claim) -> str:
    date = f", {claim.claim_date}" if claim.claim_date else ""
    text = output.term(claim.text)
    text = text if len(text) <= 100 else text[:97] + "..."
    return f"{output.term(claim.claimant) or 'the article'}{date}: {text}"


def _confidence(s: Suggestion) -> str:
    return "" if s.confidence is None else f"{s.confidence:.2f}"


def suggestions_table(found: list[Suggestion]) -> Table:
    table = Table(title=f"{len(found)} pending suggestions", show_lines=True)
    for name in ("id", "stance", "conf", "later claim", "earlier claim", "why"):
        table.add_column(name, overflow="fold")
    for s in found:
        cells = (s.id, s.stance, _confidence(s), _claim_cell(s.from_claim), _claim_cell(s.to_claim), s.reason or "")
        table.add_row(*(Text(output.term(c)) for c in cells))
    return table


def suggestion_json(s: Suggestion) -> dict[str, Any]:
    """A suggestion in the CLI's JSON: the two claims as `claims list` shows them."""
    data = s.model_dump(mode="json", exclude={"from_claim", "to_claim"})
    data["from_claim"], data["to_claim"] = output.claim_json(s.from_claim), output.claim_json(s.to_claim)
    return data


CSV_FIELDS = (
    "id", "stance", "confidence", "reason", "suggested_at",
    "from_id", "from_claimant", "from_date", "from_text", "to_id", "to_claimant", "to_date", "to_text",
)


def suggestions_csv(found: list[Suggestion]) -> str:
    from reports.csv import write_csv

    def side(prefix: str, c: Claim) -> dict[str, str]:
        date = str(c.claim_date) if c.claim_date else ""
        return {f"{prefix}_id": c.id or "", f"{prefix}_claimant": c.claimant or "", f"{prefix}_date": date,
                f"{prefix}_text": c.text}

    return write_csv(
        CSV_FIELDS,
        (
            {
                "id": s.id, "stance": s.stance, "confidence": _confidence(s), "reason": s.reason or "",
                "suggested_at": s.suggested_at.isoformat() if s.suggested_at else "",
                **side("from", s.from_claim), **side("to", s.to_claim),
            }
            for s in found
        ),
    )
