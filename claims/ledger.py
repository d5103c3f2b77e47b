"""The ledger: claims, sources, links and verdicts behind a small repository API.

SQLAlchemy 2 Core, so SQLite (the default) and PostgreSQL run the same code.
Every public write runs in one transaction: pass `conn=` to group several writes
(an ingest of one source) into the caller's transaction, or let the method open
its own. Verdicts and links are append-only events; the current link state and
each claim's derived status are kept up to date in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event

from claims import index, migrations, schema
from claims.dates import PartialDate
from claims.errors import AmbiguousId, InvalidInput, NotALedger, UnknownId
from claims.ids import random_id
from claims.models import (
    RATINGS,
    STANCES,
    Appearance,
    Claim,
    ClaimDetail,
    ClaimFilter,
    Evidence,
    Link,
    LinkRef,
    Source,
    SourceRef,
    Verdict,
)
from claims.sql import among
from claims.status import IncomingLink, claimant_key, derive_status, escalate

DEFAULT_DB = "claimtrack.db"
_CHUNK = 500


class SchemaOutdated(NotALedger):
    """The ledger was made by an older claimtrack; `claimtrack db migrate` upgrades it."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _iso(value: dt.datetime | None) -> str:
    return (value or now()).isoformat()


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _pd(value: str | None) -> PartialDate | None:
    return PartialDate(value) if value else None


def resolve_url(db: str | None) -> str:
    """Turn `--db`, `CLAIMTRACK_DB` or the default into an SQLAlchemy URL, checking the path."""
    target = db or os.environ.get("CLAIMTRACK_DB") or DEFAULT_DB
    if "://" in target:
        if target.startswith("postgres://"):
            target = "postgresql://" + target[len("postgres://") :]
        if target.startswith("postgresql://"):
            target = "postgresql+psycopg://" + target[len("postgresql://") :]
        return target
    path = Path(target).expanduser()
    if path.is_dir():
        raise NotALedger(f"database path {target} is a directory, not a file")
    if not path.parent.exists():
        raise NotALedger(f"database directory {path.parent} does not exist")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise NotALedger(f"{target} is not a claimtrack database (not an SQLite file)")
    return f"sqlite:///{path}"


