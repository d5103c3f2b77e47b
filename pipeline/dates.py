"""`claimtrack dates`: every temporal expression of some files, resolved, without storing anything.

Files are read as `ingest` reads them (`sources.loader`): a comment or pingback
is its own source with its own publication date, so its expressions resolve
against that date and its offsets refer to its own text. All texts go through
spaCy in one `nlp.pipe` call, through the same pipeline as `ingest`
(`build_nlp()`, with attribution and claims switched off by `select_pipes`), so
an expression gets the same value in both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict
from rich.table import Table
from spacy.language import Language
from spacy.tokens import Doc

from claims.dates import PartialDate
from pipeline.nlp.build import build_nlp, dates_only
from pipeline.nlp.context.docmeta import make_doc
from pipeline.nlp.temporal.component import SPANS_KEY
from sources.document import Document, Overrides


class DateRecord(BaseModel):
    """One temporal expression as `claimtrack dates --format json` prints it."""

    model_config = ConfigDict(extra="forbid")

    file: str
    text: str
    value: str | None
    modifier: str | None = None
    vague: bool = False
    start: int
    end: int
    anchor: str | None = None


@dataclass(frozen=True)
class DateInput:
    """A text to scan, the name it is reported under and its publication date."""

    name: str
    text: str
    published: PartialDate | None = None


def inputs_of(document: Document, name: str | None = None) -> list[DateInput]:
    """A read document and its comments/pingbacks, each with its own publication date."""
    name = name or document.path or "<stdin>"
    items = [DateInput(name, document.text, document.published)] if document.text.strip() else []
    counts: dict[str, int] = {}
    for child in document.children:
        counts[child.kind] = counts.get(child.kind, 0) + 1
        items += inputs_of(child, f"{name}#{child.kind}-{counts[child.kind]}")
    return items


def read_files(paths: list[str], published: PartialDate | str | None = None) -> list[DateInput]:
    """Read files (and directories, recursively) as `ingest` does; `published` overrides the article's date."""
    from sources.loader import iter_inputs, read_input

    overrides = Overrides(published=str(published) if published else None)
    items: list[DateInput] = []
    for inp in iter_inputs(paths):
        items += inputs_of(read_input(inp, overrides), inp.name)
    return items


def records(item: DateInput, doc: Doc, offset: int = 0) -> list[DateRecord]:
    """The `DateRecord`s of one processed document (`offset`: where `doc` starts in the item's text)."""
    out: list[DateRecord] = []
    for span in doc.spans.get(SPANS_KEY, []):
        date = span._.date
        if date is None:
            continue
        out.append(
            DateRecord(
                file=item.name,
                text=span.text,
                value=date.value,
                modifier=date.modifier,
                vague=date.vague,
                start=span.start_char + offset,
                end=span.end_char + offset,
                anchor=date.anchor,
            )
        )
    return out


def find_dates(
    inputs: Iterable[DateInput | Document | str],
    *,
    published: PartialDate | str | None = None,
    nlp: Language | None = None,
) -> list[DateRecord]:
    """Every temporal expression of `inputs` (texts, read `Document`s or `DateInput`s), in input order.

    `published` is the publication date of bare texts (and of documents that have none).
    """
    base = PartialDate.parse(published) if published else None
    items: list[DateInput] = []
    for n, given in enumerate(inputs, 1):
        if isinstance(given, DateInput):
            items.append(given)
        elif isinstance(given, Document):
            doc = given if given.published or base is None else given.model_copy(update={"published": base})
            items += inputs_of(doc, doc.path or f"<document {n}>")
        else:
            items.append(DateInput(f"<text {n}>", given, base))
    # Texts over the piece limit are parsed in pieces (spaCy refuses over a million characters);
    # every piece resolves against the same publication date and offsets refer to the whole text.
    from pipeline.chunks import is_long, piece_docs

    nlp = nlp or build_nlp()
    out: list[DateRecord] = []
    with dates_only(nlp):  # the ingest pipeline minus attribution and claims: the same values as ingest
        short = (make_doc(nlp, item.text, published=item.published) for item in items if not is_long(item.text))
        parsed = iter(nlp.pipe(short, batch_size=16))  # lazily: one batch of Docs in memory at a time
        for item in items:
            if not is_long(item.text):
                out += records(item, next(parsed))
                continue
            for piece, piece_doc in piece_docs(nlp, item.text, published=item.published):
                out += records(item, piece_doc, piece.offset)
    return out


def dates_table(found: Sequence[DateRecord]) -> Table:
    """A Rich table of date records for the terminal."""
    table = Table(show_lines=False)
    for column in ("file", "text", "value", "modifier", "vague", "start", "end", "anchor"):
        table.add_column(column, overflow="fold")
    for r in found:
        table.add_row(
            r.file,
            r.text,
            r.value or "",
            r.modifier or "",
            "yes" if r.vague else "",
            str(r.start),
            str(r.end),
            r.anchor or "",
        )
    return table
