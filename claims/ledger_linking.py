"""Ledger methods that spare linking a read: the light claims it scores, built from what was just written."""

from __future__ import annotations

from collections.abc import Container, Sequence

import sqlalchemy as sa

from claims import claim_store, index
from claims.facade import LedgerCore
from claims.models import Claim


class LinkingMethods(LedgerCore):
    """`Ledger.as_loaded`, `Ledger.count_query_terms`."""

    @staticmethod
    def as_loaded(claims: Sequence[Claim]) -> dict[str, Claim]:
        """By id, what `load_claims` would read back for claims `add_claims` has just returned, without a query.

        Linking scores a source's new claims in their stored form (the stored
        arrival time, sorted entities); re-reading them cost a query and a model
        per claim. Only for claims stored in this transaction and not changed since.
        """
        return claim_store.as_loaded(claims)

    def count_query_terms(
        self, claims: Sequence[Claim], *, known: Container[str] = (), conn: sa.Connection | None = None
    ) -> dict[str, int]:
        """The retrieval terms of `claims` (but those in `known`) with their capped document counts, in a few
        statements (`index.count_terms`); pass them to `candidates(..., counted=)` until the index is written."""
        with self._read(conn) as c:
            return index.count_terms(claims, known=known, conn=c)