def _sqlite_setup(engine: sa.Engine) -> None:
    """WAL, a busy timeout and explicit BEGIN IMMEDIATE, so concurrent writers queue instead of failing."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA busy_timeout = 60000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        mode = "DEFERRED" if conn.get_execution_options().get("readonly") else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


# Any fixed 32-bit key; with the schema's hash it names the lock all writers of one ledger share.
_PG_WRITER_LOCK = 0x636C6169


def _postgres_setup(engine: sa.Engine) -> None:
    """Serialise write transactions with a transaction-scoped advisory lock.

    This gives PostgreSQL the same "one writer at a time, readers never wait" model
    as SQLite's BEGIN IMMEDIATE, so read-then-write steps (duplicate-source checks,
    status refreshes that read links written by another process) see every commit
    before them. Writes are short (the NLP runs outside them), so little is lost.
    The lock is per schema (ledgers in other schemas of the database never wait),
    and a writer gives up after a minute, like SQLite's busy timeout, rather than
    hang forever behind a stuck one.
    """

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        if not conn.get_execution_options().get("readonly"):
            conn.exec_driver_sql("SET LOCAL lock_timeout = '60s'")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITER_LOCK}, hashtext(current_schema()))")


class Ledger:
    """A claimtrack ledger at an SQLAlchemy URL."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    # -- opening ----------------------------------------------------------------
    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True, check_schema: bool = True) -> Ledger:
        """Open (and if new, create) the ledger named by `db`, `CLAIMTRACK_DB` or ./claimtrack.db."""
        url = resolve_url(db)
        try:
            if url.startswith("sqlite"):
                engine = sa.create_engine(url, connect_args={"timeout": 60})
                _sqlite_setup(engine)
            else:
                engine = sa.create_engine(url, pool_pre_ping=True)
                if engine.dialect.name == "postgresql":
                    _postgres_setup(engine)
            ledger = cls(engine)
            ledger._check(create=create, check_schema=check_schema)
        except sa.exc.DatabaseError as exc:
            raise NotALedger(f"cannot open database {db or url}: {_first_line(exc)}") from None
        except ModuleNotFoundError as exc:
            raise NotALedger(f"cannot open database {db or url}: missing driver {exc.name}") from None
        except sa.exc.ArgumentError as exc:
            raise NotALedger(f"invalid database URL {db!r}: {exc}") from None
        return ledger

    def _check(self, *, create: bool, check_schema: bool) -> None:
        with self.engine.begin() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            if not tables:
                if not create:
                    raise NotALedger("the database is empty: it holds no claimtrack ledger")
                migrations.migrate(conn)
                return
            if schema.migrations.name not in tables or "claims" not in tables:
                raise NotALedger("the database is not a claimtrack ledger (it has other tables)")
            done = migrations.applied(conn)
            unknown = sorted(set(done) - set(migrations.names()))
            if unknown:
                raise NotALedger(f"the ledger was written by a newer claimtrack (migration {unknown[-1]})")
            if check_schema and migrations.pending(conn):
                raise SchemaOutdated("the ledger's schema is out of date: run `claimtrack db migrate`")

    def migrate(self) -> list[str]:
        """Apply pending migrations in one transaction; return their names."""
        with self.engine.begin() as conn:
            return migrations.migrate(conn)

    def schema_version(self) -> list[str]:
        with self.read() as conn:
            return migrations.applied(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One write transaction; everything inside commits or rolls back together."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(readonly=True)
            yield conn

    @contextmanager
    def _tx(self, conn: sa.Connection | None) -> Iterator[sa.Connection]:
        if conn is not None:
            yield conn
        else:
            with self.transaction() as new:
                yield new

    # -- settings -----------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        with self.read() as conn:
            return conn.execute(sa.select(schema.settings.c.value).where(schema.settings.c.key == key)).scalar()

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(sa.delete(schema.settings).where(schema.settings.c.key == key))
            conn.execute(sa.insert(schema.settings).values(key=key, value=value))

    # -- ids ----------------------------------------------------------------------
    def resolve_id(self, table: sa.Table, prefix: str, what: str, conn: sa.Connection | None = None) -> str:
        """The full id of the one `what` whose id starts with `prefix`."""
        prefix = prefix.strip()
        if not prefix:
            raise UnknownId(f"no {what} id given")
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = sa.select(table.c.id).where(table.c.id.like(escaped + "%", escape="\\")).limit(2)
        if prefix.isascii() and prefix.isalnum() and prefix.islower():
            # Ids are lowercase ASCII: bound the LIKE by a key range so the primary-key
            # index answers it (LIKE alone scans: case-insensitive on SQLite, locale on PostgreSQL).
            query = query.where(table.c.id >= prefix, table.c.id <= prefix + "z" * 32)
        exact = sa.select(table.c.id).where(table.c.id == prefix)

        def run(c: sa.Connection) -> list[str]:
            # A whole id (what linking and scripts pass) is one primary-key probe.
            return [r[0] for r in c.execute(exact)] or [r[0] for r in c.execute(query)]

        if conn is not None:
            found = run(conn)
        else:
            with self.read() as c:
                found = run(c)
        if not found:
            raise UnknownId(f"unknown {what} id {prefix!r}")
        if len(found) > 1:
            raise AmbiguousId(f"ambiguous {what} id prefix {prefix!r}: type more characters")
        return found[0]

    def claim_id(self, prefix: str, conn: sa.Connection | None = None) -> str:
        return self.resolve_id(schema.claims, prefix, "claim", conn)

    def source_id(self, prefix: str, conn: sa.Connection | None = None) -> str:
        return self.resolve_id(schema.sources, prefix, "source", conn)

    # -- sources ------------------------------------------------------------------
    def find_source(self, content_hash: str, conn: sa.Connection | None = None) -> Source | None:
        """The stored source with exactly this content, if any."""
        query = sa.select(schema.sources).where(schema.sources.c.content_hash == content_hash).limit(1)
        with self._read_or(conn) as c:
            row = c.execute(query).mappings().first()
        return _source(row) if row else None

    def latest_revision(self, url: str, conn: sa.Connection | None = None) -> Source | None:
        """The newest stored source at this URL (top-level sources only)."""
        t = schema.sources
        query = (
            sa.select(t)
            .where(t.c.url == url, t.c.parent_id.is_(None))
            .order_by(t.c.created_at.desc(), t.c.id.desc())
            .limit(1)
        )
        with self._read_or(conn) as c:
            row = c.execute(query).mappings().first()
        return _source(row) if row else None

    def add_source(self, source: Source, conn: sa.Connection | None = None) -> Source:
        """Store a source as given (id and content hash must be set); return it."""
        if not source.id or not source.content_hash:
            raise InvalidInput("a source needs an id and a content hash")
        created = source.created_at or now()
        with self._tx(conn) as c:
            c.execute(
                sa.insert(schema.sources).values(
                    id=source.id,
                    title=source.title,
                    url=source.url,
                    outlet=source.outlet,
                    author=source.author,
                    published=str(source.published) if source.published else None,
                    published_start=source.published.start.isoformat() if source.published else None,
                    parent_id=source.parent_id,
                    kind=source.kind,
                    text=source.text,
                    content_hash=source.content_hash,
                    revision_of=source.revision_of,
                    path=source.path,
                    created_at=_iso(created),
                )
            )
        return source.model_copy(update={"created_at": created})

    def get_source(self, prefix: str) -> Source:
        with self.read() as conn:
            sid = self.source_id(prefix, conn)
            row = conn.execute(sa.select(schema.sources).where(schema.sources.c.id == sid)).mappings().one()
        return _source(row)

    def list_sources(self, *, with_text: bool = False) -> list[Source]:
        t = schema.sources
        cols = [c for c in t.columns if with_text or c.name != "text"]
        query = sa.select(*cols).order_by(sa.func.coalesce(t.c.published_start, ""), t.c.created_at, t.c.id)
        with self.read() as conn:
            return [_source(r) for r in conn.execute(query).mappings()]

    def sources_by_id(self, ids: Iterable[str], conn: sa.Connection) -> dict[str, Source]:
        t = schema.sources
        cols = [c for c in t.columns if c.name != "text"]
        out: dict[str, Source] = {}
        for chunk in _chunks(sorted(set(ids))):
            for row in conn.execute(sa.select(*cols).where(among(conn, t.c.id, chunk))).mappings():
                out[row["id"]] = _source(row)
        return out

    def _source_refs(self, ids: Iterable[str], conn: sa.Connection) -> dict[str, SourceRef]:
        """`sources_by_id(...)[id].ref()` for each id, reading only the columns a reference shows."""
        t = schema.sources
        cols = (t.c.id, t.c.title, t.c.url, t.c.outlet, t.c.published)
        out: dict[str, SourceRef] = {}
        for chunk in _chunks(sorted(set(ids))):
            for sid, title, url, outlet, published in conn.execute(sa.select(*cols).where(among(conn, t.c.id, chunk))):
                out[sid] = SourceRef(id=sid or None, title=title, url=url, outlet=outlet, published=_pd(published))
        return out

    # -- claims -------------------------------------------------------------------
    def add_claim(self, claim: Claim, conn: sa.Connection | None = None) -> Claim:
        """Store one claim (a fresh id unless it has one); return it with its id."""
        return self.add_claims([claim], conn)[0]

    def add_claims(self, claims: Sequence[Claim], conn: sa.Connection | None = None) -> list[Claim]:
        """Store claims in one batch; their entities feed the retrieval index."""
        stored: list[Claim] = []
        rows: list[dict[str, Any]] = []
        entity_rows: list[dict[str, str]] = []
        created = now()
        for claim in claims:
            claim = claim.model_copy(
                update={"id": claim.id or random_id("c"), "created_at": claim.created_at or created}
            )
            stored.append(claim)
            rows.append(claim_row(claim))
            entity_rows.extend({"entity": e, "claim_id": claim.id} for e in sorted(set(claim.entities)))
        if not rows:
            return stored
        with self._tx(conn) as c:
            c.execute(sa.insert(schema.claims), rows)
            if entity_rows:
                c.execute(sa.insert(schema.claim_entities), entity_rows)
            for hook in CLAIM_HOOKS:
                hook(self, c, stored)
        return stored

    def add_appearance(self, claim_id: str, appearance: Appearance, conn: sa.Connection | None = None) -> None:
        """Record that the same claimant made the same claim again elsewhere."""
        self.add_appearances([(claim_id, appearance)], conn)

    def add_appearances(self, appearances: Sequence[tuple[str, Appearance]], conn: sa.Connection | None = None) -> None:
        """`add_appearance` for many (claim id, appearance) pairs in one statement."""
        rows = [
            {
                "claim_id": claim_id,
                "source_id": appearance.source.id,
                "span_start": (appearance.span or (None, None))[0],
                "span_end": (appearance.span or (None, None))[1],
                "claim_date": str(appearance.claim_date) if appearance.claim_date else None,
                "created_at": _iso(None),
            }
            for claim_id, appearance in appearances
        ]
        if rows:
            with self._tx(conn) as c:
                c.execute(sa.insert(schema.appearances), rows)

    def claim_exists(self, claim_id: str, conn: sa.Connection | None = None) -> bool:
        with self._read_or(conn) as c:
            return c.execute(sa.select(schema.claims.c.id).where(schema.claims.c.id == claim_id)).first() is not None

    def get_claim(self, prefix: str, conn: sa.Connection | None = None) -> Claim:
        with self._read_or(conn) as c:
            cid = self.claim_id(prefix, c)
            return self.hydrate(c, [cid])[0]

    def hydrate_ids(self, ids: Sequence[str]) -> list[Claim]:
        """Full claim objects for exact ids, in the given order (read transaction of its own)."""
        with self.read() as conn:
            return self.hydrate(conn, ids)

    def claim_detail(self, prefix: str) -> ClaimDetail:
        """A claim with its whole verdict and link history, oldest first."""
        with self.read() as conn:
            cid = self.claim_id(prefix, conn)
            claim = self.hydrate(conn, [cid])[0]
            v = schema.verdicts
            verdicts = [
                _verdict(r) for r in conn.execute(sa.select(v).where(v.c.claim_id == cid).order_by(v.c.id)).mappings()
            ]
            e = schema.link_events
            events = conn.execute(
                sa.select(e).where(sa.or_(e.c.from_id == cid, e.c.to_id == cid)).order_by(e.c.id)
            ).mappings()
            history = [_link(r) for r in events]
        return ClaimDetail(**claim.model_dump(), verdict_history=verdicts, link_history=history)

    def list_claims(self, flt: ClaimFilter | None = None, conn: sa.Connection | None = None) -> list[Claim]:
        """Claims matching the filter, in claim-date order (undated last)."""
        flt = flt or ClaimFilter()
        query = self._claim_query(flt)
        with self._read_or(conn) as c:
            ids = [r[0] for r in c.execute(query)]
            return self.hydrate(c, ids)

    def _claim_query(self, flt: ClaimFilter) -> sa.Select[Any]:
        t = schema.claims
        query = sa.select(t.c.id)
        if flt.status:
            query = query.where(t.c.status == flt.status)
        if flt.claimant:
            key = claimant_key(flt.claimant) or ""
            query = query.where(t.c.claimant_key.like(f"%{key}%"))
        if flt.since:
            query = query.where(t.c.date_end >= flt.since.start.isoformat())
        if flt.until:
            query = query.where(t.c.date_start <= flt.until.end.isoformat())
        if flt.entity:
            ents = schema.claim_entities
            sub = sa.select(ents.c.claim_id).where(ents.c.entity == flt.entity)
            query = query.where(t.c.id.in_(sub))
        if flt.source_id:
            query = query.where(t.c.source_id == flt.source_id)
        query = query.order_by(t.c.date_start.is_(None), t.c.date_start, t.c.created_at, t.c.id)
        if flt.limit is not None:
            query = query.limit(flt.limit)
        if flt.offset:
            query = query.offset(flt.offset)
        return query

    def hydrate(self, conn: sa.Connection, ids: Sequence[str]) -> list[Claim]:
        """Full claim objects (source, verdict, links, appearances) for ids, in the given order."""
        if not ids:
            return []
        with paused_gc():
            return self._hydrate(conn, ids)

    def _hydrate(self, conn: sa.Connection, ids: Sequence[str]) -> list[Claim]:
        t = schema.claims
        rows: dict[str, Any] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            for row in conn.execute(sa.select(t).where(among(conn, t.c.id, chunk))).mappings():
                rows[row["id"]] = row
        present = [i for i in ids if i in rows]
        verdicts = self._latest_verdicts(conn, present)
        links = self._links_for(conn, present)
        appearances = self._appearances(conn, present)
        source_ids = {rows[i]["source_id"] for i in present if rows[i]["source_id"]}
        source_ids |= {a.source.id for apps in appearances.values() for a in apps if a.source.id}
        sources = self._source_refs(source_ids, conn)
        out: list[Claim] = []
        for cid in present:
            row = rows[cid]
            apps = [
                a.model_copy(update={"source": sources[a.source.id]}) if a.source.id in sources else a
                for a in appearances.get(cid, [])
            ]
            claim = _claim(
                row,
                verdict=verdicts[cid].ref() if cid in verdicts else None,
                source=sources.get(row["source_id"]) if row["source_id"] else None,
                links=links.get(cid, []),
                appearances=apps,
            )
            out.append(claim)
        return out

    def _latest_verdicts(self, conn: sa.Connection, ids: Sequence[str]) -> dict[str, Verdict]:
        v = schema.verdicts
        out: dict[str, Verdict] = {}
        for chunk in _chunks(list(ids)):
            for row in conn.execute(sa.select(v).where(among(conn, v.c.claim_id, chunk)).order_by(v.c.id)).mappings():
                out[row["claim_id"]] = _verdict(row)
        return out

    def _links_for(self, conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[LinkRef]]:
        lk = schema.links
        out: dict[str, list[LinkRef]] = {}
        for chunk in _chunks(list(ids)):
            query = (
                sa.select(lk)
                .where(sa.or_(among(conn, lk.c.from_id, chunk), among(conn, lk.c.to_id, chunk)), lk.c.rejected == 0)
                .order_by(lk.c.at, lk.c.from_id, lk.c.to_id)
            )
            wanted = set(chunk)
            for row in conn.execute(query).mappings():
                reason = json.loads(row["reason"]) if row["reason"] else None
                if row["from_id"] in wanted:
                    out.setdefault(row["from_id"], []).append(
                        LinkRef(
                            claim_id=row["to_id"],
                            stance=row["stance"],
                            origin=row["origin"],
                            direction="to",
                            reason=reason,
                        )
                    )
                if row["to_id"] in wanted:
                    out.setdefault(row["to_id"], []).append(
                        LinkRef(
                            claim_id=row["from_id"],
                            stance=row["stance"],
                            origin=row["origin"],
                            direction="from",
                            reason=reason,
                        )
                    )
        return out

    def _appearances(self, conn: sa.Connection, ids: Sequence[str]) -> dict[str, list[Appearance]]:
        a = schema.appearances
        out: dict[str, list[Appearance]] = {}
        for chunk in _chunks(list(ids)):
            for row in conn.execute(sa.select(a).where(among(conn, a.c.claim_id, chunk)).order_by(a.c.id)).mappings():
                span = (row["span_start"], row["span_end"]) if row["span_start"] is not None else None
                out.setdefault(row["claim_id"], []).append(
                    Appearance(source=SourceRef(id=row["source_id"]), claim_date=_pd(row["claim_date"]), span=span)
                )
        return out

    # -- links ----------------------------------------------------------------------
    def current_link(self, from_id: str, to_id: str, conn: sa.Connection | None = None) -> Link | None:
        lk = schema.links
        with self._read_or(conn) as c:
            row = c.execute(sa.select(lk).where(lk.c.from_id == from_id, lk.c.to_id == to_id)).mappings().first()
        return _link(row) if row else None

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
        """Link two claims. An automatic link never overrides a manual link or a rejection.

        Returns the stored link, or None when an automatic link was refused.
        """
        if stance not in STANCES:
            raise InvalidInput(f"unknown stance {stance!r}: use one of {', '.join(STANCES)}")
        with self._tx(conn) as c:
            from_id, to_id = self.claim_id(from_id, c), self.claim_id(to_id, c)
            if from_id == to_id:
                raise InvalidInput("a claim cannot be linked to itself")
            current = self.current_link(from_id, to_id, c)
            if origin == "auto" and current is not None:
                if current.origin == "manual" or current.rejected:
                    return None
                if current.stance == stance and current.reason == reason:
                    return current
            reverse = self.current_link(to_id, from_id, c)
            if origin == "auto" and reverse is not None and (reverse.origin == "manual" or reverse.rejected):
                return None
            link = Link(
                from_id=from_id, to_id=to_id, stance=stance, origin=origin, note=note, reason=reason, by=by, at=now()
            )
            self._record_link(c, link)
            self._refresh(c, [from_id, to_id])
        return link

    def link_many(
        self,
        links: Sequence[tuple[str, str, str, dict[str, Any] | None]],
        *,
        origin: str = "auto",
        by: str | None = None,
        conn: sa.Connection,
    ) -> list[Link | None]:
        """`link` for many (from_id, to_id, stance, reason) at once, with the same rules and results.

        Linking one new claim can write a dozen links; one at a time that is a dozen
        rounds of id checks, link lookups and status refreshes. Here ids must be
        whole ids; the checks, writes and one status refresh are done in bulk.
        """
        lk = schema.links
        for _, _, stance, _ in links:
            if stance not in STANCES:
                raise InvalidInput(f"unknown stance {stance!r}: use one of {', '.join(STANCES)}")
        ids = sorted({i for f, t, _, _ in links for i in (f, t)})
        # The involved claims' outgoing links (the primary key answers it); only the pairs asked about,
        # both ways, become models. (A row-value IN over the pairs reads less, but SQLite answers it
        # with a scan of all links.)
        pairs = {p for f, t, _, _ in links for p in ((f, t), (t, f))}
        found: set[str] = set()
        state: dict[tuple[str, str], Link] = {}
        for chunk in _chunks(ids):
            claim_ids = sa.select(schema.claims.c.id).where(among(conn, schema.claims.c.id, chunk))
            found.update(r[0] for r in conn.execute(claim_ids))
            for row in conn.execute(sa.select(lk).where(among(conn, lk.c.from_id, chunk))).mappings():
                if (row["from_id"], row["to_id"]) in pairs:
                    state[(row["from_id"], row["to_id"])] = _link(row)
        missing = sorted(set(ids) - found)
        if missing:
            raise UnknownId(f"unknown claim id {missing[0]!r}")
        out: list[Link | None] = []
        written: list[Link] = []
        replaced: set[tuple[str, str]] = set()
        for from_id, to_id, stance, reason in links:
            if from_id == to_id:
                raise InvalidInput("a claim cannot be linked to itself")
            current, reverse = state.get((from_id, to_id)), state.get((to_id, from_id))
            if origin == "auto":
                if current is not None and (current.origin == "manual" or current.rejected):
                    out.append(None)
                    continue
                if current is not None and current.stance == stance and current.reason == reason:
                    out.append(current)
                    continue
                if reverse is not None and (reverse.origin == "manual" or reverse.rejected):
                    out.append(None)
                    continue
            if current is not None:
                replaced.add((from_id, to_id))
            link = Link(from_id=from_id, to_id=to_id, stance=stance, origin=origin, reason=reason, by=by, at=now())
            state[(from_id, to_id)] = link
            written.append(link)
            out.append(link)
        if written:
            rows = [_link_values(link) for link in written]
            conn.execute(sa.insert(schema.link_events), rows)
            if replaced:
                pair = sa.and_(lk.c.from_id == sa.bindparam("b_from"), lk.c.to_id == sa.bindparam("b_to"))
                conn.execute(sa.delete(lk).where(pair), [{"b_from": f, "b_to": t} for f, t in sorted(replaced)])
            # The last event per pair is its current state.
            conn.execute(sa.insert(lk), list({(r["from_id"], r["to_id"]): r for r in rows}.values()))
            # A link changes only its target's status. Targets that merely gained links climb from their
            # stored status; a replaced link may lower one, so those are derived again from all their links.
            rederive = {t for _, t in replaced}
            self._refresh(conn, rederive)
            self._escalate(conn, [link for link in written if link.to_id not in rederive])
        return out

    def reject_link(
        self, from_id: str, to_id: str, *, by: str | None = None, conn: sa.Connection | None = None
    ) -> Link:
        """Record that a link is wrong. It stays rejected when linking runs again."""
        with self._tx(conn) as c:
            from_id, to_id = self.claim_id(from_id, c), self.claim_id(to_id, c)
            current = self.current_link(from_id, to_id, c)
            if current is None:
                reverse = self.current_link(to_id, from_id, c)
                if reverse is not None and not reverse.rejected:
                    from_id, to_id, current = to_id, from_id, reverse
            link = Link(
                from_id=from_id,
                to_id=to_id,
                stance=current.stance if current else None,
                origin="manual",
                rejected=True,
                by=by,
                at=now(),
            )
            self._record_link(c, link)
            self._refresh(c, [from_id, to_id])
        return link

    def remove_auto_links(self, claim_ids: Iterable[str], conn: sa.Connection) -> int:
        """Drop the current automatic links touching these claims (relinking recomputes them).

        The events stay in the history; rejections and manual links are untouched.
        """
        lk = schema.links
        ids = list(claim_ids)
        count = 0
        touched: set[str] = set()
        for chunk in _chunks(ids):
            cond = sa.and_(
                lk.c.origin == "auto",
                lk.c.rejected == 0,
                sa.or_(among(conn, lk.c.from_id, chunk), among(conn, lk.c.to_id, chunk)),
            )
            for row in conn.execute(sa.select(lk.c.from_id, lk.c.to_id).where(cond)):
                touched.update(row)
            count += conn.execute(sa.delete(lk).where(cond)).rowcount or 0
        self._refresh(conn, touched)
        return count

    def _record_link(self, conn: sa.Connection, link: Link) -> None:
        values = _link_values(link)
        conn.execute(sa.insert(schema.link_events).values(**values))
        lk = schema.links
        conn.execute(sa.delete(lk).where(lk.c.from_id == link.from_id, lk.c.to_id == link.to_id))
        conn.execute(sa.insert(lk).values(**values))

    # -- verdicts -------------------------------------------------------------------
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
        conn: sa.Connection | None = None,
    ) -> Verdict:
        """Append a verdict; the newest one is the claim's verdict."""
        if rating not in RATINGS:
            raise InvalidInput(f"unknown rating {rating!r}: use one of {', '.join(RATINGS)}")
        with self._tx(conn) as c:
            cid = self.claim_id(claim_id, c)
            verdict = Verdict(
                claim_id=cid,
                rating=rating,
                rationale=rationale,
                by=by,
                at=at or now(),
                evidence=list(evidence),
                label=label,
            )
            c.execute(
                sa.insert(schema.verdicts).values(
                    claim_id=cid,
                    rating=rating,
                    label=verdict.label,  # the model's values: NUL and lone surrogates normalised
                    rationale=verdict.rationale,
                    by=verdict.by,
                    at=_iso(verdict.at),
                    evidence=json.dumps(verdict.evidence),
                )
            )
            self._refresh(c, [cid])
        return verdict

    # -- status ---------------------------------------------------------------------
    def _refresh(self, conn: sa.Connection, ids: Iterable[str]) -> None:
        """Recompute the derived status of these claims from their links and verdicts."""
        ids = sorted(set(ids))
        if not ids:
            return
        t, lk, v = schema.claims, schema.links, schema.verdicts
        changed: list[dict[str, str]] = []
        for chunk in _chunks(ids):
            rows = conn.execute(sa.select(t.c.id, t.c.claimant, t.c.status).where(among(conn, t.c.id, chunk))).all()
            claimants = {r[0]: r[1] for r in rows}
            current = {r[0]: r[2] for r in rows}
            rated = {
                r[0] for r in conn.execute(sa.select(v.c.claim_id).where(among(conn, v.c.claim_id, chunk)).distinct())
            }
            src = _SRC_CLAIMS
            incoming: dict[str, list[IncomingLink]] = {}
            query = (
                sa.select(lk.c.to_id, lk.c.stance, src.c.claimant)
                .join(src, src.c.id == lk.c.from_id)
                .where(among(conn, lk.c.to_id, chunk), lk.c.rejected == 0)
            )
            for to_id, stance, claimant in conn.execute(query):
                incoming.setdefault(to_id, []).append(IncomingLink(stance=stance, from_claimant=claimant))
            for cid, claimant in claimants.items():
                status = derive_status(claimant, cid in rated, incoming.get(cid, []))
                if status != current[cid]:
                    changed.append({"b_id": cid, "b_status": status})
        _set_status(conn, changed)

    def _escalate(self, conn: sa.Connection, added: Sequence[Link]) -> None:
        """Update the status of the targets of newly added (not replaced) links with `status.escalate`.

        Exact because every write refreshes the stored status in its own transaction, so it
        always agrees with the claim's links and verdicts; one read of the claims involved
        replaces reading every link into a popular claim.
        """
        added = [link for link in added if not link.rejected]
        if not added:
            return
        t = schema.claims
        ids = sorted({i for link in added for i in (link.from_id, link.to_id)})
        known: dict[str, tuple[str | None, str]] = {}
        for chunk in _chunks(ids):
            for cid, claimant, current in conn.execute(
                sa.select(t.c.id, t.c.claimant, t.c.status).where(among(conn, t.c.id, chunk))
            ):
                known[cid] = (claimant, current)
        incoming: dict[str, list[IncomingLink]] = {}
        for link in added:
            incoming.setdefault(link.to_id, []).append(IncomingLink(link.stance, known[link.from_id][0]))
        changed: list[dict[str, str]] = []
        for cid, links in incoming.items():
            claimant, current = known[cid]
            status = escalate(current, claimant, links)
            if status != current:
                changed.append({"b_id": cid, "b_status": status})
        _set_status(conn, changed)

    def refresh_status(self, ids: Iterable[str], conn: sa.Connection | None = None) -> None:
        with self._tx(conn) as c:
            self._refresh(c, ids)

    # -- report support -------------------------------------------------------------
    def evidence_for(self, conn: sa.Connection, claim: Claim) -> list[Evidence]:
        """The claims linked to `claim`, with stance, in claim-date order."""
        lk = schema.links
        rows = conn.execute(
            sa.select(lk).where(sa.or_(lk.c.from_id == claim.id, lk.c.to_id == claim.id), lk.c.rejected == 0)
        ).mappings()
        rows = list(rows)
        other_ids = [r["to_id"] if r["from_id"] == claim.id else r["from_id"] for r in rows]
        others = {c.id: c for c in self.hydrate(conn, other_ids)}
        evidence = []
        for row, oid in zip(rows, other_ids, strict=True):
            if oid not in others:
                continue
            evidence.append(
                Evidence(
                    claim=others[oid],
                    stance=row["stance"],
                    origin=row["origin"],
                    direction="from" if row["to_id"] == claim.id else "to",
                    reason=json.loads(row["reason"]) if row["reason"] else None,
                    note=row["note"],
                )
            )
        return sorted(evidence, key=_evidence_key)

    def evidence_for_many(self, conn: sa.Connection, claims: Sequence[Claim]) -> dict[str, list[Evidence]]:
        """`evidence_for` of many claims in a few queries (a report over thousands of claims).

        Per claim, the same list `evidence_for` returns; one links query per chunk
        and one `hydrate` of all the linked claims instead of a round per claim.
        """
        lk = schema.links
        ids = list(dict.fromkeys(c.id for c in claims))
        wanted = set(ids)
        rows: dict[tuple[str, str], Any] = {}
        for chunk in _chunks(ids):
            cond = sa.and_(sa.or_(among(conn, lk.c.from_id, chunk), among(conn, lk.c.to_id, chunk)), lk.c.rejected == 0)
            for row in conn.execute(sa.select(lk).where(cond)).mappings():
                rows[(row["from_id"], row["to_id"])] = row
        pairs = [(f, t, r) for (f, t), r in rows.items() if f in wanted] + [
            (t, f, r) for (f, t), r in rows.items() if t in wanted
        ]
        others = {c.id: c for c in self.hydrate(conn, list(dict.fromkeys(o for _, o, _ in pairs)))}
        out: dict[str, list[Evidence]] = {cid: [] for cid in ids}
        for cid, oid, row in pairs:
            if oid not in others:
                continue
            out[cid].append(
                Evidence(
                    claim=others[oid],
                    stance=row["stance"],
                    origin=row["origin"],
                    direction="from" if row["to_id"] == cid else "to",
                    reason=json.loads(row["reason"]) if row["reason"] else None,
                    note=row["note"],
                )
            )
        return {cid: sorted(found, key=_evidence_key) for cid, found in out.items()}

    def verdict_history(self, conn: sa.Connection, claim_id: str) -> list[Verdict]:
        v = schema.verdicts
        return [
            _verdict(r) for r in conn.execute(sa.select(v).where(v.c.claim_id == claim_id).order_by(v.c.id)).mappings()
        ]

    @contextmanager
    def _read_or(self, conn: sa.Connection | None) -> Iterator[sa.Connection]:
        if conn is not None:
            yield conn
        else:
            with self.read() as c:
                yield c


