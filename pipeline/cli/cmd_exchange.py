"""`claimtrack export|import claimreview|averitec`: fact-checks in and out in exchange formats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claims.errors import InvalidInput
from pipeline.cli import render as output
from pipeline.cli.common import ledger, settings, write_out

if TYPE_CHECKING:
    from claims.imports import ImportResult

export_app = typer.Typer(no_args_is_help=True, help="Export the ledger in exchange formats.")
import_app = typer.Typer(no_args_is_help=True, help="Import claims and verdicts from exchange formats.")


@export_app.command("claimreview")
def export_claimreview_cmd(
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    org_name: Annotated[
        str | None, typer.Option("--org-name", help="Publishing organisation (default: `config set org.name`).")
    ] = None,
    org_url: Annotated[
        str | None,
        typer.Option(
            "--org-url",
            help="The organisation's http(s) URL (default: `config set org.url`).",
            callback=output.url_option,
        ),
    ] = None,
) -> None:
    """schema.org ClaimReview JSON-LD for every rated claim with a fact-check URL (the others are listed)."""
    from reports.claimreview import claimreview_json, export_claimreviews

    result = export_claimreviews(ledger(), org_name=org_name, org_url=org_url)
    write_out(claimreview_json(result.items), out)
    for skipped in result.skipped:
        typer.echo(output.safe_message(f"skipped {skipped.claim_id}: {skipped.reason}"), err=True)
    if out is not None or result.skipped:
        typer.echo(f"exported {len(result.items)} ClaimReview(s), skipped {len(result.skipped)}", err=True)


@import_app.command("claimreview")
def import_claimreview_cmd(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="HTML pages, JSON-LD or API responses.")],
    no_link: Annotated[bool, typer.Option("--no-link", help="Do not link to claims already in the ledger.")] = False,
) -> None:
    """Import ClaimReview fact-checks as claims with verdicts, linked to matching claims."""
    from pipeline.importers import import_files
    from reports.claimreview_import import claimreview_entries, file_failures

    for path in files:
        if not path.is_file():
            raise InvalidInput(f"no such file: {path}")
    result = import_files(ledger(), files, claimreview_entries, link=not no_link, model=settings().spacy_model)
    print_import(result)
    failures = file_failures(result.skipped)
    for failure in failures:
        typer.echo(output.safe_message(f"Error: {failure.file}: {failure.reason}"), err=True)
    if failures:
        raise typer.Exit(1)


@import_app.command("averitec")
def import_averitec_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An AVeriTeC JSON file (e.g. dev.json).")],
    link: Annotated[
        bool,
        typer.Option(
            "--link/--no-link",
            help="Annotate the claims and link them to matching claims in the ledger, as ingest does (the default);"
            " --no-link stores them without the retrieval data linking needs (faster).",
        ),
    ] = True,
) -> None:
    """Bulk-import AVeriTeC fact-checks (one transaction): claims, verdicts and evidence URLs, linked."""
    from pipeline.importers import import_files
    from reports.averitec import averitec_entries

    if not file.is_file():
        raise InvalidInput(f"no such file: {file}")
    # The whole file is read (and refused if unreadable) before any write; then one transaction.
    print_import(import_files(ledger(), [file], averitec_entries, link=link, model=settings().spacy_model))


def print_import(result: ImportResult) -> None:
    """The import's counts, then every skipped item and note with its reason."""
    output.echo(f"imported {result.imported}, skipped {len(result.skipped)}")
    for item in result.skipped:
        output.echo(output.term(f"  skipped {item.file} › {item.item}: {item.reason}"))
    for item in result.notes:
        output.echo(output.term(f"  note {item.file} › {item.item}: {item.reason}"))
