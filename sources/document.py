"""The reader output: a `Document` with clean text and true metadata, plus CLI `Overrides`.

Readers return a `Document` rather than a ledger `Source` because a document is
not yet stored: it has no id, no content hash and no parent id. `sources.store`
turns it (and its comment/pingback children) into `Source` rows.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from claims.dates import PartialDate

Kind = Literal["article", "pingback", "trackback", "comment"]
Format = Literal["text", "markdown", "html"]


class Document(BaseModel):
    """One read document. `text` is exactly what the NLP runs on (span offsets refer to it)."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: PartialDate | None = None
    text: str = ""
    kind: Kind = "article"
    format: Format = "text"
    path: str | None = None
    children: list[Document] = Field(default_factory=list)


class Overrides(BaseModel):
    """Metadata given on the command line; any field set here wins over what the file says."""

    model_config = ConfigDict(extra="forbid")

    published: PartialDate | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None

    def __init__(self, **data: Any) -> None:
        # Parse `published` before pydantic sees it, so a bad --published raises the
        # library's InvalidDate (a one-line CLI error) rather than a ValidationError.
        value = data.get("published")
        if isinstance(value, str):
            data["published"] = PartialDate.parse(value) if value.strip() else None
        super().__init__(**data)

    @field_validator("url", "outlet", "title", "author")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    def apply(self, doc: Document) -> Document:
        """Return `doc` with every given override applied (children keep their own metadata)."""
        update = {name: getattr(self, name) for name in type(self).model_fields if getattr(self, name) is not None}
        return doc.model_copy(update=update) if update else doc