# Built once: an alias copies every column, which costs more than the query it serves.
_SRC_CLAIMS = schema.claims.alias("src")

# Hooks run inside `add_claims`' transaction with the stored claims: the
# retrieval index registers itself here, so the ledger needs no NLP knowledge.
CLAIM_HOOKS: list[Any] = []
index.install_hook(CLAIM_HOOKS)


def _evidence_key(e: Evidence) -> tuple[int, str, str]:
    date = e.claim.claim_date
    return (0 if date else 1, date.sort_key() if date else "", e.claim.id)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off the cyclic garbage collector while building many objects at once.

    Hydrating thousands of claims allocates hundreds of thousands of small
    objects, and the allocation bursts trigger collections that walk the whole
    (growing) heap again and again: a fifth of a report's time on a
    million-claim ledger. Nothing is lost by collecting later (cycles, if any,
    are found by the next full collection).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Promote what was built to the oldest generation (freeze + unfreeze) first: left in the youngest,
            # it would all be walked by the very next collection, which is most of what pausing saved.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _set_status(conn: sa.Connection, changed: list[dict[str, str]]) -> None:
    """One executemany for the claims whose status changed (a statement per claim was most of linking's SQL)."""
    if changed:
        t = schema.claims
        conn.execute(
            sa.update(t).where(t.c.id == sa.bindparam("b_id")).values(status=sa.bindparam("b_status")), changed
        )


