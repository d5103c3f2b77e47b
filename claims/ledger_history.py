"""Ledger methods for a claim's history: append an event, read one claim's or all changes since a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from claims import history, lookup
from claims.facade import LedgerCore
from claims.models import HistoryEntry


class HistoryMethods(LedgerCore):
    """`Ledger.record_event`, `history`, `histories` and `changed_since`."""

    def record_event(
        self, claim_id: str, kind: str, *, by: str | None = None, detail: dict[str, Any] | None = None,
        conn: sa.Connection | None = None,
    ) -> HistoryEntry:
        """Append one change to a claim's history (append-only; nothing is overwritten)."""
        with self._write(conn) as c:
            return history.record(lookup.claim_id(claim_id, conn=c), kind, by=by, detail=detail, conn=c)

    def history(self, claim_id: str, *, conn: sa.Connection | None = None) -> list[HistoryEntry]:
        """Every change to one claim (its edits, link decisions, verdicts), oldest first."""
        with self._read(conn) as c:
            return history.history(claim_id, conn=c)

    def histories(self, ids: Iterable[str], *, conn: sa.Connection | None = None) -> dict[str, list[HistoryEntry]]:
        """Per whole claim id, its history oldest first."""
        with self._read(conn) as c:
            return history.histories(ids, conn=c)

    def changed_since(self, when: dt.datetime, *, conn: sa.Connection | None = None) -> dict[str, list[HistoryEntry]]:
        """Per claim id, the changes recorded after `when` (from the event tables, not claim dates)."""
        with self._read(conn) as c:
            return history.changed_since(when, conn=c)

