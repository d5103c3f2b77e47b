"""Publication dates at ingest: the file-name fallback, the undated warning and the refusal of future dates.

A publication date anchors every relative date in an article ("yesterday",
"last week"), so ingest is strict about it:

- the file's own metadata or `--published` (or a manifest row) wins;
- else a date in the file's name or folders (`outlet_2016-09-23_slug.txt`,
  `2016/09/23/slug.html`) is used, and ingest says so;
- else the claims are stored without dates and ingest warns, once per file,
  so the user can find them (`claims list --undated`) or re-ingest with a date;
- a date after today is a typo or a wrong clock, never news: the file is
  refused unless `allow_future` is set.

"Today" is a parameter (`IngestOptions.today`), so tests do not depend on the day they run.
"""

from __future__ import annotations

import datetime as dt

from claims.errors import SourceError
from sources.document import Document
from sources.pathdates import date_from_path


class FutureDate(SourceError):
    """A publication date after today, without `--allow-future`."""


def dated(document: Document, name: str, *, allow_future: bool, today: dt.date | None) -> tuple[Document, list[str]]:
    """`document` with its publication date settled, and what ingest should tell the user about it.

    Raises `FutureDate` for a date after `today` (default: the clock's) unless `allow_future`.
    """
    notes: list[str] = []
    if document.published is None:
        found = date_from_path(document.path or name)
        if found is not None:
            document = document.model_copy(update={"published": found})
            notes.append(f"{name}: publication date {found} taken from the file name")
        else:
            notes.append(
                f"{name}: no publication date (give --published or a manifest row): its claims cannot be dated"
            )
    published = document.published
    if published is not None and not allow_future:
        day = today or dt.date.today()
        if published.start.date() > day:
            raise FutureDate(
                f"{name}: publication date {published} is after today ({day}); give --allow-future if it is right"
            )
    return document, notes


__all__ = ["FutureDate", "dated"]