T = TypeVar("T")


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def claim_row(claim: Claim) -> dict[str, Any]:
    """The claims-table row for a claim (also used by bulk loaders)."""
    date = claim.claim_date
    return {
        "id": claim.id,
        "text": claim.text,
        "claimant": claim.claimant,
        "claimant_key": claimant_key(claim.claimant),
        "claimant_role": claim.claimant_role,
        "claim_date": str(date) if date else None,
        "date_start": date.start.isoformat() if date else None,
        "date_end": date.end.isoformat() if date else None,
        "event_dates": json.dumps([str(d) for d in claim.event_dates]),
        "polarity": claim.polarity,
        "quote": claim.quote,
        "source_id": claim.source_id,
        "span_start": claim.span[0] if claim.span else None,
        "span_end": claim.span[1] if claim.span else None,
        "entities": json.dumps(sorted(set(claim.entities))),
        "checkworthiness": claim.checkworthiness,
        "cue": claim.cue,
        "lemmas": " ".join(claim.lemmas),
        "status": claim.status,
        "created_at": _iso(claim.created_at),
    }


def _claim(row: Any, **extra: Any) -> Claim:
    """A claim from its row; `extra` sets the fields read from other tables (verdict, source, links...)."""
    span = (row["span_start"], row["span_end"]) if row["span_start"] is not None else None
    return Claim(
        id=row["id"],
        text=row["text"],
        claimant=row["claimant"],
        claimant_role=row["claimant_role"],
        claim_date=_pd(row["claim_date"]),
        event_dates=[PartialDate(d) for d in json.loads(row["event_dates"] or "[]")],
        polarity=row["polarity"],
        quote=row["quote"],
        source_id=row["source_id"],
        span=span,
        entities=json.loads(row["entities"] or "[]"),
        checkworthiness=row["checkworthiness"],
        cue=row["cue"],
        lemmas=(row["lemmas"] or "").split(),
        status=row["status"],
        created_at=_dt(row["created_at"]),
        **extra,
    )


