"""Ledger methods that read claims in their source text: the sentence each claim came from."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from claims import schema
from claims.context import SourceContext, sentence_around
from claims.facade import LedgerCore
from claims.models import Claim
from claims.rows import chunks
from claims.sql import among


class ContextMethods(LedgerCore):
    """`Ledger.claim_contexts`."""

    def claim_contexts(self, claims: Sequence[Claim], *, conn: sa.Connection | None = None) -> dict[str, SourceContext]:
        """Per claim id, the sentence of its source the claim was read from (claims without source text are left out).

        Each source's text is read once, however many claims come from it.
        """
        wanted = {c.source_id for c in claims if c.source_id and c.span}
        texts: dict[str, str] = {}
        t = schema.sources
        with self._read(conn) as c:
            for chunk in chunks(sorted(wanted)):
                for sid, text in c.execute(sa.select(t.c.id, t.c.text).where(among(c, t.c.id, chunk))):
                    texts[sid] = text or ""
        out: dict[str, SourceContext] = {}
        for claim in claims:
            found = sentence_around(texts.get(claim.source_id or "", ""), claim.span)
            if found is not None:
                out[claim.id] = found
        return out
