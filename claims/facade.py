"""The part of the ledger façade every group of methods stands on: the engine and its transactions.

`Ledger` is assembled from small method groups (`ledger_history.HistoryMethods`,
...) over this core, so each concern's façade methods live beside the module
that owns its rows, and no façade module grows past a screenful of methods.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


class LedgerCore:
    """An engine, and the transaction helpers every `conn=None` method uses."""

    engine: sa.Engine

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One write transaction; everything inside commits or rolls back together."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """One read-only transaction (never waits for writers)."""
        with self.engine.connect() as conn:
            yield conn.execution_options(readonly=True)

    @contextmanager
    def _write(self, conn: sa.Connection | None) -> Iterator[sa.Connection]:
        if conn is not None:
            yield conn
        else:
            with self.transaction() as new:
                yield new

    @contextmanager
    def _read(self, conn: sa.Connection | None) -> Iterator[sa.Connection]:
        if conn is not None:
            yield conn
        else:
            with self.read() as new:
                yield new
