"""Ledger methods for the review queue: list the linker's suggestions, accept or reject them."""

from __future__ import annotations

import sqlalchemy as sa

from claims import review_store
from claims.facade import LedgerCore
from claims.models import Link
from claims.review_store import Suggestion


class ReviewMethods(LedgerCore):
    """`Ledger.suggestions`, `suggestion`, `accept_suggestion` and `reject_suggestion` (see `claims.review_store`)."""

    def suggestions(
        self, *, order: str = "newest", limit: int | None = None, conn: sa.Connection | None = None
    ) -> list[Suggestion]:
        """The pending suggestions (newest first, or `order="confidence"`), with both claims and the reason."""
        with self._read(conn) as c:
            return review_store.suggestions(order=order, limit=limit, conn=c)

    def suggestion(self, suggestion_id: str, *, conn: sa.Connection | None = None) -> Link:
        """The current link of the pair a suggestion id (or unique prefix) names, pending or decided."""
        with self._read(conn) as c:
            return review_store.find(suggestion_id, conn=c)

    def accept_suggestion(
        self,
        suggestion_id: str,
        *,
        by: str,
        note: str | None = None,
        stance: str | None = None,
        conn: sa.Connection | None = None,
    ) -> Link:
        """Accept a pending suggestion (optionally as another stance); it counts for status from now on."""
        with self._write(conn) as c:
            return review_store.accept(suggestion_id, by=by, note=note, stance=stance, conn=c)

    def reject_suggestion(
        self, suggestion_id: str, *, by: str, note: str | None = None, conn: sa.Connection | None = None
    ) -> Link:
        """Reject a pending suggestion; linking never proposes the pair again. The note is kept."""
        with self._write(conn) as c:
            return review_store.reject(suggestion_id, by=by, note=note, conn=c)
