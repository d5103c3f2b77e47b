"""`claimtrack claims add|list|show`: log claims by hand and read them back."""

from __future__ import annotations

import sys
from typing import Annotated, cast

import typer

from claims.errors import InvalidInput
from pipeline.cli import render as output
from pipeline.cli.common import MAX_ROWS, TableJsonCsv, TextJson, ledger, parse_date, settings

claims_app = typer.Typer(no_args_is_help=True, help="Log, list and show claims.")


@claims_app.command("add")
def claims_add(
    text: Annotated[str, typer.Option("--text", help="The claim, as a proposition.")],
    claimant: Annotated[str, typer.Option("--claimant", help="Who made the claim.")],
    role: Annotated[str | None, typer.Option("--role", help="The claimant's role.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When the claim was made (ISO, partial ok).")] = None,
    source_url: Annotated[str | None, typer.Option("--source-url", callback=output.url_option)] = None,
    source_title: Annotated[str | None, typer.Option("--source-title")] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Attach to this stored source (an id or unique prefix).")
    ] = None,
    no_link: Annotated[
        bool, typer.Option("--no-link", help="Store it without linking (faster: the NLP is not loaded).")
    ] = False,
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Log a claim by hand and link it as ingest links claims; prints its id.

    A repeat of the same claimant's earlier claim becomes an appearance of it: the earlier id is printed.
    """
    from pipeline.manual import log_claim, manual_claim

    claim = manual_claim(text, claimant, role=role, date=date)  # checked before the ledger is opened
    led = ledger()
    claim = log_claim(
        led, claim, source_url=source_url, source_title=source_title, source_id=source, link=not no_link,
        model=settings().spacy_model,
    )
    if fmt is TextJson.json:
        assert claim.id is not None
        output.echo(output.dump_json(output.claim_json(led.get_claim(claim.id))))
    else:
        output.echo(claim.id or "")


@claims_app.command("list")
def claims_list(
    status: Annotated[str | None, typer.Option("--status", help="unverified|corroborated|disputed|rated")] = None,
    claimant: Annotated[str | None, typer.Option("--claimant")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    until: Annotated[str | None, typer.Option("--until")] = None,
    entity: Annotated[str | None, typer.Option("--entity")] = None,
    undated: Annotated[bool, typer.Option("--undated", help="Only claims without a date.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, max=MAX_ROWS)] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, max=MAX_ROWS)] = 0,
    fmt: Annotated[TableJsonCsv, typer.Option("--format")] = TableJsonCsv.table,
    include_retracted: Annotated[
        bool, typer.Option("--include-retracted", help="Also list retracted and merged-away claims.")
    ] = False,
) -> None:
    """List claims, in claim-date order."""
    from claims.models import STATUSES, ClaimFilter, Status

    if status is not None and status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    flt = ClaimFilter(
        status=cast(Status | None, status),  # checked against STATUSES above
        claimant=claimant,
        since=parse_date(since),
        until=parse_date(until),
        entity=entity.casefold() if entity else None,
        undated=undated,
        limit=limit,
        offset=offset,
        include_retracted=include_retracted,
    )
    found = ledger().claims(flt)
    if fmt is TableJsonCsv.json:
        output.echo(output.dump_json([output.claim_json(c) for c in found]))
    elif fmt is TableJsonCsv.csv:
        sys.stdout.write(output.claims_csv(found))
    else:
        output.console.print(output.claims_table(found, title=f"{len(found)} claims"))


@claims_app.command("show")
def claims_show(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id or unique prefix.")],
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Show one claim with its verdict and link history."""
    detail = ledger().claim_detail(claim_id)
    if fmt is TextJson.json:
        output.echo(output.dump_json(detail.model_dump(mode="json", exclude={"lemmas"})))
    else:
        output.echo(output.claim_text(detail))


# Curation's commands (edit, retract, merge, ...) belong to this group but live in their own module.
from pipeline.cli import cmd_curation  # noqa: E402

cmd_curation.register(claims_app)
