"""`claimtrack link|relink|verdict`: evidence between claims, and fact-checkers' verdicts."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from pipeline.cli import render as output
from pipeline.cli.common import ledger, parse_day


class StanceChoice(StrEnum):
    """The stances a person links with ("related" is gone: no status rule ever used it)."""

    supports = "supports"
    contradicts = "contradicts"


def link_cmd(
    from_id: Annotated[str, typer.Argument(metavar="FROM_ID")],
    to_id: Annotated[str, typer.Argument(metavar="TO_ID")],
    stance: Annotated[StanceChoice | None, typer.Option("--stance", help="How FROM bears on TO.")] = None,
    reject: Annotated[bool, typer.Option("--reject", help="Record that this link is wrong.")] = False,
    note: Annotated[str | None, typer.Option("--note", help="Why (kept with the link or the rejection).")] = None,
    by: Annotated[str | None, typer.Option("--by")] = None,
) -> None:
    """Link FROM to TO as evidence (FROM supports/contradicts TO), or reject a link."""
    if reject == (stance is not None):
        raise typer.BadParameter("give exactly one of --stance or --reject")
    led = ledger()
    if reject:
        rejected = led.reject_link(from_id, to_id, by=by, note=note)
        output.echo(f"rejected {rejected.from_id} → {rejected.to_id}")
    else:
        assert stance is not None
        link = led.link(from_id, to_id, stance.value, origin="manual", note=note, by=by)
        assert link is not None  # a manual link is never refused
        output.echo(f"{link.from_id} {link.stance} {link.to_id}")


def relink_cmd() -> None:
    """Recompute every automatic and suggested link; people's decisions stay. Running it twice changes nothing.

    Every removal is recorded in the claims' history (`claims show`).
    """
    from pipeline.linking.link import relink

    s = relink(ledger())
    output.echo(
        f"relinked {s.claims} claims: {s.added} added, {s.changed} changed, {s.removed} removed, "
        f"{s.unchanged} unchanged, {s.refused} left to people; {s.suggested} of the links are suggestions to review"
    )


def verdict_cmd(
    claim_id: Annotated[str, typer.Argument(metavar="ID")],
    rating: Annotated[
        str,
        typer.Argument(
            help="true|mostly-true|mixed|misleading|mostly-false|false|unproven (any case; 'Mostly True' works)"
        ),
    ],
    rationale: Annotated[str | None, typer.Option("--rationale")] = None,
    by: Annotated[str | None, typer.Option("--by")] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option("--evidence", help="An evidence http(s) URL (repeatable).", callback=output.url_option),
    ] = None,
    review_url: Annotated[
        str | None,
        typer.Option("--review-url", help="The published fact-check's http(s) URL.", callback=output.url_option),
    ] = None,
    review_title: Annotated[str | None, typer.Option("--review-title", help="The fact-check's headline.")] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="When the fact-check was published, YYYY-MM-DD (default: today)."),
    ] = None,
) -> None:
    """Rate a claim. A new verdict replaces the current one; the history is kept."""
    day = parse_day(published, "--published")  # checked before the ledger is opened
    verdict = ledger().rate(
        claim_id, rating, rationale=rationale, by=by, evidence=evidence or [],
        review_url=review_url, review_title=review_title, published=day,
    )
    output.echo(f"{verdict.claim_id} rated {verdict.rating}")


def register(app: typer.Typer) -> None:
    """These are top-level commands (`claimtrack link ...`), not a group."""
    app.command("link")(link_cmd)
    app.command("relink")(relink_cmd)
    app.command("verdict")(verdict_cmd)
