"""Sources: the documents claims come from. Stored once per content; revisions point at their predecessor."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from claims import schema
from claims.errors import InvalidInput
from claims.lookup import source_id
from claims.models import Source, SourceRef
from claims.rows import chunks, now, parse_pd, source_row, to_source
from claims.sql import among


def find_source(content_hash: str, *, conn: sa.Connection) -> Source | None:
    """The stored source with exactly this content, if any."""
    query = sa.select(schema.sources).where(schema.sources.c.content_hash == content_hash).limit(1)
    row = conn.execute(query).mappings().first()
    return to_source(row) if row else None


def latest_revision(url: str, *, conn: sa.Connection) -> Source | None:
    """The newest stored source at this URL (top-level sources only)."""
    t = schema.sources
    query = (
        sa.select(t)
        .where(t.c.url == url, t.c.parent_id.is_(None))
        .order_by(t.c.created_at.desc(), t.c.id.desc())
        .limit(1)
    )
    row = conn.execute(query).mappings().first()
    return to_source(row) if row else None


def add_source(source: Source, *, conn: sa.Connection) -> Source:
    """Store a source as given (id and content hash must be set); return it."""
    if not source.id or not source.content_hash:
        raise InvalidInput("a source needs an id and a content hash")
    created = source.created_at or now()
    conn.execute(sa.insert(schema.sources).values(**source_row(source, created)))
    return source.model_copy(update={"created_at": created})


def get_source(prefix: str, *, conn: sa.Connection) -> Source:
    sid = source_id(prefix, conn=conn)
    return to_source(conn.execute(sa.select(schema.sources).where(schema.sources.c.id == sid)).mappings().one())


def list_sources(*, with_text: bool, conn: sa.Connection) -> list[Source]:
    """Every source, by publication date (undated first), then arrival."""
    t = schema.sources
    cols = [c for c in t.columns if with_text or c.name != "text"]
    query = sa.select(*cols).order_by(sa.func.coalesce(t.c.published_start, ""), t.c.created_at, t.c.id)
    return [to_source(r) for r in conn.execute(query).mappings()]


def sources_by_id(ids: Iterable[str], *, conn: sa.Connection) -> dict[str, Source]:
    """The sources with these ids, without their text."""
    t = schema.sources
    cols = [c for c in t.columns if c.name != "text"]
    out: dict[str, Source] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in conn.execute(sa.select(*cols).where(among(conn, t.c.id, chunk))).mappings():
            out[row["id"]] = to_source(row)
    return out


def source_refs(ids: Iterable[str], *, conn: sa.Connection) -> dict[str, SourceRef]:
    """`sources_by_id(...)[id].ref()` for each id, reading only the columns a reference shows."""
    t = schema.sources
    cols = (t.c.id, t.c.title, t.c.url, t.c.outlet, t.c.published)
    out: dict[str, SourceRef] = {}
    for chunk in chunks(sorted(set(ids))):
        for sid, title, url, outlet, published in conn.execute(sa.select(*cols).where(among(conn, t.c.id, chunk))):
            out[sid] = SourceRef(id=sid or None, title=title, url=url, outlet=outlet, published=parse_pd(published))
    return out
