"""What a retrieval-index backend provides: one implementation per SQL dialect, one interface.

Backends only store and look up terms; which terms a claim has (`terms.py`) and
how candidates are chosen from term counts (`claims.index.candidates`) are
shared, so both dialects retrieve the same claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import sqlalchemy as sa

from claims.models import Claim


class IndexBackend(Protocol):
    """The index tables of one dialect and the few queries retrieval needs."""

    def create(self, conn: sa.Connection) -> None:
        """Create the (empty) index tables."""

    def clear(self, conn: sa.Connection) -> None:
        """Empty the index (before a full rebuild)."""

    def add(self, claims: Sequence[Claim], *, conn: sa.Connection) -> None:
        """Index claims already stored in `claims`."""

    def remove(self, ids: Sequence[str], *, conn: sa.Connection) -> None:
        """Drop the index rows of at most a chunk of claim ids."""

    def doc_freq(self, terms: list[str], *, cap: int, conn: sa.Connection) -> dict[str, int]:
        """How many claims hold each term, counted only up to `cap`."""
        raise NotImplementedError

    def ranked(
        self, anchors: list[str], entities: list[str], lemmas: list[str], *, want: int, conn: sa.Connection
    ) -> list[str]:
        """Claims holding an anchor term, ranked on all the query's entity and lemma terms."""
        raise NotImplementedError

    def newest(self, entities: list[str], *, want: int, conn: sa.Connection) -> list[str]:
        """The newest claims holding all these entity terms."""
        raise NotImplementedError
