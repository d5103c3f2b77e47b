"""The `claimtrack` command line: thin commands over the library.

Each command parses its options, calls one library function that returns
pydantic models, and hands them to a renderer. Errors the user can cause
(`ClaimtrackError`, validation errors) become a one-line message on stderr and
exit code 1; usage errors exit 2 (Click's convention). No traceback reaches a user.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pydantic
import sqlalchemy as sa
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

from claims.dates import PartialDate
from claims.errors import ClaimtrackError, InvalidInput
from claims.ids import content_hash, stable_id
from claims.ledger import Ledger
from claims.models import STATUSES, Claim, ClaimFilter, Source
from claims.text import visible
from pipeline.cli import render as output


class SafeGroup(TyperGroup):
    """The root command group: turns expected errors into one line and an exit code."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        # Python hands undecodable argv bytes over as lone surrogates, which no database or terminal
        # can encode; refuse them here, once, rather than fail deep inside a command.
        given = list(sys.argv[1:] if args is None else args)
        for n, arg in enumerate(given, 1):
            if isinstance(arg, str) and any("\ud800" <= ch <= "\udfff" for ch in arg):
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                typer.echo(f"Error: argument {n} ({shown}) is not valid UTF-8", err=True)
                sys.exit(2)
        return super().main(given, *rest, **kwargs)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ClaimtrackError as exc:
            _fail(str(exc), exc.exit_code)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            msg = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
            _fail(f"invalid {where}: {msg}" if where else msg)
        except sa.exc.SQLAlchemyError as exc:
            text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            _fail(f"database error: {text[0] if text else type(exc).__name__}")
        except OSError as exc:
            _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


app = typer.Typer(
    cls=SafeGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Track dated, attributed claims and the evidence for and against them.",
)
claims_app = typer.Typer(no_args_is_help=True, help="Log, list and show claims.")
sources_app = typer.Typer(no_args_is_help=True, help="List and show ingested sources.")
report_app = typer.Typer(no_args_is_help=True, help="Reports: disputed claims, status.")
db_app = typer.Typer(no_args_is_help=True, help="Ledger maintenance: migrate, export, import.")
export_app = typer.Typer(no_args_is_help=True, help="Export the ledger in exchange formats.")
import_app = typer.Typer(no_args_is_help=True, help="Import claims and verdicts from exchange formats.")
app.add_typer(claims_app, name="claims")
app.add_typer(sources_app, name="sources")
app.add_typer(report_app, name="report")
app.add_typer(db_app, name="db")
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


class _State:
    db: str | None = None
    _ledger: Ledger | None = None


state = _State()


def ledger(*, check_schema: bool = True) -> Ledger:
    """The ledger named by --db / CLAIMTRACK_DB, opened once per command."""
    if state._ledger is None:
        try:
            state._ledger = Ledger.open(state.db, check_schema=check_schema)
        except ValueError as exc:  # URL parsing; never echo the URL itself: it may hold a password
            why = "its port is not a number" if "int()" in str(exc) or "port" in str(exc).lower() else "cannot parse it"
            raise InvalidInput(f"--db is not a valid database path or URL: {why}") from None
    return state._ledger


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="CLAIMTRACK_DB", help="Ledger: an SQLite path or a postgresql:// URL."),
    ] = None,
) -> None:
    state.db = db
    state._ledger = None

    def _close() -> None:
        if state._ledger is not None:
            state._ledger.close()
            state._ledger = None

    ctx.call_on_close(_close)


def parse_date(value: str | None) -> PartialDate | None:
    """A `PartialDate` from an option, or None when not given; raises InvalidDate quoting the value."""
    if value is None or value == "":
        return None
    return PartialDate.parse(value)


# The largest --limit/--offset: a signed 64-bit integer is what SQLite and PostgreSQL accept.
MAX_ROWS = 2**63 - 1


class TextJson(StrEnum):
    text = "text"
    json = "json"


