"""Evidence: the claims linked to a claim, with the link's stance, as reports show them.

One path for one claim or many: a links query per chunk of claims and one
`hydrate` of all the linked claims, instead of a round per claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from claims import schema
from claims.claim_store import hydrate
from claims.models import Claim, Evidence
from claims.rows import chunks, evidence_key, to_evidence
from claims.sql import among


def evidence_for_many(claims: Sequence[Claim], *, conn: sa.Connection) -> dict[str, list[Evidence]]:
    """Per claim id, the claims linked to it (either way, not rejected) in claim-date order."""
    lk = schema.links
    ids = list(dict.fromkeys(c.id for c in claims))
    wanted = set(ids)
    rows: dict[tuple[str, str], Any] = {}
    for chunk in chunks(ids):
        cond = sa.and_(sa.or_(among(conn, lk.c.from_id, chunk), among(conn, lk.c.to_id, chunk)), lk.c.rejected == 0)
        for row in conn.execute(sa.select(lk).where(cond)).mappings():
            rows[(row["from_id"], row["to_id"])] = row
    pairs = [(f, t, r) for (f, t), r in rows.items() if f in wanted] + [
        (t, f, r) for (f, t), r in rows.items() if t in wanted
    ]
    others = {c.id: c for c in hydrate(list(dict.fromkeys(o for _, o, _ in pairs)), conn=conn)}
    out: dict[str, list[Evidence]] = {cid: [] for cid in ids}
    for cid, oid, row in pairs:
        if oid in others and not (others[oid].retracted or others[oid].merged_into):  # hidden claims are no evidence
            out[cid].append(to_evidence(row, cid, others[oid]))
    return {cid: sorted(found, key=evidence_key) for cid, found in out.items()}
