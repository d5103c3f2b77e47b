"""The ledger's tables, as SQLAlchemy Core metadata.

Dates are stored three ways: the `PartialDate` string as given, and its first
and last instant as ISO text, so range filters and ordering use plain indexed
string comparison on both SQLite and PostgreSQL. JSON-ish lists are stored as
JSON text for portability.

This module describes the *current* schema; `migrations.py` is what creates and
upgrades it, one named step at a time.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()

migrations = sa.Table(
    "ct_migrations",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("applied_at", sa.Text, nullable=False),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("published", sa.Text),
    sa.Column("published_start", sa.Text),
    sa.Column("parent_id", sa.Text),
    sa.Column("kind", sa.Text, nullable=False, server_default="article"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("revision_of", sa.Text),
    sa.Column("path", sa.Text),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Index("ix_sources_hash", "content_hash"),
    sa.Index("ix_sources_url", "url"),
    sa.Index("ix_sources_parent", "parent_id"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("claimant", sa.Text),
    sa.Column("claimant_key", sa.Text),
    sa.Column("claimant_role", sa.Text),
    sa.Column("claim_date", sa.Text),
    sa.Column("date_start", sa.Text),
    sa.Column("date_end", sa.Text),
    sa.Column("event_dates", sa.Text, nullable=False, server_default="[]"),
    sa.Column("polarity", sa.Text, nullable=False, server_default="affirmed"),
    sa.Column("quote", sa.Text, nullable=False, server_default="none"),
    sa.Column("source_id", sa.Text),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("entities", sa.Text, nullable=False, server_default="[]"),
    sa.Column("checkworthiness", sa.Float, nullable=False, server_default="1.0"),
    sa.Column("cue", sa.Text),
    sa.Column("lemmas", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.Text, nullable=False, server_default="unverified"),
    sa.Column("created_at", sa.Text, nullable=False),
    # Curation (append-only: the claim_events history says who, when and why). A retracted claim or one
    # merged into another is hidden from lists, reports, linking and statuses, never deleted.
    sa.Column("retracted", sa.Integer, nullable=False, server_default="0", info={"since": "0004_curation"}),
    sa.Column("merged_into", sa.Text, info={"since": "0004_curation"}),
    sa.Index("ix_claims_status_date", "status", "date_start"),
    sa.Index("ix_claims_date", "date_start"),
    sa.Index("ix_claims_claimant", "claimant_key"),
    sa.Index("ix_claims_source", "source_id"),
    # Partial: almost no claim is merged, and a full index of NULLs reads to the planner as useless.
    # The condition is in `info`, not `sqlite_where=`/`postgresql_where=` (see `create_index`).
    sa.Index(
        "ix_claims_merged_into", "merged_into", info={"since": "0004_curation", "where": "merged_into IS NOT NULL"}
    ),
)

claim_entities = sa.Table(
    "claim_entities",
    metadata,
    sa.Column("entity", sa.Text, nullable=False),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("entity", "claim_id"),
    sa.Index("ix_claim_entities_claim", "claim_id"),
)

appearances = sa.Table(
    "appearances",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.Column("source_id", sa.Text),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.Column("claim_date", sa.Text),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Index("ix_appearances_claim", "claim_id"),
)

# Append-only history of every link decision (manual, automatic, suggested, accepted, rejection, removal).
link_events = sa.Table(
    "link_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("from_id", sa.Text, nullable=False),
    sa.Column("to_id", sa.Text, nullable=False),
    sa.Column("stance", sa.Text),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("rejected", sa.Integer, nullable=False, server_default="0"),
    sa.Column("note", sa.Text),
    sa.Column("reason", sa.Text),
    sa.Column("by", sa.Text),
    sa.Column("at", sa.Text, nullable=False),
    # 1 when the event withdrew the pair's machine link (relink, re-ingest): the link stopped being
    # found. `links` has no such column: a withdrawn pair has no current link.
    sa.Column("removed", sa.Integer, nullable=False, server_default="0", info={"since": "0005_review"}),
    sa.Index("ix_link_events_pair", "from_id", "to_id"),
    sa.Index("ix_link_events_at", "at", info={"since": "0003_claim_events"}),
)

# The current state of each claim pair: the latest event that decides it.
links = sa.Table(
    "links",
    metadata,
    sa.Column("from_id", sa.Text, nullable=False),
    sa.Column("to_id", sa.Text, nullable=False),
    sa.Column("stance", sa.Text),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("rejected", sa.Integer, nullable=False, server_default="0"),
    sa.Column("note", sa.Text),
    sa.Column("reason", sa.Text),
    sa.Column("by", sa.Text),
    sa.Column("at", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("from_id", "to_id"),
    sa.Index("ix_links_to", "to_id"),
    # The review queue reads the pending suggestions, newest first.
    sa.Index("ix_links_origin_at", "origin", "at", info={"since": "0005_review"}),
)

verdicts = sa.Table(
    "verdicts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.Column("rating", sa.Text, nullable=False),
    sa.Column("label", sa.Text),
    sa.Column("rationale", sa.Text),
    sa.Column("by", sa.Text),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False, server_default="[]"),
    # The published fact-check a verdict stands for (ClaimReview's url, headline and datePublished).
    sa.Column("review_url", sa.Text, info={"since": "0006_verdict_review"}),
    sa.Column("review_title", sa.Text, info={"since": "0006_verdict_review"}),
    sa.Column("published", sa.Text, info={"since": "0006_verdict_review"}),
    sa.Index("ix_verdicts_claim", "claim_id", "id"),
    sa.Index("ix_verdicts_at", "at", info={"since": "0003_claim_events"}),
)

# Append-only history of every change to a claim itself (edit, retract, merge, revision...).
# Links and verdicts keep their own append-only tables; `claims.history` reads all three.
claim_events = sa.Table(
    "claim_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("by", sa.Text),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
    sa.Index("ix_claim_events_claim", "claim_id", "id"),
    sa.Index("ix_claim_events_at", "at"),
    info={"since": "0003_claim_events"},
)

# Accounts for the web desk and the JSON API (`claims.users`). Only hashes are stored: argon2 for
# passwords, SHA-256 for API tokens and session ids (both are long random strings, so a fast hash suffices).
users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("disabled", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.Text, nullable=False),
    info={"since": "0007_users"},
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token_hash", sa.Text, nullable=False),
    sa.Column("prefix", sa.Text, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("label", sa.Text),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("last_used", sa.Text),
    sa.Column("revoked_at", sa.Text),
    sa.Index("ix_api_tokens_hash", "token_hash", unique=True),
    sa.Index("ix_api_tokens_user", "user_name"),
    info={"since": "0007_users"},
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id_hash", sa.Text, primary_key=True),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("csrf_token", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("expires_at", sa.Text, nullable=False),
    sa.Index("ix_sessions_user", "user_name"),
    info={"since": "0007_users"},
)

saved_filters = sa.Table(
    "saved_filters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Index("ix_saved_filters_user_name", "user_name", "name", unique=True),
    info={"since": "0007_users"},
)

# Append-only: each row says "this name (alias_key) is now that person (canonical_key)". A name's current
# mapping is its newest row; canonical keys are always roots (writers flatten chains), so one lookup resolves.
claimant_aliases = sa.Table(
    "claimant_aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("alias_key", sa.Text, nullable=False),
    sa.Column("canonical", sa.Text, nullable=False),
    sa.Column("canonical_key", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False, server_default="alias"),
    sa.Column("by", sa.Text),
    sa.Column("at", sa.Text, nullable=False),
    sa.Index("ix_claimant_aliases_alias", "alias_key", "id"),
    sa.Index("ix_claimant_aliases_canonical", "canonical_key"),
    info={"since": "0004_curation"},
)

CLAIMTRACK_TABLES = ("ct_migrations", "sources", "claims", "links", "verdicts")


def partial_where(ix: sa.Index, dialect: str) -> dict[str, Any]:
    """The `<dialect>_where=` argument of a partial index (its `info["where"]`), or nothing.

    Declaring `postgresql_where=` on the Index itself makes SQLAlchemy load the
    PostgreSQL dialect to check the argument when this module is imported: a
    tenth of every SQLite command's start-up. Given only when an index is made,
    the condition costs a backend that is already loaded.
    """
    where = ix.info.get("where")
    return {f"{dialect}_where": sa.text(where)} if where else {}


def create_index(ix: sa.Index, conn: sa.Connection) -> None:
    """Create `ix` on this connection's database, with its partial-index condition in the connection's dialect."""
    ix.dialect_kwargs.update(partial_where(ix, conn.dialect.name))
    ix.create(conn)