def _source(row: Any) -> Source:
    return Source(
        id=row["id"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        author=row["author"],
        published=_pd(row["published"]),
        parent_id=row["parent_id"],
        kind=row["kind"],
        text=row.get("text") or "",
        content_hash=row["content_hash"],
        revision_of=row["revision_of"],
        path=row["path"],
        created_at=_dt(row["created_at"]),
    )


def _verdict(row: Any) -> Verdict:
    return Verdict(
        claim_id=row["claim_id"],
        rating=row["rating"],
        rationale=row["rationale"],
        by=row["by"],
        at=_dt(row["at"]),
        evidence=json.loads(row["evidence"] or "[]"),
        label=row["label"],
    )


def _link_values(link: Link) -> dict[str, Any]:
    """The link_events / links row for a link event."""
    return {
        "from_id": link.from_id,
        "to_id": link.to_id,
        "stance": link.stance,
        "origin": link.origin,
        "rejected": int(link.rejected),
        "note": link.note,
        "reason": json.dumps(link.reason, sort_keys=True) if link.reason else None,
        "by": link.by,
        "at": _iso(link.at),
    }


def _link(row: Any) -> Link:
    return Link(
        from_id=row["from_id"],
        to_id=row["to_id"],
        stance=row["stance"],
        origin=row["origin"],
        rejected=bool(row["rejected"]),
        note=row["note"],
        reason=json.loads(row["reason"]) if row["reason"] else None,
        by=row["by"],
        at=_dt(row["at"]),
    )
