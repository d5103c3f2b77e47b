"""Ledger methods for browsing: the desk's filtered and sorted claim pages, evidence counts, the review queue.

The SQL lives in `claims.browse`; these wrappers give it the ledger's
connection handling, so nothing outside `claims/` touches the schema.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import sqlalchemy as sa

from claims import browse, browse_search
from claims.browse import BrowseFilter, EvidenceCounts
from claims.facade import LedgerCore
from claims.models import Claim


class BrowsePage(NamedTuple):
    """One page of the claims list; `capped`: the search ranked only its newest `SEARCH_RANK_CAP` matches."""

    claims: list[Claim]
    more: bool
    capped: bool = False
    matches: int | None = None  # the words' matches before filters, when the backend counts them cheaply
    newest_by: str = ""  # what "newest" means for a capped search: "claim date" or "time added"


class BrowseMethods(LedgerCore):
    """`Ledger.browse`, `evidence_counts`, `claimant_page`, `scorecard`, sources."""

    def browse(self, flt: BrowseFilter, *, conn: sa.Connection | None = None) -> tuple[list[Claim], bool]:
        """One page of claims matching `flt`, and whether another page follows."""
        page = self.browse_page(flt, conn=conn)
        return page.claims, page.more

    def browse_page(self, flt: BrowseFilter, *, conn: sa.Connection | None = None) -> BrowsePage:
        """`browse`, and for a ranked search whether only the newest matches were ranked (the page says so)."""
        from claims.claim_store import hydrate

        capped, matches, newest_by = False, None, ""
        with self._read(conn) as c:
            if flt.sort == "evidence":
                ids = browse.evidence_page(flt, conn=c)
            elif flt.text and flt.sort == "relevance":
                hits = browse_search.search_page(flt, conn=c)
                ids, capped, matches, newest_by = [cid for cid, _s in hits], hits.capped, hits.matches, hits.newest_by
            else:
                ids = [r[0] for r in c.execute(browse.browse_query(flt, conn=c))]
            more = len(ids) > flt.limit
            return BrowsePage(hydrate(ids[: flt.limit], conn=c), more, capped, matches, newest_by)

    def evidence_counts(self, ids: list[str], *, conn: sa.Connection | None = None) -> dict[str, EvidenceCounts]:
        """Per claim id, its current links counted by stance, suggestions apart."""
        with self._read(conn) as c:
            return browse.evidence_counts(ids, conn=c)

    def claimant_page(
        self, *, text: str | None = None, limit: int = 100, offset: int = 0, conn: sa.Connection | None = None
    ) -> list[tuple[str, int]]:
        """(claimant, claims) most claims first; limit + 1 rows say whether a next page exists."""
        with self._read(conn) as c:
            return browse.claimant_counts(text=text, limit=limit, offset=offset, conn=c)

    def scorecard(self, claimant: str, *, conn: sa.Connection | None = None) -> dict[str, dict[str, int]]:
        """A claimant's claims by status and current verdicts by rating."""
        with self._read(conn) as c:
            return browse.claimant_scorecard(claimant, conn=c)

    def outlets(self, *, conn: sa.Connection | None = None) -> list[str]:
        """Outlets named by sources (for filter suggestions)."""
        with self._read(conn) as c:
            return browse.outlets(conn=c)

    def source_page(
        self, *, limit: int = 50, offset: int = 0, conn: sa.Connection | None = None
    ) -> list[dict[str, Any]]:
        """Articles newest first with claim counts; limit + 1 rows say whether a next page exists."""
        with self._read(conn) as c:
            return browse.source_page(limit=limit, offset=offset, conn=c)

    def source_claims(self, source_id: str, *, conn: sa.Connection | None = None) -> list[Claim]:
        """The claims extracted from one source, in text order."""
        from claims.claim_store import hydrate

        with self._read(conn) as c:
            return hydrate(browse.source_claim_ids(source_id, conn=c), conn=c)

    def source_texts(self, ids: list[str], *, conn: sa.Connection | None = None) -> dict[str, str]:
        """Source id -> stored text, for showing claims in their passages."""
        with self._read(conn) as c:
            return browse.source_texts(ids, conn=c)