class TableJson(StrEnum):
    table = "table"
    json = "json"


class TableJsonCsv(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class StanceChoice(StrEnum):
    supports = "supports"
    contradicts = "contradicts"
    related = "related"


# -- claims -------------------------------------------------------------------------


@claims_app.command("add")
def claims_add(
    text: Annotated[str, typer.Option("--text", help="The claim, as a proposition.")],
    claimant: Annotated[str, typer.Option("--claimant", help="Who made the claim.")],
    role: Annotated[str | None, typer.Option("--role", help="The claimant's role.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When the claim was made (ISO, partial ok).")] = None,
    source_url: Annotated[str | None, typer.Option("--source-url")] = None,
    source_title: Annotated[str | None, typer.Option("--source-title")] = None,
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Log a claim by hand; prints its id."""
    if not visible(text):
        raise InvalidInput("claim text is empty (no visible characters)")
    if not visible(claimant):
        raise InvalidInput("claimant is empty (no visible characters)")
    claim_date = parse_date(date)
    led = ledger()
    with led.transaction() as conn:
        source_id = None
        if source_url or source_title:
            source_id = _manual_source(led, conn, source_url, source_title)
        claim = led.add_claim(
            Claim(text=text, claimant=claimant.strip(), claimant_role=role, claim_date=claim_date, source_id=source_id),
            conn,
        )
    if fmt is TextJson.json:
        output.echo(output.dump_json(output.claim_json(led.get_claim(claim.id))))
    else:
        output.echo(claim.id)


def _manual_source(led: Ledger, conn: sa.Connection, url: str | None, title: str | None) -> str:
    """Find or create the source a hand-logged claim cites."""
    if url:
        existing = led.latest_revision(url, conn)
        if existing is not None:
            return existing.id
    digest = content_hash(f"{url or ''}\n{title or ''}")
    found = led.find_source(digest, conn)
    if found is not None:
        return found.id
    source = Source(id=stable_id("s", digest), title=title, url=url, kind="manual", text="", content_hash=digest)
    return led.add_source(source, conn).id


@claims_app.command("list")
def claims_list(
    status: Annotated[str | None, typer.Option("--status", help="unverified|corroborated|disputed|rated")] = None,
    claimant: Annotated[str | None, typer.Option("--claimant")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    until: Annotated[str | None, typer.Option("--until")] = None,
    entity: Annotated[str | None, typer.Option("--entity")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, max=MAX_ROWS)] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, max=MAX_ROWS)] = 0,
    fmt: Annotated[TableJsonCsv, typer.Option("--format")] = TableJsonCsv.table,
) -> None:
    """List claims, in claim-date order."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    flt = ClaimFilter(
        status=status,
        claimant=claimant,
        since=parse_date(since),
        until=parse_date(until),
        entity=entity.casefold() if entity else None,
        limit=limit,
        offset=offset,
    )
    found = ledger().list_claims(flt)
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


# -- links and verdicts ---------------------------------------------------------------


@app.command("link")
def link_cmd(
    from_id: Annotated[str, typer.Argument(metavar="FROM_ID")],
    to_id: Annotated[str, typer.Argument(metavar="TO_ID")],
    stance: Annotated[StanceChoice | None, typer.Option("--stance", help="How FROM bears on TO.")] = None,
    reject: Annotated[bool, typer.Option("--reject", help="Record that this link is wrong.")] = False,
    note: Annotated[str | None, typer.Option("--note")] = None,
    by: Annotated[str | None, typer.Option("--by")] = None,
) -> None:
    """Link FROM to TO as evidence (FROM supports/contradicts TO), or reject a link."""
    if reject == (stance is not None):
        raise typer.BadParameter("give exactly one of --stance or --reject")
    led = ledger()
    if reject:
        link = led.reject_link(from_id, to_id, by=by)
        output.echo(f"rejected {link.from_id} → {link.to_id}")
    else:
        assert stance is not None
        link = led.link(from_id, to_id, stance.value, origin="manual", note=note, by=by)
        assert link is not None
        output.echo(f"{link.from_id} {link.stance} {link.to_id}")


@app.command("relink")
def relink_cmd() -> None:
    """Recompute every automatic link; manual links and rejections stay. Running it twice changes nothing."""
    from pipeline.linking.link import relink

    s = relink(ledger())
    output.echo(
        f"relinked {s.claims} claims: {s.added} added, {s.changed} changed, {s.removed} removed, "
        f"{s.unchanged} unchanged, {s.refused} left to people"
    )


@app.command("verdict")
def verdict_cmd(
    claim_id: Annotated[str, typer.Argument(metavar="ID")],
    rating: Annotated[str, typer.Argument(help="true|mostly-true|mixed|misleading|mostly-false|false|unproven")],
    rationale: Annotated[str | None, typer.Option("--rationale")] = None,
    by: Annotated[str | None, typer.Option("--by")] = None,
    evidence: Annotated[list[str] | None, typer.Option("--evidence", help="An evidence URL (repeatable).")] = None,
) -> None:
    """Rate a claim. A new verdict replaces the current one; the history is kept."""
    verdict = ledger().rate(claim_id, rating, rationale=rationale, by=by, evidence=evidence or [])
    output.echo(f"{verdict.claim_id} rated {verdict.rating}")


# -- sources --------------------------------------------------------------------------


@sources_app.command("list")
def sources_list(fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table) -> None:
    """List sources (articles, and the comments and pingbacks under them)."""
    found = ledger().list_sources()
    if fmt is TableJson.json:
        output.echo(output.dump_json([s.model_dump(mode="json", exclude={"text"}) for s in found]))
    else:
        output.console.print(output.sources_table(found))


@sources_app.command("show")
def sources_show(
    source_id: Annotated[str, typer.Argument(metavar="ID")],
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Show one source with its text."""
    source = ledger().get_source(source_id)
    if fmt is TextJson.json:
        output.echo(output.dump_json(source))
    else:
        output.echo(output.source_text(source))


# -- dates ----------------------------------------------------------------------------


@app.command("dates")
def dates_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Files, directories (recursive) or - for stdin.")
    ],
    published: Annotated[str | None, typer.Option("--published", help="Publication date (overrides the file).")] = None,
    fmt: Annotated[TableJson, typer.Option("--format")] = TableJson.table,
) -> None:
    """Show every temporal expression of the files, resolved (stores nothing)."""
    from pipeline.dates import dates_table, find_dates, read_files

    found = find_dates(read_files(paths, parse_date(published)))
    if fmt is TableJson.json:
        output.echo(output.dump_json(found))
    else:
        output.console.print(dates_table(found))


# -- ingest ---------------------------------------------------------------------------


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, directories (recursive) or - for stdin.")
    ],
    published: Annotated[str | None, typer.Option("--published", help="Publication date (overrides the file).")] = None,
    url: Annotated[str | None, typer.Option("--url")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet")] = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
    author: Annotated[str | None, typer.Option("--author")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parse in N processes.")] = 1,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", min=1, help="Largest file accepted (default 20 MB).")
    ] = None,
    no_link: Annotated[bool, typer.Option("--no-link", help="Store claims without linking them.")] = False,
    fmt: Annotated[TextJson, typer.Option("--format")] = TextJson.text,
) -> None:
    """Read articles, extract dated, attributed claims and link them to the ledger."""
    from pipeline.ingest import IngestOptions, count_inputs, ingest_paths
    from sources.document import Overrides

    overrides = Overrides(published=published, url=url, outlet=outlet, title=title, author=author)
    options = IngestOptions(overrides=overrides, max_bytes=max_bytes, workers=workers, link=not no_link)
    led = ledger()
    total = count_inputs(paths) if "-" not in paths else 1
    # Only JSON output lists what was stored; the text summary counts, so memory stays flat over any corpus.
    keep = fmt is TextJson.json
    if total > 1 and fmt is TextJson.text:
        with Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=output.err_console,
            transient=True,
        ) as bar:
            task = bar.add_task("ingest", total=total)
            result = ingest_paths(led, paths, options, progress=lambda n: bar.update(task, completed=n), keep=keep)
    else:
        result = ingest_paths(led, paths, options, keep=keep)
    for failure in result.failed:
        typer.echo(f"Error: {failure.message}", err=True)
    summary = {
        "added": result.count("added") + result.count("revised"),
        "revised": result.count("revised"),
        "unchanged": result.count("unchanged"),
        "failed": result.count("failed"),
        "claims": sum(f.claims for f in result.files),
        "links": result.links,
        "merged": result.merged,
    }
    if fmt is TextJson.json:
        claims = led.hydrate_ids([c.id for c in result.claims]) if result.claims else []
        data = {
            "summary": summary,
            "sources": [s.model_dump(mode="json") for s in result.sources],
            "claims": [output.claim_json(c) for c in claims],
        }
        output.echo(output.dump_json(data))
    else:
        output.echo(
            f"sources added: {summary['added']} (revised: {summary['revised']}), unchanged: {summary['unchanged']}, "
            f"failed: {summary['failed']}; claims: {summary['claims']}, links: {summary['links']}"
        )
    if result.failed:
        raise typer.Exit(1)


# -- reports --------------------------------------------------------------------------


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"


class StatusFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


@report_app.command("disputed")
def report_disputed(
    fmt: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.md,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Claims made on or after this date.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Claims made on or before this date.")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Claims about this entity.")] = None,
    claimant: Annotated[str | None, typer.Option("--claimant", help="Claims by this claimant.")] = None,
    include_rated: Annotated[
        bool, typer.Option("--include-rated", help="Also show disputed claims that now have a verdict.")
    ] = False,
) -> None:
    """Disputed claims with the evidence for and against them (HTML adds a timeline per claim)."""
    from reports.disputed import build_disputed_report
    from reports.render import render_disputed

    report = build_disputed_report(
        ledger(),
        since=parse_date(since),
        until=parse_date(until),
        entity=entity,
        claimant=claimant,
        include_rated=include_rated,
    )
    _write(render_disputed(report, fmt.value), out)


@report_app.command("status")
def report_status(
    fmt: Annotated[StatusFormat, typer.Option("--format")] = StatusFormat.md,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Counts by status, claims per month, most disputed claimants and entities, verdicts by rating."""
    from reports.render import render_status
    from reports.status import build_status_report

    _write(render_status(build_status_report(ledger()), fmt.value), out)


@export_app.command("claimreview")
def export_claimreview_cmd(
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    org_name: Annotated[str | None, typer.Option("--org-name", help="Publishing organisation (author).")] = None,
    org_url: Annotated[str | None, typer.Option("--org-url", help="The organisation's URL.")] = None,
) -> None:
    """schema.org ClaimReview JSON-LD for every rated claim."""
    from reports.claimreview import claimreview_json, export_claimreview

    items = export_claimreview(ledger(), org_name=org_name, org_url=org_url)
    _write(claimreview_json(items), out)
    if out is not None:
        typer.echo(f"exported {len(items)} ClaimReview(s)", err=True)


@import_app.command("claimreview")
def import_claimreview_cmd(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="HTML pages, JSON-LD or API responses.")],
    no_link: Annotated[bool, typer.Option("--no-link", help="Do not link to claims already in the ledger.")] = False,
) -> None:
    """Import ClaimReview fact-checks as claims with verdicts, linked to matching claims."""
    from reports.claimreview_import import file_failures, import_claimreview

    for path in files:
        if not path.is_file():
            raise InvalidInput(f"no such file: {path}")
    hooks: dict[str, Any] = {} if no_link else {"prepare": _annotate_claims, "on_stored": _link_imported}
    result = import_claimreview(ledger(), files, **hooks)
    _print_import(result)
    failures = file_failures(result)
    for failure in failures:
        typer.echo(f"Error: {failure.file}: {failure.reason}", err=True)
    if failures:
        raise typer.Exit(1)


