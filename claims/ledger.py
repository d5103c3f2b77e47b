"""The ledger: claims, sources, links and verdicts behind a small repository API.

`Ledger` is a façade, like sqlite-utils' `Database`: it owns the engine and the
transactions, and each method is one call into the module that owns the rows
(`source_store`, `claim_store`, `link_store`, `status_store`, `evidence`,
`index`). SQLAlchemy 2 Core, so SQLite (the default) and PostgreSQL run the same code.

Every method takes `conn=None` as its last, keyword-only parameter. Pass a
connection to group several calls into the caller's transaction (an ingest of
one source lands whole or not at all); leave it out and a write opens its own
transaction, a read its own read-only one. Verdicts and links are append-only
events; the current link state and each claim's derived status are kept up to
date in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from claims import (
    claim_store,
    evidence,
    index,
    link_store,
    lookup,
    migrations,
    schema,
    source_store,
    status_store,
)
from claims.engine import DEFAULT_DB, create_engine, first_line, resolve_url
from claims.errors import InvalidInput, NotALedger, SchemaOutdated
from claims.facade import LedgerCore
from claims.ledger_browse import BrowseMethods
from claims.ledger_context import ContextMethods
from claims.ledger_curation import CurationMethods
from claims.ledger_history import HistoryMethods
from claims.ledger_linking import LinkingMethods
from claims.ledger_review import ReviewMethods
from claims.ledger_speakers import SpeakerMethods
from claims.ledger_users import UserMethods
from claims.link_store import AutoLinkChanges, LinkRequest
from claims.models import (
    STANCES,
    Appearance,
    Claim,
    ClaimDetail,
    ClaimFilter,
    Evidence,
    Link,
    Source,
    Verdict,
)
from claims.redact import redact
from claims.rows import claim_row, paused_gc

__all__ = [
    "DEFAULT_DB",
    "AutoLinkChanges",
    "Ledger",
    "LinkRequest",
    "SchemaOutdated",
    "claim_row",
    "paused_gc",
    "resolve_url",
]


class Ledger(
    BrowseMethods, CurationMethods, ContextMethods, HistoryMethods, LinkingMethods, ReviewMethods, SpeakerMethods,
    UserMethods,
    LedgerCore,
):
    """A claimtrack ledger at an SQLAlchemy URL."""

    def __init__(self, engine: sa.Engine | str) -> None:
        # Ledger(url) in a notebook: open (and if new, create) it
        self.engine: sa.Engine = type(self).open(engine).engine if isinstance(engine, str) else engine
        self.dialect = self.engine.dialect.name

    # -- opening ----------------------------------------------------------------
    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True, check_schema: bool = True) -> Ledger:
        """Open (and if new, create) the ledger named by `db` (a path or URL), or ./claimtrack.db."""
        url = resolve_url(db)
        try:
            ledger = cls(create_engine(url))
            ledger._check(create=create, check_schema=check_schema)
        except sa.exc.DatabaseError as exc:
            raise NotALedger(redact(f"cannot open database {db or url}: {first_line(exc)}")) from None
        except ModuleNotFoundError as exc:
            raise NotALedger(redact(f"cannot open database {db or url}: missing driver {exc.name}")) from None
        except (sa.exc.ArgumentError, ValueError) as exc:  # a bad port, an unclosed [IPv6
            raise NotALedger(redact(f"invalid database URL {(db or url)!r}: {exc}")) from None
        return ledger

    def _check(self, *, create: bool, check_schema: bool) -> None:
        with self.engine.begin() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            if not tables:
                if not create:
                    raise NotALedger("the database is empty: it holds no claimtrack ledger")
                migrations.migrate(conn=conn)
                return
            if schema.migrations.name not in tables or "claims" not in tables:
                raise NotALedger("the database is not a claimtrack ledger (it has other tables)")
            done = migrations.applied(conn=conn)
            unknown = sorted(set(done) - set(migrations.names()))
            if unknown:
                raise NotALedger(f"the ledger was written by a newer claimtrack (migration {unknown[-1]})")
            if check_schema and migrations.pending(conn=conn):
                raise SchemaOutdated("the ledger's schema is out of date: run `claimtrack db migrate`")

    def migrate(self) -> list[str]:
        """Apply pending migrations in one transaction; return their names."""
        with self.engine.begin() as conn:
            return migrations.migrate(conn=conn)

    def schema_version(self) -> list[str]:
        with self.read() as conn:
            return migrations.applied(conn=conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- settings and ids -----------------------------------------------------------
    def get_setting(self, key: str, *, conn: sa.Connection | None = None) -> str | None:
        with self._read(conn) as c:
            return lookup.get_setting(key, conn=c)

    def set_setting(self, key: str, value: str, *, conn: sa.Connection | None = None) -> None:
        with self._write(conn) as c:
            lookup.set_setting(key, value, conn=c)

    def claim_id(self, prefix: str, *, conn: sa.Connection | None = None) -> str:
        """The whole id of the one claim whose id starts with `prefix`."""
        with self._read(conn) as c:
            return lookup.claim_id(prefix, conn=c)

    def source_id(self, prefix: str, *, conn: sa.Connection | None = None) -> str:
        """The whole id of the one source whose id starts with `prefix`."""
        with self._read(conn) as c:
            return lookup.source_id(prefix, conn=c)

    # -- sources ------------------------------------------------------------------
    def find_source(self, content_hash: str, *, conn: sa.Connection | None = None) -> Source | None:
        """The stored source with exactly this content, if any."""
        with self._read(conn) as c:
            return source_store.find_source(content_hash, conn=c)

    def latest_revision(self, url: str, *, conn: sa.Connection | None = None) -> Source | None:
        """The newest stored source at this URL (top-level sources only)."""
        with self._read(conn) as c:
            return source_store.latest_revision(url, conn=c)

    def add_source(self, source: Source, *, conn: sa.Connection | None = None) -> Source:
        """Store a source as given (id and content hash must be set); return it."""
        with self._write(conn) as c:
            return source_store.add_source(source, conn=c)

    def get_source(self, prefix: str, *, conn: sa.Connection | None = None) -> Source:
        with self._read(conn) as c:
            return source_store.get_source(prefix, conn=c)

    def list_sources(self, *, with_text: bool = False, conn: sa.Connection | None = None) -> list[Source]:
        with self._read(conn) as c:
            return source_store.list_sources(with_text=with_text, conn=c)

    def sources_by_id(self, ids: Iterable[str], *, conn: sa.Connection | None = None) -> dict[str, Source]:
        with self._read(conn) as c:
            return source_store.sources_by_id(ids, conn=c)

    # -- claims -------------------------------------------------------------------
    def add_claim(self, claim: Claim, *, conn: sa.Connection | None = None) -> Claim:
        """Store one claim (a fresh id unless it has one); return it with its id."""
        return self.add_claims([claim], conn=conn)[0]

    def add_claims(self, claims: Sequence[Claim], *, conn: sa.Connection | None = None) -> list[Claim]:
        """Store claims in one batch; they are indexed for retrieval in the same transaction."""
        if not claims:
            return []
        with self._write(conn) as c:
            return claim_store.add_claims(claims, conn=c)

    def add_appearance(self, claim_id: str, appearance: Appearance, *, conn: sa.Connection | None = None) -> None:
        """Record that the same claimant made the same claim again elsewhere."""
        self.add_appearances([(claim_id, appearance)], conn=conn)

    def add_appearances(
        self, appearances: Sequence[tuple[str, Appearance]], *, conn: sa.Connection | None = None
    ) -> None:
        """`add_appearance` for many (claim id, appearance) pairs in one statement."""
        if appearances:
            with self._write(conn) as c:
                claim_store.add_appearances(appearances, conn=c)

    def drop_claims(self, ids: Sequence[str], *, conn: sa.Connection | None = None) -> None:
        """Delete claims stored moments ago that turned out to be repeats (see `claim_store.drop_claims`)."""
        with self._write(conn) as c:
            claim_store.drop_claims(ids, conn=c)

    def claim_exists(self, claim_id: str, *, conn: sa.Connection | None = None) -> bool:
        with self._read(conn) as c:
            return claim_store.claim_exists(claim_id, conn=c)

    def count_claims(self, *, upto: int | None = None, conn: sa.Connection | None = None) -> int:
        with self._read(conn) as c:
            return claim_store.count_claims(upto=upto, conn=c)

    def claim_id_chunks(self, *, conn: sa.Connection | None = None) -> Iterator[list[str]]:
        """Every claim id in id order, a chunk at a time (streamed)."""
        with self._read(conn) as c:
            yield from claim_store.claim_id_chunks(conn=c)

    def get_claim(self, prefix: str, *, conn: sa.Connection | None = None) -> Claim:
        with self._read(conn) as c:
            return claim_store.hydrate([lookup.claim_id(prefix, conn=c)], conn=c)[0]

    def hydrate(self, ids: Sequence[str], *, conn: sa.Connection | None = None) -> list[Claim]:
        """Full claim objects (source, verdict, links, appearances) for exact ids, in the given order."""
        with self._read(conn) as c:
            return claim_store.hydrate(ids, conn=c)

    def hydrate_ids(self, ids: Sequence[str]) -> list[Claim]:
        """`hydrate(ids)` in a read transaction of its own (kept for existing callers)."""
        return self.hydrate(ids)

    def claim_detail(self, prefix: str, *, conn: sa.Connection | None = None) -> ClaimDetail:
        """A claim with its whole verdict and link history, oldest first."""
        with self._read(conn) as c:
            return claim_store.claim_detail(prefix, conn=c)

    def claims(self, flt: ClaimFilter | None = None, *, conn: sa.Connection | None = None) -> list[Claim]:
        """The claims matching `flt` (all of them, in claim-date order, by default): the notebook name."""
        return self.list_claims(flt, conn=conn)

    def list_claims(self, flt: ClaimFilter | None = None, *, conn: sa.Connection | None = None) -> list[Claim]:
        """Claims matching the filter, in claim-date order (undated last)."""
        with self._read(conn) as c:
            ids = [r[0] for r in c.execute(claim_store.filter_query(flt or ClaimFilter()))]
            return claim_store.hydrate(ids, conn=c)

    # -- retrieval (what linking reads) ----------------------------------------------
    @staticmethod
    def index_terms(claim: Claim) -> tuple[list[str], list[str]]:
        """The (entity, lemma) terms the retrieval index holds for a claim."""
        return index.claim_terms_of(claim)

    def candidates(
        self,
        claim: Claim,
        *,
        limit: int = 50,
        df_cache: dict[str, int] | None = None,
        counted: dict[str, int] | None = None,
        conn: sa.Connection | None = None,
    ) -> list[str]:
        """Ids of stored claims sharing an entity with `claim`, best first (see `index.candidates`)."""
        with self._read(conn) as c:
            return index.candidates(claim, limit=limit, df_cache=df_cache, counted=counted, conn=c)

    def load_claims(self, ids: Sequence[str], *, conn: sa.Connection | None = None) -> dict[str, Claim]:
        """The fields stance scoring needs, by id: lighter than `hydrate`."""
        with self._read(conn) as c:
            return claim_store.load_claims(ids, conn=c)

    def unnamed_by_claimant(
        self, claimant: str | None, *, exclude: str | None = None, limit: int, conn: sa.Connection | None = None
    ) -> list[str]:
        """Ids of the claimant's newest claims that name no entity (never `exclude`)."""
        with self._read(conn) as c:
            return claim_store.unnamed_by_claimant(claimant, exclude=exclude, limit=limit, conn=c)

    # -- links and statuses ------------------------------------------------------------
    def current_link(self, from_id: str, to_id: str, *, conn: sa.Connection | None = None) -> Link | None:
        with self._read(conn) as c:
            return link_store.current_link(from_id, to_id, conn=c)

    def link(
        self,
        from_id: str,
        to_id: str,
        stance: str,
        *,
        origin: str = "manual",
        note: str | None = None,
        reason: dict[str, Any] | None = None,
        by: str | None = None,
        conn: sa.Connection | None = None,
    ) -> Link | None:
        """Link two claims (id prefixes). An automatic link never overrides a manual link or a rejection.

        Returns the stored link, or None when an automatic link was refused.
        """
        if stance not in STANCES:
            raise InvalidInput(f"unknown stance {stance!r}: use one of {', '.join(STANCES)}")
        with self._write(conn) as c:
            whole = (lookup.claim_id(from_id, conn=c), lookup.claim_id(to_id, conn=c))
            request = LinkRequest(*whole, stance=stance, reason=reason, note=note)
            return link_store.write_links([request], origin=origin, by=by, conn=c)[0]

    def link_many(
        self,
        links: Sequence[tuple[str, str, str, dict[str, Any] | None] | LinkRequest],
        *,
        origin: str = "auto",
        by: str | None = None,
        conn: sa.Connection | None = None,
    ) -> list[Link | None]:
        """`link` for many (from_id, to_id, stance, reason) at once (whole ids), with the same rules and results.

        A `LinkRequest` may name its own origin (the linker writes `auto` and `suggested` links in one call).
        """
        with self._write(conn) as c:
            requests = [lk if isinstance(lk, LinkRequest) else LinkRequest(*lk) for lk in links]
            return link_store.write_links(requests, origin=origin, by=by, conn=c)

    def reject_link(
        self,
        from_id: str,
        to_id: str,
        *,
        by: str | None = None,
        note: str | None = None,
        conn: sa.Connection | None = None,
    ) -> Link:
        """Record that a link is wrong, with the person's note. It stays rejected when linking runs again."""
        with self._write(conn) as c:
            return link_store.reject_link(from_id, to_id, by=by, note=note, conn=c)

    def auto_links(self, *, conn: sa.Connection | None = None) -> dict[tuple[str, str], tuple[str | None, str | None]]:
        """Every current automatic link: (from, to) -> (stance, stored reason JSON)."""
        with self._read(conn) as c:
            return link_store.auto_links(conn=c)

    def remove_auto_links(self, claim_ids: Iterable[str], *, conn: sa.Connection | None = None) -> int:
        """Withdraw the linker's links touching these claims (a `removed` event each); people's decisions stay."""
        with self._write(conn) as c:
            return link_store.remove_auto_links(claim_ids, conn=c)

    def sync_auto_links(
        self, desired: Mapping[tuple[str, str], LinkRequest], *, conn: sa.Connection | None = None
    ) -> AutoLinkChanges:
        """Make the linker's links exactly `desired`, touching only the links that differ (relinking)."""
        with self._write(conn) as c:
            return link_store.sync_auto_links(desired, conn=c)

    def rate(
        self,
        claim_id: str,
        rating: str,
        *,
        rationale: str | None = None,
        by: str | None = None,
        evidence: Sequence[str] = (),
        label: str | None = None,
        at: dt.datetime | None = None,
        review_url: str | None = None,
        review_title: str | None = None,
        published: dt.date | None = None,
        conn: sa.Connection | None = None,
    ) -> Verdict:
        """Append a verdict; the newest one is the claim's verdict (with the fact-check it was published as)."""
        with self._write(conn) as c:
            return status_store.rate(
                claim_id, rating, rationale=rationale, by=by, evidence=evidence, label=label, at=at,
                review_url=review_url, review_title=review_title, published=published, conn=c,
            )

    def refresh_status(self, ids: Iterable[str], *, conn: sa.Connection | None = None) -> None:
        """Derive these claims' statuses again from all their links and verdicts (after bulk loads)."""
        with self._write(conn) as c:
            status_store.refresh(ids, conn=c)

    # -- evidence ---------------------------------------------------------------------
    def evidence_for(self, claim: Claim, *, conn: sa.Connection | None = None) -> list[Evidence]:
        """The claims linked to `claim`, with stance, in claim-date order."""
        return self.evidence_for_many([claim], conn=conn)[claim.id]

    def evidence_for_many(
        self, claims: Sequence[Claim], *, conn: sa.Connection | None = None
    ) -> dict[str, list[Evidence]]:
        """`evidence_for` of many claims in a few queries (a report over thousands of claims)."""
        with self._read(conn) as c:
            return evidence.evidence_for_many(claims, conn=c)

    def verdict_history(self, claim_id: str, *, conn: sa.Connection | None = None) -> list[Verdict]:
        """Every verdict of a claim (exact id), oldest first."""
        with self._read(conn) as c:
            return claim_store.verdict_history(claim_id, conn=c)
