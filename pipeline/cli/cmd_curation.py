"""`claimtrack claims edit|retract|restore|merge|unmerge|search`: fix what the machine got wrong, and find claims.

Each command is a thin call of one `pipeline.curation` function (the web desk
calls the same ones); every change is recorded in the claim's history.
"""

from __future__ import annotations

import sys
from typing import Annotated, cast

import typer

from claims.errors import InvalidInput
from pipeline.cli import render as output
from pipeline.cli.common import TableJsonCsv, TextJson, ledger, parse_date

BY = typer.Option("--by", help="Who makes the change (recorded in the history).")


def claims_edit(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id or unique prefix.")],
    by: Annotated[str, BY],
    text: Annotated[str | None, typer.Option("--text", help="The corrected claim text.")] = None,
    claimant: Annotated[str | None, typer.Option("--claimant", help="Who made the claim.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="The claimant's role.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When the claim was made (ISO, partial ok).")] = None,
    polarity: Annotated[str | None, typer.Option("--polarity", help="affirmed|denied")] = None,
    quote: Annotated[str | None, typer.Option("--quote", help="direct|paraphrase")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why (kept in the history).")] = None,
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Correct a claim; the change is recorded and the claim's links are recomputed."""
    from pipeline.curation import ClaimChanges, edit_claim

    changes = ClaimChanges(text=text, claimant=claimant, role=role, date=date, polarity=polarity, quote=quote)
    result = edit_claim(ledger(), claim_id, changes, by, note)
    if fmt is TextJson.json:
        output.echo(output.dump_json(result))
    elif result.event is None:
        output.echo(f"{result.claim.id}: nothing changed")
    else:
        fields = ", ".join(result.event.detail.get("changes", {}))
        links = f"links +{result.links_added} -{result.links_removed} ~{result.links_changed}"
        output.echo(f"{result.claim.id}: edited {fields}; {links}")


def claims_retract(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id or unique prefix.")],
    by: Annotated[str, BY],
    reason: Annotated[str, typer.Option("--reason", help="Why this is not a claim (kept in the history).")],
) -> None:
    """Hide a claim from lists, reports, linking and statuses (kept; `claims restore` undoes it)."""
    from pipeline.curation import retract_claim

    event = retract_claim(ledger(), claim_id, by, reason)
    output.echo(f"{event.claim_id}: retracted")


def claims_restore(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id or unique prefix.")],
    by: Annotated[str, BY],
) -> None:
    """Undo a retraction."""
    from pipeline.curation import restore_claim

    event = restore_claim(ledger(), claim_id, by)
    output.echo(f"{event.claim_id}: restored")


def claims_merge(
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The claim to keep.")],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The duplicate: becomes an appearance of KEEP.")],
    by: Annotated[str, BY],
    note: Annotated[str | None, typer.Option("--note", help="Why (kept in the history).")] = None,
) -> None:
    """Merge a duplicate claim into another: its links, verdicts and appearances come along."""
    from pipeline.curation import merge_claims

    event = merge_claims(ledger(), keep, other, by, note)
    d = event.detail
    output.echo(f"{d['other']} merged into {d['keep']}: {len(d['links'])} links, {len(d['appearances'])} appearances")


def claims_unmerge(
    other: Annotated[str, typer.Argument(metavar="OTHER", help="A claim merged into another.")],
    by: Annotated[str, BY],
) -> None:
    """Undo a merge: the claim stands on its own again."""
    from pipeline.curation import unmerge_claim

    event = unmerge_claim(ledger(), other, by)
    output.echo(f"{event.claim_id}: unmerged from {event.detail['keep']}")


def claims_search(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words of the claim.")],
    status: Annotated[str | None, typer.Option("--status", help="unverified|corroborated|disputed|rated")] = None,
    claimant: Annotated[str | None, typer.Option("--claimant", help="Any name of the claimant.")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    until: Annotated[str | None, typer.Option("--until")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000)] = 20,
    include_retracted: Annotated[bool, typer.Option("--include-retracted")] = False,
    fmt: Annotated[TableJsonCsv, typer.Option("--format")] = TableJsonCsv.table,
) -> None:
    """Full-text search over claim text, best match first."""
    from claims.models import STATUSES, Status
    from pipeline.cli.render_curation import search_csv, search_json, search_table
    from pipeline.curation import search_claims

    if status is not None and status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    hits = search_claims(
        ledger(), text, status=cast(Status | None, status), claimant=claimant, since=parse_date(since),
        until=parse_date(until), limit=limit, include_retracted=include_retracted,
    )
    if fmt is TableJsonCsv.json:
        output.echo(output.dump_json(search_json(hits)))
    elif fmt is TableJsonCsv.csv:
        sys.stdout.write(search_csv(hits))
    else:
        output.console.print(search_table(hits, text))


def register(claims_app: typer.Typer) -> None:
    """Add the curation commands to the `claims` group."""
    claims_app.command("edit")(claims_edit)
    claims_app.command("retract")(claims_retract)
    claims_app.command("restore")(claims_restore)
    claims_app.command("merge")(claims_merge)
    claims_app.command("unmerge")(claims_unmerge)
    claims_app.command("search")(claims_search)
