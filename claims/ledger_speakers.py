"""Ledger methods for telling speakers apart: one person under several names (claimant aliases) is one speaker.

The status rules (`claims.status`) count a link as evidence only between
different people; the ledger applies them with the alias mapping itself
(`status_store`), and reports that re-check a claim's evidence ask for the same
mapping here, so a report and a stored status never disagree about who is who.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from claims import claimants
from claims.facade import LedgerCore


class SpeakerMethods(LedgerCore):
    """`Ledger.persons`."""

    def persons(self, names: Iterable[str | None], *, conn: sa.Connection | None = None) -> dict[str, str]:
        """Claimant key -> the person's canonical key, for those of `names` that are aliases of another name.

        Pass it to `claims.status.independent(a, b, persons)`; it is empty on a ledger without aliases.
        """
        with self._read(conn) as c:
            return claimants.persons(names, conn=c)
