"""Ledger methods for curation: edit, retract, restore, merge, unmerge, search, claimants and aliases.

Each write changes the current row and appends one event to the claim's
history in the same transaction (`claims.history.record`), so `claims show`
tells who changed what, when and why, and the old values stay readable.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from claims import claim_store, claimants, curation_store, history, link_store, lookup, schema, status_store
from claims.claimants import ClaimantName
from claims.errors import InvalidInput
from claims.facade import LedgerCore
from claims.models import Claim, ClaimFilter, HistoryEntry
from claims.rows import to_claim
from claims.status import claimant_key
from claims.text import storable


class CurationMethods(LedgerCore):
    """`Ledger.update_claim`, `retract`, `restore`, `merge`, `unmerge`, `search`, `claimants`, `alias_claimant`..."""

    def stored_claim(self, prefix: str, *, conn: sa.Connection | None = None) -> Claim:
        """A claim's stored row as a `Claim` (hidden claims too; no links or verdicts): what an edit starts from."""
        with self._read(conn) as c:
            return to_claim(curation_store.row_of(lookup.claim_id(prefix, conn=c), conn=c))

    def update_claim(
        self, prefix: str, claim: Claim, *, by: str | None, note: str | None = None,
        conn: sa.Connection | None = None,
    ) -> HistoryEntry | None:
        """Store `claim`'s edited values on the claim `prefix` and record an "edited" event (None: nothing changed).

        Refuses a retracted or merged-away claim.
        """
        with self._write(conn) as c:
            cid = lookup.claim_id(prefix, conn=c)
            if why := curation_store.describe(curation_store.row_of(cid, conn=c)):
                raise InvalidInput(why)
            changes = curation_store.update_claim(cid, claim, conn=c)
            if not changes:
                return None
            return history.record(cid, "edited", by=by, detail={"changes": changes, "note": note}, conn=c)

    def retract(
        self, prefix: str, *, by: str | None, reason: str, conn: sa.Connection | None = None
    ) -> HistoryEntry:
        """Hide a claim from lists, reports, linking and statuses (kept, with who and why)."""
        if not reason.strip():
            raise InvalidInput("a retraction needs a reason")
        with self._write(conn) as c:
            cid = lookup.claim_id(prefix, conn=c)
            row = curation_store.row_of(cid, conn=c)
            if row["retracted"]:
                raise InvalidInput(f"claim {cid} is already retracted")
            curation_store.set_retracted(cid, True, conn=c)
            return history.record(cid, "retracted", by=by, detail={"reason": storable(reason.strip())}, conn=c)

    def restore(self, prefix: str, *, by: str | None, conn: sa.Connection | None = None) -> HistoryEntry:
        """Undo a retraction."""
        with self._write(conn) as c:
            cid = lookup.claim_id(prefix, conn=c)
            if not curation_store.row_of(cid, conn=c)["retracted"]:
                raise InvalidInput(f"claim {cid} is not retracted")
            curation_store.set_retracted(cid, False, conn=c)
            return history.record(cid, "restored", by=by, conn=c)

    def merge(
        self, keep: str, other: str, *, by: str | None, note: str | None = None, conn: sa.Connection | None = None
    ) -> HistoryEntry:
        """Turn claim `other` into an appearance of `keep` (links, appearances and verdicts come along)."""
        with self._write(conn) as c:
            keep_id, other_id = lookup.claim_id(keep, conn=c), lookup.claim_id(other, conn=c)
            detail = curation_store.merge(keep_id, other_id, by=by, conn=c) | {"note": note}
            history.record(other_id, "merged-into", by=by, detail=detail, conn=c)
            return history.record(keep_id, "merged", by=by, detail=detail, conn=c)

    def unmerge(self, other: str, *, by: str | None, conn: sa.Connection | None = None) -> HistoryEntry:
        """Undo the merge of `other`: it is a claim of its own again, and what the merge added to the other is gone."""
        with self._write(conn) as c:
            other_id = lookup.claim_id(other, conn=c)
            merges = [e for e in history.history(other_id, conn=c) if e.kind == "merged-into"]
            undo: dict[str, Any] = merges[-1].detail if merges else {}
            keep = curation_store.unmerge(other_id, undo, conn=c)
            history.record(keep, "unmerged", by=by, detail={"keep": keep, "other": other_id}, conn=c)
            return history.record(other_id, "unmerged", by=by, detail={"keep": keep, "other": other_id}, conn=c)

    def auto_links_of(
        self, claim_id: str, *, conn: sa.Connection | None = None
    ) -> dict[tuple[str, str], tuple[str | None, str | None]]:
        """The current automatic links touching one claim (what relinking one claim compares with)."""
        with self._read(conn) as c:
            return curation_store.auto_links_of(claim_id, conn=c)

    def remove_auto_link_pairs(self, pairs: list[tuple[str, str]], *, conn: sa.Connection | None = None) -> int:
        """Drop these current automatic links (their events stay) and derive their claims' statuses again."""
        with self._write(conn) as c:
            return link_store.remove_links(pairs, conn=c)

    def search(
        self, text: str, flt: ClaimFilter | None = None, *, limit: int = 20, conn: sa.Connection | None = None
    ) -> list[tuple[Claim, float]]:
        """Claims whose text matches `text` (full-text, ranked), with their scores, best first."""
        with self._read(conn) as c:
            found = curation_store.search(text, flt or ClaimFilter(), limit=limit, conn=c)
            claims = {cl.id: cl for cl in claim_store.hydrate([cid for cid, _ in found], conn=c)}
            return [(claims[cid], score) for cid, score in found if cid in claims]

    def article_claims(self, source_id: str, *, conn: sa.Connection | None = None) -> list[Claim]:
        """Every claim stored from this source or the revisions it revises (hidden ones too)."""
        with self._read(conn) as c:
            return curation_store.article_claims(curation_store.revision_chain(source_id, conn=c), conn=c)

    def revision_number(self, source_id: str, *, conn: sa.Connection | None = None) -> int:
        """Which revision of its article a source is (the first stored is 1)."""
        with self._read(conn) as c:
            return len(curation_store.revision_chain(source_id, conn=c))

    # -- claimants ------------------------------------------------------------------------
    def claimants(self, *, limit: int | None = None, conn: sa.Connection | None = None) -> list[ClaimantName]:
        """Every person with claims, names unified through aliases, most claims first."""
        with self._read(conn) as c:
            return claimants.list_claimants(limit=limit, conn=c)

    def claimant(
        self, name: str, *, include_retracted: bool = False, conn: sa.Connection | None = None
    ) -> tuple[ClaimantName, list[Claim]]:
        """One person (by any of their names) and their claims, oldest first."""
        with self._read(conn) as c:
            root, display = claimants.root_of(name, conn=c)
            keys = claimants.keys_of(root, conn=c)
            ids = claimants.claim_ids_of(keys, include_retracted=include_retracted, conn=c)
            person = ClaimantName(name=display, key=root, aliases=claimants.names_of(root, conn=c), claims=len(ids))
            return person, claim_store.hydrate(ids, conn=c)

    def alias_claimant(
        self, name: str, alias: str, *, by: str | None, kind: str = "alias", conn: sa.Connection | None = None
    ) -> tuple[str, list[str]]:
        """Record that `alias` names the same person as `name` (append-only); return (name, names unified).

        The person's claims get their statuses derived again: the unified names are one
        speaker now, so a link between two of them no longer counts as independent evidence.
        """
        with self._write(conn) as c:
            unified = claimants.add_alias(name, alias, by=by, kind=kind, conn=c)
            root, _ = claimants.root_of(name, conn=c)
            keys = claimants.keys_of(root, conn=c)
            status_store.refresh(claimants.claim_ids_of(keys, include_retracted=False, conn=c), conn=c)
            return unified

    def claimant_keys_known(self, name: str, *, conn: sa.Connection | None = None) -> bool:
        """Whether any claim, or any alias, carries this name."""
        key = claimant_key(name)
        with self._read(conn) as c:
            t, a = schema.claims, schema.claimant_aliases
            if c.execute(sa.select(t.c.id).where(t.c.claimant_key == key).limit(1)).first():
                return True
            return c.execute(sa.select(a.c.id).where(a.c.alias_key == key).limit(1)).first() is not None