@import_app.command("averitec")
def import_averitec_cmd(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An AVeriTeC JSON file (e.g. dev.json).")],
) -> None:
    """Bulk-import AVeriTeC fact-checks (one transaction): claims, verdicts and evidence URLs."""
    from reports.averitec import import_averitec

    if not file.is_file():
        raise InvalidInput(f"no such file: {file}")
    _print_import(import_averitec(ledger(), file))


def _annotate_claims(claims: list[Claim]) -> list[Claim]:
    """Entities and lemmas for imported claims, the way extraction computes them, so retrieval finds them."""
    from pipeline.nlp.claims.component import ENTITY_LABELS, LEMMA_POS
    from pipeline.nlp.claims.polarity import polarity
    from pipeline.nlp.entities import normalise_all
    from pipeline.nlp.model import load_model

    nlp = load_model()
    out = []
    for claim, doc in zip(claims, nlp.pipe(c.text for c in claims), strict=True):
        entities = normalise_all((e.text, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS)
        lemmas = sorted({t.lemma_.lower() for t in doc if t.pos_ in LEMMA_POS and not t.is_stop})
        update = {"entities": entities, "lemmas": lemmas, "polarity": polarity(doc[:])}
        out.append(claim.model_copy(update=update))
    return out


def _link_imported(led: Ledger, conn: sa.Connection, claims: list[Claim]) -> dict[str, str]:
    from pipeline.linking.link import link_new_claims

    return link_new_claims(led, claims, conn).merged_into


def _print_import(result: Any) -> None:
    """The import's counts, then every skipped item and note with its reason."""
    output.echo(f"imported {result.imported}, skipped {len(result.skipped)}")
    for item in result.skipped:
        output.echo(f"  skipped {item.file} › {item.item}: {item.reason}")
    for item in result.notes:
        output.echo(f"  note {item.file} › {item.item}: {item.reason}")


def _write(text: str, out: Path | None) -> None:
    """Write report text to --out (atomically) or stdout."""
    if out is None:
        output.echo(text)
        return
    if not out.parent.exists():
        raise InvalidInput(f"output directory {out.parent} does not exist")
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    tmp.replace(out)
    typer.echo(f"wrote {out}", err=True)


# -- db ---------------------------------------------------------------------------------


@db_app.command("migrate")
def db_migrate() -> None:
    """Upgrade the ledger's schema in place (one transaction)."""
    done = ledger(check_schema=False).migrate()
    output.echo(f"applied: {', '.join(done)}" if done else "the ledger is up to date")


@db_app.command("export")
def db_export(file: Annotated[Path, typer.Argument(metavar="FILE", help="JSON Lines file to write.")]) -> None:
    """Write the whole ledger (history included) to a JSON Lines file."""
    from claims.backup import export_file

    counts = export_file(ledger(), file)
    output.echo(f"exported {sum(counts.values())} rows ({counts.get('claims', 0)} claims) to {file}")


@db_app.command("import")
def db_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="JSON Lines file from `db export`.")],
    force: Annotated[bool, typer.Option("--force", help="Replace a ledger that is not empty.")] = False,
) -> None:
    """Load a `db export` file into an empty ledger (one transaction)."""
    from claims.backup import import_file

    counts = import_file(ledger(), file, force=force)
    output.echo(f"imported {sum(counts.values())} rows ({counts.get('claims', 0)} claims) from {file}")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="claimtrack")


if __name__ == "__main__":
    main()
