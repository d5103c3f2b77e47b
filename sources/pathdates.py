"""Publication dates that only the file's name or folders give (`outlet_2016-09-23_slug.txt`, `2016/09/23/slug.html`).

Archives and scrapers often keep the date in the path rather than in the text.
It is the weakest evidence there is, so it is used only when neither the file's
own metadata nor `--published` (or a manifest row) gives a date, and ingest
says that it used it. A path that merely holds digits (`report_2016-13-40.txt`,
an id) gives nothing: the parts must make a real calendar day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from claims.dates import PartialDate

# Year, month and day in one name, separated by - _ or . and not inside a longer run of digits.
_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.](\d{2})[-_.](\d{2})(?!\d)")
_YEAR, _TWO = re.compile(r"(?:19|20)\d{2}"), re.compile(r"\d{2}")


def date_from_path(path: str | PurePath | None) -> PartialDate | None:
    """The day a file's name (or its year/month/day folders) gives, or None."""
    if not path:
        return None
    pure = PurePath(path)
    for match in _IN_NAME.finditer(pure.name):
        day = _day(*match.groups())
        if day is not None:
            return day
    parts = pure.parts[-4:-1]  # the three folders just above the file
    if len(parts) == 3 and _YEAR.fullmatch(parts[0]) and _TWO.fullmatch(parts[1]) and _TWO.fullmatch(parts[2]):
        return _day(*parts)
    return None


def _day(year: str, month: str, day: str) -> PartialDate | None:
    try:
        return PartialDate.from_date(dt.date(int(year), int(month), int(day)))
    except ValueError:
        return None


__all__ = ["date_from_path"]
